import type { RegisterEventDraft, RegisterEventType } from './register.types';
import type { CompetencyLine, MappedRow, RowRef } from './register-import';

const withOptional = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;

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
