import { randomUUID } from 'node:crypto';
import { temporal } from '@temporalio/proto';
import { HR, PPK, Stack, eventually } from '../support/api-client';
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
} from '../support/selection-fixtures';
import { assessmentWorkflowId, committeeReviewWorkflowId } from '@meritflow/contracts';
import { enrol } from '../support/register-fixtures';

/** Temporal terminates a workflow whose history passes 51,200 events or 50 MB; a case must stay far below both. */
const TEMPORAL_EVENT_LIMIT = 51_200;
const TEMPORAL_SIZE_LIMIT_BYTES = 50 * 1024 * 1024;
const CANDIDATES = 200;

const stack = new Stack();
afterAll(() => stack.close());

/** Runs `fn` over items with at most `width` requests in flight. */
async function pool<T>(items: T[], width: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

async function historySize(workflowId: string): Promise<{ events: number; bytes: number }> {
  const history = await (await stack.temporalClient()).workflow.getHandle(workflowId).fetchHistory();
  return { events: history.events!.length, bytes: temporal.api.history.v1.History.encode(history).finish().length };
}

describe('open selection at scale', () => {
  it(`runs a selection with ${CANDIDATES} candidates to the end, every history far below Temporal's event limit`, async () => {
    const t0 = Date.now();
    const timings: Record<string, number> = {};
    const lap = (name: string) => (timings[name] = Date.now() - t0);
    const sel = await openSelection(stack);
    const members = committee();
    // As a well-behaved client: each decision carries an Idempotency-Key, and a 503 (a passing condition,
    // e.g. a child workflow not yet started on a loaded machine) is retried after Retry-After. Never a 409.
    const post = async (path: string, actor: typeof HR, body: Record<string, unknown>) => {
      const headers = { 'idempotency-key': `scale-${randomUUID()}` };
      for (let attempt = 1; ; attempt++) {
        const res = await stack.call('POST', path, { actor, body, headers });
        if (res.status !== 503 || attempt === 5) return res;
        retried503++;
        await new Promise((r) => setTimeout(r, 1000));
      }
    };
    let retried503 = 0;
    expect(
      (
        await post(`${sel.path}/decisions`, PPK, {
          decision: 'form_committee',
          members,
          evidence: [await uploadEvidence(stack, 'sk_pansel', sel.agencyCode)],
        })
      ).status,
    ).toBe(200);
    const announcement = await uploadEvidence(stack, 'pengumuman', sel.agencyCode);

    const profiles = Array.from({ length: CANDIDATES }, (_, i) =>
      eligibleProfile(`Calon ${i + 1}`, {
        nip: makeNip(`1975${String((i % 12) + 1).padStart(2, '0')}15`, '200001', ((i % 2) + 1) as 1 | 2, i + 1),
      }),
    );
    expect((await post(`${sel.path}/decisions`, asMember(members[0]), { decision: 'announce', evidence: [announcement] })).status).toBe(
      200,
    );
    const batches = [profiles.slice(0, 100), profiles.slice(100)];
    const entries = await Promise.all(batches.map((b) => enrol(stack, sel.agencyCode, sel.postCode, b)));
    const registered = await Promise.all(
      entries.map((candidates) => post(`${sel.path}/decisions`, HR, { decision: 'register_candidates', candidates })),
    );
    expect(registered.map((r) => r.status)).toEqual([200, 200]);
    lap('registered');

    await waitForStep(stack, sel.path, 'screening');
    await pool(profiles, 8, async (p, i) => {
      const r = await post(`${sel.path}/decisions`, HR, {
        decision: 'screen_candidate',
        nip: p.nip,
        passed: true,
        administrativeScore: 60 + (i % 40),
        reason: 'Berkas lengkap',
      });
      expect(r.status).toBe(200);
    });
    expect(
      (
        await post(`${sel.path}/decisions`, asMember(members[0]), {
          decision: 'close_screening',
          evidence: [await uploadEvidence(stack, 'ba_seleksi_administrasi', sel.agencyCode)],
        })
      ).status,
    ).toBe(200);
    lap('screened');

    await waitForStep(stack, sel.path, 'assessment');
    const report = await uploadEvidence(stack, 'laporan_asesor', sel.agencyCode);
    await pool(profiles, 8, async (p, i) => {
      const lvl = 3 + (i % 3);
      const r = await post(`${sel.path}/assessments/${p.nip}/decisions`, ASSESSOR, {
        decision: 'record_assessment',
        achieved: { integritas: lvl, kerjasama: lvl, 'manajemen konstruksi': lvl },
        evidence: [report],
      });
      expect(r.status).toBe(200);
    });
    lap('assessed');

    await waitForStep(stack, sel.path, 'committee_review', 60_000);
    for (const m of members) {
      const r = await post(`${sel.path}/committee-review/decisions`, asMember(m), {
        decision: 'declare_interests',
        declarations: profiles.map((p) => ({ nip: p.nip, conflicted: false })),
      });
      expect(r.status).toBe(200);
    }
    await Promise.all(
      members.map(async (m, mi) => {
        const r = await post(`${sel.path}/committee-review/decisions`, asMember(m), {
          decision: 'score',
          scores: profiles.map((p, i) => ({ nip: p.nip, paper: 50 + ((i * 7 + mi) % 50), interview: 50 + ((i * 11 + mi) % 50) })),
        });
        expect(r.status).toBe(200);
      }),
    );
    const ranking = await waitForStep(stack, sel.path, 'ranking', 60_000);
    lap('ranked');
    expect(ranking.ranking[sel.postCode]).toHaveLength(CANDIDATES);
    const shortlist = ranking.shortlist[sel.postCode];
    expect(shortlist).toHaveLength(3);

    expect(
      (
        await post(`${sel.path}/decisions`, asMember(members[0]), {
          decision: 'sign_ranking',
          evidence: [await uploadEvidence(stack, 'ba_pemeringkatan', sel.agencyCode)],
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await post(`${sel.path}/decisions`, OVERSEER, {
          decision: 'recommend',
          postCode: sel.postCode,
          recommended: [shortlist[0].nip],
          evidence: [await uploadEvidence(stack, 'rekomendasi_bkn', sel.agencyCode)],
        })
      ).status,
    ).toBe(200);
    expect((await post(`${sel.path}/decisions`, PPK, { decision: 'pick', postCode: sel.postCode, nip: shortlist[0].nip })).status).toBe(
      200,
    );
    await waitForStep(stack, sel.path, 'appointment');
    const appt = `${sel.path}/appointments/${sel.postCode}/decisions`;
    expect(
      (
        await post(appt, HR, {
          decision: 'record_decree',
          decreeNumber: '821.2/777/2026',
          effectiveDate: '2026-12-01',
          evidence: [await uploadEvidence(stack, 'sk', sel.agencyCode)],
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await post(appt, HR, {
          decision: 'record_inauguration',
          inauguratedOn: '2026-12-01',
          evidence: [await uploadEvidence(stack, 'ba_pelantikan', sel.agencyCode)],
        })
      ).status,
    ).toBe(200);
    await waitForStep(stack, sel.path, 'closed');
    lap('closed');

    const sizes = {
      selection: await historySize(sel.id),
      committeeReview: await historySize(committeeReviewWorkflowId(sel.id)),
      oneAssessment: await historySize(assessmentWorkflowId(sel.id, profiles[0].nip)),
    };
    const rows = await eventually(async () => {
      const n = Number(
        (await (await stack.db()).query('SELECT count(*)::int AS n FROM decisions WHERE root_workflow_id = $1', [sel.id])).rows[0].n,
      );
      return n >= CANDIDATES * 2 ? n : undefined;
    });
    console.info(
      `[scale] ${CANDIDATES} candidates: histories ${JSON.stringify(sizes)} (limits ${TEMPORAL_EVENT_LIMIT} events, ${TEMPORAL_SIZE_LIMIT_BYTES} bytes); ledger rows ${rows}; 503s retried ${retried503}; ms since start ${JSON.stringify(timings)}`,
    );
    for (const { events, bytes } of Object.values(sizes)) {
      expect(events).toBeLessThan(TEMPORAL_EVENT_LIMIT / 10);
      expect(bytes).toBeLessThan(TEMPORAL_SIZE_LIMIT_BYTES / 10);
    }
  }, 600_000);
});
