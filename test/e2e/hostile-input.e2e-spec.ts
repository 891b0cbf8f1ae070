import { createHmac } from 'node:crypto';
import { LocalIssuer } from '@meritflow/auth';
import type { CommitteeMember } from '@meritflow/domain';
import {
  HR,
  PPK,
  Stack,
  eventually,
  uniqueCode,
  vacancyPath,
  vacancyProposal,
  type CallOptions,
  type TestActor,
} from '../support/api-client';
import { moveFacts } from '../support/move-fixtures';
import { ASSESSOR, OVERSEER, asMember, committee, eligibleProfile, makeNip, uploadEvidence } from '../support/selection-fixtures';
import { enrol, profileEvents } from '../support/register-fixtures';
import type { CandidateProfile } from '@meritflow/domain';

/**
 * The hostile-input catalogue (issue "Who may do what", item 6): bad requests across the endpoints.
 * Each must get a clear 4xx whose `code` (and, for bad input, `details.fields[].field`) names the
 * rule or field, must start no workflow and must add no row to the decision ledger.
 *
 * "No workflow, no row" is checked per request where it can be exact, on the ids the request names
 * or would create, and on the cases it targets; then once more over the whole catalogue, against
 * everything Temporal and the ledger gained while it ran. (Other workflows of the suite may still
 * be running, so a bare global count could move for reasons of its own.)
 */

const stack = new Stack();
afterAll(() => stack.close());

const OTHER_AGENCY = 'PEMKAB-OTHER';
const AUDITOR: TestActor = { id: 'inspektorat-01', role: 'auditor', name: 'Auditor Inspektorat' };
const STACK_TRACE = /\bat .+\.(js|ts):\d+|node_modules|\n\s+at /;

/** The cases the catalogue aims at: a vacancy awaiting the PPK, and a selection whose committee is formed. */
interface Ctx {
  agencyCode: string;
  vac: { id: string; path: string };
  sel: { id: string; path: string; postCode: string };
  members: CommitteeMember[];
  /** A document another agency uploaded, and one the catalogue's agency uploaded. */
  foreignEvidence: { uri: string; sha256: string; kind: string };
  ownEvidence: { uri: string; sha256: string; kind: string };
  /** An approved vacancy of another agency. */
  otherVacancyId: string;
}
const ctx = {} as Ctx;

// ---------------------------------------------------------------------------------------------
// Valid requests to spoil
// ---------------------------------------------------------------------------------------------

const selectionBody = (o: Record<string, unknown> = {}) => {
  const agencyCode = uniqueCode('PEMKAB');
  return {
    agencyCode,
    selectionCode: uniqueCode('SELTER'),
    title: 'Seleksi Terbuka JPT Pratama 2026',
    vacancyIds: [`vacancy:${agencyCode}:${uniqueCode('KADIS')}`],
    ...o,
  };
};
/** A move as the API takes it: the person by NIP, the post left without dates (both from the register). */
const named = (f: ReturnType<typeof moveFacts>): Record<string, any> => {
  const { since: _since, ...from } = f.from;
  return { ...f, person: { nip: f.person.nip }, from };
};
const moveBody = (o: (m: Record<string, any>) => void = () => {}) => {
  const m = named(moveFacts(uniqueCode('PEMKAB'), uniqueCode('KAB')));
  o(m);
  return { ...m, reason: 'Penyegaran organisasi' };
};
const bulkBody = (n: number) => {
  const agencyCode = uniqueCode('PEMKAB');
  const regionCode = uniqueCode('KAB');
  return {
    agencyCode,
    batchCode: uniqueCode('SK-ROTASI'),
    title: 'Rotasi pejabat administrator 2026',
    moves: Array.from({ length: n }, () => ({ ...named(moveFacts(agencyCode, regionCode)), kind: 'rotation' })),
  };
};
const registration = (n: number) => ({
  decision: 'register_candidates',
  candidates: Array.from({ length: n }, (_, i) => ({ postCode: ctx.sel.postCode, nip: eligibleProfile(`Calon ${i}`).nip })),
});
const nip = () => eligibleProfile('x').nip;
/** PUT agency-merit of a fresh agency, by that agency's HR officer (so only the body is wrong). */
const merit = (label: string, body: () => CallOptions, field: string): Entry => {
  const agencyCode = uniqueCode('PEMKAB');
  return [
    label,
    bad(
      'PUT',
      () => `/v1/reference/agency-merit/${agencyCode}`,
      () => ({ actor: { ...HR, agency: agencyCode }, ...body() }),
      field,
    ),
  ];
};
/** A proposal sent as raw text, by an HR officer of the agency it names. */
const rawProposal = (edit: (json: string) => string) => () => {
  const p = vacancyProposal();
  return { actor: { ...HR, agency: p.agencyCode }, rawBody: edit(JSON.stringify(p)) };
};
const meritBody = (o: Record<string, unknown> = {}) => ({
  regionCode: 'PROV-DIY',
  scheme: 'kasn_400',
  score: 331,
  assessedOn: '2025-11-30',
  reason: 'Hasil penilaian KASN',
  ...o,
});

