import type { ErrorCode, ErrorParams, FieldIssue } from '../errors';

/**
 * The objection stage (sanggah) of an open selection (issue 16 item 2): once the ranking is signed the
 * results are published to the candidates and a timed window opens; a candidate objects to their own
 * result with evidence, and the committee chair answers every objection (upheld or rejected, with a
 * reason) before the shortlist goes on. Pure: the workflow hands in what the case holds.
 */
export type ObjectionVerdict = { ok: true } | { ok: false; code: ErrorCode; params: ErrorParams };

const OK: ObjectionVerdict = { ok: true };
const invalid = (name: string, rule: string, id: string, en: string): ObjectionVerdict => ({
  ok: false,
  code: 'VALIDATION_FAILED',
  params: { fields: [{ field: name, rule, message: { id, en } } satisfies FieldIssue] },
});

/** Candidates whose result is published and who may object: those the committee scored. */
export const PUBLISHED_STATUSES: readonly string[] = ['ranked', 'no_quorum'];

export interface ObjectionRecord {
  nip: string;
  filedAt: string;
  reason: string;
  answer: { upheld: boolean; reason: string; by: string; answeredAt: string } | null;
}

/**
 * file_objection: only a candidate whose result was published, for themselves (the actor id is their
 * NIP), once. Anyone else is told the selection does not exist for them, as for another agency's case.
 */
export function checkFileObjection(
  actorId: string,
  ctx: { selectionId: string; candidate: { nip: string; status: string } | undefined; objections: readonly ObjectionRecord[] },
): ObjectionVerdict {
  if (!ctx.candidate || ctx.candidate.nip !== actorId || !PUBLISHED_STATUSES.includes(ctx.candidate.status)) {
    return { ok: false, code: 'CASE_NOT_FOUND', params: { caseId: ctx.selectionId } };
  }
  if (ctx.objections.some((o) => o.nip === actorId)) {
    return invalid(
      'decision',
      'objection.once',
      'sanggahan sudah diajukan; satu sanggahan per calon',
      'an objection was already filed; one per candidate',
    );
  }
  return OK;
}

/** answer_objection: an objection that was filed and is not yet answered, upheld or rejected. */
export function checkAnswerObjection(d: { nip?: string; upheld?: unknown }, objections: readonly ObjectionRecord[]): ObjectionVerdict {
  const o = objections.find((x) => x.nip === d.nip);
  if (!o) return invalid('nip', 'objection.exists', 'tidak ada sanggahan dari calon ini', 'this candidate filed no objection');
  if (o.answer) return invalid('nip', 'objection.unanswered', 'sanggahan ini sudah dijawab', 'this objection was already answered');
  if (typeof d.upheld !== 'boolean') {
    return invalid(
      'upheld',
      'required',
      'nyatakan sanggahan diterima (true) atau ditolak (false)',
      'say whether the objection is upheld (true) or rejected (false)',
    );
  }
  return OK;
}

/** The shortlist goes on only once the window has closed and every objection is answered. */
export const objectionsSettled = (windowClosed: boolean, objections: readonly ObjectionRecord[]): boolean =>
  windowClosed && objections.every((o) => o.answer !== null);

/** Candidates whose objection the committee upheld: their scoring is reopened. */
export const upheldNips = (objections: readonly ObjectionRecord[]): string[] =>
  objections.filter((o) => o.answer?.upheld).map((o) => o.nip);

const isScore = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100;

/**
 * rescore_candidate (after an upheld objection): the committee's paper and interview scores of a
 * candidate whose objection was upheld, re-entered by the chair, each 0–100.
 */
export function checkRescore(
  d: { nip?: string; paper?: unknown; interview?: unknown },
  objections: readonly ObjectionRecord[],
): ObjectionVerdict {
  if (!upheldNips(objections).includes(d.nip ?? '')) {
    return invalid(
      'nip',
      'objection.upheld',
      'hanya calon yang sanggahannya diterima dinilai ulang',
      'only a candidate whose objection was upheld is rescored',
    );
  }
  for (const name of ['paper', 'interview'] as const) {
    if (!isScore(d[name])) return invalid(name, 'range', `${name}: nilai 0–100`, `${name}: a score of 0–100`);
  }
  return OK;
}

/** The ranking is re-signed only once every upheld candidate has been rescored. */
export function checkResign(objections: readonly ObjectionRecord[], rescored: readonly string[]): ObjectionVerdict {
  const missing = upheldNips(objections).filter((n) => !rescored.includes(n));
  if (missing.length === 0) return OK;
  return invalid('decision', 'objection.rescored', `nilai ulang dulu: ${missing.join(', ')}`, `rescore first: ${missing.join(', ')}`);
}
