import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundle } from '@temporalio/worker';
import { Pool } from 'pg';
import { HR, PPK, vacancyPath, vacancyProposal, type Stack } from '../test/support/api-client';
import {
  asMember,
  committee,
  eligibleProfile,
  makeNip,
  openSelection,
  runWholeSelection,
  uploadEvidence,
  waitForStep,
  type WholeSelection,
} from '../test/support/selection-fixtures';
import { prefixedLogger, runToCompletion, type ManagedProcess } from '@meritflow/devstack';
import type { DecisionRecord } from '@meritflow/domain';
import { createDataSource, HistoryArchiveRepository, LedgerRepository } from '@meritflow/persistence';
import { archiveRun, decryptHistory, readArchivedRun, replayDataConverter } from '@meritflow/audit';
import { rootCaseOf } from '@meritflow/contracts';
import type { DataSource } from 'typeorm';
import { ROOT, startLocalStack, stopOnSignals, type LocalStack } from './support/stack';
import { median, percentile, pool, sleep } from './support/stats';
import { registerImportBench } from './register-import.bench';
import { loadBenchConfig, TEMPORAL_CLIENT_CHANNEL_ARGS } from '@meritflow/config';
import { peakBetween, RssSampler, type RssSummary } from './support/rss';
import {
  openTwinSelection,
  runTwinSelection,
  startTwinWorker,
  twinDecide,
  twinFloor,
  twinWaitFor,
  type TwinSelection,
} from './support/twin-driver';
import { enrol } from '../test/support/register-fixtures';
import { clusterBench } from './cluster';
import { LATENCY_SIDES, latencyRows, type LatencySide } from './support/latency-rows';
import { decisionTimeline } from './support/decision-timeline';
import { caseSizeBench } from './support/case-size';
import { bulkSizeBench } from './support/bulk-size';
import { historySummary, runLargeSelection } from '../test/support/large-selection';
import type { Row } from './support/row';
import { cpuSnapshot, cpuSpent, type CpuGroup } from './support/cpu';

/**
 * `npm run bench` (issue 7): meritflow measured side by side against a bare Temporal twin and raw
 * PostgreSQL, on the local stack it starts itself. Each ratio's two sides run interleaved, round
 * after round, and the table shows the median of the rounds. Knobs (environment):
 *   BENCH_ROUNDS (3)                 rounds of (a), (b), (c) and (e)
 *   BENCH_SELECTIONS (6)             whole open selections per side and round, (a)
 *   BENCH_CONCURRENCY (6)            of them in flight at once
 *   BENCH_CANDIDATES (4)             candidates per selection in (a)
 *   BENCH_LATENCY_DECISIONS (60)     decisions per side and round, (b)
 *   BENCH_APPEND_ROWS (2000)         ledger rows per variant and round, (c)
 *   BENCH_APPEND_CONCURRENCY (8)     writers at once, (c)
 *   BENCH_VERIFY_ROWS (200000)       rows of the verification bench, (d); BENCH_VERIFY_CASES (2000)
 *   BENCH_REPLAY_CASES (3)           cases (a selection, its children, its vacancy) replayed per side, (e)
 *   BENCH_SCALE (500)                concurrent open cases of the soak/scale run, (f); 10000 for the issue's scale run
 *   BENCH_SCALE_CONCURRENCY (16)     requests in flight while opening and closing them
 *   BENCH_SCALE_WAVES (6)            times (f) opens and closes its BENCH_SCALE cases on the same worker
 *   BENCH_REGISTER_PEOPLE (50000)    officials in the synthetic SIASN export imported by (h) (bench/register-import.bench.ts)
 *   BENCH_CASE_CANDIDATES (500)      (l): screen_candidate latency on a selection this large vs selections of 10;
 *                                    (n): a whole selection this large through the API, every history measured
 *   BENCH_BULK_PEOPLE (1000)         (m): time per person of a bulk rotation this large vs one of 100, each beside the twin
 *   BENCH_SKIP                       comma list of measures to skip: a,b,c,d,e,f,g,h,l,m,n ((g) runs within (e))
 *   BENCH_SAVE_HISTORIES             a directory: also write the replayed histories there (meritflow.json, twin.json)
 *   BENCH_CLUSTER (false)            also run on cluster mode (bench/cluster.ts): (i) dev server vs cluster,
 *                                    (j) one worker vs two, then (a), (b), (l), (n) and (m) again on the cluster,
 *                                    (k) BENCH_CLUSTER_SCALE (20000) open cases held
 *   BENCH_CLUSTER_SELECTIONS (6)     whole selections per side and round in (i) and (j)
 */
const env = loadBenchConfig();
const cfg = {
  rounds: env.BENCH_ROUNDS,
  selections: env.BENCH_SELECTIONS,
  concurrency: env.BENCH_CONCURRENCY,
  candidates: env.BENCH_CANDIDATES,
  latencyDecisions: env.BENCH_LATENCY_DECISIONS,
  appendRows: env.BENCH_APPEND_ROWS,
  appendConcurrency: env.BENCH_APPEND_CONCURRENCY,
  verifyRows: env.BENCH_VERIFY_ROWS,
  verifyCases: env.BENCH_VERIFY_CASES,
  replayCases: env.BENCH_REPLAY_CASES,
  scale: env.BENCH_SCALE,
  scaleConcurrency: env.BENCH_SCALE_CONCURRENCY,
  scaleWaves: env.BENCH_SCALE_WAVES,
  caseCandidates: env.BENCH_CASE_CANDIDATES,
  bulkPeople: env.BENCH_BULK_PEOPLE,
  skip: new Set(env.BENCH_SKIP),
  saveHistories: env.BENCH_SAVE_HISTORIES,
  cluster: env.BENCH_CLUSTER,
  clusterScale: env.BENCH_CLUSTER_SCALE,
  clusterSelections: env.BENCH_CLUSTER_SELECTIONS,
};

const log = prefixedLogger('bench', (t) => void process.stderr.write(t));
const secs = (t0: number) => (performance.now() - t0) / 1000;
const round1 = (n: number) => Math.round(n * 10) / 10;

const results: Record<string, unknown> = {};
const rows: Row[] = [];

// ---------------------------------------------------------------------------------------------
// (a) whole open selections per second, through the API vs the bare twin
// ---------------------------------------------------------------------------------------------
const meritSelections: WholeSelection[] = [];
const twinSelections: TwinSelection[] = [];

async function throughputRound(e: Engine, twinFirst: boolean) {
  // Runs one side's selections, timing them and, when the pids are known, metering each process group's CPU.
  const side = async (one: () => Promise<void>) => {
    const before = e.pids ? cpuSnapshot(e.pids()) : undefined;
    const errors: string[] = [];
    const t0 = performance.now();
    await pool(Array.from({ length: cfg.selections }), cfg.concurrency, async () => {
      try {
        await one();
      } catch (err) {
        errors.push(String(err).slice(0, 300));
      }
    });
    const s = secs(t0);
    const done = cfg.selections - errors.length;
    const cpu = before && done > 0 ? perSelection(cpuSpent(before, cpuSnapshot(e.pids!())), done) : undefined;
    return { perS: done / s, seconds: s, errors, cpu };
  };
  const merit = () =>
    side(async () => {
      meritSelections.push(await runWholeSelection(e.stack));
    });
  const twin = () =>
    side(async () => {
      twinSelections.push(await runTwinSelection(e.client, cfg.candidates));
    });
  if (twinFirst) {
    const t = await twin();
    const m = await merit();
    return { merit: m, twin: t };
  }
  const m = await merit();
  const t = await twin();
  return { merit: m, twin: t };
}