// ---------------------------------------------------------------------------------------------
// Tokens that must not get in
// ---------------------------------------------------------------------------------------------

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const claimsFor = (o: Record<string, unknown> = {}) => {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: HR.id,
    roles: ['hr_officer'],
    agency: 'PEMKAB-TEST',
    iss: stack.state.auth.issuer,
    aud: stack.state.auth.audience,
    iat: now,
    exp: now + 600,
    ...o,
  };
};
const forger = LocalIssuer.fromPem(undefined);
const tokens = {
  expired: () => stack.tokenFor(HR, { issuedAt: Math.floor(Date.now() / 1000) - 7200, ttlSeconds: 60 }),
  forged: () =>
    forger.sign(
      { sub: HR.id, roles: ['hr_officer'], agency: 'PEMKAB-TEST' },
      { issuer: stack.state.auth.issuer, audience: stack.state.auth.audience, ttlSeconds: 600 },
    ),
  algNone: async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claimsFor())}.`,
  hs256: async () => {
    // Key confusion: an HMAC keyed with the issuer's public key, which anyone can fetch.
    const unsigned = `${b64({ alg: 'HS256', typ: 'JWT', kid: 'local' })}.${b64(claimsFor())}`;
    const key = LocalIssuer.fromPem(stack.state.auth.signingKeyPem).publicKey.export({ format: 'pem', type: 'spki' });
    return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
  },
  tampered: async () => {
    const [h, p, s] = (await stack.tokenFor(HR)).split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    return `${h}.${b64({ ...claims, roles: ['admin'], agency: '*' })}.${s}`;
  },
  wrongAudience: () => forgerWith(stack.state.auth.signingKeyPem, { audience: 'another-api' }),
  wrongIssuer: () => forgerWith(stack.state.auth.signingKeyPem, { issuer: 'https://idp.evil.example' }),
  unknownRole: () => stack.tokenFor(HR, { claims: { roles: ['bupati'] } }),
  nationalHr: () => stack.tokenFor(HR, { agency: '*' }),
  controlInName: () => stack.tokenFor(HR, { claims: { name: 'Siti\r\n[INFO] admin logged in' } }),
};
function forgerWith(pem: string, o: { issuer?: string; audience?: string }): Promise<string> {
  return LocalIssuer.fromPem(pem).sign(
    { sub: HR.id, roles: ['hr_officer'], agency: 'PEMKAB-TEST' },
    {
      issuer: o.issuer ?? stack.state.auth.issuer,
      audience: o.audience ?? stack.state.auth.audience,
      ttlSeconds: 600,
    },
  );
}

// ---------------------------------------------------------------------------------------------
// The catalogue
// ---------------------------------------------------------------------------------------------

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
interface Hostile {
  method: Method;
  path: () => string;
  opts?: () => CallOptions | Promise<CallOptions>;
  status: number;
  code: string;
  /** Bad input: this field must be named in details.fields. */
  field?: string;
  /** Refused tokens: details.reason must say why. */
  reason?: RegExp;
  /** A refusal of who the caller is or what they may see: a security event is recorded. */
  securityEvent?: boolean;
  /** The security event's code, when it is not the answer's (another agency's data looks like missing data). */
  securityCode?: string;
}
type Entry = [label: string, h: Hostile];

const vacDecision =
  (body: unknown, actor: TestActor = PPK, headers?: Record<string, string>) =>
  () => ({ actor, body, headers });
const selDecision =
  (body: unknown, actor: TestActor = HR) =>
  () => ({ actor, body });
/** A register entry for `profile` in the catalogue's agency, as its HR officer (the history from profileEvents). */
const registerBody = (profile: CandidateProfile): CallOptions => {
  const nip = profile.nip;
  return {
    actor: { ...HR, agency: ctx.agencyCode },
    body: {
      nip,
      employmentType: 'pns',
      name: profile.name,
      birthDate: `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`,
      sex: 'male',
      unitCode: 'DINAS-A',
      reason: 'Data dari SIASN',
      events: profileEvents(profile),
    },
  };
};
const bad = (
  method: Method,
  path: () => string,
  opts: () => CallOptions | Promise<CallOptions>,
  field: string,
  status = 400,
  code = 'VALIDATION_FAILED',
): Hostile => ({
  method,
  path,
  opts,
  status,
  code,
  field,
});

const shapes: Entry[] = [
  [
    'selection: an unknown field',
    bad(
      'POST',
      () => '/v1/selections',
      () => ({ body: selectionBody({ budget: 1e9 }) }),
      'budget',
    ),
  ],
  [
    'selection: vacancyIds as a string',
    bad(
      'POST',
      () => '/v1/selections',
      () => ({ body: selectionBody({ vacancyIds: 'vacancy:A:B' }) }),
      'vacancyIds',
    ),
  ],
  [
    'selection: a title that is a query operator object',
    bad(
      'POST',
      () => '/v1/selections',
      () => ({ body: selectionBody({ title: { $gt: '' } }) }),
      'title',
    ),
  ],
  [
    'vacancy decision: the decision as an array',
    bad('POST', () => `${ctx.vac.path}/decisions`, vacDecision({ decision: ['approve'], fillingMethod: 'open_selection' }), 'decision'),
  ],
  [
    'vacancy decision: a smuggled actor (mass assignment)',
    bad(
      'POST',
      () => `${ctx.vac.path}/decisions`,
      vacDecision({ decision: 'approve', fillingMethod: 'open_selection', actor: { id: 'x', role: 'ppk' } }),
      'actor',
    ),
  ],
  [
    'move: an unknown nested field',
    bad(
      'POST',
      () => '/v1/moves',
      () => ({ body: moveBody((m) => (m.person.salary = 1)) }),
      'person.salary',
    ),
  ],
  [
    'move: a boolean sent as a string',
    bad(
      'POST',
      () => '/v1/moves',
      () => ({ body: moveBody((m) => (m.atOwnRequest = 'false')) }),
      'atOwnRequest',
    ),
  ],
  [
    'bulk move: moves as an object',
    bad(
      'POST',
      () => '/v1/bulk-moves',
      () => ({ body: { ...bulkBody(1), moves: { 0: moveFacts('A', 'B') } } }),
      'moves',
    ),
  ],
  [
    'holiday: a name that is a number',
    bad(
      'PUT',
      () => '/v1/calendar/holidays/2031-08-17',
      () => ({ body: { nameId: 17, reason: 'Keppres' } }),
      'nameId',
    ),
  ],
  merit('agency merit: a score sent as a string', () => ({ body: meritBody({ score: '331' }) }), 'score'),
  merit(
    'agency merit: a score of 1e400 (Infinity once parsed)',
    () => ({ rawBody: JSON.stringify(meritBody()).replace('"score":331', '"score":1e400') }),
    'score',
  ),
  [
    'ledger digest check: a negative chain sequence',
    bad(
      'POST',
      () => '/v1/ledger/digest/check',
      () => ({
        actor: AUDITOR,
        body: {
          format: 'x',
          generatedAt: 'now',
          caseId: null,
          heads: [{ rootWorkflowId: 'vacancy:A:B', chainSeq: -1, rowHash: 'f'.repeat(64) }],
          algorithm: 'Ed25519',
          keyId: 'k',
          ephemeral: false,
          publicKey: 'p',
          signature: 'AA==',
        },
      }),
      'heads.0.chainSeq',
    ),
  ],
  [
    'proposal: JSON null as the body',
    bad(
      'POST',
      () => '/v1/vacancies',
      () => ({ rawBody: 'null' }),
      'body',
    ),
  ],
  [
    'proposal: prototype pollution through __proto__',
    bad(
      'POST',
      () => '/v1/vacancies',
      rawProposal((j) => j.replace(/^\{/, '{"__proto__":{"role":"admin"},"constructor":{"prototype":{"isAdmin":true}},')),
      'body',
    ),
  ],
  [
    'proposal: 5,000 unknown fields',
    bad(
      'POST',
      () => '/v1/vacancies',
      () => ({ body: vacancyProposal(Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]))) }),
      'k4999',
    ),
  ],
  [
    'proposal: a field nested 3,000 arrays deep',
    bad(
      'POST',
      () => '/v1/vacancies',
      rawProposal((j) => j.replace(/\}$/, `,"requiredCompetencies":${'['.repeat(3000)}${']'.repeat(3000)}}`)),
      'body',
    ),
  ],
];

const huge: Entry[] = [
  [
    'selection: a title of 301 characters',
    bad(
      'POST',
      () => '/v1/selections',
      () => ({ body: selectionBody({ title: 'S'.repeat(301) }) }),
      'title',
    ),
  ],
  [
    'move: a reason of 4,001 characters',
    bad(
      'POST',
      () => '/v1/moves',
      () => ({ body: { ...moveBody(), reason: 'r'.repeat(4001) } }),
      'reason',
    ),
  ],
  [
    'vacancy decision: a reason of 100,000 characters',
    bad('POST', () => `${ctx.vac.path}/decisions`, vacDecision({ decision: 'reject', reason: 'r'.repeat(100_000) }), 'reason'),
  ],
  [
    'holiday: a reason of 1,001 characters',
    bad(
      'PUT',
      () => '/v1/calendar/holidays/2031-08-18',
      () => ({ body: { nameId: 'Libur', reason: 'r'.repeat(1001) } }),
      'reason',
    ),
  ],
  [
    'evidence reference: a URI of 2,001 characters',
    bad(
      'POST',
      () => `${ctx.vac.path}/decisions`,
      vacDecision({ decision: 'reject', reason: 'x', evidence: [{ kind: 'nota_dinas', uri: `https://x/${'a'.repeat(2001)}` }] }),
      'evidence.0.uri',
    ),
  ],
  [
    'bulk move: a body over the size limit',
    {
      method: 'POST',
      path: () => '/v1/bulk-moves',
      opts: () => ({ body: { ...bulkBody(1), reason: 'r'.repeat(400_000) } }),
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    },
  ],
];

