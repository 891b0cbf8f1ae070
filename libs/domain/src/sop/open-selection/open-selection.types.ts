import type { CommitteeSettings } from '../../selection/committee';
import type { JpmScheme, SelectionWeights } from '../../selection/scoring';
import type { OutsideBody, SelectionChain } from '../../selection/decision-chain';
import type { PresidentialApprovalPolicy } from '../../selection/presidential-approval';
import type { SopDefinition, SopDuration, SopRef } from '../sop.types';

/** The settings an open selection pins with its SOP version; the unconfirmed facts of domain.md §3–§4 live here. */
export interface OpenSelectionSettings {
  /** Eligible applicants each post needs before screening; ">3" per [S21]. */
  minApplicantsPerPost: number;
  /** How long a too-thin registration window is extended, and how often, before the PPK decides. */
  registrationExtension: SopDuration;
  maxExtensions: number;
  shortlistSize: number;
  weights: SelectionWeights;
  committee: CommitteeSettings;
  jpmScheme: JpmScheme;
  /** Version of the eligibility policy candidates are checked against. */
  eligibilityPolicy: string;
  /** Date the candidate's age is taken at: registration [S5] or the (planned) inauguration [S7]. */
  ageReference: 'registration';
  /** Who gives the external recommendation (KASN until 2024, BKN today, an independent body later: §7). */
  overseer: { code: string; name: { id: string; en: string } };
  /** At most this many child workflows are started per workflow task. */
  childStartWindow: number;
  /** SOP versions of the child workflows this selection runs. */
  children: { assessment: SopRef; committeeReview: SopRef; appointment: SopRef };
  /** Largest number of candidates one selection accepts. */
  maxCandidates: number;
  /** Who decides after the ranking (absent: pratama, the versions shipped before chains existed). */
  chain?: SelectionChain;
  /** The outside bodies whose decisions the chain records, by the step that records them. */
  bodies?: Readonly<Record<string, OutsideBody>>;
  /** The objection window after the signed ranking (1.1.0 on; absent: no objection stage). */
  objectionWindow?: SopDuration;
  /** Utama/madya chains from 1.0.0-utama / 1.0.1-madya: when replacing the incumbent needs the President's approval (absent: never asked). */
  presidentialApproval?: PresidentialApprovalPolicy;
}

export interface OpenSelectionSop extends SopDefinition {
  settings: OpenSelectionSettings;
}
