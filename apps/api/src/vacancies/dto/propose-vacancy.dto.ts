import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import {
  BUSINESS_CODE_PATTERN,
  COMPETENCY_TYPES,
  FILLING_METHODS,
  GOLONGAN_CODES,
  POSITION_CLASSES,
  type CompetencyType,
  type FillingMethod,
  type Golongan,
  type PositionClass,
} from '@meritflow/domain';
import { SingleLine } from '../../common/text.validators';
import { OptionalEvidence, OptionalReason, OptionalSopVersion } from '../../common/dto-fields';
import { EvidenceRefDto } from './evidence-ref.dto';

export class RequiredCompetencyDto {
  @ApiProperty({ enum: COMPETENCY_TYPES })
  @IsIn(COMPETENCY_TYPES)
  type!: CompetencyType;

  @ApiProperty({ example: 'integritas' })
  @IsString()
  @Length(2, 200)
  @SingleLine()
  name!: string;

  @ApiProperty({ minimum: 1, maximum: 5, description: 'Level 1–5 (PermenPANRB 38/2017)' })
  @IsInt()
  @Min(1)
  @Max(5)
  level!: number;
}

export class ProposeVacancyDto {
  @ApiProperty({ example: 'PEMKAB-SLEMAN', pattern: BUSINESS_CODE_PATTERN.source })
  @IsString()
  @Matches(BUSINESS_CODE_PATTERN)
  agencyCode!: string;

  @ApiProperty({ example: 'KADIS-PUPR', pattern: BUSINESS_CODE_PATTERN.source })
  @IsString()
  @Matches(BUSINESS_CODE_PATTERN)
  positionCode!: string;

  @ApiProperty({ example: 'Kepala Dinas Pekerjaan Umum dan Penataan Ruang' })
  @IsString()
  @Length(3, 300)
  @SingleLine()
  title!: string;

  @ApiProperty({ example: 'Dinas Pekerjaan Umum dan Penataan Ruang' })
  @IsString()
  @Length(2, 300)
  @SingleLine()
  organisationalUnit!: string;

  @ApiProperty({ enum: POSITION_CLASSES })
  @IsIn(POSITION_CLASSES)
  positionClass!: PositionClass;

  @ApiProperty({ enum: GOLONGAN_CODES, example: 'IV/b' })
  @IsIn(GOLONGAN_CODES)
  gradeMin!: Golongan;

  @ApiProperty({ enum: GOLONGAN_CODES, example: 'IV/c' })
  @IsIn(GOLONGAN_CODES)
  gradeMax!: Golongan;

  @ApiProperty({ type: [RequiredCompetencyDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RequiredCompetencyDto)
  requiredCompetencies!: RequiredCompetencyDto[];

  @ApiProperty({ enum: FILLING_METHODS })
  @IsIn(FILLING_METHODS)
  requestedFillingMethod!: FillingMethod;

  @OptionalReason()
  reason?: string;

  @OptionalEvidence()
  evidence?: EvidenceRefDto[];

  @OptionalSopVersion()
  sopVersion?: string;
}
