import type { Actor } from '@meritflow/domain';
import { HR, PPK, Stack, eventually } from '../support/api-client';
import { moveFacts, region } from '../support/move-fixtures';
import { administratorHistory, asNamed, hrOf, makeNip, newAgency, registerOfficial } from '../support/register-fixtures';
import { ASSESSMENT_2025, KABID_STANDARD, registerReference } from '../support/register-reference-fixtures';
import { committee, eligibleProfile, openSelection, uploadEvidence } from '../support/selection-fixtures';

const stack = new Stack();
afterAll(() => stack.close());

type Body = { code?: string; details?: { fields?: { field: string; rule: string }[] } };
const fields = (body: Body) => (body.details?.fields ?? []).map((f) => `${f.field}:${f.rule}`);
const ppkOf = (agencyCode: string) => ({ ...PPK, agency: agencyCode });

const STANDARD = KABID_STANDARD;
const reference = (agencyCode: string) => registerReference(stack, agencyCode);

const changesOf = async (agencyCode: string, key: string) =>
  (await stack.call('GET', `/v1/register/reference-changes?key=${key}`, { actor: hrOf(agencyCode) })).body;

describe('units and posts beside the register', () => {
  it('records each change with its reason, before and after, and a repeat records nothing', async () => {
    const agencyCode = newAgency();
    await reference(agencyCode);
    const hr = hrOf(agencyCode);
    const posts = await stack.call('GET', '/v1/register/posts', { actor: ppkOf(agencyCode) });
    expect(posts.status).toBe(200);
    expect(posts.body.posts.map((p: { code: string }) => p.code)).toEqual(['KABID-2', 'KADIS-PUPR']);
    expect(posts.body.posts[0]).toEqual({
      code: 'KABID-2',
      title: 'Kepala Bidang Bina Marga',
      postType: 'administrator',
      unitCode: 'DINAS-A',
      competencyStandard: STANDARD,
    });
    const ofUnit = await stack.call('GET', '/v1/register/posts?unitCode=DINAS-PUPR', { actor: hr });
    expect(ofUnit.body.posts.map((p: { code: string }) => p.code)).toEqual(['KADIS-PUPR']);
    const units = await stack.call('GET', '/v1/register/units', { actor: hr });
    expect(units.body.units.map((u: { code: string; parentCode: string | null }) => [u.code, u.parentCode])).toEqual([
      ['DINAS-A', 'DINAS-PUPR'],
      ['DINAS-PUPR', null],
    ]);

    const body = { title: 'Kepala Bidang Bina Marga', postType: 'administrator', unitCode: 'DINAS-A', competencyStandard: STANDARD };
    const same = await stack.call('PUT', '/v1/register/posts/KABID-2', { actor: hr, body: { ...body, reason: 'Diulang' } });
    expect([same.status, same.body.changed]).toEqual([200, false]);
    const raised = STANDARD.map((c) => ({ ...c, level: 4 }));
    const changed = await stack.call('PUT', '/v1/register/posts/KABID-2', {
      actor: hr,
      body: { ...body, competencyStandard: raised, reason: 'Kepbup SKJ 2026: level dinaikkan' },
    });
    expect([changed.status, changed.body.changed]).toEqual([200, true]);

    const log = await changesOf(agencyCode, 'KABID-2');
    expect(log.total).toBe(2);
    expect(log.items[0]).toMatchObject({
      table: 'register_posts',
      before: null,
      reason: 'Kepbup SKJ 2024',
      actor: { id: HR.id, role: 'hr_officer' },
    });
    expect(log.items[1].before.competencyStandard).toEqual(STANDARD);
    expect(log.items[1].after.competencyStandard).toEqual(raised);
    // The national mobility change list does not carry an agency's units and posts.
    const national = await stack.call('GET', '/v1/reference/changes?key=KABID-2', { actor: hr });
    expect(national.body.total).toBe(0);
  });

  it.each([
    [
      'a level of 6',
      { competencyStandard: [...STANDARD.slice(0, 1), { type: 'managerial', name: 'kerjasama', level: 6 }] },
      'competencyStandard.1.level:max',
    ],
    ['a unit the agency does not have', { unitCode: 'DINAS-LAIN' }, 'unitCode:unitExists'],
    [
      'a competency listed twice',
      { competencyStandard: [...STANDARD, { type: 'managerial', name: 'Integritas', level: 4 }] },
      'competencyStandard.3.name:unique',
    ],
    [
      'a competency without a name',
      { competencyStandard: [{ type: 'technical', name: '  ', level: 3 }] },
      'competencyStandard.0.name:required',
    ],
  ])('refuses a post with %s, naming the field, and stores nothing', async (_label, change, field) => {
    const agencyCode = newAgency();
    await reference(agencyCode);
    const hr = hrOf(agencyCode);
    const body = {
      title: 'Kepala Seksi Jalan',
      postType: 'pengawas',
      unitCode: 'DINAS-A',
      competencyStandard: STANDARD,
      reason: 'SKJ baru',
      ...change,
    };
    const res = await stack.call('PUT', '/v1/register/posts/KASI-JALAN', { actor: hr, body });
    expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(fields(res.body)).toEqual([field]);
    const after = await stack.call('GET', '/v1/register/posts/KASI-JALAN', { actor: hr });
    expect([after.status, after.body.code]).toEqual([404, 'POST_NOT_FOUND']);
    expect((await changesOf(agencyCode, 'KASI-JALAN')).total).toBe(0);
  });

  it('refuses a unit whose parent is not one of the agency’s units, or that would sit inside itself', async () => {
    const agencyCode = newAgency();
    await reference(agencyCode);
    const hr = hrOf(agencyCode);
    const orphan = await stack.call('PUT', '/v1/register/units/SEKSI-1', {
      actor: hr,
      body: { name: 'Seksi 1', parentCode: 'NOPE', reason: 'SOTK' },
    });
    expect([orphan.status, fields(orphan.body)]).toEqual([400, ['parentCode:unitExists']]);
    const loop = await stack.call('PUT', '/v1/register/units/DINAS-PUPR', {
      actor: hr,
      body: { name: 'Dinas PUPR', parentCode: 'DINAS-A', reason: 'SOTK' },
    });
    expect([loop.status, fields(loop.body)]).toEqual([400, ['parentCode:unit.cycle']]);
    expect((await changesOf(agencyCode, 'SEKSI-1')).total).toBe(0);
    expect((await changesOf(agencyCode, 'DINAS-PUPR')).total).toBe(1);
  });

  it('lets HR edit and readers read; keeps committee members out and each agency to its own', async () => {
    const agencyCode = newAgency();
    await reference(agencyCode);
    const body = { title: 'X', postType: 'pengawas', unitCode: 'DINAS-A', competencyStandard: [], reason: 'coba ubah' };
    const byPpk = await stack.call('PUT', '/v1/register/posts/KABID-2', { actor: ppkOf(agencyCode), body });
    expect([byPpk.status, byPpk.body.code]).toEqual([403, 'ACCESS_DENIED']);
    const member: Actor & { agency: string } = { id: 'pansel-9', role: 'committee_member', agency: agencyCode };
    expect((await stack.call('GET', '/v1/register/posts', { actor: member })).status).toBe(403);
    expect((await stack.call('GET', '/v1/register/units', { actor: member })).status).toBe(403);
    const other = hrOf(newAgency());
    // Another agency's HR finds no such post in their own agency, and may not name the other agency.
    const own = await stack.call('GET', '/v1/register/posts/KABID-2', { actor: other });
    const named = await stack.call('GET', `/v1/register/posts/KABID-2?agencyCode=${agencyCode}`, { actor: other });
    expect([own.status, own.body.code, named.status, named.body.code]).toEqual([404, 'POST_NOT_FOUND', 403, 'ACCESS_DENIED']);
    const auditor = { id: 'auditor-1', role: 'auditor' as const };
    const read = await stack.call('GET', `/v1/register/posts/KABID-2?agencyCode=${agencyCode}`, { actor: auditor });
    expect([read.status, read.body.title]).toEqual([200, 'Kepala Bidang Bina Marga']);
  });
});