/** The median of each group over the rounds. */
const medianByGroup = (xs: Record<CpuGroup, number>[]) =>
  Object.fromEntries((Object.keys(xs[0]) as CpuGroup[]).map((k) => [k, median(xs.map((x) => x[k]))])) as Record<CpuGroup, number>;

const perSelection = (spent: Record<CpuGroup, number>, n: number) =>
  Object.fromEntries(Object.entries(spent).map(([k, v]) => [k, Math.round((v / n) * 1000) / 1000])) as Record<CpuGroup, number>;

// ---------------------------------------------------------------------------------------------
// (b) decision latency: POST …/decisions screen_candidate vs a bare executeUpdate on the twin
// ---------------------------------------------------------------------------------------------
async function latencyRound(e: Engine) {
  const n = Math.min(cfg.latencyDecisions, 100);
  const { stack, client } = e;
  // Setup, not timed: a selection in screening with n registered candidates on each side.
  const sel = await openSelection(stack);
  const members = committee();
  const post = async (actor: typeof HR, body: Record<string, unknown>) => {
    const r = await stack.call('POST', `${sel.path}/decisions`, { actor, body });
    if (r.status !== 200) throw new Error(`${String(body.decision)}: ${r.status} ${JSON.stringify(r.body)}`);
  };
  await post(PPK, { decision: 'form_committee', members, evidence: [await uploadEvidence(stack, 'sk_pansel', sel.agencyCode)] });
  await post(asMember(members[0]), { decision: 'announce', evidence: [await uploadEvidence(stack, 'pengumuman', sel.agencyCode)] });
  const profiles = Array.from({ length: n }, (_, i) =>
    eligibleProfile(`Calon ${i + 1}`, {
      nip: makeNip(`1975${String((i % 12) + 1).padStart(2, '0')}15`, '200001', ((i % 2) + 1) as 1 | 2, i + 1),
    }),
  );
  await post(HR, { decision: 'register_candidates', candidates: await enrol(stack, sel.agencyCode, sel.postCode, profiles) });
  const twin = await openTwinSelection(client, n);
  await waitForStep(stack, sel.path, 'screening');
  await twinWaitFor(client, twin.id, (s) => s.step === 'screening');

  const ms = { merit: [] as number[], bare: [] as number[], floor: [] as number[], local: [] as number[], async: [] as number[] };
  const timed = async (side: keyof typeof ms, call: () => Promise<unknown>) => {
    const t0 = performance.now();
    await call();
    ms[side].push(performance.now() - t0);
  };
  const sides: [keyof typeof ms, () => Promise<unknown>][] = [
    [
      'merit',
      async () => {
        const r = await stack.call('POST', `${sel.path}/decisions`, {
          actor: HR,
          body: {
            decision: 'screen_candidate',
            nip: profiles[sideIndex].nip,
            passed: true,
            administrativeScore: 80,
            reason: 'Berkas lengkap',
          },
        });
        if (r.status !== 200) throw new Error(`screen_candidate: ${r.status} ${JSON.stringify(r.body)}`);
      },
    ],
    ['bare', () => twinDecide(client, twin.id, { decision: 'screen_candidate', actorId: 'hr', nip: twin.nips[sideIndex] })],
    // The floor: the same update on the same workflow with no activity; the local-activity probe; and
    // the probe answering before its activity runs (the activity scheduled with the answer).
    ['floor', () => twinFloor(client, twin.id, { decision: 'screen_candidate', actorId: 'hr', nip: twin.nips[sideIndex], probe: 'none' })],
    ['local', () => twinFloor(client, twin.id, { decision: 'screen_candidate', actorId: 'hr', nip: twin.nips[sideIndex], probe: 'local' })],
    ['async', () => twinFloor(client, twin.id, { decision: 'screen_candidate', actorId: 'hr', nip: twin.nips[sideIndex], probe: 'async' })],
  ];
  let sideIndex = 0;
  for (let i = 0; i < n; i++) {
    sideIndex = i;
    // One by one, rotating which side goes first.
    for (let k = 0; k < sides.length; k++) {
      const [side, call] = sides[(i + k) % sides.length];
      await timed(side, call);
    }
  }
  const pct = (xs: number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95), p99: percentile(xs, 99), n: xs.length });
  // Where the time goes, from the histories' timestamps (the three setup decisions left out).
  const timeline = {
    api: await decisionTimeline(client, sel.id, { skip: 3 }),
    bare: await decisionTimeline(client, twin.id, { skip: 3, update: 'twin.decide' }),
    floor: await decisionTimeline(client, twin.id, { skip: 3, update: 'twin.floor' }),
  };
  return { merit: pct(ms.merit), bare: pct(ms.bare), floor: pct(ms.floor), local: pct(ms.local), async: pct(ms.async), timeline };
}

// ---------------------------------------------------------------------------------------------
// The measures that depend on the engine: run on the dev server, and again on the cluster
// (BENCH_CLUSTER), each side by side with its own baseline on that same engine (issue 19 item 7).
// ---------------------------------------------------------------------------------------------
/** A Temporal server with meritflow's API and workers on it, and the twin's worker beside them. */
export interface Engine {
  stack: Stack;
  /** A client on the engine's frontend, without the payload codec (it drives the twin). */
  client: TemporalClient;
  /** Null for the dev server; otherwise prefixed to each measure ("cluster"). */
  label: string | null;
  /** meritflow's worker and API and the twin's worker, by pid, when they run on this machine: (a) then reports CPU per selection. */
  pids?: () => Map<number, CpuGroup>;
}

/** The engine's name before each headline measure ("cluster: …"); the dev server's rows stay as they are. */
const labelled = (e: Engine, rows: Row[]): Row[] =>
  e.label ? rows.map((row) => (row.id ? { ...row, measure: `${e.label}: ${row.measure}` } : row)) : rows;

