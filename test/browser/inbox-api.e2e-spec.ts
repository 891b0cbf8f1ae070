import { HR, PPK, Stack, eventually, uniqueCode, vacancyProposal } from '../support/api-client';
import { openSelection } from '../support/selection-fixtures';

/** GET /api/v1/inbox, the console's first screen, against the running stack. */
describe('the inbox', () => {
  const stack = new Stack();
  afterAll(() => stack.close());

  const tasksOf = async (actor: typeof PPK & { agency?: string }) => {
    const res = await stack.call('GET', '/v1/inbox', { actor });
    expect(res.status).toBe(200);
    return res.body as {
      tasks: { caseId: string; decision: string; options?: string[]; role: string; overdue: boolean }[];
      cases: { caseId: string }[];
    };
  };

  it("lists a vacancy awaiting the PPK and an opened selection's committee formation for their agency's PPK only", async () => {
    const agencyCode = uniqueCode('PEMKAB');
    const proposal = vacancyProposal({ agencyCode });
    const v = await stack.call('POST', '/v1/vacancies', { body: proposal });
    expect(v.status).toBe(201);
    const ppk = { ...PPK, agency: agencyCode };
    // The cases read model is written with the ledger row, just after the proposal is answered.
    const inbox = await eventually(async () => {
      const i = await tasksOf(ppk);
      return i.cases.some((c) => c.caseId === v.body.workflowId) && i;
    });
    expect(inbox.tasks).toEqual([
      expect.objectContaining({
        caseId: v.body.workflowId,
        role: 'ppk',
        decision: 'approve',
        options: ['approve', 'reject'],
        overdue: false,
      }),
    ]);
    // HR of the agency sees the case open, but no task of theirs in it.
    const hr = await tasksOf({ ...HR, agency: agencyCode });
    expect(hr.cases.map((c) => c.caseId)).toContain(v.body.workflowId);
    expect(hr.tasks.filter((t) => t.caseId === v.body.workflowId)).toEqual([]);
    // Another agency's PPK sees neither the case nor the task.
    const other = await tasksOf({ ...PPK, agency: uniqueCode('PEMKAB') });
    expect(other.cases.map((c) => c.caseId)).not.toContain(v.body.workflowId);
    expect(other.tasks).toEqual([]);

    const sel = await openSelection(stack);
    const ppkOfSelection = await eventually(async () => {
      const i = await tasksOf({ ...PPK, agency: sel.agencyCode });
      return i.cases.some((c) => c.caseId === sel.id) && i;
    });
    expect(ppkOfSelection.tasks).toEqual(
      expect.arrayContaining([expect.objectContaining({ caseId: sel.id, decision: 'form_committee', role: 'ppk' })]),
    );
    // The approved vacancy is no longer the PPK's task.
    expect(ppkOfSelection.tasks.filter((t) => t.caseId === sel.vacancyId)).toEqual([]);
  });

  it('answers 401 without a token', async () => {
    expect((await stack.call('GET', '/v1/inbox', { actor: null })).status).toBe(401);
  });
});
