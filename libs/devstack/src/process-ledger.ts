import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { silentLogger, type LineLogger } from './log';

/*
 * Children run in their own process groups (see child-process.ts), so they survive a launcher that is
 * killed outright (SIGKILL, OOM). The ledger file records what is running, so the next start can
 * clean up after such a launcher instead of failing on "port in use".
 */

interface LedgerEntry {
  name: string;
  pid: number;
  /** Kernel start time: tells our process apart from a later one that reuses the pid. */
  startTime: string;
  stopSignal: NodeJS.Signals;
}

interface LedgerContent {
  owner: { pid: number; startTime: string };
  children: LedgerEntry[];
}

/** Start time of a live process from /proc (Linux); undefined when it is gone, a zombie, or not on Linux. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields counted after the command name, which may itself contain spaces and parentheses:
    // [0] is field 3 (state), [19] is field 22 (start time).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // A zombie has exited; an init that never reaps would otherwise make it look alive forever.
    if (fields[0] === 'Z' || fields[0] === 'X') return undefined;
    return fields[19];
  } catch {
    return undefined;
  }
}

const sameProcess = (pid: number, startTime: string) => startTimeOf(pid) === startTime;

/** Records the processes this launcher runs in `file`, so a later run can reclaim them if this one dies without cleaning up. */
export class ProcessLedger {
  private readonly children: LedgerEntry[] = [];

  constructor(private readonly file: string) {}

  /** Remembers a started child; call right after it started. */
  add(name: string, pid: number, stopSignal: NodeJS.Signals = 'SIGTERM'): void {
    const startTime = startTimeOf(pid);
    if (startTime === undefined) return;
    this.children.push({ name, pid, startTime, stopSignal });
    this.write();
  }

  /** Forgets everything and deletes the file; call once everything has stopped. */
  clear(): void {
    this.children.length = 0;
    rmSync(this.file, { force: true });
  }

  private write(): void {
    const content: LedgerContent = {
      owner: { pid: process.pid, startTime: startTimeOf(process.pid) ?? '' },
      children: this.children,
    };
    writeFileSync(this.file, `${JSON.stringify(content, null, 2)}\n`);
  }
}

/** Stops what a dead launcher left running according to its ledger file; throws if that launcher is still alive. */
export async function reclaimFromLedger(file: string, log: LineLogger = silentLogger): Promise<void> {
  let content: LedgerContent;
  try {
    content = JSON.parse(readFileSync(file, 'utf8')) as LedgerContent;
  } catch {
    return; // no ledger, or unreadable: nothing we could safely act on
  }
  if (content.owner.pid !== process.pid && sameProcess(content.owner.pid, content.owner.startTime)) {
    throw new Error(`meritflow is already running from this data directory (launcher pid ${content.owner.pid}); stop it first`);
  }
  const leftovers = content.children.filter((c) => sameProcess(c.pid, c.startTime));
  // Last started first, as in a normal stop.
  for (const child of leftovers.reverse()) {
    log(`stopping ${child.name} (pid ${child.pid}) left running by an earlier launcher that did not shut down`);
    signalGroup(child.pid, child.stopSignal);
    const deadline = Date.now() + 15_000;
    while (sameProcess(child.pid, child.startTime) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (sameProcess(child.pid, child.startTime)) {
      signalGroup(child.pid, 'SIGKILL');
      const killDeadline = Date.now() + 5_000;
      while (sameProcess(child.pid, child.startTime) && Date.now() < killDeadline) await new Promise((r) => setTimeout(r, 100));
    }
  }
  rmSync(file, { force: true });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Gone meanwhile.
    }
  }
}
