import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { BUSINESS_CODE_PATTERN, MERIT_CATEGORIES, MERIT_SCHEMES, type MeritScheme } from '@meritflow/domain';
import { IsReferenceDate } from './real-date.validator';
import { RequiredReason } from './reason.field';

const ALL_CATEGORIES = [...new Set(Object.values(MERIT_CATEGORIES).flat())];

/** An agency's merit-system assessment (domain.md §5): the category follows from the score. */
export class PutAgencyMeritDto {
  @ApiProperty({ example: 'PROV-DIY' })
  @IsString()
  @Matches(BUSINESS_CODE_PATTERN)
  regionCode!: string;

  @ApiProperty({
    enum: MERIT_SCHEMES,
    description: 'kasn_400: legacy KASN self-assessment out of 400; menpanrb_19_2025: the PermenPANRB 19/2025 index',
  })
  @IsIn(MERIT_SCHEMES)
  scheme!: MeritScheme;

  @ApiProperty({ example: 331, description: 'kasn_400: 100–400; menpanrb_19_2025: an index from 0' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  @Min(0)
  @Max(400)
  score!: number;

  @ApiPropertyOptional({ enum: ALL_CATEGORIES, description: 'Derived from the score; when given it must be the derived one' })
  @IsOptional()
  @IsString()
  category?: string;

  @ApiProperty({ example: '2025-11-30', description: 'Date of the assessment; not in the future' })
  @IsReferenceDate()
  assessedOn!: string;

  @RequiredReason()
  reason!: string;
}
