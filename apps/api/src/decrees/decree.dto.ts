import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { BUSINESS_CODE_PATTERN } from '@meritflow/domain';
import { IsCalendarDate } from '../common/date.validators';
import { IsNip } from '../common/nip.validator';
import { SingleLine } from '../common/text.validators';

export class DecreeSignatoryDto {
  @ApiPropertyOptional({
    example: 'Bupati Sleman',
    description: 'The PPK’s office as the decree names it; default "Pejabat Pembina Kepegawaian <agency>"',
  })
  @IsOptional()
  @IsString()
  @Length(2, 200)
  @SingleLine()
  office?: string;
  @ApiPropertyOptional({ description: 'The signatory’s name; default the PPK who took the appointing decision' })
  @IsOptional()
  @IsString()
  @Length(2, 200)
  @SingleLine()
  name?: string;
  @ApiPropertyOptional({ description: 'The signatory’s NIP, printed under the name' }) @IsOptional() @IsNip() nip?: string;
}

export class DraftDecreeDto {
  @ApiPropertyOptional({ description: 'Open selection filling several posts: which post’s appointment' })
  @IsOptional()
  @Matches(BUSINESS_CODE_PATTERN)
  postCode?: string;
  @ApiPropertyOptional({
    example: '821.2/456/BKPSDM/2026',
    description:
      'The number from the agency’s own register; unset: the agency’s numbering pattern (DECREE_NUMBER_PATTERNS), or the number of an earlier draft',
  })
  @IsOptional()
  @IsString()
  @Length(3, 120)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9./ _-]*$/)
  decreeNumber?: string;
  @ApiProperty({ example: '2026-12-06', description: 'The decree’s date (not before the decision it executes)' })
  @IsCalendarDate()
  decreeDate!: string;
  @ApiProperty({ example: '2026-12-07', description: 'TMT: the day the decision takes effect; it picks the template version in force' })
  @IsCalendarDate()
  effectiveDate!: string;
  @ApiProperty({ example: 'Sleman', description: 'Where the decree is signed (ditetapkan di)' })
  @IsString()
  @Length(2, 100)
  @SingleLine()
  place!: string;
  @ApiPropertyOptional({ type: DecreeSignatoryDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => DecreeSignatoryDto)
  signatory?: DecreeSignatoryDto;
}

export class DecreeQueryDto {
  @ApiPropertyOptional({ description: 'Open selection filling several posts: which post’s decree' })
  @IsOptional()
  @Matches(BUSINESS_CODE_PATTERN)
  postCode?: string;
}
