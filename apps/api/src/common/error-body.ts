import { errorMessage, type DomainError, type FieldIssue, type LocalizedText } from '@meritflow/domain';
import { FIELD_LABELS } from './field-labels';

const ANY_FIELD: LocalizedText = { id: 'Isian', en: 'A field' };

/**
 * A field path's label: its last two named segments where the pair has its own entry
 * (`requiredCompetencies.0.type` reads "Competency type"), else its last named segment
 * (`candidates.0.nip` reads "NIP").
 */
export function fieldLabel(path: string): LocalizedText {
  const named = path.split('.').filter((s) => !/^\d+$/.test(s));
  const last = named[named.length - 1] ?? '';
  const pair = named.length >= 2 ? `${named[named.length - 2]}.${last}` : undefined;
  const own = (key: string | undefined) => (key !== undefined && Object.hasOwn(FIELD_LABELS, key) ? FIELD_LABELS[key] : undefined);
  return own(pair) ?? own(last) ?? ANY_FIELD;
}

/** The rules of the request validator, said without the field's name (class-validator's own text names it). */
const RULE_TEXT: Readonly<Record<string, LocalizedText>> = {
  whitelistValidation: { id: 'tidak dikenal', en: 'is not a known field' },
  isDefined: { id: 'wajib diisi', en: 'is required' },
  isNotEmpty: { id: 'wajib diisi', en: 'is required' },
  isString: { id: 'harus berupa teks', en: 'must be text' },
  isInt: { id: 'harus berupa bilangan bulat', en: 'must be a whole number' },
  isNumber: { id: 'harus berupa angka', en: 'must be a number' },
  isBoolean: { id: 'harus ya atau tidak', en: 'must be yes or no' },
  isIn: { id: 'nilainya tidak termasuk pilihan yang sah', en: 'is not one of the allowed choices' },
  isEnum: { id: 'nilainya tidak termasuk pilihan yang sah', en: 'is not one of the allowed choices' },
  matches: { id: 'formatnya tidak sah', en: 'has an invalid format' },
  length: { id: 'panjangnya di luar batas', en: 'has a length out of bounds' },
  maxLength: { id: 'terlalu panjang', en: 'is too long' },
  minLength: { id: 'terlalu pendek', en: 'is too short' },
  min: { id: 'terlalu kecil', en: 'is too small' },
  max: { id: 'terlalu besar', en: 'is too large' },
  isArray: { id: 'harus berupa daftar', en: 'must be a list' },
  arrayMinSize: { id: 'daftar terlalu pendek', en: 'has too few entries' },
  arrayMaxSize: { id: 'daftar terlalu panjang', en: 'has too many entries' },
  arrayUnique: { id: 'tidak boleh berisi nama yang sama dua kali', en: 'must not name anyone twice' },
  nestedValidation: { id: 'harus berupa objek', en: 'must be an object' },
  isObject: { id: 'harus berupa objek', en: 'must be an object' },
  isUuid: { id: 'harus berupa UUID', en: 'must be a UUID' },
  isUUID: { id: 'harus berupa UUID', en: 'must be a UUID' },
  isRealDate: { id: 'harus tanggal yang sah (TTTT-BB-HH)', en: 'must be a real date (YYYY-MM-DD)' },
  isNip: { id: 'harus NIP 18 digit yang sah', en: 'must be a valid 18-digit NIP' },
  notBeforeFrom: { id: 'tidak boleh sebelum tanggal awal', en: 'must not be before the start date' },
  noControlCharacters: { id: 'mengandung karakter kontrol', en: 'contains control characters' },
  singleLine: { id: 'harus satu baris tanpa karakter kontrol', en: 'must be one line without control characters' },
};

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An issue's own text with the raw field path (or its last segment) taken out where it leads. */
function withoutFieldName(text: string, path: string): string {
  const last = path.split('.').pop() ?? path;
  return text.replace(new RegExp(`^(${escapeRe(path)}|${escapeRe(last)})\\b:?\\s*`), '').trim();
}

/**
 * Whether the text is a validator's generic one, which names the field: most start with it ("nip must
 * be …"), some put it inside ("All vacancyIds's elements must be unique").
 */
const namesField = (text: string, path: string): boolean => {
  const last = path.split('.').pop() ?? path;
  return withoutFieldName(text, path) !== text.trim() || new RegExp(`\\b${escapeRe(last)}\\b`).test(text);
};

/**
 * One issue as a person reads it: "<label>: <what is wrong>", in both languages. A validator's generic
 * text is said by its rule; a rule's own text (the shape a case id must have) is kept, less the name.
 */
export function humanIssue(issue: FieldIssue): FieldIssue {
  const label = fieldLabel(issue.field);
  const rule = namesField(issue.message.en, issue.field) ? RULE_TEXT[issue.rule] : undefined;
  const what = rule ?? { id: withoutFieldName(issue.message.id, issue.field), en: withoutFieldName(issue.message.en, issue.field) };
  return { ...issue, message: { id: `${label.id}: ${what.id}`, en: `${label.en}: ${what.en}` } };
}

export interface ErrorBody {
  code: DomainError['code'];
  messages: LocalizedText;
  details: DomainError['params'];
  /** The path of the first field the refusal is about (`candidates.0.nip`), or null when it is about no field. */
  field: string | null;
}

/** The field a refusal names: its first field issue, the field it names, or the first missing field. */
function fieldOf(params: DomainError['params']): string | null {
  if (params.fields && params.fields.length > 0) return params.fields[0].field;
  if (typeof params.field === 'string') return params.field;
  if (Array.isArray(params.missing) && typeof params.missing[0] === 'string') return params.missing[0];
  return null;
}

/**
 * The body of every error answer, in one place: field issues are said with labels (no API field
 * names in the human text), a refusal about missing fields names their labels, and `field` carries
 * the path so a form can attach the message to its input.
 */
export function errorBody(error: DomainError): ErrorBody {
  const fields = error.params.fields?.map(humanIssue);
  const missing = Array.isArray(error.params.missing) ? (error.params.missing as unknown[]).map(String) : undefined;
  const params = {
    ...error.params,
    ...(fields ? { fields } : {}),
  };
  let messages = errorMessage(error.code, params);
  if (fields && error.code === 'VALIDATION_FAILED') {
    messages = {
      id: `Data tidak valid: ${fields.map((f) => f.message.id).join('; ')}`,
      en: `Invalid input: ${fields.map((f) => f.message.en).join('; ')}`,
    };
  } else if (missing && error.code === 'DECISION_INCOMPLETE') {
    const said = (lang: 'id' | 'en') =>
      errorMessage(error.code, { ...params, missing: missing.map((m) => fieldLabel(m)[lang].toLowerCase()) });
    messages = { id: said('id').id, en: said('en').en };
  }
  return { code: error.code, messages, details: params, field: fieldOf(error.params) };
}
