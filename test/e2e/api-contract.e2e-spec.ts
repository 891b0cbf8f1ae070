import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { NATIONAL_ROLES } from '@meritflow/auth';
import type { Role } from '@meritflow/domain';
import { HR, PPK, Stack, eventually, uniqueCode, vacancyProposal, type CallOptions, type TestActor } from '../support/api-client';
import { namedMoves, registerOfficial } from '../support/register-fixtures';
import { moveFacts, region } from '../support/move-fixtures';
import { uploadEvidence } from '../support/selection-fixtures';
import { makeNip } from '../support/register-fixtures';
import { importWorkbook, officialRows, uploadImport } from '../support/register-import-fixtures';

/**
 * The API's contract, checked against the running stack: the OpenAPI document lists every 4xx an
 * operation really answers, with the error schema, and documents every field its DTOs validate; and
 * another agency's ids are indistinguishable from missing ones on every endpoint that takes an id.
 */

const stack = new Stack();
afterAll(() => stack.close());

type Op = {
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
  'x-allowed-roles'?: string[];
};
let doc: {
  paths: Record<string, Record<string, Op>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
};
const ops = () =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );

const A = uniqueCode('PEMKAB');
const B = uniqueCode('PEMKAB');
const fx = {} as {
  vacancyId: string;
  selectionId: string;
  moveId: string;
  bulkId: string;
  disciplineId: string;
  talentReviewId: string;
  evidenceId: string;
  delegationId: string;
  postCode: string;
  importId: string;
};

beforeAll(async () => {
  doc = (await stack.call('GET', '/docs-json', { actor: null })).body;

  const proposal = vacancyProposal({ agencyCode: A });
  const v = await stack.call('POST', '/v1/vacancies', { body: proposal });
  if (v.status !== 201) throw new Error(`vacancy: ${v.status} ${JSON.stringify(v.body)}`);
  fx.vacancyId = v.body.workflowId;
  fx.postCode = proposal.positionCode;
  const approved = await stack.call('POST', `/v1/vacancies/${fx.vacancyId}/decisions`, {
    actor: PPK,
    body: { decision: 'approve', fillingMethod: 'open_selection' },
  });
  if (approved.status !== 200) throw new Error(`approval: ${approved.status} ${JSON.stringify(approved.body)}`);
  const sel = await stack.call('POST', '/v1/selections', {
    body: { agencyCode: A, selectionCode: uniqueCode('SELTER'), title: 'Seleksi Terbuka', vacancyIds: [fx.vacancyId] },
  });
  if (sel.status !== 201) throw new Error(`selection: ${sel.status} ${JSON.stringify(sel.body)}`);
  fx.selectionId = sel.body.workflowId;

  const regionCode = await region(stack);
  const move = await stack.call('POST', '/v1/moves', {
    body: await namedMoves(stack, { ...moveFacts(A, regionCode), reason: 'Penyegaran' }),
  });
  if (move.status !== 201) throw new Error(`move: ${move.status} ${JSON.stringify(move.body)}`);
  fx.moveId = move.body.workflowId;
  const bulk = await stack.call('POST', '/v1/bulk-moves', {
    body: await namedMoves(stack, {
      agencyCode: A,
      batchCode: uniqueCode('SK-ROTASI'),
      title: 'Rotasi',
      moves: [{ ...moveFacts(A, regionCode), kind: 'rotation' }],
      reason: 'Penyegaran',
    }),
  });
  if (bulk.status !== 201) throw new Error(`bulk move: ${bulk.status} ${JSON.stringify(bulk.body)}`);
  fx.bulkId = bulk.body.workflowId;
  const official = await registerOfficial(stack, { agencyCode: A });
  const discipline = await stack.call('POST', '/v1/discipline-cases', {
    body: {
      agencyCode: A,
      caseCode: uniqueCode('HD'),
      nip: official.nip,
      allegation: 'Tidak masuk kerja',
      reportedOn: new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10),
    },
  });
  if (discipline.status !== 201) throw new Error(`discipline: ${discipline.status} ${JSON.stringify(discipline.body)}`);
  fx.disciplineId = discipline.body.workflowId;
  const review = await stack.call('POST', '/v1/talent-reviews', {
    actor: { ...HR, agency: A },
    body: { period: '2026', validFrom: '2027-01-01', validTo: '2027-12-31', reason: 'Reviu talenta' },
  });
  if (review.status !== 201) throw new Error(`talent review: ${review.status} ${JSON.stringify(review.body)}`);
  fx.talentReviewId = review.body.workflowId;

  const ref = await uploadEvidence(stack, 'sk_plt', A);
  fx.evidenceId = ref.uri!.slice('evidence:'.length);
  const ppk: TestActor = { ...PPK, id: uniqueCode('ppk').toLowerCase(), agency: A };
  const d = await stack.call('POST', '/v1/delegations', {
    actor: ppk,
    body: {
      delegateId: uniqueCode('plt').toLowerCase(),
      delegateName: 'Plt',
      kind: 'plt',
      validFrom: new Date().toISOString(),
      validUntil: new Date(Date.now() + 86_400_000).toISOString(),
      legalBasis: [ref],
      reason: 'Cuti',
    },
  });
  if (d.status !== 201) throw new Error(`delegation: ${d.status} ${JSON.stringify(d.body)}`);
  fx.delegationId = d.body.id;

  const imported = await uploadImport(stack, A, await importWorkbook(officialRows(A, makeNip())));
  if (imported.status !== 201 && imported.status !== 202)
    throw new Error(`register import: ${imported.status} ${JSON.stringify(imported.body)}`);
  fx.importId = imported.body.batch.id;
});

