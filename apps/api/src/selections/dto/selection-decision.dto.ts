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
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ACTOR_ID_PATTERN, BUSINESS_CODE_PATTERN, listSops } from '@meritflow/domain';
import { IsCandidateRef, IsNip } from '../../common/nip.validator';
import { NoControlCharacters, SingleLine } from '../../common/text.validators';
import { OptionalEvidence, OptionalReason } from '../../common/dto-fields';
import { EvidenceRefDto } from '../../vacancies/dto/evidence-ref.dto';
import { CandidateRegistrationDto } from './candidate.dto';
import { SELECTION_DECISION_KINDS, type SelectionDecisionKind } from '@meritflow/contracts';

const decisionsOf = (sopId: string) => [
  ...new Set(
    listSops()
      .filter((s) => s.id === sopId)
      .flatMap((s) => s.steps.flatMap((st) => st.transitions.map((t) => t.decision))),
  ),
];
export const ASSESSMENT_DECISIONS = decisionsOf('assessment');
export const REVIEW_DECISIONS = decisionsOf('committee-review');
export const APPOINTMENT_DECISIONS = decisionsOf('appointment');

/** Fields every decision may carry. */
class DecisionBase {
  @OptionalReason()
  reason?: string;

  @OptionalEvidence()
  evidence?: EvidenceRefDto[];
}

export class CommitteeMemberDto {
  @ApiProperty({ example: '197001011995031001' })
  @Matches(ACTOR_ID_PATTERN)
  id!: string;

  @ApiProperty({ example: 'Prof. Dr. Budi Santoso' })
  @IsString()
  @Length(2, 200)
  @SingleLine()
  name!: string;

  @ApiProperty({ enum: ['internal', 'external'] })
  @IsIn(['internal', 'external'])
  affiliation!: 'internal' | 'external';

  @ApiProperty()
  @IsBoolean()
  isChair!: boolean;
}

export class SelectionDecisionDto extends DecisionBase {
  @ApiProperty({ enum: SELECTION_DECISION_KINDS })
  @IsIn(SELECTION_DECISION_KINDS)
  decision!: SelectionDecisionKind;

  @ApiPropertyOptional({ type: [CommitteeMemberDto], description: 'form_committee' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(15)
  @ValidateNested({ each: true })
  @Type(() => CommitteeMemberDto)
  members?: CommitteeMemberDto[];

  @ApiPropertyOptional({ type: [CandidateRegistrationDto], description: 'register_candidates (at most 100 per request)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CandidateRegistrationDto)
  candidates?: CandidateRegistrationDto[];

  @ApiPropertyOptional({ description: 'screen_candidate, pick, record_keppres' })
  @IsOptional()
  @IsString()
  @IsNip()
  nip?: string;

  @ApiPropertyOptional({ description: 'screen_candidate' })
  @IsOptional()
  @IsBoolean()
  passed?: boolean;

  @ApiPropertyOptional({ description: 'answer_objection: true upholds the objection, false rejects it (with a reason)' })
  @IsOptional()
  @IsBoolean()
  upheld?: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'rescore_candidate: the committee’s paper score, re-entered' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  paper?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'rescore_candidate: the committee’s interview score, re-entered' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  interview?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'screen_candidate, required when passed' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  administrativeScore?: number;

  @ApiPropertyOptional({
    type: [String],
    description: 'screen_candidate (passed): the assessors assigned to this candidate; only they may record the assessment',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @Matches(ACTOR_ID_PATTERN, { each: true })
  assessorIds?: string[];

  @ApiPropertyOptional({ description: 'recommend, pick and the outside bodies’ decisions' })
  @IsOptional()
  @Matches(BUSINESS_CODE_PATTERN)
  postCode?: string;

  @ApiPropertyOptional({ description: 'recommend: NIPs from the shortlist, best first' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsNip({ each: true })
  recommended?: string[];

  @ApiPropertyOptional({
    description: 'governor_propose, propose_nominees (JPT utama): the three names proposed, from the ranked candidates',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsNip({ each: true })
  nominees?: string[];

  @ApiPropertyOptional({ example: '45/TPA/2026', description: 'record_keppres: the presidential decree’s number' })
  @IsOptional()
  @IsString()
  @Length(3, 100)
  @SingleLine()
  decreeNumber?: string;
}

export class AssessmentDecisionDto extends DecisionBase {
  @ApiProperty({ enum: ASSESSMENT_DECISIONS })
  @IsIn(ASSESSMENT_DECISIONS)
  decision!: string;

  @ApiPropertyOptional({ example: { integritas: 4, kerjasama: 3 }, description: 'Competency name → level achieved (1–5)' })
  @IsOptional()
  @IsObject()
  achieved?: Record<string, number>;
}

export class DeclarationDto {
  @ApiProperty({ description: 'NIP, or the candidate code (K-01, …) in a blind selection' })
  @IsCandidateRef()
  nip!: string;

  @ApiProperty()
  @IsBoolean()
  conflicted!: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @NoControlCharacters()
  note?: string;
}

export class ScoreDto {
  @ApiProperty({ description: 'NIP, or the candidate code (K-01, …) in a blind selection' })
  @IsCandidateRef()
  nip!: string;

  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsNumber()
  @Min(0)
  @Max(100)
  paper!: number;

  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsNumber()
  @Min(0)
  @Max(100)
  interview!: number;
}

export class ReviewDecisionDto extends DecisionBase {
  @ApiProperty({ enum: REVIEW_DECISIONS })
  @IsIn(REVIEW_DECISIONS)
  decision!: 'declare_interests' | 'score';

  @ApiPropertyOptional({ type: [DeclarationDto], description: 'declare_interests: one per candidate' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => DeclarationDto)
  declarations?: DeclarationDto[];

  @ApiPropertyOptional({ description: 'score: NIP, or the candidate code (K-01, …) in a blind selection' })
  @IsOptional()
  @IsCandidateRef()
  nip?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  paper?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  interview?: number;

  @ApiPropertyOptional({ type: [ScoreDto], description: 'score: a whole score sheet in one decision' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ScoreDto)
  scores?: ScoreDto[];
}

export class AppointmentDecisionDto extends DecisionBase {
  @ApiProperty({ enum: APPOINTMENT_DECISIONS })
  @IsIn(APPOINTMENT_DECISIONS)
  decision!: 'record_decree' | 'record_inauguration';

  @ApiPropertyOptional({ example: '821.2/123/2026' })
  @IsOptional()
  @IsString()
  @Length(3, 100)
  @SingleLine()
  decreeNumber?: string;

  @ApiPropertyOptional({ example: '2026-12-01' })
  @IsOptional()
  @IsCalendarDate()
  effectiveDate?: string;

  @ApiPropertyOptional({ example: '2026-12-02' })
  @IsOptional()
  @IsCalendarDate()
  inauguratedOn?: string;
}
