import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { BUSINESS_CODE_PATTERN } from '@meritflow/domain';

export const REPORT_FORMATS = ['json', 'csv'] as const;

export class ComplianceReportQuery {
  @ApiProperty({ example: 'PEMKAB-SLEMAN' })
  @IsString()
  @Matches(BUSINESS_CODE_PATTERN)
  agencyCode!: string;

  @ApiProperty({ example: '2026-01-01', description: 'Period start: a date (midnight WIB) or an ISO 8601 time with offset, inclusive' })
  @IsString()
  from!: string;

  @ApiProperty({ example: '2027-01-01', description: 'Period end: a date (midnight WIB) or an ISO 8601 time with offset, exclusive' })
  @IsString()
  to!: string;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: (typeof REPORT_FORMATS)[number];
}