// ---------------------------------------------------------------------------------------------
// Every endpoint taking an id
// ---------------------------------------------------------------------------------------------

/** For each path parameter that names something an agency owns: an id of agency A that exists, and one of agency B that does not. */
const ID_PARAMS: Record<string, (path: string) => { existing: string; missing: string }> = {
  id: (path) => {
    if (path.startsWith('/api/v1/vacancies')) return { existing: fx.vacancyId, missing: `vacancy:${B}:NOPE-1` };
    if (path.startsWith('/api/v1/selections')) return { existing: fx.selectionId, missing: `open-selection:${B}:NOPE-1` };
    if (path.startsWith('/api/v1/moves')) return { existing: fx.moveId, missing: `move:${B}:198203042008011001` };
    if (path.startsWith('/api/v1/bulk-moves')) return { existing: fx.bulkId, missing: `bulk-move:${B}:NOPE-1` };
    if (path.startsWith('/api/v1/discipline-cases')) return { existing: fx.disciplineId, missing: `discipline:${B}:NOPE-1` };
    if (path.startsWith('/api/v1/talent-reviews')) return { existing: fx.talentReviewId, missing: `talent-review:${B}:2026` };
    if (path.startsWith('/api/v1/evidence')) return { existing: fx.evidenceId, missing: '00000000-0000-4000-8000-000000000000' };
    if (path.startsWith('/api/v1/delegations')) return { existing: fx.delegationId, missing: '00000000-0000-4000-8000-000000000001' };
    if (path.startsWith('/api/v1/register/imports')) return { existing: fx.importId, missing: '00000000-0000-4000-8000-000000000002' };
    throw new Error(`no fixture for {id} in ${path}: add one`);
  },
  caseId: () => ({ existing: fx.vacancyId, missing: `vacancy:${B}:NOPE-1` }),
  // SOP migration batches are decided by administrators only (a national role), so the walk below skips
  // them; test/e2e/sop-migration.e2e-spec.ts checks that another agency's batch answers like a missing one.
  batchId: () => ({ existing: '00000000-0000-4000-8000-000000000003', missing: '00000000-0000-4000-8000-000000000004' }),
};
/** Path parameters that are not ids an agency owns: a date, or reference codes named on purpose (403, see README). */
const NOT_IDS = new Set(['date', 'regionCode', 'agencyCode', 'nip', 'postCode', 'unitCode']);
const FILLERS: Record<string, string> = { nip: '198203042008011001', postCode: 'KADIS-X' };

/** A body that passes validation, so that only whether the id can be reached decides the answer. */
const bodyFor = (path: string, method: string): unknown => {
  if (method === 'GET') return undefined;
  const bodies: [RegExp, unknown][] = [
    [/\/revoke$/, { reason: 'Selesai' }],
    [/^\/api\/v1\/vacancies\/\{id\}\/decisions$/, { decision: 'reject', reason: 'Tidak jadi' }],
    [/^\/api\/v1\/selections\/\{id\}\/decisions$/, { decision: 'cancel_selection', reason: 'Tidak jadi' }],
    [/\/assessments\/\{nip\}\/decisions$/, { decision: 'record_assessment' }],
    [/\/committee-review\/decisions$/, { decision: 'declare_interests' }],
    [/\/appointments\/\{postCode\}\/decisions$/, { decision: 'record_inauguration' }],
    [/^\/api\/v1\/moves\/\{id\}\/decisions$/, { decision: 'reject', reason: 'Tidak jadi' }],
    [/^\/api\/v1\/bulk-moves\/\{id\}\/decisions$/, { decision: 'reject_batch', reason: 'Tidak jadi' }],
    // An empty last page is valid: it closes an open batch's list.
    [/^\/api\/v1\/bulk-moves\/\{id\}\/members$/, { moves: [], last: true }],
    [/^\/api\/v1\/discipline-cases\/\{id\}\/decisions$/, { decision: 'close_case', reason: 'Tidak terbukti' }],
    [/^\/api\/v1\/talent-reviews\/\{id\}\/decisions$/, { decision: 'withdraw', reason: 'Tidak jadi' }],
    [/^\/api\/v1\/cases\/\{caseId\}\/decree$/, { decreeDate: '2026-12-06', effectiveDate: '2026-12-07', place: 'Sleman' }],
  ];
  const hit = bodies.find(([re]) => re.test(path));
  if (!hit) throw new Error(`no valid body for ${method} ${path}: add one`);
  return hit[1];
};

