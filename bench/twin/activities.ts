import type { TwinActivities } from './contracts';

/** No-op activities for the twin worker (benchmark only). */
export const twinActivities: TwinActivities = {
  async recordDecision() {
    return { inserted: true };
  },
  async computeDeadline({ startedAt, seconds }) {
    return new Date(Date.parse(startedAt) + seconds * 1000).toISOString();
  },
  async loadFacts({ nips }) {
    return { nips: nips.length };
  },
};
