import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { BUSINESS_CODE_PATTERN, CURRENT_POST_TYPES, MAX_STANDARD_COMPETENCIES, type CurrentPostType } from '@meritflow/domain';
import { REGISTER_REFERENCE_TABLES, type RegisterReferenceTable } from '@meritflow/persistence';
import { PageQuery, toInt } from '../../common/dto-fields';
import { SingleLine } from '../../common/text.validators';
import { RequiredReason } from '../../reference/dto/reason.field';
import { RequiredCompetencyDto } from '../../vacancies/dto/propose-vacancy.dto';
import { AgencyQuery } from './register.dto';

/** PUT /v1/register/units/{unitCode}: the whole unit; a unit left without a parent sits at the top. */
export class PutUnitDto {
  @ApiProperty({ example: 'Bidang Bina Marga' })
  @IsString()
  @Length(2, 200)
  @SingleLine()
  name!: string;

  @ApiPropertyOptional({ example: 'DINAS-PUPR', description: 'The unit it belongs to, one of this agency’s units' })
  @IsOptional()
  @Matches(BUSINESS_CODE_PATTERN)
  parentCode?: string | null;

  @RequiredReason()
  reason!: string;
}

/** PUT /v1/register/posts/{postCode}: the whole post with its competency standard (SKJ). */
export class PutPostDto {
  @ApiProperty({ example: 'Kepala Bidang Bina Marga' })
  @IsString()
  @Length(2, 200)
  @SingleLine()
  title!: string;

  @ApiProperty({ enum: CURRENT_POST_TYPES })
  @IsIn(CURRENT_POST_TYPES)
  postType!: CurrentPostType;

  @ApiProperty({ example: 'BIDANG-BM', description: 'One of this agency’s units (PUT /v1/register/units/{unitCode})' })
  @Matches(BUSINESS_CODE_PATTERN)
  unitCode!: string;

  @ApiProperty({
    type: [RequiredCompetencyDto],
    description: 'Competencies required, each once, level 1–5 (PermenPANRB 38/2017); may be empty until the standard is set',
  })
  @IsArray()
  @ArrayMaxSize(MAX_STANDARD_COMPETENCIES)
  @ValidateNested({ each: true })
  @Type(() => RequiredCompetencyDto)
  competencyStandard!: RequiredCompetencyDto[];

  @ApiPropertyOptional({ description: 'A critical post: the talent review keeps a succession list for it (default false)' })
  @IsOptional()
  @IsBoolean()
  critical?: boolean;

  @RequiredReason()
  reason!: string;
}

export class PostsQuery extends AgencyQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(BUSINESS_CODE_PATTERN) unitCode?: string;
  @ApiPropertyOptional({ enum: CURRENT_POST_TYPES }) @IsOptional() @IsIn(CURRENT_POST_TYPES) postType?: string;
}

export class RegisterChangesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'National roles only: the agency whose changes to read' })
  @IsOptional()
  @Matches(BUSINESS_CODE_PATTERN)
  agencyCode?: string;

  @ApiPropertyOptional({ enum: REGISTER_REFERENCE_TABLES })
  @IsOptional()
  @IsIn(REGISTER_REFERENCE_TABLES)
  table?: RegisterReferenceTable;

  @ApiPropertyOptional({ example: 'KABID-2', description: 'A unit or post code' })
  @IsOptional()
  @Matches(BUSINESS_CODE_PATTERN)
  key?: string;
}

export class PersonCasesQuery extends AgencyQuery {
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(10_000) page?: number;
  @ApiPropertyOptional({ default: 25 }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(200) pageSize?: number;
}
