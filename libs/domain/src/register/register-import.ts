import type { FieldIssue } from '../errors';
import { BUSINESS_CODE_PATTERN } from '../personnel/position';
import { COMPETENCY_TYPES, type RequiredCompetency } from '../vacancy/vacancy-proposal';
import { CURRENT_POST_TYPES, EDUCATION_LEVELS, PERFORMANCE_PREDICATES } from '../selection/candidate';
import { placeNineBox, PERFORMANCE_AXIS, POTENTIAL_AXIS } from '../mobility/talent';
import type { RegisterEventDraft, RegisterEventPayloads } from './register.types';
import {
  COMPETENCY_TYPE_ALIASES,
  EDUCATION_ALIASES,
  EMPLOYMENT,
  normalizeCode,
  parseGolongan,
  parseImportDate,
  PERFORMANCE_AXIS_ALIASES,
  POST_TYPE_ALIASES,
  POTENTIAL_AXIS_ALIASES,
  RANK_KINDS,
  SANCTION_LEVEL,
  SEX,
} from './register-import-codes';

/**
 * The import file of the ASN register (issue 14, item 3): a person sheet and history sheets with
 * the column names SIASN/SIMPEG exports use, mapped row by row to the register's event drafts.
 * Pure: the readers (XLSX, CSV) hand each row over as text cells; the register's own rules
 * (checkRegisterEvent) judge the drafts afterwards against what is stored.
 */

export const IMPORT_SHEETS = [
  'pegawai',
  'pangkat',
  'jabatan',
  'pendidikan',
  'kinerja',
  'hukdis',
  'kompetensi',
  'sertifikat',
  'talenta',
  'unit',
  'formasi',
] as const;
export type ImportSheet = (typeof IMPORT_SHEETS)[number];
export const isImportSheet = (v: string): v is ImportSheet => (IMPORT_SHEETS as readonly string[]).includes(v);

/** Columns per sheet; any other column in the file is ignored (SIASN exports carry many more). */
export const IMPORT_COLUMNS = {
  pegawai: { required: ['nip', 'nama', 'tgl_lahir', 'jenis_kelamin', 'jenis_pegawai', 'unit_kerja', 'kode_instansi'], optional: [] },
  pangkat: { required: ['nip', 'golongan', 'tmt_golongan', 'no_sk', 'jenis_kp'], optional: [] },
  jabatan: {
    required: ['nip', 'kode_jabatan', 'nama_jabatan', 'jenis_jabatan', 'unit_kerja', 'tmt_jabatan', 'no_sk'],
    optional: ['tmt_selesai'],
  },
  pendidikan: { required: ['nip', 'jenjang', 'tgl_lulus'], optional: ['nama_sekolah', 'jurusan'] },
  kinerja: { required: ['nip', 'tahun', 'predikat'], optional: [] },
  hukdis: { required: ['nip', 'tingkat', 'jenis_hukuman', 'tmt_hukuman', 'no_sk'], optional: ['akhir_hukuman'] },
  kompetensi: { required: ['nip', 'tgl_asesmen', 'metode', 'asesor', 'kompetensi', 'level'], optional: ['jpm'] },
  sertifikat: { required: ['nip', 'kode', 'tgl_terbit'], optional: ['berlaku_sampai', 'nomor'] },
  talenta: { required: ['nip', 'periode', 'kinerja', 'potensial'], optional: ['kotak'] },
  unit: { required: ['kode_unit', 'nama_unit'], optional: ['kode_unit_induk'] },
  formasi: {
    required: ['kode_jabatan', 'nama_jabatan', 'jenis_jabatan', 'unit_kerja'],
    optional: ['jenis_kompetensi', 'kompetensi', 'level'],
  },
} as const satisfies Record<ImportSheet, { required: readonly string[]; optional: readonly string[] }>;

/** One row of a sheet as the reader found it: 1-based row number as in the file, trimmed text cells. */
export interface ImportRow {
  sheet: ImportSheet;
  row: number;
  cells: Readonly<Record<string, string>>;
}

export interface RowRef {
  sheet: ImportSheet;
  row: number;
}

/** A per-row entry of an import's error report; `field` is the file's column name. */
export interface ImportRowIssue extends FieldIssue {
  sheet: ImportSheet | 'file';
  row: number;
  nip: string | null;
}

/** A competency line of an assessment, merged with the other rows of the same assessment. */
export interface CompetencyLine {
  assessedOn: string;
  method: string;
  assessor: string;
  name: string;
  level: number;
  jpmPercent?: number;
}

