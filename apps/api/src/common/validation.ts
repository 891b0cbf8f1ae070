import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { DomainError, type FieldIssue } from '@meritflow/domain';
import { firstInvisibleCharacter } from './text.validators';

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
  noInvisibleCharacters: 'mengandung karakter tak terlihat atau pengubah arah teks',
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

const invisible = (field: string, codePoint: string): FieldIssue => ({
  field,
  rule: 'noInvisibleCharacters',
  message: {
    id: `${field} mengandung karakter tak terlihat atau pengubah arah teks (${codePoint})`,
    en: `${field} must not contain invisible or direction-changing characters (${codePoint})`,
  },
});

/**
 * Every string of a body, query or path parameter in Unicode NFC, so the same name is stored (and
 * hashed into the ledger) one way; invisible and direction-changing characters are refused, naming
 * the field. Keys are left alone: unknown ones are refused by the whitelist.
 */
export function normaliseText(value: unknown, field: string, issues: FieldIssue[], depth = 0): unknown {
  if (typeof value === 'string') {
    const codePoint = firstInvisibleCharacter(value);
    if (codePoint) issues.push(invisible(field || 'body', codePoint));
    return value.normalize('NFC');
  }
  if (depth > 40 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  const at = (k: string | number) => (field ? `${field}.${k}` : String(k));
  if (Array.isArray(value)) return value.map((v, i) => normaliseText(v, at(i), issues, depth + 1));
  // Only plain JSON objects: a class instance (a file, a Date) is not text.
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = Object.create(proto);
  for (const [k, v] of Object.entries(value)) out[k] = normaliseText(v, at(k), issues, depth + 1);
  return out;
}

/** Normalises text (see normaliseText), then validates; both kinds of issue come back together. */
class TextNormalisingValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (!['body', 'query', 'param'].includes(metadata.type)) return super.transform(value, metadata);
    const issues: FieldIssue[] = [];
    const normalised = normaliseText(value, metadata.type === 'param' ? (metadata.data ?? 'param') : '', issues);
    if (issues.length === 0) return super.transform(normalised, metadata);
    const others = await super.transform(normalised, metadata).then(
      () => [],
      (err: unknown) => {
        if (err instanceof DomainError && err.code === 'VALIDATION_FAILED') return err.params.fields ?? [];
        throw err;
      },
    );
    throw new DomainError('VALIDATION_FAILED', { fields: [...issues, ...others] });
  }
}

/** Unknown fields are refused, types are converted only where declared, and every issue names its field. */
export const createValidationPipe = (): ValidationPipe =>
  new TextNormalisingValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => new DomainError('VALIDATION_FAILED', { fields: flatten(errors) }),
  });
