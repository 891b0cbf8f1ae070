import { HR, Stack } from '../support/api-client';
import { asMember, uploadEvidence } from '../support/selection-fixtures';
import { candidateActor } from '../support/chain-fixtures';
import { MADYA_OBJECTION_SOP, runMadyaSelectionWithObjection } from '../support/senior-chain-runs';

const stack = new Stack();
afterAll(() => stack.close());

interface Decision {
  decision: string;
  actor: { id: string; role: string };
  evidence: unknown[];
  payload: Record<string, unknown>;
  sop: { id: string; version: string };
}

describe('a JPT madya selection on the 1.1.0 chain: the objection stage, then the governor, the Minister, the TPA and the Keppres', () => {
  it('publishes the ranking, takes a candidate’s objection, has the chair answer it, then runs the chain to the appointment', async () => {
    const refusedInWindow: number[] = [];
    const refusedInReview: number[] = [];
    const governorPropose = async (sel: { path: string; postCode: string; agencyCode: string; ranked: string[] }) =>
      stack.call('POST', `${sel.path}/decisions`, {
        actor: HR,
        body: {
          decision: 'governor_propose',
          postCode: sel.postCode,
          nominees: sel.ranked.slice(0, 3),
          evidence: [await uploadEvidence(stack, 'surat_usulan_gubernur', sel.agencyCode)],
        },
      });
    let ownResult: Record<string, unknown> | undefined;
    const sel = await runMadyaSelectionWithObjection(stack, {
      inWindow: async (s) => {
        // The chain cannot start while candidates may still object, nor the chair answer before the window closes.
        refusedInWindow.push((await governorPropose(s)).status);
        const early = await stack.call('POST', `${s.path}/decisions`, {
          actor: asMember(s.members[0]),
          body: { decision: 'answer_objection', nip: s.ranked[3], upheld: false, reason: 'Terlalu dini' },
        });
        refusedInWindow.push(early.status);
        ownResult = (await stack.call('GET', `${s.path}/my-result`, { actor: candidateActor(s.ranked[3], s.agencyCode) })).body;
      },
      inReview: async (s) => void refusedInReview.push((await governorPropose(s)).status),
    });

    expect(sel.opened).toMatchObject({ chain: 'madya', sop: { id: 'open-selection', version: MADYA_OBJECTION_SOP } });
    expect(refusedInWindow).toEqual([409, 409]);
    expect(refusedInReview).toEqual([409]);
    expect(ownResult).toMatchObject({ nip: sel.objector, rank: 4, shortlisted: false, objection: null, objectionWindow: { open: true } });

    const [first, second, third] = sel.ranked;
    const closed = sel.closed;
    expect(closed.step).toBe('closed');
    expect(closed.appointments[sel.postCode]).toMatchObject({ nip: first });
    expect(closed.objections).toEqual([expect.objectContaining({ nip: sel.objector, answer: expect.objectContaining({ upheld: false }) })]);
    expect(closed.chain).toMatchObject({
      name: 'madya',
      posts: {
        [sel.postCode]: {
          governorProposal: { body: 'GUBERNUR', nominees: [first, second, third], by: HR.id },
          ministerForward: { body: 'MENDAGRI' },
          tpaAssessment: { body: 'TPA' },
          keppres: { body: 'PRESIDEN', nip: first, decreeNumber: '46/TPA/2026' },
        },
      },
    });

    // The ledger holds the objection stage before the chain, in this order; the refusals recorded nothing.
    const rows = closed.decisions as Decision[];
    const order = [
      'sign_ranking',
      'results_published',
      'file_objection',
      'objection_window_closed',
      'answer_objection',
      'objections_answered',
      'governor_propose',
      'minister_forward',
      'tpa_assess',
      'tpa_assessed',
      'record_keppres',
    ];
    expect(rows.map((d) => d.decision).filter((d) => order.includes(d))).toEqual(order);
    // Every row of the selection itself (the children's rows carry their own SOPs) under the pinned version.
    const own = rows.filter((d) => d.sop.id === 'open-selection');
    expect(own.length).toBeGreaterThanOrEqual(order.length);
    expect(own.filter((d) => d.sop.version !== MADYA_OBJECTION_SOP)).toEqual([]);
    const objection = rows.find((d) => d.decision === 'file_objection')!;
    expect(objection).toMatchObject({ actor: { id: sel.objector, role: 'candidate' } });
    expect(objection.evidence).toHaveLength(1);
    expect(rows.find((d) => d.decision === 'answer_objection')!).toMatchObject({
      actor: { id: asMember(sel.members[0]).id },
      payload: { nip: sel.objector, upheld: false },
    });
    // No incumbent in the register: the TPA's assessment went straight to the Keppres, with that verdict in its row.
    expect(rows.map((d) => d.decision)).not.toContain('president_approval_required');
    expect(rows.find((d) => d.decision === 'tpa_assessed')!.payload.presidentialApproval).toEqual([
      expect.objectContaining({ postCode: sel.postCode, required: false }),
    ]);
  });
});