describe('another agency’s ids', () => {
  it('covers every operation with an id in its path', () => {
    const withIds = ops().filter(({ op }) => (op.parameters ?? []).some((p) => p.in === 'path' && !NOT_IDS.has(p.name)));
    expect(withIds.length).toBeGreaterThanOrEqual(20);
    for (const { op } of withIds)
      for (const p of (op.parameters ?? []).filter((x) => x.in === 'path' && !NOT_IDS.has(x.name)))
        expect(Object.keys(ID_PARAMS)).toContain(p.name);
  });

  it('answer exactly like missing ones on every endpoint taking an id, and each attempt is a security event', async () => {
    const walked: string[] = [];
    for (const { path, method, op } of ops()) {
      const params = (op.parameters ?? []).filter((p) => p.in === 'path');
      if (!params.some((p) => !NOT_IDS.has(p.name))) continue;
      const role = (op['x-allowed-roles'] ?? []).find((r) => !NATIONAL_ROLES.includes(r as Role));
      // Operations only national bodies may call have no "other agency" to hide from.
      if (!role) continue;
      const caller: TestActor = { id: uniqueCode('probe').toLowerCase(), role: role as Role, name: 'Petugas instansi lain', agency: B };
      const fill = (which: 'existing' | 'missing') =>
        params.reduce(
          (p, x) => p.replace(`{${x.name}}`, encodeURIComponent(NOT_IDS.has(x.name) ? FILLERS[x.name] : ID_PARAMS[x.name](path)[which])),
          path.replace(/^\/api/, ''),
        );
      const opts: CallOptions = { actor: caller, body: bodyFor(path, method) };
      const foreign = await stack.call(method, fill('existing'), opts);
      const missing = await stack.call(method, fill('missing'), opts);
      const label = `${method} ${path}`;
      expect([label, foreign.status, foreign.body.code]).toEqual([label, missing.status, missing.body.code]);
      expect([label, foreign.status]).toEqual([label, 404]);
      expect([label, Object.keys(foreign.body.details).sort()]).toEqual([label, Object.keys(missing.body.details).sort()]);
      await eventually(
        async () => {
          const rows = (await (await stack.db()).query('SELECT code FROM security_events WHERE actor_id = $1', [caller.id])).rows;
          return rows.some((r: { code: string }) => /_OUT_OF_SCOPE$/.test(r.code)) || undefined;
        },
        5_000,
        `a security event for ${label}`,
      );
      walked.push(label);
    }
    expect(walked.length).toBeGreaterThanOrEqual(20);
  });

  it('hides another agency’s vacancy named in a body like a missing one', async () => {
    const caller: TestActor = { ...HR, agency: B };
    const body = (id: string) => ({ agencyCode: B, selectionCode: uniqueCode('SELTER'), title: 'Seleksi', vacancyIds: [id] });
    const foreign = await stack.call('POST', '/v1/selections', { actor: caller, body: body(fx.vacancyId) });
    const missing = await stack.call('POST', '/v1/selections', { actor: caller, body: body(`vacancy:${B}:NOPE-1`) });
    expect([foreign.status, foreign.body.code]).toEqual([404, 'CASE_NOT_FOUND']);
    expect([missing.status, missing.body.code]).toEqual([404, 'CASE_NOT_FOUND']);
    expect(JSON.stringify(foreign.body)).not.toMatch(/approved|open_selection/);
  });
});

// ---------------------------------------------------------------------------------------------
// The OpenAPI document against the real answers
// ---------------------------------------------------------------------------------------------