export type MappedRow =
  | { kind: 'person'; ref: RowRef; nip: string; draft: Extract<RegisterEventDraft, { type: 'person_registered' }> }
  | { kind: 'event'; ref: RowRef; nip: string; draft: RegisterEventDraft; endsOn?: string }
  | { kind: 'competency'; ref: RowRef; nip: string; line: CompetencyLine }
  | { kind: 'unit'; ref: RowRef; unit: { code: string; name: string; parentCode: string | null } }
  | { kind: 'post'; ref: RowRef; code: string; title: string; postType: string; unitCode: string; competency: RequiredCompetency | null }
  | { kind: 'invalid'; ref: RowRef; nip: string | null; issues: FieldIssue[] };

const issue = (field: string, rule: string, id: string, en: string): FieldIssue => ({ field, rule, message: { id, en } });

/** Reads one row's cells, collecting an issue per bad cell under the column's name. */
class Cells {
  readonly issues: FieldIssue[] = [];
  constructor(private readonly cells: Readonly<Record<string, string>>) {}

  text(col: string): string {
    return (this.cells[col] ?? '').trim();
  }

  required(col: string): string {
    const v = this.text(col);
    if (!v) this.issues.push(issue(col, 'required', `kolom ${col} wajib diisi`, `column ${col} is required`));
    return v;
  }

  nip(): string | null {
    const v = this.text('nip');
    if (/^\d{18}$/.test(v)) return v;
    if (/^\d(\.\d+)?e\+?\d+$/i.test(v) || /^\d{15,17}$/.test(v)) {
      this.issues.push(
        issue(
          'nip',
          'nip.format',
          `NIP "${v}" tersimpan sebagai angka dan kehilangan digit; simpan kolom nip sebagai teks`,
          `NIP "${v}" was stored as a number and lost digits; store the nip column as text`,
        ),
      );
    } else {
      this.issues.push(issue('nip', 'nip.format', `NIP "${v}" harus 18 angka`, `NIP "${v}" must be 18 digits`));
    }
    return v || null;
  }

  date(col: string, optional = false): string | undefined {
    const v = optional ? this.text(col) : this.required(col);
    if (!v) return undefined;
    const d = parseImportDate(v);
    if (!d) {
      this.issues.push(
        issue(
          col,
          'date',
          `${col} "${v}" bukan tanggal yang ada (YYYY-MM-DD atau DD-MM-YYYY)`,
          `${col} "${v}" is not a real date (YYYY-MM-DD or DD-MM-YYYY)`,
        ),
      );
    }
    return d ?? undefined;
  }

  oneOf<T extends string>(col: string, table: Record<string, T> | readonly T[], optional = false): T | undefined {
    const v = optional ? this.text(col) : this.required(col);
    if (!v) return undefined;
    const key = normalizeCode(v);
    const hit = Array.isArray(table)
      ? (table as readonly T[]).find((t) => t === key || t.toLowerCase() === key)
      : (table as Record<string, T>)[key];
    if (hit) return hit;
    const allowed = Array.isArray(table) ? table.join(', ') : [...new Set(Object.keys(table))].join(', ');
    this.issues.push(
      issue(col, 'isIn', `${col} "${v}" tidak dikenal (salah satu dari: ${allowed})`, `${col} "${v}" is unknown (one of: ${allowed})`),
    );
    return undefined;
  }

  code(col: string, optional = false): string | undefined {
    const v = (optional ? this.text(col) : this.required(col)).toUpperCase();
    if (!v) return undefined;
    if (!BUSINESS_CODE_PATTERN.test(v)) {
      this.issues.push(
        issue(
          col,
          'code',
          `${col} "${v}" harus berupa kode huruf, angka, titik, garis bawah atau tanda hubung`,
          `${col} "${v}" must be a code of letters, digits, dots, underscores or hyphens`,
        ),
      );
    }
    return v;
  }

  int(col: string, optional = false): number | undefined {
    const v = optional ? this.text(col) : this.required(col);
    if (!v) return undefined;
    if (!/^-?\d+$/.test(v)) {
      this.issues.push(issue(col, 'integer', `${col} "${v}" harus bilangan bulat`, `${col} "${v}" must be a whole number`));
      return undefined;
    }
    return Number(v);
  }

  percent(col: string): number | undefined {
    const v = this.text(col).replace('%', '').replace(',', '.').trim();
    if (!v) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) {
      this.issues.push(issue(col, 'number', `${col} "${v}" harus angka`, `${col} "${v}" must be a number`));
      return undefined;
    }
    return n;
  }
}

const withOptional = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;

