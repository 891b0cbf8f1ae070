import { Gauge, type Registry } from 'prom-client';

/** What the archive lag gauges read: the last sweep's report (HistoryArchiveRepository.sweepStatus). */
export interface ArchiveLagSource {
  lastFinishedAt: Date | null;
  pending: number;
  oldestPendingClosedAt: Date | null;
}

const seconds = (since: Date | null, now: number): number => (since ? Math.max(0, (now - since.getTime()) / 1000) : 0);

/**
 * How far the PostgreSQL history archive trails Temporal, read from the database at scrape time: closed
 * runs not archived yet, seconds since the oldest of them closed, and seconds since the last sweep
 * finished (-1 before the first). An alert on the lag is what keeps retention from deleting a history
 * before it is archived.
 */
export function registerArchiveLag(registry: Registry, read: () => Promise<ArchiveLagSource | null>): void {
  // One read per scrape for the three gauges.
  let pending: Promise<ArchiveLagSource | null> | undefined;
  const status = () => {
    pending ??= read().finally(() => setTimeout(() => (pending = undefined), 500));
    return pending;
  };
  new Gauge({
    name: 'meritflow_archive_pending_runs',
    help: 'Closed runs the last archive sweep found and has not yet copied into the PostgreSQL archive',
    registers: [registry],
    async collect() {
      this.set((await status())?.pending ?? 0);
    },
  });
  new Gauge({
    name: 'meritflow_archive_lag_seconds',
    help: 'Seconds since the oldest closed run still missing from the archive closed (0 when none is missing)',
    registers: [registry],
    async collect() {
      this.set(seconds((await status())?.oldestPendingClosedAt ?? null, Date.now()));
    },
  });
  new Gauge({
    name: 'meritflow_archive_seconds_since_last_sweep',
    help: 'Seconds since the last archive sweep finished; -1 before the first',
    registers: [registry],
    async collect() {
      const s = await status();
      this.set(s?.lastFinishedAt ? seconds(s.lastFinishedAt, Date.now()) : -1);
    },
  });
}
