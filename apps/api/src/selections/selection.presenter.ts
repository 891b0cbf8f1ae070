import type { CandidateView, EligibilityReasonText } from '@meritflow/contracts';

/**
 * Each candidate's failed eligibility rules as plain text in both languages, under
 * `eligibility.messages`, so a reader needs not know the verdict's check structure.
 */
export function withEligibilityMessages<T extends { candidates: CandidateView[] }>(state: T): T {
  return {
    ...state,
    candidates: state.candidates.map((c) => ({
      ...c,
      eligibility: {
        ...c.eligibility,
        messages: c.eligibility.reasons.map((r): EligibilityReasonText => ({ rule: r.rule, id: r.message.id, en: r.message.en })),
      },
    })),
  };
}
