import type { ErrorCode, ErrorParams } from '../errors';

/**
 * Decisions that record a signed decree's number (an SK, or a Keppres for the senior chains). When
 * meritflow drafted the case's SK (POST …/decree), such a decision must cite that draft among its
 * evidence, so the ledger ties the number to the exact bytes drafted. A case with no draft (an SK
 * signed outside meritflow, a Keppres) records the signed scan it uploads instead: nothing to cite.
 */
export const DECREE_RECORDING_DECISIONS: readonly string[] = Object.freeze(['record_decree', 'record_keppres']);

/** Whether the decision records a signed decree's number, so that a drafted decree must be cited. */
export const recordsDecree = (decision: string): boolean => DECREE_RECORDING_DECISIONS.includes(decision);

/** The latest draft of the decree the decision records. */
export interface DraftedDecree {
  decreeNumber: string;
  sha256: string;
  uri: string;
}

/** One evidence reference as a decision carries it. */
export interface CitedEvidence {
  uri?: string;
  sha256?: string;
}

export type DecreeCitationVerdict = { ok: true } | { ok: false; code: ErrorCode; params: ErrorParams };

/**
 * Whether a decision may be recorded as to the drafted decree: any decision that records no decree,
 * or records one with no draft, may; one that records a drafted decree must cite the latest draft's
 * SHA-256 (409 DECREE_DRAFT_NOT_CITED, field `evidence`).
 */
export function decreeCitationVerdict(
  decision: string,
  draft: DraftedDecree | null,
  evidence: readonly CitedEvidence[] | undefined,
): DecreeCitationVerdict {
  if (!recordsDecree(decision) || draft === null) return { ok: true };
  const cited = (evidence ?? []).some((e) => typeof e.sha256 === 'string' && e.sha256.toLowerCase() === draft.sha256.toLowerCase());
  if (cited) return { ok: true };
  return {
    ok: false,
    code: 'DECREE_DRAFT_NOT_CITED',
    params: {
      decision,
      field: 'evidence',
      decreeNumber: draft.decreeNumber,
      uri: draft.uri,
      sha256: draft.sha256,
    },
  };
}
