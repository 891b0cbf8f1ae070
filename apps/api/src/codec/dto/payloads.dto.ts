import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsObject,
  IsOptional,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';

/** Protobuf JSON writes bytes as base64, standard or URL-safe, padded or not. */
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
/** More payloads than any one history event carries; the body limit (API_BODY_LIMIT) bounds the bytes. */
export const MAX_PAYLOADS = 500;
const MAX_METADATA_ENTRIES = 16;

const isBase64Map = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.keys(value).length <= MAX_METADATA_ENTRIES &&
  Object.entries(value).every(([k, v]) => k.length > 0 && k.length <= 64 && typeof v === 'string' && v.length <= 512 && BASE64.test(v));

const IsBase64Map = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'base64Map',
      validator: {
        validate: isBase64Map,
        defaultMessage: () => `$property must map at most ${MAX_METADATA_ENTRIES} names to base64 values`,
      },
    },
    options,
  );

/** One Temporal Payload in protobuf JSON: metadata values and data are base64. */
export class JsonPayloadDto {
  @ApiPropertyOptional({
    description: 'Metadata, each value base64 (e.g. `encoding`: base64 of `binary/encrypted`)',
    type: 'object',
    additionalProperties: { type: 'string', format: 'byte' },
  })
  @IsOptional()
  @IsObject()
  @IsBase64Map()
  metadata?: Record<string, string>;

  @ApiPropertyOptional({ description: 'The payload bytes, base64', type: 'string', format: 'byte' })
  @IsOptional()
  @MaxLength(50 * 1024 * 1024)
  @Matches(BASE64)
  data?: string;
}

/** The codec server protocol's body, for both /encode and /decode (temporalio codec-server protocol). */
export class PayloadsDto {
  @ApiProperty({ type: [JsonPayloadDto], maxItems: MAX_PAYLOADS })
  @IsArray()
  @ArrayMaxSize(MAX_PAYLOADS)
  @ValidateNested({ each: true })
  @Type(() => JsonPayloadDto)
  payloads!: JsonPayloadDto[];
}
