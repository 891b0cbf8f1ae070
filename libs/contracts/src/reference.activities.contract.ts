import type { FactsSnapshot, PoolEntry, PostHolder } from '@meritflow/domain';

/** Reference data the mobility rules read (election windows, Minister approvals, agency merit); implemented in apps/worker. */
export interface MobilityFacts {
  windows: { regionCode: string; candidatePairDetermination: string | null; termEnd: string | null; headInauguratedOn: string | null }[];
  approvals: { documentRef: string; approvedOn: string; regionCode: string }[];
  agencyMerit: { agencyCode: string; category: string; scheme: string; assessedOn: string } | null;
  /** The moved officials' register facts as of the evaluation date, when the move names them by NIP. */
  register?: FactsSnapshot[];
  /** Talent promotions under the pool-membership rule: the person's approved pool entry valid on the as-of date, or null. */
  talentPool?: PoolEntry | null;
}

/** Whose pool membership is asked about, in which agency, as of which date. */
export interface TalentPoolLookup {
  agencyCode: string;
  nip: string;
  asOf: string;
}

/** The people the register is asked about: whose register, and as of which date ('YYYY-MM-DD'). */
export interface RegisterLookup {
  agencyCode: string;
  nips: string[];
  asOf: string;
}

export interface ReferenceActivities {
  loadMobilityFacts(input: {
    regionCodes: string[];
    agencyCode: string;
    register?: RegisterLookup;
    talentPool?: TalentPoolLookup;
  }): Promise<MobilityFacts>;
  /** Register facts of `nips` as of `asOf`, each with its version and hash; NIPs the register lacks are listed in `missing`. */
  loadRegisterFacts(input: {
    agencyCode: string;
    nips: string[];
    asOf: string;
  }): Promise<{ snapshots: FactsSnapshot[]; missing: string[] }>;
  /** Who holds `postCode` in the agency's register as of `asOf` (the post history's open appointments), with since when. */
  loadPostHolders(input: { agencyCode: string; postCode: string; asOf: string }): Promise<PostHolder[]>;
}
