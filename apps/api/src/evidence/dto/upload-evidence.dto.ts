import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { BUSINESS_CODE_PATTERN, EVIDENCE_KIND_PATTERN } from '@meritflow/domain';

/** The text fields of the multipart upload; the document itself is the part named "file". */
export class UploadEvidenceDto {
  @ApiProperty({ example: 'sk_pansel', pattern: EVIDENCE_KIND_PATTERN.source, description: 'Kind of document (snake_case)' })
  @IsString()
  @Matches(EVIDENCE_KIND_PATTERN)
  kind!: string;

  @ApiProperty({ example: 'PEMKAB-SLEMAN', pattern: BUSINESS_CODE_PATTERN.source, description: 'Agency the document belongs to' })
  @IsString()
  @Matches(BUSINESS_CODE_PATTERN)
  agencyCode!: string;
}