function mapPerson(c: Cells, ref: RowRef, agencyCode: string): MappedRow {
  const nip = c.nip();
  const agency = c.required('kode_instansi').toUpperCase();
  if (agency && agency !== agencyCode) {
    c.issues.push(
      issue(
        'kode_instansi',
        'register.otherAgency',
        `pegawai instansi ${agency} tidak dapat diimpor ke register ${agencyCode}`,
        `an official of agency ${agency} cannot be imported into the register of ${agencyCode}`,
      ),
    );
  }
  const name = c.required('nama');
  const birthDate = c.date('tgl_lahir');
  const sex = c.oneOf('jenis_kelamin', SEX);
  const employmentType = c.oneOf('jenis_pegawai', EMPLOYMENT);
  const unitCode = c.code('unit_kerja');
  if (c.issues.length > 0 || !nip) return { kind: 'invalid', ref, nip, issues: c.issues };
  return {
    kind: 'person',
    ref,
    nip,
    draft: {
      type: 'person_registered',
      payload: { employmentType: employmentType!, name, birthDate: birthDate!, sex: sex!, unitCode: unitCode!, source: 'register' },
    },
  };
}

type HistoryDraft = { draft: RegisterEventDraft; endsOn?: string };

function mapHistory(sheet: ImportSheet, c: Cells): HistoryDraft | CompetencyLine | null {
  switch (sheet) {
    case 'pangkat': {
      const raw = c.required('golongan');
      const golongan = raw ? parseGolongan(raw) : null;
      if (raw && !golongan) {
        c.issues.push(issue('golongan', 'isIn', `golongan "${raw}" tidak dikenal (I/a … IV/e)`, `grade "${raw}" is unknown (I/a … IV/e)`));
      }
      const tmt = c.date('tmt_golongan');
      const decreeNumber = c.required('no_sk');
      const kind = c.oneOf('jenis_kp', RANK_KINDS);
      return { draft: { type: 'rank_changed', payload: { golongan: golongan!, tmt: tmt!, decreeNumber, kind: kind! } } };
    }
    case 'jabatan': {
      const postType = c.text('jenis_jabatan') && POST_TYPE_ALIASES[normalizeCode(c.text('jenis_jabatan'))];
      const payload: RegisterEventPayloads['position_assigned'] = {
        postCode: c.code('kode_jabatan')!,
        title: c.required('nama_jabatan'),
        postType: postType || c.oneOf('jenis_jabatan', CURRENT_POST_TYPES)!,
        unitCode: c.code('unit_kerja')!,
        from: c.date('tmt_jabatan')!,
        decreeNumber: c.required('no_sk'),
      };
      const endsOn = c.date('tmt_selesai', true);
      if (endsOn && payload.from && endsOn < payload.from) {
        c.issues.push(
          issue(
            'tmt_selesai',
            'position.endBeforeStart',
            `tmt_selesai ${endsOn} sebelum tmt_jabatan ${payload.from}`,
            `tmt_selesai ${endsOn} is before tmt_jabatan ${payload.from}`,
          ),
        );
      }
      return { draft: { type: 'position_assigned', payload }, ...(endsOn ? { endsOn } : {}) };
    }
    case 'pendidikan': {
      const raw = c.required('jenjang');
      const level = raw ? (EDUCATION_ALIASES[normalizeCode(raw)] ?? raw.toUpperCase()) : raw;
      if (raw && !(EDUCATION_LEVELS as readonly string[]).includes(level)) {
        c.issues.push(
          issue(
            'jenjang',
            'isIn',
            `jenjang "${raw}" tidak dikenal (${EDUCATION_LEVELS.join(', ')})`,
            `level "${raw}" is unknown (${EDUCATION_LEVELS.join(', ')})`,
          ),
        );
      }
      const payload = withOptional({
        level: level as RegisterEventPayloads['education_recorded']['level'],
        institution: c.text('nama_sekolah') || undefined,
        major: c.text('jurusan') || undefined,
        graduatedOn: c.date('tgl_lulus')!,
      });
      return { draft: { type: 'education_recorded', payload } };
    }
    case 'kinerja':
      return {
        draft: { type: 'performance_rated', payload: { year: c.int('tahun')!, predicate: c.oneOf('predikat', PERFORMANCE_PREDICATES)! } },
      };
    case 'hukdis': {
      const payload = withOptional({
        level: c.oneOf('tingkat', SANCTION_LEVEL)!,
        sanction: normalizeCode(c.required('jenis_hukuman')) as RegisterEventPayloads['sanction_recorded']['sanction'],
        imposedOn: c.date('tmt_hukuman')!,
        endsOn: c.date('akhir_hukuman', true),
        decreeNumber: c.required('no_sk'),
      });
      return { draft: { type: 'sanction_recorded', payload } };
    }
    case 'sertifikat': {
      const payload = withOptional({
        code: c.code('kode')!,
        issuedOn: c.date('tgl_terbit')!,
        validUntil: c.date('berlaku_sampai', true),
        reference: c.text('nomor') || undefined,
      });
      return { draft: { type: 'credential_recorded', payload } };
    }
    case 'talenta': {
      const performance = c.oneOf('kinerja', { ...PERFORMANCE_AXIS_ALIASES, ...Object.fromEntries(PERFORMANCE_AXIS.map((a) => [a, a])) });
      const potential = c.oneOf('potensial', { ...POTENTIAL_AXIS_ALIASES, ...Object.fromEntries(POTENTIAL_AXIS.map((a) => [a, a])) });
      const given = c.int('kotak', true);
      const box = given ?? (performance && potential ? placeNineBox({ performance, potential }).box : undefined);
      return {
        draft: {
          type: 'talent_placed',
          payload: { period: c.required('periode').toUpperCase(), performance: performance!, potential: potential!, box: box! },
        },
      };
    }
    case 'kompetensi':
      return withOptional({
        assessedOn: c.date('tgl_asesmen')!,
        method: c.required('metode'),
        assessor: c.required('asesor'),
        name: normalizeCode(c.required('kompetensi')),
        level: c.int('level')!,
        jpmPercent: c.percent('jpm'),
      });
    default:
      return null;
  }
}

