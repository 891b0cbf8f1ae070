import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@meritflow/domain';
import { CurrentActor } from '../common/actor.decorator';
import { ApiErrors } from '../common/api-errors';
import { PatternPipe } from '../common/param-pipes';
import { Roles } from '../auth/access.decorators';
import { REGISTER_EDITOR_ROLES, REGISTER_READER_ROLES } from '../auth/endpoint-roles';
import { PersonCasesQuery } from './dto/register-reference.dto';
import { AgencyQuery, PeopleQuery, ProfileQuery, RecordEventsDto, RegisterPersonDto } from './dto/register.dto';
import { RegisterProfileService } from './register-profile.service';
import { RegisterService } from './register.service';

const NipPipe = new PatternPipe('nip', (v) => /^\d{18}$/.test(v), { id: '18 digit NIP atau NI PPPK', en: 'an 18-digit NIP or NI PPPK' });

@ApiTags('register')
@Controller('v1/register/people')
export class RegisterController {
  constructor(
    private readonly register: RegisterService,
    private readonly profiles: RegisterProfileService,
  ) {}

  @Roles(...REGISTER_READER_ROLES)
  @Get()
  @ApiOperation({ summary: 'Search the agency’s officials by name, NIP, unit, grade, post or post type, with paging' })
  search(@CurrentActor() actor: Actor, @Query() q: PeopleQuery) {
    return this.register.search(actor, q);
  }

  @Roles(...REGISTER_EDITOR_ROLES)
  @Post()
  @ApiErrors('VALIDATION_FAILED', 'PERSON_ALREADY_REGISTERED')
  @ApiOperation({
    summary:
      'Register an official (PNS or PPPK, or an externally sourced candidate with evidence), optionally with their history; all or nothing',
  })
  create(@CurrentActor() actor: Actor, @Body() dto: RegisterPersonDto) {
    return this.register.registerPerson(actor, dto);
  }

  @Roles(...REGISTER_READER_ROLES)
  @Get(':nip')
  @ApiErrors('PERSON_NOT_FOUND')
  @ApiOperation({
    summary:
      'An official’s profile as of a date (default today), derived from the register’s events, with the competency gap against the post held (and ?postCode=) and the cases they took part in',
  })
  profile(@CurrentActor() actor: Actor, @Param('nip', NipPipe) nip: string, @Query() q: ProfileQuery) {
    return this.profiles.profile(actor, nip, q);
  }

  @Roles(...REGISTER_READER_ROLES)
  @Get(':nip/cases')
  @ApiErrors('PERSON_NOT_FOUND')
  @ApiOperation({
    summary:
      'The cases an official took part in (candidate, committee member, assessor, moved official, decider) that the agency reaches, newest first',
  })
  cases(@CurrentActor() actor: Actor, @Param('nip', NipPipe) nip: string, @Query() q: PersonCasesQuery) {
    return this.profiles.cases(actor, nip, q);
  }

  @Roles(...REGISTER_READER_ROLES)
  @Get(':nip/events')
  @ApiErrors('PERSON_NOT_FOUND')
  @ApiOperation({ summary: 'Every recorded change to an official’s record: who, in what role, why, on what evidence, when' })
  events(@CurrentActor() actor: Actor, @Param('nip', NipPipe) nip: string, @Query() q: AgencyQuery) {
    return this.register.events(actor, nip, q);
  }

  @Roles(...REGISTER_EDITOR_ROLES)
  @Post(':nip/events')
  @ApiErrors('VALIDATION_FAILED', 'PERSON_NOT_FOUND')
  @ApiOperation({
    summary:
      'Record changes (rank, post, education, rating, sanction, assessment, credential, 9-box, retraction); checked in order, all or nothing',
  })
  record(@CurrentActor() actor: Actor, @Param('nip', NipPipe) nip: string, @Body() dto: RecordEventsDto) {
    return this.register.recordEvents(actor, nip, dto);
  }
}
