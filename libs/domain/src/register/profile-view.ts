import type { JpmScheme } from '../selection/scoring';
import type { CaseParticipation } from './case-participation';
import { competencyGap, type CompetencyGap } from './competency-gap';
import type { RegisterPost, RegisterUnit } from './reference-data';
import type { PersonProfile } from './register.types';

/** Why a fit has no job-person match: shown to the reader instead of an empty box. */
export type PostFitGap = 'no_post' | 'post_not_registered' | 'no_standard' | 'not_assessed';

/** An official's latest assessment against one post's competency standard. */
export interface PostFit {
  postCode: string | null;
  post: RegisterPost | null;
  gap: CompetencyGap | null;
  /** Null when the JPM could be computed. */
  missing: PostFitGap | null;
}

/**
 * The fit of `profile` to the post `postCode` (null: no post). `post` is that post's reference data,
 * null when the agency has not registered it.
 */
export function postFit(profile: PersonProfile, postCode: string | null, post: RegisterPost | null, scheme: JpmScheme): PostFit {
  if (postCode === null) return { postCode, post: null, gap: null, missing: 'no_post' };
  if (post === null) return { postCode, post: null, gap: null, missing: 'post_not_registered' };
  if (post.competencyStandard.length === 0) return { postCode, post, gap: null, missing: 'no_standard' };
  const gap = competencyGap(profile, post.competencyStandard, scheme);
  return { postCode, post, gap, missing: gap.jpm === null ? 'not_assessed' : null };
}

export interface ProfileView extends PersonProfile {
  /** Names of the units the profile mentions (its unit, its posts' units), by code; units not registered are left out. */
  unitNames: Record<string, string>;
  competencyFit: {
    scheme: string;
    /** Against the post held on the profile's date. */
    current: PostFit;
    /** Against the post asked for (`?postCode=`), for "fit for a target post". */
    target: PostFit | null;
  };
  cases: { items: CaseParticipation[]; total: number };
}

/**
 * What the profile page shows: the derived profile, unit names, the competency gap against the post
 * held and optionally a target post, and the cases the official took part in. Pure shaping; the
 * caller loads the reference data and the cases.
 */
export function profileView(
  profile: PersonProfile,
  ref: {
    units: readonly RegisterUnit[];
    currentPost: RegisterPost | null;
    target: { postCode: string; post: RegisterPost } | null;
    scheme: JpmScheme;
    cases: { items: CaseParticipation[]; total: number };
  },
): ProfileView {
  const mentioned = new Set([profile.unitCode, ...profile.positionHistory.map((p) => p.unitCode)]);
  const unitNames = Object.fromEntries(ref.units.filter((u) => mentioned.has(u.code)).map((u) => [u.code, u.name]));
  const held = profile.position?.postCode ?? null;
  return {
    ...profile,
    unitNames,
    competencyFit: {
      scheme: ref.scheme.id,
      current: postFit(profile, held, ref.currentPost, ref.scheme),
      target: ref.target ? postFit(profile, ref.target.postCode, ref.target.post, ref.scheme) : null,
    },
    cases: ref.cases,
  };
}
