import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { EvidenceRefDto } from '../vacancies/dto/evidence-ref.dto';
import { NoControlCharacters } from './text.validators';

/** Fields many requests share, declared once with their validation and OpenAPI description. */

export const OptionalReason = (description = 'Why; required where the SOP says so') =>
  applyDecorators(ApiPropertyOptional({ description }), IsOptional(), IsString(), MaxLength(4000), NoControlCharacters());

export const OptionalEvidence = (description = 'Uploaded evidence (uri evidence:<id> with its sha256)') =>
  applyDecorators(
    ApiPropertyOptional({ type: [EvidenceRefDto], description }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(20),
    ValidateNested({ each: true }),
    Type(() => EvidenceRefDto),
  );

export const OptionalSopVersion = () =>
  applyDecorators(
    ApiPropertyOptional({ description: 'Pin an SOP version; defaults to the newest one in force' }),
    IsOptional(),
    IsString(),
    Matches(/^\d+\.\d+\.\d+(-[a-z0-9.]+)?$/),
  );

export const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

/** limit/offset paging for every listing. */
export class PageQuery {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}
