import { wibDate } from '@meritflow/domain';
import { HR, PPK, Stack, eventually, uniqueCode, vacancyProposal, type TestActor } from '../support/api-client';
import { asMember, committee, eligibleProfile, openSelection, uploadEvidence, waitForStep } from '../support/selection-fixtures';
import { enrol } from '../support/register-fixtures';

/** The API the console's lists, inbox and case pages read (issue 18), on the real stack. */
const stack = new Stack();
afterAll(() => stack.close());

const hrOf = (agency: string): TestActor => ({ ...HR, agency });
const DAY_MS = 24 * 60 * 60 * 1000;
const dayFromToday = (n: number) => wibDate(new Date(Date.now() + n * DAY_MS));

async function approvedVacancy(agencyCode: string, over: Record<string, unknown> = {}) {
  const proposal = vacancyProposal({ agencyCode, ...over });
  const v = await stack.call('POST', '/v1/vacancies', { body: proposal });
  expect(v.status).toBe(201);
  const approved = await stack.call('POST', `/v1/vacancies/${v.body.workflowId}/decisions`, {
    actor: PPK,
    body: { decision: 'approve', fillingMethod: 'open_selection' },
  });
  expect(approved.status).toBe(200);
  return { id: v.body.workflowId as string, proposal };
}

describe('the case list', () => {
  const agency = uniqueCode('PEMKAB');
  const titles = ['Kepala Dinas Kesehatan', 'Kepala Badan Keuangan', 'Kepala Dinas Pendidikan'];
  const ids: string[] = [];
  const list = async (query: string) => stack.call('GET', `/v1/cases?agencyCode=${agency}&${query}`, { actor: hrOf(agency) });

  beforeAll(async () => {
    for (const title of titles) {
      const v = await stack.call('POST', '/v1/vacancies', { body: vacancyProposal({ agencyCode: agency, title }) });
      expect(v.status).toBe(201);
      ids.push(v.body.workflowId);
    }
    await eventually(async () => (await list('pageSize=10')).body.total === 3, 30_000, 'three cases listed');
  });

  it('searches, sorts and pages on the server', async () => {
    const found = await list(`q=${encodeURIComponent('badan keu')}`);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ total: 1, page: 1, pageSize: 25 });
    expect(found.body.items.map((c: { workflowId: string }) => c.workflowId)).toEqual([ids[1]]);
    // The subject (position code) and the case id are searched too.
    const byCode = await list(`q=${ids[2].split(':')[2].toLowerCase()}`);
    expect(byCode.body.items.map((c: { workflowId: string }) => c.workflowId)).toEqual([ids[2]]);

    const first = await list('sort=title:asc&page=1&pageSize=2');
    expect(first.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.body.items.map((c: { title: string }) => c.title)).toEqual(['Kepala Badan Keuangan', 'Kepala Dinas Kesehatan']);
    const second = await list('sort=title:asc&page=2&pageSize=2');
    expect(second.body.items.map((c: { title: string }) => c.title)).toEqual(['Kepala Dinas Pendidikan']);
    const newest = await list('sort=createdAt:desc&pageSize=1');
    expect(newest.body.items[0].workflowId).toBe(ids[2]);
  });

  it('filters by type, step, status and opening period, and keeps the older parameters working', async () => {
    const today = wibDate(new Date());
    expect((await list(`caseType=vacancy&step=awaiting_ppk_decision&status=proposed&from=${today}&to=${today}`)).body.total).toBe(3);
    expect((await list('caseType=open-selection')).body.total).toBe(0);
    expect((await list('from=2030-01-01')).body.total).toBe(0);
    const legacy = await list('type=vacancy&stage=awaiting_ppk_decision&limit=2&offset=2');
    expect(legacy.body).toMatchObject({ total: 3, limit: 2, offset: 2, page: 2, pageSize: 2 });
    expect(legacy.body.items).toHaveLength(1);
  });

  it.each([
    ['an unknown sort field', 'sort=password:asc', 'sort'],
    ['a page size over the cap', 'pageSize=101', 'pageSize'],
    ['a period ending before it starts', 'from=2026-12-10&to=2026-12-01', 'to'],
    ['an unknown step', 'step=nowhere', 'step'],
    ['a page of zero', 'page=0', 'page'],
  ])('refuses %s with a 400 naming the parameter, said without its name', async (_label, query, field) => {
    const res = await list(query);
    expect([res.status, res.body.code, res.body.field]).toEqual([400, 'VALIDATION_FAILED', field]);
    expect(res.body.details.fields.map((f: { field: string }) => f.field)).toEqual([field]);
    for (const text of [res.body.messages.id, res.body.messages.en]) expect(text).not.toMatch(new RegExp(`\\b${field}\\b`));
  });
});

