import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { TalentReviewPlacement } from '@meritflow/domain';
import { readStackState } from '../../../test/support/test-stack';
import { createDataSource } from './data-source';
import { TalentRepository, type StoredPool } from './talent.repository';

const { databaseUrl } = readStackState();
let ds: DataSource;
let repo: TalentRepository;

beforeAll(async () => {
  ds = createDataSource(databaseUrl, 'talent-int-spec');
  await ds.initialize();
  repo = new TalentRepository(ds);
});
afterAll(() => ds.destroy());

const agency = () => `PEMKAB-${randomBytes(3).toString('hex').toUpperCase()}`;
const NIP = '197504122000031001';

const placement = (nip: string): TalentReviewPlacement => ({
  nip,
  name: 'Budi',
  postCode: 'KABID-2',
  postType: 'administrator',
  placement: { performance: 'above', potential: 'high', box: 9 },
  scores: { performance: 97, potential: 94.33, final: 95.67 },
  inputs: { performanceMain: 100, performanceSupporting: 92.5, competency: 95, potential: 93.33, qualification: 90, integrity: 100 },
  sources: { ratings: [], assessedOn: '2026-05-20', jpmPercent: 95, education: 'S2', sanctions: [] },
  sanctionCheck: { rule: 'talentPoolSanction', ruleVersion: 'x', passed: true, fact: 'none', message: { id: 'a', en: 'b' } },
  registerVersion: 12,
});

const pool = (agencyCode: string, reviewId: string, o: Partial<StoredPool> = {}): StoredPool => ({
  reviewId,
  agencyCode,
  period: '2026',
  validFrom: '2027-01-01',
  validTo: '2027-12-31',
  approvedBy: 'komite-ketua',
  approvedAt: '2026-12-06T03:00:00.000Z',
  members: [{ nip: NIP, performance: 'above', potential: 'high', box: 9, adjusted: false }],
  ...o,
});

describe('TalentRepository', () => {
  it('stores a review’s placements once: a retry writes nothing more, and they read back as stored', async () => {
    const a = agency();
    const review = { reviewId: `talent-review:${a}:2026`, agencyCode: a, period: '2026', asOf: '2026-12-01', settingsVersion: 'v' };
    const excluded = { nip: '198001012005011002', name: 'Dedi', reason: 'not_assessed' as const, message: { id: 'x', en: 'y' } };
    expect(await repo.savePlacements(review, [placement(NIP)], [excluded])).toBe(2);
    expect(await repo.savePlacements(review, [placement(NIP)], [excluded])).toBe(0);
    const stored = await repo.placements(review.reviewId);
    expect(stored.placements).toEqual([placement(NIP)]);
    expect(stored.exclusions).toEqual([excluded]);
  });

  it('refuses to change or delete a stored placement or pool member (append-only)', async () => {
    const a = agency();
    const reviewId = `talent-review:${a}:2026`;
    await repo.savePlacements({ reviewId, agencyCode: a, period: '2026', asOf: '2026-12-01', settingsVersion: 'v' }, [placement(NIP)], []);
    await repo.savePool(pool(a, reviewId));
    await expect(ds.query(`UPDATE talent_review_placements SET box = 1 WHERE review_id = $1`, [reviewId])).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM talent_pools WHERE review_id = $1`, [reviewId])).rejects.toThrow(/append-only/);
  });

  it('finds the pool entry valid on a date, the latest approved when pools overlap, and none outside validity', async () => {
    const a = agency();
    expect(await repo.savePool(pool(a, `talent-review:${a}:2026`))).toBe(1);
    expect(await repo.savePool(pool(a, `talent-review:${a}:2026`))).toBe(0);
    await repo.savePool(
      pool(a, `talent-review:${a}:2027-S1`, {
        period: '2027-S1',
        validFrom: '2027-06-01',
        validTo: '2028-05-31',
        approvedAt: '2027-05-20T03:00:00.000Z',
        members: [{ nip: NIP, performance: 'meets', potential: 'high', box: 8, adjusted: true }],
      }),
    );
    expect(await repo.poolEntry(a, NIP, '2026-12-31')).toBeNull();
    expect(await repo.poolEntry(a, NIP, '2027-01-01')).toMatchObject({ reviewId: `talent-review:${a}:2026`, placement: { box: 9 } });
    expect(await repo.poolEntry(a, NIP, '2027-07-01')).toMatchObject({ reviewId: `talent-review:${a}:2027-S1`, placement: { box: 8 } });
    expect(await repo.poolEntry(a, NIP, '2028-05-31')).toMatchObject({ period: '2027-S1', validTo: '2028-05-31' });
    expect(await repo.poolEntry(a, NIP, '2028-06-01')).toBeNull();
    expect(await repo.poolEntry(agency(), NIP, '2027-07-01')).toBeNull();
    expect((await repo.pools(a)).map((p) => p.period)).toEqual(['2026', '2027-S1']);
  });
});
