import { randomUUID } from 'node:crypto';
import { temporal } from '@temporalio/proto';
import { assessmentWorkflowId } from '@meritflow/contracts';
import { HR, PPK, eventually, type Stack } from './api-client';
import {
  ASSESSOR,
  OVERSEER,
  asMember,
  committee,
  eligibleProfile,
  makeNip,
  openSelection,
  uploadEvidence,
  waitForStep,
} from './selection-fixtures';
import { enrol } from './register-fixtures';
import { pool } from './pool';

/** Temporal terminates a workflow whose history passes 51,200 events or 50 MB; a case must stay far below both. */
export const TEMPORAL_EVENT_LIMIT = 51_200;
export const TEMPORAL_SIZE_LIMIT_BYTES = 50 * 1024 * 1024;

export interface HistorySize {
  workflowId: string;
  runId: string;
  events: number;
  bytes: number;
  /** Its largest assessment-start event (a child's input lives in its parent's history), 0 if none. */
  assessmentStartBytes: number;
}

export interface LargeSelectionRun {
  selectionId: string;
  candidates: number;
  /** Milliseconds from the start at the end of each stage. */
  timings: Record<'registered' | 'screened' | 'assessed' | 'ranked' | 'closed', number>;
  /** Every run of every workflow of the case (the selection's runs, each child), from the ledger's `cases`. */
  histories: HistorySize[];
  ledgerRows: number;
  /** 503s answered and resent, as a well-behaved client does. */
  retried503: number;
  shortlist: { nip: string }[];
  rankedCount: number;
}

/**
 * A whole open selection of `candidates` candidates through the API (issue 19 item 5): registration
 * 100 at a time, every candidate screened and assessed (8 requests in flight), each member's
 * declarations and score sheet in one decision each, then ranking, recommendation, pick, decree and
 * inauguration. Each decision carries an Idempotency-Key, and a 503 (a passing condition, such as a
 * child not yet started) is resent after a second. Any other refusal throws. Then every history of
 * the case is measured.
 */