describe('the inbox', () => {
  it('gives HR the task to open the selection of an approved vacancy until one is opened, and counts it', async () => {
    const agency = uniqueCode('PEMKAB');
    const vacancy = await approvedVacancy(agency);
    const hr = hrOf(agency);
    const task = await eventually(async () => {
      const inbox = await stack.call('GET', '/v1/inbox', { actor: hr });
      return inbox.body.tasks.find((t: { caseId: string }) => t.caseId === vacancy.id);
    });
    expect(task).toMatchObject({
      role: 'hr_officer',
      decision: 'open_selection',
      startsCaseType: 'open-selection',
      options: ['open_selection', 'close'],
      caseType: 'vacancy',
    });
    const counts = await stack.call('GET', '/v1/inbox/counts', { actor: hr });
    expect(counts.status).toBe(200);
    expect(counts.body).toMatchObject({
      total: 1,
      overdue: 0,
      byCaseType: { vacancy: { total: 1, overdue: 0 }, move: { total: 0, overdue: 0 } },
    });
    // The PPK, who already acted, has nothing on it.
    expect((await stack.call('GET', '/v1/inbox/counts', { actor: { ...PPK, agency } })).body.byCaseType.vacancy.total).toBe(0);

    const opened = await stack.call('POST', '/v1/selections', {
      actor: hr,
      body: {
        agencyCode: agency,
        selectionCode: uniqueCode('SELTER'),
        title: 'Seleksi JPT',
        vacancyIds: [vacancy.id],
        sopVersion: '1.0.0-test.fast',
      },
    });
    expect(opened.status).toBe(201);
    await eventually(async () => {
      const inbox = await stack.call('GET', '/v1/inbox', { actor: hr });
      return !inbox.body.tasks.some((t: { caseId: string }) => t.caseId === vacancy.id);
    });
  });
});