const ids: Entry[] = [
  [
    'a vacancy id on the selections route',
    bad(
      'GET',
      () => `/v1/selections/vacancy:${ctx.agencyCode}:X`,
      () => ({}),
      'id',
    ),
  ],
  [
    'a move id whose NIP has 3 digits',
    bad(
      'GET',
      () => '/v1/moves/move:PEMKAB-A:123',
      () => ({}),
      'id',
    ),
  ],
  [
    'a lower-case bulk move id',
    bad(
      'POST',
      () => '/v1/bulk-moves/bulk-move:pemkab:sk-1/decisions',
      () => ({ body: { decision: 'reject_batch', reason: 'x' } }),
      'id',
    ),
  ],
  [
    'an evidence id that is not a UUID',
    bad(
      'GET',
      () => "/v1/evidence/1' OR '1'='1",
      () => ({}),
      'id',
    ),
  ],
  [
    'an encoded path traversal as a case id',
    bad(
      'GET',
      () => '/v1/cases/..%2F..%2Fetc%2Fpasswd/dossier.json',
      () => ({}),
      'caseId',
    ),
  ],
  [
    'a case id ending in a NUL byte',
    bad(
      'GET',
      () => `/v1/ledger/verify/${encodeURIComponent(`vacancy:${ctx.agencyCode}:X\u0000`)}`,
      () => ({ actor: AUDITOR }),
      'caseId',
    ),
  ],
  [
    'an agency code with a space',
    bad(
      'GET',
      () => '/v1/reference/agency-merit/pemkab%20x',
      () => ({}),
      'agencyCode',
    ),
  ],
  [
    'a post code with markup',
    bad(
      'GET',
      () => `${ctx.sel.path}/appointments/%3Cscript%3E`,
      () => ({}),
      'postCode',
    ),
  ],
  [
    'an Idempotency-Key of 3 characters',
    bad(
      'POST',
      () => `${ctx.vac.path}/decisions`,
      vacDecision({ decision: 'reject', reason: 'x' }, PPK, { 'idempotency-key': 'abc' }),
      'idempotency-key',
    ),
  ],
  [
    'an Idempotency-Key with a quote and spaces',
    bad(
      'POST',
      () => `${ctx.vac.path}/decisions`,
      vacDecision({ decision: 'reject', reason: 'x' }, PPK, { 'idempotency-key': "key' OR 1=1 --" }),
      'idempotency-key',
    ),
  ],
];

const nips: Entry[] = [
  [
    'an assessment NIP with a letter',
    bad(
      'GET',
      () => `${ctx.sel.path}/assessments/19780412200303100A`,
      () => ({}),
      'nip',
    ),
  ],
  [
    'screening a NIP with 17 digits',
    bad(
      'POST',
      () => `${ctx.sel.path}/decisions`,
      selDecision({ decision: 'screen_candidate', nip: '19780412200303100', passed: true, administrativeScore: 80 }),
      'nip',
    ),
  ],
  [
    'a move for a NIP whose sex digit is 3',
    bad(
      'POST',
      () => '/v1/moves',
      () => ({ body: moveBody((m) => (m.person.nip = makeNip('19820304', '200801', 3 as 1, 7))) }),
      'person.nip',
    ),
  ],
  [
    'registering a NIP born in month 13',
    bad(
      'POST',
      () => `${ctx.sel.path}/decisions`,
      selDecision({
        decision: 'register_candidates',
        candidates: [{ postCode: 'X', nip: makeNip('19781312', '200303', 1, 5) }],
      }),
      'candidates.0.nip',
    ),
  ],
  [
    'scoring a NIP born on 30 February',
    bad(
      'POST',
      () => `${ctx.sel.path}/committee-review/decisions`,
      () => ({
        actor: asMember(ctx.members[1]),
        body: { decision: 'score', nip: makeNip('19780230', '200303', 1, 5), paper: 80, interview: 80 },
      }),
      'nip',
    ),
  ],
  [
    'a bulk exclusion for a NIP of zeros',
    bad(
      'POST',
      () => `/v1/bulk-moves/bulk-move:${ctx.agencyCode}:SK-X/decisions`,
      () => ({ actor: PPK, body: { decision: 'approve_batch', exclusions: [{ nip: '0'.repeat(18), reason: 'cuti' }] } }),
      'exclusions.0.nip',
    ),
  ],
];

const dates: Entry[] = [
  [
    'holidays of the year 1999',
    bad(
      'GET',
      () => '/v1/calendar/holidays?year=1999',
      () => ({}),
      'year',
    ),
  ],
  [
    'a holiday on 30 February',
    bad(
      'PUT',
      () => '/v1/calendar/holidays/2026-02-30',
      () => ({ body: { nameId: 'Libur', reason: 'Keppres' } }),
      'date',
    ),
  ],
  [
    'a holiday in 2101',
    bad(
      'DELETE',
      () => '/v1/calendar/holidays/2101-01-01',
      () => ({ body: { reason: 'Keppres' } }),
      'date',
    ),
  ],
  merit('a merit assessment dated 1999', () => ({ body: meritBody({ assessedOn: '1999-12-31' }) }), 'assessedOn'),
  [
    'an election term ending in month 13',
    bad(
      'PUT',
      () => `/v1/reference/elections/${uniqueCode('KAB')}`,
      () => ({ body: { termEnd: '2029-13-01', reason: 'Keputusan KPU' } }),
      'termEnd',
    ),
  ],
  [
    'a move whose since-date is not ISO',
    bad(
      'POST',
      () => '/v1/moves',
      () => ({ body: moveBody((m) => (m.from.since = '1/1/2020')) }),
      'from.since',
    ),
  ],
  [
    'a decree effective date without dashes',
    bad(
      'POST',
      () => `${ctx.sel.path}/appointments/${ctx.sel.postCode}/decisions`,
      selDecision({ decision: 'record_decree', decreeNumber: '821/1/2026', effectiveDate: '20261201' }),
      'effectiveDate',
    ),
  ],
  [
    'a performance year of 1989',
    bad(
      'POST',
      () => '/v1/register/people',
      () => registerBody(eligibleProfile('Yanto', { performance: [{ year: 1989, predicate: 'baik' }] })),
      'events.4.year',
    ),
  ],
  [
    'a case listing from 31 February',
    bad(
      'GET',
      () => '/v1/cases?from=2026-02-31',
      () => ({}),
      'from',
    ),
  ],
];

