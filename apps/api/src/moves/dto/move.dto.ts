import { IsCalendarDate } from '../../common/date.validators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { BUSINESS_CODE_PATTERN, GOLONGAN_CODES, MOVE_KINDS, MUTATION_SCOPES, POSITION_CLASSES } from '@meritflow/domain';
import { BULK_MOVE_MAX_PEOPLE, BULK_MOVE_PAGE_MAX, VACANCY_WORKFLOW_ID_PATTERN } from '@meritflow/contracts';
import { OptionalEvidence, OptionalReason, OptionalSopVersion } from '../../common/dto-fields';
import { IsNip } from '../../common/nip.validator';
import { SingleLine } from '../../common/text.validators';
import { IsReferenceDate } from '../../reference/dto/real-date.validator';
import { SanctionDto } from '../../selections/dto/candidate.dto';
import type { EvidenceRefDto } from '../../vacancies/dto/evidence-ref.dto';

const POST_CLASSES = [...POSITION_CLASSES, 'pelaksana'] as const;

/** The moved official, named by NIP: name, grade, appointment date and sanctions come from the ASN register. */
export class MovePersonDto {
  @ApiProperty({ description: 'NIP of an official in the register of from.agencyCode' }) @IsNip() nip!: string;
}

export class MovePostDto {
  @ApiProperty() @Matches(BUSINESS_CODE_PATTERN) agencyCode!: string;
  @ApiProperty({ example: 'KAB-SLEMAN' }) @Matches(BUSINESS_CODE_PATTERN) regionCode!: string;
  @ApiProperty() @Matches(BUSINESS_CODE_PATTERN) positionCode!: string;
  @ApiProperty({ enum: POST_CLASSES }) @IsIn(POST_CLASSES) positionClass!: (typeof POST_CLASSES)[number];
  @ApiProperty({ example: 'administrator' }) @Matches(/^[a-z][a-z0-9_]{0,63}$/) level!: string;
}

/** The post left; since when it is held (and a JPT's inauguration) comes from the register's post history. */
export class MoveFromDto extends MovePostDto {}

export class MoveFactsDto {
  @ApiProperty({ enum: MOVE_KINDS }) @IsIn(MOVE_KINDS) kind!: (typeof MOVE_KINDS)[number];
  @ApiProperty({ enum: MUTATION_SCOPES }) @IsIn(MUTATION_SCOPES) scope!: (typeof MUTATION_SCOPES)[number];
  @ApiProperty() @IsBoolean() atOwnRequest!: boolean;
  @ApiProperty({ type: MovePersonDto }) @ValidateNested() @Type(() => MovePersonDto) person!: MovePersonDto;
  @ApiProperty({ type: MoveFromDto }) @ValidateNested() @Type(() => MoveFromDto) from!: MoveFromDto;
  @ApiProperty({ type: MovePostDto }) @ValidateNested() @Type(() => MovePostDto) to!: MovePostDto;
}

const INTENDED_EFFECTIVE_DATE = {
  example: '2027-01-02',
  description:
    'The date the move is meant to take effect (YYYY-MM-DD, a real calendar date). The approval is judged by the mobility rules as of this date, ' +
    'not as of the day it is given. Optional: defaults to the proposal date (WIB), recorded as such.',
};

/** One person of a bulk move, with the date their move is meant to take effect. */
export class BulkMoveMemberDto extends MoveFactsDto {
  @ApiPropertyOptional(INTENDED_EFFECTIVE_DATE) @IsOptional() @IsReferenceDate() intendedEffectiveDate?: string;
}

export class TalentInputsDto {
  @ApiPropertyOptional({ description: 'The approved vacancy (filling method talent_pool) this promotion fills' })
  @IsOptional()
  @Matches(VACANCY_WORKFLOW_ID_PATTERN)
  vacancyId?: string;

  // Every input is documented: a client generated from the OpenAPI document must send all six.
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Performance, main part (60% of the performance axis)' })
  @IsNumber()
  @Min(0)
  @Max(100)
  performanceMain!: number;
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Performance, supporting part (40% of the performance axis)' })
  @IsNumber()
  @Min(0)
  @Max(100)
  performanceSupporting!: number;
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Competency (40% of the potential axis)' })
  @IsNumber()
  @Min(0)
  @Max(100)
  competency!: number;
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Potential (25% of the potential axis)' })
  @IsNumber()
  @Min(0)
  @Max(100)
  potential!: number;
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Qualification (20% of the potential axis)' })
  @IsNumber()
  @Min(0)
  @Max(100)
  qualification!: number;
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Integrity (15% of the potential axis)' })
  @IsNumber()
  @Min(0)
  @Max(100)
  integrity!: number;
}

