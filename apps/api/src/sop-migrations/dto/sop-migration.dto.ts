import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { BUSINESS_CODE_PATTERN, listSops, MIGRATION_OUTCOMES, type MigrationOutcome } from '@meritflow/domain';
import { CASE_TYPE_LIST } from '@meritflow/contracts';
import { OptionalEvidence, PageQuery } from '../../common/dto-fields';
import { NoControlCharacters } from '../../common/text.validators';
import { EvidenceRefDto } from '../../vacancies/dto/evidence-ref.dto';

/** The SOP ids of the case types whose running cases may be kept or migrated. */
export const MIGRATABLE_SOP_IDS = [...new Set(CASE_TYPE_LIST.filter((e) => e.acceptsSopMigration).flatMap((e) => e.sopIds))];
const VERSIONS = [...new Set(listSops().map((s) => s.version))];

export class MigrationImpactQuery extends PageQuery {
  @ApiProperty({ enum: MIGRATABLE_SOP_IDS, description: 'The SOP whose running cases are listed' })
  @IsIn(MIGRATABLE_SOP_IDS)
  sopId!: string;

  @ApiPropertyOptional({ description: 'The new version; defaults to the newest version in force' })
  @IsOptional()
  @IsIn(VERSIONS)
  toVersion?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(BUSINESS_CODE_PATTERN)
  agencyCode?: string;
}

/** The states a keep-or-migrate batch can be listed by; only `pending` (awaiting the second administrator) so far. */
export const MIGRATION_BATCH_STATUSES = ['pending'] as const;

export class ListMigrationsQuery extends PageQuery {
  @ApiProperty({ enum: MIGRATION_BATCH_STATUSES, description: 'pending: requests still waiting for a second administrator' })
  @IsIn(MIGRATION_BATCH_STATUSES)
  status!: (typeof MIGRATION_BATCH_STATUSES)[number];

  @ApiPropertyOptional({ enum: MIGRATABLE_SOP_IDS, description: 'Only batches of this SOP' })
  @IsOptional()
  @IsIn(MIGRATABLE_SOP_IDS)
  sopId?: string;

  @ApiPropertyOptional({ description: 'National administrators: only batches of this agency (others always see their own)' })
  @IsOptional()
  @IsString()
  @Matches(BUSINESS_CODE_PATTERN)
  agencyCode?: string;
}

export class RequestMigrationDto {
  @ApiProperty({ type: [String], description: 'One case, or a batch of up to 100 running cases of one SOP' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  caseIds!: string[];

  @ApiProperty({ enum: MIGRATION_OUTCOMES })
  @IsIn(MIGRATION_OUTCOMES)
  outcome!: MigrationOutcome;

  @ApiProperty({ description: 'The SOP version the request is about (the new one)' })
  @IsString()
  @Length(1, 64)
  toVersion!: string;

  @ApiProperty({ description: 'The legal basis in words (the regulation that changed)' })
  @IsString()
  @Length(1, 4000)
  @NoControlCharacters()
  reason!: string;

  @ApiProperty({ type: [EvidenceRefDto], description: 'The uploaded legal basis (uri evidence:<id> with its sha256)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => EvidenceRefDto)
  evidence!: EvidenceRefDto[];
}

export class DecideMigrationDto {
  @ApiProperty({ description: 'Why the second person approves or rejects' })
  @IsString()
  @Length(1, 4000)
  @NoControlCharacters()
  reason!: string;

  @OptionalEvidence()
  evidence?: EvidenceRefDto[];
}
