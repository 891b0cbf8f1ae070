import { HR, PPK, Stack, eventually, uniqueCode } from '../support/api-client';
import { isoYearsAgo, proposeInPages, regionInElectionBan, rotations } from '../support/move-fixtures';
import { BULK_MOVE_MAX_PEOPLE, CASE_SEARCH_ATTRIBUTES } from '@meritflow/contracts';

/*
 * A bulk move at its cap, the way an election year makes it: a regency's rotation round of 2,000
 * officials, every one inside the region's election ban and every other one also too short in post.
 * The batch's state then carries the rules' verdicts on every person: over 2 MB of JSON, and Temporal
 * refuses any single payload over 2 MB, a query's answer and a workflow's result alike. Before the
 * payload codec deflated large payloads, every GET of this batch failed once its people were checked
 * ("Blob data size exceeds limit"), so no one could see the batch, and a case workflow returns its
 * final state (the archive's dossier reads it), which the server would refuse too.
 */
jest.setTimeout(900_000);

const stack = new Stack();
afterAll(() => stack.close());

describe('a bulk move at its 2,000-person cap whose state is over Temporal’s 2 MB payload limit (issue 19)', () => {
  it('checks every person, and the PPK’s rejection ends the batch rejected, its whole final state kept as its result', async () => {
    const agency = uniqueCode('PEMKAB');
    const reg = await regionInElectionBan(stack);
    const moves = rotations(agency, reg, BULK_MOVE_MAX_PEOPLE).map((m, i) =>
      i % 2 === 0 ? { ...m, from: { ...m.from, since: isoYearsAgo(0, 200) } } : m,
    );
    const batch = await proposeInPages(stack, {
      agencyCode: agency,
      batchCode: uniqueCode('SK-ROTASI'),
      title: 'Rotasi tahunan pada tahun pilkada',
      moves,
    });
    expect(batch.pages).toBe(10);

    // Waits on the step's search attribute, which Temporal answers without the worker; then reads the
    // state once (each read of it is megabytes).
    const handle = (await stack.temporalClient()).workflow.getHandle(batch.id);
    await eventually(
      async () => (await handle.describe()).typedSearchAttributes.get(CASE_SEARCH_ATTRIBUTES.step) === 'awaiting_approval',
      600_000,
      `all ${BULK_MOVE_MAX_PEOPLE} checked`,
    );
    const read = await stack.call('GET', batch.path);
    expect(read.status).toBe(200);
    const checked = read.body;
    expect(checked.step).toBe('awaiting_approval');
    const members: { allowed: boolean; blocking: { rule: string }[] }[] = checked.members;
    expect(members).toHaveLength(BULK_MOVE_MAX_PEOPLE);
    expect(members.every((m) => !m.allowed && m.blocking.some((v) => v.rule === 'electionMoratorium'))).toBe(true);
    expect(members.filter((m) => m.blocking.some((v) => v.rule === 'rotationTenureWindow'))).toHaveLength(BULK_MOVE_MAX_PEOPLE / 2);
    // What the batch returns when it ends: over Temporal's limit on one payload, as JSON.
    expect(Buffer.byteLength(JSON.stringify(checked))).toBeGreaterThan(2 * 2 ** 20);

    const rejected = await stack.call('POST', `${batch.path}/decisions`, {
      actor: PPK,
      body: { decision: 'reject_batch', reason: 'Seluruh pegawai dalam masa larangan pilkada tanpa persetujuan Mendagri' },
    });
    expect(rejected.status).toBe(200);

    const final = await handle.result();
    expect({ step: final.step, members: final.members.length }).toEqual({ step: 'rejected', members: BULK_MOVE_MAX_PEOPLE });
    expect((await handle.describe()).status.name).toBe('COMPLETED');
    const after = (await stack.call('GET', batch.path)).body;
    expect(after.terminal).toBe(true);
    expect(after.decisions.map((d: { decision: string }) => d.decision)).toContain('reject_batch');
  });
});
