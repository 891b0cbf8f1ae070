/// <reference types="jest" />
import { formatDate, parseTypedDate } from './dates';

describe('a typed date', () => {
  it.each([
    ['2026-12-06', '2026-12-06'],
    ['6 Desember 2026', '2026-12-06'],
    ['6 desember 2026', '2026-12-06'],
    ['6 Des 2026', '2026-12-06'],
    ['6 December 2026', '2026-12-06'],
    ['17 Agustus 1945', '1945-08-17'],
    ['6/12/2026', '2026-12-06'],
    ['  6  Desember   2026 ', '2026-12-06'],
  ])('reads %p as %s', (text, iso) => {
    expect(parseTypedDate(text)).toBe(iso);
  });

  it.each(['', 'besok', '2026-13-01', '31 Februari 2026', '6/12/26', '2026-12'])('is no date: %p', (text) => {
    expect(parseTypedDate(text)).toBeNull();
  });

  it('reads back what the field shows, in both languages', () => {
    expect(formatDate('2026-12-06', 'id')).toBe('6 Desember 2026');
    expect(parseTypedDate(formatDate('2026-05-31', 'id'))).toBe('2026-05-31');
    expect(parseTypedDate(formatDate('2026-05-31', 'en'))).toBe('2026-05-31');
  });
});
