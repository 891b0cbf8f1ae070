import { gunzipSync } from 'node:zlib';
import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { WorkflowNotFoundError, type PayloadCodec } from '@temporalio/common';
import {
  auditCase,
  buildCaseExport,
  childWorkflowsOf,
  currentWorkflowBundle,
  readArchivedRun,
  type ArchiveCheck,
  type AuditVerdict,
  type CaseExport,
  type HistorySource,
  type ReplayOutcome,
  type SourcedHistory,
  type TimelineComparison,
} from '@meritflow/audit';
import type { ApiConfig } from '@meritflow/config';
import { DomainError } from '@meritflow/domain';
import { HistoryArchiveRepository, LedgerRepository, type ArchivedHistoryRow } from '@meritflow/persistence';
import { API_CONFIG } from '../../config.provider';
import { fromTemporalError } from '../../temporal/temporal-errors';
import { PAYLOAD_CODEC, TEMPORAL_CLIENT } from '../../temporal/temporal.tokens';
import { configureReplayRuntime } from './replay-runtime';

// The workflow code this build runs (dist/workflows/src), bundled here for replay; the worker loads the same path.
const WORKFLOWS = require.resolve('@meritflow/workflows');

export interface CaseReplayReport {
  caseId: string;
  /** The root run that was audited (the latest run of the case id). */
  runId: string;
  /** Where each history was read from: the PostgreSQL archive for closed runs, else Temporal. */
  sources: { workflowId: string; runId: string; source: HistorySource }[];
  replay: ReplayOutcome[];
  comparison: TimelineComparison;
  archive: ArchiveCheck[];
  verdict: AuditVerdict;
}

interface Run {
  workflowId: string;
  runId: string;
  workflowType: string;
}

/** How many child histories are read at once; a large selection has hundreds of assessments. */
const FETCH_WINDOW = 16;

/** How many earlier runs of one case (SOP migrations) a replay follows back. */
const MAX_CONTINUED_RUNS = 50;

/** The run this one continued as new from (an SOP migration), if any. */
const continuedFrom = (h: SourcedHistory): string | undefined =>
  h.history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;

const isNotFound = (err: unknown): boolean => err instanceof WorkflowNotFoundError || (err as { code?: unknown })?.code === 5;

/**
 * Replays a case (its root run and every child run) against the workflow code this API was built
 * with and compares the decisions in the histories with the ledger. A closed run is read from the
 * PostgreSQL history archive (which outlives Temporal's retention); a run the archive does not
 * hold closed is read from Temporal, or from its latest archived snapshot once Temporal has let it go.
 * Histories are read and archived as Temporal stores them, payloads encrypted; the codec opens them
 * for the replay and the comparison, and an export carries them encrypted.
 */
@Injectable()
export class CaseReplayService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly ledger: LedgerRepository,
    private readonly archive: HistoryArchiveRepository,
    @Inject(PAYLOAD_CODEC) private readonly codec: PayloadCodec,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    configureReplayRuntime(config.LOG_LEVEL);
  }

  async replay(caseId: string): Promise<CaseReplayReport> {
    const { runId, histories, ledger } = await this.snapshot(caseId);
    const audit = await auditCase({
      histories,
      ledger,
      bundle: await currentWorkflowBundle(WORKFLOWS),
      root: { workflowId: caseId, runId },
      codec: this.codec,
    });
    return { caseId, runId, sources: histories.map(({ workflowId, runId: r, source }) => ({ workflowId, runId: r, source })), ...audit };
  }

  async export(caseId: string, now: Date): Promise<CaseExport> {
    const { runId, histories, ledger } = await this.snapshot(caseId);
    return buildCaseExport({ caseId, exportedAt: now, root: { workflowId: caseId, runId }, histories, ledger });
  }

  /** Histories first, ledger second: a decision is in the history before its row is in the ledger. */
  private async snapshot(caseId: string) {
    const { runId, histories } = await this.histories(caseId);
    const ledger = await this.ledger.chainOfCase(caseId);
    return { runId, histories, ledger };
  }

  private async histories(caseId: string): Promise<{ runId: string; histories: SourcedHistory[] }> {
    const archived = await this.archive.historiesOfCase(caseId);
    const byRun = new Map(archived.map((a) => [a.runId, a]));
    const root = await this.rootRun(caseId, archived);
    const histories: SourcedHistory[] = [await this.load(root, byRun.get(root.runId))];
    // The runs an SOP migration continued as new, newest first: the case is one case across them.
    for (let prev = continuedFrom(histories.at(-1)!); prev && histories.length <= MAX_CONTINUED_RUNS;) {
      if (histories.some((h) => h.runId === prev)) break;
      histories.push(await this.load({ workflowId: caseId, runId: prev, workflowType: root.workflowType }, byRun.get(prev)));
      prev = continuedFrom(histories.at(-1)!);
    }
    const seen = new Set<string>(histories.map((h) => h.runId));
    let level: Run[] = histories.flatMap((h) => childWorkflowsOf(h.history)).filter((c) => !seen.has(c.runId));
    while (level.length > 0) {
      const fetched: SourcedHistory[] = [];
      for (let i = 0; i < level.length; i += FETCH_WINDOW) {
        fetched.push(...(await Promise.all(level.slice(i, i + FETCH_WINDOW).map((run) => this.load(run, byRun.get(run.runId))))));
      }
      fetched.forEach((h) => seen.add(h.runId));
      histories.push(...fetched);
      level = fetched.flatMap((h) => childWorkflowsOf(h.history)).filter((c) => !seen.has(c.runId));
    }
    return { runId: root.runId, histories };
  }

  /** The latest run of the case id: Temporal's, or the archive's once Temporal has let the case go. */
  private async rootRun(caseId: string, archived: readonly ArchivedHistoryRow[]): Promise<Run> {
    try {
      const d = await this.temporal.workflow.getHandle(caseId).describe();
      return { workflowId: caseId, runId: d.runId, workflowType: d.type };
    } catch (err) {
      if (!isNotFound(err)) throw fromTemporalError(err, caseId);
    }
    const latest = archived.filter((a) => a.workflowId === caseId).at(-1);
    if (!latest) throw new DomainError('CASE_NOT_FOUND', { caseId });
    return { workflowId: caseId, runId: latest.runId, workflowType: latest.workflowType };
  }

  private async load(run: Run, archived: ArchivedHistoryRow | undefined): Promise<SourcedHistory> {
    if (archived?.kind === 'closed') return this.fromArchive(run, archived, 'archive');
    try {
      const history = await this.temporal.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
      return { ...run, source: 'temporal', history };
    } catch (err) {
      if (isNotFound(err) && archived) return this.fromArchive(run, archived, 'archive-snapshot');
      throw fromTemporalError(err, run.workflowId);
    }
  }

  /**
   * An archived run: replayed from its protobuf copy (fast to decode), both stored copies hashed as
   * they are now for the check against the chain, and the canonical JSON kept for an export.
   */
  private fromArchive(run: Run, row: ArchivedHistoryRow, source: HistorySource): SourcedHistory {
    let json: unknown;
    const { history, stored } = readArchivedRun(row.history, row.historyPb);
    return {
      workflowId: run.workflowId,
      runId: run.runId,
      workflowType: row.workflowType || run.workflowType,
      source,
      history,
      stored,
      // Parsed only when an export asks for it; a replay never does.
      get json() {
        return (json ??= JSON.parse(gunzipSync(row.history).toString('utf8')));
      },
    };
  }
}