describe('the OpenAPI document', () => {
  it('gives every 4xx of every operation the error schema', () => {
    const missing = ops().flatMap(({ path, method, op }) =>
      Object.entries(op.responses)
        .filter(
          ([status, r]) =>
            Number(status) >= 400 &&
            !(r.content?.['application/json']?.schema as { required?: string[] } | undefined)?.required?.includes('messages'),
        )
        .map(([status]) => `${method} ${path} ${status}`),
    );
    expect(missing).toEqual([]);
  });

  const AUDITOR: TestActor = { id: 'inspektorat-01', role: 'auditor', name: 'Auditor' };
  /** Real requests that are refused, each with the operation it calls. */
  const table: [label: string, method: string, op: string, path: () => string, opts: () => CallOptions][] = [
    ['no token', 'POST', '/api/v1/vacancies', () => '/v1/vacancies', () => ({ actor: null, body: vacancyProposal() })],
    ['a role not admitted', 'POST', '/api/v1/vacancies', () => '/v1/vacancies', () => ({ actor: PPK, body: vacancyProposal() })],
    ['bad input', 'POST', '/api/v1/vacancies', () => '/v1/vacancies', () => ({ body: vacancyProposal({ title: 'T\u202E' }) })],
    [
      'a running case proposed again',
      'POST',
      '/api/v1/vacancies',
      () => '/v1/vacancies',
      () => ({ body: vacancyProposal({ agencyCode: A, positionCode: fx.postCode }) }),
    ],
    [
      'a decision out of order',
      'POST',
      '/api/v1/vacancies/{id}/decisions',
      () => `/v1/vacancies/${fx.vacancyId}/decisions`,
      () => ({ actor: PPK, body: { decision: 'approve', fillingMethod: 'open_selection' } }),
    ],
    ['a missing case', 'GET', '/api/v1/vacancies/{id}', () => `/v1/vacancies/vacancy:${A}:NOPE-2`, () => ({})],
    ['a malformed id', 'GET', '/api/v1/selections/{id}', () => '/v1/selections/nope', () => ({})],
    [
      'an early assessment',
      'POST',
      '/api/v1/selections/{id}/assessments/{nip}/decisions',
      () => `/v1/selections/${fx.selectionId}/assessments/198203042008011001/decisions`,
      () => ({ actor: { id: 'asesor-01', role: 'assessor' }, body: { decision: 'record_assessment', levels: {}, reason: 'x' } }),
    ],
    ['an impossible date', 'GET', '/api/v1/cases', () => '/v1/cases?from=2026-02-30', () => ({})],
    ['missing evidence', 'GET', '/api/v1/evidence/{id}', () => '/v1/evidence/00000000-0000-4000-8000-000000000002', () => ({})],
    ['an auditor-only read by HR', 'GET', '/api/v1/ledger/verify/{caseId}', () => `/v1/ledger/verify/${fx.vacancyId}`, () => ({})],
    [
      'an unknown delegation',
      'GET',
      '/api/v1/delegations/{id}',
      () => '/v1/delegations/00000000-0000-4000-8000-000000000003',
      () => ({ actor: AUDITOR }),
    ],
    [
      'a payload encrypted under a key this server lacks',
      'POST',
      '/api/v1/codec/decode',
      () => '/v1/codec/decode',
      () => ({
        actor: AUDITOR,
        body: {
          payloads: [
            {
              metadata: {
                encoding: Buffer.from('binary/encrypted').toString('base64'),
                'encryption-key-id': Buffer.from('kms-lain').toString('base64'),
              },
              data: Buffer.alloc(40).toString('base64'),
            },
          ],
        },
      }),
    ],
    [
      'a body over the limit',
      'POST',
      '/api/v1/bulk-moves',
      () => '/v1/bulk-moves',
      () => ({ body: { agencyCode: A, reason: 'r'.repeat(400_000) } }),
    ],
  ];

  it.each(table)('documents the status of %s', async (_label, method, opPath, path, opts) => {
    const res = await stack.call(method, path(), opts());
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const documented = Object.keys(doc.paths[opPath][method.toLowerCase()].responses);
    expect([`${method} ${opPath}`, res.body.code, documented]).toEqual([
      `${method} ${opPath}`,
      res.body.code,
      expect.arrayContaining([String(res.status)]),
    ]);
  });

  it('documents every field the request DTOs validate, and marks the required ones', async () => {
    for (const file of dtoFiles(join(__dirname, '../../apps/api/src'))) await import(file);
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Function, { propertyName: string; type: string }[]> };
    const gaps: string[] = [];
    for (const [target, metas] of storage.validationMetadatas) {
      const schema = doc.components.schemas[target.name];
      if (!schema) continue;
      for (const property of new Set(metas.map((m) => m.propertyName))) {
        if (!schema.properties?.[property]) gaps.push(`${target.name}.${property} undocumented`);
        const optional = metas.some((m) => m.propertyName === property && m.type === 'conditionalValidation');
        if (!optional && !(schema.required ?? []).includes(property)) gaps.push(`${target.name}.${property} not marked required`);
      }
    }
    expect(gaps).toEqual([]);
  });
});

function dtoFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return dtoFiles(full);
    return /\.(dto|query)\.ts$/.test(name) ? [full] : [];
  });
}