/** (a) and (b), in rounds; `eachRound` runs after each round's (a) and (b) (the dev server's (c)). */
export async function roundMeasures(
  e: Engine,
  eachRound: (round: number) => Promise<void> = async () => {},
): Promise<{ rows: Row[]; results: Record<string, unknown> }> {
  const rows: Row[] = [];
  const results: Record<string, unknown> = {};
  const on = e.label ? ` [${e.label}]` : '';
  const a: {
    merit: number[];
    twin: number[];
    errors: string[];
    meritSeconds: number[];
    twinSeconds: number[];
    cpuPerSelection: { merit: Record<CpuGroup, number>; twin: Record<CpuGroup, number> }[];
  } = {
    merit: [],
    twin: [],
    errors: [],
    meritSeconds: [],
    twinSeconds: [],
    cpuPerSelection: [],
  };
  type Pct = Record<'p50' | 'p95' | 'p99', number>;
  const b: Record<LatencySide, Pct[]> = { merit: [], bare: [], floor: [], local: [], async: [] };
  const timelines: unknown[] = [];
  for (let r = 1; r <= cfg.rounds; r++) {
    if (!cfg.skip.has('a')) {
      log(`round ${r}/${cfg.rounds}${on}: (a) ${cfg.selections} whole selections per side, ${cfg.concurrency} at once`);
      const x = await throughputRound(e, r % 2 === 0);
      a.merit.push(x.merit.perS);
      a.twin.push(x.twin.perS);
      a.meritSeconds.push(x.merit.seconds);
      a.twinSeconds.push(x.twin.seconds);
      a.errors.push(...x.merit.errors.map((m) => `meritflow: ${m}`), ...x.twin.errors.map((m) => `twin: ${m}`));
      log(
        `  meritflow ${x.merit.perS.toFixed(3)}/s (${x.merit.seconds.toFixed(1)} s), twin ${x.twin.perS.toFixed(3)}/s (${x.twin.seconds.toFixed(1)} s)`,
      );
      if (x.merit.cpu && x.twin.cpu) {
        a.cpuPerSelection.push({ merit: x.merit.cpu, twin: x.twin.cpu });
        log(`  CPU s per selection: meritflow ${JSON.stringify(x.merit.cpu)}; twin ${JSON.stringify(x.twin.cpu)}`);
      }
    }
    if (!cfg.skip.has('b')) {
      log(`round ${r}/${cfg.rounds}${on}: (b) ${cfg.latencyDecisions} decisions per side, alternating`);
      const x = await latencyRound(e);
      for (const k of LATENCY_SIDES) b[k].push(x[k]);
      timelines.push(x.timeline);
      log(`  timeline (median ms per segment): ${JSON.stringify(x.timeline)}`);
      log(
        `  p50/p99 ms: API ${x.merit.p50.toFixed(1)}/${x.merit.p99.toFixed(1)}; bare ${x.bare.p50.toFixed(1)}/${x.bare.p99.toFixed(1)}; floor ${x.floor.p50.toFixed(1)}/${x.floor.p99.toFixed(1)}; local activity ${x.local.p50.toFixed(1)}/${x.local.p99.toFixed(1)}; answered before its activity ${x.async.p50.toFixed(1)}/${x.async.p99.toFixed(1)}`,
      );
    }
    await eachRound(r);
  }

  if (!cfg.skip.has('a')) {
    const m = median(a.merit);
    const t = median(a.twin);
    results.a = {
      unit: 'whole selections/s',
      candidates: cfg.candidates,
      perRound: cfg.selections,
      concurrency: cfg.concurrency,
      ...a,
      median: { meritflow: m, twin: t, ratio: m / t },
      cpuPerSelectionMedian: a.cpuPerSelection.length
        ? { merit: medianByGroup(a.cpuPerSelection.map((c) => c.merit)), twin: medianByGroup(a.cpuPerSelection.map((c) => c.twin)) }
        : undefined,
    };
    rows.push({
      id: '(a)',
      measure: `whole open selections (${cfg.candidates} candidates, ${cfg.concurrency} at once)`,
      unit: '/s',
      meritflow: m,
      baseline: t,
      baselineName: 'twin',
      ratio: m / t,
      target: '≥ 0.9×',
      pass: m / t >= 0.9 && a.errors.length === 0,
      note: a.errors.length ? `${a.errors.length} errors` : undefined,
    });
    if (a.cpuPerSelection.length) {
      const total = (c: Record<CpuGroup, number>) => Object.values(c).reduce((x, y) => x + y, 0);
      const mc = median(a.cpuPerSelection.map((c) => total(c.merit)));
      const tc = median(a.cpuPerSelection.map((c) => total(c.twin)));
      rows.push({
        id: '',
        measure: '  profile: CPU seconds per selection, every process',
        unit: 's',
        meritflow: mc,
        baseline: tc,
        baselineName: 'twin',
        ratio: mc / tc,
        target: '-',
        pass: null,
      });
    }
  }
  if (!cfg.skip.has('b')) {
    const x = latencyRows(b);
    results.b = { ...(x.result as object), timelines };
    rows.push(...x.rows);
  }
  return { rows: labelled(e, rows), results };
}

/** (l), (n) and (m): flat in case size, a whole large case, flat in batch size; on the engine. */
export async function sizeMeasures(e: Engine): Promise<{ rows: Row[]; results: Record<string, unknown> }> {
  const rows: Row[] = [];
  const results: Record<string, unknown> = {};
  const on = e.label ? ` [${e.label}]` : '';
  if (!cfg.skip.has('l')) {
    log(`(l)${on} case size: screen_candidate on ${cfg.caseCandidates} candidates vs 10, interleaved`);
    const x = await caseSizeBench(e.stack, e.client, { small: 10, large: cfg.caseCandidates, decisions: 30 });
    results.l = x.result;
    const l = x.result;
    log(
      `  p50 ${l.large.p50.toFixed(1)} ms at ${l.large.candidates} vs ${l.small.p50.toFixed(1)} ms at ${l.small.candidates}; GET of the state ${l.read.large.toFixed(1)} vs ${l.read.small.toFixed(1)} ms; history ${l.largeHistory.events} events, ${Math.round(l.largeHistory.bytes / 1024)} KB`,
    );
    rows.push(...x.rows);
  }
  if (!cfg.skip.has('n')) {
    log(`(n)${on} a whole selection of ${cfg.caseCandidates} candidates through the API`);
    const run = await runLargeSelection(e.stack, cfg.caseCandidates);
    const h = historySummary(run);
    results.n = { ...run, histories: undefined, summary: { ...h, histories: run.histories.length } };
    log(
      `  closed at ${(run.timings.closed / 1000).toFixed(1)} s (${JSON.stringify(run.timings)}); ${run.histories.length} histories, largest ${h.largest.workflowId} ${h.largest.events} events; ${run.retried503} 503s resent`,
    );
    rows.push({
      id: '(n)',
      measure: `a whole selection of ${cfg.caseCandidates} candidates, largest history`,
      unit: 'events',
      meritflow: h.largest.events,
      baseline: null,
      baselineName: '',
      ratio: null,
      target: '< 5,120 events, < 5 MB',
      pass: h.withinTenth,
      note: `closed in ${(run.timings.closed / 1000).toFixed(0)} s; ${run.histories.length} histories (${h.selectionRuns} run(s) of the selection), ${Math.round(h.events / run.candidates)} events and ${(h.bytes / run.candidates / 1024).toFixed(1)} KB per candidate; largest ${h.largest.workflowId.split(':').slice(2).join(':') || 'selection'} ${h.largest.events} events, heaviest ${(h.heaviest.bytes / 1024).toFixed(0)} KB; largest assessment start ${h.assessmentStartBytes} B`,
    });
    rows.push({
      id: '',
      measure: `  the case in all: events and KB per candidate`,
      unit: 'events',
      meritflow: h.events / run.candidates,
      baseline: null,
      baselineName: '',
      ratio: null,
      target: '-',
      pass: null,
      note: `${h.events} events, ${Math.round(h.bytes / 1024)} KB over ${run.histories.length} histories; ${(h.bytes / run.candidates / 1024).toFixed(1)} KB per candidate`,
    });
  }
  if (!cfg.skip.has('m')) {
    const x = await bulkSizeBench(e.stack, e.client, { small: 100, large: cfg.bulkPeople }, log);
    results.m = x.result;
    rows.push(...x.rows);
  }
  return { rows: labelled(e, rows), results };
}