describe('the profile', () => {
  it('measures the latest assessment against the post held, and against a target post when asked', async () => {
    const agencyCode = newAgency();
    await reference(agencyCode);
    const hr = hrOf(agencyCode);
    const { nip } = await registerOfficial(stack, { agencyCode, events: [...administratorHistory(), ASSESSMENT_2025] });
    const res = await stack.call('GET', `/v1/register/people/${nip}?postCode=KADIS-PUPR`, { actor: ppkOf(agencyCode) });
    expect(res.status).toBe(200);
    expect(res.body.unitNames).toEqual({ 'DINAS-A': 'Bidang Bina Marga' });
    const current = res.body.competencyFit.current;
    expect(current).toMatchObject({ postCode: 'KABID-2', missing: null, post: { title: 'Kepala Bidang Bina Marga' } });
    expect(current.gap.lines.map((l: { name: string; gap: number }) => [l.name, l.gap])).toEqual([
      ['integritas', 1],
      ['kerjasama', 0],
      ['manajemen konstruksi', -1],
    ]);
    expect(current.gap.jpm).toMatchObject({ percent: 90, category: 'optimal', scheme: 'jpm-standard@2026-01-01' });
    expect(res.body.competencyFit.target.gap.jpm).toMatchObject({ percent: 83.33, category: 'cukup_optimal' });

    const unknown = await stack.call('GET', `/v1/register/people/${nip}?postCode=NOPE`, { actor: hr });
    expect([unknown.status, fields(unknown.body)]).toEqual([400, ['postCode:postExists']]);
  });

  it('says why there is no JPM: a post the agency has not registered, or no assessment yet', async () => {
    const agencyCode = newAgency();
    const { nip } = await registerOfficial(stack, { agencyCode });
    const hr = hrOf(agencyCode);
    const before = await stack.call('GET', `/v1/register/people/${nip}`, { actor: hr });
    expect(before.body.competencyFit.current).toMatchObject({ postCode: 'KABID-2', missing: 'post_not_registered', gap: null });
    await reference(agencyCode);
    const after = await stack.call('GET', `/v1/register/people/${nip}`, { actor: hr });
    expect(after.body.competencyFit.current).toMatchObject({ missing: 'not_assessed', gap: { jpm: null } });
  });

  it('lists the cases the official took part in: moved official, decider, committee member, candidate', async () => {
    const sel = await openSelection(stack);
    const agencyCode = sel.agencyCode;
    const reg = await region(stack);
    const moved = await registerOfficial(stack, {
      agencyCode,
      birthDate: '1982-03-04',
      nip: makeNip({ birth: '1982-03-04', tmt: '2008-01' }),
    });
    const hrOfficial = await registerOfficial(stack, { agencyCode, birthDate: '1985-03-15', nip: HR.id });
    const member = await registerOfficial(stack, {
      agencyCode,
      birthDate: '1970-06-01',
      nip: makeNip({ birth: '1970-06-01', tmt: '1995-03' }),
    });
    const candidate = await registerOfficial(stack, {
      agencyCode,
      birthDate: '1978-04-12',
      nip: makeNip({ birth: '1978-04-12', tmt: '2003-03' }),
    });

    const facts = moveFacts(agencyCode, reg);
    const move = await stack.call('POST', '/v1/moves', {
      actor: HR,
      body: asNamed({ ...facts, person: { ...facts.person, nip: moved.nip } }),
    });
    expect(move.status).toBe(201);

    const members = committee();
    members[3] = { ...members[3], id: member.nip };
    const decide = async (actor: Actor, body: Record<string, unknown>) => {
      const res = await stack.call('POST', `${sel.path}/decisions`, { actor, body });
      if (res.status !== 200) throw new Error(`${String(body.decision)}: ${res.status} ${JSON.stringify(res.body)}`);
    };
    await decide(PPK, { decision: 'form_committee', members, evidence: [await uploadEvidence(stack, 'sk_pansel', agencyCode)] });
    const chair: Actor = { id: members[0].id, role: 'committee_chair', name: members[0].name };
    await decide(chair, { decision: 'announce', evidence: [await uploadEvidence(stack, 'pengumuman', agencyCode)] });
    await decide(HR, {
      decision: 'register_candidates',
      candidates: [{ postCode: sel.postCode, nip: candidate.nip }],
    });

    const hr = hrOf(agencyCode);
    const casesOf = (nip: string) =>
      eventually(
        async () => {
          const res = await stack.call('GET', `/v1/register/people/${nip}`, { actor: hr });
          return res.body.cases.total > 0 ? res.body.cases : undefined;
        },
        15_000,
        `cases of ${nip}`,
      );
    expect((await casesOf(moved.nip)).items).toEqual([
      expect.objectContaining({ caseId: move.body.workflowId, caseType: 'move', agencyCode, roles: ['moved_official'] }),
    ]);
    expect((await casesOf(member.nip)).items).toEqual([
      expect.objectContaining({ caseId: sel.id, caseType: 'open-selection', roles: ['committee_member'] }),
    ]);
    expect((await casesOf(candidate.nip)).items).toEqual([expect.objectContaining({ caseId: sel.id, roles: ['candidate'] })]);
    const decided = await stack.call('GET', `/v1/register/people/${hrOfficial.nip}/cases?pageSize=50`, { actor: hr });
    expect(decided.status).toBe(200);
    const byCase = Object.fromEntries(
      decided.body.items.map((c: { caseId: string; roles: string[]; decidedAs: string[] }) => [c.caseId, c]),
    );
    expect(byCase[move.body.workflowId]).toMatchObject({ roles: ['decider'], decidedAs: ['hr_officer'] });
    expect(byCase[sel.id]).toMatchObject({ roles: ['decider'], decidedAs: ['hr_officer'] });
    expect(byCase[sel.vacancyId]).toMatchObject({ caseType: 'vacancy', roles: ['decider'] });
    const paged = await stack.call('GET', `/v1/register/people/${hrOfficial.nip}/cases?pageSize=1&page=2`, { actor: hr });
    expect([paged.body.total, paged.body.items.length]).toEqual([decided.body.total, 1]);
  });

  it('answers another agency like a missing official, and keeps committee members out', async () => {
    const agencyCode = newAgency();
    const { nip } = await registerOfficial(stack, { agencyCode });
    const other = hrOf(newAgency());
    for (const path of [`/v1/register/people/${nip}`, `/v1/register/people/${nip}/cases`]) {
      const res = await stack.call('GET', path, { actor: other });
      expect([path, res.status, res.body.code]).toEqual([path, 404, 'PERSON_NOT_FOUND']);
    }
    // Naming the other agency is refused outright (the README's rule for agency codes in a filter).
    const named = await stack.call('GET', `/v1/register/people/${nip}?agencyCode=${agencyCode}`, { actor: other });
    expect([named.status, named.body.code]).toEqual([403, 'ACCESS_DENIED']);
    const member: Actor & { agency: string } = { id: 'pansel-9', role: 'committee_member', agency: agencyCode };
    for (const path of [`/v1/register/people/${nip}`, `/v1/register/people/${nip}/cases`, '/v1/register/people?q=a']) {
      const res = await stack.call('GET', path, { actor: member });
      expect([path, res.status, res.body.code]).toEqual([path, 403, 'ACCESS_DENIED']);
    }
  });
});
