import { checkRegistrationWindow, registrationClosesAt, registrationHasOpened } from './registration-window';

const TODAY = '2026-12-07';
const outcome = (d: { registrationOpensOn?: string; registrationClosesOn?: string }) => {
  const v = checkRegistrationWindow(d, { today: TODAY });
  return v.ok ? 'ok' : v.params.fields!.map((f) => `${f.field}/${f.rule}`).join(',');
};

describe('checkRegistrationWindow (announce)', () => {
  it.each<[string, { registrationOpensOn?: string; registrationClosesOn?: string }, string]>([
    ['no dates: the SOP duration runs from the announcement', {}, 'ok'],
    ['a window opening today', { registrationOpensOn: TODAY, registrationClosesOn: '2026-12-28' }, 'ok'],
    ['a one-day window', { registrationOpensOn: '2026-12-08', registrationClosesOn: '2026-12-08' }, 'ok'],
    ['a window of exactly 90 days', { registrationOpensOn: TODAY, registrationClosesOn: '2027-03-06' }, 'ok'],
    ['only the opening day', { registrationOpensOn: TODAY }, 'registrationClosesOn/isRealDate'],
    ['only the closing day', { registrationClosesOn: '2026-12-28' }, 'registrationOpensOn/isRealDate'],
    ['an impossible date', { registrationOpensOn: TODAY, registrationClosesOn: '2026-02-30' }, 'registrationClosesOn/isRealDate'],
    [
      'an opening before the announcement',
      { registrationOpensOn: '2026-12-06', registrationClosesOn: '2026-12-28' },
      'registrationOpensOn/notBeforeAnnouncement',
    ],
    [
      'a closing before the opening',
      { registrationOpensOn: '2026-12-10', registrationClosesOn: '2026-12-09' },
      'registrationClosesOn/notBeforeOpening',
    ],
    ['a window of 91 days', { registrationOpensOn: TODAY, registrationClosesOn: '2027-03-07' }, 'registrationClosesOn/maxRegistrationDays'],
  ])('%s', (_name, d, expected) => {
    expect(outcome(d)).toBe(expected);
  });

  it('closes registration at the end of the closing day in WIB', () => {
    expect(registrationClosesAt({ opensOn: TODAY, closesOn: '2026-12-28' })).toBe('2026-12-28T17:00:00.000Z');
  });

  it.each([
    [null, TODAY, true],
    [{ opensOn: '2026-12-08', closesOn: '2026-12-20' }, TODAY, false],
    [{ opensOn: '2026-12-08', closesOn: '2026-12-20' }, '2026-12-08', true],
  ])('says whether registration has opened (%j on %s)', (w, today, opened) => {
    expect(registrationHasOpened(w, today)).toBe(opened);
  });
});
