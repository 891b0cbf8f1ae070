import { aMove, wib } from '@meritflow/domain/testing';
import type { MobilityFacts } from '@meritflow/contracts';
import { evaluateMoveNow } from './move-rules';

// Sleman's ban (hypothetical next Pilkada): 2026-02-01 .. 2027-02-19.
const window = { regionCode: '34.04', candidatePairDetermination: '2026-08-01', termEnd: '2027-02-19', headInauguratedOn: null };
const approval = { documentRef: '100.2.2.6/777/OTDA', approvedOn: '2026-02-10', regionCode: '34.04' };
const facts = (approvals: MobilityFacts['approvals'] = []): MobilityFacts => ({ windows: [window], approvals, agencyMerit: null });
const input = { move: aMove(), talent: null };

describe('evaluateMoveNow as of the effective date', () => {
  it.each([
    {
      what: 'a decree requested before the ban with its TMT inside it',
      now: '2026-01-15',
      tmt: '2026-03-02',
      approvals: [],
      allowed: false,
    },
    { what: 'a decree requested inside the ban with its TMT after it', now: '2026-03-02', tmt: '2027-03-01', approvals: [], allowed: true },
    {
      what: 'a decree with its TMT inside the ban and the Minister’s approval',
      now: '2026-03-02',
      tmt: '2026-03-02',
      approvals: [approval],
      allowed: true,
    },
  ])('$what → allowed $allowed, asOf the TMT', ({ now, tmt, approvals, allowed }) => {
    const ev = evaluateMoveNow(input, facts(approvals), [], wib(now), { date: tmt, basis: 'decree_effective_date' });

    expect(ev).toMatchObject({ allowed, asOf: tmt, asOfBasis: 'decree_effective_date', evaluatedAt: wib(now).toISOString() });
  });

  it('names the blocking window and the approvals that lifted one, for the ledger', () => {
    const blocked = evaluateMoveNow(input, facts(), [], wib('2026-01-15'), { date: '2026-03-02', basis: 'decree_effective_date' });
    const lifted = evaluateMoveNow(input, facts([approval]), [], wib('2026-03-02'), { date: '2026-03-02', basis: 'decree_effective_date' });

    expect(blocked.verdicts.find((v) => v.rule === 'electionMoratorium')).toMatchObject({
      passed: false,
      periods: [{ from: '2026-02-01', to: '2027-02-19' }],
    });
    expect(lifted.verdicts.find((v) => v.rule === 'electionMoratorium')).toMatchObject({ passed: true, approvals: [approval] });
  });

  it('falls back to the decision time for cases started before effective dates were recorded', () => {
    const ev = evaluateMoveNow(input, facts(), [], wib('2026-03-02'));

    expect(ev).toMatchObject({ allowed: false, asOf: '2026-03-02', asOfBasis: 'decision_time' });
  });
});

