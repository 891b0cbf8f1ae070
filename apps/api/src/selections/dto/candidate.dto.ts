import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import {
  BUSINESS_CODE_PATTERN,
  CURRENT_POST_TYPES,
  EDUCATION_LEVELS,
  GOLONGAN_CODES,
  PERFORMANCE_PREDICATES,
  SANCTION_LEVELS,
} from '@meritflow/domain';
import { IsNip } from '../../common/nip.validator';
import { SingleLine } from '../../common/text.validators';
import { IsCalendarDate } from '../../common/date.validators';

export class PerformanceDto {
  @ApiProperty({ example: 2025 })
  @IsInt()
  @Min(1990)
  @Max(2100)
  year!: number;

  @ApiProperty({ enum: PERFORMANCE_PREDICATES })
  @IsIn(PERFORMANCE_PREDICATES)
  predicate!: (typeof PERFORMANCE_PREDICATES)[number];
}

export class SanctionDto {
  @ApiProperty({ enum: SANCTION_LEVELS })
  @IsIn(SANCTION_LEVELS)
  level!: (typeof SANCTION_LEVELS)[number];

  @ApiProperty({ example: '2025-03-01' })
  @IsCalendarDate()
  imposedOn!: string;
}

export class CandidateProfileDto {
  @ApiProperty({ example: '198503152010012003' })
  @IsString()
  @IsNip()
  nip!: string;

  @ApiProperty({ example: 'Siti Rahayu, S.T., M.T.' })
  @IsString()
  @Length(2, 200)
  @SingleLine()
  name!: string;

  @ApiProperty({ enum: GOLONGAN_CODES })
  @IsIn(GOLONGAN_CODES)
  golongan!: (typeof GOLONGAN_CODES)[number];

  @ApiProperty({ enum: EDUCATION_LEVELS })
  @IsIn(EDUCATION_LEVELS)
  education!: (typeof EDUCATION_LEVELS)[number];

  @ApiProperty({ enum: CURRENT_POST_TYPES })
  @IsIn(CURRENT_POST_TYPES)
  currentPostType!: (typeof CURRENT_POST_TYPES)[number];

  @ApiProperty({ example: '2021-01-04' })
  @IsCalendarDate()
  currentPostSince!: string;

  @ApiProperty({ minimum: 0, maximum: 45 })
  @IsNumber()
  @Min(0)
  @Max(45)
  cumulativeExperienceYears!: number;

  @ApiProperty({ type: [PerformanceDto] })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => PerformanceDto)
  performance!: PerformanceDto[];

  @ApiProperty({ type: [SanctionDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SanctionDto)
  sanctions!: SanctionDto[];

  @ApiProperty({ example: ['diklatpim_ii', 'lhkpn'], description: 'Required; send [] when there are none' })
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, { each: true })
  credentials!: string[];
}

export class CandidateRegistrationDto {
  @ApiProperty({ example: 'KADIS-PUPR' })
  @Matches(BUSINESS_CODE_PATTERN)
  postCode!: string;

  @ApiProperty({ type: CandidateProfileDto })
  @ValidateNested()
  @Type(() => CandidateProfileDto)
  profile!: CandidateProfileDto;
}
