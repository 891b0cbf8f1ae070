import { parsePeriod, parsePeriodBound } from './period';

describe('report periods', () => {
  it.each([
    ['2026-01-01', '2025-12-31T17:00:00.000Z'],
    ['2026-02-28T10:00:00+07:00', '2026-02-28T03:00:00.000Z'],
    ['2026-02-28T10:00:00Z', '2026-02-28T10:00:00.000Z'],
  ])('reads %s as %s (a bare date starts at midnight WIB)', (input, expected) => {
    expect(parsePeriodBound(input)?.toISOString()).toBe(expected);
  });

  it.each(['2026-02-30', '2026-13-01', '2026-02-28T10:00:00', 'yesterday', '2026-1-1'])('refuses %s', (input) => {
    expect(parsePeriodBound(input)).toBeNull();
  });

  it('needs from before to, and both when required', () => {
    expect(parsePeriod('2026-02-01', '2026-02-01', true)).toMatchObject({ ok: false, issues: [{ field: 'to', rule: 'after' }] });
    expect(parsePeriod(undefined, '2026-02-01', true)).toMatchObject({ ok: false, issues: [{ field: 'from', rule: 'required' }] });
    expect(parsePeriod(undefined, undefined, false)).toEqual({ ok: true, from: undefined, to: undefined });
    const ok = parsePeriod('2026-01-01', '2027-01-01', true);
    expect(ok.ok && ok.to!.getTime() - ok.from!.getTime()).toBe(365 * 24 * 3600 * 1000);
  });
});
