import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { HR, PPK, type Stack } from '../../test/support/api-client';
import { enrol } from '../../test/support/register-fixtures';
import {
  asMember,
  committee,
  eligibleProfile,
  makeNip,
  openSelection,
  uploadEvidence,
  waitForStep,
} from '../../test/support/selection-fixtures';
import type { Row } from './row';
import { percentile, pool } from './stats';

/**
 * A selection in screening with `n` registered candidates, through the API (setup, not timed). The
 * candidates are enrolled in the register before the announcement, so a large case's enrolment does
 * not eat the test SOP's 4-second registration window.
 */
async function selectionInScreening(stack: Stack, n: number, nipBase: number) {
  const sel = await openSelection(stack);
  const profiles = Array.from({ length: n }, (_, i) =>
    eligibleProfile(`Calon ${i + 1}`, {
      nip: makeNip(
        `1976${String(((nipBase + i) % 12) + 1).padStart(2, '0')}${String((Math.floor((nipBase + i) / 12) % 28) + 1).padStart(2, '0')}`,
        '200101',
        ((i % 2) + 1) as 1 | 2,
        (i % 999) + 1,
      ),
    }),
  );
  const candidates: { postCode: string; nip: string }[] = [];
  await pool(
    Array.from({ length: Math.ceil(n / 25) }, (_, k) => profiles.slice(k * 25, k * 25 + 25)),
    4,
    async (chunk) => void candidates.push(...(await enrol(stack, sel.agencyCode, sel.postCode, chunk))),
  );
  const post = async (actor: typeof HR, body: Record<string, unknown>) => {
    const r = await stack.call('POST', `${sel.path}/decisions`, { actor, body });
    if (r.status !== 200) throw new Error(`${String(body.decision)}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  };
  const members = committee();
  await post(PPK, { decision: 'form_committee', members, evidence: [await uploadEvidence(stack, 'sk_pansel', sel.agencyCode)] });
  await post(asMember(members[0]), { decision: 'announce', evidence: [await uploadEvidence(stack, 'pengumuman', sel.agencyCode)] });
  // At most 100 candidates per register_candidates decision (the API's limit).
  for (let i = 0; i < candidates.length; i += 100)
    await post(HR, { decision: 'register_candidates', candidates: candidates.slice(i, i + 100) });
  await waitForStep(stack, sel.path, 'screening', 120_000);
  return { sel, nips: profiles.map((p) => p.nip), post };
}

/**
 * Issue 19 item 5, flat in case size: screen_candidate latency through the API on a selection of
 * `large` candidates against selections of `small`, interleaved decision by decision; then the large
 * selection's history so far, in events and bytes.
 */
export async function caseSizeBench(stack: Stack, client: Client, o: { small: number; large: number; decisions: number }) {
  const smalls = [];
  for (let i = 0; i < Math.ceil(o.decisions / o.small); i++) smalls.push(await selectionInScreening(stack, o.small, 100 + i * o.small));
  const large = await selectionInScreening(stack, o.large, 600);
  const ms = { small: [] as number[], large: [] as number[] };
  // The read the API does after every selection decision (the state query and its view), timed alone.
  const reads = { small: [] as number[], large: [] as number[] };
  const read = async (side: 'small' | 'large', path: string) => {
    const t0 = performance.now();
    const r = await stack.call('GET', path, { actor: HR });
    reads[side].push(performance.now() - t0);
    if (r.status !== 200) throw new Error(`GET (${side}): ${r.status}`);
  };
  const screen = async (side: 'small' | 'large', path: string, nip: string) => {
    const t0 = performance.now();
    const r = await stack.call('POST', `${path}/decisions`, {
      actor: HR,
      body: { decision: 'screen_candidate', nip, passed: true, administrativeScore: 80, reason: 'Berkas lengkap' },
    });
    ms[side].push(performance.now() - t0);
    if (r.status !== 200) throw new Error(`screen_candidate (${side}): ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  };
  for (let i = 0; i < o.decisions; i++) {
    const s = smalls[Math.floor(i / o.small)];
    const sides = [
      async () => (await screen('small', s.sel.path, s.nips[i % o.small]), await read('small', s.sel.path)),
      async () => (await screen('large', large.sel.path, large.nips[i]), await read('large', large.sel.path)),
    ];
    if (i % 2) sides.reverse();
    for (const f of sides) await f();
  }
  const history = await client.workflow.getHandle(large.sel.id).fetchHistory();
  const bytes = temporal.api.history.v1.History.encode(history).finish().length;
  const events = history.events?.length ?? 0;
  const p = (xs: number[], q: number) => percentile(xs, q);
  const result = {
    small: { candidates: o.small, p50: p(ms.small, 50), p99: p(ms.small, 99), n: ms.small.length },
    large: { candidates: o.large, p50: p(ms.large, 50), p99: p(ms.large, 99), n: ms.large.length },
    read: { small: p(reads.small, 50), large: p(reads.large, 50) },
    largeHistory: { workflowId: large.sel.id, events, bytes, decisionsSoFar: 2 + Math.ceil(o.large / 100) + o.decisions },
  };
  const ratio = result.large.p50 / result.small.p50;
  // Temporal's limits: 51,200 events and 50 MB per history; the issue wants every history under a tenth.
  const rows: Row[] = [
    {
      id: '(l)',
      measure: `decision latency p50, ${o.large} candidates vs ${o.small}`,
      unit: 'ms',
      meritflow: result.large.p50,
      baseline: result.small.p50,
      baselineName: `${o.small} candidates`,
      ratio,
      target: '≤ 1.25×',
      pass: ratio <= 1.25,
    },
    {
      id: '',
      measure: `  of which: GET of the state (the query after a decision), p50`,
      unit: 'ms',
      meritflow: result.read.large,
      baseline: result.read.small,
      baselineName: `${o.small} candidates`,
      ratio: result.read.large / result.read.small,
      target: '-',
      pass: null,
    },
    {
      id: '',
      measure: `  ${o.large}-candidate selection after registration and ${o.decisions} screenings: history`,
      unit: 'events',
      meritflow: events,
      baseline: null,
      baselineName: '',
      ratio: null,
      target: '< 5,120 events, < 5 MB',
      pass: events < 5120 && bytes < 5 * 2 ** 20,
      note: `${events} events, ${(bytes / 1024).toFixed(0)} KB (${(bytes / events).toFixed(0)} bytes/event)`,
    },
  ];
  return { rows, result };
}
