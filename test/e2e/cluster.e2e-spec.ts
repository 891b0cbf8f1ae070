import { readFileSync } from 'node:fs';
import { Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { CASE_SEARCH_ATTRIBUTES, HISTORY_ARCHIVE_SCHEDULE_ID } from '@meritflow/contracts';
import { HR, PPK, Stack, eventually, uniqueCode, vacancyPath, vacancyProposal } from '../support/api-client';
import { startClusterStack, type ClusterStack } from '../support/cluster-stack';
import { evidence, moveFacts, region } from '../support/move-fixtures';
import { runWholeSelection, type WholeSelection } from '../support/selection-fixtures';
import { namedMoves } from '../support/register-fixtures';
import { makeTestCertificates } from '../support/tls-certificates';

/*
 * The production topology, run: the real Temporal server on PostgreSQL as a two-node cluster
 * (127.0.0.1, 127.0.0.2), two workers and two API instances connected as the least-privilege role.
 * A whole open selection and a bulk move run while a worker and a Temporal node are killed with
 * kill -9; nothing is lost or recorded twice, and the chains verify.
 */

jest.setTimeout(600_000);

let cluster: ClusterStack;
/** Through API 0 (on node 0), sending decisions again with their Idempotency-Key while Temporal fails over. */
let api0: Stack;
/** Through API 1 (on node 1). */
let api1: Stack;

beforeAll(async () => {
  // Mutual TLS on the frontends: every connection below (API, workers, the server's own worker, the
  // namespace script, this test) goes through the TEMPORAL_TLS_* settings.
  const certs = await makeTestCertificates();
  cluster = await startClusterStack({
    workers: 2,
    apis: 2,
    tls: {
      certFile: certs.serverCertFile,
      keyFile: certs.serverKeyFile,
      caFile: certs.caFile,
      clientCaFile: certs.caFile,
      serverName: certs.serverName,
      clientCertFile: certs.clientCertFile,
      clientKeyFile: certs.clientKeyFile,
    },
  });
  api0 = new Stack(cluster.state(0), { retryUnavailableMs: 120_000 });
  api1 = new Stack(cluster.state(1), { retryUnavailableMs: 120_000 });
}, 900_000);

afterAll(async () => {
  await api0?.close();
  await api1?.close();
  await cluster?.stop();
});

const today = () => new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);

/**
 * A bulk rotation of `size` officials through to its collective decree; resolves once every member has
 * ended. The PPK approves once `approval` settles (every member has been checked by then).
 */
async function runBulkMove(stack: Stack, size: number, approval: Promise<void>): Promise<string> {
  const agency = uniqueCode('PEMKAB');
  const reg = await region(stack);
  const moves = Array.from({ length: size }, () => moveFacts(agency, reg, { kind: 'rotation' }));
  // Officials are named by NIP and read from the register: enrol them there first.
  const body = await namedMoves(stack, {
    agencyCode: agency,
    batchCode: uniqueCode('SK-ROTASI'),
    title: 'Rotasi klaster',
    moves,
    reason: 'Penyegaran',
  });
  const res = await stack.call('POST', '/v1/bulk-moves', { body });
  if (res.status !== 201) throw new Error(`bulk move: ${res.status} ${JSON.stringify(res.body)}`);
  const id: string = res.body.workflowId;
  const path = `/v1/bulk-moves/${id}`;
  await eventually(async () => (await stack.call('GET', path)).body.step === 'awaiting_approval', 180_000, 'every member checked');
  await approval;
  const approved = await stack.call('POST', `${path}/decisions`, { actor: PPK, body: { decision: 'approve_batch' } });
  if (approved.status !== 200) throw new Error(`approve_batch: ${approved.status} ${JSON.stringify(approved.body)}`);
  const decreed = await stack.call('POST', `${path}/decisions`, {
    actor: HR,
    body: {
      decision: 'record_decree',
      decreeNumber: '821.2/777/2026',
      effectiveDate: today(),
      evidence: await evidence(stack, 'sk_kolektif', agency),
    },
  });
  if (decreed.status !== 200) throw new Error(`record_decree: ${decreed.status} ${JSON.stringify(decreed.body)}`);
  await eventually(
    async () => {
      const s = (await stack.call('GET', path)).body;
      return s.terminal && s.decisions.filter((d: { decision: string }) => d.decision === 'included_in_decree').length === size;
    },
    180_000,
    'the batch and its members to finish',
  );
  return id;
}

