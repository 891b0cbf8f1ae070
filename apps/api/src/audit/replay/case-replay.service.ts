import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import {
  auditCase,
  buildCaseExport,
  childWorkflowsOf,
  currentWorkflowBundle,
  type CaseExport,
  type CaseHistory,
  type ReplayOutcome,
  type TimelineComparison,
  type AuditVerdict,
} from '../../../../../libs/audit/src';
import type { ApiConfig } from '../../../../../libs/config/src';
import { LedgerRepository } from '../../../../../libs/persistence/src';
import { API_CONFIG } from '../../config.provider';
import { fromTemporalError } from '../../temporal/temporal-errors';
import { TEMPORAL_CLIENT } from '../../temporal/temporal.tokens';
import { configureReplayRuntime } from './replay-runtime';

export interface CaseReplayReport {
  caseId: string;
  /** The root run that was audited (the latest run of the case id). */
  runId: string;
  replay: ReplayOutcome[];
  comparison: TimelineComparison;
  verdict: AuditVerdict;
}

type Run = Omit<CaseHistory, 'history'>;

/** How many child histories are read at once; a large selection has hundreds of assessments. */
const FETCH_WINDOW = 16;

/**
 * Replays a case (its root run and every child run) against the workflow code this API was built
 * with and compares the decisions in the histories with the ledger.
 */
@Injectable()
export class CaseReplayService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly ledger: LedgerRepository,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    configureReplayRuntime(config.LOG_LEVEL);
  }

  async replay(caseId: string): Promise<CaseReplayReport> {
    const { runId, histories, ledger } = await this.snapshot(caseId);
    const audit = await auditCase({ histories, ledger, bundle: await currentWorkflowBundle() });
    return { caseId, runId, ...audit };
  }

  async export(caseId: string, now: Date): Promise<CaseExport> {
    const { histories, ledger } = await this.snapshot(caseId);
    return buildCaseExport({ caseId, exportedAt: now, histories, ledger });
  }

  /** Histories first, ledger second: a decision is in the history before its row is in the ledger. */
  private async snapshot(caseId: string) {
    const { runId, histories } = await this.histories(caseId);
    const ledger = await this.ledger.decisionsOfCase(caseId, runId);
    return { runId, histories, ledger };
  }

  private async histories(caseId: string): Promise<{ runId: string; histories: CaseHistory[] }> {
    try {
      const root = await this.temporal.workflow.getHandle(caseId).describe();
      const histories: CaseHistory[] = [];
      const seen = new Set<string>();
      let level: Run[] = [{ workflowId: caseId, runId: root.runId, workflowType: root.type }];
      while (level.length > 0) {
        const fetched: CaseHistory[] = [];
        for (let i = 0; i < level.length; i += FETCH_WINDOW) {
          fetched.push(...(await Promise.all(level.slice(i, i + FETCH_WINDOW).map((run) => this.fetch(run)))));
        }
        fetched.forEach((h) => seen.add(h.runId));
        histories.push(...fetched);
        level = fetched.flatMap((h) => childWorkflowsOf(h.history)).filter((c) => !seen.has(c.runId));
      }
      return { runId: root.runId, histories };
    } catch (err) {
      throw fromTemporalError(err, caseId);
    }
  }

  private async fetch(run: Run): Promise<CaseHistory> {
    return { ...run, history: await this.temporal.workflow.getHandle(run.workflowId, run.runId).fetchHistory() };
  }
}
