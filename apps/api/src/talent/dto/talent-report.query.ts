import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { BUSINESS_CODE_PATTERN } from '@meritflow/domain';

export const TALENT_REPORT_FORMATS = ['json', 'csv', 'pdf'] as const;

export class TalentReportQuery {
  @ApiPropertyOptional({ example: 'PEMKAB-SLEMAN', description: 'Required for national bodies; an agency’s own officers get their agency' })
  @IsOptional()
  @Matches(BUSINESS_CODE_PATTERN)
  agencyCode?: string;

  @ApiProperty({ example: '2026-01-01', description: 'Period start (a date, midnight WIB), inclusive' })
  @IsString()
  from!: string;

  @ApiProperty({ example: '2027-01-01', description: 'Period end (a date, midnight WIB), exclusive' })
  @IsString()
  to!: string;

  @ApiPropertyOptional({ default: 3, description: 'Officials assessed within this many years before the period’s last day' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  assessedWithinYears?: number;

  @ApiPropertyOptional({ enum: TALENT_REPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(TALENT_REPORT_FORMATS)
  format?: (typeof TALENT_REPORT_FORMATS)[number];
}
