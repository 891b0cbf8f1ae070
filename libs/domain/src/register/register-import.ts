import type { FieldIssue } from '../errors';
import { isGolongan, type Golongan } from '../personnel/golongan';
import { BUSINESS_CODE_PATTERN } from '../personnel/position';
import { COMPETENCY_TYPES, type RequiredCompetency } from '../vacancy/vacancy-proposal';
import { CURRENT_POST_TYPES, EDUCATION_LEVELS, PERFORMANCE_PREDICATES, type CurrentPostType } from '../selection/candidate';
import { isRealDate } from '../selection/iso-date';
import { placeNineBox, PERFORMANCE_AXIS, POTENTIAL_AXIS, type PerformanceLevel, type PotentialLevel } from '../mobility/talent';
import type { RankChangeKind, RegisterEventDraft, RegisterEventPayloads, RegisterEventType } from './register.types';

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

/** Lower case, spaces, slashes and hyphens as underscores: "Sangat Baik" → "sangat_baik". */
export const normalizeCode = (v: string): string =>
  v
    .trim()
    .toLowerCase()
    .replace(/[\s/-]+/g, '_');

const DMY = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * 'YYYY-MM-DD', or SIASN's 'DD-MM-YYYY' / 'DD/MM/YYYY', or an Excel date serial (a date cell read
 * before the workbook's styles say it is a date: 36586 is 2000-03-01); null when the date does not exist.
 */
