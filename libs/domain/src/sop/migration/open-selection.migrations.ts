import { openSelectionTestFast, openSelectionV1 } from '../open-selection/open-selection.v1';
import { openSelectionV1_1, openSelectionV1_1TestFast } from '../open-selection/open-selection.v1-1';
import type { SopDefinition } from '../sop.types';

/** One pair of open-selection versions: the running steps that may move (each to the same step of `to`). */
export interface StepListMapping {
  from: Readonly<SopDefinition>;
  to: Readonly<SopDefinition>;
  steps: readonly string[];
  note: { id: string; en: string };
  testOnly?: boolean;
}

/**
 * Steps of an open selection that move as they are: no child workflow runs there, and the objection
 * stage of 1.1.0 still lies ahead (a case at `ranking` has not signed it yet, so signing on 1.1.0
 * publishes the results and opens the window). Left out on purpose:
 * - `assessment`, `committee_review`, `appointment`: child workflows run there, and their results
 *   belong to the run that started them (the workflow also refuses any migration while a child runs,
 *   SOP_MIGRATION_CHILD_RUNNING);
 * - `external_review`, `ppk_decision`: the ranking is signed and the shortlist has gone to the overseer
 *   without an objection window; 1.1.0's objection stage is not applied after the fact, so such a case
 *   stays on 1.0.0 (an administrator records `keep`).
 */
const BEFORE_SHORTLIST = ['committee_formation', 'announcement', 'registration', 'low_applicants', 'screening', 'ranking'];

const OBJECTION_STAGE = {
  id: 'Versi 1.1.0 menambah masa sanggah setelah pemeringkatan; seleksi yang belum menandatangani peringkat pindah ke tahap yang sama dan melewati masa sanggah',
  en: 'Version 1.1.0 adds the objection stage after the ranking; a selection that has not signed its ranking moves to the same step and passes through the objection stage',
};

/** Open-selection pairs, as data. Chain variants (madya, Sekda) add their own pairs here. */
export const OPEN_SELECTION_MIGRATIONS: readonly StepListMapping[] = [
  { from: openSelectionV1, to: openSelectionV1_1, steps: BEFORE_SHORTLIST, note: OBJECTION_STAGE },
  // Test-only: the fast versions, with the child steps mapped too, so the workflow's own refusal while a
  // child runs (SOP_MIGRATION_CHILD_RUNNING) is exercised on the real stack; no child-free moment exists there.
  {
    from: openSelectionTestFast,
    to: openSelectionV1_1TestFast,
    steps: [...BEFORE_SHORTLIST, 'assessment', 'committee_review'],
    note: OBJECTION_STAGE,
    testOnly: true,
  },
];
