import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { BUSINESS_CODE_PATTERN } from '@meritflow/domain';
import { OptionalEvidence } from '../../common/dto-fields';
import { SingleLine } from '../../common/text.validators';
import { EvidenceRefDto } from '../../vacancies/dto/evidence-ref.dto';
import { IsReferenceDate } from './real-date.validator';
import { RequiredReason } from './reason.field';

/** A written approval of the Minister of Home Affairs for replacing officials in one region. */
export class RecordMinisterApprovalDto {
  @ApiProperty({ example: 'KAB-SLEMAN' })
  @IsString()
  @Matches(BUSINESS_CODE_PATTERN)
  regionCode!: string;

  @ApiProperty({
    example: 'evidence:3f0e…',
    description: 'The uploaded letter (evidence:<id>) or its registry number, e.g. 100.2.2.6/1234/OTDA',
  })
  @IsString()
  @Length(3, 300)
  @SingleLine()
  documentRef!: string;

  @ApiProperty({ example: 'Persetujuan Mendagri atas penggantian pejabat di Kabupaten Sleman' })
  @IsString()
  @Length(3, 300)
  @SingleLine()
  title!: string;

  @ApiProperty({ example: '2026-03-02', description: 'Date of the letter; not in the future' })
  @IsReferenceDate()
  approvedOn!: string;

  @ApiProperty({ example: 'Mutasi 12 pejabat administrator sesuai lampiran', description: 'What the approval covers' })
  @IsString()
  @Length(3, 2000)
  @SingleLine()
  scope!: string;

  @RequiredReason()
  reason!: string;

  @OptionalEvidence('The letter and its annexes (uri evidence:<id> with its sha256); documentRef evidence:<id> is added by itself')
  evidence?: EvidenceRefDto[];
}
