import type { Golongan } from '../personnel/golongan';
import type { PositionClass } from '../personnel/position';
import type { SanctionLevel } from '../selection/candidate';

/** The personnel moves of domain.md §2.3–§2.6 that the mobility rules judge. */
export const MOVE_KINDS = ['mutation', 'rotation', 'talent_promotion'] as const;
export type MoveKind = (typeof MOVE_KINDS)[number];

/** Who decides a mutation depends on how far it reaches (domain.md §2.5); rotations are intra-agency. */
export const MUTATION_SCOPES = ['intra_agency', 'inter_agency_province', 'inter_province'] as const;
export type MutationScope = (typeof MUTATION_SCOPES)[number];

/** A post a move leaves or enters. `level` is the job class/level, e.g. 'administrator', 'ahli_muda'. */
export interface MovePost {
  agencyCode: string;
  /** Region code as in the Pilkada calendar (ElectionWindowFacts.regionCode). */
  regionCode: string;
  positionCode: string;
  positionClass: PositionClass | 'pelaksana';
  level: string;
}

/** Everything a move is judged on; dates are 'YYYY-MM-DD'. */
export interface MoveFacts {
  kind: MoveKind;
  scope: MutationScope;
  atOwnRequest: boolean;
  person: {
    nip: string;
    name: string;
    golongan: Golongan;
    /** CPNS TMT; the first day of the NIP's TMT month is fine. */
    cpnsTmt: string;
    sanctions: { level: SanctionLevel; imposedOn: string; endsOn?: string }[];
  };
  from: MovePost & {
    /** In the current post since. */
    since: string;
    /** JPT holders: the inauguration date, from which the 2-year protection runs. */
    inauguratedOn?: string;
  };
  to: MovePost;
}

/**
 * One region's Pilkada calendar (UU 10/2016 Pasal 71(2), 162(3)): the candidate-pair determination,
 * the end of the incumbent's term, and the inauguration of the newly elected head. Null when not set.
 */
export interface ElectionWindowFacts {
  regionCode: string;
  candidatePairDetermination: string | null;
  termEnd: string | null;
  headInauguratedOn: string | null;
}

/** A written approval of the Minister of Home Affairs (Mendagri) for replacing officials in a region. */
export interface MinisterApproval {
  documentRef: string;
  approvedOn: string;
  regionCode: string;
}