interface LedgerCheck {
  rows: number;
  duplicates: unknown[];
  gaps: unknown[];
  broken: unknown[];
}

/** Exactly once per (run, sequence), numbered 1..n per run, and the case's hash chain intact. */
async function checkLedger(db: PgClient, rootId: string): Promise<LedgerCheck> {
  const rows = (await db.query('SELECT count(*)::int AS n FROM decisions WHERE root_workflow_id = $1', [rootId])).rows[0].n as number;
  const duplicates = (
    await db.query(
      `SELECT run_id, sequence, count(*) FROM decisions WHERE root_workflow_id = $1 GROUP BY run_id, sequence HAVING count(*) > 1`,
      [rootId],
    )
  ).rows;
  const gaps = (
    await db.query(
      `SELECT workflow_id, run_id, count(*) AS n, max(sequence) AS top FROM decisions
        WHERE root_workflow_id = $1 AND sequence > 0 GROUP BY workflow_id, run_id HAVING count(*) <> max(sequence) OR min(sequence) <> 1`,
      [rootId],
    )
  ).rows;
  const broken = (await db.query(`SELECT * FROM verify_decision_chain($1) WHERE problem IS NOT NULL`, [rootId])).rows;
  return { rows, duplicates, gaps, broken };
}

describe('cluster mode: two Temporal nodes on PostgreSQL, two workers, two API instances', () => {
  it('admits only TLS clients presenting a certificate the CA signed (the API and the workers connect through TEMPORAL_TLS_*)', async () => {
    const tls = cluster.state(0).temporalTls!;
    const address = cluster.temporal.address;
    const attempt = async (options: Parameters<typeof Connection.connect>[0]) => {
      const connection = await Connection.connect({ ...options, connectTimeout: 5_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace: 'default' });
      } finally {
        await connection.close();
      }
    };
    await expect(attempt({ address })).rejects.toThrow();
    await expect(
      attempt({ address, tls: { serverRootCACertificate: readFileSync(tls.caFile), serverNameOverride: tls.serverName } }),
    ).rejects.toThrow();
    await expect(
      attempt({
        address,
        tls: {
          serverRootCACertificate: readFileSync(tls.caFile),
          serverNameOverride: tls.serverName,
          clientCertPair: { crt: readFileSync(tls.certFile!), key: readFileSync(tls.keyFile!) },
        },
      }),
    ).resolves.toBeUndefined();
    for (const api of cluster.apis) expect((await fetch(`${api.url}/health/ready`)).status).toBe(200);
  });

  let selection: WholeSelection;
  let bulkId: string;
  let vacancyId: string;

  it('finishes a whole open selection and a bulk move while a worker and a Temporal node are killed with kill -9, recording every decision once', async () => {
    const [victimWorker, survivor] = [cluster.workers[1], cluster.workers[0]];
    const node = cluster.temporal.nodes[1];
    const faults: string[] = [];
    let done = false;

    let faultsStarted!: () => void;
    const approval = new Promise<void>((resolve) => (faultsStarted = resolve));
    const work = Promise.all([runWholeSelection(api0), runBulkMove(api0, 20, approval)]).finally(() => (done = true));
    // Keep the rejection for the await below, not as an unhandled one while the faults run.
    work.catch(() => undefined);

    // The faults: a worker crash, then a node crash, then the node's return. They start once the
    // selection has ranked its candidates: the test SOP's registration window (4 s) and committee
    // review (30 s, then the scores unseal) are over, since a decision held past them by a failover is
    // refused by the SOP, not lost. The selection's last steps and the whole bulk decree (approval,
    // decree, 20 members moved) then run through the outage.
    const db = await api0.db();
    const rowsNow = async () => (await db.query('SELECT count(*)::int AS n FROM decisions')).rows[0].n as number;
    await eventually(
      async () => (await db.query(`SELECT 1 FROM decisions WHERE decision = 'ranking_computed'`)).rowCount === 1 || done,
      240_000,
      'the selection to rank its candidates',
    );
    try {
      const workerPid = victimWorker.pid();
      victimWorker.signal('SIGKILL');
      await victimWorker.exited();
      faults.push(`worker ${workerPid} killed at ${await rowsNow()} rows`);
      const nodePid = node.pid();
      await node.kill();
      faults.push(`node ${node.ip} (pid ${nodePid}) killed at ${await rowsNow()} rows`);
      faultsStarted();
      // The survivors carry on alone: the ledger grows while the node and the worker are down.
      const before = await rowsNow();
      await eventually(async () => (await rowsNow()) >= before + 20 || done, 180_000, 'progress without the node and the worker');
      expect(done).toBe(false);
      await node.restart();
      faults.push(`node ${node.ip} back (pid ${node.pid()})`);
      await victimWorker.start();
      faults.push(`worker back (pid ${victimWorker.pid()})`);
    } finally {
      faultsStarted();
      // Whatever happened above, the later tests get the whole cluster back.
      if (!node.isRunning()) await node.restart();
      if (!victimWorker.isRunning()) await victimWorker.start();
    }

    [selection, bulkId] = await work;
    expect(faults).toHaveLength(4);
    expect(survivor.isRunning()).toBe(true);

    for (const root of [selection.id, bulkId]) {
      const check = await checkLedger(db, root);
      expect(check.rows).toBeGreaterThan(20);
      expect({ duplicates: check.duplicates, gaps: check.gaps, broken: check.broken }).toEqual({ duplicates: [], gaps: [], broken: [] });
    }
    // The ledger and the histories agree decision by decision (the auditor's replay comparison).
    for (const root of [selection.id, bulkId]) {
      const replay = await api0.call('GET', `/v1/cases/${encodeURIComponent(root)}/replay`, {
        actor: { id: 'auditor-1', role: 'auditor' },
      });
      expect(replay.status).toBe(200);
      expect({ verdict: replay.body.verdict, comparison: replay.body.comparison }).toMatchObject({
        verdict: 'consistent',
        comparison: { missing: [], extra: [], altered: [] },
      });
    }
  });

  it('keeps the history-archive schedule paused through the workers killed above, so no sweep fires on the hour mid-spec', async () => {
    const client = await api0.temporalClient();
    const schedule = await client.schedule.getHandle(HISTORY_ARCHIVE_SCHEDULE_ID).describe();
    expect(schedule.state.paused).toBe(true);
  });

  it('serves reads and decisions through the second API instance for cases started through the first', async () => {
    const proposal = vacancyProposal();
    const created = await api0.call('POST', '/v1/vacancies', { body: proposal });
    expect(created.status).toBe(201);
    const read = await api1.call('GET', vacancyPath(proposal));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ step: 'awaiting_ppk_decision' });
    const approved = await api1.call('POST', `${vacancyPath(proposal)}/decisions`, {
      actor: PPK,
      body: { decision: 'approve', fillingMethod: 'open_selection' },
    });
    expect(approved.status).toBe(200);
    expect((await api0.call('GET', vacancyPath(proposal))).body).toMatchObject({ step: 'approved', recordedCount: 2 });

    const sel = await api1.call('GET', selection.path);
    expect(sel.status).toBe(200);
    expect(sel.body).toMatchObject({ step: 'closed', terminal: true });
    vacancyId = created.body.workflowId;
    const rows = await api0.ledgerRows(vacancyId);
    expect(rows.map((r) => r.decision)).toEqual(['propose', 'approve']);
  });

  it('keeps the cases listed by their search attributes (type, agency, step, status) in Temporal visibility and its Web UI', async () => {
    const client = await api0.temporalClient();
    const list = async (query: string) => {
      const ids: string[] = [];
      for await (const wf of client.workflow.list({ query })) ids.push(wf.workflowId);
      return ids;
    };
    const { caseType, agency, step, status } = CASE_SEARCH_ATTRIBUTES;
    const cases = [
      { type: 'open-selection', id: selection.id, path: selection.path },
      { type: 'bulk-move', id: bulkId, path: `/v1/bulk-moves/${bulkId}` },
      { type: 'vacancy', id: vacancyId, path: `/v1/vacancies/${vacancyId}` },
    ];
    for (const c of cases) {
      const state = (await api0.call('GET', c.path)).body;
      const query = [
        `${caseType.name} = '${c.type}'`,
        `${agency.name} = '${c.id.split(':')[1]}'`,
        `${step.name} = '${state.step}'`,
        `${status.name} = '${state.status}'`,
      ].join(' AND ');
      // Visibility is written after the workflow task that upserts; it catches up within moments.
      expect(await eventually(async () => ((await list(query)).length ? list(query) : undefined), 30_000, query)).toEqual([c.id]);
    }
    // The Web UI lists them through the same query (its own API, which its pages call).
    const query = `${caseType.name} = 'open-selection' AND ${agency.name} = '${selection.agencyCode}'`;
    const page = await fetch(`${cluster.uiUrl}/api/v1/namespaces/default/workflows?query=${encodeURIComponent(query)}`);
    expect(page.status).toBe(200);
    const executions = ((await page.json()) as { executions: { execution: { workflowId: string } }[] }).executions;
    expect(executions.map((e) => e.execution.workflowId)).toEqual([selection.id]);
    // Root cases only: the selection's assessments, committee review and appointment are part of it.
    expect((await list(`${agency.name} = '${selection.agencyCode}'`)).sort()).toEqual([selection.id, selection.vacancyId].sort());
  });

  it('connects the API and the workers as a LOGIN member of meritflow_app, which may not UPDATE or DELETE the ledger', async () => {
    const owner = await api0.db();
    // Every process uses its pool now (idle connections close after 10 s).
    for (const a of cluster.apis) expect((await fetch(`${a.url}/health/ready`)).status).toBe(200);
    for (const w of cluster.workers) expect((await fetch(`${w.httpUrl}/health/ready`)).status).toBe(200);
    const sessions = (
      await owner.query(
        `SELECT DISTINCT usename, split_part(application_name, ':', 1) AS app FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'meritflow-%'`,
      )
    ).rows;
    expect(sessions).toEqual(
      expect.arrayContaining([
        { usename: cluster.databases.names.appLoginRole, app: 'meritflow-api' },
        { usename: cluster.databases.names.appLoginRole, app: 'meritflow-worker' },
      ]),
    );
    expect(sessions.every((s) => s.usename === cluster.databases.names.appLoginRole)).toBe(true);

    const app = new PgClient({ connectionString: cluster.databases.appUrl });
    await app.connect();
    try {
      expect((await app.query(`SELECT pg_has_role(current_user, 'meritflow_app', 'MEMBER') AS member`)).rows[0].member).toBe(true);
      expect(
        (await app.query('SELECT count(*)::int AS n FROM decisions WHERE root_workflow_id = $1', [selection.id])).rows[0].n,
      ).toBeGreaterThan(0);
      // Refused by privilege (42501), before the append-only trigger is reached.
      await expect(app.query(`UPDATE decisions SET reason = 'altered' WHERE root_workflow_id = $1`, [selection.id])).rejects.toMatchObject({
        code: '42501',
      });
      await expect(app.query('DELETE FROM decisions WHERE root_workflow_id = $1', [selection.id])).rejects.toMatchObject({ code: '42501' });
      await expect(app.query('TRUNCATE decisions')).rejects.toMatchObject({ code: '42501' });
      await expect(app.query(`UPDATE history_archive SET status = 'x'`)).rejects.toMatchObject({ code: '42501' });
    } finally {
      await app.end();
    }
    const after = await checkLedger(owner, selection.id);
    expect(after.broken).toEqual([]);
  });

  it('drains a worker on SIGTERM: readiness fails at once, the activity in flight finishes on that worker, and it exits 0', async () => {
    const owner = await api0.db();
    const proposal = vacancyProposal();
    const created = await api0.call('POST', '/v1/vacancies', { body: proposal });
    expect(created.status).toBe(201);
    const id: string = created.body.workflowId;
    await eventually(async () => (await api0.ledgerRows(id)).length === 1);
    const lock = await holdChainLock(id);
    let answer: Promise<{ status: number; body: any }> | undefined;
    try {
      answer = api0.call('POST', `${vacancyPath(proposal)}/decisions`, {
        actor: PPK,
        body: { decision: 'approve', fillingMethod: 'open_selection' },
      });
      const holder = await workerWaitingOnLock(owner);
      holder.signal('SIGTERM');
      const ready = await eventually(
        async () => {
          const r = await fetch(`${holder.httpUrl}/health/ready`);
          return r.status === 503 ? r.json() : undefined;
        },
        10_000,
        'readiness to fail',
      );
      expect(ready).toEqual({ status: 'down', reason: 'draining' });
      expect((await fetch(`${holder.httpUrl}/health/live`)).status).toBe(200);
      expect(holder.isRunning()).toBe(true);
      await lock.release();
      const res = await answer;
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ step: 'approved' });
      expect(await holder.exited()).toEqual({ code: 0, signal: null });
      await holder.start();
    } finally {
      await lock.release();
      await answer?.catch(() => undefined);
    }
    // Finished, not cancelled and retried elsewhere: one attempt, one row.
    const history = await (await api0.temporalClient()).workflow.getHandle(id).fetchHistory();
    const events = history.events ?? [];
    expect(events.filter((e) => e.activityTaskStartedEventAttributes).map((e) => e.activityTaskStartedEventAttributes!.attempt)).toEqual(
      events.filter((e) => e.activityTaskStartedEventAttributes).map(() => 1),
    );
    expect(
      events.filter(
        (e) => e.activityTaskFailedEventAttributes || e.activityTaskTimedOutEventAttributes || e.activityTaskCanceledEventAttributes,
      ),
    ).toEqual([]);
    expect((await api0.ledgerRows(id)).map((r) => r.decision)).toEqual(['propose', 'approve']);
  });

  it('drains an API instance on SIGTERM: it takes no new connection, answers the decision in flight, and exits 0', async () => {
    const target = cluster.apis[1];
    const plain = new Stack(cluster.state(1));
    const owner = await api0.db();
    const proposal = vacancyProposal();
    const created = await plain.call('POST', '/v1/vacancies', { body: proposal });
    expect(created.status).toBe(201);
    const id: string = created.body.workflowId;
    await eventually(async () => (await api0.ledgerRows(id)).length === 1);
    const lock = await holdChainLock(id);
    try {
      const answer = plain.call('POST', `${vacancyPath(proposal)}/decisions`, {
        actor: PPK,
        body: { decision: 'approve', fillingMethod: 'open_selection' },
      });
      await workerWaitingOnLock(owner);
      target.signal('SIGTERM');
      await eventually(
        async () =>
          fetch(`${target.url}/health/live`, { headers: { connection: 'close' } }).then(
            () => false,
            () => true,
          ),
        10_000,
        'new connections to be refused',
      );
      await lock.release();
      const res = await answer;
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ step: 'approved' });
      expect(await target.exited()).toEqual({ code: 0, signal: null });
    } finally {
      await lock.release();
      await plain.close();
    }
    expect((await api0.ledgerRows(id)).map((r) => r.decision)).toEqual(['propose', 'approve']);
  });
});

/** Holds the advisory lock the chain trigger takes for a case, so its next ledger write waits (inside recordDecision). */
async function holdChainLock(rootId: string): Promise<{ release(): Promise<void> }> {
  const client = new PgClient({ connectionString: cluster.databases.ownerUrl });
  await client.connect();
  await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [rootId]);
  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [rootId]).catch(() => {});
      await client.end();
    },
  };
}

/** The worker whose ledger INSERT waits on a held chain lock, found by its connection's application name (meritflow-worker:<pid>). */
async function workerWaitingOnLock(db: PgClient) {
  return eventually(
    async () => {
      const rows = (
        await db.query(
          `SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND NOT l.granted`,
        )
      ).rows as { application_name: string }[];
      const pids = rows.map((r) => Number(r.application_name.split(':')[1]));
      return cluster.workers.find((w) => pids.includes(w.pid()));
    },
    30_000,
    'a worker inside recordDecision, waiting on the chain lock',
  );
}