export async function runLargeSelection(stack: Stack, candidates: number, nipPrefix = '1972'): Promise<LargeSelectionRun> {
  const t0 = Date.now();
  const timings = {} as LargeSelectionRun['timings'];
  const lap = (name: keyof LargeSelectionRun['timings']) => (timings[name] = Date.now() - t0);
  let retried503 = 0;
  const post = async (path: string, actor: typeof HR, body: Record<string, unknown>) => {
    const headers = { 'idempotency-key': `large-${randomUUID()}` };
    for (let attempt = 1; ; attempt++) {
      const res = await stack.call('POST', path, { actor, body, headers });
      if (res.status === 200) return res.body;
      if (res.status !== 503 || attempt === 5)
        throw new Error(`${String(body.decision)} at ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      retried503++;
      await new Promise((r) => setTimeout(r, 1000));
    }
  };
  const sel = await openSelection(stack);
  const members = committee();
  const chair = asMember(members[0]);
  await post(`${sel.path}/decisions`, PPK, {
    decision: 'form_committee',
    members,
    evidence: [await uploadEvidence(stack, 'sk_pansel', sel.agencyCode)],
  });
  const announcement = await uploadEvidence(stack, 'pengumuman', sel.agencyCode);
  const profiles = Array.from({ length: candidates }, (_, i) =>
    eligibleProfile(`Calon ${i + 1}`, {
      nip: makeNip(
        `${nipPrefix}${String((i % 12) + 1).padStart(2, '0')}${String((Math.floor(i / 12) % 28) + 1).padStart(2, '0')}`,
        '200001',
        ((i % 2) + 1) as 1 | 2,
        (i % 999) + 1,
      ),
    }),
  );
  // In the register before the (short) registration window opens.
  const batches: (typeof profiles)[] = [];
  for (let i = 0; i < profiles.length; i += 100) batches.push(profiles.slice(i, i + 100));
  const entries: Awaited<ReturnType<typeof enrol>>[] = [];
  for (const b of batches) entries.push(await enrol(stack, sel.agencyCode, sel.postCode, b));
  await post(`${sel.path}/decisions`, chair, { decision: 'announce', evidence: [announcement] });
  // At most 100 candidates per register_candidates decision (the API's limit).
  await Promise.all(entries.map((list) => post(`${sel.path}/decisions`, HR, { decision: 'register_candidates', candidates: list })));
  lap('registered');

  await waitForStep(stack, sel.path, 'screening', 120_000);
  await pool(profiles, 8, async (p, i) => {
    await post(`${sel.path}/decisions`, HR, {
      decision: 'screen_candidate',
      nip: p.nip,
      passed: true,
      administrativeScore: 60 + (i % 40),
      reason: 'Berkas lengkap',
      // The assessment centre's assessor for this candidate, as a real selection assigns one.
      assessorIds: [ASSESSOR.id],
    });
  });
  await post(`${sel.path}/decisions`, chair, {
    decision: 'close_screening',
    evidence: [await uploadEvidence(stack, 'ba_seleksi_administrasi', sel.agencyCode)],
  });
  lap('screened');

  await waitForStep(stack, sel.path, 'assessment', 120_000);
  const report = await uploadEvidence(stack, 'laporan_asesor', sel.agencyCode);
  await pool(profiles, 8, async (p, i) => {
    const lvl = 3 + (i % 3);
    await post(`${sel.path}/assessments/${p.nip}/decisions`, ASSESSOR, {
      decision: 'record_assessment',
      achieved: { integritas: lvl, kerjasama: lvl, 'manajemen konstruksi': lvl },
      evidence: [report],
    });
  });
  lap('assessed');

  await waitForStep(stack, sel.path, 'committee_review', 120_000);
  for (const m of members) {
    await post(`${sel.path}/committee-review/decisions`, asMember(m), {
      decision: 'declare_interests',
      declarations: profiles.map((p) => ({ nip: p.nip, conflicted: false })),
    });
  }
  await Promise.all(
    members.map((m, mi) =>
      post(`${sel.path}/committee-review/decisions`, asMember(m), {
        decision: 'score',
        scores: profiles.map((p, i) => ({ nip: p.nip, paper: 50 + ((i * 7 + mi) % 50), interview: 50 + ((i * 11 + mi) % 50) })),
      }),
    ),
  );
  const ranking = await waitForStep(stack, sel.path, 'ranking', 120_000);
  lap('ranked');
  const shortlist: { nip: string }[] = ranking.shortlist[sel.postCode];

  await post(`${sel.path}/decisions`, chair, {
    decision: 'sign_ranking',
    evidence: [await uploadEvidence(stack, 'ba_pemeringkatan', sel.agencyCode)],
  });
  await post(`${sel.path}/decisions`, OVERSEER, {
    decision: 'recommend',
    postCode: sel.postCode,
    recommended: [shortlist[0].nip],
    evidence: [await uploadEvidence(stack, 'rekomendasi_bkn', sel.agencyCode)],
  });
  await post(`${sel.path}/decisions`, PPK, { decision: 'pick', postCode: sel.postCode, nip: shortlist[0].nip });
  await waitForStep(stack, sel.path, 'appointment', 120_000);
  const appt = `${sel.path}/appointments/${sel.postCode}/decisions`;
  await post(appt, HR, {
    decision: 'record_decree',
    decreeNumber: '821.2/777/2026',
    effectiveDate: '2026-12-01',
    evidence: [await uploadEvidence(stack, 'sk', sel.agencyCode)],
  });
  await post(appt, HR, {
    decision: 'record_inauguration',
    inauguratedOn: '2026-12-01',
    evidence: [await uploadEvidence(stack, 'ba_pelantikan', sel.agencyCode)],
  });
  await waitForStep(stack, sel.path, 'closed', 120_000);
  lap('closed');

  const db = await stack.db();
  const ledgerRows = await eventually(async () => {
    const n = Number((await db.query('SELECT count(*)::int AS n FROM decisions WHERE root_workflow_id = $1', [sel.id])).rows[0].n);
    return n >= candidates * 2 ? n : undefined;
  });
  // Every run of every workflow in the case: the selection's runs (continue-as-new) and its children.
  const runs = (await db.query('SELECT workflow_id, run_id FROM cases WHERE root_workflow_id = $1 ORDER BY workflow_id, run_id', [sel.id]))
    .rows as { workflow_id: string; run_id: string }[];
  const client = await stack.temporalClient();
  const histories: HistorySize[] = [];
  await pool(runs, 8, async (r) => {
    const history = await client.workflow.getHandle(r.workflow_id, r.run_id).fetchHistory();
    const size = (e: temporal.api.history.v1.IHistoryEvent) => temporal.api.history.v1.HistoryEvent.encode(e).finish().length;
    const assessmentStarts = (history.events ?? []).filter((e) =>
      e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId?.startsWith(assessmentWorkflowId(sel.id, '')),
    );
    histories.push({
      workflowId: r.workflow_id,
      runId: r.run_id,
      events: history.events?.length ?? 0,
      bytes: temporal.api.history.v1.History.encode(history).finish().length,
      assessmentStartBytes: Math.max(0, ...assessmentStarts.map(size)),
    });
  });
  return {
    selectionId: sel.id,
    candidates,
    timings,
    histories,
    ledgerRows,
    retried503,
    shortlist,
    rankedCount: ranking.ranking[sel.postCode].length,
  };
}

/** The largest history, and the case's totals, of a run of runLargeSelection. */
export function historySummary(run: LargeSelectionRun) {
  const largest = run.histories.reduce((a, b) => (b.events > a.events ? b : a));
  const heaviest = run.histories.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const events = run.histories.reduce((n, h) => n + h.events, 0);
  const bytes = run.histories.reduce((n, h) => n + h.bytes, 0);
  return {
    largest,
    heaviest,
    events,
    bytes,
    selectionRuns: run.histories.filter((h) => h.workflowId === run.selectionId).length,
    assessmentStartBytes: Math.max(0, ...run.histories.map((h) => h.assessmentStartBytes)),
    withinTenth: run.histories.every((h) => h.events < TEMPORAL_EVENT_LIMIT / 10 && h.bytes < TEMPORAL_SIZE_LIMIT_BYTES / 10),
  };
}
