import { errorMessage, type DomainError, type FieldIssue, type LocalizedText } from '@meritflow/domain';

/**
 * What a person reads for a field: the API's field names (`registrationClosesOn`, `candidates.0.nip`)
 * never appear in a message; the path stays machine-readable in `field` for the console.
 */
const FIELD_LABELS: Readonly<Record<string, LocalizedText>> = {
  agencyCode: { id: 'Kode instansi', en: 'Agency code' },
  asOf: { id: 'Tanggal acuan', en: 'Reference date' },
  body: { id: 'Isi permintaan', en: 'Request body' },
  candidates: { id: 'Pelamar', en: 'Candidates' },
  caseId: { id: 'Kasus', en: 'Case' },
  caseType: { id: 'Jenis kasus', en: 'Case type' },
  decision: { id: 'Keputusan', en: 'Decision' },
  declarations: { id: 'Pernyataan konflik kepentingan', en: 'Conflict-of-interest declarations' },
  decreeDate: { id: 'Tanggal SK', en: 'Decree date' },
  decreeNumber: { id: 'Nomor SK', en: 'Decree number' },
  effectiveDate: { id: 'Tanggal berlaku (TMT)', en: 'Effective date' },
  evidence: { id: 'Bukti dokumen', en: 'Supporting document' },
  file: { id: 'Berkas', en: 'File' },
  fillingMethod: { id: 'Metode pengisian', en: 'Filling method' },
  from: { id: 'Tanggal awal', en: 'Start date' },
  gradeMax: { id: 'Golongan tertinggi', en: 'Highest grade' },
  gradeMin: { id: 'Golongan terendah', en: 'Lowest grade' },
  id: { id: 'Kode pengenal', en: 'Identifier' },
  'idempotency-key': { id: 'Kunci idempotensi', en: 'Idempotency key' },
  interview: { id: 'Nilai wawancara', en: 'Interview score' },
  limit: { id: 'Jumlah per halaman', en: 'Page size' },
  members: { id: 'Anggota panitia', en: 'Committee members' },
  name: { id: 'Nama', en: 'Name' },
  nip: { id: 'NIP', en: 'NIP' },
  offset: { id: 'Posisi awal', en: 'Start position' },
  page: { id: 'Halaman', en: 'Page' },
  pageSize: { id: 'Jumlah per halaman', en: 'Page size' },
  paper: { id: 'Nilai makalah', en: 'Paper score' },
  person: { id: 'Pegawai', en: 'Official' },
  positionClass: { id: 'Kelas jabatan', en: 'Post class' },
  positionCode: { id: 'Kode jabatan', en: 'Position code' },
  postCode: { id: 'Jabatan', en: 'Post' },
  q: { id: 'Kata kunci pencarian', en: 'Search text' },
  reason: { id: 'Alasan', en: 'Reason' },
  recommended: { id: 'Nama yang direkomendasikan', en: 'Recommended names' },
  registrationClosesOn: { id: 'Tanggal penutupan pendaftaran', en: 'Registration closing date' },
  registrationOpensOn: { id: 'Tanggal pembukaan pendaftaran', en: 'Registration opening date' },
  scores: { id: 'Nilai', en: 'Scores' },
  selectionCode: { id: 'Kode seleksi', en: 'Selection code' },
  sort: { id: 'Urutan', en: 'Sort order' },
  stage: { id: 'Tahap', en: 'Step' },
  status: { id: 'Status', en: 'Status' },
  step: { id: 'Tahap', en: 'Step' },
  title: { id: 'Judul', en: 'Title' },
  to: { id: 'Tanggal akhir', en: 'End date' },
  type: { id: 'Jenis kasus', en: 'Case type' },
  vacancyId: { id: 'Lowongan', en: 'Vacancy' },
  vacancyIds: { id: 'Lowongan', en: 'Vacancies' },
  blindScoring: { id: 'Penilaian tanpa nama', en: 'Blind scoring' },
  caseIds: { id: 'Kasus', en: 'Cases' },
  outcome: { id: 'Hasil', en: 'Outcome' },
  toVersion: { id: 'Versi tujuan', en: 'Target version' },
  sopVersion: { id: 'Versi SOP', en: 'SOP version' },
};
const ANY_FIELD: LocalizedText = { id: 'Isian', en: 'A field' };

/** A field path's label: its last named segment (`candidates.0.nip` reads "NIP"). */
export function fieldLabel(path: string): LocalizedText {
  const named = path.split('.').filter((s) => !/^\d+$/.test(s));
  return FIELD_LABELS[named[named.length - 1] ?? ''] ?? ANY_FIELD;
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
