import { Inject, Injectable } from '@nestjs/common';
import { MobilityReferenceRepository, RegisterReferenceRepository, RegisterRepository, TalentRepository } from '@meritflow/persistence';
import type { MobilityFacts, ReferenceActivities, RegisterLookup, TalentPoolLookup } from '@meritflow/contracts';

/** Reads the reference data the mobility rules judge a move on; read-only, so retries are harmless. */
@Injectable()
export class ReferenceActivitiesImpl implements ReferenceActivities {
  constructor(
    @Inject(MobilityReferenceRepository) private readonly repo: MobilityReferenceRepository,
    @Inject(RegisterRepository) private readonly register: RegisterRepository,
    @Inject(TalentRepository) private readonly talent: TalentRepository,
    @Inject(RegisterReferenceRepository) private readonly posts: RegisterReferenceRepository,
  ) {}

  async loadMobilityFacts(input: {
    regionCodes: string[];
    agencyCode: string;
    register?: RegisterLookup;
    talentPool?: TalentPoolLookup;
  }): Promise<MobilityFacts> {
    const [windows, approvals, merit, register, pool] = await Promise.all([
      this.repo.electionWindows(input.regionCodes),
      this.repo.ministerApprovals(input.regionCodes),
      this.repo.agencyMerit(input.agencyCode),
      input.register ? this.register.snapshots(input.register.agencyCode, input.register.nips, input.register.asOf) : null,
      input.talentPool ? this.talent.poolEntry(input.talentPool.agencyCode, input.talentPool.nip, input.talentPool.asOf) : undefined,
    ]);
    return {
      windows: windows.map((w) => ({ ...w })),
      approvals: approvals.map((a) => ({ documentRef: a.documentRef, approvedOn: a.approvedOn, regionCode: a.regionCode })),
      agencyMerit: merit
        ? { agencyCode: merit.agencyCode, category: merit.category, scheme: merit.scheme, assessedOn: merit.assessedOn }
        : null,
      ...(register ? { register: register.snapshots } : {}),
      ...(pool !== undefined ? { talentPool: pool } : {}),
    };
  }

  loadRegisterFacts(input: { agencyCode: string; nips: string[]; asOf: string }) {
    return this.register.snapshots(input.agencyCode, input.nips, input.asOf);
  }

  loadPostHolders(input: { agencyCode: string; postCode: string; asOf: string }) {
    return this.posts.postHolders(input.agencyCode, input.postCode, input.asOf);
  }

  asActivities(): ReferenceActivities {
    return {
      loadMobilityFacts: this.loadMobilityFacts.bind(this),
      loadRegisterFacts: this.loadRegisterFacts.bind(this),
      loadPostHolders: this.loadPostHolders.bind(this),
    };
  }
}
