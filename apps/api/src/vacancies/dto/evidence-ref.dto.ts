import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { SingleLine } from '../../common/text.validators';

export class EvidenceRefDto {
  @ApiProperty({ example: 'nota_dinas', description: 'Kind of document (snake_case)' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{0,63}$/)
  kind!: string;

  @ApiPropertyOptional({ example: 'Nota dinas Kepala BKPSDM No. 800/123/2026' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  @SingleLine()
  title?: string;

  @ApiPropertyOptional({ example: 'dms://bkpsdm/2026/800-123.pdf' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @SingleLine()
  uri?: string;

  @ApiPropertyOptional({ description: 'SHA-256 of the document content, lower-case hex' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-f0-9]{64}$/)
  sha256?: string;
}
