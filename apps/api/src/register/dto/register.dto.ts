import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  BUSINESS_CODE_PATTERN,
  CURRENT_POST_TYPES,
  GOLONGAN_CODES,
  NIP_KINDS,
  PERSON_SOURCES,
  REGISTER_EVENT_TYPES,
  SERVICE_STATUSES,
} from '@meritflow/domain';
import { OptionalEvidence, toInt } from '../../common/dto-fields';
import { IsCalendarDate } from '../../common/date.validators';
import { NoControlCharacters, SingleLine } from '../../common/text.validators';
import type { EvidenceRefDto } from '../../vacancies/dto/evidence-ref.dto';

const CHANGE_TYPES = REGISTER_EVENT_TYPES.filter((t) => t !== 'person_registered');

/** One change; `payload` is checked field by field by the register's rules (libs/domain/src/register). */
export class RegisterEventDto {
  @ApiProperty({ enum: CHANGE_TYPES }) @IsIn(CHANGE_TYPES) type!: (typeof CHANGE_TYPES)[number];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { golongan: 'IV/b', tmt: '2025-04-01', decreeNumber: 'SK-1', kind: 'regular' },
  })
  @IsObject()
  payload!: Record<string, unknown>;
}

class Because {
  @ApiProperty({ description: 'Why the register changes (recorded with every event)' })
  @IsString()
  @Length(3, 4000)
  @NoControlCharacters()
  reason!: string;

  @OptionalEvidence('Decrees, ratings or other documents the change rests on; required for an externally sourced person')
  evidence?: EvidenceRefDto[];
}

export class RecordEventsDto extends Because {
  @ApiProperty({ type: [RegisterEventDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => RegisterEventDto)
  events!: RegisterEventDto[];
}

export class RegisterPersonDto extends Because {
  @ApiProperty({ example: '197001012000031001', description: 'NIP (PNS) or NI PPPK, by employmentType' })
  @Matches(/^\d{18}$/, { message: 'nip must be 18 digits' })
  nip!: string;
  @ApiProperty({ enum: NIP_KINDS }) @IsIn(NIP_KINDS) employmentType!: (typeof NIP_KINDS)[number];
  @ApiProperty() @IsString() @Length(2, 200) @SingleLine() name!: string;
  @ApiProperty({ example: '1970-01-01' }) @IsCalendarDate() birthDate!: string;
  @ApiProperty({ enum: ['male', 'female'] }) @IsIn(['male', 'female']) sex!: 'male' | 'female';
  @ApiProperty() @Matches(BUSINESS_CODE_PATTERN) unitCode!: string;
  @ApiPropertyOptional({ enum: PERSON_SOURCES, default: 'register' })
  @IsOptional()
  @IsIn(PERSON_SOURCES)
  source?: (typeof PERSON_SOURCES)[number];
  @ApiPropertyOptional({ description: 'External candidates: the agency they serve in' })
  @IsOptional()
  @Matches(BUSINESS_CODE_PATTERN)
  homeAgencyCode?: string;

  @ApiPropertyOptional({ type: [RegisterEventDto], description: 'History recorded with the registration (ranks, posts, ratings…)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => RegisterEventDto)
  events?: RegisterEventDto[];
}

export class AgencyQuery {
  @ApiPropertyOptional({ description: 'National roles only: the agency whose register to read' })
  @IsOptional()
  @Matches(BUSINESS_CODE_PATTERN)
  agencyCode?: string;
}

export class ProfileQuery extends AgencyQuery {
  @ApiPropertyOptional({ description: 'Show the profile as of this date (default today, WIB)' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
  @ApiPropertyOptional({ description: 'As the register knew it at this version (an event id)' })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  version?: number;
  @ApiPropertyOptional({ description: 'Also measure the competencies against this post of the agency (fit for a target post)' })
  @IsOptional()
  @Matches(BUSINESS_CODE_PATTERN)
  postCode?: string;
}

export class PeopleQuery extends AgencyQuery {
  @ApiPropertyOptional({ description: 'Part of a name, or the first digits of a NIP' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @SingleLine()
  q?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(BUSINESS_CODE_PATTERN) unitCode?: string;
  @ApiPropertyOptional({ enum: GOLONGAN_CODES }) @IsOptional() @IsIn(GOLONGAN_CODES) golongan?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(BUSINESS_CODE_PATTERN) postCode?: string;
  @ApiPropertyOptional({ enum: CURRENT_POST_TYPES }) @IsOptional() @IsIn(CURRENT_POST_TYPES) postType?: string;
  @ApiPropertyOptional({ enum: SERVICE_STATUSES, description: 'Serving officials, or those whose service has ended (today, WIB)' })
  @IsOptional()
  @IsIn(SERVICE_STATUSES)
  serviceStatus?: (typeof SERVICE_STATUSES)[number];
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(10_000) page?: number;
  @ApiPropertyOptional({ default: 25 }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(200) pageSize?: number;
}
