import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, type FieldIssue } from '../../../../libs/domain/src';

const INDONESIAN: Record<string, string> = {
  whitelistValidation: 'kolom ini tidak dikenal',
  isDefined: 'wajib diisi',
  isNotEmpty: 'wajib diisi',
  isString: 'harus berupa teks',
  isInt: 'harus berupa bilangan bulat',
  isIn: 'nilainya tidak termasuk pilihan yang sah',
  matches: 'formatnya tidak sah',
  length: 'panjangnya di luar batas',
  maxLength: 'terlalu panjang',
  minLength: 'terlalu pendek',
  min: 'terlalu kecil',
  max: 'terlalu besar',
  isArray: 'harus berupa daftar',
  arrayMinSize: 'daftar terlalu pendek',
  arrayMaxSize: 'daftar terlalu panjang',
  nestedValidation: 'harus berupa objek',
  isObject: 'harus berupa objek',
  noControlCharacters: 'mengandung karakter kontrol',
  singleLine: 'harus satu baris tanpa karakter kontrol',
};

function flatten(errors: ValidationError[], parent = ''): FieldIssue[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, en]) => ({
      field,
      rule,
      message: { id: `${field} ${INDONESIAN[rule] ?? 'tidak valid'}`, en },
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Unknown fields are refused, types are converted only where declared, and every issue names its field. */
export const createValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => new DomainError('VALIDATION_FAILED', { fields: flatten(errors) }),
  });
