import {
  checkCloseScreening,
  checkPick,
  checkRecommendation,
  checkRegistrationBatch,
  checkScreening,
  checkSignRanking,
  MAX_CANDIDATES_PER_REQUEST,
  type RegistrationContext,
  type RegistrationEntry,
  type SelectionRuleVerdict,
} from './selection-decisions';

const NIP_A = '198001012005011001';
const NIP_B = '198001012005011002';
const NIP_C = '198001012005011003';

const entry = (nip: string, i: number, postCode = 'JPT-1'): RegistrationEntry => ({
  postCode,
  nip,
  nipField: `candidates.${i}.nip`,
  issues: [],
});
const ctx = (over: Partial<RegistrationContext> = {}): RegistrationContext => ({
  postCodes: ['JPT-1', 'JPT-2'],
  registered: new Set(),
  committeeIds: [],
  maxCandidates: 10,
  mayBeCandidate: () => true,
  ...over,
});
/** The code and the failing fields' rules of a verdict, or 'ok'. */
const outcome = (v: SelectionRuleVerdict) =>
  v.ok ? 'ok' : `${v.code}:${(v.params.fields ?? []).map((f) => `${f.field}/${f.rule}`).join(',')}`;

describe('checkRegistrationBatch (register_candidates)', () => {
  it.each<[string, RegistrationEntry[], Partial<RegistrationContext>, string]>([
    ['accepts new candidates for posts of the selection', [entry(NIP_A, 0), entry(NIP_B, 1, 'JPT-2')], {}, 'ok'],
    ['refuses an empty request', [], {}, 'VALIDATION_FAILED:candidates/size'],
    ['refuses a post outside the selection', [entry(NIP_A, 0, 'JPT-9')], {}, 'VALIDATION_FAILED:candidates.0.postCode/post'],
    ['refuses a NIP already registered', [entry(NIP_A, 0)], { registered: new Set([NIP_A]) }, 'VALIDATION_FAILED:candidates.0.nip/unique'],
    ['refuses the same NIP twice in one request', [entry(NIP_A, 0), entry(NIP_A, 1)], {}, 'VALIDATION_FAILED:candidates.1.nip/unique'],
    [
      'refuses going over the selection maximum',
      [entry(NIP_A, 0), entry(NIP_B, 1)],
      { registered: new Set([NIP_C]), maxCandidates: 2 },
      'VALIDATION_FAILED:candidates/maxCandidates',
    ],
    [
      'refuses a committee member as a candidate, before any other issue',
      [entry(NIP_A, 0, 'JPT-9')],
      { committeeIds: [NIP_A] },
      'SEPARATION_OF_DUTIES:candidates.0.nip/separationOfDuties',
    ],
    [
      'refuses the initiator or PPK as a candidate',
      [entry(NIP_A, 0), entry(NIP_B, 1)],
      { mayBeCandidate: (nip) => nip !== NIP_B },
      'SEPARATION_OF_DUTIES:candidates.1.nip/separationOfDuties',
    ],
  ])('%s', (_name, entries, over, expected) => {
    expect(outcome(checkRegistrationBatch(entries, ctx(over)))).toBe(expected);
  });

  it(`refuses more than ${MAX_CANDIDATES_PER_REQUEST} candidates in one request`, () => {
    const many = Array.from({ length: MAX_CANDIDATES_PER_REQUEST + 1 }, (_, i) => entry(`19800101200501${String(i).padStart(4, '0')}`, i));
    expect(outcome(checkRegistrationBatch(many, ctx({ maxCandidates: 500 })))).toBe('VALIDATION_FAILED:candidates/size');
  });

  it('carries the entry shape issues through, and names who holds which duty', () => {
    const shape = { field: 'candidates.0.nip', rule: 'nip.format', message: { id: 'x', en: 'x' } };
    expect(outcome(checkRegistrationBatch([{ ...entry('12', 0), issues: [shape] }], ctx()))).toBe(
      'VALIDATION_FAILED:candidates.0.nip/nip.format',
    );
    const sod = checkRegistrationBatch([entry(NIP_A, 0), entry(NIP_B, 1)], ctx({ committeeIds: [NIP_A], mayBeCandidate: () => false }));
    expect(sod).toMatchObject({ ok: false, params: { actorId: `${NIP_A}, ${NIP_B}`, holds: ['committee', 'initiator/ppk'] } });
  });
});

describe('checkScreening (screen_candidate)', () => {
  const registered = { nip: NIP_A, postCode: 'JPT-1', status: 'registered' };
  it.each<[string, typeof registered | undefined, { passed?: unknown; administrativeScore?: unknown }, string]>([
    ['accepts a pass with a score', registered, { passed: true, administrativeScore: 80 }, 'ok'],
    ['accepts a fail without a score', registered, { passed: false }, 'ok'],
    ['accepts the bounds 0 and 100', registered, { passed: true, administrativeScore: 100 }, 'ok'],
    ['refuses someone not registered', undefined, { passed: true, administrativeScore: 80 }, 'VALIDATION_FAILED:nip/candidate'],
    ['refuses a second screening', { ...registered, status: 'screened_in' }, { passed: false }, 'ALREADY_DECIDED:'],
    ['refuses a missing verdict', registered, {}, 'VALIDATION_FAILED:passed/required'],
    ['refuses a pass without a score', registered, { passed: true }, 'VALIDATION_FAILED:administrativeScore/score'],
    ['refuses a score over 100', registered, { passed: true, administrativeScore: 101 }, 'VALIDATION_FAILED:administrativeScore/score'],
  ])('%s', (_name, candidate, d, expected) => {
    expect(outcome(checkScreening(candidate, d))).toBe(expected);
  });
});

