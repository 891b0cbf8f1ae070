import { CASE_TYPE_LIST } from './case-types';

export interface RootCaseRef {
  /** The root case's workflow id (a child's id starts with it). */
  rootId: string;
  /** A registered case type (case-types.ts). */
  caseType: string;
  /** The agency that owns the case: every root id is `type:AGENCY:key`. */
  agencyCode: string;
}

/** The root case an id names, itself or as a child's prefix (`open-selection:A:S:assessment:<nip>`); null otherwise. */
export function rootCaseOf(id: string): RootCaseRef | null {
  const rootId = id.split(':').slice(0, 3).join(':');
  const entry = CASE_TYPE_LIST.find((e) => e.idPattern.test(rootId));
  if (!entry) return null;
  const [, agencyCode] = rootId.split(':');
  return { rootId, caseType: entry.type, agencyCode };
}
