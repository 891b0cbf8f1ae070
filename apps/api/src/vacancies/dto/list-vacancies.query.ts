import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '../../common/dto-fields';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { BUSINESS_CODE_PATTERN } from '@meritflow/domain';
import { VACANCY_STATUSES } from './vacancy-decision.dto';

export class ListVacanciesQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(BUSINESS_CODE_PATTERN)
  agencyCode?: string;

  @ApiPropertyOptional({ enum: VACANCY_STATUSES })
  @IsOptional()
  @IsIn(VACANCY_STATUSES)
  status?: string;
}