describe('the selection page', () => {
  it('sets the registration dates at the announcement, refusing a bad window by field in both languages', async () => {
    const sel = await openSelection(stack);
    const members = committee();
    const chair = asMember(members[0]);
    const formed = await stack.call('POST', `${sel.path}/decisions`, {
      actor: PPK,
      body: { decision: 'form_committee', members, evidence: [await uploadEvidence(stack, 'sk_pansel', sel.agencyCode)] },
    });
    expect(formed.status).toBe(200);
    const evidence = [await uploadEvidence(stack, 'pengumuman', sel.agencyCode)];
    const announce = (window: Record<string, string>) =>
      stack.call('POST', `${sel.path}/decisions`, { actor: chair, body: { decision: 'announce', evidence, ...window } });

    const past = await announce({ registrationOpensOn: dayFromToday(-2), registrationClosesOn: dayFromToday(10) });
    expect([past.status, past.body.field]).toEqual([400, 'registrationOpensOn']);
    expect(past.body.messages.id).toContain('Tanggal pembukaan pendaftaran');
    expect(past.body.messages.en).toContain('Registration opening date');
    expect(`${past.body.messages.id} ${past.body.messages.en}`).not.toContain('registrationOpensOn');
    const backwards = await announce({ registrationOpensOn: dayFromToday(5), registrationClosesOn: dayFromToday(3) });
    expect([backwards.status, backwards.body.field]).toEqual([400, 'registrationClosesOn']);
    const half = await announce({ registrationOpensOn: dayFromToday(1) });
    expect([half.status, half.body.field]).toEqual([400, 'registrationClosesOn']);

    const window = { registrationOpensOn: dayFromToday(1), registrationClosesOn: dayFromToday(15) };
    const ok = await announce(window);
    expect([ok.status, ok.body.step]).toEqual([200, 'registration']);
    const state = await eventually(async () => {
      const r = await stack.call('GET', sel.path);
      return r.body.deadline?.step === 'registration' ? r.body : undefined;
    });
    expect(state.registrationWindow).toEqual({ opensOn: window.registrationOpensOn, closesOn: window.registrationClosesOn });
    expect(state.deadline.dueAt).toBe(new Date(Date.parse(`${window.registrationClosesOn}T00:00:00+07:00`) + DAY_MS).toISOString());
    const row = state.decisions.find((d: { decision: string }) => d.decision === 'announce');
    expect(row.payload).toEqual({ registrationWindow: { opensOn: window.registrationOpensOn, closesOn: window.registrationClosesOn } });

    const entries = await enrol(stack, sel.agencyCode, sel.postCode, [eligibleProfile('Andi Wijaya')]);
    const early = await stack.call('POST', `${sel.path}/decisions`, { body: { decision: 'register_candidates', candidates: entries } });
    expect([early.status, early.body.field, early.body.details.fields[0].rule]).toEqual([400, 'candidates', 'registrationNotOpen']);
  });

  it("sends an ineligible candidate's reasons in both languages, and counts the quorum over every member not conflicted", async () => {
    const sel = await openSelection(stack);
    const members = committee();
    const candidates = ['Andi Wijaya', 'Budi Hartono', 'Citra Lestari', 'Dewi Anggraini'].map((n) => eligibleProfile(n));
    const ineligible = eligibleProfile('Eko Prasetyo', { golongan: 'III/d' });
    const entries = await enrol(stack, sel.agencyCode, sel.postCode, [...candidates, ineligible]);
    const post = (path: string, actor: TestActor, body: Record<string, unknown>) => stack.call('POST', path, { actor, body });
    expect(
      (
        await post(`${sel.path}/decisions`, PPK, {
          decision: 'form_committee',
          members,
          evidence: [await uploadEvidence(stack, 'sk_pansel', sel.agencyCode)],
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await post(`${sel.path}/decisions`, asMember(members[0]), {
          decision: 'announce',
          evidence: [await uploadEvidence(stack, 'pengumuman', sel.agencyCode)],
        })
      ).status,
    ).toBe(200);
    const registered = await post(`${sel.path}/decisions`, HR, { decision: 'register_candidates', candidates: entries });
    expect(registered.status).toBe(200);

    const view = (await stack.call('GET', sel.path)).body.candidates.find((c: { nip: string }) => c.nip === ineligible.nip);
    expect(view.eligibility.eligible).toBe(false);
    const rank = view.eligibility.messages.find((m: { rule: string }) => m.rule === 'rank');
    expect(rank).toEqual({ rule: 'rank', id: expect.any(String), en: expect.any(String) });
    expect(rank.id).not.toBe(rank.en);
    expect(rank.en).toMatch(/IV\/b/);

    await waitForStep(stack, sel.path, 'screening');
    for (const c of candidates) {
      const r = await post(`${sel.path}/decisions`, HR, {
        decision: 'screen_candidate',
        nip: c.nip,
        passed: true,
        administrativeScore: 85,
        reason: 'Berkas lengkap',
      });
      expect(r.status).toBe(200);
    }
    const ba = await uploadEvidence(stack, 'ba_seleksi_administrasi', sel.agencyCode);
    expect((await post(`${sel.path}/decisions`, asMember(members[0]), { decision: 'close_screening', evidence: [ba] })).status).toBe(200);
    await waitForStep(stack, sel.path, 'assessment');
    const ASSESSOR: TestActor = { id: 'asesor-01', role: 'assessor', name: 'Asesor' };
    for (const c of candidates) {
      const report = await uploadEvidence(stack, 'laporan_asesor', sel.agencyCode);
      const r = await post(`${sel.path}/assessments/${c.nip}/decisions`, ASSESSOR, {
        decision: 'record_assessment',
        achieved: { integritas: 4, kerjasama: 4, 'manajemen konstruksi': 4 },
        evidence: [report],
      });
      expect(r.status).toBe(200);
    }
    await waitForStep(stack, sel.path, 'committee_review');

    // Only the chair has declared and scored the first candidate: 1 of 5, quorum 3, four pending.
    const chair = asMember(members[0]);
    const declared = await post(`${sel.path}/committee-review/decisions`, chair, {
      decision: 'declare_interests',
      declarations: candidates.map((c) => ({ nip: c.nip, conflicted: false })),
    });
    expect(declared.status).toBe(200);
    expect(
      (await post(`${sel.path}/committee-review/decisions`, chair, { decision: 'score', nip: candidates[0].nip, paper: 80, interview: 80 }))
        .status,
    ).toBe(200);
    const review = (await stack.call('GET', `${sel.path}/committee-review`, { actor: chair })).body;
    const first = review.progress.find((p: { nip: string }) => p.nip === candidates[0].nip);
    expect(first).toMatchObject({ scored: 1, eligibleMembers: 5, eligible: 5, quorum: 3, quorumMet: false });
    expect(first.pending).toEqual(members.slice(1).map((m) => ({ id: m.id, name: m.name, undeclared: true })));

    // A member who declares a conflict leaves the count: 1 of 4, quorum 3.
    const m5 = asMember(members[4]);
    await post(`${sel.path}/committee-review/decisions`, m5, {
      decision: 'declare_interests',
      declarations: candidates.map((c, i) => ({ nip: c.nip, conflicted: i === 0, ...(i === 0 ? { note: 'ipar' } : {}) })),
    });
    const after = (await stack.call('GET', `${sel.path}/committee-review`, { actor: chair })).body.progress.find(
      (p: { nip: string }) => p.nip === candidates[0].nip,
    );
    expect(after).toMatchObject({ scored: 1, eligibleMembers: 4, quorum: 3, quorumMet: false });
    expect(after.pending.map((p: { id: string }) => p.id)).toEqual(members.slice(1, 4).map((m) => m.id));
  });
});
