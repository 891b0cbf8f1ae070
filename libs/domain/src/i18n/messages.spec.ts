import { ERROR_CODES, type ErrorParams } from '../errors';
import { errorMessage, pickLocale, type Locale } from './messages';

// Params as the code that raises each error fills them, so every placeholder is exercised.
const SAMPLE_PARAMS: ErrorParams = {
  fields: [{ field: 'gradeMax', rule: 'gradeRange', message: { id: 'golongan terbalik', en: 'grades reversed' } }],
  detail: 'x-actor-id, x-actor-role',
  caseId: 'vacancy-PEMPROV-JATIM-KADIS-KOMINFO',
  decision: 'approve',
  step: 'approved',
  allowed: ['close (hr_officer)'],
  role: 'auditor',
  roles: ['ppk'],
  missing: ['reason'],
  sopId: 'vacancy',
  version: '9.9.9',
  key: 'idem-1',
  service: 'temporal',
  limit: '256kb',
  path: '/v1/nowhere',
  keyId: 'meritflow-2026-12',
  known: ['meritflow-2026-01'],
  postCode: 'KABID-2',
};

describe('errorMessage', () => {
  describe.each([
    { with: 'no params', params: {} },
    { with: 'the params the code carries', params: SAMPLE_PARAMS },
  ])('with $with', ({ params }) => {
    it.each([...ERROR_CODES])('gives %s a non-empty Indonesian and English text that differ', (code) => {
      const text = errorMessage(code, params);

      expect(text.id.trim()).not.toBe('');
      expect(text.en.trim()).not.toBe('');
      expect(text.id).not.toBe(text.en);
      expect(`${text.id} ${text.en}`).not.toMatch(/undefined|null|\[object Object\]/);
    });
  });

  it.each([
    {
      code: 'DECISION_NOT_ALLOWED',
      id: ['"approve"', '"approved"', 'close (hr_officer)'],
      en: ['"approve"', '"approved"', 'close (hr_officer)'],
    },
    { code: 'ROLE_NOT_ALLOWED', id: ['"auditor"', 'ppk', 'close (hr_officer)'], en: ['"auditor"', 'ppk', 'close (hr_officer)'] },
    { code: 'DECISION_INCOMPLETE', id: ['"approve"', 'reason'], en: ['"approve"', 'reason'] },
    { code: 'VALIDATION_FAILED', id: ['gradeMax (golongan terbalik)'], en: ['gradeMax (grades reversed)'] },
    { code: 'SOP_VERSION_UNKNOWN', id: ['vacancy@9.9.9'], en: ['vacancy@9.9.9'] },
    { code: 'CASE_NOT_FOUND', id: ['vacancy-PEMPROV-JATIM-KADIS-KOMINFO'], en: ['vacancy-PEMPROV-JATIM-KADIS-KOMINFO'] },
  ] as const)('puts the params of $code into both texts, each in its own language', ({ code, id, en }) => {
    const text = errorMessage(code, SAMPLE_PARAMS);

    for (const part of id) expect(text.id).toContain(part);
    for (const part of en) expect(text.en).toContain(part);
  });

  it('shows "-" rather than an empty list when nothing is allowed', () => {
    expect(errorMessage('DECISION_NOT_ALLOWED', { decision: 'approve', step: 'closed', allowed: [] }).en).toMatch(
      /Decisions allowed now: -$/,
    );
  });
});

describe('pickLocale', () => {
  it.each([
    { header: undefined, fallback: undefined, locale: 'id' },
    { header: '', fallback: undefined, locale: 'id' },
    { header: 'en', fallback: undefined, locale: 'en' },
    { header: 'EN', fallback: undefined, locale: 'en' },
    { header: 'en-US,en;q=0.9', fallback: undefined, locale: 'en' },
    { header: 'id-ID', fallback: undefined, locale: 'id' },
    { header: 'id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7', fallback: 'en', locale: 'id' },
    { header: 'fr', fallback: undefined, locale: 'id' },
    { header: 'fr', fallback: 'en', locale: 'en' },
    { header: 'fr-FR, de;q=0.8', fallback: 'en', locale: 'en' },
    { header: '*', fallback: 'en', locale: 'en' },
    { header: 'id;q=0.5,en;q=0.8', fallback: undefined, locale: 'en' },
    { header: 'fr;q=1, en;q=0.3', fallback: undefined, locale: 'en' },
    { header: 'jv, id;q=0.9', fallback: 'en', locale: 'id' },
  ] as { header: string | undefined; fallback: Locale | undefined; locale: Locale }[])(
    'picks $locale for Accept-Language $header (fallback $fallback)',
    ({ header, fallback, locale }) => {
      expect(pickLocale(header, fallback)).toBe(locale);
    },
  );

  // Known bug: RFC 9110 §12.5.4 makes q=0 mean "not acceptable", but pickLocale still picks it.
  it('never picks a language the client marked q=0', () => {
    expect(pickLocale('en;q=0', 'id')).toBe('id');
  });
});