const control: Entry[] = [
  [
    'a selection title with CR LF and a forged log line',
    bad(
      'POST',
      () => '/v1/selections',
      () => ({ body: selectionBody({ title: 'Seleksi\r\n2026-01-01T00:00:00Z [meritflow] LOG admin approved everything' }) }),
      'title',
    ),
  ],
  [
    'a decision reason with a NUL byte',
    bad('POST', () => `${ctx.vac.path}/decisions`, vacDecision({ decision: 'reject', reason: 'alasan\u0000tersembunyi' }), 'reason'),
  ],
  [
    'a person name with a Unicode line separator',
    bad(
      'POST',
      () => '/v1/register/people',
      () => registerBody(eligibleProfile('Budi\u2028[ERROR] x')),
      'name',
    ),
  ],
  [
    'a holiday name with a line feed',
    bad(
      'PUT',
      () => '/v1/calendar/holidays/2031-08-19',
      () => ({ body: { nameId: 'Libur\nNasional', reason: 'Keppres' } }),
      'nameId',
    ),
  ],
  [
    'a committee member name with an ANSI escape',
    bad(
      'POST',
      () => `${ctx.sel.path}/decisions`,
      selDecision(
        { decision: 'form_committee', members: committee().map((m, i) => (i === 0 ? { ...m, name: '\u001b[31mMERAH\u001b[0m' } : m)) },
        PPK,
      ),
      'members.0.name',
    ),
  ],
  [
    'an evidence title with CR LF',
    bad(
      'POST',
      () => `${ctx.vac.path}/decisions`,
      vacDecision({ decision: 'reject', reason: 'x', evidence: [{ kind: 'nota_dinas', title: 'Nota\r\nSet-Cookie: a=b' }] }),
      'evidence.0.title',
    ),
  ],
  [
    'a conflict-of-interest note with a bell character',
    bad(
      'POST',
      () => `${ctx.sel.path}/committee-review/decisions`,
      () => ({
        actor: asMember(ctx.members[1]),
        body: { decision: 'declare_interests', declarations: [{ nip: nip(), conflicted: true, note: 'saudara\u0007' }] },
      }),
      'declarations.0.note',
    ),
  ],
  [
    'a minister approval scope with a tab',
    bad(
      'POST',
      () => '/v1/reference/minister-approvals',
      () => ({
        body: {
          regionCode: uniqueCode('KAB'),
          documentRef: '100.2.2.6/1/OTDA',
          title: 'Persetujuan',
          approvedOn: '2026-03-02',
          scope: 'Mutasi\tpejabat',
          reason: 'Surat Mendagri',
        },
      }),
      'scope',
    ),
  ],
];

const oversized: Entry[] = [
  [
    'registering 101 candidates in one request',
    bad(
      'POST',
      () => `${ctx.sel.path}/decisions`,
      () => ({ body: registration(101) }),
      'candidates',
    ),
  ],
  [
    'a bulk move of 201 people',
    bad(
      'POST',
      () => '/v1/bulk-moves',
      () => ({ body: bulkBody(201) }),
      'moves',
    ),
  ],
  [
    'a score sheet of 501 rows',
    bad(
      'POST',
      () => `${ctx.sel.path}/committee-review/decisions`,
      () => ({
        actor: asMember(ctx.members[1]),
        body: { decision: 'score', scores: Array.from({ length: 501 }, () => ({ nip: nip(), paper: 80, interview: 80 })) },
      }),
      'scores',
    ),
  ],
  [
    'a recommendation of 11 NIPs',
    bad(
      'POST',
      () => `${ctx.sel.path}/decisions`,
      () => ({
        actor: OVERSEER,
        body: { decision: 'recommend', postCode: ctx.sel.postCode, recommended: Array.from({ length: 11 }, nip) },
      }),
      'recommended',
    ),
  ],
  [
    'a committee of 16',
    bad(
      'POST',
      () => `${ctx.sel.path}/decisions`,
      selDecision({ decision: 'form_committee', members: [...committee(), ...committee(), ...committee(), committee()[1]] }, PPK),
      'members',
    ),
  ],
  [
    'a selection for 21 vacancies',
    bad(
      'POST',
      () => '/v1/selections',
      () => ({ body: selectionBody({ vacancyIds: Array.from({ length: 21 }, () => `vacancy:PEMKAB-A:${uniqueCode('K')}`) }) }),
      'vacancyIds',
    ),
  ],
  [
    '21 evidence references on one decision',
    bad(
      'POST',
      () => `${ctx.vac.path}/decisions`,
      vacDecision({ decision: 'reject', reason: 'x', evidence: Array.from({ length: 21 }, () => ({ kind: 'nota_dinas' })) }),
      'evidence',
    ),
  ],
];

