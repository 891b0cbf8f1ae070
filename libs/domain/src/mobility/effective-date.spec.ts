import { wibDate } from '../calendar/working-days';
import { asOfInstant, calendarDaysBetween, checkBackdating, checkEffectiveDate, evaluateMoveAsOf, reportingDutyOf } from './effective-date';
import type { ElectionWindowFacts, MinisterApproval } from './move';
import { aMove } from './move.fixture';
import { electionMoratorium } from './rules';
import { MOBILITY_POLICY_2026 } from './mobility-policy';

// Sleman's next Pilkada (hypothetical): determination 2026-08-01, so the ban runs 2026-02-01 .. 2027-02-19.
const SLEMAN: ElectionWindowFacts = {
  regionCode: '34.04',
  candidatePairDetermination: '2026-08-01',
  termEnd: '2027-02-19',
  headInauguratedOn: null,
};
const APPROVAL: MinisterApproval = { documentRef: '100.2.2.6/777/OTDA', approvedOn: '2026-02-10', regionCode: '34.04' };

describe('evaluateMoveAsOf: the rules bind on the effective date, not on the day of the request', () => {
  it.each([
    { what: 'a decree dated inside the moratorium, no approval', tmt: '2026-03-01', approvals: [], allowed: false },
    { what: 'the same decree with the Minister’s approval', tmt: '2026-03-01', approvals: [APPROVAL], allowed: true },
    { what: 'a decree dated before the ban starts', tmt: '2026-01-31', approvals: [], allowed: true },
    { what: 'a decree dated on the first day of the ban', tmt: '2026-02-01', approvals: [], allowed: false },
    { what: 'a decree dated on the last day of the term', tmt: '2027-02-19', approvals: [], allowed: false },
    { what: 'a decree dated the day after the term ends', tmt: '2027-02-20', approvals: [], allowed: true },
    { what: 'a decree dated before the approval was given', tmt: '2026-02-05', approvals: [APPROVAL], allowed: false },
  ])('$what ($tmt) → allowed $allowed, evaluated as of $tmt', ({ tmt, approvals, allowed }) => {
    const e = evaluateMoveAsOf(aMove(), { windows: [SLEMAN], approvals }, tmt);

    expect(e.allowed).toBe(allowed);
    expect(e.asOf).toBe(tmt);
    expect(e.verdicts.find((v) => v.rule === 'electionMoratorium')?.passed).toBe(allowed);
  });

  it('refuses a request made outside the window whose effective date falls inside it', () => {
    const requestDay = '2026-01-15'; // before the ban: the rules as of the request would let it through
    const asOfRequest = electionMoratorium(aMove(), [SLEMAN], [], MOBILITY_POLICY_2026, asOfInstant(requestDay));
    const asOfTmt = evaluateMoveAsOf(aMove(), { windows: [SLEMAN], approvals: [] }, '2026-04-01');

    expect(asOfRequest.passed).toBe(true);
    expect(asOfTmt.allowed).toBe(false);
    expect(asOfTmt.blocking[0]).toMatchObject({
      rule: 'electionMoratorium',
      periods: [{ regionCode: '34.04', kind: 'pre_election', from: '2026-02-01', to: '2027-02-19' }],
    });
  });

  it.each([
    { what: 'a mutation 2 years − 1 day into the post on the TMT', since: '2024-04-02', tmt: '2026-04-01', allowed: false },
    { what: 'the same mutation a day later', since: '2024-04-01', tmt: '2026-04-01', allowed: true },
  ])('judges tenure as of the TMT: $what → allowed $allowed', ({ since, tmt, allowed }) => {
    expect(evaluateMoveAsOf(aMove({ from: { since } }), { windows: [], approvals: [] }, tmt).allowed).toBe(allowed);
  });
});

describe('asOfInstant', () => {
  it.each(['2026-01-01', '2026-02-28', '2026-12-31', '2028-02-29'])('reads back as the WIB date %s', (d) => {
    expect(wibDate(asOfInstant(d))).toBe(d);
  });
});

describe('checkEffectiveDate', () => {
  it.each([
    { date: '2026-12-01', rules: [] },
    { date: '2026-01-01', rules: [] },
    { date: '2025-12-31', rules: ['rulesInForce'] },
    { date: '2026-02-30', rules: ['isRealDate'] },
    { date: '2026-1-01', rules: ['isRealDate'] },
  ])('$date → $rules', ({ date, rules }) => {
    const issues = checkEffectiveDate('effectiveDate', date);
    expect(issues.map((i) => i.rule)).toEqual(rules);
    for (const i of issues) expect(i.field).toBe('effectiveDate');
  });
});

describe('checkBackdating (maxBackdatingDays, 30 calendar days by default [BK])', () => {
  const LIMIT = { maxBackdatingDays: 30 };
  it.each([
    { what: 'dated today', tmt: '2026-12-06', reason: undefined, ok: true },
    { what: 'dated in the future', tmt: '2027-01-01', reason: undefined, ok: true },
    { what: 'exactly 30 days back', tmt: '2026-11-06', reason: undefined, ok: true },
    { what: '31 days back without a reason', tmt: '2026-11-05', reason: undefined, ok: false },
    { what: '31 days back with a blank reason', tmt: '2026-11-05', reason: '   ', ok: false },
    { what: '31 days back with a reason', tmt: '2026-11-05', reason: 'SK terlambat ditandatangani', ok: true },
    { what: 'a year back with a reason', tmt: '2025-12-06', reason: 'Pelaksanaan putusan PTUN', ok: true },
  ])('$what → ok $ok', ({ tmt, reason, ok }) => {
    const r = checkBackdating(tmt, '2026-12-06', LIMIT, reason);
    expect(r.ok).toBe(ok);
    if (!r.ok) {
      expect(r.code).toBe('DECISION_INCOMPLETE');
      expect(r.params).toMatchObject({ missing: ['reason'], maxBackdatingDays: 30, backdatedDays: 31 });
    }
  });

  it('sets no limit for versions that pinned none', () => {
    expect(checkBackdating('2020-01-01', '2026-12-06', { maxBackdatingDays: null }, undefined).ok).toBe(true);
  });

  it.each([
    ['2026-12-06', '2026-12-06', 0],
    ['2026-11-06', '2026-12-06', 30],
    ['2028-02-28', '2028-03-01', 2],
    ['2026-12-07', '2026-12-06', -1],
  ])('counts %s → %s as %i calendar days', (from, to, days) => {
    expect(calendarDaysBetween(from, to)).toBe(days);
  });
});

describe('reportingDutyOf', () => {
  const inBan = (approvals: MinisterApproval[]) => evaluateMoveAsOf(aMove(), { windows: [SLEMAN], approvals }, '2026-03-01').verdicts;

  it('attaches the reporting duty to an action the Minister’s approval let through an election ban', () => {
    const duty = reportingDutyOf(inBan([APPROVAL]));
    expect(duty).toMatchObject({
      rule: 'electionMoratorium',
      approvals: [APPROVAL],
      periods: [{ regionCode: '34.04', from: '2026-02-01', to: '2027-02-19' }],
    });
    expect(duty?.basis).toContain('SE Mendagri 100.2.1.3/1575/SJ');
  });

  it.each([
    {
      what: 'an action outside any ban',
      verdicts: () => evaluateMoveAsOf(aMove(), { windows: [SLEMAN], approvals: [] }, '2026-01-15').verdicts,
    },
    { what: 'an action the ban blocks (nothing was done)', verdicts: () => inBan([]) },
  ])('attaches none to $what', ({ verdicts }) => {
    expect(reportingDutyOf(verdicts())).toBeNull();
  });
});
