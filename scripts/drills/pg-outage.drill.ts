import { randomBytes } from 'node:crypto';
import { PPK, vacancyPath, vacancyProposal } from '../../test/support/api-client';
import { checkLedger, decideUntilAnswered, decisionsOf, Findings, sleep, until, type DrillContext } from './common';
import type { PgProxy } from './pg-proxy';

/**
 * PostgreSQL unavailable for `seconds` (the stack reaches it only through a proxy, which refuses and
 * cuts connections): deadlines that fall due and decisions sent meanwhile wait, and once PostgreSQL
 * is back every one of them is recorded exactly once.
 */
export async function pgOutageDrill(ctx: DrillContext, proxy: PgProxy, seconds: number): Promise<Findings> {
  const f = new Findings('pg-outage');
  const { stack, db } = ctx;
  const plain = Array.from({ length: 8 }, () => vacancyProposal());
  const fast = Array.from({ length: 4 }, () => vacancyProposal({ sopVersion: '1.0.0-test.fast' }));
  for (const p of [...plain, ...fast]) {
    const r = await stack.call('POST', '/v1/vacancies', { body: p });
    if (r.status !== 201) throw new Error(`propose: ${r.status} ${JSON.stringify(r.body)}`);
  }
  const idOf = (p: { agencyCode: string; positionCode: string }) => `vacancy:${p.agencyCode}:${p.positionCode}`;
  const plainIds = plain.map(idOf);
  const fastIds = fast.map(idOf);
  await until(
    async () => (await Promise.all([...plainIds, ...fastIds].map((id) => decisionsOf(db, id)))).every((d) => d.length === 1),
    30_000,
    'the proposals',
  );

  // Cut: the 2 s deadlines of `fast` fall due during the outage; approvals of `plain` are sent during it.
  await proxy.cut();
  const cutAt = Date.now();
  f.note(`PostgreSQL cut off (proxy on port ${proxy.port} closed, open connections dropped) for ${seconds} s`);
  await sleep(500);
  const health = await stack.call('GET', '/health').catch((e) => ({ status: 0, body: String(e) }));
  f.check(health.status === 503, '/api/health answers 503 while PostgreSQL is away', health.status);
  const keys = plain.map(() => `drill-${randomBytes(6).toString('hex')}`);
  const answers = Promise.all(
    plain.map((p, i) =>
      decideUntilAnswered(
        stack,
        `${vacancyPath(p)}/decisions`,
        PPK,
        { decision: 'approve', fillingMethod: 'open_selection' },
        keys[i],
        (seconds + 150) * 1000,
      ),
    ),
  );
  // While it is away, the deadline activities retry instead of failing the workflows.
  await sleep(Math.min(seconds, 20) * 1000);
  const retrying = await Promise.all(
    fastIds.map(async (id) => {
      const d = await ctx.temporal.workflow.getHandle(id).describe();
      return { status: d.status.name, attempts: (d.raw.pendingActivities ?? []).map((a) => a.attempt) };
    }),
  );
  f.check(
    retrying.every((r) => r.status === 'RUNNING' && r.attempts.some((a) => (a ?? 0) > 1)),
    'during the outage the workflows are running, their recordDecision activities retrying',
    retrying,
  );
  await sleep(Math.max(0, cutAt + seconds * 1000 - Date.now()));
  await proxy.restore();
  f.note(`PostgreSQL back after ${((Date.now() - cutAt) / 1000).toFixed(1)} s`);

  const got = await answers;
  f.check(
    got.every((a) => a.status === 200),
    'every approval sent during the outage is answered 200 (resent with its Idempotency-Key when needed)',
    {
      first: got.map((a) => a.firstStatus),
      final: got.map((a) => a.status),
      attempts: got.map((a) => a.attempts),
    },
  );
  await until(
    async () => {
      const all = await Promise.all([...plainIds, ...fastIds].map((id) => decisionsOf(db, id)));
      return all.every((d) => d.length >= 2);
    },
    120_000,
    'every decision in the ledger after the outage',
  );
  await sleep(2000);
  const plainRows = await Promise.all(plainIds.map((id) => decisionsOf(db, id)));
  const fastRows = await Promise.all(fastIds.map((id) => decisionsOf(db, id)));
  f.check(
    plainRows.every((d) => JSON.stringify(d) === JSON.stringify(['1:propose', '2:approve'])),
    'approvals: propose, approve, once each',
    plainRows.filter((d) => d.length !== 2),
  );
  f.check(
    fastRows.every((d) => JSON.stringify(d) === JSON.stringify(['1:propose', '2:deadline_expired'])),
    'deadlines due during the outage: propose, deadline_expired, once each',
    fastRows.filter((d) => d.length !== 2),
  );
  const healthy = await until(async () => ((await stack.call('GET', '/health')).status === 200 ? true : undefined), 60_000, 'health 200');
  f.check(healthy, '/api/health answers 200 again');
  await checkLedger(f, db, [...plainIds, ...fastIds]);
  return f;
}
