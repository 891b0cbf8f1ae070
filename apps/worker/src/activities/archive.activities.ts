import { Inject, Injectable } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { sweepClosedRuns } from '@meritflow/audit';
import type { WorkerConfig } from '@meritflow/config';
import { HistoryArchiveRepository } from '@meritflow/persistence';
import { rootCaseOf, type ArchiveActivities, type HistoryArchiveSweepReport } from '@meritflow/contracts';
import { WORKER_CONFIG, WORKER_TEMPORAL_CLIENT } from '../worker.tokens';

/**
 * Visibility lists a run a little after it closed; the watermark stays this far behind the sweep so
 * nothing that closed meanwhile is skipped.
 */
const VISIBILITY_MARGIN_MS = 5 * 60_000;

/** Copies closed runs' histories into the PostgreSQL archive; idempotent, so retries are harmless. */
@Injectable()
export class ArchiveActivitiesImpl implements ArchiveActivities {
  constructor(
    @Inject(HistoryArchiveRepository) private readonly repo: HistoryArchiveRepository,
    @Inject(WORKER_TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {}

  async sweepHistoryArchive(input: { maxRuns: number }): Promise<HistoryArchiveSweepReport> {
    const namespace = this.config.TEMPORAL_NAMESPACE;
    const startedAt = new Date();
    await this.repo.sweepStarted(namespace, startedAt);
    const since = (await this.repo.sweepStatus(namespace))?.watermark ?? null;
    try {
      const r = await sweepClosedRuns(this.temporal, this.repo, {
        since,
        maxRuns: input.maxRuns,
        caseOf: rootCaseOf,
        onProgress: (n) => Context.current().heartbeat(n),
      });
      const watermark = r.oldestPendingClosedAt ?? new Date(startedAt.getTime() - VISIBILITY_MARGIN_MS);
      const finishedAt = new Date();
      await this.repo.sweepFinished(namespace, {
        at: finishedAt,
        watermark,
        archived: r.archived,
        pending: r.pending,
        oldestPendingClosedAt: r.oldestPendingClosedAt,
        error: null,
      });
      const lagSeconds = r.oldestPendingClosedAt
        ? Math.max(0, Math.round((finishedAt.getTime() - r.oldestPendingClosedAt.getTime()) / 1000))
        : 0;
      return { listed: r.listed, archived: r.archived, pending: r.pending, lagSeconds };
    } catch (err) {
      await this.repo
        .sweepFinished(namespace, {
          at: new Date(),
          watermark: null,
          archived: 0,
          pending: 0,
          oldestPendingClosedAt: null,
          error: String(err).slice(0, 2000),
        })
        .catch(() => undefined);
      throw err;
    }
  }

  asActivities(): ArchiveActivities {
    return { sweepHistoryArchive: this.sweepHistoryArchive.bind(this) };
  }
}