describe('checkCloseScreening and checkSignRanking', () => {
  const c = (nip: string, status: string) => ({ nip, postCode: 'JPT-1', status });
  it.each([
    ['closes once everyone is screened and someone is in', [c(NIP_A, 'screened_in'), c(NIP_B, 'screened_out')], 'ok', undefined],
    [
      'waits for a candidate still to screen',
      [c(NIP_A, 'screened_in'), c(NIP_B, 'registered')],
      'DECISION_NOT_ALLOWED:',
      [`screen_candidate ${NIP_B} (hr_officer)`],
    ],
    [
      'leaves only cancelling when nobody is in',
      [c(NIP_A, 'screened_out'), c(NIP_B, 'ineligible')],
      'DECISION_NOT_ALLOWED:',
      ['cancel_selection (ppk)'],
    ],
  ])('%s', (_name, list, expected, allowed) => {
    const v = checkCloseScreening(list, 'screening', 'close_screening');
    expect(outcome(v)).toBe(expected);
    if (!v.ok) expect(v.params.allowed).toEqual(allowed);
  });

  it('signs the ranking only once a shortlist exists', () => {
    expect(checkSignRanking(true, 'ranking', 'sign_ranking')).toEqual({ ok: true });
    expect(checkSignRanking(false, 'ranking', 'sign_ranking')).toEqual({
      ok: false,
      code: 'DECISION_NOT_ALLOWED',
      params: { step: 'ranking', decision: 'sign_ranking', allowed: [] },
    });
  });
});

const shortlist = [
  { nip: NIP_A, rank: 1 },
  { nip: NIP_B, rank: 2 },
];

describe('checkRecommendation (recommend)', () => {
  const rctx = (recommendedPosts: string[] = []) => ({
    postCodes: ['JPT-1'],
    recommendedPosts,
    shortlistNips: (p: string) => (p === 'JPT-1' ? shortlist.map((s) => s.nip) : []),
  });
  it.each<[string, { postCode?: string; recommended?: string[] }, string[], string]>([
    ['accepts names from the shortlist', { postCode: 'JPT-1', recommended: [NIP_B, NIP_A] }, [], 'ok'],
    ['refuses a post outside the selection', { postCode: 'JPT-9', recommended: [NIP_A] }, [], 'VALIDATION_FAILED:postCode/post'],
    ['refuses a second recommendation for a post', { postCode: 'JPT-1', recommended: [NIP_A] }, ['JPT-1'], 'ALREADY_DECIDED:'],
    ['refuses an empty recommendation', { postCode: 'JPT-1', recommended: [] }, [], 'VALIDATION_FAILED:recommended/shortlist'],
    ['refuses someone off the shortlist', { postCode: 'JPT-1', recommended: [NIP_C] }, [], 'VALIDATION_FAILED:recommended.0/shortlist'],
    [
      'names who is off the shortlist by position',
      { postCode: 'JPT-1', recommended: [NIP_A, NIP_C] },
      [],
      'VALIDATION_FAILED:recommended.1/shortlist',
    ],
    ['refuses a name given twice', { postCode: 'JPT-1', recommended: [NIP_B, NIP_A, NIP_B] }, [], 'VALIDATION_FAILED:recommended.2/unique'],
  ])('%s', (_name, d, done, expected) => {
    expect(outcome(checkRecommendation(d, rctx(done)))).toBe(expected);
  });
});

describe('checkPick (pick, PP 11/2017 Pasal 127)', () => {
  const pctx = (pickedPosts: string[] = []) => ({
    postCodes: ['JPT-1'],
    pickedPosts,
    shortlist: (p: string) => (p === 'JPT-1' ? shortlist : []),
    step: 'ppk_decision',
  });
  it.each<[string, { postCode?: string; nip?: string; reason?: string }, string[], string]>([
    ['accepts the first-ranked without a reason', { postCode: 'JPT-1', nip: NIP_A }, [], 'ok'],
    ['accepts another shortlisted candidate with a reason', { postCode: 'JPT-1', nip: NIP_B, reason: 'rekam jejak' }, [], 'ok'],
    ['refuses another shortlisted candidate without a reason', { postCode: 'JPT-1', nip: NIP_B, reason: '  ' }, [], 'DECISION_INCOMPLETE:'],
    ['refuses someone off the shortlist', { postCode: 'JPT-1', nip: NIP_C }, [], 'VALIDATION_FAILED:nip/shortlist'],
    ['refuses a post outside the selection', { postCode: 'JPT-9', nip: NIP_A }, [], 'VALIDATION_FAILED:postCode/post'],
    ['refuses a second pick for a post', { postCode: 'JPT-1', nip: NIP_A }, ['JPT-1'], 'ALREADY_DECIDED:'],
  ])('%s', (_name, d, done, expected) => {
    expect(outcome(checkPick(d, pctx(done)))).toBe(expected);
  });

  it('says which rank the unexplained pick had', () => {
    expect(checkPick({ postCode: 'JPT-1', nip: NIP_B }, pctx())).toEqual({
      ok: false,
      code: 'DECISION_INCOMPLETE',
      params: { decision: 'pick', step: 'ppk_decision', missing: ['reason'], rank: 2 },
    });
  });
});
