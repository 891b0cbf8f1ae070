import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { BUSINESS_CODE_PATTERN } from '@meritflow/domain';
import { REFERENCE_TABLES, type ReferenceTable } from '@meritflow/persistence';
import { PageQuery } from '../../common/dto-fields';

export class ReferenceChangesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REFERENCE_TABLES })
  @IsOptional()
  @IsIn(REFERENCE_TABLES)
  table?: ReferenceTable;

  @ApiPropertyOptional({
    example: 'KAB-SLEMAN',
    description: 'Region code (regions, election_windows, minister_approvals) or agency code (agency_merit)',
  })
  @IsOptional()
  @IsString()
  @Matches(BUSINESS_CODE_PATTERN)
  key?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'From this date (midnight WIB) or ISO 8601 time, inclusive' })
  @IsOptional()
  @IsString()
  from?: string;

  @ApiPropertyOptional({ example: '2027-01-01', description: 'Up to this date (midnight WIB) or ISO 8601 time, exclusive' })
  @IsOptional()
  @IsString()
  to?: string;
}
