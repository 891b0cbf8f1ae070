import { listSops } from '@meritflow/domain';
import { SELECTION_CASE_TYPE, SELECTION_DECISION_KINDS } from '@meritflow/contracts';
import { SELECTION_DECISION_HANDLERS } from './selection-decisions';

/** Every decision a person can take in any open-selection SOP version, shipped or test-only. */
const sopDecisions = [
  ...new Set(
    listSops()
      .filter((s) => s.id === SELECTION_CASE_TYPE)
      .flatMap((s) => s.steps.flatMap((st) => st.transitions.map((t) => t.decision))),
  ),
];

describe('the selection decision registry', () => {
  it('lists exactly the decisions the selection SOPs offer', () => {
    expect(sopDecisions.length).toBeGreaterThan(0);
    expect([...SELECTION_DECISION_KINDS].sort()).toEqual([...sopDecisions].sort());
  });

  it('has a validate and an apply for every decision of the contracts, and nothing else', () => {
    expect(Object.keys(SELECTION_DECISION_HANDLERS).sort()).toEqual([...SELECTION_DECISION_KINDS].sort());
    for (const h of Object.values(SELECTION_DECISION_HANDLERS)) {
      expect(typeof h.validate).toBe('function');
      expect(typeof h.apply).toBe('function');
    }
  });
});
