import type { SopRef } from '../sop/sop.types';

/**
 * The ledger rows that announce an archived history. They sit in the case's hash chain beside the
 * decisions, carry the archived history's SHA-256, and are not decisions of the case: the timeline
 * comparison, conformance and the case read model pass them by.
 */
export const ARCHIVE_DECISIONS = Object.freeze({
  /** A closed run's full history, copied before Temporal's retention deletes it. */
  closed: 'history_archived',
  /** An open run's history as it stood, taken on demand for an audit in progress. */
  snapshot: 'history_snapshot',
} as const);

export type ArchiveKind = keyof typeof ARCHIVE_DECISIONS;
export type ArchiveDecision = (typeof ARCHIVE_DECISIONS)[ArchiveKind];

const ARCHIVE_DECISION_SET: ReadonlySet<string> = new Set(Object.values(ARCHIVE_DECISIONS));

export const isArchiveDecision = (decision: string): boolean => ARCHIVE_DECISION_SET.has(decision);

/** What an archive row in the ledger is recorded under, in place of a case SOP. */
export const ARCHIVE_PROCEDURE: SopRef = Object.freeze({ id: 'history-archive', version: '1.0.0' });

/** The step an archive row leaves the run in: the run itself does not move. */
export const ARCHIVE_STEP = 'archived';

/** How archived bytes are encoded: gzip over the canonical JSON of Temporal's JSON history format. */
export const ARCHIVE_ENCODING = 'gzip;canonical-json';

/** One archive row per closed run; one snapshot per open run and history length. */
export const archiveIdempotencyKey = (kind: ArchiveKind, workflowId: string, runId: string, eventCount: number): string =>
  kind === 'closed' ? `archive:${workflowId}:${runId}` : `snapshot:${workflowId}:${runId}:${eventCount}`;

/** What the archive row's payload says about the history; the same fields an offline check reads. */
export interface ArchivedHistoryFacts {
  kind: ArchiveKind;
  workflowType: string;
  status: string;
  eventCount: number;
  sizeBytes: number;
  /** Lower-case hex SHA-256 of the canonical JSON (before compression). */
  sha256: string;
  /** Lower-case hex SHA-256 of the protobuf encoding kept for fast replay (before compression). */
  pbSha256: string;
  encoding: typeof ARCHIVE_ENCODING;
  startedAt: string | null;
  closedAt: string | null;
}

/** One run's history on its way into the archive: what the archiver hands the repository. */
export interface ArchiveEntry<Bytes = Uint8Array> {
  kind: ArchiveKind;
  caseType: string;
  agencyCode: string;
  rootWorkflowId: string;
  workflowId: string;
  runId: string;
  parentWorkflowId: string | null;
  workflowType: string;
  status: string;
  startedAt: string | null;
  closedAt: string | null;
  eventCount: number;
  sizeBytes: number;
  /** Hex SHA-256 of the canonical JSON, and its gzip. */
  sha256: string;
  gzip: Bytes;
  /** Hex SHA-256 of the protobuf encoding, and its gzip. */
  pbSha256: string;
  pbGzip: Bytes;
}