function mapPost(c: Cells, ref: RowRef): MappedRow {
  const postType = c.text('jenis_jabatan') && POST_TYPE_ALIASES[normalizeCode(c.text('jenis_jabatan'))];
  const code = c.code('kode_jabatan');
  const title = c.required('nama_jabatan');
  const type = postType || c.oneOf('jenis_jabatan', CURRENT_POST_TYPES);
  const unitCode = c.code('unit_kerja');
  let competency: RequiredCompetency | null = null;
  if (c.text('kompetensi')) {
    const kind = c.oneOf('jenis_kompetensi', { ...COMPETENCY_TYPE_ALIASES, ...Object.fromEntries(COMPETENCY_TYPES.map((t) => [t, t])) });
    const level = c.int('level');
    if (level !== undefined && (level < 1 || level > 5)) {
      c.issues.push(issue('level', 'range', `level harus 1–5, bukan ${level}`, `level must be 1–5, not ${level}`));
    }
    if (kind && level !== undefined) competency = { type: kind, name: normalizeCode(c.text('kompetensi')), level };
  }
  if (c.issues.length > 0) return { kind: 'invalid', ref, nip: null, issues: c.issues };
  return { kind: 'post', ref, code: code!, title, postType: type!, unitCode: unitCode!, competency };
}

/**
 * Maps one row to a draft (or a competency line, a unit, a post), or to the issues that stop it,
 * each named by the file's column. `agencyCode` is the importing agency: a person of another
 * agency is refused here (`register.otherAgency`), so the importer never writes another register.
 */
export function mapImportRow(row: ImportRow, agencyCode: string): MappedRow {
  const c = new Cells(row.cells);
  const ref: RowRef = { sheet: row.sheet, row: row.row };
  if (row.sheet === 'pegawai') return mapPerson(c, ref, agencyCode);
  if (row.sheet === 'unit') {
    const code = c.code('kode_unit');
    const name = c.required('nama_unit');
    const parentCode = c.code('kode_unit_induk', true) ?? null;
    if (c.issues.length > 0) return { kind: 'invalid', ref, nip: null, issues: c.issues };
    return { kind: 'unit', ref, unit: { code: code!, name, parentCode } };
  }
  if (row.sheet === 'formasi') return mapPost(c, ref);
  const nip = c.nip();
  const mapped = mapHistory(row.sheet, c);
  if (c.issues.length > 0 || !nip || !mapped) return { kind: 'invalid', ref, nip, issues: c.issues };
  if ('draft' in mapped) return { kind: 'event', ref, nip, ...mapped };
  return { kind: 'competency', ref, nip, line: mapped };
}

/** The columns `IMPORT_COLUMNS` requires that a sheet's header lacks. */
export function missingColumns(sheet: ImportSheet, header: readonly string[]): string[] {
  const have = new Set(header.map((h) => normalizeCode(h)));
  return IMPORT_COLUMNS[sheet].required.filter((c) => !have.has(c));
}
