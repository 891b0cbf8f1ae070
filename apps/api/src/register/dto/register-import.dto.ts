import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { toInt } from '../../common/dto-fields';
import { AgencyQuery } from './register.dto';

export class ImportListQuery extends AgencyQuery {
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(10_000) page?: number;
  @ApiPropertyOptional({ default: 25 }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(200) pageSize?: number;
}

export class ImportErrorsQuery extends AgencyQuery {
  @ApiPropertyOptional({ default: 0, description: 'The first row error to return (0-based)' })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  errorsOffset?: number;
  @ApiPropertyOptional({ default: 100, description: 'Row errors per page' })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  errorsLimit?: number;
}
