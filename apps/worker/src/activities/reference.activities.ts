import { Inject, Injectable } from '@nestjs/common';
import { MobilityReferenceRepository } from '@meritflow/persistence';
import type { MobilityFacts, ReferenceActivities } from '@meritflow/contracts';

/** Reads the reference data the mobility rules judge a move on; read-only, so retries are harmless. */
@Injectable()
export class ReferenceActivitiesImpl implements ReferenceActivities {
  constructor(@Inject(MobilityReferenceRepository) private readonly repo: MobilityReferenceRepository) {}

  async loadMobilityFacts(input: { regionCodes: string[]; agencyCode: string }): Promise<MobilityFacts> {
    const [windows, approvals, merit] = await Promise.all([
      this.repo.electionWindows(input.regionCodes),
      this.repo.ministerApprovals(input.regionCodes),
      this.repo.agencyMerit(input.agencyCode),
    ]);
    return {
      windows: windows.map((w) => ({ ...w })),
      approvals: approvals.map((a) => ({ documentRef: a.documentRef, approvedOn: a.approvedOn, regionCode: a.regionCode })),
      agencyMerit: merit
        ? { agencyCode: merit.agencyCode, category: merit.category, scheme: merit.scheme, assessedOn: merit.assessedOn }
        : null,
    };
  }

  asActivities(): ReferenceActivities {
    return { loadMobilityFacts: this.loadMobilityFacts.bind(this) };
  }
}
