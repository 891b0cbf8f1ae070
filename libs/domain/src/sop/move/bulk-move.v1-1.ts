import { defineSop } from '../sop.define';
import type { SopDefinition, SopStep } from '../sop.types';
import { bulkMoveV1 } from './bulk-move.v1';

/**
 * 1.1.0: the collective decree is guarded by the mobility rules as of its TMT, person by person, as a
 * single move's decree is (move SOP 1.1.0). A decree that would move anyone inside a blocked window is
 * refused and the attempt recorded; the PPK then excludes that person (reject and propose again) or the
 * approval that lifts the block is recorded first. 1.0.0 cases keep recording the decree unchecked.
 */
export const bulkMoveV1_1 = defineSop({
  ...bulkMoveV1,
  version: '1.1.0',
  effectiveFrom: '2026-12-01',
  steps: bulkMoveV1.steps.map((s): SopStep =>
    s.id === 'decree'
      ? {
          ...s,
          transitions: [
            { decision: 'record_decree', roles: ['hr_officer'], to: 'completed', requires: ['evidence'], guard: 'mobility_rules' },
          ],
        }
      : (s as SopStep),
  ),
} as SopDefinition);
