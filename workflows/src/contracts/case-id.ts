import { BULK_MOVE_WORKFLOW_ID_PATTERN, MOVE_WORKFLOW_ID_PATTERN } from './move.contract';
import { SELECTION_WORKFLOW_ID_PATTERN } from './selection.contract';
import { VACANCY_WORKFLOW_ID_PATTERN } from './vacancy.contract';

const ROOT_CASE_PATTERNS = [VACANCY_WORKFLOW_ID_PATTERN, SELECTION_WORKFLOW_ID_PATTERN, MOVE_WORKFLOW_ID_PATTERN, BULK_MOVE_WORKFLOW_ID_PATTERN];

export interface RootCaseRef {
  /** The root case's workflow id (a child's id starts with it). */
  rootId: string;
  /** `vacancy`, `open-selection`, `move` or `bulk-move`. */
  caseType: string;
  /** The agency that owns the case: every root id is `type:AGENCY:key`. */
  agencyCode: string;
}

/** The root case an id names, itself or as a child's prefix (`open-selection:A:S:assessment:<nip>`); null otherwise. */
export function rootCaseOf(id: string): RootCaseRef | null {
  const rootId = id.split(':').slice(0, 3).join(':');
  if (!ROOT_CASE_PATTERNS.some((p) => p.test(rootId))) return null;
  const [caseType, agencyCode] = rootId.split(':');
  return { rootId, caseType, agencyCode };
}
