import { readFileSync } from 'node:fs';
import { Connection } from '@temporalio/client';
import { HR, PPK, vacancyProposal } from '../../test/support/api-client';
import { asMember, committee, eligibleProfile, openSelection, uploadEvidence } from '../../test/support/selection-fixtures';
import { prefixedLogger, startProcess, type ManagedProcess } from '@meritflow/devstack';
import { checkLedger, decisionsOf, Findings, sleep, until, type DrillContext } from './common';
import { enrol } from '../../test/support/register-fixtures';

export interface TemporalControl {
  /** Written by the wrapper the stack started Temporal through: the server's pid and arguments. */
  pidFile: string;
  argsFile: string;
  realBinary: string;
  dbFile: string;
  /** The restarted server, stopped by the drill runner after the stack. */
  restarted?: ManagedProcess;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Restarts the Temporal dev server (state in a SQLite file) while durable timers are pending, and
 * keeps it down past their due time: after the restart every timer fires and its decision is recorded.
 */
export async function temporalRestartDrill(ctx: DrillContext, control: TemporalControl, downSeconds: number): Promise<Findings> {
  const f = new Findings('temporal-restart');
  const { stack, db } = ctx;

  // Pending timers: 5 vacancies whose PPK deadline (SOP 1.0.0-test.fast) is 2 s, and a selection's 4 s registration window.
  const fast = Array.from({ length: 5 }, () => vacancyProposal({ sopVersion: '1.0.0-test.fast' }));
  const sel = await openSelection(stack);
  const members = committee();
  const post = async (actor: typeof HR, body: Record<string, unknown>) => {
    const r = await stack.call('POST', `${sel.path}/decisions`, { actor, body });
    if (r.status !== 200) throw new Error(`${String(body.decision)}: ${r.status} ${JSON.stringify(r.body)}`);
  };
  await post(PPK, { decision: 'form_committee', members, evidence: [await uploadEvidence(stack, 'sk_pansel', sel.agencyCode)] });
  const announcement = await uploadEvidence(stack, 'pengumuman', sel.agencyCode);
  const candidates = ['Andi Wijaya', 'Budi Hartono', 'Citra Lestari', 'Dewi Anggraini'].map((n) => eligibleProfile(n));
  for (const p of fast) {
    const r = await stack.call('POST', '/v1/vacancies', { body: p });
    if (r.status !== 201) throw new Error(`propose: ${r.status}`);
  }
  await post(asMember(members[0]), { decision: 'announce', evidence: [announcement] });
  await post(HR, { decision: 'register_candidates', candidates: await enrol(stack, sel.agencyCode, sel.postCode, candidates) });
  const ids = fast.map((p) => `vacancy:${p.agencyCode}:${p.positionCode}`);
  await until(async () => (await Promise.all(ids.map((id) => decisionsOf(db, id)))).every((d) => d.length === 1), 10_000, 'the proposals');
  const pendingTimers = (
    await Promise.all(
      [...ids, sel.id].map(
        async (id) =>
          (await ctx.temporal.workflow.getHandle(id).fetchHistory()).events!.filter((e) => e.timerStartedEventAttributes).length,
      ),
    )
  ).reduce((a, b) => a + b, 0);
  const before = await Promise.all(ids.map((id) => decisionsOf(db, id)));
  f.check(
    before.every((d) => d.length === 1),
    `timers pending before the restart: ${pendingTimers} started, none fired yet`,
    before.map((d) => d.length),
  );

  // Stop the server the stack started, keep it down past every due time, start it again on its port and file.
  const pid = Number(readFileSync(control.pidFile, 'utf8').trim());
  const args = readFileSync(control.argsFile, 'utf8')
    .split('\n')
    .filter((a) => a !== '');
  process.kill(pid, 'SIGTERM');
  await until(async () => !alive(pid), 20_000, 'the Temporal server to stop');
  const stoppedAt = Date.now();
  f.note(`stopped the Temporal dev server (pid ${pid}); down for ${downSeconds} s`);
  await sleep(downSeconds * 1000);
  const stillBefore = await Promise.all(ids.map((id) => decisionsOf(db, id)));
  f.check(
    stillBefore.every((d) => d.length === 1),
    'nothing fired while the server was down',
    stillBefore.map((d) => d.length),
  );
  control.restarted = await startProcess({
    name: 'temporal dev server (restarted)',
    command: control.realBinary,
    args: [...args, '--db-filename', control.dbFile],
    log: prefixedLogger('temporal', (t) => void process.stderr.write(t)),
  });
  const address = args[args.indexOf('--ip') + 1] + ':' + args[args.indexOf('--port') + 1];
  await until(
    async () => {
      const c = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await c.workflowService.describeNamespace({ namespace: 'default' });
        return true;
      } finally {
        await c.close();
      }
    },
    60_000,
    'the restarted Temporal server',
  );
  f.note(`restarted it after ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s on ${address} with the same state file`);

  const fired = await until(
    async () => {
      const all = await Promise.all(ids.map((id) => decisionsOf(db, id)));
      return all.every((d) => d.length === 2) ? all : undefined;
    },
    120_000,
    'the deadlines to fire after the restart',
  );
  f.check(
    fired.every((d) => JSON.stringify(d) === JSON.stringify(['1:propose', '2:deadline_expired'])),
    'every vacancy deadline fired after the restart: propose, deadline_expired',
    fired,
  );
  const selDecisions = await until(
    async () => {
      const d = await decisionsOf(db, sel.id);
      return d.some((x) => x.endsWith(':registration_closed')) ? d : undefined;
    },
    120_000,
    'the registration window to close',
  );
  f.check(selDecisions.includes('5:registration_closed'), "the selection's registration window closed after the restart", selDecisions);
  const view = await until(
    async () => {
      const r = await stack.call('GET', sel.path);
      return r.status === 200 && r.body.step === 'screening' ? r : undefined;
    },
    60_000,
    'the selection to reach screening',
  );
  f.check(view.body.step === 'screening', 'the selection answers queries and is at screening', view.body.step);
  const fresh = vacancyProposal();
  const started = await until(
    async () => {
      const r = await stack.call('POST', '/v1/vacancies', { body: fresh });
      return r.status === 201 ? r : undefined;
    },
    60_000,
    'a new case to start',
  );
  await until(async () => (await decisionsOf(db, started.body.workflowId)).length === 1, 60_000, 'the new case in the ledger');
  f.check(true, 'a case started after the restart is recorded');
  await checkLedger(f, db, [...ids, sel.id, started.body.workflowId]);
  return f;
}
