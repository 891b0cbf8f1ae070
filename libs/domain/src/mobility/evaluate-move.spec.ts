import { applyOverride, evaluateMove, overridable, OVERRIDE_RULES, type MoveEvaluation } from './evaluate-move';
import { MOBILITY_POLICY_2026, type MobilityPolicy } from './mobility-policy';
import type { ElectionWindowFacts, MinisterApproval, MoveFacts } from './move';
import { aMove, aRotation, wib } from './move.fixture';
import { MOBILITY_RULES, type MobilityRule, type MobilityVerdict } from './rules';

const P = MOBILITY_POLICY_2026;
const AS_OF = wib('2026-03-10');
const NONE = { windows: [], approvals: [] };
const LEGAL_BASIS = { documentRef: 'SK Bupati Sleman 821/045/2026', title: 'Penataan organisasi perangkat daerah' };

// A window over 2026-03-10 in Sleman: the 2026 determination (hypothetical) puts the ban start at 2026-02-01.
const SLEMAN_2026: ElectionWindowFacts = {
  regionCode: '34.04',
  candidatePairDetermination: '2026-08-01',
  termEnd: '2027-02-19',
  headInauguratedOn: null,
};

const rulesOf = (vs: MobilityVerdict[]) => vs.map((v) => v.rule);

describe('evaluateMove', () => {
  it('reports every rule that applies to a mutation, all passing', () => {
    const e = evaluateMove(aMove(), NONE, P, AS_OF);

    expect(e).toEqual(expect.objectContaining({ allowed: true, ruleVersion: 'mobility@2026-01-01', asOf: '2026-03-10', blocking: [] }));
    expect(rulesOf(e.verdicts)).toEqual(['electionMoratorium', 'minimumTenure', 'disciplinaryBlock']);
    for (const v of e.verdicts) {
      expect(v).toEqual(expect.objectContaining({ passed: true, ruleVersion: 'mobility@2026-01-01' }));
      expect(v.fact).not.toBe('');
      expect(v.message.id).not.toBe('');
      expect(v.message.en).not.toBe('');
    }
  });

  it.each([
    {
      what: 'a rotation',
      move: aRotation(),
      rules: ['electionMoratorium', 'rotationTenureWindow', 'rotationSameLevel', 'disciplinaryBlock'],
    },
    {
      what: 'a mutation at own request out of a JPT post',
      move: aMove({ atOwnRequest: true, from: { positionClass: 'jpt_pratama', level: 'jpt_pratama', inauguratedOn: '2023-01-02' } }),
      rules: ['electionMoratorium', 'jptProtection', 'minimumTenure', 'newPnsTransferBan', 'disciplinaryBlock'],
    },
    {
      what: 'a talent promotion',
      move: aMove({ kind: 'talent_promotion', scope: 'intra_agency' }),
      rules: ['electionMoratorium', 'disciplinaryBlock'],
    },
  ])('runs the rules that apply to $what', ({ move, rules }) => {
    expect(rulesOf(evaluateMove(move, NONE, P, AS_OF).verdicts)).toEqual(rules);
  });

  it('runs the age limit when the receiving agency has one', () => {
    const p: MobilityPolicy = { ...P, maxAge: { default: null, byAgency: { 'PEMKAB-BANTUL': 40 } } };
    const e = evaluateMove(aMove({ person: { nip: '198503102010012003' } }), NONE, p, AS_OF);

    expect(e.allowed).toBe(false);
    expect(rulesOf(e.blocking)).toEqual(['ageLimit']);
  });

  it('blocks on every failed rule and lists them in order', () => {
    const move = aMove({
      atOwnRequest: true,
      person: { cpnsTmt: '2019-03-01', sanctions: [{ level: 'medium', imposedOn: '2025-10-01' }] },
      from: { since: '2025-06-02' },
    });
    const e = evaluateMove(move, { windows: [SLEMAN_2026], approvals: [] }, P, AS_OF);

    expect(e.allowed).toBe(false);
    expect(rulesOf(e.blocking)).toEqual(['electionMoratorium', 'minimumTenure', 'newPnsTransferBan', 'disciplinaryBlock']);
  });

  it('refuses a move inside an election window, then allows it once the Mendagri approval is recorded', () => {
    const approval: MinisterApproval = { documentRef: '100.2.2.6/0456/OTDA', approvedOn: '2026-03-02', regionCode: '34.04' };

    const refused = evaluateMove(aMove(), { windows: [SLEMAN_2026], approvals: [] }, P, AS_OF);
    const approved = evaluateMove(aMove(), { windows: [SLEMAN_2026], approvals: [approval] }, P, AS_OF);

    expect(refused.allowed).toBe(false);
    expect(refused.blocking[0].fact).toBe('34.04 pre_election 2026-02-01..2027-02-19; no Mendagri approval');
    expect(approved.allowed).toBe(true);
    expect(approved.verdicts[0].approvals).toEqual([approval]);
  });
});

