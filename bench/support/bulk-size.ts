import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { PPK, HR, uniqueCode, type Stack } from '../../test/support/api-client';
import { evidence, region, registerInPages, rotations, sendPages } from '../../test/support/move-fixtures';
import { bulkMemberWorkflowId, bulkMoveStateQuery, bulkPartWorkflowId } from '@meritflow/contracts';
import { TWIN_TASK_QUEUE, twinBulkAddUpdate, twinBulkStateQuery, twinDecideUpdate, twinMemberId, twinPartId } from '../twin/contracts';
import type { Row } from './row';
import { pool, sleep } from './stats';

const PAGE = 200;
/** A tenth of Temporal's limits per history (51,200 events, 50 MB). */
const TENTH = { events: 5_120, bytes: 5 * 2 ** 20 };
const today = () => new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);

interface HistoryStats {
  histories: number;
  events: number;
  bytes: number;
  largest: { workflowId: string; events: number; bytes: number };
}

async function historyStats(client: Client, ids: string[]): Promise<HistoryStats> {
  const out: HistoryStats = { histories: 0, events: 0, bytes: 0, largest: { workflowId: '', events: 0, bytes: 0 } };
  await pool(ids, 8, async (id) => {
    const h = await client.workflow.getHandle(id).fetchHistory();
    const events = h.events?.length ?? 0;
    const bytes = temporal.api.history.v1.History.encode(h).finish().length;
    out.histories++;
    out.events += events;
    out.bytes += bytes;
    if (events > out.largest.events) out.largest = { workflowId: id, events, bytes };
  });
  return out;
}

/** Every workflow of a batch: the batch, its parts, its people. */
const treeOf = (batchId: string, nips: string[], part: (b: string, page: number) => string, member: (b: string, nip: string) => string) => [
  batchId,
  ...Array.from({ length: Math.ceil(nips.length / PAGE) }, (_, i) => part(batchId, i + 1)),
  ...nips.map((nip) => member(batchId, nip)),
];

/**
 * One bulk rotation of `n` people through the API to the decree: pages of 200 (the first with the
 * proposal), the state read with the batch's query until every person is checked, the PPK's
 * approval, the decree, and the batch's end (every person's workflow moved and recorded). The people
 * are put in the register first, untimed.
 */
