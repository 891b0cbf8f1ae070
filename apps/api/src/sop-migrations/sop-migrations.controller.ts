import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@meritflow/domain';
import { Roles } from '../auth/access.decorators';
import { listScope } from '../auth/case-scope';
import { SOP_MIGRATION_ADMINS } from '../auth/endpoint-roles';
import { CurrentActor } from '../common/actor.decorator';
import { ApiErrors, DECISION_ERRORS } from '../common/api-errors';
import { DecideMigrationDto, ListMigrationsQuery, MigrationImpactQuery, RequestMigrationDto } from './dto/sop-migration.dto';
import { SopMigrationsService } from './sop-migrations.service';

const MIGRATION_ERRORS = [
  ...DECISION_ERRORS,
  'SOP_VERSION_UNKNOWN',
  'SOP_MIGRATION_UNKNOWN',
  'SOP_MIGRATION_STEP_UNMAPPED',
  'SOP_MIGRATION_CHILD_RUNNING',
  'SOP_MIGRATION_NOT_REQUESTED',
  'FOUR_EYES_REQUIRED',
  'CASE_NOT_RUNNING',
  'EVIDENCE_NOT_FOUND',
] as const;

@ApiTags('sop-migrations')
@Controller('v1/sop-migrations')
export class SopMigrationsController {
  constructor(private readonly migrations: SopMigrationsService) {}

  @Roles(...SOP_MIGRATION_ADMINS)
  @Get()
  @ApiErrors('VALIDATION_FAILED')
  @ApiOperation({
    summary:
      'Keep-or-migrate batches by status (status=pending: waiting for a second administrator), oldest first, each with its cases; an agency administrator sees only batches wholly of their agency',
  })
  list(@CurrentActor() actor: Actor, @Query() q: ListMigrationsQuery) {
    return this.migrations.pending({ ...q, agencyCode: listScope(actor, q.agencyCode) });
  }

  @Roles(...SOP_MIGRATION_ADMINS)
  @Get('impact')
  @ApiErrors('VALIDATION_FAILED', 'SOP_VERSION_UNKNOWN')
  @ApiOperation({ summary: 'Running cases on older versions of an SOP, each with its step and whether the mapping lets it move' })
  impact(@CurrentActor() actor: Actor, @Query() q: MigrationImpactQuery) {
    return this.migrations.impact({ ...q, agencyCode: listScope(actor, q.agencyCode) });
  }

  @Roles(...SOP_MIGRATION_ADMINS)
  @Post()
  @ApiErrors(...MIGRATION_ERRORS)
  @ApiOperation({ summary: 'Ask to keep or migrate one running case or a batch, citing the uploaded legal basis (first person)' })
  request(@CurrentActor() actor: Actor, @Body() dto: RequestMigrationDto) {
    return this.migrations.request(actor, dto);
  }

  @Roles(...SOP_MIGRATION_ADMINS)
  @Post(':batchId/approve')
  @HttpCode(200)
  @ApiErrors(...MIGRATION_ERRORS)
  @ApiOperation({ summary: 'A second administrator approves the batch; each case then migrates itself (Update, continue-as-new)' })
  approve(@CurrentActor() actor: Actor, @Param('batchId') batchId: string, @Body() dto: DecideMigrationDto) {
    return this.migrations.decide(actor, batchId, 'approve', dto);
  }

  @Roles(...SOP_MIGRATION_ADMINS)
  @Post(':batchId/reject')
  @HttpCode(200)
  @ApiErrors(...MIGRATION_ERRORS)
  @ApiOperation({ summary: 'A second administrator rejects the batch; the cases stay on their version' })
  reject(@CurrentActor() actor: Actor, @Param('batchId') batchId: string, @Body() dto: DecideMigrationDto) {
    return this.migrations.decide(actor, batchId, 'reject', dto);
  }
}
