import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { FILLING_METHODS, listSops, type FillingMethod } from '@meritflow/domain';
import { VACANCY_CASE_TYPE } from '@meritflow/contracts';
import { OptionalEvidence, OptionalReason } from '../../common/dto-fields';
import { EvidenceRefDto } from './evidence-ref.dto';

/** Every decision any vacancy SOP version knows; whether it is allowed now is the workflow's call. */
export const VACANCY_DECISIONS = [
  ...new Set(
    listSops()
      .filter((s) => s.id === VACANCY_CASE_TYPE)
      .flatMap((s) => s.steps.flatMap((step) => step.transitions.map((t) => t.decision))),
  ),
];

export const VACANCY_STATUSES = [
  ...new Set(
    listSops()
      .filter((s) => s.id === VACANCY_CASE_TYPE)
      .flatMap((s) => s.steps.map((step) => step.status)),
  ),
];

export class VacancyDecisionDto {
  @ApiProperty({ enum: VACANCY_DECISIONS })
  @IsIn(VACANCY_DECISIONS)
  decision!: string;

  @OptionalReason()
  reason?: string;

  @ApiPropertyOptional({ enum: FILLING_METHODS, description: 'Required for approve' })
  @IsOptional()
  @IsIn(FILLING_METHODS)
  fillingMethod?: FillingMethod;

  @OptionalEvidence()
  evidence?: EvidenceRefDto[];
}
