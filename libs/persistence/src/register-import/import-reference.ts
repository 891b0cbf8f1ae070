import type { DataSource } from 'typeorm';
import {
  DomainError,
  type Actor,
  type FieldIssue,
  type ImportRowIssue,
  type MappedRow,
  type RegisterPost,
  type RowRef,
} from '@meritflow/domain';
import { RegisterReferenceRepository } from '../register-reference.repository';
import { rowIssue } from './parse-import';

type UnitRow = Extract<MappedRow, { kind: 'unit' }>;
type PostRow = Extract<MappedRow, { kind: 'post' }>;

const UNIT_COLUMNS: Record<string, string> = { code: 'kode_unit', name: 'nama_unit', parentCode: 'kode_unit_induk' };
const POST_COLUMNS: Record<string, string> = {
  code: 'kode_jabatan',
  title: 'nama_jabatan',
  postType: 'jenis_jabatan',
  unitCode: 'unit_kerja',
};
const STANDARD_COLUMNS: Record<string, string> = { type: 'jenis_kompetensi', name: 'kompetensi', level: 'level' };

/** Runs one write; a refusal becomes row issues through `locate`, anything else is thrown. */
async function attempt(write: () => Promise<unknown>, locate: (f: FieldIssue) => ImportRowIssue): Promise<ImportRowIssue[]> {
  try {
    await write();
    return [];
  } catch (err) {
    if (err instanceof DomainError && err.code === 'VALIDATION_FAILED' && err.params.fields) return err.params.fields.map(locate);
    throw err;
  }
}

/**
 * The file's units and posts, written through RegisterReferenceRepository: the same checks (a
 * parent among the agency's units, no loop; a post's unit known, its standard's levels 1–5, each
 * competency once) and the same change record as PUT /register/units|posts, with the import as the
 * reason. Units go parents first. A refused unit or post is reported on its rows; the others are written.
 */
export async function applyReferenceRows(
  ds: DataSource,
  agencyCode: string,
  units: readonly UnitRow[],
  posts: readonly PostRow[],
  actor: Actor,
  reason: string,
): Promise<ImportRowIssue[]> {
  const reference = new RegisterReferenceRepository(ds);
  const issues: ImportRowIssue[] = [];
  const inFile = new Set(units.map((u) => u.unit.code));
  const done = new Set<string>();
  let pending = [...units];
  while (pending.length > 0) {
    // A unit whose parent is later in the file waits for it; a loop is written as is, and refused.
    const ready = pending.filter((u) => !u.unit.parentCode || !inFile.has(u.unit.parentCode) || done.has(u.unit.parentCode));
    const batch = ready.length > 0 ? ready : pending;
    for (const u of batch) {
      issues.push(
        ...(await attempt(
          () => reference.putUnit(agencyCode, u.unit, reason, actor),
          (f) => rowIssue(u.ref, null, { ...f, field: UNIT_COLUMNS[f.field] ?? f.field }),
        )),
      );
      done.add(u.unit.code);
    }
    pending = pending.filter((u) => !batch.includes(u));
  }

  const byCode = new Map<string, { post: RegisterPost; refs: RowRef[]; standardRefs: RowRef[] }>();
  for (const p of posts) {
    const entry = byCode.get(p.code) ?? {
      post: {
        code: p.code,
        title: p.title,
        postType: p.postType as RegisterPost['postType'],
        unitCode: p.unitCode,
        competencyStandard: [],
      },
      refs: [],
      standardRefs: [],
    };
    entry.refs.push(p.ref);
    if (p.competency) {
      entry.post.competencyStandard.push(p.competency);
      entry.standardRefs.push(p.ref);
    }
    byCode.set(p.code, entry);
  }
  for (const { post, refs, standardRefs } of byCode.values()) {
    issues.push(
      ...(await attempt(
        () => reference.putPost(agencyCode, post, reason, actor),
        (f) => {
          const m = /^competencyStandard\.(\d+)\.?(.*)$/.exec(f.field);
          if (m) return rowIssue(standardRefs[Number(m[1])] ?? refs[0], null, { ...f, field: STANDARD_COLUMNS[m[2]] ?? 'kompetensi' });
          return rowIssue(refs[0], null, { ...f, field: POST_COLUMNS[f.field] ?? f.field });
        },
      )),
    );
  }
  return issues;
}
