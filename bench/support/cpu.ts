import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time per process group, read from /proc (Linux): what each side of a measure costs the machine,
 * not only how long it takes. On two cores the sides compete for CPU, so the group that spends more
 * per case is where a throughput ratio is lost.
 */
export type CpuGroup = 'temporal' | 'worker' | 'api' | 'twinWorker' | 'postgres' | 'bench';

const TICKS_PER_S = 100; // USER_HZ: 100 on every Linux the bench runs on

/** utime + stime of one process, in seconds; undefined when it is gone. */
function cpuSeconds(pid: number | string): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: the fields start after its last ')'.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / TICKS_PER_S;
  } catch {
    return undefined;
  }
}

function groupOf(pid: string, named: Map<number, CpuGroup>): CpuGroup | undefined {
  const n = named.get(Number(pid));
  if (n) return n;
  let comm: string;
  try {
    comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
  if (comm === 'postgres') return 'postgres';
  if (comm === 'temporal' || comm === 'temporal-server') return 'temporal';
  return undefined;
}

/** A snapshot of cumulative CPU seconds per group, over every live process of the group. */
export function cpuSnapshot(named: Map<number, CpuGroup>): Record<CpuGroup, number> {
  const out: Record<CpuGroup, number> = { temporal: 0, worker: 0, api: 0, twinWorker: 0, postgres: 0, bench: 0 };
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const g = groupOf(pid, named);
    if (!g) continue;
    out[g] += cpuSeconds(pid) ?? 0;
  }
  const self = process.cpuUsage();
  out.bench = (self.user + self.system) / 1e6;
  return out;
}

/** CPU seconds each group spent between two snapshots (a group's processes must outlive the interval). */
export function cpuSpent(before: Record<CpuGroup, number>, after: Record<CpuGroup, number>): Record<CpuGroup, number> {
  const out = { ...after };
  for (const k of Object.keys(out) as CpuGroup[]) out[k] = Math.max(0, after[k] - before[k]);
  return out;
}
