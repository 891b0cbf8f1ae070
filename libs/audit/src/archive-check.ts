import { ARCHIVE_DECISIONS, archiveIdempotencyKey, continuedFromRun, isArchiveDecision } from '@meritflow/domain';
import { historySha256 } from './archived-history';
import type { CaseHistory } from './history.types';
import type { LedgerRowLike } from './ledger-row';

/** Where an audited history came from. */
export type HistorySource = 'temporal' | 'archive' | 'archive-snapshot';

/** A run's history with where it was read from; archived ones keep the JSON the hash was taken over. */
export interface SourcedHistory extends CaseHistory {
  source: HistorySource;
  /** Temporal's JSON history format as archived (an export's archived histories carry it). */
  json?: unknown;
  /**
   * The hashes of both stored copies as read now (the API reads the archive's rows: the canonical
   * JSON and the protobuf copy it replays), computed without decoding the JSON.
   */
  stored?: { sha256: string; pbSha256: string };
}

export interface ArchiveCheck {
  workflowId: string;
  runId: string;
  source: HistorySource;
  /** The SHA-256 of the history as read now. */
  sha256: string;
  /** The SHA-256 the ledger's archive row recorded, in the case's hash chain. */
  recorded: string | null;
  ok: boolean;
  problem?: 'no_archive_row' | 'hash_mismatch';
}

/**
 * Checks each archived history against the archive row the hash chain holds for it: the bytes an
 * auditor replays must be the bytes that were archived. A history read from Temporal is not checked
 * here (Temporal is its own source).
 */
export function checkArchivedHistories(histories: readonly SourcedHistory[], ledger: readonly LedgerRowLike[]): ArchiveCheck[] {
  const rows = new Map(ledger.filter((r) => isArchiveDecision(r.decision)).map((r) => [r.idempotencyKey, r]));
  return histories
    .filter((h) => h.source !== 'temporal')
    .map((h) => {
      const sha256 = h.stored ? h.stored.sha256 : historySha256(h.json);
      const eventCount = h.history.events?.length ?? 0;
      const key =
        h.source === 'archive'
          ? archiveIdempotencyKey('closed', h.workflowId, h.runId, eventCount)
          : archiveIdempotencyKey('snapshot', h.workflowId, h.runId, eventCount);
      const row = rows.get(key);
      const payload = (row?.payload ?? {}) as { sha256?: unknown; pbSha256?: unknown };
      const recorded = row ? String(payload.sha256 ?? '') : null;
      const base = { workflowId: h.workflowId, runId: h.runId, source: h.source, sha256, recorded };
      if (!row || row.decision !== ARCHIVE_DECISIONS[h.source === 'archive' ? 'closed' : 'snapshot'])
        return { ...base, ok: false, problem: 'no_archive_row' as const };
      // The replayed protobuf copy must be the one archived too.
      const pbOk = !h.stored || h.stored.pbSha256 === String(payload.pbSha256 ?? '');
      return recorded === sha256 && pbOk ? { ...base, ok: true } : { ...base, ok: false, problem: 'hash_mismatch' as const };
    });
}

/**
 * The ledger rows one run of a case is audited against: the root run's own rows and its children's,
 * not those of an earlier run of the same case id, and not the archive's rows (they are not
 * decisions). The same selection the repository's decisionsOfCase makes in SQL.
 */
export function decisionRowsOfRun<T extends LedgerRowLike>(rows: readonly T[], rootWorkflowId: string, rootRunId: string): T[] {
  // A run an SOP migration (or a long history) started continues the run named in its first row: one case across its runs.
  const runIds = new Set([rootRunId]);
  for (let run: string | undefined = rootRunId; run;) {
    const first = rows.find((r) => r.workflowId === rootWorkflowId && r.runId === run && continuedFromRun(r) !== undefined);
    const from = first ? continuedFromRun(first) : undefined;
    run = from !== undefined && !runIds.has(from) ? from : undefined;
    if (run) runIds.add(run);
  }
  const own = rows.filter((r) => r.workflowId === rootWorkflowId && runIds.has(r.runId) && !isArchiveDecision(r.decision));
  if (own.length === 0) return [];
  const since = Math.min(...own.map((r) => new Date(r.decidedAt).getTime()));
  return rows.filter(
    (r) =>
      !isArchiveDecision(r.decision) &&
      r.rootWorkflowId === rootWorkflowId &&
      (r.workflowId !== rootWorkflowId || runIds.has(r.runId)) &&
      new Date(r.decidedAt).getTime() >= since,
  );
}
