import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { BUSINESS_CODE_PATTERN, type Actor } from '@meritflow/domain';
import { CurrentActor } from '../common/actor.decorator';
import { ApiErrors } from '../common/api-errors';
import { PatternPipe } from '../common/param-pipes';
import { Roles } from '../auth/access.decorators';
import { REGISTER_EDITOR_ROLES, REGISTER_READER_ROLES } from '../auth/endpoint-roles';
import { PostsQuery, PutPostDto, PutUnitDto, RegisterChangesQuery } from './dto/register-reference.dto';
import { AgencyQuery } from './dto/register.dto';
import { RegisterReferenceService } from './register-reference.service';

const UnitCodePipe = new PatternPipe('unitCode', (v) => BUSINESS_CODE_PATTERN.test(v), { id: 'kode unit', en: 'a unit code' });
const PostCodePipe = new PatternPipe('postCode', (v) => BUSINESS_CODE_PATTERN.test(v), { id: 'kode jabatan', en: 'a post code' });

@ApiTags('register')
@Controller('v1/register')
export class RegisterReferenceController {
  constructor(private readonly reference: RegisterReferenceService) {}

  @Roles(...REGISTER_READER_ROLES)
  @Get('units')
  @ApiOperation({ summary: 'The agency’s organisational units' })
  units(@CurrentActor() actor: Actor, @Query() q: AgencyQuery) {
    return this.reference.units(actor, q);
  }

  @Roles(...REGISTER_EDITOR_ROLES)
  @Put('units/:unitCode')
  @ApiErrors('VALIDATION_FAILED')
  @ApiOperation({ summary: 'Register or change a unit of the agency (its parent must be one of its units); recorded with the reason' })
  putUnit(@CurrentActor() actor: Actor, @Param('unitCode', UnitCodePipe) code: string, @Body() dto: PutUnitDto) {
    return this.reference.putUnit(actor, code, dto);
  }

  @Roles(...REGISTER_READER_ROLES)
  @Get('posts')
  @ApiOperation({ summary: 'The agency’s posts with their competency standards, optionally of one unit or post type' })
  posts(@CurrentActor() actor: Actor, @Query() q: PostsQuery) {
    return this.reference.posts(actor, q);
  }

  @Roles(...REGISTER_READER_ROLES)
  @Get('posts/:postCode')
  @ApiErrors('POST_NOT_FOUND')
  @ApiOperation({ summary: 'One post of the agency with its competency standard' })
  post(@CurrentActor() actor: Actor, @Param('postCode', PostCodePipe) code: string, @Query() q: AgencyQuery) {
    return this.reference.post(actor, code, q);
  }

  @Roles(...REGISTER_EDITOR_ROLES)
  @Put('posts/:postCode')
  @ApiErrors('VALIDATION_FAILED')
  @ApiOperation({
    summary:
      'Register or change a post and its competency standard (each competency once, level 1–5; the unit one of the agency’s); recorded with the reason',
  })
  putPost(@CurrentActor() actor: Actor, @Param('postCode', PostCodePipe) code: string, @Body() dto: PutPostDto) {
    return this.reference.putPost(actor, code, dto);
  }

  @Roles(...REGISTER_READER_ROLES)
  @Get('reference-changes')
  @ApiOperation({ summary: 'Every recorded change to the agency’s units and posts, oldest first: before, after, why, who' })
  changes(@CurrentActor() actor: Actor, @Query() q: RegisterChangesQuery) {
    return this.reference.changes(actor, q);
  }
}
