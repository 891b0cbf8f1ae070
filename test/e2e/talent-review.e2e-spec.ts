import type { Actor } from '@meritflow/domain';
import { HR, PPK, Stack } from '../support/api-client';
import { pdfText } from '../support/pdf-text';
import { TPK_CHAIR, evidence, region } from '../support/move-fixtures';
import { hrOf, newAgency } from '../support/register-fixtures';
import { agencyWithOfficials, CHAIR, MEMBER, openReview } from '../support/talent-fixtures';

const stack = new Stack();
afterAll(() => stack.close());

/** A file the API serves (PDF, CSV), as bytes; anything but 200 fails the test. */
async function download(path: string, opts: { actor: Actor }): Promise<Buffer> {
  const res = await fetch(`${stack.state.apiUrl}${path}`, { headers: await stack.authHeaders(opts.actor, path) });
  expect([path, res.status]).toEqual([path, 200]);
  return Buffer.from(await res.arrayBuffer());
}

const decide = (path: string, actor: Actor, agency: string, body: Record<string, unknown>) =>
  stack.call('POST', `${path}/decisions`, { actor: { ...actor, agency } as Actor, body });

describe('talent review of an agency and period', () => {
  let org: Awaited<ReturnType<typeof agencyWithOfficials>>;
  let review: Awaited<ReturnType<typeof openReview>>;

  beforeAll(async () => {
    org = await agencyWithOfficials(stack);
    review = await openReview(stack, org.agency);
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

    // The decree, judged as of its TMT inside the pool's validity, and the dossier naming the review.
    const promoted = `/v1/moves/${inPool.body.workflowId}`;
    const decree = await decide(promoted, HR, org.agency, {
      decision: 'record_decree',
      decreeNumber: '821.2/7/2026',
      effectiveDate: '2027-02-01',
      evidence: await evidence(stack, 'sk', org.agency),
    });
    expect(decree.status).toBe(200);
    const pdf = await download(`/v1/cases/${inPool.body.workflowId}/dossier.pdf`, { actor: hrOf(org.agency) });
    expect((await pdfText(pdf)).text).toContain(`Reviu talenta asal penempatan: ${review.id} (periode 2026`);
  });

  it('gives the approved review a dossier, a consistent replay, an export and SOP conformance like every case', async () => {
    const auditor = { id: 'auditor-01', role: 'auditor' } as Actor;
    const id = encodeURIComponent(review.id);
    const dossier = await stack.call('GET', `/v1/cases/${id}/dossier.json`, { actor: auditor });
    expect(dossier.status).toBe(200);
    expect(dossier.body.decisions.map((d: any) => d.decision)).toEqual([
      'open_review',
      'placements_computed',
      'adjust_placement',
      'adjust_placement',
      'approve_pool',
    ]);
    const pdf = await pdfText(await download(`/v1/cases/${id}/dossier.pdf`, { actor: auditor }));
    expect(pdf.text).toContain('Penyesuaian pemetaan oleh komite talenta');
    const replay = await stack.call('GET', `/v1/cases/${id}/replay`, { actor: auditor });
    expect([replay.status, replay.body.verdict]).toEqual([200, 'consistent']);
    const exported = await stack.call('GET', `/v1/cases/${id}/export`, { actor: auditor });
    expect(exported.body.histories.map((h: any) => h.workflowType)).toEqual(['talentReviewWorkflow']);
    const conformance = await stack.call('GET', `/v1/cases/${id}/conformance`, { actor: auditor });
    expect([conformance.body.conforms, conformance.body.violations, conformance.body.sop.id]).toEqual([true, [], 'talent-review']);
  });

  it('reports the talent-management figures per agency and period as JSON, CSV and PDF', async () => {
    const url = (q: string) => `/v1/reports/talent-management?from=2026-01-01&to=2027-01-01${q}`;
    const json = await stack.call('GET', url(''), { actor: hrOf(org.agency) });
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({
      agencyCode: org.agency,
      postsFilled: { openSelection: 0, talentPool: 1, mutationOrRotation: 0, total: 1 },
      reviews: { approved: 1 },
      assessment: { officials: 4, assessed: 3, assessedPercent: 75, withinYears: 3 },
      sanctions: { imposedInPeriod: { light: 0, medium: 0, heavy: 1 }, inForceOnLastDay: 1, barredFromTalentPoolOnLastDay: 1 },
      // The pool is valid from 2027: on 31 Dec 2026 no critical post has a successor from it.
      criticalPosts: { total: 1, covered: 0 },
    });
    const next = await stack.call('GET', '/v1/reports/talent-management?from=2027-01-01&to=2028-01-01', { actor: hrOf(org.agency) });
    // Andi fits KADIS-PUPR at 100 %, Citra at 75 % (below cukup optimal).
    expect(next.body.criticalPosts).toEqual({
      total: 1,
      covered: 1,
      coveragePercent: 100,
      posts: [{ code: 'KADIS-PUPR', title: 'Kepala Dinas PUPR', successors: 2, ready: 1 }],
    });
    expect(next.body.reviews).toMatchObject({ poolInForceOnLastDay: review.id, poolMembers: 2 });

    const overseer = { id: 'bkn-pengawas-01', role: 'overseer' } as Actor;
    const national = await stack.call('GET', url(`&agencyCode=${org.agency}`), { actor: overseer });
    expect(national.body).toEqual(json.body);
    expect((await stack.call('GET', url(''), { actor: overseer })).status).toBe(400);
    expect((await stack.call('GET', url(`&agencyCode=${org.agency}`), { actor: hrOf(newAgency()) })).status).toBe(403);

    const csv = (await download(url('&format=csv'), { actor: hrOf(org.agency) })).toString('utf8');
    expect(csv.split('\r\n')).toEqual(
      expect.arrayContaining(['jabatan_diisi_kelompok_rencana_suksesi,1', 'hukuman_disiplin_heavy_dijatuhkan,1']),
    );
    const pdf = await pdfText(await download(url('&format=pdf'), { actor: hrOf(org.agency) }));
    expect(pdf.text).toContain('LAPORAN MANAJEMEN TALENTA');
    expect(pdf.text).toContain('Dari kelompok rencana suksesi (jalur talenta): 1');
    expect(pdf.text).toContain('Hukuman berat dijatuhkan: 1');
  });
});