export function parseImportDate(v: string): string | null {
  if (/^\d{4,5}$/.test(v) && Number(v) >= 367) return new Date(EXCEL_EPOCH_MS + Number(v) * 86_400_000).toISOString().slice(0, 10);
  const ymd = YMD.exec(v);
  const dmy = ymd ? null : DMY.exec(v);
  const parts = ymd ? [ymd[1], ymd[2], ymd[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : null;
  if (!parts) return null;
  const [y, m, d] = parts;
  if (!isRealDate(Number(y), Number(m), Number(d))) return null;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

const ROMAN: Record<string, string> = { '1': 'I', '2': 'II', '3': 'III', '4': 'IV', i: 'I', ii: 'II', iii: 'III', iv: 'IV' };

/** "III/a", "III/A", "IIIa", "3a", or SIASN's golongan id "31" (III/a) … "45" (IV/e). */
export function parseGolongan(v: string): Golongan | null {
  const s = v.replace(/\s+/g, '').toLowerCase();
  const id = /^([1-4])([1-5])$/.exec(s);
  const m = id ? [s, id[1], 'abcde'[Number(id[2]) - 1]] : /^(iv|iii|ii|i|[1-4])\/?([a-e])$/.exec(s);
  if (!m) return null;
  const g = `${ROMAN[m[1]]}/${m[2]}`;
  return isGolongan(g) ? g : null;
}

const RANK_KINDS: Record<string, RankChangeKind> = {
  awal: 'initial',
  cpns: 'initial',
  pengangkatan_cpns: 'initial',
  initial: 'initial',
  reguler: 'regular',
  regular: 'regular',
  pilihan: 'regular',
  kp_reguler: 'regular',
  kp_pilihan: 'regular',
  penyesuaian: 'adjustment',
  penyesuaian_ijazah: 'adjustment',
  adjustment: 'adjustment',
  penurunan: 'demotion',
  penurunan_pangkat: 'demotion',
  demotion: 'demotion',
};

const SEX: Record<string, 'male' | 'female'> = {
  l: 'male',
  laki_laki: 'male',
  pria: 'male',
  m: 'male',
  male: 'male',
  '1': 'male',
  p: 'female',
  perempuan: 'female',
  wanita: 'female',
  f: 'female',
  female: 'female',
  '2': 'female',
};

const EMPLOYMENT: Record<string, 'pns' | 'pppk'> = { pns: 'pns', cpns: 'pns', pppk: 'pppk' };

const POST_TYPE_ALIASES: Record<string, CurrentPostType> = {
  fungsional_umum: 'pelaksana',
  jfu: 'pelaksana',
  jabatan_pelaksana: 'pelaksana',
};

const EDUCATION_ALIASES: Record<string, string> = { slta: 'SMA', smk: 'SMA', ma: 'SMA', diii: 'D3', d_iii: 'D3', div: 'D4', d_iv: 'D4' };

const SANCTION_LEVEL: Record<string, 'light' | 'medium' | 'heavy'> = {
  ringan: 'light',
  light: 'light',
  sedang: 'medium',
  medium: 'medium',
  berat: 'heavy',
  heavy: 'heavy',
};

const PERFORMANCE_AXIS_ALIASES: Record<string, PerformanceLevel> = {
  di_atas_ekspektasi: 'above',
  sesuai_ekspektasi: 'meets',
  di_bawah_ekspektasi: 'below',
};
const POTENTIAL_AXIS_ALIASES: Record<string, PotentialLevel> = { tinggi: 'high', menengah: 'medium', sedang: 'medium', rendah: 'low' };

const COMPETENCY_TYPE_ALIASES: Record<string, RequiredCompetency['type']> = {
  manajerial: 'managerial',
  sosial_kultural: 'socio_cultural',
  teknis: 'technical',
};

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

/** A draft with the file rows it came from (an assessment has one row per competency). */
export interface PlannedDraft {
  draft: RegisterEventDraft;
  refs: RowRef[];
}

const TYPE_ORDER: Partial<Record<RegisterEventType, number>> = {
  person_registered: 0,
  rank_changed: 1,
  position_assigned: 2,
  position_ended: 3,
};

const effectiveOf = (d: RegisterEventDraft): string => {
  const p = d.payload as Record<string, unknown>;
  const date = p.tmt ?? p.from ?? p.to ?? p.graduatedOn ?? p.imposedOn ?? p.assessedOn ?? p.issuedOn;
  if (typeof date === 'string') return date;
  if (d.type === 'performance_rated') return `${d.payload.year}-12-31`;
  if (d.type === 'talent_placed') return `${d.payload.period.slice(0, 4)}-12-31`;
  return '';
};

/**
 * One person's history drafts in the order the register checks them: by effective date, a grade
 * before a post on the same day. An assessment's rows become one draft; the latest post's
 * `tmt_selesai` becomes a `position_ended` (earlier posts end when the next one starts).
 */
export function orderPersonDrafts(rows: readonly Extract<MappedRow, { kind: 'event' | 'competency' }>[]): PlannedDraft[] {
  const planned: PlannedDraft[] = [];
  const assessments = new Map<string, { lines: CompetencyLine[]; refs: RowRef[] }>();
  let latestPost: Extract<MappedRow, { kind: 'event' }> | null = null;
  for (const r of rows) {
    if (r.kind === 'competency') {
      const key = JSON.stringify([r.line.assessedOn, r.line.method, r.line.assessor]);
      const a = assessments.get(key) ?? { lines: [], refs: [] };
      a.lines.push(r.line);
      a.refs.push(r.ref);
      assessments.set(key, a);
      continue;
    }
    planned.push({ draft: r.draft, refs: [r.ref] });
    if (r.draft.type === 'position_assigned') {
      const from = r.draft.payload.from;
      if (!latestPost || (latestPost.draft.type === 'position_assigned' && from > latestPost.draft.payload.from)) latestPost = r;
    }
  }
  if (latestPost?.endsOn) planned.push({ draft: { type: 'position_ended', payload: { to: latestPost.endsOn } }, refs: [latestPost.ref] });
  for (const { lines, refs } of assessments.values()) {
    const jpm = lines.find((l) => l.jpmPercent !== undefined)?.jpmPercent;
    planned.push({
      draft: {
        type: 'competency_assessed',
        payload: withOptional({
          assessedOn: lines[0].assessedOn,
          method: lines[0].method,
          assessor: lines[0].assessor,
          levels: Object.fromEntries(lines.map((l) => [l.name, l.level])),
          jpmPercent: jpm,
        }),
      },
      refs,
    });
  }
  return planned
    .map((p, i) => ({ p, i, at: effectiveOf(p.draft), order: TYPE_ORDER[p.draft.type] ?? 9 }))
    .sort((a, b) => (a.at === b.at ? a.order - b.order || a.i - b.i : a.at < b.at ? -1 : 1))
    .map((x) => x.p);
}

/** The file column a register rule's field stands for, per event type. */
const FIELD_COLUMNS: Record<string, Record<string, string>> = {
  person_registered: {
    nip: 'nip',
    employmentType: 'jenis_pegawai',
    name: 'nama',
    birthDate: 'tgl_lahir',
    sex: 'jenis_kelamin',
    unitCode: 'unit_kerja',
  },
  identity_changed: { name: 'nama', unitCode: 'unit_kerja' },
  rank_changed: { golongan: 'golongan', tmt: 'tmt_golongan', decreeNumber: 'no_sk', kind: 'jenis_kp' },
  position_assigned: {
    postCode: 'kode_jabatan',
    title: 'nama_jabatan',
    postType: 'jenis_jabatan',
    unitCode: 'unit_kerja',
    from: 'tmt_jabatan',
    decreeNumber: 'no_sk',
  },
  position_ended: { to: 'tmt_selesai' },
  education_recorded: { level: 'jenjang', institution: 'nama_sekolah', major: 'jurusan', graduatedOn: 'tgl_lulus' },
  performance_rated: { year: 'tahun', predicate: 'predikat' },
  sanction_recorded: {
    level: 'tingkat',
    sanction: 'jenis_hukuman',
    imposedOn: 'tmt_hukuman',
    endsOn: 'akhir_hukuman',
    decreeNumber: 'no_sk',
  },
  competency_assessed: { assessedOn: 'tgl_asesmen', method: 'metode', assessor: 'asesor', levels: 'kompetensi', jpmPercent: 'jpm' },
  credential_recorded: { code: 'kode', issuedOn: 'tgl_terbit', validUntil: 'berlaku_sampai', reference: 'nomor' },
  talent_placed: { period: 'periode', performance: 'kinerja', potential: 'potensial', box: 'kotak' },
};

/**
 * The file row and column a register rule's issue on `planned` points at. A competency level's
 * issue (`levels.<name>`) points at that competency's row.
 */
export function locateIssue(planned: PlannedDraft, field: string): { ref: RowRef; column: string } {
  const [head, rest] = field.split(/\.(.*)/s, 2);
  if (planned.draft.type === 'competency_assessed' && head === 'levels' && rest) {
    const names = Object.keys(planned.draft.payload.levels);
    return { ref: planned.refs[Math.max(0, names.indexOf(rest))] ?? planned.refs[0], column: 'level' };
  }
  return { ref: planned.refs[0], column: FIELD_COLUMNS[planned.draft.type]?.[head] ?? head };
}

/** The columns `IMPORT_COLUMNS` requires that a sheet's header lacks. */
export function missingColumns(sheet: ImportSheet, header: readonly string[]): string[] {
  const have = new Set(header.map((h) => normalizeCode(h)));
  return IMPORT_COLUMNS[sheet].required.filter((c) => !have.has(c));
}
