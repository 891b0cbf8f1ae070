import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { BUSINESS_CODE_PATTERN, REGION_KINDS, type RegionKind } from '@meritflow/domain';
import { SingleLine } from '../../common/text.validators';
import { RequiredReason } from './reason.field';

export class PutRegionDto {
  @ApiProperty({ example: 'Kabupaten Sleman' })
  @IsString()
  @Length(2, 200)
  @SingleLine()
  name!: string;

  @ApiProperty({ enum: REGION_KINDS })
  @IsIn(REGION_KINDS)
  kind!: RegionKind;

  @ApiPropertyOptional({
    example: 'PROV-DIY',
    description: 'The province of a regency or city (a registered province); none for a province',
  })
  @IsOptional()
  @IsString()
  @Matches(BUSINESS_CODE_PATTERN)
  provinceCode?: string;

  @RequiredReason()
  reason!: string;
}
