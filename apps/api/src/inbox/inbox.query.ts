import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { ROOT_CASE_TYPES, type InboxQuery } from '@meritflow/contracts';
import { PageQuery } from '../common/dto-fields';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** `GET /v1/inbox`: a page of the caller's tasks (`limit` 1–200, default 50; `offset`), optionally of one case type, overdue or not. */
export class InboxQueryDto extends PageQuery implements InboxQuery {
  @ApiPropertyOptional({ enum: [...ROOT_CASE_TYPES], description: 'Only tasks of cases of this type' })
  @IsOptional()
  @IsIn([...ROOT_CASE_TYPES])
  caseType?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only overdue tasks (true), or only those not overdue (false)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;
}
