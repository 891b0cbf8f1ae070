import { listSops } from './sop-registry';

// Which decisions end, refuse or undo something, so that a person is asked to confirm before sending
// one. A presentational trait of a decision code, the same in every version of every SOP that offers
// the code: kept here once, beside the SOPs, rather than on each (frozen, shipped) SOP version, whose
// meaning a flag must not change and which would otherwise have to repeat it per version.

/** Decision codes that end, refuse or undo something. A spec checks each is a decision some SOP offers. */
export const DESTRUCTIVE_DECISIONS: ReadonlySet<string> = new Set([
  'reject',
  'reject_batch',
  'withdraw',
  'cancel_selection',
  'close',
  'close_case',
  'refuse_release',
  'appeal_upheld',
  'decide_sanction',
  'excluded_from_batch',
]);

/** Whether taking `decision` ends, refuses or undoes something (the console then asks for confirmation). */
export const isDestructiveDecision = (decision: string): boolean => DESTRUCTIVE_DECISIONS.has(decision);

/** Every decision code a shipped SOP offers at a step or takes by itself. */
export const sopDecisionCodes = (): ReadonlySet<string> =>
  new Set(listSops().flatMap((s) => s.steps.flatMap((st) => [...st.transitions, ...(st.auto ?? [])].map((t) => t.decision))));
