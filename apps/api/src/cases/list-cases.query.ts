import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '../common/dto-fields';
import { IsReferenceDate } from '../reference/dto/real-date.validator';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { BUSINESS_CODE_PATTERN, listSops } from '@meritflow/domain';
import { ROOT_CASE_TYPES } from '@meritflow/contracts';
import { IsCalendarDate } from '../common/date.validators';

const STEPS = [...new Set(listSops().flatMap((s) => s.steps.map((st) => st.id)))];

export class ListCasesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: [...ROOT_CASE_TYPES] })
  @IsOptional()
  @IsIn([...ROOT_CASE_TYPES])
  type?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(BUSINESS_CODE_PATTERN)
  agencyCode?: string;

  @ApiPropertyOptional({ enum: STEPS, description: 'Current stage (SOP step id)' })
  @IsOptional()
  @IsIn(STEPS)
  stage?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Created on or after this date (inclusive, UTC)' })
  @IsOptional()
  @IsReferenceDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Created on or before this date (inclusive, UTC)' })
  @IsOptional()
  @IsReferenceDate()
  to?: string;
}