export class ProposeMoveDto extends MoveFactsDto {
  @ApiPropertyOptional({ type: TalentInputsDto, description: 'talent_promotion only' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TalentInputsDto)
  talent?: TalentInputsDto;

  @OptionalReason()
  reason?: string;

  @OptionalEvidence()
  evidence?: EvidenceRefDto[];

  @ApiPropertyOptional(INTENDED_EFFECTIVE_DATE) @IsOptional() @IsReferenceDate() intendedEffectiveDate?: string;

  @OptionalSopVersion()
  sopVersion?: string;
}

export class CompetencyFitDto {
  @ApiProperty({ minimum: 0, maximum: 100 }) @IsNumber() @Min(0) @Max(100) jpmPercent!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 1000) note?: string;
}

export class MoveDecisionDto {
  @ApiProperty({ example: 'approve' }) @Matches(/^[a-z][a-z0-9_]{1,63}$/) decision!: string;
  @OptionalReason() reason?: string;
  @OptionalEvidence() evidence?: EvidenceRefDto[];
  @ApiPropertyOptional({ description: 'override: the rules the legal basis lifts' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @Matches(/^[a-zA-Z][a-zA-Z0-9_]{1,63}$/, { each: true })
  overrideRules?: string[];
  @ApiPropertyOptional({ type: CompetencyFitDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CompetencyFitDto)
  competencyFit?: CompetencyFitDto;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(3, 100) @SingleLine() decreeNumber?: string;
  @ApiPropertyOptional({
    example: '2027-01-02',
    description:
      'record_decree: the TMT (YYYY-MM-DD, a real calendar date). The decree is judged by the mobility rules as of this date: inside an election ban ' +
      'without the Minister’s approval it is refused 422 RULE_BLOCKED. Dated more than the SOP’s maxBackdatingDays (30 calendar days in 1.1.0) back, it needs a reason (400 DECISION_INCOMPLETE).',
  })
  @IsOptional()
  @IsReferenceDate()
  effectiveDate?: string;
}

export class BulkMoveDto {
  @ApiProperty() @Matches(BUSINESS_CODE_PATTERN) agencyCode!: string;
  @ApiProperty({ example: 'SK-ROTASI-2026-11' }) @Matches(BUSINESS_CODE_PATTERN) batchCode!: string;
  @ApiProperty() @IsString() @Length(3, 300) @SingleLine() title!: string;
  @ApiProperty({
    type: [BulkMoveMemberDto],
    description: `Rotations or intra-agency mutations, 1–${BULK_MOVE_PAGE_MAX} people, each with its intended effective date; more in pages with open: true`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_MOVE_PAGE_MAX)
  @ValidateNested({ each: true })
  @Type(() => BulkMoveMemberDto)
  moves!: BulkMoveMemberDto[];
  @ApiPropertyOptional({
    description:
      `More people follow in pages (POST /v1/bulk-moves/{id}/members, ${BULK_MOVE_PAGE_MAX} a page, ${BULK_MOVE_MAX_PEOPLE} a batch) until a page is marked last; ` +
      'the people are checked as their pages arrive, and the PPK decides once the list is closed. Default false: these moves are the whole batch.',
  })
  @IsOptional()
  @IsBoolean()
  open?: boolean;
  @OptionalReason() reason?: string;
  @OptionalEvidence() evidence?: EvidenceRefDto[];
}

/** One more page of people for a batch proposed with open: true. */
export class BulkMembersPageDto {
  @ApiProperty({
    type: [BulkMoveMemberDto],
    description: `0–${BULK_MOVE_PAGE_MAX} people (none only on the last page), checked like the proposal's own; ${BULK_MOVE_MAX_PEOPLE} a batch`,
  })
  @IsArray()
  @ArrayMaxSize(BULK_MOVE_PAGE_MAX)
  @ValidateNested({ each: true })
  @Type(() => BulkMoveMemberDto)
  moves!: BulkMoveMemberDto[];
  @ApiPropertyOptional({ description: 'This page closes the list: no more people may be added, and the PPK decides once all are checked' })
  @IsOptional()
  @IsBoolean()
  last?: boolean;
}

export class ExclusionDto {
  @ApiProperty() @IsNip() nip!: string;
  @ApiProperty() @IsString() @Length(3, 1000) reason!: string;
}

export class BulkDecisionDto {
  @ApiProperty({ enum: ['approve_batch', 'reject_batch', 'record_decree'] })
  @IsIn(['approve_batch', 'reject_batch', 'record_decree'])
  decision!: string;
  @OptionalReason() reason?: string;
  @OptionalEvidence() evidence?: EvidenceRefDto[];
  @ApiPropertyOptional({ type: [ExclusionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(BULK_MOVE_MAX_PEOPLE)
  @ValidateNested({ each: true })
  @Type(() => ExclusionDto)
  exclusions?: ExclusionDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(3, 100) @SingleLine() decreeNumber?: string;
  @ApiPropertyOptional({ example: '2027-01-02', description: 'record_decree: the TMT (YYYY-MM-DD, a real calendar date)' })
  @IsOptional()
  @IsReferenceDate()
  effectiveDate?: string;
}
