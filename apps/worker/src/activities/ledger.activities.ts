import { Inject, Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError, dueAt, type DecisionRecord, type SopDuration } from '@meritflow/domain';
import { LedgerRepository } from '@meritflow/persistence';
import type { LedgerActivities } from '@meritflow/contracts';
import { WorkerMetrics } from '../worker-metrics';

/** Implements the ledger activity contract; the only I/O the workflows drive. */
@Injectable()
export class LedgerActivitiesImpl implements LedgerActivities {
  constructor(
    @Inject(LedgerRepository) private readonly repo: LedgerRepository,
    private readonly metrics: WorkerMetrics,
  ) {}

  async recordDecision(record: DecisionRecord): Promise<{ inserted: boolean }> {
    try {
      const result = await this.repo.append(record);
      this.metrics.recorded(record.decidedAt, result.inserted);
      return result;
    } catch (err) {
      // A conflicting idempotency key is a bug, not an outage: retrying cannot fix it.
      if (err instanceof DomainError) {
        throw ApplicationFailure.nonRetryable(err.message, err.code, err.params);
      }
      throw err;
    }
  }

  async computeDeadline(input: { startedAt: string; after: SopDuration }): Promise<string> {
    const holidays = 'workingDays' in input.after ? await this.repo.holidays() : new Set<string>();
    return dueAt(new Date(input.startedAt), input.after, holidays).toISOString();
  }

  /** The object handed to the Temporal Worker, with methods bound to this instance. */
  asActivities(): LedgerActivities {
    return {
      recordDecision: this.recordDecision.bind(this),
      computeDeadline: this.computeDeadline.bind(this),
    };
  }
}
