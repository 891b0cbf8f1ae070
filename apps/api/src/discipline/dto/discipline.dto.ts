import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { ALL_SANCTIONS, APPEAL_KINDS, BUSINESS_CODE_PATTERN, SANCTION_LEVELS } from '@meritflow/domain';
import { IsCalendarDate } from '../../common/date.validators';
import { OptionalEvidence, OptionalReason, OptionalSopVersion } from '../../common/dto-fields';
import { IsNip } from '../../common/nip.validator';
import { NoControlCharacters, SingleLine } from '../../common/text.validators';
import type { EvidenceRefDto } from '../../vacancies/dto/evidence-ref.dto';

export class OpenDisciplineDto {
  @ApiProperty() @Matches(BUSINESS_CODE_PATTERN) agencyCode!: string;
  @ApiProperty({ example: 'HD-2026-001', description: 'The agency’s own case code (the case id carries it, not the NIP)' })
  @Matches(BUSINESS_CODE_PATTERN)
  caseCode!: string;
  @ApiProperty({ description: 'NIP of an official in this agency’s register' }) @IsNip() nip!: string;
  @ApiProperty({ description: 'What the official is alleged to have done' })
  @IsString()
  @Length(3, 4000)
  @NoControlCharacters()
  allegation!: string;
  @ApiProperty({ example: '2026-12-01', description: 'When the alleged violation was reported (YYYY-MM-DD, not in the future)' })
  @IsCalendarDate()
  reportedOn!: string;
  @OptionalReason() reason?: string;
  @OptionalEvidence() evidence?: EvidenceRefDto[];
  @OptionalSopVersion() sopVersion?: string;
}

export class TeamMemberDto {
  @ApiProperty() @IsString() @Length(1, 64) @Matches(/^[A-Za-z0-9._@-]{1,64}$/) id!: string;
  @ApiProperty() @IsString() @Length(1, 200) @SingleLine() name!: string;
}

export class PelaksanaPostDto {
  @ApiProperty() @Matches(BUSINESS_CODE_PATTERN) postCode!: string;
  @ApiProperty() @IsString() @Length(2, 200) @SingleLine() title!: string;
  @ApiProperty() @Matches(BUSINESS_CODE_PATTERN) unitCode!: string;
}

const DECISIONS = [
  'record_examination',
  'close_case',
  'decide_sanction',
  'no_violation',
  'record_decree',
  'file_appeal',
  'appeal_upheld',
  'appeal_changed',
  'appeal_annulled',
  'record_restoration',
] as const;

export class DisciplineDecisionDto {
  @ApiProperty({ enum: DECISIONS }) @IsIn(DECISIONS) decision!: string;
  @OptionalReason() reason?: string;
  @OptionalEvidence('Evidence: the examination minutes (BAP), the decree, the appeal and its outcome') evidence?: EvidenceRefDto[];
  @ApiPropertyOptional({ description: 'record_examination: date of the examination' }) @IsOptional() @IsCalendarDate() examinedOn?: string;
  @ApiPropertyOptional({ type: [TeamMemberDto], description: 'record_examination: the examination team (mandatory for a heavy sanction)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => TeamMemberDto)
  team?: TeamMemberDto[];
  @ApiPropertyOptional({ enum: SANCTION_LEVELS, description: 'decide_sanction, appeal_changed' })
  @IsOptional()
  @IsIn(SANCTION_LEVELS)
  level?: (typeof SANCTION_LEVELS)[number];
  @ApiPropertyOptional({
    enum: ALL_SANCTIONS,
    description: 'decide_sanction, appeal_changed: a sanction of that level (PP 94/2021 Pasal 8)',
  })
  @IsOptional()
  @IsIn(ALL_SANCTIONS)
  sanction?: string;
  @ApiPropertyOptional({ type: PelaksanaPostDto, description: 'pembebasan_jabatan_pelaksana_12_bulan: the pelaksana post' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PelaksanaPostDto)
  pelaksanaPost?: PelaksanaPostDto;
  @ApiPropertyOptional({ description: 'decide_sanction: date of the decision (default today, WIB)' })
  @IsOptional()
  @IsCalendarDate()
  decidedOn?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(3, 100) @SingleLine() decreeNumber?: string;
  @ApiPropertyOptional({ description: 'record_decree: the decree’s date; not before the decision' })
  @IsOptional()
  @IsCalendarDate()
  decreeDate?: string;
  @ApiPropertyOptional({ description: 'record_decree: the TMT; not before the decree’s date' })
  @IsOptional()
  @IsCalendarDate()
  effectiveDate?: string;
  @ApiPropertyOptional({ enum: APPEAL_KINDS }) @IsOptional() @IsIn(APPEAL_KINDS) appealKind?: (typeof APPEAL_KINDS)[number];
  @ApiPropertyOptional({ description: 'file_appeal: the date it was filed; after the window, 422 APPEAL_WINDOW_CLOSED' })
  @IsOptional()
  @IsCalendarDate()
  filedOn?: string;
  @ApiPropertyOptional({ description: 'record_restoration: the decree restoring grade or post' })
  @IsOptional()
  @IsString()
  @Length(3, 100)
  @SingleLine()
  restorationDecreeNumber?: string;
}
