import type { CommitteeMember } from '@meritflow/domain';
import { HR, PPK, Stack, eventually } from '../support/api-client';
import { administratorHistory, makeNip, registerOfficial } from '../support/register-fixtures';
import { asMember, committee, openSelection, uploadEvidence } from '../support/selection-fixtures';

const stack = new Stack();
afterAll(() => stack.close());

type Sel = Awaited<ReturnType<typeof openSelection>>;
const post = (path: string, actor: typeof HR, body: Record<string, unknown>) => stack.call('POST', path, { actor, body });

async function formAndAnnounce(sel: Sel, members: CommitteeMember[]) {
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
}

/** A sitting JPT pratama since 2023 who was an administrator for five years before: lateral under the post-history reading. */
const lateralHistory = () => [
  ...administratorHistory({ golongan: 'IV/b', from: '2018-01-02' }),
  { type: 'rank_changed', payload: { golongan: 'IV/c', tmt: '2024-04-01', decreeNumber: 'SK-KP-2024', kind: 'regular' } },
  {
    type: 'position_assigned',
    payload: {
      postCode: 'KADIS-LAIN',
      title: 'Kepala Dinas Lain',
      postType: 'jpt_pratama',
      unitCode: 'DINAS-B',
      from: '2023-01-02',
      decreeNumber: 'SK-JPT-2023',
    },
  },
];

describe('a selection reads its candidates from the ASN register', () => {
  it('judges a lateral JPT applicant on post history, registers an external candidate with evidence, and records an evidenced override', async () => {
    const sel = await openSelection(stack);
    const lateral = await registerOfficial(stack, { agencyCode: sel.agencyCode, name: 'Lateral Pratama', events: lateralHistory() });
    const decrees = await uploadEvidence(stack, 'sk_jabatan', sel.agencyCode);
    const external = await registerOfficial(stack, {
      agencyCode: sel.agencyCode,
      name: 'Calon Luar',
      birthDate: '1977-05-06',
      source: 'external',
      homeAgencyCode: 'PEMKAB-LAIN',
      evidence: [decrees],
    });
    expect(external.res.status).toBe(201);
    const d3History = administratorHistory().map((e) =>
      e.type === 'education_recorded' ? { ...e, payload: { ...e.payload, level: 'D3' } } : e,
    );
    const overridden = await registerOfficial(stack, {
      agencyCode: sel.agencyCode,
      name: 'Ijazah Belum Dicatat',
      birthDate: '1979-09-09',
      events: d3History,
    });
    const ijazah = await uploadEvidence(stack, 'ijazah_s2', sel.agencyCode);
    await formAndAnnounce(sel, committee());

    const unknown = makeNip({ birth: '1966-06-06' });
    const missing = await post(`${sel.path}/decisions`, HR, {
      decision: 'register_candidates',
      candidates: [{ postCode: sel.postCode, nip: unknown }],
    });
    expect([missing.status, missing.body.code, missing.body.details.fields.map((f: { field: string }) => f.field)]).toEqual([
      404,
      'PERSON_NOT_FOUND',
      ['candidates.0.nip'],
    ]);
    const noEvidence = await post(`${sel.path}/decisions`, HR, {
      decision: 'register_candidates',
      candidates: [
        {
          postCode: sel.postCode,
          nip: overridden.nip,
          overrides: [{ fact: 'education', value: 'S2', reason: 'Ijazah S2 2015', evidence: [] }],
        },
      ],
    });
    expect(noEvidence.status).toBe(400);
    expect(noEvidence.body.details.fields.map((f: { field: string }) => f.field)).toContain('candidates.0.overrides.0.evidence');

    const registered = await post(`${sel.path}/decisions`, HR, {
      decision: 'register_candidates',
      candidates: [
        { postCode: sel.postCode, nip: lateral.nip },
        { postCode: sel.postCode, nip: external.nip },
        {
          postCode: sel.postCode,
          nip: overridden.nip,
          overrides: [{ fact: 'education', value: 'S2', reason: 'Ijazah S2 tahun 2015 belum dicatat di SIASN', evidence: [ijazah] }],
        },
      ],
    });
    expect(registered.status).toBe(200);
    const state = (await stack.call('GET', sel.path)).body;
    const view = (nip: string) => state.candidates.find((c: { nip: string }) => c.nip === nip);
    expect(view(lateral.nip)).toMatchObject({
      name: 'Lateral Pratama',
      status: 'registered',
      eligibility: { eligible: true, ruleVersion: 'eligibility-jpt@2026-12-01' },
    });
    expect(view(external.nip).name).toBe('Calon Luar');
    expect(view(overridden.nip).eligibility.eligible).toBe(true);

    const decisions = await eventually(async () => {
      const ds = (await stack.call('GET', sel.path)).body.decisions as { decision: string; payload: any }[];
      return ds.some((d) => d.decision === 'register_candidates') ? ds : undefined;
    });
    // The refused attempts recorded nothing: one registration row only.
    expect(decisions.filter((d) => d.decision === 'register_candidates')).toHaveLength(1);
    const rows = decisions.find((d) => d.decision === 'register_candidates')!.payload.candidates as any[];
    const row = (nip: string) => rows.find((r) => r.nip === nip);
    const lateralChecks = row(lateral.nip).eligibility.checks.filter((c: { rule: string }) => c.rule.startsWith('priorPost'));
    expect(lateralChecks.every((c: { passed: boolean }) => c.passed)).toBe(true);
    expect(lateralChecks[0].fact).toMatch(/now jpt_pratama; held administrator 2018-01-02\.\.2023-01-02/);
    expect(row(external.nip).register).toMatchObject({ source: 'external', facts: { source: 'external' } });
    expect(row(overridden.nip).overrides).toEqual([
      { fact: 'education', registerValue: 'D3', value: 'S2', reason: 'Ijazah S2 tahun 2015 belum dicatat di SIASN', evidence: [ijazah] },
    ]);
    expect(row(overridden.nip).register.facts.education).toBe('D3');
  });

  it('refuses a candidate whose service has ended, naming the field, and records nothing', async () => {
    const sel = await openSelection(stack);
    const retired = await registerOfficial(stack, {
      agencyCode: sel.agencyCode,
      name: 'Sudah Pensiun',
      events: [
        ...administratorHistory(),
        { type: 'service_ended', payload: { endedOn: '2026-01-01', reason: 'retirement', decreeNumber: 'SK-PENSIUN-2026' } },
      ],
    });
    expect(retired.res.status).toBe(201);
    await formAndAnnounce(sel, committee());
    const res = await post(`${sel.path}/decisions`, HR, {
      decision: 'register_candidates',
      candidates: [{ postCode: sel.postCode, nip: retired.nip }],
    });
    expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(res.body.details.fields.map((f: { field: string; rule: string }) => `${f.field}:${f.rule}`)).toEqual([
      'candidates.0.nip:register.serviceEnded',
    ]);
    const decisions = (await stack.call('GET', sel.path)).body.decisions as { decision: string }[];
    expect(decisions.map((d) => d.decision)).not.toContain('register_candidates');
  });
});
