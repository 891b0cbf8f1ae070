import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { ACTOR_ID_PATTERN, BUSINESS_CODE_PATTERN, ROLES, type Role } from '@meritflow/domain';
import { NoControlCharacters, SingleLine } from '../../common/text.validators';
import { EvidenceRefDto } from '../../vacancies/dto/evidence-ref.dto';
import { PageQuery } from '../../common/dto-fields';

const SUBJECT = ACTOR_ID_PATTERN;
const AGENCY = new RegExp(`^(\\*|${BUSINESS_CODE_PATTERN.source.slice(1, -1)})$`);

/** Development sign-in with the local issuer: who you are, your roles and agency. */
export class LocalTokenRequestDto {
  @ApiProperty({ example: '198503152010012003', description: 'NIP or user id (the token subject)' })
  @IsString()
  @Matches(SUBJECT)
  sub!: string;

  @ApiPropertyOptional({ example: 'Siti Rahayu' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @SingleLine()
  name?: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['hr_officer'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiProperty({ example: 'PEMKAB-SLEMAN', description: 'Agency code, or * for national bodies (overseer, auditor, admin)' })
  @IsString()
  @Matches(AGENCY)
  agency!: string;
}

/** A PPK or committee chair names a Plt/Plh for a period, with the legal basis. */
export class CreateDelegationDto {
  @ApiProperty({ example: '197703172003121002', description: 'NIP or user id of the official who will act' })
  @IsString()
  @Matches(SUBJECT)
  delegateId!: string;

  @ApiProperty({ example: 'Drs. Bambang Wijaya, M.Si.' })
  @IsString()
  @Length(1, 200)
  @SingleLine()
  delegateName!: string;

  @ApiProperty({ enum: ['plt', 'plh'], description: 'Plt (pelaksana tugas) or Plh (pelaksana harian)' })
  @IsIn(['plt', 'plh'])
  kind!: 'plt' | 'plh';

  @ApiProperty({ example: '2026-11-23T00:00:00Z' })
  @IsISO8601({ strict: true })
  validFrom!: string;

  @ApiProperty({ example: '2026-12-23T00:00:00Z' })
  @IsISO8601({ strict: true })
  validUntil!: string;

  @ApiProperty({ type: [EvidenceRefDto], description: 'The decree or letter of assignment (uploaded evidence)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => EvidenceRefDto)
  legalBasis!: EvidenceRefDto[];

  @ApiProperty({ example: 'Bupati cuti di luar tanggungan negara' })
  @IsString()
  @Length(1, 2000)
  @NoControlCharacters()
  reason!: string;
}

export class RevokeDelegationDto {
  @ApiProperty({ example: 'Bupati kembali bertugas' })
  @IsString()
  @Length(1, 2000)
  @NoControlCharacters()
  reason!: string;
}

export class ListDelegationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only delegations given by or to this person' })
  @IsOptional()
  @IsString()
  @Matches(SUBJECT)
  person?: string;

  @ApiPropertyOptional({ description: 'Only delegations in force now' })
  @IsOptional()
  @IsIn(['true', 'false'])
  active?: 'true' | 'false';
}

export class ListSecurityEventsQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(SUBJECT)
  actorId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9:._-]{1,200}$/)
  caseId?: string;

  @ApiPropertyOptional({ example: 'SEPARATION_OF_DUTIES' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z_]{1,40}$/)
  code?: string;
}
