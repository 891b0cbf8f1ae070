import { hasNoControlCharacters, isSingleLine } from './text.validators';

describe('hasNoControlCharacters (multi-line text) and isSingleLine', () => {
  it.each([
    { what: 'plain text', value: 'Kepala Dinas Kominfo', multiLine: true, singleLine: true },
    { what: 'the empty string', value: '', multiLine: true, singleLine: true },
    {
      what: 'Indonesian and other non-ASCII letters',
      value: 'Pembina Utama — Dr. Siti Nurhaliza, M.Si. 🇮🇩',
      multiLine: true,
      singleLine: true,
    },
    { what: 'a tab', value: 'Alasan:\tformasi penuh', multiLine: true, singleLine: false },
    { what: 'a line feed', value: 'baris 1\nbaris 2', multiLine: true, singleLine: false },
    { what: 'a carriage return', value: 'baris 1\rbaris 2', multiLine: true, singleLine: false },
    { what: 'CR LF', value: 'baris 1\r\nbaris 2', multiLine: true, singleLine: false },
    { what: 'NUL (\\u0000)', value: 'a\u0000b', multiLine: false, singleLine: false },
    { what: 'ESC (\\u001b), as in ANSI colour codes', value: '\u001b[31mmerah\u001b[0m', multiLine: false, singleLine: false },
    { what: 'vertical tab (\\u000b)', value: 'a\u000bb', multiLine: false, singleLine: false },
    { what: 'form feed (\\u000c)', value: 'a\u000cb', multiLine: false, singleLine: false },
    { what: 'unit separator (\\u001f)', value: 'a\u001fb', multiLine: false, singleLine: false },
    { what: 'DEL (\\u007f)', value: 'a\u007fb', multiLine: false, singleLine: false },
    { what: 'LINE SEPARATOR (\\u2028)', value: 'a\u2028b', multiLine: false, singleLine: false },
    { what: 'PARAGRAPH SEPARATOR (\\u2029)', value: 'a\u2029b', multiLine: false, singleLine: false },
    { what: 'a control character at the very end', value: 'nama\u0007', multiLine: false, singleLine: false },
  ])('$what: multi-line $multiLine, single-line $singleLine', ({ value, multiLine, singleLine }) => {
    expect(hasNoControlCharacters(value)).toBe(multiLine);
    expect(isSingleLine(value)).toBe(singleLine);
  });

  // Type checks belong to other validators; these two only judge strings.
  it.each([undefined, null, 42, { text: 'a\u0000' }])('leaves the non-string %p to the type validators', (value) => {
    expect(hasNoControlCharacters(value)).toBe(true);
    expect(isSingleLine(value)).toBe(true);
  });
});
