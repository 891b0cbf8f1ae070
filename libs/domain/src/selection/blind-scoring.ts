import type { Role } from '../roles';

/**
 * Blind scoring (issue 16 item 3): an option chosen when a selection is opened. Candidates get stable
 * codes in registration order (K-01, K-02, …); until the ranking is signed, committee members and
 * assessors read and score codes, never names or NIPs. HR, the PPK, the overseer, auditors and
 * administrators keep their usual view: they run the file, decide or check, and do not score.
 */
export const BLIND_READER_ROLES: readonly Role[] = ['committee_member', 'committee_chair', 'assessor'];

/** A candidate code as members type it. */
export const CANDIDATE_CODE_PATTERN = /^K-\d{2,4}$/;

/** The code of the candidate registered `order`-th in the selection (1-based). */
export const candidateCode = (order: number): string => `K-${String(order).padStart(2, '0')}`;

export interface CandidateCode {
  code: string;
  nip: string;
  name: string;
}

/** A blind selection's codebook and whether the ranking has been signed (the names revealed). */
export interface BlindScoringState {
  revealed: boolean;
  codes: CandidateCode[];
}

/**
 * Whether this reader holds a role that reads a blind selection blind (a committee or assessor role,
 * their own or the one they act for under a delegation), whatever the selection's state.
 */
export const isBlindReader = (reader: { role: string; actingFor?: { role: string } }): boolean =>
  [reader.role, reader.actingFor?.role].some((r) => r !== undefined && (BLIND_READER_ROLES as readonly string[]).includes(r));

/** Whether this reader must read the selection blind now: a blind reader, before the names are revealed. */
export const readsBlind = (reader: { role: string; actingFor?: { role: string } }, blind: BlindScoringState | null | undefined): boolean =>
  !!blind && !blind.revealed && isBlindReader(reader);

/** The NIP a code (or a NIP) names in this codebook; null when it names no candidate. */
export function nipOfRef(codes: readonly CandidateCode[], ref: string): string | null {
  if (CANDIDATE_CODE_PATTERN.test(ref)) return codes.find((c) => c.code === ref)?.nip ?? null;
  return codes.some((c) => c.nip === ref) ? ref : null;
}

/**
 * Replaces every candidate NIP and name in a JSON value (strings and object keys, also inside longer
 * strings such as a child workflow id or a reason) with the candidate's code. Longer texts are
 * replaced first, so a name that contains another name is not half replaced.
 */
export function maskCandidates<T>(value: T, codes: readonly CandidateCode[]): T {
  const pairs = codes
    .flatMap((c) => [
      [c.nip, c.code],
      [c.name, c.code],
    ])
    .filter(([from]) => from.length > 0)
    .sort((a, b) => b[0].length - a[0].length);
  const text = (s: string) => pairs.reduce((acc, [from, to]) => (acc.includes(from) ? acc.split(from).join(to) : acc), s);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      if (v instanceof Date) return v;
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [text(k), walk(x)]));
    }
    return v;
  };
  return walk(value) as T;
}