describe('evaluateMoveNow on a talent promotion', () => {
  const talent = {
    vacancyId: null,
    placement: { performance: 'above' as const, potential: 'high' as const, box: 9 as const },
    inputs: {},
    ruleVersion: 'mobility@2026-01-01',
  };
  const promotion = { move: aMove({ kind: 'talent_promotion', to: { positionClass: 'administrator', level: 'administrator' } }), talent };
  const entry = {
    reviewId: 'talent-review:PEMKAB-SLEMAN:2026',
    agencyCode: 'PEMKAB-SLEMAN',
    period: '2026',
    validFrom: '2027-01-01',
    validTo: '2027-12-31',
    approvedAt: '2026-12-06T03:00:00.000Z',
    placement: talent.placement,
  };
  const noBan = (talentPool?: MobilityFacts['talentPool']): MobilityFacts => ({
    windows: [],
    approvals: [],
    agencyMerit: null,
    ...(talentPool !== undefined ? { talentPool } : {}),
  });
  const at = (date: string) => ({ date, basis: 'intended_effective_date' as const });

  it('does not ask for pool membership under the 2026 rules (decisions before 2027 replay as they were)', () => {
    const ev = evaluateMoveNow(promotion, noBan(), [], wib('2026-12-06'), at('2026-12-20'));
    expect(ev.ruleVersion).toBe('mobility@2026-01-01');
    expect(ev.verdicts.map((v) => v.rule)).not.toContain('talentPoolMembership');
  });

  it('blocks a talent promotion from 2027 on without an approved pool valid on the effective date', () => {
    const ev = evaluateMoveNow(promotion, noBan(null), [], wib('2026-12-06'), at('2027-02-01'));
    expect(ev.ruleVersion).toBe('mobility@2027-01-01');
    expect(ev.allowed).toBe(false);
    expect(ev.verdicts.find((v) => v.rule === 'talentPoolMembership')).toMatchObject({ passed: false });
  });

  it('allows it with the pool entry, naming the review, its period and the placement', () => {
    const ev = evaluateMoveNow(promotion, noBan(entry), [], wib('2026-12-06'), at('2027-02-01'));
    const v = ev.verdicts.find((x) => x.rule === 'talentPoolMembership');
    expect(v).toMatchObject({ passed: true });
    expect(v?.fact).toContain('talent-review:PEMKAB-SLEMAN:2026');
    expect(v?.fact).toContain('period 2026');
    expect(ev.allowed).toBe(true);
  });

  it('judges filling without open selection on the pool’s placement, not the typed one, from 2027 on', () => {
    const typedBox9 = {
      ...promotion,
      move: aMove({ kind: 'talent_promotion', to: { positionClass: 'jpt_pratama', level: 'jpt_pratama' } }),
    };
    const box8 = { ...entry, placement: { performance: 'meets' as const, potential: 'high' as const, box: 8 as const } };
    const merit = { agencyCode: 'PEMKAB-SLEMAN', category: 'sangat_baik', scheme: 'kasn_400', assessedOn: '2026-03-01' };
    const before = evaluateMoveNow(typedBox9, { ...noBan(box8), agencyMerit: merit }, [], wib('2026-12-06'), at('2026-12-20'));
    const after = evaluateMoveNow(typedBox9, { ...noBan(box8), agencyMerit: merit }, [], wib('2026-12-06'), at('2027-02-01'));
    expect(before.verdicts.find((v) => v.rule === 'fillWithoutOpenSelection')).toMatchObject({ passed: true });
    expect(after.verdicts.find((v) => v.rule === 'fillWithoutOpenSelection')).toMatchObject({ passed: false });
    expect(after.verdicts.find((v) => v.rule === 'fillWithoutOpenSelection')?.fact).toContain('box 8');
  });
});

describe('evaluateMoveNow on a talent promotion of an official under a sanction', () => {
  const sanctioned = aMove({
    kind: 'talent_promotion',
    to: { positionClass: 'administrator', level: 'administrator' },
    person: { sanctions: [{ level: 'light', imposedOn: '2027-01-20', endsOn: '2027-02-19' }] },
  });
  const input2 = {
    move: sanctioned,
    talent: {
      vacancyId: null,
      placement: { performance: 'above' as const, potential: 'high' as const, box: 9 },
      inputs: {},
      ruleVersion: 'x',
    },
  };
  const facts2: MobilityFacts = { windows: [], approvals: [], agencyMerit: null, talentPool: null };

  it.each([
    ['2027-02-01', false],
    ['2027-02-20', true],
  ])('as of %s the sanction-in-force verdict passes: %s', (date, passed) => {
    const ev = evaluateMoveNow(input2, facts2, [], wib('2026-12-06'), { date, basis: 'intended_effective_date' });
    expect(ev.verdicts.find((v) => v.rule === 'sanctionInForce')).toMatchObject({ passed, ruleVersion: 'mobility@2027-01-01' });
  });

  it('has no such verdict under the 2026 rules', () => {
    const ev = evaluateMoveNow(input2, facts2, [], wib('2026-12-06'), { date: '2026-12-20', basis: 'intended_effective_date' });
    expect(ev.verdicts.map((v) => v.rule)).not.toContain('sanctionInForce');
  });
});
