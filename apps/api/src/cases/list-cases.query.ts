import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { BUSINESS_CODE_PATTERN, listSops } from '@meritflow/domain';
import { ROOT_CASE_TYPES } from '@meritflow/contracts';
import { CASE_SORT_FIELDS, type CaseSortField } from '@meritflow/persistence';
import { PageQuery, toInt } from '../common/dto-fields';
import { IsReferenceDate } from '../reference/dto/real-date.validator';
import { SingleLine } from '../common/text.validators';

const STEPS = [...new Set(listSops().flatMap((s) => s.steps.map((st) => st.id)))];
/** Every `<field>:<asc|desc>` the list sorts by; anything else is a 400 naming `sort`. */
export const CASE_SORTS = CASE_SORT_FIELDS.flatMap((f) => [`${f}:asc`, `${f}:desc`]);
export const DEFAULT_CASE_SORT = 'createdAt:desc';
/** A page holds at most this many cases. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

/** `to` must not come before `from` (both inclusive dates). */
const NotBeforeFrom = (): PropertyDecorator =>
  ValidateBy({
    name: 'notBeforeFrom',
    validator: {
      validate: (to, args) => {
        const from = (args?.object as { from?: unknown }).from;
        return typeof to !== 'string' || typeof from !== 'string' || from <= to;
      },
      defaultMessage: () => '$property must not be before from',
    },
  });

/**
 * The case list's filters, sort and page. `type`, `stage`, `limit` and `offset` are the older names
 * of `caseType`, `step`, `pageSize` and (page - 1) * pageSize; they are still accepted.
 */
export class ListCasesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Searches the case id, title and subject (position, selection code or NIP)', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @SingleLine()
  q?: string;

  @ApiPropertyOptional({ enum: [...ROOT_CASE_TYPES] })
  @IsOptional()
  @IsIn([...ROOT_CASE_TYPES])
  caseType?: string;

  @ApiPropertyOptional({ enum: [...ROOT_CASE_TYPES], deprecated: true, description: 'Older name of caseType' })
  @IsOptional()
  @IsIn([...ROOT_CASE_TYPES])
  type?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(BUSINESS_CODE_PATTERN)
  agencyCode?: string;

  @ApiPropertyOptional({ enum: STEPS, description: 'Current step (SOP step id)' })
  @IsOptional()
  @IsIn(STEPS)
  step?: string;

  @ApiPropertyOptional({ enum: STEPS, deprecated: true, description: 'Older name of step' })
  @IsOptional()
  @IsIn(STEPS)
  stage?: string;

  @ApiPropertyOptional({ example: 'open', description: 'Case status (e.g. open, approved, closed)' })
  @IsOptional()
  @Matches(/^[a-z][a-z_]{0,39}$/)
  status?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Opened on or after this date (inclusive, UTC)' })
  @IsOptional()
  @IsReferenceDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Opened on or before this date (inclusive, UTC); not before from' })
  @IsOptional()
  @IsReferenceDate()
  @NotBeforeFrom()
  to?: string;

  @ApiPropertyOptional({ enum: CASE_SORTS, default: DEFAULT_CASE_SORT })
  @IsOptional()
  @IsIn(CASE_SORTS)
  sort?: `${CaseSortField}:${'asc' | 'desc'}`;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page?: number;

  @ApiPropertyOptional({ default: DEFAULT_PAGE_SIZE, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}
