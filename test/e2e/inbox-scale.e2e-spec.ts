import { HR, PPK, Stack, eventually, uniqueCode, vacancyProposal } from '../support/api-client';

/**
 * The inbox over more open cases than one page holds (issue 18 items 4 and 5), on the real stack: exact
 * counts, every task on exactly one page, no stale task after a decision, nothing of another agency.
 */
describe('the inbox at scale', () => {
  const stack = new Stack();
  afterAll(() => stack.close());

  const OPEN = 120;
  const agency = uniqueCode('PEMKAB');
  const ppk = { ...PPK, agency };
  const ids: string[] = [];

  type Page = {
    tasks: { caseId: string; dueAt?: string; overdue: boolean }[];
    total: number;
    refreshedCases: number;
    cases: { caseId: string }[];
  };
  const inbox = async (query: string, actor = ppk) => {
    const res = await stack.call<Page>('GET', `/v1/inbox${query}`, { actor });
    expect(res.status).toBe(200);
    return res.body;
  };
  const counts = async (actor = ppk) => {
    const res = await stack.call('GET', '/v1/inbox/counts', { actor });
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    // Eight proposals at a time, as a busy agency's HR might send them.
    const proposals = Array.from({ length: OPEN }, (_, i) => vacancyProposal({ agencyCode: agency, positionCode: `KADIS-${i + 1}` }));
    let next = 0;
    const worker = async () => {
      while (next < proposals.length) {
        const p = proposals[next++];
        const res = await stack.call('POST', '/v1/vacancies', { actor: { ...HR, agency }, body: p });
        if (res.status !== 201) throw new Error(`propose ${p.positionCode}: ${res.status} ${JSON.stringify(res.body)}`);
        ids.push(res.body.workflowId);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    // Each case is listed once its first ledger row lands, and waits for the PPK by a deadline the workflow sets just after.
    await eventually(
      async () => {
        const all = await inbox('?limit=200');
        return all.total === OPEN && all.tasks.every((t) => t.dueAt !== undefined);
      },
      120_000,
      `${OPEN} dated PPK tasks`,
    );
  }, 300_000);

  it('counts every open case exactly, and a second call right after asks Temporal about none of them', async () => {
    expect(await counts()).toMatchObject({
      total: OPEN,
      overdue: 0,
      byCaseType: { vacancy: { total: OPEN, overdue: 0 }, move: { total: 0, overdue: 0 } },
      truncated: false,
      unavailableCases: 0,
      refreshedCases: 0,
    });
    // HR has no task on a proposal awaiting the PPK (withdrawing it is a way out, not a task).
    expect((await counts({ ...HR, agency })).total).toBe(0);
  });

  it('pages every task exactly once, most urgent first, and filters by case type and overdue', async () => {
    const pages = await Promise.all([0, 50, 100].map((offset) => inbox(`?limit=50&offset=${offset}`)));
    expect(pages.map((p) => [p.tasks.length, p.total])).toEqual([
      [50, OPEN],
      [50, OPEN],
      [20, OPEN],
    ]);
    const seen = pages.flatMap((p) => p.tasks.map((t) => t.caseId));
    expect(new Set(seen).size).toBe(OPEN);
    expect([...seen].sort()).toEqual([...ids].sort());
    const due = seen.map((id) => pages.flatMap((p) => p.tasks).find((t) => t.caseId === id)!.dueAt!);
    expect(due).toEqual([...due].sort());
    // The first page's cases come with it, so the console can label their steps.
    expect(pages[0].cases.map((c) => c.caseId)).toEqual(expect.arrayContaining(pages[0].tasks.map((t) => t.caseId)));
    expect((await inbox('?caseType=move')).total).toBe(0);
    expect((await inbox('?overdue=true')).total).toBe(0);
    expect((await inbox('?overdue=false&caseType=vacancy&limit=5')).tasks).toHaveLength(5);
  });

  it("drops a case's task on the very next read after a decision on it, reading only that case again", async () => {
    const [decided] = ids;
    const res = await stack.call('POST', `/v1/vacancies/${decided}/decisions`, {
      actor: ppk,
      body: { decision: 'approve', fillingMethod: 'talent_pool' },
    });
    expect(res.status).toBe(200);
    const after = await inbox('?limit=200');
    expect(after.total).toBe(OPEN - 1);
    expect(after.tasks.map((t) => t.caseId)).not.toContain(decided);
    expect(after.refreshedCases).toBe(1);
    // The approved vacancy now waits for HR to propose the talent move that fills it.
    const hr = await inbox('', { ...HR, agency });
    expect(hr.tasks).toEqual([expect.objectContaining({ caseId: decided })]);
    expect((await counts()).total).toBe(OPEN - 1);
  });

  it("shows and counts none of it to another agency's PPK", async () => {
    const other = { ...PPK, agency: uniqueCode('PEMKAB') };
    expect(await counts(other)).toMatchObject({ total: 0, byCaseType: { vacancy: { total: 0, overdue: 0 } } });
    const page = await inbox('?limit=200', other);
    expect([page.total, page.tasks, page.cases.filter((c) => ids.includes(c.caseId))]).toEqual([0, [], []]);
  });

  it.each([
    ['a page size of 0', '?limit=0', 'limit'],
    ['a page size over 200', '?limit=201', 'limit'],
    ['a page size that is no number', '?limit=ten', 'limit'],
    ['a negative start', '?offset=-1', 'offset'],
    ['an unknown case type', '?caseType=promotion', 'caseType'],
    ['an overdue flag that is neither true nor false', '?overdue=yes', 'overdue'],
  ])('refuses %s with a 400 naming the parameter', async (_what, query, field) => {
    const res = await stack.call('GET', `/v1/inbox${query}`, { actor: ppk });
    expect([res.status, res.body.code, res.body.field]).toEqual([400, 'VALIDATION_FAILED', field]);
  });
});
