import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { listSops, PERFORMANCE_AXIS, POTENTIAL_AXIS } from '@meritflow/domain';
import { TALENT_REVIEW_CASE_TYPE } from '@meritflow/contracts';
import { OptionalEvidence, OptionalReason } from '../../common/dto-fields';
import { IsNip } from '../../common/nip.validator';
import type { EvidenceRefDto } from '../../vacancies/dto/evidence-ref.dto';

/** Every decision any talent-review SOP version knows; whether it is allowed now is the workflow's call. */
export const TALENT_REVIEW_DECISIONS = [
  ...new Set(
    listSops()
      .filter((s) => s.id === TALENT_REVIEW_CASE_TYPE)
      .flatMap((s) => s.steps.flatMap((step) => step.transitions.map((t) => t.decision))),
  ),
];

/** POST /v1/talent-reviews: the review of the caller's agency for one period. Dates are checked by the domain. */
export class OpenTalentReviewDto {
  @ApiProperty({ example: '2026', description: 'YYYY or YYYY-S1/S2; one review per agency and period' })
  @IsString()
  @Length(4, 7)
  period!: string;

  @ApiPropertyOptional({ example: '2026-12-01', description: 'The register is read as of this date (default: today, WIB)' })
  @IsOptional()
  @IsString()
  asOf?: string;

  @ApiProperty({ example: '2027-01-01', description: 'First day the approved pool is valid' })
  @IsString()
  validFrom!: string;

  @ApiProperty({ example: '2027-12-31', description: 'Last day the approved pool is valid' })
  @IsString()
  validTo!: string;

  @OptionalReason()
  reason?: string;

  @OptionalEvidence()
  evidence?: EvidenceRefDto[];
}

export class TalentReviewDecisionDto {
  @ApiProperty({ enum: TALENT_REVIEW_DECISIONS })
  @IsIn(TALENT_REVIEW_DECISIONS)
  decision!: string;

  @OptionalReason()
  reason?: string;

  @OptionalEvidence()
  evidence?: EvidenceRefDto[];

  @ApiPropertyOptional({ description: 'adjust_placement: the official whose placement the committee changes' })
  @IsOptional()
  @IsNip()
  nip?: string;

  @ApiPropertyOptional({ enum: PERFORMANCE_AXIS, description: 'adjust_placement' })
  @IsOptional()
  @IsIn(PERFORMANCE_AXIS)
  performance?: (typeof PERFORMANCE_AXIS)[number];

  @ApiPropertyOptional({ enum: POTENTIAL_AXIS, description: 'adjust_placement' })
  @IsOptional()
  @IsIn(POTENTIAL_AXIS)
  potential?: (typeof POTENTIAL_AXIS)[number];
}
