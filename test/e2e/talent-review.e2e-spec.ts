import type { Actor } from '@meritflow/domain';
import { PPK, Stack, eventually } from '../support/api-client';
import { TPK_CHAIR, evidence, region } from '../support/move-fixtures';
import { administratorHistory, hrOf, newAgency, registerOfficial } from '../support/register-fixtures';
import { registerReference } from '../support/register-reference-fixtures';

const stack = new Stack();
afterAll(() => stack.close());

const CHAIR: Actor = { id: 'komite-talenta-ketua', role: 'committee_chair', name: 'Ketua Komite Talenta' };
const MEMBER: Actor = { id: 'komite-talenta-anggota', role: 'committee_member', name: 'Anggota Komite Talenta' };

const assessment = (levels: Record<string, number>, jpmPercent?: number) => ({
  type: 'competency_assessed',
  payload: {
    assessedOn: '2026-05-20',
    method: 'assessment_center',
    assessor: 'UPT Penilaian Kompetensi',
    levels,
    ...(jpmPercent ? { jpmPercent } : {}),
  },
});
const strong = () => [
  ...administratorHistory(),
  { type: 'performance_rated', payload: { year: 2023, predicate: 'sangat_baik' } },
  assessment({ integritas: 5, kerjasama: 5, 'manajemen konstruksi': 4 }, 95),
];

/** One agency, its reference data with KADIS-PUPR critical, and four officials. */
async function agencyWithOfficials() {
  const agency = newAgency();
  await registerReference(stack, agency);
  const critical = await stack.call('PUT', '/v1/register/posts/KADIS-PUPR', {
    actor: hrOf(agency),
    body: {
      title: 'Kepala Dinas PUPR',
      postType: 'jpt_pratama',
      unitCode: 'DINAS-PUPR',
      competencyStandard: [
        { type: 'managerial', name: 'integritas', level: 4 },
        { type: 'managerial', name: 'kerjasama', level: 4 },
        { type: 'technical', name: 'manajemen konstruksi', level: 4 },
      ],
      critical: true,
      reason: 'Jabatan kritikal menurut rencana suksesi 2026',
    },
  });
  expect(critical.status).toBe(200);
  const a = await registerOfficial(stack, { agencyCode: agency, name: 'Andi Talenta', events: strong() });
  const b = await registerOfficial(stack, {
    agencyCode: agency,
    name: 'Budi Berhukuman',
    events: [
      ...strong(),
      {
        type: 'sanction_recorded',
        payload: {
          level: 'heavy',
          sanction: 'penurunan_jabatan_12_bulan',
          imposedOn: '2026-01-05',
          endsOn: '2027-01-04',
          decreeNumber: 'SK-HD-1',
        },
      },
    ],
  });
  const c = await registerOfficial(stack, {
    agencyCode: agency,
    name: 'Citra Menengah',
    events: [...administratorHistory(), assessment({ integritas: 3, kerjasama: 3, 'manajemen konstruksi': 3 })],
  });
  const d = await registerOfficial(stack, { agencyCode: agency, name: 'Dedi Belum Diuji', events: administratorHistory() });
  for (const r of [a, b, c, d]) expect(r.res.status).toBe(201);
  return { agency, a: a.nip, b: b.nip, c: c.nip, d: d.nip };
}

async function openReview(agency: string, period = '2026') {
  const res = await stack.call('POST', '/v1/talent-reviews', {
    actor: hrOf(agency),
    body: { period, asOf: '2026-12-01', validFrom: '2027-01-01', validTo: '2027-12-31', reason: 'Reviu talenta tahunan' },
  });
  expect(res.status).toBe(201);
  const path = `/v1/talent-reviews/${res.body.workflowId}`;
  const state = await eventually(async () => {
    const s = (await stack.call('GET', path, { actor: hrOf(agency) })).body;
    return s.placements && s.recordedCount === s.decisionCount ? s : undefined;
  });
  return { id: res.body.workflowId as string, path, state };
}

const decide = (path: string, actor: Actor, agency: string, body: Record<string, unknown>) =>
  stack.call('POST', `${path}/decisions`, { actor: { ...actor, agency } as Actor, body });

