import { addWorkingDays, dueAt, isWeekend, isWorkingDay, wibDate } from './working-days';

const NO_HOLIDAYS: ReadonlySet<string> = new Set();
// Illustrative Idul Fitri dates: holidays are inputs, the calendar module knows none of them.
const IDUL_FITRI = new Set(['2026-03-20', '2026-03-21']);
const IDUL_FITRI_AND_CUTI_BERSAMA = new Set(['2026-03-20', '2026-03-21', '2026-03-23', '2026-03-24']);

const wib = (isoDate: string, time = '10:00') => new Date(`${isoDate}T${time}:00+07:00`);
const endOfWibDay = (isoDate: string) => new Date(`${isoDate}T23:59:59.999+07:00`);

describe('addWorkingDays', () => {
  it('gives a Friday-morning start one working day ending Monday 2026-01-05 23:59:59.999 WIB', () => {
    expect(addWorkingDays(wib('2026-01-02'), 1, NO_HOLIDAYS).toISOString()).toBe('2026-01-05T16:59:59.999Z');
  });

  it.each([
    { what: 'Thursday → Friday', start: '2026-01-01', n: 1, end: '2026-01-02' },
    { what: 'Friday → Monday over the weekend', start: '2026-01-02', n: 1, end: '2026-01-05' },
    { what: 'Saturday → Monday', start: '2026-01-03', n: 1, end: '2026-01-05' },
    { what: 'Sunday → Monday', start: '2026-01-04', n: 1, end: '2026-01-05' },
    { what: 'Monday → Tuesday', start: '2026-01-05', n: 1, end: '2026-01-06' },
    { what: 'Monday + 5 → next Monday', start: '2026-01-05', n: 5, end: '2026-01-12' },
    { what: 'Friday + 10 → Friday two weeks on', start: '2026-01-02', n: 10, end: '2026-01-16' },
    { what: 'Monday + 10 → Monday two weeks on', start: '2026-01-05', n: 10, end: '2026-01-19' },
    { what: 'Friday + 1 across a month end', start: '2026-02-27', n: 1, end: '2026-03-02' },
    { what: 'Wednesday 2025-12-31 + 1 across the year end', start: '2025-12-31', n: 1, end: '2026-01-01' },
    { what: 'a 24-working-day selection from 2026-01-05', start: '2026-01-05', n: 24, end: '2026-02-06' },
  ])('counts $what without holidays', ({ start, n, end }) => {
    expect(addWorkingDays(wib(start), n, NO_HOLIDAYS)).toEqual(endOfWibDay(end));
  });

  it.each([
    { what: 'skips a Friday holiday and the weekend', start: '2026-03-19', n: 1, holidays: IDUL_FITRI, end: '2026-03-23' },
    { what: 'skips holidays inside a longer window', start: '2026-03-18', n: 2, holidays: IDUL_FITRI, end: '2026-03-23' },
    { what: 'skips cuti bersama after the holiday', start: '2026-03-19', n: 1, holidays: IDUL_FITRI_AND_CUTI_BERSAMA, end: '2026-03-25' },
    {
      what: 'does not charge twice for a holiday on a Saturday',
      start: '2026-03-19',
      n: 2,
      holidays: new Set(['2026-03-21']),
      end: '2026-03-23',
    },
    { what: 'counts from a start that is itself a holiday', start: '2026-03-20', n: 1, holidays: IDUL_FITRI, end: '2026-03-23' },
    {
      what: 'treats New Year as a holiday only when told',
      start: '2025-12-31',
      n: 1,
      holidays: new Set(['2026-01-01']),
      end: '2026-01-02',
    },
    { what: 'ignores holidays outside the window', start: '2026-01-05', n: 10, holidays: IDUL_FITRI, end: '2026-01-19' },
    {
      what: 'stretches 10 working days around Idul Fitri',
      start: '2026-03-13',
      n: 10,
      holidays: IDUL_FITRI_AND_CUTI_BERSAMA,
      end: '2026-04-01',
    },
  ])('$what', ({ start, n, holidays, end }) => {
    expect(addWorkingDays(wib(start), n, holidays)).toEqual(endOfWibDay(end));
  });

  it.each([
    {
      what: 'a Monday 18:00 UTC start, already Tuesday 01:00 WIB, counts from Tuesday',
      start: '2026-01-05T18:00:00.000Z',
      end: '2026-01-07T16:59:59.999Z',
    },
    {
      what: 'a start at 23:59:59.999 WIB on Monday still counts from Monday',
      start: '2026-01-05T16:59:59.999Z',
      end: '2026-01-06T16:59:59.999Z',
    },
    { what: 'a start at 00:00 WIB on Tuesday counts from Tuesday', start: '2026-01-05T17:00:00.000Z', end: '2026-01-07T16:59:59.999Z' },
    {
      what: 'a Friday 20:00 UTC start, already Saturday in WIB, ends on Monday',
      start: '2026-01-02T20:00:00.000Z',
      end: '2026-01-05T16:59:59.999Z',
    },
  ])('uses the WIB date of the start: $what', ({ start, end }) => {
    expect(addWorkingDays(new Date(start), 1, NO_HOLIDAYS).toISOString()).toBe(end);
  });

  it('ends on the same instant wherever in the start day the window opens', () => {
    const ends = ['00:00', '08:00', '16:30', '23:59'].map((t) => addWorkingDays(wib('2026-01-07', t), 3, NO_HOLIDAYS).getTime());

    expect(new Set(ends)).toEqual(new Set([endOfWibDay('2026-01-12').getTime()]));
  });

  it('matches holidays by WIB date, so a holiday given in WIB is honoured for a start late in the UTC day', () => {
    // 2026-03-19T20:00Z is Friday 2026-03-20 03:00 WIB, a holiday; the next working day is Monday.
    expect(addWorkingDays(new Date('2026-03-19T20:00:00Z'), 1, IDUL_FITRI)).toEqual(endOfWibDay('2026-03-23'));
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('throws a RangeError for n = %p', (n) => {
    expect(() => addWorkingDays(wib('2026-01-05'), n, NO_HOLIDAYS)).toThrow(RangeError);
  });

  it('names the bad value in the RangeError', () => {
    expect(() => addWorkingDays(wib('2026-01-05'), 1.5, NO_HOLIDAYS)).toThrow('got 1.5');
  });
});

describe('dueAt', () => {
  it.each([
    { what: '10 working days', start: wib('2026-01-02'), holidays: NO_HOLIDAYS, end: endOfWibDay('2026-01-16') },
    {
      what: '10 working days around Idul Fitri',
      start: wib('2026-03-13'),
      holidays: IDUL_FITRI_AND_CUTI_BERSAMA,
      end: endOfWibDay('2026-04-01'),
    },
  ])('falls due at the end of the last working day for $what', ({ start, holidays, end }) => {
    expect(dueAt(start, { workingDays: 10 }, holidays)).toEqual(end);
  });

  it.each([
    { seconds: 2, start: '2026-01-03T03:00:00.000Z', end: '2026-01-03T03:00:02.000Z' },
    { seconds: 60, start: '2026-03-20T03:00:00.000Z', end: '2026-03-20T03:01:00.000Z' },
    { seconds: 86_400, start: '2026-01-02T16:59:59.999Z', end: '2026-01-03T16:59:59.999Z' },
  ])('counts $seconds seconds as wall-clock time, ignoring weekends and holidays', ({ seconds, start, end }) => {
    expect(dueAt(new Date(start), { seconds }, IDUL_FITRI).toISOString()).toBe(end);
  });

  it('passes invalid working-day counts through to the RangeError', () => {
    expect(() => dueAt(wib('2026-01-05'), { workingDays: 0 }, NO_HOLIDAYS)).toThrow(RangeError);
  });
});

describe('wibDate', () => {
  it.each([
    { instant: '2026-01-02T03:00:00.000Z', date: '2026-01-02' },
    { instant: '2026-01-02T16:59:59.999Z', date: '2026-01-02' },
    { instant: '2026-01-02T17:00:00.000Z', date: '2026-01-03' },
    { instant: '2025-12-31T17:00:00.000Z', date: '2026-01-01' },
    { instant: '2025-12-31T16:59:59.999Z', date: '2025-12-31' },
    { instant: '2026-02-28T18:00:00.000Z', date: '2026-03-01' },
  ])('reads $instant as WIB date $date', ({ instant, date }) => {
    expect(wibDate(new Date(instant))).toBe(date);
  });
});

describe('isWorkingDay', () => {
  it.each([
    { date: '2026-01-02', holidays: NO_HOLIDAYS, working: true, why: 'a Friday' },
    { date: '2026-01-03', holidays: NO_HOLIDAYS, working: false, why: 'a Saturday' },
    { date: '2026-01-04', holidays: NO_HOLIDAYS, working: false, why: 'a Sunday' },
    { date: '2026-01-05', holidays: NO_HOLIDAYS, working: true, why: 'a Monday' },
    { date: '2026-03-20', holidays: NO_HOLIDAYS, working: true, why: 'a Friday nobody declared a holiday' },
    { date: '2026-03-20', holidays: IDUL_FITRI, working: false, why: 'a Friday declared a holiday' },
    { date: '2026-03-19', holidays: IDUL_FITRI, working: true, why: 'the Thursday before the holiday' },
  ])('$date is a working day: $working ($why)', ({ date, holidays, working }) => {
    expect(isWorkingDay(date, holidays)).toBe(working);
  });

  it.each([
    ['2026-01-03', true],
    ['2026-01-04', true],
    ['2026-01-05', false],
    ['2026-01-09', false],
  ])('isWeekend(%s) is %p', (date, weekend) => {
    expect(isWeekend(date)).toBe(weekend);
  });
});
