import type { ConformanceReport, DecisionRow, DecisionView, EvidenceRef, LocalizedText } from '@meritflow/domain';
import type { BulkMoveState, MoveState, SelectionState, VacancyState } from '@meritflow/contracts';

export const DOSSIER_FORMAT = 'meritflow-case-dossier';
export const DOSSIER_VERSION = 1;

/** One ledger row as the dossier carries it, with its place in the hash chain (null where there is none). */
export interface DossierDecision extends Omit<DecisionView, 'evidence'> {
  evidence: EvidenceRef[];
  chainSeq: DecisionRow['chainSeq'] | null;
  rowHash: DecisionRow['rowHash'] | null;
  prevHash: DecisionRow['prevHash'];
}

/** A stored document some decision of the case cites, or a citation the store cannot resolve. */
export interface DossierEvidence {
  uri: string;
  found: boolean;
  id: string | null;
  kind: string | null;
  sha256: string | null;
  /** Every citation carried this same SHA-256 as the stored bytes. */
  citedHashesMatch: boolean;
  sizeBytes: number | null;
  mediaType: string | null;
  fileName: string | null;
  agencyCode: string | null;
  uploadedAt: string | null;
  uploadedBy: { id: string; role: string; name: string | null } | null;
  /** `<workflowId>#<sequence>` of each decision citing it. */
  citedBy: string[];
}

export interface DossierArchivedHistory {
  workflowId: string;
  runId: string;
  workflowType: string;
  kind: 'closed' | 'snapshot';
  status: string;
  eventCount: number;
  sha256: string;
  archivedAt: string;
}

export interface CaseDossier {
  format: typeof DOSSIER_FORMAT;
  version: typeof DOSSIER_VERSION;
  generatedAt: string;
  case: {
    caseId: string;
    runId: string;
    caseType: string;
    agencyCode: string;
    businessKey: string;
    title: string;
    status: string;
    step: string;
    details: Record<string, unknown>;
    createdAt: string;
    updatedAt: string;
  };
  sop: { id: string; version: string; title: LocalizedText; legalBasis: readonly string[]; effectiveFrom: string };
  /** The workflow's own view (a Temporal query); null when Temporal could not answer, with the reason. */
  state: SelectionState | VacancyState | MoveState | BulkMoveState | null;
  stateUnavailable: { code: string } | null;
  /**
   * Where `state` came from: a live Temporal query, or, once Temporal has let a closed case go, the
   * final state the run returned, read from its archived history. Null when there is no state.
   */
  stateSource: 'temporal' | 'archive' | null;
  /** Every history of the case the PostgreSQL archive holds, each with the hash its chain row carries. */
  archivedHistories: DossierArchivedHistory[];
  /** Whether the ledger carries a hash chain (the chain columns exist). */
  hashChain: boolean;
  decisions: DossierDecision[];
  evidence: DossierEvidence[];
  conformance: ConformanceReport;
}
