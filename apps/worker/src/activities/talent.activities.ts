import { Inject, Injectable } from '@nestjs/common';
import {
  placeOfficial,
  summariseExclusion,
  summarisePlacement,
  talentReviewSettingsInForce,
  type TalentReviewExclusion,
  type TalentReviewPlacement,
} from '@meritflow/domain';
import { TalentRepository } from '@meritflow/persistence';
import type { TalentActivities, TalentReviewComputation } from '@meritflow/contracts';

/**
 * The talent review's I/O: placements computed from the agency's register and stored once per review
 * and NIP, and the approved pool stored once. A retry reads back what the first attempt stored, so
 * the review keeps the placements it first computed even if the register changed since.
 */
@Injectable()
export class TalentActivitiesImpl implements TalentActivities {
  constructor(@Inject(TalentRepository) private readonly talent: TalentRepository) {}

  async computeTalentReview(input: {
    reviewId: string;
    agencyCode: string;
    period: string;
    asOf: string;
  }): Promise<TalentReviewComputation> {
    const settings = talentReviewSettingsInForce(input.asOf);
    const summary = (stored: Awaited<ReturnType<TalentRepository['placements']>>): TalentReviewComputation => ({
      settingsVersion: settings.version,
      asOf: input.asOf,
      placements: stored.placements.map(summarisePlacement),
      exclusions: stored.exclusions.map(summariseExclusion),
    });
    const stored = await this.talent.placements(input.reviewId);
    if (stored.placements.length + stored.exclusions.length > 0) return summary(stored);
    const placements: TalentReviewPlacement[] = [];
    const exclusions: TalentReviewExclusion[] = [];
    for (const profile of await this.talent.profilesOfAgency(input.agencyCode, input.asOf)) {
      const r = placeOfficial(profile, settings);
      if ('placed' in r) placements.push(r.placed);
      else exclusions.push(r.excluded);
    }
    await this.talent.savePlacements({ ...input, settingsVersion: settings.version }, placements, exclusions);
    return summary(await this.talent.placements(input.reviewId));
  }

  async recordTalentPool(input: Parameters<TalentActivities['recordTalentPool']>[0]): Promise<{ inserted: number }> {
    return { inserted: await this.talent.savePool(input) };
  }

  asActivities(): TalentActivities {
    return {
      computeTalentReview: this.computeTalentReview.bind(this),
      recordTalentPool: this.recordTalentPool.bind(this),
    };
  }
}
