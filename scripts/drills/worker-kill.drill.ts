import { randomBytes } from 'node:crypto';
import { temporal as proto } from '@temporalio/proto';
import { HR, PPK, vacancyPath, vacancyProposal } from '../../test/support/api-client';
import { checkLedger, decideUntilAnswered, decisionsOf, Findings, until, type DrillContext } from './common';

const key = () => `drill-${randomBytes(6).toString('hex')}`;

async function propose(ctx: DrillContext) {
  const p = vacancyProposal();
  const r = await ctx.stack.call('POST', '/v1/vacancies', { body: p });
  if (r.status !== 201) throw new Error(`propose: ${r.status} ${JSON.stringify(r.body)}`);
  return { id: r.body.workflowId as string, path: vacancyPath(p) };
}

/**
 * kill -9 of the worker (1) provably inside the recordDecision activity of an update, held there by a
 * PostgreSQL advisory lock on the case's chain, and (2) at random moments of a burst of starts and of
 * updates. After the supervisor restarts it, every case goes on and every decision is there once.
 */
export async function workerKillDrill(ctx: DrillContext): Promise<Findings> {
  const f = new Findings('worker-kill');
  const { stack, db } = ctx;

  // (1) Mid-activity and mid-update, deterministically.
  const v = await propose(ctx);
  await until(async () => (await decisionsOf(db, v.id)).length === 1, 30_000, 'the proposal in the ledger');
  const lock = await db.connect();
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await lock.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [v.id]).catch(() => {});
    lock.release();
  };
  try {
    // The chaining trigger takes pg_advisory_xact_lock(hashtextextended(root_workflow_id, 0)): hold it first.
    await lock.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [v.id]);
    const k = key();
    const answer = decideUntilAnswered(
      stack,
      `${v.path}/decisions`,
      PPK,
      { decision: 'approve', fillingMethod: 'open_selection' },
      k,
      180_000,
    );
    const handle = ctx.temporal.workflow.getHandle(v.id);
    const pending = await until(
      async () => {
        const d = await handle.describe();
        const acts = d.raw.pendingActivities ?? [];
        return acts.find(
          (a) =>
            a.activityType?.name === 'recordDecision' && a.state === proto.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED,
        );
      },
      30_000,
      'recordDecision of the approval to be running',
    );
    const waiting = await until(
      async () =>
        Number((await db.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`)).rows[0].n) > 0 ||
        undefined,
      10_000,
      'the worker to wait on the chain lock',
    );
    const updates = (await handle.describe()).raw;
    f.check(
      Boolean(pending && waiting),
      'the worker is inside recordDecision (activity STARTED, its INSERT waiting on the chain lock) for an accepted update',
      {
        attempt: pending.attempt,
        historyLength: Number(updates.workflowExecutionInfo?.historyLength ?? 0),
      },
    );
    const oldPid = ctx.workerPid();
    process.kill(oldPid, 'SIGKILL');
    const newPid = await ctx.waitForNewWorker(oldPid);
    f.note(`killed worker ${oldPid} with SIGKILL mid-activity; supervisor started ${newPid}`);
    await release();
    const r = await answer;
    f.check(r.status === 200 && r.body.step === 'approved', 'the approval is answered (retried with its Idempotency-Key when needed)', {
      status: r.status,
      firstStatus: r.firstStatus,
      attempts: r.attempts,
      step: r.body?.step,
    });
    await until(async () => (await decisionsOf(db, v.id)).length >= 2, 90_000, 'the approval in the ledger');
    f.check(
      JSON.stringify(await decisionsOf(db, v.id)) === JSON.stringify(['1:propose', '2:approve']),
      'ledger: propose, approve, once each',
      await decisionsOf(db, v.id),
    );
    const next = await stack.call('POST', `${v.path}/decisions`, {
      actor: HR,
      body: { decision: 'close', reason: 'Latihan: jabatan dihapus dalam penataan organisasi' },
    });
    f.check(next.status === 200 && next.body.step === 'closed', 'the case continues: the next decision (close) is taken', {
      status: next.status,
      step: next.body?.step,
    });
  } finally {
    await release();
  }

  // (2) Bursts: kill -9 while 12 starts, then 12 updates, are in flight.
  const n = 12;
  const proposals = Array.from({ length: n }, () => vacancyProposal());
  const starts = Promise.all(
    proposals.map((p) => stack.call('POST', '/v1/vacancies', { body: p }).catch((e) => ({ status: 0, body: String(e) }))),
  );
  await new Promise((r) => setTimeout(r, 40));
  let oldPid = ctx.workerPid();
  process.kill(oldPid, 'SIGKILL');
  const started = await starts;
  f.note(`killed worker ${oldPid} 40 ms into ${n} concurrent starts; answers ${JSON.stringify(started.map((s) => s.status))}`);
  await ctx.waitForNewWorker(oldPid);
  const ids = proposals.map((p) => `vacancy:${p.agencyCode}:${p.positionCode}`);
  // A start the API could not confirm is started again by the client; the workflow id makes it idempotent.
  for (const [i, s] of started.entries()) {
    if (s.status !== 201) {
      const again = await stack.call('POST', '/v1/vacancies', { body: proposals[i] });
      f.check(again.status === 201 || again.status === 409, `start ${i} resent after ${s.status}`, again.status);
    }
  }
  await until(
    async () => (await Promise.all(ids.map((id) => decisionsOf(db, id)))).every((d) => d.length === 1),
    90_000,
    'every proposal in the ledger',
  );
  f.check(true, `${n} proposals recorded once each after the kill`);

  const keys = ids.map(() => key());
  const updates = Promise.all(
    proposals.map((p, i) =>
      decideUntilAnswered(
        stack,
        `${vacancyPath(p)}/decisions`,
        PPK,
        { decision: 'approve', fillingMethod: 'open_selection' },
        keys[i],
        180_000,
      ),
    ),
  );
  await new Promise((r) => setTimeout(r, 40));
  oldPid = ctx.workerPid();
  process.kill(oldPid, 'SIGKILL');
  f.note(`killed worker ${oldPid} 40 ms into ${n} concurrent approvals`);
  await ctx.waitForNewWorker(oldPid);
  const answers = await updates;
  f.check(
    answers.every((a) => a.status === 200),
    `${n} approvals answered 200 (first answers ${JSON.stringify(answers.map((a) => a.firstStatus))}, attempts ${JSON.stringify(answers.map((a) => a.attempts))})`,
  );
  await until(
    async () => (await Promise.all(ids.map((id) => decisionsOf(db, id)))).every((d) => d.length >= 2),
    90_000,
    'every approval in the ledger',
  );
  const all = await Promise.all(ids.map((id) => decisionsOf(db, id)));
  f.check(
    all.every((d) => JSON.stringify(d) === JSON.stringify(['1:propose', '2:approve'])),
    'ledger: propose, approve, once each, for every case',
    all.filter((d) => d.length !== 2).slice(0, 3),
  );
  await checkLedger(f, db, [v.id, ...ids]);
  return f;
}
