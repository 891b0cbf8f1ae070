import { decisionAnswer, type DecisionAck } from './selection.contract';

describe('decisionAnswer (the API answer to a decision on a selection)', () => {
  const ack: DecisionAck = {
    workflowId: 'open-selection:PEMKAB-X:SEL-1',
    step: 'screening',
    status: 'screening',
    terminal: false,
    decisionCount: 7,
  };

  it('is the acknowledgement and the decision taken', () => {
    expect(decisionAnswer(ack, 'screen_candidate')).toEqual({ ...ack, decision: 'screen_candidate' });
  });

  it('carries nothing else, whatever the update returned (no candidate, no state)', () => {
    const wide = { ...ack, candidates: [{ nip: '197801012000031001' }], blindScoring: { codes: {} } } as DecisionAck;
    const answer = decisionAnswer(wide, 'screen_candidate');
    expect(Object.keys(answer).sort()).toEqual(['decision', 'decisionCount', 'status', 'step', 'terminal', 'workflowId']);
    expect(JSON.stringify(answer)).not.toContain('197801012000031001');
  });
});
