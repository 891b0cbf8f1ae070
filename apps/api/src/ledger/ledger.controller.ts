import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@meritflow/domain';
import { ReadsOnly } from '../common/reads-only';
import { CurrentActor } from '../common/actor.decorator';
import { CaseIdPipe } from '../common/param-pipes';
import { ChainDigestDto, DigestQuery } from './dto/chain-digest.dto';
import { LedgerService } from './ledger.service';
import { Roles } from '../auth/access.decorators';
import { LEDGER_AUDITORS } from '../auth/endpoint-roles';

@ApiTags('ledger')
@ApiConflictResponse({ description: 'Only auditors and administrators may (ROLE_NOT_ALLOWED)' })
@Controller('v1/ledger')
export class LedgerController {
  constructor(private readonly ledger: LedgerService) {}

  @Roles(...LEDGER_AUDITORS)
  @Get('verify')
  @ApiOperation({ summary: "Recompute every case's hash chain in the database; the first broken link per case, and every head" })
  verifyAll(@CurrentActor() actor: Actor) {
    return this.ledger.verify(actor, null);
  }

  @Roles(...LEDGER_AUDITORS)
  @Get('verify/:caseId')
  @ApiOperation({ summary: "Recompute one case's hash chain (its root workflow id)" })
  @ApiNotFoundResponse({ description: 'The case has no rows in the ledger' })
  verifyCase(@CurrentActor() actor: Actor, @Param('caseId', CaseIdPipe) caseId: string) {
    return this.ledger.verify(actor, caseId);
  }

  @Roles(...LEDGER_AUDITORS)
  @Get('digest')
  @ApiOperation({
    summary: 'The chain heads of every case (or one), signed with Ed25519; keep it outside the database',
    description:
      'Checked later with POST /v1/ledger/digest/check or `npm run ledger:verify -- --digest`, it exposes rows removed from the end of a case.',
  })
  digest(@CurrentActor() actor: Actor, @Query() q: DigestQuery) {
    return this.ledger.digest(actor, q.caseId ?? null);
  }

  @Roles(...LEDGER_AUDITORS)
  @Post('digest/check')
  @ReadsOnly()
  @HttpCode(200)
  @ApiOperation({ summary: 'Was this digest signed by this server as it is, and does the ledger still reach every head in it?' })
  @ApiOkResponse({ description: '`intact` is false when the signature fails or a case was truncated, rewritten or removed' })
  check(@CurrentActor() actor: Actor, @Body() dto: ChainDigestDto) {
    return this.ledger.check(actor, dto);
  }
}
