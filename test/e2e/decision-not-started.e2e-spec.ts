import { randomBytes } from 'node:crypto';
import { PPK, Stack, vacancyPath, vacancyProposal } from '../support/api-client';

const stack = new Stack();
afterAll(() => stack.close());

describe('a decision for a case that has not started yet', () => {
  it('answers 503 with a code instead of holding the request until a worker reaches the case', async () => {
    const proposal = vacancyProposal();
    const workflowId = `vacancy:${proposal.agencyCode}:${proposal.positionCode}`;
    const client = await stack.temporalClient();
    // Started on a task queue no worker polls: the case waits in Temporal's backlog, as it did behind
    // a burst of 20,000 starts in the cluster bench.
    await client.workflow.start('vacancyWorkflow', {
      taskQueue: `nobody-polls-${randomBytes(4).toString('hex')}`,
      workflowId,
      args: [],
    });
    try {
      const res = await stack.call('POST', `${vacancyPath(proposal)}/decisions`, {
        actor: PPK,
        body: { decision: 'approve', fillingMethod: 'open_selection' },
      });
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(JSON.stringify(res.body)).toContain(workflowId);
    } finally {
      await client.workflow.getHandle(workflowId).terminate('test finished');
    }
  });
});
