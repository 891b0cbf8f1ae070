import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DIGEST_FORMAT } from '@meritflow/persistence';
import { CASE_TYPE_LIST } from '@meritflow/contracts';

const CASE_ID = new RegExp(CASE_TYPE_LIST.map((e) => `(${e.idPattern.source})`).join('|'));

export class DigestQuery {
  @ApiPropertyOptional({
    description: 'Digest one case (its root workflow id); default: every case',
    example: 'vacancy:PEMKAB-SLEMAN:KADIS-PUPR',
  })
  @IsOptional()
  @Matches(CASE_ID)
  caseId?: string;
}

export class ChainHeadDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  rootWorkflowId!: string;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  chainSeq!: number;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$' })
  @Matches(/^[0-9a-f]{64}$/)
  rowHash!: string;
}

/** A digest exactly as GET /v1/ledger/digest returned it; any change breaks its signature. */
export class ChainDigestDto {
  @ApiProperty({ enum: [DIGEST_FORMAT] })
  @IsIn([DIGEST_FORMAT])
  format!: typeof DIGEST_FORMAT;

  @ApiProperty()
  @IsString()
  @MaxLength(64)
  generatedAt!: string;

  @ApiProperty({ nullable: true, type: String })
  @ValidateIf((o: ChainDigestDto) => o.caseId !== null)
  @IsString()
  @MaxLength(300)
  caseId!: string | null;

  @ApiProperty({ type: [ChainHeadDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ChainHeadDto)
  heads!: ChainHeadDto[];

  @ApiProperty({ enum: ['Ed25519'] })
  @IsIn(['Ed25519'])
  algorithm!: 'Ed25519';

  @ApiProperty()
  @IsString()
  @MaxLength(128)
  keyId!: string;

  @ApiProperty()
  @IsBoolean()
  ephemeral!: boolean;

  @ApiProperty()
  @IsString()
  @MaxLength(4096)
  publicKey!: string;

  @ApiProperty({ description: 'Base64 Ed25519 signature' })
  @Matches(/^[A-Za-z0-9+/]+={0,2}$/)
  @MaxLength(200)
  signature!: string;
}
