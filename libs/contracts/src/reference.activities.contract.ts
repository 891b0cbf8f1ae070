/** Reference data the mobility rules read (election windows, Minister approvals, agency merit); implemented in apps/worker. */
export interface MobilityFacts {
  windows: { regionCode: string; candidatePairDetermination: string | null; termEnd: string | null; headInauguratedOn: string | null }[];
  approvals: { documentRef: string; approvedOn: string; regionCode: string }[];
  agencyMerit: { agencyCode: string; category: string; scheme: string; assessedOn: string } | null;
}

export interface ReferenceActivities {
  loadMobilityFacts(input: { regionCodes: string[]; agencyCode: string }): Promise<MobilityFacts>;
}
