import {
  addYears,
  checkPresidentApproval,
  PRESIDENTIAL_APPROVAL_2026,
  presidentialApprovalFor,
  type PostHolder,
  type PresidentialApprovalPolicy,
} from './presidential-approval';

const POST = 'KEPALA-LPNK';
const holder = (since: string, nip = '197001011995031001', postCode = POST): PostHolder => ({
  nip,
  name: 'Dr. Budi Santoso',
  postCode,
  since,
  decreeNumber: `KEPPRES-${since}`,
  registerVersion: 41,
});

describe('addYears', () => {
  it.each([
    ['2024-03-10', 2, '2026-03-10'],
    ['2024-02-29', 2, '2026-03-01'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2025-12-31', 1, '2026-12-31'],
  ])('%s plus %i years is %s', (from, years, expected) => {
    expect(addYears(from, years)).toBe(expected);
  });
});

describe('presidentialApprovalFor (UU 5/2014 Pasal 116(2))', () => {
  const off: PresidentialApprovalPolicy = { ...PRESIDENTIAL_APPROVAL_2026, version: 'president-approval@off', windowYears: null };
  it.each<[string, string, PostHolder[], string, PresidentialApprovalPolicy, boolean, string | null]>([
    [
      'utama holder appointed a month before',
      'jpt_utama',
      [holder('2026-11-02')],
      '2026-12-06',
      PRESIDENTIAL_APPROVAL_2026,
      true,
      '2028-11-02',
    ],
    [
      'madya holder appointed 2 years − 1 day before',
      'jpt_madya',
      [holder('2024-12-07')],
      '2026-12-06',
      PRESIDENTIAL_APPROVAL_2026,
      true,
      '2026-12-07',
    ],
    [
      'madya holder appointed exactly 2 years before',
      'jpt_madya',
      [holder('2024-12-06')],
      '2026-12-06',
      PRESIDENTIAL_APPROVAL_2026,
      false,
      '2026-12-06',
    ],
    ['utama holder appointed in 2019', 'jpt_utama', [holder('2019-05-20')], '2026-12-06', PRESIDENTIAL_APPROVAL_2026, false, '2021-05-20'],
    ['a vacant post replaces nobody', 'jpt_utama', [], '2026-12-06', PRESIDENTIAL_APPROVAL_2026, false, null],
    [
      'an appointment that starts after the date does not count',
      'jpt_utama',
      [holder('2027-01-02')],
      '2026-12-06',
      PRESIDENTIAL_APPROVAL_2026,
      false,
      null,
    ],
    [
      'a holder of another post does not count',
      'jpt_madya',
      [holder('2026-10-01', '197001011995031001', 'OTHER')],
      '2026-12-06',
      PRESIDENTIAL_APPROVAL_2026,
      false,
      null,
    ],
    [
      'a pratama post is not protected by this rule',
      'jpt_pratama',
      [holder('2026-11-02')],
      '2026-12-06',
      PRESIDENTIAL_APPROVAL_2026,
      false,
      null,
    ],
    ['a version that turns the rule off asks nothing', 'jpt_utama', [holder('2026-11-02')], '2026-12-06', off, false, null],
    [
      'of two recorded holders the newer counts',
      'jpt_madya',
      [holder('2019-01-02', '196801011990031001'), holder('2025-06-02', '197202021996031002')],
      '2026-12-06',
      PRESIDENTIAL_APPROVAL_2026,
      true,
      '2027-06-02',
    ],
  ])('%s', (_name, positionClass, holders, asOf, policy, required, until) => {
    const v = presidentialApprovalFor({ positionCode: POST, positionClass }, holders, asOf, policy);
    expect(v.required).toBe(required);
    expect(v.window?.until ?? null).toBe(until);
    expect(v).toMatchObject({ postCode: POST, asOf, ruleVersion: policy.version });
  });

  it('keeps the facts it judged on: the incumbent, since when, the window and the rule version', () => {
    const v = presidentialApprovalFor(
      { positionCode: POST, positionClass: 'jpt_utama' },
      [holder('2025-06-02')],
      '2026-12-06',
      PRESIDENTIAL_APPROVAL_2026,
    );
    expect(v).toEqual({
      postCode: POST,
      required: true,
      asOf: '2026-12-06',
      ruleVersion: 'president-approval@2026-12-01',
      incumbent: {
        nip: '197001011995031001',
        name: 'Dr. Budi Santoso',
        since: '2025-06-02',
        decreeNumber: 'KEPPRES-2025-06-02',
        registerVersion: 41,
      },
      window: { years: 2, from: '2025-06-02', until: '2027-06-02' },
      reason: expect.objectContaining({ en: expect.stringContaining("needs the President's approval") }),
    });
  });
});

describe('checkPresidentApproval (president_approve)', () => {
  const ctx = { postCodes: ['P-1', 'P-2'], required: (p: string) => p === 'P-1', approved: () => false };
  const outcome = (v: ReturnType<typeof checkPresidentApproval>) =>
    v.ok ? 'ok' : `${v.code}:${(v.params.fields ?? []).map((f) => f.rule).join(',')}`;
  it.each<[string, string | undefined, Partial<typeof ctx>, string]>([
    ['accepts a post whose replacement needs it', 'P-1', {}, 'ok'],
    ['refuses a post whose replacement does not need it', 'P-2', {}, 'VALIDATION_FAILED:presidentApproval.notRequired'],
    ['refuses a post outside the selection', 'P-9', {}, 'VALIDATION_FAILED:post'],
    ['refuses a missing post', undefined, {}, 'VALIDATION_FAILED:post'],
    ['refuses a second approval for a post', 'P-1', { approved: () => true }, 'ALREADY_DECIDED:'],
  ])('%s', (_name, postCode, over, expected) => {
    expect(outcome(checkPresidentApproval({ postCode }, { ...ctx, ...over }))).toBe(expected);
  });
});