const token = (label: string, make: () => Promise<string>, reason: RegExp): Entry => [
  label,
  {
    method: 'POST',
    path: () => '/v1/vacancies',
    opts: async () => ({ token: await make(), body: vacancyProposal() }),
    status: 401,
    code: 'UNAUTHENTICATED',
    reason,
    securityEvent: true,
  },
];
const tokenCases: Entry[] = [
  token('an expired token', tokens.expired, /expired/),
  token('a token signed by another key', tokens.forged, /unknown key|signature/),
  token('an unsigned token (alg none)', tokens.algNone, /malformed|algorithm|unreadable/),
  token('an HS256 token keyed with the public key', tokens.hs256, /algorithm|unknown key/),
  token('a token whose payload was edited (roles: admin)', tokens.tampered, /signature/),
  token('a token for another audience', tokens.wrongAudience, /aud/),
  token('a token from another issuer', tokens.wrongIssuer, /iss/),
  token('a token naming an unknown role', tokens.unknownRole, /^claim roles/),
  token('an HR officer token with national scope', tokens.nationalHr, /^claim agency/),
  token('a token whose name carries a forged log line', tokens.controlInName, /^claim name/),
  token('a token of 9,000 characters', async () => 'a'.repeat(3000) + '.' + 'b'.repeat(3000) + '.' + 'c'.repeat(3000), /malformed/),
  [
    'Basic credentials instead of a bearer token',
    {
      method: 'GET',
      path: () => '/v1/cases',
      opts: () => ({ actor: null, headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` } }),
      status: 401,
      code: 'UNAUTHENTICATED',
      reason: /malformed/,
      securityEvent: true,
    },
  ],
];

const denied = (label: string, method: Method, path: () => string, opts: () => CallOptions): Entry => [
  label,
  { method, path, opts, status: 403, code: 'ACCESS_DENIED', securityEvent: true },
];
const roles: Entry[] = [
  denied(
    'a PPK opening a selection',
    'POST',
    () => '/v1/selections',
    () => ({ actor: PPK, body: selectionBody() }),
  ),
  denied(
    'an auditor deciding on a vacancy',
    'POST',
    () => `${ctx.vac.path}/decisions`,
    () => ({ actor: AUDITOR, body: { decision: 'reject', reason: 'x' } }),
  ),
  denied(
    'an assessor setting a holiday',
    'PUT',
    () => '/v1/calendar/holidays/2031-08-20',
    () => ({ actor: ASSESSOR, body: { nameId: 'Libur', reason: 'Keppres' } }),
  ),
  denied(
    'a committee member proposing a move',
    'POST',
    () => '/v1/moves',
    () => ({ actor: asMember(ctx.members[1]), body: moveBody() }),
  ),
  denied(
    'an HR officer claiming a role the token does not hold',
    'GET',
    () => '/v1/cases',
    () => ({ actor: HR, headers: { 'x-acting-role': 'ppk' } }),
  ),
];

const otherAgency = (label: string, method: Method, path: () => string, opts: () => CallOptions): Entry => [
  label,
  { method, path, opts, status: 404, code: 'CASE_NOT_FOUND', securityEvent: true },
];
const agencies: Entry[] = [
  otherAgency(
    "another agency's HR reading a vacancy",
    'GET',
    () => ctx.vac.path,
    () => ({ actor: { ...HR, agency: OTHER_AGENCY } }),
  ),
  otherAgency(
    "another agency's PPK approving a vacancy",
    'POST',
    () => `${ctx.vac.path}/decisions`,
    () => ({ actor: { ...PPK, agency: OTHER_AGENCY }, body: { decision: 'approve', fillingMethod: 'open_selection' } }),
  ),
  otherAgency(
    "another agency's HR reading a selection",
    'GET',
    () => ctx.sel.path,
    () => ({ actor: { ...HR, agency: OTHER_AGENCY } }),
  ),
  otherAgency(
    "another agency's HR registering candidates",
    'POST',
    () => `${ctx.sel.path}/decisions`,
    () => ({ actor: { ...HR, agency: OTHER_AGENCY }, body: registration(1) }),
  ),
  otherAgency(
    "another agency's HR downloading a dossier",
    'GET',
    () => `/v1/cases/${ctx.vac.id}/dossier.json`,
    () => ({ actor: { ...HR, agency: OTHER_AGENCY } }),
  ),
];

const invisibleChars: Entry[] = [
  [
    'a selection title with a right-to-left override (U+202E)',
    bad(
      'POST',
      () => '/v1/selections',
      () => ({ body: selectionBody({ title: 'Seleksi \u202Etnemtnioppa' }) }),
      'title',
    ),
  ],
  [
    'a proposal unit with a right-to-left isolate (U+2067)',
    bad(
      'POST',
      () => '/v1/vacancies',
      () => ({ body: vacancyProposal({ organisationalUnit: 'Dinas \u2067PUPR\u2069' }) }),
      'organisationalUnit',
    ),
  ],
  [
    'a committee member name with a zero-width space',
    bad(
      'POST',
      () => `${ctx.sel.path}/decisions`,
      selDecision({ decision: 'form_committee', members: committee().map((m, i) => (i === 2 ? { ...m, name: 'Bu\u200Bdi' } : m)) }, PPK),
      'members.2.name',
    ),
  ],
  [
    'a decision reason with a byte order mark',
    bad('POST', () => `${ctx.vac.path}/decisions`, vacDecision({ decision: 'reject', reason: '\uFEFFAnggaran tidak tersedia' }), 'reason'),
  ],
  [
    'a position code with a zero-width joiner',
    bad(
      'POST',
      () => '/v1/vacancies',
      () => ({ body: vacancyProposal({ positionCode: 'KADIS\u200D-PUPR' }) }),
      'positionCode',
    ),
  ],
  [
    'a register person name with a left-to-right embedding (U+202A)',
    bad(
      'POST',
      () => '/v1/register/people',
      () => registerBody(eligibleProfile('\u202ABudi Santoso')),
      'name',
    ),
  ],
];

const impossibleDates: Entry[] = [
  [
    'a candidate sanctioned on 30 February',
    bad(
      'POST',
      () => '/v1/register/people',
      () => registerBody(eligibleProfile('Yanto', { sanctions: [{ level: 'light', imposedOn: '2025-02-30' }] })),
      'events.6.imposedOn',
    ),
  ],
  [
    'a candidate in post since 31 April',
    bad(
      'POST',
      () => '/v1/register/people',
      () => registerBody(eligibleProfile('Yanto', { currentPostSince: '2021-04-31' })),
      'events.2.from',
    ),
  ],
  [
    'a register grade whose TMT is 30 February',
    bad(
      'POST',
      () => '/v1/register/people',
      () => {
        const body = registerBody(eligibleProfile('Yanto')) as { body: { events: { payload: Record<string, unknown> }[] } };
        body.body.events[0].payload.tmt = '2022-02-30';
        return body as CallOptions;
      },
      'events.0.tmt',
    ),
  ],
  [
    'a register graduation on 29 February of a common year',
    bad(
      'POST',
      () => '/v1/register/people',
      () => {
        const body = registerBody(eligibleProfile('Yanto')) as { body: { events: { payload: Record<string, unknown> }[] } };
        body.body.events[1].payload.graduatedOn = '2011-02-29';
        return body as CallOptions;
      },
      'events.1.graduatedOn',
    ),
  ],
  [
    'a decree effective on 31 June',
    bad(
      'POST',
      () => `${ctx.sel.path}/appointments/${ctx.sel.postCode}/decisions`,
      selDecision({ decision: 'record_decree', decreeNumber: '821/1/2026', effectiveDate: '2026-06-31' }),
      'effectiveDate',
    ),
  ],
];

/** Another agency's data must look exactly like missing data, and asking for it is recorded. */
const outOfScope = (label: string, h: Omit<Hostile, 'securityEvent'>): Entry => [label, { ...h, securityEvent: true }];
const crossAgency: Entry[] = [
  outOfScope("a decision citing another agency's evidence", {
    ...bad(
      'POST',
      () => `${ctx.vac.path}/decisions`,
      () => ({
        actor: PPK,
        body: { decision: 'reject', reason: 'Anggaran tidak tersedia', evidence: [ctx.ownEvidence, ctx.foreignEvidence] },
      }),
      'evidence.1',
    ),
    securityCode: 'EVIDENCE_OUT_OF_SCOPE',
  }),
  outOfScope("a delegation whose legal basis is another agency's decree", {
    ...bad(
      'POST',
      () => '/v1/delegations',
      () => ({
        actor: { ...PPK, agency: ctx.agencyCode },
        body: {
          delegateId: 'plt-hostile-01',
          delegateName: 'Plt',
          kind: 'plt',
          validFrom: new Date().toISOString(),
          validUntil: new Date(Date.now() + 86_400_000).toISOString(),
          legalBasis: [ctx.foreignEvidence],
          reason: 'Cuti',
        },
      }),
      'legalBasis.0',
    ),
    securityCode: 'EVIDENCE_OUT_OF_SCOPE',
  }),
  outOfScope("reading another agency's evidence", {
    method: 'GET',
    path: () => `/v1/evidence/${ctx.foreignEvidence.uri.slice('evidence:'.length)}`,
    opts: () => ({ actor: { ...HR, agency: ctx.agencyCode } }),
    status: 404,
    code: 'EVIDENCE_NOT_FOUND',
    securityCode: 'EVIDENCE_OUT_OF_SCOPE',
  }),
  outOfScope("downloading another agency's evidence", {
    method: 'GET',
    path: () => `/v1/evidence/${ctx.foreignEvidence.uri.slice('evidence:'.length)}/content`,
    opts: () => ({ actor: { ...HR, agency: ctx.agencyCode } }),
    status: 404,
    code: 'EVIDENCE_NOT_FOUND',
    securityCode: 'EVIDENCE_OUT_OF_SCOPE',
  }),
  outOfScope("opening a selection for another agency's approved vacancy", {
    method: 'POST',
    path: () => '/v1/selections',
    opts: () => ({
      actor: { ...HR, agency: ctx.agencyCode },
      body: { agencyCode: ctx.agencyCode, selectionCode: uniqueCode('SELTER'), title: 'Seleksi', vacancyIds: [ctx.otherVacancyId] },
    }),
    status: 404,
    code: 'CASE_NOT_FOUND',
    securityCode: 'CASE_OUT_OF_SCOPE',
  }),
];

const refusals: Entry[] = [
  [
    'registering the PPK as a candidate',
    {
      method: 'POST',
      path: () => `${ctx.sel.path}/decisions`,
      opts: async () => ({
        body: {
          decision: 'register_candidates',
          candidates: await enrol(stack, ctx.agencyCode, ctx.sel.postCode, [eligibleProfile('Bupati sendiri', { nip: PPK.id })]),
        },
      }),
      status: 403,
      code: 'SEPARATION_OF_DUTIES',
      securityEvent: true,
    },
  ],
  [
    'the initiator registering themselves as a candidate',
    {
      method: 'POST',
      path: () => `${ctx.sel.path}/decisions`,
      opts: async () => ({
        body: {
          decision: 'register_candidates',
          candidates: await enrol(stack, ctx.agencyCode, ctx.sel.postCode, [
            eligibleProfile('Pemrakarsa', { nip: HR.id }),
            eligibleProfile('Calon lain'),
          ]),
        },
      }),
      status: 403,
      code: 'SEPARATION_OF_DUTIES',
      securityEvent: true,
    },
  ],
  [
    'an Idempotency-Key sent again with a different decision',
    {
      method: 'POST',
      path: () => `${ctx.sel.path}/decisions`,
      opts: async () => {
        const headers = { 'idempotency-key': `hostile-${uniqueCode('K')}` };
        // The first use is refused by the workflow (out of order), so nothing is recorded; the key is now taken.
        const first = await stack.call('POST', `${ctx.sel.path}/decisions`, {
          actor: PPK,
          headers,
          body: { decision: 'pick', postCode: ctx.sel.postCode, nip: nip() },
        });
        if (first.status !== 409) throw new Error(`first use of the key: ${first.status} ${JSON.stringify(first.body)}`);
        return { actor: PPK, headers, body: { decision: 'cancel_selection', reason: 'Dibatalkan' } };
      },
      status: 422,
      code: 'IDEMPOTENCY_CONFLICT',
    },
  ],
];

const catalogue: Entry[] = [
  ...shapes.map(([l, h]): Entry => [`wrong shape: ${l}`, h]),
  ...huge.map(([l, h]): Entry => [`huge: ${l}`, h]),
  ...ids.map(([l, h]): Entry => [`malformed id: ${l}`, h]),
  ...nips.map(([l, h]): Entry => [`invalid NIP: ${l}`, h]),
  ...dates.map(([l, h]): Entry => [`date out of range: ${l}`, h]),
  ...control.map(([l, h]): Entry => [`control characters: ${l}`, h]),
  ...oversized.map(([l, h]): Entry => [`oversized list: ${l}`, h]),
  ...tokenCases.map(([l, h]): Entry => [`token: ${l}`, h]),
  ...roles.map(([l, h]): Entry => [`wrong role: ${l}`, h]),
  ...agencies.map(([l, h]): Entry => [`agency scope: ${l}`, h]),
  ...invisibleChars.map(([l, h]): Entry => [`invisible characters: ${l}`, h]),
  ...impossibleDates.map(([l, h]): Entry => [`impossible date: ${l}`, h]),
  ...crossAgency.map(([l, h]): Entry => [`another agency's data: ${l}`, h]),
  ...refusals.map(([l, h]): Entry => [`one vocabulary: ${l}`, h]),
];

// ---------------------------------------------------------------------------------------------
// Effects
// ---------------------------------------------------------------------------------------------

const CASE_ID = /^(vacancy|open-selection|move|bulk-move):/;

/** The workflow ids a request would start, were it accepted. */
function wouldStart(method: Method, path: string, body: unknown): string[] {
  if (method !== 'POST' || typeof body !== 'object' || body === null) return [];
  const b = body as Record<string, any>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  switch (path) {
    case '/v1/vacancies':
      return str(b.agencyCode) && str(b.positionCode) ? [`vacancy:${b.agencyCode}:${b.positionCode}`] : [];
    case '/v1/selections':
      return str(b.agencyCode) && str(b.selectionCode) ? [`open-selection:${b.agencyCode}:${b.selectionCode}`] : [];
    case '/v1/moves':
      return str(b.from?.agencyCode) && str(b.person?.nip) ? [`move:${b.from.agencyCode}:${b.person.nip}`] : [];
    case '/v1/bulk-moves':
      return str(b.agencyCode) && str(b.batchCode) ? [`bulk-move:${b.agencyCode}:${b.batchCode}`] : [];
    default:
      return [];
  }
}

/** Codes this catalogue made up (uniqueCode: PREFIX-8 hex digits): any workflow or row carrying one was caused by it. */
const MARKER = /[A-Z][A-Z-]*-[0-9A-F]{8}\b/g;
const markersUsed = new Set<string>();

async function ledgerCount(where: string, args: unknown[]): Promise<number> {
  const db = await stack.db();
  return (await db.query(`SELECT count(*)::int AS n FROM decisions WHERE ${where}`, args)).rows[0].n;
}
const rowsOf = (workflowIds: string[]) => ledgerCount('workflow_id = ANY($1) OR root_workflow_id = ANY($1)', [workflowIds]);
const rowsMarked = (markers: string[]) =>
  markers.length ? ledgerCount(`workflow_id LIKE ANY($1)`, [markers.map((m) => `%${m}%`)]) : Promise.resolve(0);
async function securityEventsSince(id: number): Promise<{ code: string }[]> {
  const db = await stack.db();
  return (await db.query('SELECT code FROM security_events WHERE id > $1', [id])).rows;
}
async function lastSecurityEventId(): Promise<number> {
  const db = await stack.db();
  return Number((await db.query('SELECT coalesce(max(id), 0) AS id FROM security_events')).rows[0].id);
}
async function lastDecisionId(): Promise<number> {
  const db = await stack.db();
  return Number((await db.query('SELECT coalesce(max(id), 0) AS id FROM decisions')).rows[0].id);
}

let startedAt: Date;
let firstDecisionId: number;
let fixtureRows: number;

beforeAll(async () => {
  const agencyCode = uniqueCode('PEMKAB');
  ctx.agencyCode = agencyCode;

  // A vacancy awaiting the PPK's decision.
  const vac = vacancyProposal({ agencyCode });
  const proposed = await stack.call('POST', '/v1/vacancies', { body: vac });
  if (proposed.status !== 201) throw new Error(`fixture vacancy: ${proposed.status} ${JSON.stringify(proposed.body)}`);
  ctx.vac = { id: proposed.body.workflowId, path: vacancyPath(vac) };

  // An open selection under the SOP in force (no short test timers), its committee formed.
  const post = vacancyProposal({ agencyCode });
  const v = await stack.call('POST', '/v1/vacancies', { body: post });
  if (v.status !== 201) throw new Error(`fixture post: ${v.status} ${JSON.stringify(v.body)}`);
  const approved = await stack.call('POST', `/v1/vacancies/${v.body.workflowId}/decisions`, {
    actor: PPK,
    body: { decision: 'approve', fillingMethod: 'open_selection' },
  });
  if (approved.status !== 200) throw new Error(`fixture approval: ${approved.status} ${JSON.stringify(approved.body)}`);
  const opened = await stack.call('POST', '/v1/selections', {
    body: { agencyCode, selectionCode: uniqueCode('SELTER'), title: 'Seleksi Terbuka JPT Pratama 2026', vacancyIds: [v.body.workflowId] },
  });
  if (opened.status !== 201) throw new Error(`fixture selection: ${opened.status} ${JSON.stringify(opened.body)}`);
  ctx.sel = { id: opened.body.workflowId, path: `/v1/selections/${opened.body.workflowId}`, postCode: post.positionCode };
  ctx.members = committee();
  const formed = await stack.call('POST', `${ctx.sel.path}/decisions`, {
    actor: PPK,
    body: { decision: 'form_committee', members: ctx.members, evidence: [await uploadEvidence(stack, 'sk_pansel', agencyCode)] },
  });
  if (formed.status !== 200) throw new Error(`fixture committee: ${formed.status} ${JSON.stringify(formed.body)}`);
  // Registration open, so that what is refused at registration is refused for its own reason, not for being early.
  const chair = ctx.members.find((m) => m.isChair)!;
  const announced = await stack.call('POST', `${ctx.sel.path}/decisions`, {
    actor: asMember(chair),
    body: { decision: 'announce', evidence: [await uploadEvidence(stack, 'pengumuman', agencyCode)] },
  });
  if (announced.status !== 200) throw new Error(`fixture announcement: ${announced.status} ${JSON.stringify(announced.body)}`);

  // Another agency: a document it uploaded, and a vacancy it approved for open selection.
  const otherAgency = uniqueCode('PEMKAB');
  ctx.foreignEvidence = (await uploadEvidence(stack, 'nota_dinas', otherAgency)) as Ctx['foreignEvidence'];
  ctx.ownEvidence = (await uploadEvidence(stack, 'nota_dinas', agencyCode)) as Ctx['ownEvidence'];
  const other = await stack.call('POST', '/v1/vacancies', { body: vacancyProposal({ agencyCode: otherAgency }) });
  if (other.status !== 201) throw new Error(`fixture other vacancy: ${other.status} ${JSON.stringify(other.body)}`);
  const otherApproved = await stack.call('POST', `/v1/vacancies/${other.body.workflowId}/decisions`, {
    actor: PPK,
    body: { decision: 'approve', fillingMethod: 'open_selection' },
  });
  if (otherApproved.status !== 200)
    throw new Error(`fixture other approval: ${otherApproved.status} ${JSON.stringify(otherApproved.body)}`);
  ctx.otherVacancyId = other.body.workflowId;

  // Wait until the ledger has caught up with the fixtures, so that any later row is the catalogue's doing.
  fixtureRows = await eventually(async () => {
    const sel = (await stack.call('GET', ctx.sel.path)).body;
    const vacRows = await rowsOf([ctx.vac.id]);
    const otherRows = await rowsOf([ctx.otherVacancyId]);
    return sel.recordedCount === sel.decisionCount && sel.decisionCount >= 3 && vacRows === 1 && otherRows === 2
      ? rowsOf([ctx.vac.id, ctx.sel.id, v.body.workflowId])
      : undefined;
  });
  startedAt = new Date();
  firstDecisionId = await lastDecisionId();
});

describe('the hostile-input catalogue', () => {
  it('holds at least 50 bad requests', () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(50);
    expect(new Set(catalogue.map(([label]) => label)).size).toBe(catalogue.length);
  });

  it.each(catalogue)('refuses %s with a clear 4xx, starting nothing and recording nothing', async (_label, h) => {
    const path = h.path();
    const opts = (await h.opts?.()) ?? {};
    const body = opts.body ?? (opts.rawBody ? safeParse(opts.rawBody) : undefined);
    const started = wouldStart(h.method, path, body);
    const targets = [ctx.vac.id, ctx.sel.id];
    const markers = [...new Set(`${path} ${JSON.stringify(body ?? '')}`.match(MARKER) ?? [])].filter((m) => m !== ctx.agencyCode);
    for (const m of markers) markersUsed.add(m);
    const before = { targets: await rowsOf(targets), marked: await rowsMarked(markers), security: await lastSecurityEventId() };

    const res = await stack.call(h.method, path, opts);

    expect([res.status, res.body?.code]).toEqual([h.status, h.code]);
    expect(res.body).toMatchObject({ statusCode: h.status, code: h.code, messages: { id: expect.any(String), en: expect.any(String) } });
    expect(res.body.message).toBe(res.body.messages.id);
    expect(JSON.stringify(res.body)).not.toMatch(STACK_TRACE);
    if (h.field) {
      const named = (res.body.details?.fields ?? []).map((f: { field: string }) => f.field);
      expect(named).toContain(h.field);
      // The path is for the form (`field`); the human text says the field's label, not its API name.
      expect(res.body.field).toBe(named[0]);
      if (/[.A-Z]/.test(h.field)) expect(res.body.messages.en).not.toContain(h.field);
    }
    if (h.reason) expect(res.body.details.reason).toMatch(h.reason);

    for (const id of started) expect([id, await stack.workflowExists(id)]).toEqual([id, false]);
    expect({ targets: await rowsOf(targets), marked: await rowsMarked(markers) }).toEqual({
      targets: before.targets,
      marked: before.marked,
    });
    if (h.securityEvent) {
      const events = await eventually(
        async () => {
          const e = await securityEventsSince(before.security);
          return e.length > 0 ? e : undefined;
        },
        5_000,
        'a security event',
      );
      if (h.securityCode) expect(events.map((e) => e.code)).toContain(h.securityCode);
      else if (h.status !== 404) expect(events.map((e) => e.code)).toContain(h.code);
    }
  });

  it('started no workflow and recorded no decision over the whole catalogue', async () => {
    // Visibility and the ledger's activities may lag a moment behind an accepted request: look again now.
    await new Promise((r) => setTimeout(r, 1500));
    const client = await stack.temporalClient();
    const startedSince: string[] = [];
    for await (const wf of client.workflow.list({ query: `StartTime >= "${startedAt.toISOString()}"` })) startedSince.push(wf.workflowId);
    const marked = (id: string) => [...markersUsed].some((m) => id.includes(m)) || id.includes(ctx.agencyCode);
    expect(startedSince.filter(marked)).toEqual([]);

    const db = await stack.db();
    const rows = (await db.query('SELECT workflow_id FROM decisions WHERE id > $1', [firstDecisionId])).rows.map(
      (r: { workflow_id: string }) => r.workflow_id,
    );
    expect(rows.filter(marked)).toEqual([]);
    expect(await rowsOf([ctx.vac.id, ctx.sel.id])).toBeLessThanOrEqual(fixtureRows);
    expect(markersUsed.size).toBeGreaterThan(20);
  });
});

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// What must be accepted: metacharacters are data
// ---------------------------------------------------------------------------------------------

describe('SQL and JSON metacharacters in free text', () => {
  const TITLE = `Kepala Dinas'); DROP TABLE decisions;-- {"$gt":""} \\"quoted\\" <b>&amp; %s %n \${x} ' OR '1'='1`;
  const REASON = `Robert'); DELETE FROM cases WHERE '1'='1';--\n{"$where": "sleep(1000)", "__proto__": {"x": 1}}\n\t\\u0000 is text, not a NUL; 100% ; SELECT pg_sleep(10);`;

  it('are accepted and stored verbatim: read back through the API and from the ledger', async () => {
    const proposal = vacancyProposal({ title: TITLE, reason: REASON });
    const res = await stack.call('POST', '/v1/vacancies', { body: proposal });
    expect(res.status).toBe(201);
    const workflowId = res.body.workflowId;

    const rejectReason = `${REASON}\n-- ditolak: '; UPDATE decisions SET actor_role='ppk';--`;
    const rejected = await stack.call('POST', `${vacancyPath(proposal)}/decisions`, {
      actor: PPK,
      body: { decision: 'reject', reason: rejectReason },
    });
    expect(rejected.status).toBe(200);

    const rows = await eventually(async () => {
      const r = (await stack.ledgerRows(workflowId)) as unknown as { decision: string; reason: string; payload: Record<string, unknown> }[];
      return r.length === 2 ? r : undefined;
    });
    expect(rows.map((r) => [r.decision, r.reason])).toEqual([
      ['propose', REASON],
      ['reject', rejectReason],
    ]);
    expect(JSON.stringify(rows[0].payload)).toContain(JSON.stringify(TITLE).slice(1, -1));

    const read = await stack.call('GET', vacancyPath(proposal));
    expect(read.status).toBe(200);
    expect(read.body.decisions.map((d: { reason: string }) => d.reason)).toEqual([REASON, rejectReason]);
    const listed = await stack.call('GET', `/v1/vacancies?agencyCode=${proposal.agencyCode}`);
    expect(listed.body.items.map((i: { title: string }) => i.title)).toEqual([TITLE]);

    // And the tables are all still there.
    const db = await stack.db();
    expect((await db.query(`SELECT to_regclass('public.decisions') AS d, to_regclass('public.cases') AS c`)).rows[0]).toEqual({
      d: 'decisions',
      c: 'cases',
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Replays and duplicates
// ---------------------------------------------------------------------------------------------

describe('replayed and duplicated requests with an Idempotency-Key', () => {
  const propose = async () => {
    const proposal = vacancyProposal();
    const res = await stack.call('POST', '/v1/vacancies', { body: proposal });
    expect(res.status).toBe(201);
    await eventually(async () => (await stack.ledgerRows(res.body.workflowId)).length === 1);
    return { path: vacancyPath(proposal), workflowId: res.body.workflowId as string };
  };

  it('five concurrent copies of one decision get one answer and record one decision', async () => {
    const { path, workflowId } = await propose();
    const headers = { 'idempotency-key': `dup-${uniqueCode('K')}` };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        stack.call('POST', `${path}/decisions`, { actor: PPK, headers, body: { decision: 'approve', fillingMethod: 'open_selection' } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    for (const a of answers) expect(a.body).toEqual(answers[0].body);
    await new Promise((r) => setTimeout(r, 500));
    expect((await stack.ledgerRows(workflowId)).map((r) => r.decision)).toEqual(['propose', 'approve']);
  });

  it('a replay carrying a different body under the same key answers 422 IDEMPOTENCY_CONFLICT and has no second effect', async () => {
    const { path, workflowId } = await propose();
    const headers = { 'idempotency-key': `replay-${uniqueCode('K')}` };
    const first = await stack.call('POST', `${path}/decisions`, {
      actor: PPK,
      headers,
      body: { decision: 'reject', reason: 'Anggaran tidak tersedia' },
    });
    expect(first.status).toBe(200);
    const replay = await stack.call('POST', `${path}/decisions`, {
      actor: PPK,
      headers,
      body: { decision: 'approve', fillingMethod: 'open_selection' },
    });
    expect([replay.status, replay.body.code]).toEqual([422, 'IDEMPOTENCY_CONFLICT']);
    // The same request under the same key is still a repeat, answered as the first time.
    const again = await stack.call('POST', `${path}/decisions`, {
      actor: PPK,
      headers,
      body: { decision: 'reject', reason: 'Anggaran tidak tersedia' },
    });
    expect([again.status, again.body]).toEqual([200, first.body]);
    await new Promise((r) => setTimeout(r, 500));
    expect((await stack.ledgerRows(workflowId)).map((r) => r.decision)).toEqual(['propose', 'reject']);
    expect((await stack.call('GET', path)).body.status).toBe('rejected');
  });

  it('a decision on a closed case answers 409 naming its final step, and records nothing', async () => {
    const { path, workflowId } = await propose();
    expect(
      (await stack.call('POST', `${path}/decisions`, { actor: PPK, body: { decision: 'reject', reason: 'Anggaran tidak tersedia' } }))
        .status,
    ).toBe(200);
    await eventually(async () => (await stack.ledgerRows(workflowId)).length === 2);
    const late = await stack.call('POST', `${path}/decisions`, {
      actor: PPK,
      body: { decision: 'approve', fillingMethod: 'open_selection' },
    });
    expect([late.status, late.body.code]).toEqual([409, 'DECISION_NOT_ALLOWED']);
    expect(late.body.details.step).toEqual(expect.any(String));
    expect(late.body.messages.en).toContain(late.body.details.step);
    expect((await stack.ledgerRows(workflowId)).map((r) => r.decision)).toEqual(['propose', 'reject']);
  });

  it('a proposal sent twice at once starts one workflow and records one proposal', async () => {
    const proposal = vacancyProposal();
    const headers = { 'idempotency-key': `propose-${uniqueCode('K')}` };
    const answers = await Promise.all([0, 1].map(() => stack.call('POST', '/v1/vacancies', { body: proposal, headers })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses[0]).toBe(201);
    expect([201, 409]).toContain(statuses[1]);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.code).toBe('CASE_ALREADY_EXISTS');
    const workflowId = `vacancy:${proposal.agencyCode}:${proposal.positionCode}`;
    await new Promise((r) => setTimeout(r, 500));
    const client = await stack.temporalClient();
    const runs: string[] = [];
    for await (const wf of client.workflow.list({ query: `WorkflowId = "${workflowId}"` })) runs.push(wf.runId);
    expect(runs).toHaveLength(1);
    expect((await stack.ledgerRows(workflowId)).map((r) => r.decision)).toEqual(['propose']);
  });
});
