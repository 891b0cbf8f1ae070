import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { BUSINESS_CODE_PATTERN, REGIONAL_SECRETARY_KINDS, type RegionalSecretaryKind } from '@meritflow/domain';
import { VACANCY_WORKFLOW_ID_PATTERN } from '@meritflow/contracts';
import { NoControlCharacters, SingleLine } from '../../common/text.validators';
import { OptionalEvidence, OptionalSopVersion } from '../../common/dto-fields';
import { EvidenceRefDto } from '../../vacancies/dto/evidence-ref.dto';

export class OpenSelectionDto {
  @ApiProperty({ example: 'PEMKAB-SLEMAN' })
  @IsString()
  @Matches(BUSINESS_CODE_PATTERN)
  agencyCode!: string;

  @ApiProperty({ example: 'SELTER-JPTP-2026-1', description: 'The selection’s own code, unique within the agency' })
  @IsString()
  @Matches(BUSINESS_CODE_PATTERN)
  selectionCode!: string;

  @ApiProperty({ example: 'Seleksi Terbuka JPT Pratama Kabupaten Sleman 2026' })
  @IsString()
  @Length(3, 300)
  @SingleLine()
  title!: string;

  @ApiProperty({ example: ['vacancy:PEMKAB-SLEMAN:KADIS-PUPR'], description: 'Approved vacancies whose filling method is open_selection' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(VACANCY_WORKFLOW_ID_PATTERN, { each: true })
  vacancyIds!: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @NoControlCharacters()
  reason?: string;

  @OptionalEvidence()
  evidence?: EvidenceRefDto[];

  @ApiPropertyOptional({
    enum: REGIONAL_SECRETARY_KINDS,
    description: 'The one post is the regional secretary (Sekda) of a province or a regency/city: it chooses the decision chain',
  })
  @IsOptional()
  @IsIn(REGIONAL_SECRETARY_KINDS)
  regionalSecretary?: RegionalSecretaryKind;

  @OptionalSopVersion()
  sopVersion?: string;

  @ApiPropertyOptional({
    description: 'Blind scoring: committee members and assessors read and score candidate codes (K-01, …) until the ranking is signed',
  })
  @IsOptional()
  @IsBoolean()
  blindScoring?: boolean;
}
