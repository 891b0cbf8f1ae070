import { addWorkingDays, isWorkingDay, wibDate } from '@meritflow/domain';
import { HR, PPK, Stack, eventually, vacancyPath, vacancyProposal } from '../support/api-client';

const stack = new Stack();
afterAll(() => stack.close());

/** The next `n` working days after today (WIB), ignoring holidays. */
function nextWorkingDays(n: number): string[] {
  const days: string[] = [];
  let t = Date.parse(`${wibDate(new Date())}T00:00:00Z`);
  while (days.length < n) {
    t += 24 * 60 * 60 * 1000;
    const d = new Date(t).toISOString().slice(0, 10);
    if (isWorkingDay(d, new Set())) days.push(d);
  }
  return days;
}

describe('holiday calendar', () => {
  it('is kept by HR, every change recorded, and working-day deadlines skip it', async () => {
    const [d1, d2] = nextWorkingDays(2);
    const year = Number(d1.slice(0, 4));
    const set1 = await stack.call('PUT', `/v1/calendar/holidays/${d1}`, {
      actor: HR,
      body: { nameId: 'Cuti bersama (uji)', nameEn: 'Collective leave (test)', reason: 'SKB 3 Menteri (uji)' },
    });
    expect(set1.status).toBe(200);
    expect(set1.body).toMatchObject({ changed: true, change: { action: 'set', before: null, actorId: HR.id, actorRole: 'hr_officer' } });
    const again = await stack.call('PUT', `/v1/calendar/holidays/${d1}`, {
      actor: HR,
      body: { nameId: 'Cuti bersama (uji)', nameEn: 'Collective leave (test)', reason: 'ulang' },
    });
    expect(again.body.changed).toBe(false);
    expect(
      (
        await stack.call('PUT', `/v1/calendar/holidays/${d2}`, {
          actor: HR,
          body: { nameId: 'Libur nasional (uji)', reason: 'Keppres (uji)' },
        })
      ).status,
    ).toBe(200);

    const notAllowed = await stack.call('PUT', `/v1/calendar/holidays/${d2}`, {
      actor: PPK,
      body: { nameId: 'Libur daerah', reason: 'Perbup (uji)' },
    });
    expect(notAllowed.status).toBe(403);
    expect(notAllowed.body).toMatchObject({ code: 'ACCESS_DENIED', details: { role: 'ppk', roles: ['hr_officer', 'admin'] } });
    const badDate = await stack.call('PUT', '/v1/calendar/holidays/2026-02-30', {
      actor: HR,
      body: { nameId: 'Libur daerah', reason: 'Perbup (uji)' },
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.details.fields[0].field).toBe('date');

    try {
      const listed = await stack.call('GET', `/v1/calendar/holidays?year=${year}`);
      expect(listed.body.holidays.map((h: { date: string }) => h.date)).toEqual(expect.arrayContaining([d1, d2]));

      // The vacancy SOP gives the PPK 10 working days; the two holidays push the deadline two working days out.
      const proposal = vacancyProposal();
      const proposedAt = new Date();
      expect((await stack.call('POST', '/v1/vacancies', { body: proposal })).status).toBe(201);
      const state = await eventually(async () => (await stack.call('GET', vacancyPath(proposal))).body.deadline ?? undefined);
      const expected = addWorkingDays(proposedAt, 10, new Set([d1, d2])).toISOString();
      expect(state.dueAt).toBe(expected);
      expect(state.dueAt).not.toBe(addWorkingDays(proposedAt, 10, new Set()).toISOString());
    } finally {
      for (const d of [d1, d2])
        await stack.call('DELETE', `/v1/calendar/holidays/${d}`, { actor: HR, body: { reason: 'pembersihan uji' } });
    }
    const changes = await stack.call('GET', `/v1/calendar/holidays/changes?year=${year}`);
    const mine = changes.body.changes.filter((c: { date: string }) => c.date === d1);
    expect(mine.map((c: { action: string }) => c.action)).toEqual(expect.arrayContaining(['set', 'remove']));
    expect(mine.at(-1)).toMatchObject({
      action: 'remove',
      before: { nameId: 'Cuti bersama (uji)' },
      after: null,
      reason: 'pembersihan uji',
    });
  });
});