// ---------------------------------------------------------------------------------------------
// (c) ledger append: LedgerRepository.append (the recordDecision activity's path) vs plain INSERT
// ---------------------------------------------------------------------------------------------
const COLUMNS = `idempotency_key, case_type, workflow_id, run_id, sequence, decision, step_before, step_after, actor_id,
  actor_role, actor_name, reason, payload, evidence, sop_id, sop_version, rule_version, decided_at, root_workflow_id, parent_workflow_id`;

function appendRecord(tag: string, i: number): DecisionRecord {
  const cases = 100;
  const c = i % cases;
  const seq = Math.floor(i / cases) + 1;
  const root = `open-selection:BENCH-${tag}:C${c}`;
  return {
    idempotencyKey: `${root}:run-${tag}-${c}:${seq}`,
    caseType: 'committee-review',
    workflowId: `${root}:committee-review`,
    runId: `run-${tag}-${c}`,
    rootWorkflowId: root,
    parentWorkflowId: root,
    sequence: seq,
    decision: 'score',
    stepBefore: 'scoring',
    stepAfter: 'scoring',
    statusAfter: 'scoring',
    actor: { id: `pansel-${seq % 5}`, role: 'committee_member', name: 'Dr. Agus Salim' },
    reason: null,
    payload: { nips: [`19780412200303100${seq % 10}`], sealed: true },
    evidence: [],
    sop: { id: 'committee-review', version: '1.0.0-test.fast' },
    ruleVersion: null,
    decidedAt: new Date().toISOString(),
    case: { agencyCode: `BENCH-${tag}`, businessKey: root, title: 'Penilaian pansel', details: { sealed: true } },
  };
}

const params = (r: DecisionRecord) => [
  r.idempotencyKey,
  r.caseType,
  r.workflowId,
  r.runId,
  r.sequence,
  r.decision,
  r.stepBefore,
  r.stepAfter,
  r.actor.id,
  r.actor.role,
  r.actor.name ?? null,
  r.reason,
  JSON.stringify(r.payload),
  JSON.stringify(r.evidence),
  r.sop.id,
  r.sop.version,
  r.ruleVersion,
  r.decidedAt,
  r.rootWorkflowId,
  r.parentWorkflowId,
];
const VALUES = '($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20)';
// The read-model upsert of LedgerRepository.project, verbatim.
const CASE_COLUMNS = `run_id, workflow_id, case_type, agency_code, business_key, title, status, step, sop_id,
  sop_version, details, last_sequence, created_at, updated_at, root_workflow_id, parent_workflow_id`;
const CASE_VALUES = '($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$13,$14,$15)';
const CASE_VALUES_FROM_21 = '$21,$22,$23,$24,$25,$26,$27,$28,$29,$30,$31::jsonb,$32::int,$33::timestamptz,$33::timestamptz,$34,$35';
const CASE_CONFLICT = `ON CONFLICT (run_id) DO UPDATE SET
  created_at = LEAST(cases.created_at, EXCLUDED.created_at),
  status = CASE WHEN EXCLUDED.last_sequence > cases.last_sequence THEN EXCLUDED.status ELSE cases.status END,
  step = CASE WHEN EXCLUDED.last_sequence > cases.last_sequence THEN EXCLUDED.step ELSE cases.step END,
  details = CASE WHEN EXCLUDED.last_sequence > cases.last_sequence THEN EXCLUDED.details ELSE cases.details END,
  updated_at = GREATEST(cases.updated_at, EXCLUDED.updated_at),
  last_sequence = GREATEST(cases.last_sequence, EXCLUDED.last_sequence)`;
const caseParams = (r: DecisionRecord) => [
  r.runId,
  r.workflowId,
  r.caseType,
  r.case.agencyCode,
  r.case.businessKey,
  r.case.title,
  r.statusAfter,
  r.stepAfter,
  r.sop.id,
  r.sop.version,
  JSON.stringify(r.case.details),
  r.sequence,
  r.decidedAt,
  r.rootWorkflowId,
  r.parentWorkflowId,
];

