import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { BUSINESS_CODE_PATTERN } from '@meritflow/domain';

export class AuditBundleQuery {
  @ApiProperty({ example: 'PEMKAB-SLEMAN' })
  @IsString()
  @Matches(BUSINESS_CODE_PATTERN)
  agencyCode!: string;

  @ApiProperty({
    example: '2026-01-01',
    description: 'Cases created from: a date (midnight WIB) or an ISO 8601 time with offset, inclusive',
  })
  @IsString()
  from!: string;

  @ApiProperty({
    example: '2027-01-01',
    description: 'Cases created until: a date (midnight WIB) or an ISO 8601 time with offset, exclusive',
  })
  @IsString()
  to!: string;
}
