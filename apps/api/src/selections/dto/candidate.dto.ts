import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EvidenceRefDto } from '../../vacancies/dto/evidence-ref.dto';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  BUSINESS_CODE_PATTERN,
  CURRENT_POST_TYPES,
  EDUCATION_LEVELS,
  GOLONGAN_CODES,
  OVERRIDABLE_FACTS,
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

export class FactOverrideDto {
  @ApiProperty({ enum: OVERRIDABLE_FACTS }) @IsIn(OVERRIDABLE_FACTS) fact!: (typeof OVERRIDABLE_FACTS)[number];
  @ApiProperty({ description: 'The value to use instead of the register’s (checked per fact)', example: 'S2' })
  @IsDefined()
  value!: unknown;
  @ApiProperty({ description: 'Why the register’s value does not hold for this decision' }) @IsString() @Length(3, 2000) reason!: string;
  @ApiProperty({ type: [EvidenceRefDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => EvidenceRefDto)
  evidence!: EvidenceRefDto[];
}

/** A candidate named by NIP: the facts come from the agency's ASN register as of the registration date. */
export class CandidateRegistrationDto {
  @ApiProperty({ example: 'KADIS-PUPR' })
  @Matches(BUSINESS_CODE_PATTERN)
  postCode!: string;

  @ApiProperty({
    example: '198503152010012003',
    description: 'NIP or NI PPPK of an official in the register (add external candidates to the register first, with evidence)',
  })
  @IsString()
  @IsNip()
  nip!: string;

  @ApiPropertyOptional({
    type: [FactOverrideDto],
    description: 'Register facts overridden for this decision, each with a reason and evidence; recorded',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(6)
  @ValidateNested({ each: true })
  @Type(() => FactOverrideDto)
  overrides?: FactOverrideDto[];
}
