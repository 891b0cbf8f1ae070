import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ACTOR_ID_PATTERN } from '@meritflow/domain';
import { toInt } from '../common/dto-fields';

export class ListAuditReadsQuery {
  @ApiPropertyOptional({ description: 'Only requests by this actor id' })
  @IsOptional()
  @IsString()
  @Matches(ACTOR_ID_PATTERN)
  actorId?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'From this date (midnight WIB) or ISO 8601 time, inclusive' })
  @IsOptional()
  @IsString()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Up to this date (midnight WIB) or ISO 8601 time, exclusive' })
  @IsOptional()
  @IsString()
  to?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}
