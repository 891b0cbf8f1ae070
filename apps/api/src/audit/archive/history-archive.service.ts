import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import {
  archiveRun,
  childWorkflowsOf,
  type ArchivedRun,
  type AuditBundle,
  AUDIT_BUNDLE_FORMAT,
  AUDIT_BUNDLE_VERSION,
} from '@meritflow/audit';
import type { ApiConfig } from '@meritflow/config';
import { DomainError, parsePeriod } from '@meritflow/domain';
import { HistoryArchiveRepository, LedgerRepository } from '@meritflow/persistence';
import {
  HISTORY_ARCHIVE_ON_DEMAND_WORKFLOW_ID,
  HISTORY_ARCHIVE_SWEEP_WORKFLOW_TYPE,
  PERSONNEL_TASK_QUEUE,
  rootCaseOf,
  type HistoryArchiveSweepInput,
  type HistoryArchiveSweepReport,
} from '@meritflow/contracts';
import { API_CONFIG } from '../../config.provider';
import { fromTemporalError } from '../../temporal/temporal-errors';
import { TEMPORAL_CLIENT } from '../../temporal/temporal.tokens';
import { CaseReplayService } from '../replay/case-replay.service';

export interface ArchiveStatus {
  namespace: string;
  lastSweepStartedAt: string | null;
  lastSweepFinishedAt: string | null;
  lastSweepArchived: number;
  /** Closed runs the last sweep left for the next one. */
  pending: number;
  /** Seconds since the oldest closed run still not archived closed; 0 when none is pending. */
  lagSeconds: number;
  /** Seconds since the last sweep finished: a sweep that stopped running shows here. */
  secondsSinceLastSweep: number | null;
  lastError: string | null;
}

/** How many cases one audit bundle carries; a larger period is asked for in parts. */
export const AUDIT_BUNDLE_MAX_CASES = 200;

const seconds = (from: Date | null, now: Date): number | null =>
  from ? Math.max(0, Math.round((now.getTime() - from.getTime()) / 1000)) : null;

/** Where the sweep stands, as the status endpoint and the health check report it. */
export async function archiveStatus(repo: HistoryArchiveRepository, namespace: string, now: Date): Promise<ArchiveStatus> {
  const s = await repo.sweepStatus(namespace);
  return {
    namespace,
    lastSweepStartedAt: s?.lastStartedAt.toISOString() ?? null,
    lastSweepFinishedAt: s?.lastFinishedAt?.toISOString() ?? null,
    lastSweepArchived: s?.lastArchived ?? 0,
    pending: s?.pending ?? 0,
    lagSeconds: seconds(s?.oldestPendingClosedAt ?? null, now) ?? 0,
    secondsSinceLastSweep: seconds(s?.lastFinishedAt ?? null, now),
    lastError: s?.lastError ?? null,
  };
}

/** The history archive as the API serves it: status, on-demand sweeps and snapshots, and audit bundles. */
@Injectable()
export class HistoryArchiveService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly archive: HistoryArchiveRepository,
    private readonly ledger: LedgerRepository,
    private readonly replay: CaseReplayService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async status(now: Date): Promise<ArchiveStatus> {
    return archiveStatus(this.archive, this.config.TEMPORAL_NAMESPACE, now);
  }

  /** Runs a sweep now and waits for it; a sweep already running on demand is joined, not doubled. */
  async sweepNow(): Promise<HistoryArchiveSweepReport> {
    const args: [HistoryArchiveSweepInput] = [{}];
    try {
      return await this.temporal.workflow.execute(HISTORY_ARCHIVE_SWEEP_WORKFLOW_TYPE, {
        workflowId: HISTORY_ARCHIVE_ON_DEMAND_WORKFLOW_ID,
        taskQueue: PERSONNEL_TASK_QUEUE,
        args,
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
    } catch (err) {
      throw fromTemporalError(err, HISTORY_ARCHIVE_ON_DEMAND_WORKFLOW_ID);
    }
  }

  /**
   * Copies every run of a case that Temporal still holds into the archive: closed runs as `closed`
   * (if the sweep has not already), open ones as a `snapshot` of what they hold now, each announced
   * in the case's hash chain. For an audit in progress; changes nothing in the case itself.
   */
  async snapshotCase(caseId: string): Promise<{ caseId: string; runs: ArchivedRun[] }> {
    const kase = rootCaseOf(caseId);
    if (!kase) throw new DomainError('CASE_NOT_FOUND', { caseId });
    const runs: ArchivedRun[] = [];
    try {
      const root = await this.temporal.workflow.getHandle(caseId).describe();
      let level = [{ workflowId: caseId, runId: root.runId }];
      const seen = new Set<string>();
      while (level.length > 0) {
        const next: { workflowId: string; runId: string }[] = [];
        for (const run of level) {
          seen.add(run.runId);
          const history = await this.temporal.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
          runs.push(await archiveRun(this.temporal, this.archive, run, kase, history));
          next.push(...childWorkflowsOf(history).filter((c) => !seen.has(c.runId)));
        }
        level = next;
      }
    } catch (err) {
      if (err instanceof WorkflowNotFoundError && runs.length === 0) {
        // Temporal has let the case go: what the archive holds is all there is.
        if ((await this.archive.historiesOfCase(caseId)).length > 0) return { caseId, runs };
      }
      throw fromTemporalError(err, caseId);
    }
    return { caseId, runs };
  }

  /** Every case of an agency created in [from, to), exported as one file for an offline audit. */
  async bundle(agencyCode: string, fromText: string, toText: string, now: Date): Promise<AuditBundle> {
    const period = parsePeriod(fromText, toText, true);
    if (!period.ok) throw new DomainError('VALIDATION_FAILED', { fields: period.issues });
    const from = period.from!;
    const to = period.to!;
    const { items, total } = await this.ledger.listCases({
      agencyCode,
      createdFrom: from,
      createdTo: to,
      limit: AUDIT_BUNDLE_MAX_CASES,
      offset: 0,
    });
    if (total > AUDIT_BUNDLE_MAX_CASES) {
      throw new DomainError('VALIDATION_FAILED', {
        fields: [
          {
            field: 'to',
            rule: 'maxCases',
            message: {
              id: `periode ini memuat ${total} kasus; satu bundel memuat paling banyak ${AUDIT_BUNDLE_MAX_CASES}: perpendek periodenya`,
              en: `this period holds ${total} cases; one bundle holds at most ${AUDIT_BUNDLE_MAX_CASES}: shorten the period`,
            },
          },
        ],
      });
    }
    const cases = [];
    // Oldest first; one at a time, since each export reads a case's whole history.
    for (const c of [...items].reverse()) cases.push(await this.replay.export(c.workflowId, now));
    return {
      format: AUDIT_BUNDLE_FORMAT,
      version: AUDIT_BUNDLE_VERSION,
      exportedAt: now.toISOString(),
      agencyCode,
      from: from.toISOString(),
      to: to.toISOString(),
      cases,
    };
  }
}
