import { HR, PPK, Stack, eventually, uniqueCode } from '../support/api-client';
import { namedMoves } from '../support/register-fixtures';
import { evidence, proposeInPages, region, rotations } from '../support/move-fixtures';

const stack = new Stack();
afterAll(() => stack.close());

const post = (path: string, actor: typeof HR, body: Record<string, unknown>) => stack.call('POST', path, { actor, body });
/** Today as a WIB calendar date: decrees are dated today, well inside the backdating limit. */
const today = () => new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
/** A tenth of Temporal's limits per history (51,200 events, 50 MB). */
const TENTH = { events: 5_120, bytes: 5 * 1024 * 1024 };

describe('a bulk rotation larger than one request (issue 19)', () => {
  it('moves 30 officials proposed in three pages: each checked, one decree whose annex lists all 30, every history under a tenth of the limits', async () => {
    const agency = uniqueCode('PEMKAB');
    const reg = await region(stack);
    const moves = rotations(agency, reg, 30);
    const batch = await proposeInPages(
      stack,
      {
        agencyCode: agency,
        batchCode: uniqueCode('SK-ROTASI'),
        title: 'Rotasi tahunan 2027',
        moves,
      },
      12,
    );
    // Pages of 12 exercise the same path as pages of 200 (BULK_MOVE_PAGE_MAX); the bench runs 1,000.
    expect(batch.pages).toBe(3);

    const checked = await eventually(
      async () => {
        const s = (await stack.call('GET', batch.path)).body;
        return s.step === 'awaiting_approval' ? s : undefined;
      },
      // Each person is a workflow of their own.
      120_000,
      'all 30 checked',
    );
    expect(checked.open).toBe(false);
    expect(checked.members).toHaveLength(30);
    expect(checked.members.every((m: { checked: boolean; allowed: boolean }) => m.checked && m.allowed)).toBe(true);

    expect((await post(`${batch.path}/decisions`, PPK, { decision: 'approve_batch' })).status).toBe(200);
    const decreed = await post(`${batch.path}/decisions`, HR, {
      decision: 'record_decree',
      decreeNumber: '821.2/30/2027',
      effectiveDate: today(),
      evidence: await evidence(stack, 'sk_kolektif', agency),
    });
    expect(decreed.status).toBe(200);

    const done = await eventually(
      async () => {
        const s = (await stack.call('GET', batch.path)).body;
        const moved = s.decisions.filter((d: { decision: string }) => d.decision === 'included_in_decree');
        return s.terminal && moved.length === 30 ? s : undefined;
      },
      120_000,
      'the batch and its 30 people to finish',
    );
    expect(done.decree).toEqual({ number: '821.2/30/2027', effectiveDate: today() });
    expect(done.annex).toHaveLength(30);
    expect(new Set(done.annex.map((a: { nip: string }) => a.nip))).toEqual(new Set(moves.map((m) => m.person.nip)));
    const names: string[] = done.decisions.map((d: { decision: string }) => d.decision);
    expect(names.filter((n) => n === 'member_checked')).toHaveLength(30);
    // The first page opens the batch; each later page is a members_added row.
    expect(names.filter((n) => n === 'members_added')).toHaveLength(batch.pages - 1);

    const client = await stack.temporalClient();
    for (const id of [batch.id, `${batch.id}:part:1`, `${batch.id}:part:2`, `${batch.id}:part:3`]) {
      const handle = client.workflow.getHandle(id);
      await handle.result();
      const d = await handle.describe();
      expect({ id, status: d.status.name }).toEqual({ id, status: 'COMPLETED' });
      expect(d.historyLength).toBeLessThan(TENTH.events);
      expect(d.historySize).toBeLessThan(TENTH.bytes);
    }
    // The batch's own history grows with its pages, not its people.
    expect((await client.workflow.getHandle(batch.id).describe()).historyLength).toBeLessThan(200);
  }, 600_000);

  it('refuses a bad page with a 4xx naming the field or rule, recording nothing, and closes the list with an empty last page', async () => {
    const agency = uniqueCode('PEMKAB');
    const reg = await region(stack);
    const [first, second] = rotations(agency, reg, 2);
    const created = await post(
      '/v1/bulk-moves',
      HR,
      await namedMoves(stack, { agencyCode: agency, batchCode: uniqueCode('SK'), title: 'Rotasi bertahap', moves: [first], open: true }),
    );
    expect(created.status).toBe(201);
    expect(created.body.open).toBe(true);
    const path = `/v1/bulk-moves/${created.body.workflowId}`;
    // The batch's own rows: its people record theirs meanwhile.
    const recorded = async () =>
      (await stack.call('GET', path)).body.decisions.filter((d: { workflowId: string }) => d.workflowId === created.body.workflowId)
        .length as number;
    await eventually(async () => (await recorded()) >= 1, 30_000, 'the proposal recorded');
    const before = await recorded();

    const again = await post(`${path}/members`, HR, await namedMoves(stack, { moves: [first] }));
    expect(again.status).toBe(400);
    expect(again.body.details.fields.map((f: { field: string; rule: string }) => [f.field, f.rule])).toEqual([
      ['moves.0.person.nip', 'unique'],
    ]);

    const tooMany = await post(`${path}/members`, HR, { moves: Array.from({ length: 201 }, () => ({})) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.details.fields.map((f: { field: string }) => f.field)).toContain('moves');

    const empty = await post(`${path}/members`, HR, { moves: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['moves']);

    const notHr = await post(`${path}/members`, PPK, await namedMoves(stack, { moves: [second] }));
    expect(notHr.status).toBe(403);
    expect(await recorded()).toBe(before);

    const last = await post(`${path}/members`, HR, await namedMoves(stack, { moves: [second], last: true }));
    expect(last.status).toBe(200);
    expect(last.body).toMatchObject({ page: 2, people: 2, open: false });
    const closed = await post(`${path}/members`, HR, { moves: [], last: true });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('DECISION_NOT_ALLOWED');
    const s = await eventually(
      async () => {
        const b = (await stack.call('GET', path)).body;
        return b.step === 'awaiting_approval' ? b : undefined;
      },
      60_000,
      'both checked',
    );
    expect(s.members.map((m: { nip: string }) => m.nip).sort()).toEqual([first.person.nip, second.person.nip].sort());
  }, 120_000);
});
