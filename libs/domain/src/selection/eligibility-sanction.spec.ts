import type { CandidateProfile } from './candidate';
import { decideEligibility, ELIGIBILITY_POLICY_2026_12, ELIGIBILITY_POLICY_2027, type EligibilityPolicy } from './eligibility';

const AS_OF = new Date('2026-03-10T10:00:00+07:00');

// A Kepala Bidang applying for a JPT pratama post, eligible on 2026-03-10 but for the sanction.
const candidate = (sanctions: CandidateProfile['sanctions']): CandidateProfile => ({
  nip: '197005152000031002',
  name: 'Dr. Siti Rahmawati, M.Si.',
  golongan: 'IV/b',
  education: 'S2',
  currentPostType: 'administrator',
  currentPostSince: '2022-01-03',
  cumulativeExperienceYears: 8,
  performance: [
    { year: 2024, predicate: 'baik' },
    { year: 2025, predicate: 'sangat_baik' },
  ],
  sanctions,
  credentials: [],
});

describe('a sanction in force (eligibility 2027)', () => {
  // A written reprimand recorded as in force for a month: light, so the two-year lookback ignores it.
  const reprimand = { level: 'light' as const, imposedOn: '2026-03-01', endsOn: '2026-03-31' };
  const verdictOf = (sanctions: CandidateProfile['sanctions'], policy: EligibilityPolicy) =>
    decideEligibility(candidate(sanctions), { positionClass: 'jpt_pratama' }, policy, AS_OF);

  it('blocks while the sanction is in force on the reference date, under 2027 only', () => {
    const now = verdictOf([reprimand], ELIGIBILITY_POLICY_2027);
    expect(now.ruleVersion).toBe('eligibility-jpt@2027-01-01');
    expect(now.reasons.map((r) => r.rule)).toEqual(['sanctionInForce']);
    expect(now.reasons[0]!.message.id).toContain('sedang menjalani hukuman disiplin');
    // Decisions under the earlier versions replay as they were: no such check.
    expect(verdictOf([reprimand], ELIGIBILITY_POLICY_2026_12).checks.map((c) => c.rule)).not.toContain('sanctionInForce');
  });

  it('passes once the sanction has ended', () => {
    const v = verdictOf([{ ...reprimand, endsOn: '2026-03-09' }], ELIGIBILITY_POLICY_2027);
    expect(v.checks.find((c) => c.rule === 'sanctionInForce')).toMatchObject({ passed: true });
    expect(v.eligible).toBe(true);
  });
});
