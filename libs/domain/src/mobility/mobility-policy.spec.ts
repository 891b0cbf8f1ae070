import { DomainError } from '../errors';
import { getMobilityPolicy, MOBILITY_POLICIES, MOBILITY_POLICY_2026, policyInForce, type MobilityPolicy } from './mobility-policy';

const LATER: MobilityPolicy = {
  ...MOBILITY_POLICY_2026,
  version: 'mobility@2027-07-01',
  effectiveFrom: '2027-07-01',
  jptProtectionYears: null,
};

describe('MOBILITY_POLICY_2026', () => {
  it('holds the 2026 thresholds', () => {
    expect(MOBILITY_POLICY_2026).toEqual(
      expect.objectContaining({
        version: 'mobility@2026-01-01',
        effectiveFrom: '2026-01-01',
        moratorium: { monthsBeforeDetermination: 6, monthsAfterInauguration: 6 },
        jptProtectionYears: 2,
        minTenureYears: { mutation: 2, rotation: 2 },
        maxTenureYears: { rotation: 5 },
        newPnsNoTransferYears: 10,
        blockingSanctions: ['medium', 'heavy'],
        sanctionLookbackYears: 2,
        maxAge: { default: null, byAgency: {} },
      }),
    );
  });

  it.each(['final', 'performance', 'potential'] as const)('has talent %s weights that add up to 100', (group) => {
    const sum = Object.values(MOBILITY_POLICY_2026.talent.weights[group]).reduce((s: number, w: number) => s + w, 0);

    expect(sum).toBe(100);
  });

  it('cannot be edited once shipped', () => {
    const p = MOBILITY_POLICY_2026;
    for (const part of [
      p,
      p.moratorium,
      p.minTenureYears,
      p.blockingSanctions,
      p.maxAge,
      p.talent,
      p.talent.weights.potential,
      p.talent.jptMeritCategories,
    ]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
  });
});

describe('policyInForce', () => {
  it.each([
    { what: '00:00 WIB on 1 Jan 2026', asOf: new Date('2025-12-31T17:00:00Z'), version: 'mobility@2026-01-01' },
    { what: 'mid-2026', asOf: new Date('2026-06-01T03:00:00Z'), version: 'mobility@2026-01-01' },
  ])('picks the 2026 rules at $what', ({ asOf, version }) => {
    expect(policyInForce(asOf).version).toBe(version);
  });

  it('refuses a date before any version took effect (23:59 WIB on 31 Dec 2025)', () => {
    const attempt = () => policyInForce(new Date('2025-12-31T16:59:59Z'));

    expect(attempt).toThrow(DomainError);
    expect(attempt).toThrow(
      expect.objectContaining({ code: 'SOP_VERSION_UNKNOWN', params: { sopId: 'mobility', version: 'effective 2025-12-31' } }),
    );
  });

  it.each([
    { asOf: '2027-06-30T16:59:59Z', version: 'mobility@2026-01-01' },
    { asOf: '2027-06-30T17:00:00Z', version: 'mobility@2027-07-01' },
  ])('picks the newest version whose effective date has come: $asOf → $version', ({ asOf, version }) => {
    expect(policyInForce(new Date(asOf), [LATER, MOBILITY_POLICY_2026]).version).toBe(version);
    expect(policyInForce(new Date(asOf), [MOBILITY_POLICY_2026, LATER]).version).toBe(version);
  });
});

describe('getMobilityPolicy', () => {
  it('finds a shipped version by name', () => {
    expect(getMobilityPolicy('mobility@2026-01-01')).toBe(MOBILITY_POLICY_2026);
    expect(MOBILITY_POLICIES).toContain(MOBILITY_POLICY_2026);
  });

  it('refuses an unknown version', () => {
    expect(() => getMobilityPolicy('mobility@2019-01-01')).toThrow(expect.objectContaining({ code: 'SOP_VERSION_UNKNOWN' }));
  });
});
