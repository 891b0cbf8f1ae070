import { Pool } from 'pg';
import type { Client as TemporalClient } from '@temporalio/client';
import type { Stack } from '../../test/support/api-client';
import type { Actor } from '@meritflow/domain';

export class DrillFailure extends Error {}

/** One drill's findings: every check is printed; any failed check fails the drill. */
export class Findings {
  readonly lines: string[] = [];
  failed = 0;
  constructor(readonly drill: string) {}
  check(ok: boolean, what: string, detail?: unknown): boolean {
    if (!ok) this.failed++;
    const d = detail === undefined ? '' : `: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`;
    this.lines.push(`  ${ok ? 'ok  ' : 'FAIL'} ${what}${d}`);
    process.stderr.write(`[drill]     ${this.drill}: ${ok ? 'ok' : 'FAIL'} ${what}${d}\n`);
    return ok;
  }
  note(what: string): void {
    this.lines.push(`       ${what}`);
    process.stderr.write(`[drill]     ${this.drill}: ${what}\n`);
  }
}

export interface DrillContext {
  stack: Stack;
  /** A pool straight to the stack's database (never through the drill's proxy). */
  db: Pool;
  temporal: TemporalClient;
  workerPid(): number;
  /** Waits until the supervisor has restarted the worker under a new pid. */
  waitForNewWorker(oldPid: number, timeoutMs?: number): Promise<number>;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` answers truthy. */
export async function until<T>(
  check: () => Promise<T | undefined | false | null>,
  timeoutMs: number,
  what: string,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new DrillFailure(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (${String(last)})` : ''}`);
    await sleep(everyMs);
  }
}

/** The decisions of some workflows, as (workflow, sequence, decision) in order. */
export async function ledgerOf(
  db: Pool,
  workflowIds: string[],
): Promise<{ workflow_id: string; run_id: string; sequence: number; decision: string }[]> {
  const r = await db.query(
    'SELECT workflow_id, run_id, sequence, decision FROM decisions WHERE workflow_id = ANY($1) ORDER BY workflow_id, run_id, sequence',
    [workflowIds],
  );
  return r.rows;
}

export const decisionsOf = async (db: Pool, workflowId: string) =>
  (await ledgerOf(db, [workflowId])).map((r) => `${r.sequence}:${r.decision}`);

/**
 * The ledger's own invariants for some cases: no (workflow, run, sequence) twice, no gap in any
 * run's sequence, and every hash chain intact (verify_decision_chain, migration 1764100000000).
 */
export async function checkLedger(f: Findings, db: Pool, rootWorkflowIds: string[]): Promise<void> {
  const dup = await db.query(
    `SELECT workflow_id, run_id, sequence, count(*)::int AS n FROM decisions WHERE root_workflow_id = ANY($1)
      GROUP BY 1, 2, 3 HAVING count(*) > 1`,
    [rootWorkflowIds],
  );
  f.check(dup.rowCount === 0, 'no decision recorded twice (workflow, run, sequence)', dup.rows.slice(0, 5));
  const gaps = await db.query(
    `SELECT workflow_id, run_id, count(*)::int AS n, max(sequence) AS max FROM decisions WHERE root_workflow_id = ANY($1)
      GROUP BY 1, 2 HAVING count(*) <> max(sequence) OR min(sequence) <> 1`,
    [rootWorkflowIds],
  );
  f.check(gaps.rowCount === 0, 'no decision missing (every run numbered 1..n)', gaps.rows.slice(0, 5));
  const chain = await db.query(`SELECT v.* FROM unnest($1::text[]) AS root(id), LATERAL verify_decision_chain(root.id) v`, [
    rootWorkflowIds,
  ]);
  const broken = chain.rows.filter((r) => r.problem !== null);
  f.check(
    broken.length === 0 && chain.rowCount === rootWorkflowIds.length,
    `hash chains verify for ${rootWorkflowIds.length} cases (verify_decision_chain)`,
    broken.length ? broken.slice(0, 3) : `${chain.rows.reduce((a, r) => a + Number(r.rows_checked), 0)} rows`,
  );
}

/** A decision sent again with the same Idempotency-Key until it is answered 200, as a client would. */
export async function decideUntilAnswered(
  stack: Stack,
  path: string,
  actor: Actor,
  body: Record<string, unknown>,
  key: string,
  timeoutMs: number,
): Promise<{ status: number; body: any; attempts: number; firstStatus: number }> {
  const deadline = Date.now() + timeoutMs;
  let attempts = 0;
  let firstStatus = 0;
  for (;;) {
    attempts++;
    const r = await stack
      .call('POST', path, { actor, body, headers: { 'idempotency-key': key } })
      .catch((e) => ({ status: 0, body: String(e) }));
    if (attempts === 1) firstStatus = r.status;
    if (
      r.status === 200 ||
      (r.status >= 400 && r.status < 500 && r.status !== 404 && r.status !== 408 && r.status !== 429) ||
      Date.now() > deadline
    ) {
      return { ...r, attempts, firstStatus };
    }
    await sleep(1000);
  }
}