async function meritBulk(stack: Stack, n: number) {
  const agency = uniqueCode('PEMKAB');
  const reg = await region(stack);
  const moves = rotations(agency, reg, n);
  const named = await registerInPages(stack, moves, PAGE);
  const sk = await evidence(stack, 'sk_kolektif', agency);
  const client = await stack.temporalClient();
  const t0 = performance.now();
  const batch = await sendPages(stack, { agencyCode: agency, batchCode: uniqueCode('SK-ROTASI'), title: `Rotasi ${n} pegawai` }, named);
  const handle = client.workflow.getHandle(batch.id);
  for (;;) {
    const s = await handle.query(bulkMoveStateQuery);
    if (s.step === 'awaiting_approval') break;
    await sleep(250);
  }
  const tChecked = performance.now();
  const post = async (actor: typeof HR, body: Record<string, unknown>) => {
    const r = await stack.call('POST', `${batch.path}/decisions`, { actor, body });
    if (r.status !== 200) throw new Error(`${String(body.decision)}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  };
  await post(PPK, { decision: 'approve_batch' });
  await post(HR, { decision: 'record_decree', decreeNumber: `821.2/${n}/2027`, effectiveDate: today(), evidence: sk });
  const state = await handle.result();
  const seconds = (performance.now() - t0) / 1000;
  if (state.annex.length !== n) throw new Error(`(m) the annex lists ${state.annex.length} of ${n}`);
  const nips = moves.map((m) => m.person.nip);
  const history = await historyStats(client, treeOf(batch.id, nips, bulkPartWorkflowId, bulkMemberWorkflowId));
  return { n, seconds, msPerPerson: (seconds * 1000) / n, checkedS: (tChecked - t0) / 1000, requestMs: batch.requestMs, history };
}

/** The same on the bare twin (bench/twin/twin-bulk.workflows.ts), driven through the Temporal client. */
async function twinBulk(client: Client, n: number) {
  const tag = randomBytes(4).toString('hex').toUpperCase();
  const nips = Array.from({ length: n }, (_, i) => `19820301200801${String(i).padStart(4, '0')}`);
  const pages: string[][] = [];
  for (let i = 0; i < n; i += PAGE) pages.push(nips.slice(i, i + PAGE));
  const id = `twin-bulk-move:${tag}`;
  const t0 = performance.now();
  const handle = await client.workflow.start('twinBulkMoveWorkflow', {
    taskQueue: TWIN_TASK_QUEUE,
    workflowId: id,
    args: [{ nips: pages[0], open: pages.length > 1 }],
  });
  for (let i = 1; i < pages.length; i++)
    await handle.executeUpdate(twinBulkAddUpdate, { args: [{ nips: pages[i], last: i === pages.length - 1 }] });
  for (;;) {
    const s = await handle.query(twinBulkStateQuery);
    if (s.step === 'awaiting_approval') break;
    await sleep(250);
  }
  const tChecked = performance.now();
  await handle.executeUpdate(twinDecideUpdate, { args: [{ decision: 'approve_batch', actorId: 'ppk' }] });
  await handle.executeUpdate(twinDecideUpdate, { args: [{ decision: 'record_decree', actorId: 'hr' }] });
  const moved = (await handle.result()) as number;
  const seconds = (performance.now() - t0) / 1000;
  if (moved !== n) throw new Error(`(m) twin moved ${moved} of ${n}`);
  const history = await historyStats(client, treeOf(id, nips, twinPartId, twinMemberId));
  return { n, seconds, msPerPerson: (seconds * 1000) / n, checkedS: (tChecked - t0) / 1000, history };
}

/**
 * Issue 19 item 6 (m), flat in batch size: bulk rotations of `small` and `large` people run to the
 * decree through the API, time per person at both sizes, each against the bare twin driven the same
 * way; then the events and bytes per person and the largest single history of each batch.
 */
export async function bulkSizeBench(stack: Stack, twinClient: Client, o: { small: number; large: number }, log: (s: string) => void) {
  const runs: Record<
    'small' | 'large',
    { merit: Awaited<ReturnType<typeof meritBulk>>; twin: Awaited<ReturnType<typeof twinBulk>>; repeats: number }
  > = {} as never;
  // The small batch is a few seconds, so one run of it is noise: it runs three times on each side
  // (interleaved), and the run with the median time per person counts. The large one runs once.
  const medianRun = <T extends { msPerPerson: number }>(xs: T[]) =>
    [...xs].sort((a, b) => a.msPerPerson - b.msPerPerson)[(xs.length - 1) >> 1];
  for (const [size, n, repeats] of [
    ['small', o.small, 3],
    ['large', o.large, 1],
  ] as const) {
    const merits: Awaited<ReturnType<typeof meritBulk>>[] = [];
    const twins: Awaited<ReturnType<typeof twinBulk>>[] = [];
    for (let r = 1; r <= repeats; r++) {
      const of = repeats > 1 ? ` (${r}/${repeats})` : '';
      log(`(m) bulk rotation of ${n}${of}: meritflow through the API`);
      const merit = await meritBulk(stack, n);
      log(`  ${merit.seconds.toFixed(1)} s (${merit.msPerPerson.toFixed(0)} ms/person; all checked at ${merit.checkedS.toFixed(1)} s)`);
      log(`(m) bulk rotation of ${n}${of}: the twin`);
      const twin = await twinBulk(twinClient, n);
      log(`  ${twin.seconds.toFixed(1)} s (${twin.msPerPerson.toFixed(0)} ms/person)`);
      merits.push(merit);
      twins.push(twin);
    }
    runs[size] = { merit: medianRun(merits), twin: medianRun(twins), repeats };
  }
  const { small, large } = runs;
  const flat = large.merit.msPerPerson / small.merit.msPerPerson;
  const rows: Row[] = [
    {
      id: '(m)',
      measure: `bulk rotation to the decree, time per person, ${o.large} vs ${o.small} people`,
      unit: 'ms',
      meritflow: large.merit.msPerPerson,
      baseline: small.merit.msPerPerson,
      baselineName: `${o.small} people`,
      ratio: flat,
      target: '≤ 1.25×',
      pass: flat <= 1.25,
      note: `${o.small} people: the median of ${small.repeats} runs on each side; ${o.large}: ${large.repeats} run`,
    },
    ...(['small', 'large'] as const).map((k): Row => ({
      id: '',
      measure: `  ${runs[k].merit.n} people: meritflow vs the twin`,
      unit: 'ms/person',
      meritflow: runs[k].merit.msPerPerson,
      baseline: runs[k].twin.msPerPerson,
      baselineName: 'twin',
      ratio: runs[k].merit.msPerPerson / runs[k].twin.msPerPerson,
      target: '-',
      pass: null,
    })),
    ...(['small', 'large'] as const).map((k): Row => {
      const h = runs[k].merit.history;
      const t = runs[k].twin.history;
      return {
        id: '',
        measure: `  ${runs[k].merit.n} people: largest history of the batch`,
        unit: 'events',
        meritflow: h.largest.events,
        baseline: t.largest.events,
        baselineName: 'twin',
        ratio: h.largest.events / t.largest.events,
        target: '< 5,120 events, < 5 MB',
        pass: h.largest.events < TENTH.events && h.largest.bytes < TENTH.bytes,
        note:
          `largest ${h.largest.workflowId.split(':').slice(3).join(':') || 'the batch'} ${h.largest.events} events, ${(h.largest.bytes / 1024).toFixed(0)} KB; ` +
          `per person ${(h.events / runs[k].merit.n).toFixed(1)} events, ${(h.bytes / runs[k].merit.n / 1024).toFixed(1)} KB ` +
          `(twin ${(t.events / runs[k].twin.n).toFixed(1)} events, ${(t.bytes / runs[k].twin.n / 1024).toFixed(1)} KB)`,
      };
    }),
  ];
  return { rows, result: { small, large, ratio: { flat, twinSmall: rows[1].ratio, twinLarge: rows[2].ratio } } };
}
