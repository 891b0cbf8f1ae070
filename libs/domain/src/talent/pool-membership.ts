import type { LocalizedText } from '../i18n/messages';
import type { NineBoxPlacement } from '../mobility/talent';

/** An approved talent pool's entry for one official: the review it came from and its validity. */
export interface PoolEntry {
  reviewId: string;
  agencyCode: string;
  period: string;
  validFrom: string;
  validTo: string;
  approvedAt: string;
  placement: NineBoxPlacement;
}

export const POOL_MEMBERSHIP_RULE_VERSION = 'talent-pool-membership@2027-01-01';

/**
 * The talent-promotion route requires membership of an approved pool valid on the decision's
 * effective date (Kepka BKN 411/2025; PermenPANRB 3/2020 jo 20/2025). `entry` is the pool the
 * person belongs to on `asOf`, or null. Returns the verdict with the review it rests on.
 */
export function poolMembership(
  nip: string,
  entry: PoolEntry | null,
  asOf: string,
): { passed: boolean; fact: string; message: LocalizedText; ruleVersion: string } {
  if (entry === null || entry.validFrom > asOf || asOf > entry.validTo) {
    return {
      passed: false,
      ruleVersion: POOL_MEMBERSHIP_RULE_VERSION,
      fact: `${nip} not in an approved pool valid on ${asOf}`,
      message: {
        id: `pegawai ${nip} tidak termasuk kelompok rencana suksesi yang disetujui dan berlaku pada ${asOf}; promosi melalui jalur talenta mensyaratkannya`,
        en: `official ${nip} is not in an approved talent pool valid on ${asOf}; the talent-promotion route requires it`,
      },
    };
  }
  const p = entry.placement;
  return {
    passed: true,
    ruleVersion: POOL_MEMBERSHIP_RULE_VERSION,
    fact: `pool of ${entry.reviewId} (period ${entry.period}, valid ${entry.validFrom}..${entry.validTo}): box ${p.box} ${p.performance}/${p.potential}`,
    message: {
      id: `termasuk kelompok rencana suksesi hasil ${entry.reviewId} (periode ${entry.period}, berlaku ${entry.validFrom} s.d. ${entry.validTo}), kotak ${p.box} (kinerja ${p.performance}, potensial ${p.potential})`,
      en: `in the talent pool of ${entry.reviewId} (period ${entry.period}, valid ${entry.validFrom} to ${entry.validTo}), box ${p.box} (performance ${p.performance}, potential ${p.potential})`,
    },
  };
}