describe('overridable: which blocks an authorised override may lift', () => {
  it.each([
    ['electionMoratorium', false],
    ['jptProtection', true],
    ['minimumTenure', true],
    ['rotationTenureWindow', true],
    ['rotationSameLevel', false],
    ['newPnsTransferBan', false],
    ['disciplinaryBlock', false],
    ['ageLimit', true],
    ['fillWithoutOpenSelection', false],
  ] as [MobilityRule, boolean][])('a failed %s → %p', (rule, expected) => {
    const failed: MobilityVerdict = { rule, ruleVersion: P.version, passed: false, fact: 'x', message: { id: 'x', en: 'x' } };

    expect(overridable(failed)).toBe(expected);
    expect(overridable({ ...failed, passed: true })).toBe(false);
    expect(overridable({ ...failed, overridden: true })).toBe(false);
  });

  it('gives a reason for every rule', () => {
    expect(Object.keys(OVERRIDE_RULES).sort()).toEqual([...MOBILITY_RULES].sort());
    for (const rule of MOBILITY_RULES) {
      expect(OVERRIDE_RULES[rule].reason.id).not.toBe('');
      expect(OVERRIDE_RULES[rule].reason.en).not.toBe('');
    }
  });
});

describe('applyOverride', () => {
  // Each move fails exactly the rule named.
  const failing: Record<
    Exclude<MobilityRule, 'fillWithoutOpenSelection' | 'talentPoolMembership' | 'sanctionInForce'>,
    { move: MoveFacts; policy?: MobilityPolicy; windows?: ElectionWindowFacts[] }
  > = {
    electionMoratorium: { move: aMove(), windows: [SLEMAN_2026] },
    jptProtection: { move: aMove({ from: { positionClass: 'jpt_pratama', level: 'jpt_pratama', inauguratedOn: '2025-01-06' } }) },
    minimumTenure: { move: aMove({ from: { since: '2025-01-06' } }) },
    rotationTenureWindow: { move: aRotation({ from: { since: '2025-01-06' } }) },
    rotationSameLevel: { move: aRotation({ to: { level: 'pengawas', positionClass: 'pengawas' } }) },
    newPnsTransferBan: { move: aMove({ atOwnRequest: true, person: { cpnsTmt: '2019-03-01' } }) },
    disciplinaryBlock: { move: aMove({ person: { sanctions: [{ level: 'heavy', imposedOn: '2025-10-01' }] } }) },
    ageLimit: {
      move: aMove({ person: { nip: '198003102005012003' } }),
      policy: { ...P, maxAge: { default: null, byAgency: { 'PEMKAB-BANTUL': 40 } } },
    },
  };
  const blockedBy = (rule: keyof typeof failing): MoveEvaluation => {
    const f = failing[rule];
    const e = evaluateMove(f.move, { windows: f.windows ?? [], approvals: [] }, f.policy ?? P, AS_OF);
    expect(rulesOf(e.blocking)).toEqual([rule]);
    return e;
  };

  it.each(['jptProtection', 'minimumTenure', 'rotationTenureWindow', 'ageLimit'] as const)(
    'lifts a %s block with a named legal basis and records the document',
    (rule) => {
      const e = blockedBy(rule);

      const r = applyOverride(e, { rules: [rule], legalBasis: LEGAL_BASIS });

      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      expect(r.value.allowed).toBe(true);
      expect(r.value.blocking).toEqual([]);
      expect(r.value.verdicts.find((v) => v.rule === rule)).toEqual(
        expect.objectContaining({ passed: false, overridden: true, override: LEGAL_BASIS }),
      );
      expect(r.value.ruleVersion).toBe(e.ruleVersion);
      expect(e.allowed).toBe(false); // the original is untouched
    },
  );

  it.each(['electionMoratorium', 'rotationSameLevel', 'newPnsTransferBan', 'disciplinaryBlock'] as const)(
    'refuses to override %s and says why',
    (rule) => {
      const r = applyOverride(blockedBy(rule), { rules: [rule], legalBasis: LEGAL_BASIS });

      expect(r).toEqual({
        ok: false,
        issues: [expect.objectContaining({ field: 'rules[0]', rule: 'notOverridable' })],
      });
      if (!r.ok) expect(r.issues[0].message.en).toContain(OVERRIDE_RULES[rule].reason.en);
    },
  );

  it('keeps the move blocked while another block remains', () => {
    const e = evaluateMove(aMove({ from: { since: '2025-01-06' } }), { windows: [SLEMAN_2026], approvals: [] }, P, AS_OF);

    const r = applyOverride(e, { rules: ['minimumTenure'], legalBasis: LEGAL_BASIS });

    expect(r.ok && rulesOf(r.value.blocking)).toEqual(['electionMoratorium']);
    expect(r.ok && r.value.allowed).toBe(false);
  });

  it('refuses the whole override when one named rule is not overridable', () => {
    const e = evaluateMove(
      aMove({ from: { since: '2025-01-06' }, person: { sanctions: [{ level: 'heavy', imposedOn: '2025-10-01' }] } }),
      NONE,
      P,
      AS_OF,
    );

    const r = applyOverride(e, { rules: ['minimumTenure', 'disciplinaryBlock'], legalBasis: LEGAL_BASIS });

    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => [i.field, i.rule])).toEqual([['rules[1]', 'notOverridable']]);
  });

  it.each([
    {
      what: 'no document reference',
      o: { rules: ['minimumTenure'], legalBasis: { ...LEGAL_BASIS, documentRef: '  ' } },
      issues: [['legalBasis.documentRef', 'required']],
    },
    {
      what: 'no document title',
      o: { rules: ['minimumTenure'], legalBasis: { ...LEGAL_BASIS, title: '' } },
      issues: [['legalBasis.title', 'required']],
    },
    { what: 'no rules', o: { rules: [], legalBasis: LEGAL_BASIS }, issues: [['rules', 'required']] },
    { what: 'an unknown rule', o: { rules: ['minimumTenure', 'tenure'], legalBasis: LEGAL_BASIS }, issues: [['rules[1]', 'isIn']] },
    {
      what: 'a rule that does not block',
      o: { rules: ['minimumTenure', 'ageLimit'], legalBasis: LEGAL_BASIS },
      issues: [['rules[1]', 'notBlocking']],
    },
  ])('refuses an override with $what', ({ o, issues }) => {
    const r = applyOverride(blockedBy('minimumTenure'), o);

    expect(!r.ok && r.issues.map((i) => [i.field, i.rule])).toEqual(issues);
  });

  it('does not override the same block twice', () => {
    const once = applyOverride(blockedBy('minimumTenure'), { rules: ['minimumTenure'], legalBasis: LEGAL_BASIS });
    if (!once.ok) throw new Error('first override refused');

    const twice = applyOverride(once.value, { rules: ['minimumTenure'], legalBasis: LEGAL_BASIS });

    expect(!twice.ok && twice.issues.map((i) => i.rule)).toEqual(['notBlocking']);
  });
});
