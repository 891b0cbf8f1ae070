import type { FactsSnapshot } from '@meritflow/domain';

/** Reference data the mobility rules read (election windows, Minister approvals, agency merit); implemented in apps/worker. */
export interface MobilityFacts {
  windows: { regionCode: string; candidatePairDetermination: string | null; termEnd: string | null; headInauguratedOn: string | null }[];
  approvals: { documentRef: string; approvedOn: string; regionCode: string }[];
  agencyMerit: { agencyCode: string; category: string; scheme: string; assessedOn: string } | null;
  /** The moved official's register facts as of the evaluation date, when the move names them by NIP. */
  person?: FactsSnapshot | null;
}

/** A person the register is asked about: whose register, and as of which date. */
export interface RegisterLookup {
  agencyCode: string;
  nip: string;
  /** 'YYYY-MM-DD' */
  asOf: string;
}

export interface ReferenceActivities {
  loadMobilityFacts(input: { regionCodes: string[]; agencyCode: string; person?: RegisterLookup }): Promise<MobilityFacts>;
  /** Register facts of `nips` as of `asOf`, each with its version and hash; NIPs the register lacks are listed in `missing`. */
  loadRegisterFacts(input: {
    agencyCode: string;
    nips: string[];
    asOf: string;
  }): Promise<{ snapshots: FactsSnapshot[]; missing: string[] }>;
}
