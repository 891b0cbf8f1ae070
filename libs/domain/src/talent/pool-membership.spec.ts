import { poolMembership, type PoolEntry } from './pool-membership';

const entry: PoolEntry = {
  reviewId: 'talent-review:PEMKAB-X:2026',
  agencyCode: 'PEMKAB-X',
  period: '2026',
  validFrom: '2027-01-01',
  validTo: '2027-12-31',
  approvedAt: '2026-12-06T03:00:00.000Z',
  placement: { performance: 'above', potential: 'high', box: 9 },
};

describe('poolMembership', () => {
  it.each([
    ['no pool entry', null, '2027-03-01', false],
    ['the day before the pool is valid', entry, '2026-12-31', false],
    ['the first day of validity', entry, '2027-01-01', true],
    ['the last day of validity', entry, '2027-12-31', true],
    ['after the pool lapsed', entry, '2028-01-01', false],
  ])('%s: %j as of %s → passed %s', (_name, e, asOf, passed) => {
    expect(poolMembership('197504122000031001', e, asOf).passed).toBe(passed);
  });

  it('names the review, its period and the placement the membership rests on', () => {
    const v = poolMembership('197504122000031001', entry, '2027-06-01');
    expect(v.fact).toContain('talent-review:PEMKAB-X:2026');
    expect(v.message.id).toContain('periode 2026');
    expect(v.message.en).toContain('box 9');
  });
});
