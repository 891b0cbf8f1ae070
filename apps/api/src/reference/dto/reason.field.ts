import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { NoControlCharacters } from '../../common/text.validators';

/** Every change to reference data says why; the reason is recorded with the change. */
export const RequiredReason = () =>
  applyDecorators(
    ApiProperty({ description: 'Why (recorded with the change), e.g. the letter or decree it follows', minLength: 3, maxLength: 1000 }),
    IsString(),
    Length(3, 1000),
    NoControlCharacters(),
  );
