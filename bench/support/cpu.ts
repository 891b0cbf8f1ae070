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

/** Cumulative CPU seconds of every live process of a group, by pid, and the bench's own. */
export interface CpuSnapshot {
  byPid: Map<number, { group: CpuGroup; seconds: number }>;
  bench: number;
}

export function cpuSnapshot(named: Map<number, CpuGroup>): CpuSnapshot {
  const byPid = new Map<number, { group: CpuGroup; seconds: number }>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const group = groupOf(pid, named);
    const seconds = group ? cpuSeconds(pid) : undefined;
    if (group && seconds !== undefined) byPid.set(Number(pid), { group, seconds });
  }
  const self = process.cpuUsage();
  return { byPid, bench: (self.user + self.system) / 1e6 };
}

/**
 * CPU seconds each group spent between two snapshots: a process alive at both counts its difference,
 * one born in between all of its time. One that exited in between (a pool's connection closed) is
 * lost, as /proc no longer has it.
 */
export function cpuSpent(before: CpuSnapshot, after: CpuSnapshot): Record<CpuGroup, number> {
  const out: Record<CpuGroup, number> = { temporal: 0, worker: 0, api: 0, twinWorker: 0, postgres: 0, bench: after.bench - before.bench };
  for (const [pid, { group, seconds }] of after.byPid) out[group] += Math.max(0, seconds - (before.byPid.get(pid)?.seconds ?? 0));
  return out;
}