async function appendRound(pg: Pool, repo: LedgerRepository, roundNo: number) {
  const n = cfg.appendRows;
  const variants: Record<string, (r: DecisionRecord) => Promise<unknown>> = {
    // The baseline: the same row into an identical table (same columns, defaults, indexes) without triggers.
    plain: (r) => pg.query(`INSERT INTO bench_decisions_plain (${COLUMNS}) VALUES ${VALUES}`, params(r)),
    // Profile: the same statement into the ledger, through the chaining trigger, without the transaction or read model.
    trigger: (r) =>
      pg.query(`INSERT INTO decisions (${COLUMNS}) VALUES ${VALUES} ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`, params(r)),
    // Profile: the repository's former form (BEGIN, INSERT through the trigger, cases upsert, COMMIT) on raw pg.
    transaction: async (r) => {
      const cl = await pg.connect();
      try {
        await cl.query('BEGIN');
        const ins = await cl.query(
          `INSERT INTO decisions (${COLUMNS}) VALUES ${VALUES} ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
          params(r),
        );
        if (ins.rowCount) await cl.query(`INSERT INTO cases (${CASE_COLUMNS}) VALUES ${CASE_VALUES} ${CASE_CONFLICT}`, caseParams(r));
        await cl.query('COMMIT');
      } catch (err) {
        await cl.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        cl.release();
      }
    },
    // Profile: the repository's statement (both writes as one) on raw pg, without TypeORM.
    oneStatement: (r) =>
      pg.query(
        `WITH ins AS (INSERT INTO decisions (${COLUMNS}) VALUES ${VALUES} ON CONFLICT (idempotency_key) DO NOTHING RETURNING id)
         INSERT INTO cases (${CASE_COLUMNS}) SELECT ${CASE_VALUES_FROM_21} WHERE EXISTS (SELECT 1 FROM ins) ${CASE_CONFLICT}`,
        [...params(r), ...caseParams(r)],
      ),
    // meritflow: what the recordDecision activity runs (LedgerRepository.append: one statement through TypeORM).
    ledger: (r) => repo.append(r),
  };
  const out: Record<string, number> = {};
  const order = Object.keys(variants);
  if (roundNo % 2) order.reverse();
  // Every variant first writes a short untimed burst: whichever runs first in a round otherwise pays
  // for cold caches and connections (it measured up to 25 % lower in that position).
  for (const name of order) {
    const warm = `W${name.toUpperCase()}${roundNo}${Date.now().toString(36).toUpperCase()}`;
    await pool(
      Array.from({ length: Math.min(200, n) }, (_, i) => appendRecord(warm, i)),
      cfg.appendConcurrency,
      async (r) => void (await variants[name](r)),
    );
  }
  for (const name of order) {
    const tag = `${name.toUpperCase()}${roundNo}${Date.now().toString(36).toUpperCase()}`;
    const recs = Array.from({ length: n }, (_, i) => appendRecord(tag, i));
    const t0 = performance.now();
    await pool(recs, cfg.appendConcurrency, async (r) => void (await variants[name](r)));
    out[name] = n / secs(t0);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// (d) ledger verification: the existing bench (libs/persistence/src/bench), on the same server
// ---------------------------------------------------------------------------------------------
async function verifyBench(ls: LocalStack) {
  const lines = await runToCompletion({
    name: 'bench:ledger',
    command: process.execPath,
    args: [
      path.join(ROOT, 'dist/libs/persistence/src/bench/ledger-verify.bench.js'),
      '--rows',
      String(cfg.verifyRows),
      '--cases',
      String(cfg.verifyCases),
      '--runs',
      String(Math.max(3, cfg.rounds)),
    ],
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: ls.adminDatabaseUrl() },
    log: prefixedLogger('bench:ledger', (t) => void process.stderr.write(t)),
  });
  const m = lines.map((l) => /verifyAll: median (\d+) rows\/s/.exec(l)).find(Boolean);
  const ref = lines.map((l) => /reference: median (\d+) rows\/s/.exec(l)).find(Boolean);
  if (!m || !ref) throw new Error(`no median in the ledger bench output:\n${lines.join('\n')}`);
  const sane = lines.some((l) => l.includes('is detected'));
  return { rowsPerS: Number(m[1]), referenceRowsPerS: Number(ref[1]), tamperDetected: sane, output: lines };
}

// ---------------------------------------------------------------------------------------------
// (e) replay: every history of whole selections (the selection, its children, its vacancy)
// ---------------------------------------------------------------------------------------------
type Histories = {
  workflowId: string;
  history: Awaited<ReturnType<ReturnType<TemporalClient['workflow']['getHandle']>['fetchHistory']>>;
}[];

async function fetchHistories(client: TemporalClient, ids: string[]): Promise<Histories> {
  return Promise.all(ids.map(async (workflowId) => ({ workflowId, history: await client.workflow.getHandle(workflowId).fetchHistory() })));
}

/** `codec`: meritflow's histories are encrypted, and replay decrypts them as the auditor's replay does (the twin's are plain). */
async function replay(
  bundle: WorkflowBundle,
  histories: Histories,
  codec?: PayloadCodec,
): Promise<{ perS: number; eventsPerS: number; failures: string[] }> {
  const failures: string[] = [];
  const t0 = performance.now();
  const dataConverter = replayDataConverter(codec);
  for await (const r of Worker.runReplayHistories({ workflowBundle: bundle, replayName: 'bench', dataConverter }, histories)) {
    if (r.error) failures.push(`${r.workflowId}: ${String(r.error)}`.slice(0, 300));
  }
  const s = secs(t0);
  const events = histories.reduce((a, h) => a + (h.history.events?.length ?? 0), 0);
  return { perS: histories.length / s, eventsPerS: events / s, failures };
}

// ---------------------------------------------------------------------------------------------
// (g) the history archive: what archiving a closed case costs, and replay from the archive beside
// replay from Temporal (each side loads its histories, then replays them), interleaved
// ---------------------------------------------------------------------------------------------
async function archiveBench(ds: DataSource, client: TemporalClient, cases: WholeSelection[], bundle: WorkflowBundle, codec: PayloadCodec) {
  const archive = new HistoryArchiveRepository(ds);
  const write = { ms: [] as number[], fetchMs: [] as number[], gzipBytes: 0, rawBytes: 0 };
  for (const c of cases) {
    const ids = [c.id, ...c.childIds];
    const t0 = performance.now();
    const fetched = await Promise.all(ids.map((id) => client.workflow.getHandle(id).fetchHistory()));
    write.fetchMs.push(performance.now() - t0);
    for (const [i, id] of ids.entries()) {
      const runId = fetched[i].events![0].workflowExecutionStartedEventAttributes!.originalExecutionRunId!;
      const r = await archiveRun(client, archive, { workflowId: id, runId }, rootCaseOf(id)!, fetched[i]);
      if (!r.inserted) throw new Error(`(g) ${id} was archived before the bench measured it`);
    }
    write.ms.push(performance.now() - t0);
    for (const a of await archive.indexOfCase(c.id)) write.rawBytes += a.sizeBytes;
  }
  const stored = await ds.query(
    `SELECT coalesce(sum(octet_length(history)), 0)::bigint AS n FROM history_archive WHERE root_workflow_id = ANY($1)`,
    [cases.map((c) => c.id)],
  );
  write.gzipBytes = Number(stored[0].n);

  const fromTemporal = async () =>
    fetchHistories(
      client,
      cases.flatMap((c) => [c.id, ...c.childIds]),
    );
  const fromArchive = async (): Promise<Histories> => {
    const rows = (await Promise.all(cases.map((c) => archive.historiesOfCase(c.id)))).flat();
    // As the API replays an archived run: the protobuf copy decoded, both stored copies hashed for the chain check.
    return rows.map((r) => ({ workflowId: r.workflowId, history: readArchivedRun(r.history, r.historyPb).history }));
  };
  const g = { temporal: [] as number[], archive: [] as number[], failures: [] as string[] };
  let histories = 0;
  for (let r = 1; r <= cfg.rounds; r++) {
    for (const side of r % 2 ? (['archive', 'temporal'] as const) : (['temporal', 'archive'] as const)) {
      const t0 = performance.now();
      const hs = side === 'archive' ? await fromArchive() : await fromTemporal();
      const x = await replay(bundle, hs, codec);
      g[side].push(hs.length / secs(t0));
      g.failures.push(...x.failures);
      histories = hs.length;
    }
    log(`  (g) round ${r}: archive ${g.archive[r - 1].toFixed(1)} histories/s, Temporal ${g.temporal[r - 1].toFixed(1)} histories/s`);
  }
  const n = cases.length;
  return {
    unit: 'histories/s',
    histories,
    ...g,
    median: { archive: median(g.archive), temporal: median(g.temporal) },
    write: {
      msPerCase: median(write.ms),
      fetchMsPerCase: median(write.fetchMs),
      kbPerCase: write.gzipBytes / n / 1024,
      rawKbPerCase: write.rawBytes / n / 1024,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// (f) soak / scale: N concurrent open vacancy cases, opened then closed, worker RSS sampled
// ---------------------------------------------------------------------------------------------
async function scaleRun(ls: LocalStack) {
  const n = cfg.scale;
  const sampler = new RssSampler(() => ls.state().workerPid).start();
  const errors: string[] = [];
  const waves: { openConcurrently: number; openedPerS: number; closedPerS: number; from: number; to: number; peakMb: number }[] = [];
  const t0 = performance.now();
  const db = await ls.stack.db();
  // Each wave opens `n` cases through the API, waits until the ledger holds every one as open (all of
  // them open at once), then closes them all. The same worker runs every wave, so memory that a case
  // leaves behind raises the later waves' peaks above the earlier ones'.
  for (let w = 1; w <= cfg.scaleWaves; w++) {
    const tw = performance.now();
    const from = sampler.now();
    let lastLog = Date.now();
    const progress = (what: string, i: number) => {
      if (Date.now() - lastLog > 15_000) {
        lastLog = Date.now();
        log(`scale wave ${w}/${cfg.scaleWaves}: ${what} ${i}/${n}`);
      }
    };
    const paths: string[] = [];
    const agencyCode = `SCALE-${Date.now().toString(36).toUpperCase()}-${w}`;
    await pool(Array.from({ length: n }), cfg.scaleConcurrency, async (_, i) => {
      const p = vacancyProposal({ agencyCode, requestedFillingMethod: 'open_selection' });
      const r = await ls.stack.call('POST', '/v1/vacancies', { body: p }).catch((e) => ({ status: 0, body: String(e) }));
      if (r.status !== 201) errors.push(`open ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
      else paths.push(vacancyPath(p));
      progress('opened', i);
    });
    const openedS = secs(tw);
    // The API answers once a case has started; its first ledger row follows. Wait until every case is recorded as open.
    const countOpen = async () =>
      Number(
        (await db.query(`SELECT count(*)::int AS n FROM cases WHERE agency_code = $1 AND step = 'awaiting_ppk_decision'`, [agencyCode]))
          .rows[0].n,
      );
    let open = await countOpen();
    for (const until = Date.now() + 120_000 + n * 20; open < paths.length && Date.now() < until; open = await countOpen())
      await sleep(1000);
    const t1 = performance.now();
    await pool(paths, cfg.scaleConcurrency, async (p, i) => {
      const r = await ls.stack
        .call('POST', `${p}/decisions`, { actor: HR, body: { decision: 'withdraw', reason: 'Uji beban: kasus ditutup kembali' } })
        .catch((e) => ({ status: 0, body: String(e) }));
      if (r.status !== 200) errors.push(`close ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
      progress('closed', i);
    });
    const closedS = secs(t1);
    waves.push({
      openConcurrently: open,
      openedPerS: paths.length / openedS,
      closedPerS: paths.length / closedS,
      from,
      to: sampler.now(),
      peakMb: NaN,
    });
    log(`  (f) wave ${w}: ${open} open at once, ${paths.length} closed in ${secs(tw).toFixed(1)} s`);
  }
  const rss = sampler.stop();
  for (const w of waves) w.peakMb = peakBetween(rss.series, w.from, w.to);
  // RSS saws up and down with V8's collections (hundreds of MB from one wave to the next), so its value
  // at any one moment says little. What a leak cannot hide is the later waves' peak rising above the
  // earlier waves' peak; with one wave there is nothing to compare.
  const half = Math.floor(waves.length / 2);
  const peakOf = (ws: typeof waves) => Math.max(...ws.map((w) => w.peakMb));
  return {
    cases: n,
    waves,
    openConcurrently: Math.min(...waves.map((w) => w.openConcurrently)),
    openedPerS: median(waves.map((w) => w.openedPerS)),
    closedPerS: median(waves.map((w) => w.closedPerS)),
    seconds: secs(t0),
    errors: errors.length,
    errorSamples: errors.slice(0, 5),
    /** The later half of the waves' peak RSS against the earlier half's: what the later waves left behind. */
    peaks: half > 0 ? { earlierMb: peakOf(waves.slice(0, half)), laterMb: peakOf(waves.slice(half)) } : null,
    rss,
  };
}

// ---------------------------------------------------------------------------------------------

function machine() {
  const cpus = os.cpus();
  let temporalCli = '';
  try {
    temporalCli = execFileSync(path.join(os.homedir(), '.cache/meritflow/bin/temporal'), ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    /* resolved elsewhere */
  }
  return {
    hostname: os.hostname(),
    cpus: cpus.length,
    model: cpus[0]?.model ?? 'unknown',
    memoryGb: round1(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadavgAtStart: os.loadavg().map(round1),
    temporalCli,
    date: new Date().toISOString(),
  };
}

function fmt(n: number | null, unit: string): string {
  if (n === null || Number.isNaN(n)) return '-';
  if (unit === 'ms') return n.toFixed(1);
  if (unit === 'errors') return String(n);
  if (n >= 1000) return Math.round(n).toLocaleString('en-US');
  if (n >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

function printTable(): string {
  const head = ['', 'measure', 'unit', 'meritflow', 'baseline', 'ratio', 'target', 'result'];
  const body = rows.map((r) => [
    r.id,
    r.measure,
    r.unit,
    fmt(r.meritflow, r.unit),
    r.baseline === null ? '-' : `${fmt(r.baseline, r.unit)} (${r.baselineName})`,
    r.ratio === null ? '-' : `${r.ratio.toFixed(2)}×`,
    r.target,
    r.pass === null ? 'info' : r.pass ? 'PASS' : 'MISS',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const out = [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
  return out;
}

async function main(): Promise<void> {
  const info = machine();
  log(`machine: ${info.cpus} × ${info.model}, ${info.memoryGb} GB, node ${info.node}, load ${info.loadavgAtStart.join(' ')}`);
  log(`settings: ${JSON.stringify({ ...cfg, skip: [...cfg.skip] })}`);
  const t0 = performance.now();
  const ls = await startLocalStack();
  let twinWorker: ManagedProcess | undefined;
  let connection: Connection | undefined;
  let pg: Pool | undefined;
  const ds = createDataSource(ls.state().databaseUrl, 'meritflow-bench');
  const stop = async () => {
    await twinWorker?.stop().catch(() => {});
    await connection?.close().catch(() => {});
    await pg?.end().catch(() => {});
    if (ds.isInitialized) await ds.destroy().catch(() => {});
    await ls.stop();
  };
  stopOnSignals(stop);
  try {
    const state = ls.state();
    const pgVersion = (await (await ls.stack.db()).query('SHOW server_version')).rows[0].server_version as string;
    Object.assign(info, { postgres: pgVersion });
    twinWorker = await startTwinWorker(
      state.temporalAddress,
      prefixedLogger('twin', (t) => void process.stderr.write(t)),
    );
    connection = await Connection.connect({ address: state.temporalAddress, channelArgs: TEMPORAL_CLIENT_CHANNEL_ARGS });
    // Without the payload codec: it drives the bare twin, whose worker has none. meritflow's own
    // histories are read raw (encrypted) and replayed with the codec.
    const client = new TemporalClient({ connection, namespace: state.namespace });
    const codec = ls.stack.payloadCodec();
    // Whole-run RSS of both workers, for the record.
    const workerRss = new RssSampler(() => ls.state().workerPid, 2000).start();
    const twinRss = new RssSampler(() => twinWorker!.pid, 2000).start();

    // Warm-up, not measured: both workers load their bundles and caches, the API its routes.
    log('warm-up: one whole selection on each side');
    await runWholeSelection(ls.stack);
    await runTwinSelection(client, cfg.candidates);

    pg = new Pool({ connectionString: state.databaseUrl, max: 10 });
    // Same columns, defaults and indexes, no triggers; the chain columns the trigger fills may stay empty.
    await pg.query('CREATE TABLE IF NOT EXISTS bench_decisions_plain (LIKE decisions INCLUDING ALL)');
    await pg.query('ALTER TABLE bench_decisions_plain ALTER COLUMN chain_seq DROP NOT NULL, ALTER COLUMN row_hash DROP NOT NULL');
    await ds.initialize();
    const repo = new LedgerRepository(ds);

    const c: Record<string, number[]> = { plain: [], trigger: [], transaction: [], oneStatement: [], ledger: [] };
    // (a) and (b) on the dev server, (c) taking its turn in each round; (l) and (m) after (e) and (g).
    const engine: Engine = {
      stack: ls.stack,
      client,
      label: null,
      pids: () =>
        new Map<number, CpuGroup>([
          [ls.state().workerPid, 'worker'],
          [ls.state().apiPid, 'api'],
          [twinWorker!.pid, 'twinWorker'],
        ]),
    };
    const dev = await roundMeasures(engine, async (r) => {
      if (cfg.skip.has('c')) return;
      log(`round ${r}/${cfg.rounds}: (c) ${cfg.appendRows} rows per variant, ${cfg.appendConcurrency} writers`);
      const x = await appendRound(pg!, repo, r);
      for (const k of Object.keys(c)) c[k].push(x[k]);
      log(
        `  ${Object.entries(x)
          .map(([k, v]) => `${k} ${Math.round(v)}/s`)
          .join(', ')}`,
      );
    });
    Object.assign(results, dev.results);
    rows.push(...dev.rows);

    if (!cfg.skip.has('c')) {
      const l = median(c.ledger);
      const p = median(c.plain);
      const tr = median(c.trigger);
      results.c = {
        unit: 'rows/s',
        rows: cfg.appendRows,
        concurrency: cfg.appendConcurrency,
        perRound: c,
        median: { ledger: l, plain: p, triggerOnly: tr, ratio: l / p },
      };
      rows.push({
        id: '(c)',
        measure: `ledger append (${cfg.appendConcurrency} writers)`,
        unit: 'rows/s',
        meritflow: l,
        baseline: p,
        baselineName: 'plain INSERT',
        ratio: l / p,
        target: '≥ 0.7×',
        pass: l / p >= 0.7,
      });
      rows.push({
        id: '',
        measure: '  profile: INSERT through the chain trigger only',
        unit: 'rows/s',
        meritflow: tr,
        baseline: p,
        baselineName: 'plain INSERT',
        ratio: tr / p,
        target: '-',
        pass: null,
      });
      const tx = median(c.transaction);
      const one = median(c.oneStatement);
      rows.push({
        id: '',
        measure: '  profile: former form on raw pg (BEGIN, 2 writes, COMMIT)',
        unit: 'rows/s',
        meritflow: tx,
        baseline: p,
        baselineName: 'plain INSERT',
        ratio: tx / p,
        target: '-',
        pass: null,
      });
      rows.push({
        id: '',
        measure: "  profile: append's one statement on raw pg",
        unit: 'rows/s',
        meritflow: one,
        baseline: p,
        baselineName: 'plain INSERT',
        ratio: one / p,
        target: '-',
        pass: null,
      });
      (results.c as Record<string, unknown>).profile = { triggerOnly: tr, transactionRawPg: tx, oneStatement: one };
    }

    if (!cfg.skip.has('e') && meritSelections.length > 0 && twinSelections.length > 0) {
      const k = Math.min(cfg.replayCases, meritSelections.length, twinSelections.length);
      log(`(e) replay: ${k} whole cases per side (selection, children, vacancy), bundling both`);
      const meritH = await fetchHistories(
        client,
        meritSelections.slice(0, k).flatMap((s) => [s.id, ...s.childIds, s.vacancyId]),
      );
      const twinH = await fetchHistories(
        client,
        twinSelections.slice(0, k).flatMap((s) => [s.id, ...s.childIds, s.vacancyId]),
      );
      if (cfg.saveHistories) {
        // For profiling replay offline (node --cpu-prof): the histories as Temporal's JSON, decrypted,
        // since the stack's payload key dies with it.
        mkdirSync(cfg.saveHistories, { recursive: true });
        for (const [side, hs] of [
          ['meritflow', meritH],
          ['twin', twinH],
        ] as const) {
          const file = path.join(cfg.saveHistories, `${side}.json`);
          const plain = await Promise.all(
            hs.map(async (h) => ({ workflowId: h.workflowId, history: await decryptHistory(h.history, codec) })),
          );
          writeFileSync(
            file,
            JSON.stringify(plain.map((h) => ({ workflowId: h.workflowId, history: JSON.parse(historyToJSON(h.history)) }))),
          );
        }
      }
      const quiet = new DefaultLogger('WARN');
      const meritBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('@meritflow/workflows'), logger: quiet });
      const twinBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./twin'), logger: quiet });
      const events = (h: Histories) => h.reduce((acc, x) => acc + (x.history.events?.length ?? 0), 0);
      const e = {
        merit: [] as number[],
        twin: [] as number[],
        meritEvents: [] as number[],
        twinEvents: [] as number[],
        failures: [] as string[],
      };
      for (let r = 1; r <= cfg.rounds; r++) {
        const order = r % 2 ? ['merit', 'twin'] : ['twin', 'merit'];
        for (const side of order) {
          const x = await replay(
            side === 'merit' ? meritBundle : twinBundle,
            side === 'merit' ? meritH : twinH,
            side === 'merit' ? codec : undefined,
          );
          (side === 'merit' ? e.merit : e.twin).push(x.perS);
          (side === 'merit' ? e.meritEvents : e.twinEvents).push(x.eventsPerS);
          e.failures.push(...x.failures);
        }
        log(`  round ${r}: meritflow ${e.merit[r - 1].toFixed(1)} histories/s, twin ${e.twin[r - 1].toFixed(1)} histories/s`);
      }
      const m = median(e.merit);
      const t = median(e.twin);
      results.e = {
        unit: 'histories/s',
        histories: { meritflow: meritH.length, twin: twinH.length },
        eventsPerCase: { meritflow: events(meritH) / k, twin: events(twinH) / k },
        perHistory: {
          meritflow: meritH.map((h) => ({ workflowId: h.workflowId, events: h.history.events?.length })),
          twin: twinH.map((h) => ({ workflowId: h.workflowId, events: h.history.events?.length })),
        },
        ...e,
        median: { meritflow: m, twin: t, ratio: m / t, meritflowEventsPerS: median(e.meritEvents), twinEventsPerS: median(e.twinEvents) },
      };
      rows.push({
        id: '(e)',
        measure: `replay (${meritH.length} vs ${twinH.length} histories, ${Math.round(events(meritH) / k)} vs ${Math.round(events(twinH) / k)} events/case)`,
        unit: 'hist/s',
        meritflow: m,
        baseline: t,
        baselineName: 'twin',
        ratio: m / t,
        target: '≥ 0.7×',
        pass: m / t >= 0.7 && e.failures.length === 0,
      });
      rows.push({
        id: '',
        measure: '  same, in history events per second',
        unit: 'events/s',
        meritflow: median(e.meritEvents),
        baseline: median(e.twinEvents),
        baselineName: 'twin',
        ratio: median(e.meritEvents) / median(e.twinEvents),
        target: '-',
        pass: null,
      });

      if (!cfg.skip.has('g')) {
        const g = await archiveBench(ds, client, meritSelections.slice(0, k), meritBundle, codec);
        results.g = g;
        rows.push({
          id: '(g)',
          measure: `replay from the archive vs from Temporal (${g.histories} histories, load + replay)`,
          unit: 'hist/s',
          meritflow: g.median.archive,
          baseline: g.median.temporal,
          baselineName: 'Temporal',
          ratio: g.median.archive / g.median.temporal,
          target: '≥ 1.0×',
          pass: g.median.archive / g.median.temporal >= 1.0 && g.failures.length === 0,
        });
        rows.push({
          id: '',
          measure: `  archive write per closed case (${Math.round(g.write.kbPerCase)} KB gzip of ${Math.round(g.write.rawKbPerCase)} KB)`,
          unit: 'ms/case',
          meritflow: g.write.msPerCase,
          baseline: g.write.fetchMsPerCase,
          baselineName: 'fetch only',
          ratio: g.write.msPerCase / g.write.fetchMsPerCase,
          target: '-',
          pass: null,
        });
      }
    }

    // After (e) and (g), whose whole selections the archive sweep would otherwise take first.
    const sizes = await sizeMeasures(engine);
    Object.assign(results, sizes.results);
    rows.push(...sizes.rows);

    if (!cfg.skip.has('d')) {
      log(`(d) ledger verification: ${cfg.verifyRows} rows in ${cfg.verifyCases} cases (libs/persistence/src/bench)`);
      const d = await verifyBench(ls);
      results.d = { unit: 'rows/s', rows: cfg.verifyRows, cases: cfg.verifyCases, ...d };
      rows.push({
        id: '(d)',
        measure: `ledger verification (${cfg.verifyRows.toLocaleString('en-US')} rows)`,
        unit: 'rows/s',
        meritflow: d.rowsPerS,
        baseline: null,
        baselineName: '',
        ratio: null,
        target: '≥ 300,000',
        pass: d.rowsPerS >= 300_000 && d.tamperDetected,
      });
      rows.push({
        id: '',
        measure: '  profile: the same rows, one-pass reference (SHA-256 of the columns as plain text, lag())',
        unit: 'rows/s',
        meritflow: d.rowsPerS,
        baseline: d.referenceRowsPerS,
        baselineName: 'reference',
        ratio: d.rowsPerS / d.referenceRowsPerS,
        target: '-',
        pass: null,
      });
    }

    if (!cfg.skip.has('h')) {
      const h = await registerImportBench(ds, state.databaseUrl, env.BENCH_REGISTER_PEOPLE, log);
      results.h = h.result;
      rows.push(...h.rows);
    }

    if (!cfg.skip.has('f')) {
      log(`(f) soak/scale: ${cfg.scaleWaves} waves of ${cfg.scale} concurrent open vacancy cases, opened then closed through the API`);
      const f = await scaleRun(ls);
      results.f = f;
      const flat = f.rss;
      const peaks = f.waves.map((w) => w.peakMb.toFixed(0)).join(', ');
      const ratio = f.peaks ? f.peaks.laterMb / f.peaks.earlierMb : null;
      rows.push({
        id: '(f)',
        measure: `worker RSS peak, later vs earlier half of ${f.waves.length} waves of ${cfg.scale} open cases`,
        unit: 'MB',
        meritflow: f.peaks?.laterMb ?? flat.peakMb,
        baseline: f.peaks?.earlierMb ?? null,
        baselineName: 'earlier waves',
        ratio,
        target: 'flat (≤ 1.1×)',
        pass: ratio === null ? null : ratio <= 1.1,
        note: `peaks per wave ${peaks} MB; start ${flat.startMb.toFixed(0)}, end ${flat.endMb.toFixed(0)} MB`,
      });
      rows.push({
        id: '',
        measure: `scale: ${cfg.scale} cases open at once (${f.openConcurrently} seen open in every wave), then closed`,
        unit: 'errors',
        meritflow: f.errors,
        baseline: null,
        baselineName: '',
        ratio: null,
        target: '0 errors',
        pass: f.errors === 0 && f.openConcurrently >= cfg.scale,
        note: `opened ${f.openedPerS.toFixed(1)}/s, closed ${f.closedPerS.toFixed(1)}/s`,
      });
    }

    if (cfg.cluster) {
      // The twin's worker is not needed on the cluster; it stays idle while the cluster measures run.
      const x = await clusterBench(
        ls,
        {
          rounds: cfg.rounds,
          selections: cfg.clusterSelections,
          concurrency: cfg.concurrency,
          scale: cfg.clusterScale,
          scaleConcurrency: cfg.scaleConcurrency,
        },
        async (e) => {
          const x = await roundMeasures(e);
          const y = await sizeMeasures(e);
          return { rows: [...x.rows, ...y.rows], results: { ...x.results, ...y.results } };
        },
      );
      rows.push(...x.rows);
      Object.assign(results, x.results);
    }

    const rssWhole: { worker: RssSummary; twinWorker: RssSummary } = { worker: workerRss.stop(), twinWorker: twinRss.stop() };
    results.rssWholeRun = {
      worker: { ...rssWhole.worker, series: undefined },
      twinWorker: { ...rssWhole.twinWorker, series: undefined },
    };

    const table = printTable();
    const notes = rows.filter((r) => r.note).map((r) => `  ${r.id || '   '} ${r.measure.trim()}: ${r.note}`);
    process.stdout.write(
      `\nmeritflow bench (${info.cpus} × ${info.model}, ${info.memoryGb} GB, node ${info.node}, PostgreSQL ${pgVersion}, ${new Date().toISOString()})\n`,
    );
    process.stdout.write(
      `rounds ${cfg.rounds}, medians; whole run ${secs(t0).toFixed(0)} s\n\n${table}\n${notes.length ? `\n${notes.join('\n')}\n` : ''}`,
    );
    const out = path.join(ROOT, cfg.cluster ? 'bench/results/cluster.json' : 'bench/results/latest.json');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(
      out,
      JSON.stringify(
        { machine: info, settings: { ...cfg, skip: [...cfg.skip] }, durationS: Math.round(secs(t0)), table: rows, results },
        null,
        2,
      ) + '\n',
    );
    process.stdout.write(`\nwritten to ${path.relative(process.cwd(), out)}\n`);
  } finally {
    await stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