describe('talent review of an agency and period', () => {
  let org: Awaited<ReturnType<typeof agencyWithOfficials>>;
  let review: Awaited<ReturnType<typeof openReview>>;

  beforeAll(async () => {
    org = await agencyWithOfficials();
    review = await openReview(org.agency);
  });

  it('places every eligible official in the 9-box from the register, stores the axis levels with their inputs, and proposes the pool', async () => {
    const s = review.state;
    const byNip = Object.fromEntries(s.placements.map((p: any) => [p.nip, p]));
    expect(byNip[org.a].placement).toEqual({ performance: 'above', potential: 'high', box: 9 });
    expect(byNip[org.a].inputs).toMatchObject({ performanceMain: 85, competency: 95, qualification: 90, integrity: 100 });
    expect(byNip[org.a].sources.ratings.map((r: any) => r.year)).toEqual([2025, 2024, 2023]);
    expect(byNip[org.b].inputs.integrity).toBe(20);
    expect(byNip[org.b].sanctionCheck).toMatchObject({ rule: 'talentPoolSanction', passed: false });
    expect(byNip[org.c].placement).toEqual({ performance: 'above', potential: 'medium', box: 6 });
    expect(s.exclusions).toEqual([expect.objectContaining({ nip: org.d, reason: 'not_assessed' })]);
    const pool = Object.fromEntries(s.pool.map((o: any) => [o.nip, [o.inPool, o.notInPool]]));
    expect(pool).toEqual({ [org.a]: [true, null], [org.b]: [false, 'sanction'], [org.c]: [false, 'box'] });
    // Budi's heavy sanction takes 15 % of the potential axis to 20: 82.33, medium.
    expect(byNip[org.b].placement).toEqual({ performance: 'above', potential: 'medium', box: 6 });
    expect(s.grid.find((g: any) => g.box === 9)).toMatchObject({ count: 1, people: [{ nip: org.a, name: 'Andi Talenta', inPool: true }] });
    expect(s.grid.find((g: any) => g.box === 6)).toMatchObject({ count: 2 });
    expect(s.grid.reduce((n: number, g: any) => n + g.count, 0)).toBe(3);
    const computed = s.decisions.find((d: any) => d.decision === 'placements_computed');
    expect(computed.payload).toMatchObject({ placed: 3, proposedPool: 1, notPlaced: [{ nip: org.d, reason: 'not_assessed' }] });
    expect(computed.ruleVersion).toBe('talent-review@2026-01-01');
    expect(s.settingsVersion).toBe('talent-review@2026-01-01');
  });

  it('refuses an adjustment without a reason or of someone not placed, recording nothing; records one with a reason', async () => {
    const before = (await stack.call('GET', review.path, { actor: hrOf(org.agency) })).body.decisionCount;
    const noReason = await decide(review.path, MEMBER, org.agency, {
      decision: 'adjust_placement',
      nip: org.c,
      performance: 'meets',
      potential: 'high',
    });
    expect(noReason.status).toBe(400);
    const notPlaced = await decide(review.path, MEMBER, org.agency, {
      decision: 'adjust_placement',
      nip: org.d,
      performance: 'above',
      potential: 'high',
      reason: 'Dinilai layak',
    });
    expect(notPlaced.status).toBe(400);
    expect(JSON.stringify(notPlaced.body)).toContain('nip');
    expect((await stack.call('GET', review.path, { actor: hrOf(org.agency) })).body.decisionCount).toBe(before);

    const adjusted = await decide(review.path, MEMBER, org.agency, {
      decision: 'adjust_placement',
      nip: org.c,
      performance: 'meets',
      potential: 'high',
      reason: 'Hasil uji kompetensi ulang 2026 menunjukkan potensi tinggi',
      evidence: await evidence(stack, 'ba_komite_talenta', org.agency),
    });
    expect(adjusted.status).toBe(200);
    const s = (await stack.call('GET', review.path, { actor: hrOf(org.agency) })).body;
    expect(s.pool.find((o: any) => o.nip === org.c)).toMatchObject({ inPool: true, adjusted: true, placement: { box: 8 } });
    const row = s.decisions.find((d: any) => d.decision === 'adjust_placement');
    expect(row).toMatchObject({
      reason: 'Hasil uji kompetensi ulang 2026 menunjukkan potensi tinggi',
      payload: { nip: org.c, before: { box: 6 }, after: { box: 8 }, inPool: true },
    });
    // The committee cannot lift the sanction bar.
    await decide(review.path, MEMBER, org.agency, {
      decision: 'adjust_placement',
      nip: org.b,
      performance: 'above',
      potential: 'high',
      reason: 'Diusulkan',
    });
    const b = (await stack.call('GET', review.path, { actor: hrOf(org.agency) })).body.pool.find((o: any) => o.nip === org.b);
    expect(b).toMatchObject({ inPool: false, notInPool: 'sanction' });
  });

  it('ranks the pool per critical post by job fit against the post’s standard', async () => {
    const res = await stack.call('GET', `${review.path}/succession`, { actor: hrOf(org.agency) });
    expect(res.status).toBe(200);
    expect(res.body.posts.map((p: any) => p.code)).toEqual(['KADIS-PUPR']);
    const list = res.body.posts[0].candidates;
    // Andi: 4/4/4 of 4/4/4 → 100 %; Citra: 3/3/3 → 75 %, with three gaps.
    expect(list.map((c: any) => [c.rank, c.nip, c.jpmPercent])).toEqual([
      [1, org.a, 100],
      [2, org.c, 75],
    ]);
    expect(list[1].gaps.map((g: any) => g.name)).toEqual(['integritas', 'kerjasama', 'manajemen konstruksi']);
  });

  it('answers another agency like a missing review, and refuses bad input naming the field', async () => {
    const other = newAgency();
    expect((await stack.call('GET', review.path, { actor: hrOf(other) })).status).toBe(404);
    expect((await stack.call('GET', `${review.path}/succession`, { actor: hrOf(other) })).status).toBe(404);
    expect((await decide(review.path, CHAIR, other, { decision: 'approve_pool' })).status).toBe(404);
    const bad = await stack.call('POST', '/v1/talent-reviews', {
      actor: hrOf(other),
      body: { period: '2026', validFrom: '2027-12-31', validTo: '2027-01-01' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.map((f: any) => f.field)).toEqual(['validTo']);
    expect((await stack.call('GET', `/v1/talent-reviews/talent-review:${other}:2026`, { actor: hrOf(other) })).status).toBe(404);
  });

  it('approves the pool with its validity, and the talent route then requires membership on the effective date', async () => {
    const approved = await decide(review.path, CHAIR, org.agency, { decision: 'approve_pool', reason: 'Disetujui komite talenta' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ step: 'approved', approved: { by: CHAIR.id, members: 2 } });
    const row = approved.body.decisions ?? (await stack.call('GET', review.path, { actor: hrOf(org.agency) })).body.decisions;
    expect(row.find((d: any) => d.decision === 'approve_pool').payload).toMatchObject({ validFrom: '2027-01-01', validTo: '2027-12-31' });

    const reg = await region(stack);
    const merit = await stack.call('PUT', `/v1/reference/agency-merit/${org.agency}`, {
      actor: hrOf(org.agency),
      body: { regionCode: reg, scheme: 'kasn_400', score: 352, assessedOn: '2026-03-01', reason: 'Hasil penilaian sistem merit 2026' },
    });
    expect(merit.status).toBe(200);
    const propose = (nip: string) =>
      stack.call('POST', '/v1/moves', {
        actor: hrOf(org.agency),
        body: {
          kind: 'talent_promotion',
          scope: 'intra_agency',
          atOwnRequest: false,
          person: { nip },
          from: {
            agencyCode: org.agency,
            regionCode: reg,
            positionCode: 'KABID-2',
            positionClass: 'administrator',
            level: 'administrator',
          },
          to: { agencyCode: org.agency, regionCode: reg, positionCode: 'KADIS-PUPR', positionClass: 'jpt_pratama', level: 'jpt_pratama' },
          talent: { performanceMain: 95, performanceSupporting: 92, competency: 93, potential: 90, qualification: 95, integrity: 97 },
          intendedEffectiveDate: '2027-02-01',
          reason: 'Pengisian dari kelompok rencana suksesi',
        },
      });
    const inPool = await propose(org.a);
    const outside = await propose(org.d);
    expect([inPool.status, outside.status]).toEqual([201, 201]);

    const judged = async (workflowId: string) => {
      const path = `/v1/moves/${workflowId}`;
      await decide(path, TPK_CHAIR, org.agency, {
        decision: 'talent_committee_review',
        reason: 'Dibahas komite talenta',
        evidence: await evidence(stack, 'ba_komite_talenta', org.agency),
      });
      return decide(path, PPK, org.agency, { decision: 'approve' });
    };
    const allowed = await judged(inPool.body.workflowId);
    expect(allowed.status).toBe(200);
    const verdict = allowed.body.evaluation.verdicts.find((v: any) => v.rule === 'talentPoolMembership');
    expect(verdict).toMatchObject({ passed: true, ruleVersion: 'talent-pool-membership@2027-01-01' });
    expect(verdict.fact).toContain(review.id);
    expect(allowed.body.evaluation.facts.talentPool).toMatchObject({ reviewId: review.id, period: '2026', placement: { box: 9 } });

    const refused = await judged(outside.body.workflowId);
    expect(refused.status).toBe(422);
    expect(refused.body.details.blocking.map((v: any) => v.rule)).toEqual(['talentPoolMembership']);
  });
});
