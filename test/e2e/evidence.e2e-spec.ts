import { createHash, randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { Actor } from '@meritflow/domain';
import { HR, PPK, Stack, uniqueCode } from '../support/api-client';

const stack = new Stack();
afterAll(() => stack.close());

const AUDITOR: Actor = { id: '197001011995031001', role: 'auditor', name: 'Inspektorat' };
// The API under test runs with the default EVIDENCE_MAX_BYTES.
const MAX_BYTES = 10 * 1024 * 1024;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** A small PDF-looking document, different on every call. */
const pdf = (size = 200) =>
  Buffer.concat([Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'), randomBytes(Math.max(0, size - 22)), Buffer.from('\n%%EOF\n')]);
const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);

interface Part {
  content: Buffer;
  type?: string;
  name?: string;
  field?: string;
}

interface Upload {
  files?: Part[];
  fields?: Record<string, string>;
  actor?: Actor | null;
}

const actorHeaders = async (actor: Actor | null | undefined, agencyCode?: string): Promise<Record<string, string>> => {
  const a = actor === undefined ? HR : actor;
  return a ? stack.authHeaders(a, '', agencyCode) : {};
};

/** A real multipart/form-data request, as a browser form sends it. */
async function upload({ files = [], fields = {}, actor }: Upload) {
  const form = new FormData();
  for (const f of files)
    form.append(f.field ?? 'file', new Blob([new Uint8Array(f.content)], { type: f.type ?? '' }), f.name ?? 'dokumen.pdf');
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = await fetch(`${stack.state.apiUrl}/v1/evidence`, {
    method: 'POST',
    body: form,
    headers: await actorHeaders(actor, fields.agencyCode),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** A GET through node:http, which sends only the headers given. */
const plainGet = (path: string, headers: Record<string, string>) =>
  new Promise<{ status: number; bytes: number }>((resolve, reject) => {
    http
      .get(`${stack.state.apiUrl}${path}`, { headers }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      })
      .on('error', reject);
  });

const rowsFor = async (agencyCode: string, content?: Buffer) => {
  const db = await stack.db();
  const r = await db.query('SELECT count(*)::int AS n FROM evidence WHERE agency_code = $1 OR sha256 = $2', [
    agencyCode,
    content ? sha256(content) : '',
  ]);
  return r.rows[0].n as number;
};

describe('evidence store through the API', () => {
  it('stores an uploaded PDF with its hash, describes it, and hands back the same bytes with an ETag', async () => {
    const content = pdf(4096);
    const agencyCode = uniqueCode('PEMKAB');
    const up = await upload({
      files: [{ content, type: 'application/pdf', name: 'SK Pansel No. 800-123 – Sleman.pdf' }],
      fields: { kind: 'sk_pansel', agencyCode },
    });

    expect(up.status).toBe(201);
    const id = up.body.id as string;
    expect(up.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      sha256: sha256(content),
      sizeBytes: content.length,
      mediaType: 'application/pdf',
      fileName: 'SK Pansel No. 800-123 – Sleman.pdf',
      kind: 'sk_pansel',
      agencyCode,
      uploadedAt: expect.any(String),
      uploadedBy: { id: HR.id, role: 'hr_officer', name: HR.name },
      ref: { kind: 'sk_pansel', uri: `evidence:${id}`, sha256: sha256(content) },
    });
    expect(Math.abs(Date.parse(up.body.uploadedAt) - Date.now())).toBeLessThan(60_000);

    const meta = await stack.call('GET', `/v1/evidence/${id}`, { actor: AUDITOR });
    expect(meta.status).toBe(200);
    expect(meta.body).toEqual({ ...up.body, verified: true });

    const res = await fetch(`${stack.state.apiUrl}/v1/evidence/${id}/content`, { headers: await actorHeaders(AUDITOR) });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(content)).toBe(true);
    expect(res.headers.get('etag')).toBe(`"${sha256(content)}"`);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-length')).toBe(String(content.length));
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename=".*\.pdf"; filename\*=UTF-8''SK%20Pansel.*%E2%80%93%20Sleman\.pdf$/,
    );

    // fetch() adds Cache-Control: no-cache to conditional requests, which forbids a 304; a browser cache does not.
    const cached = await plainGet(`/v1/evidence/${id}/content`, {
      ...(await actorHeaders(AUDITOR)),
      'if-none-match': `"${sha256(content)}"`,
    });
    expect(cached).toEqual({ status: 304, bytes: 0 });
    const changed = await plainGet(`/v1/evidence/${id}/content`, {
      ...(await actorHeaders(AUDITOR)),
      'if-none-match': `"${'0'.repeat(64)}"`,
    });
    expect(changed).toEqual({ status: 200, bytes: content.length });
  });

  it('answers a repeated upload of the same bytes by the same agency with the stored record (200)', async () => {
    const content = pdf();
    const agencyCode = uniqueCode('PEMKAB');
    const first = await upload({ files: [{ content, type: 'application/pdf' }], fields: { kind: 'sk_pansel', agencyCode } });
    const again = await upload({
      files: [{ content, type: 'application/pdf', name: 'salinan.pdf' }],
      fields: { kind: 'sk_pansel', agencyCode },
      actor: PPK,
    });

    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await rowsFor(agencyCode)).toBe(1);
  });

  it('stores what the content is when the client does not know the type, and names downloads by it', async () => {
    const content = png();
    const agencyCode = uniqueCode('PEMKAB');
    const up = await upload({
      files: [{ content, type: 'application/octet-stream', name: '\r\n' }],
      fields: { kind: 'foto_dokumen', agencyCode },
    });

    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ mediaType: 'image/png', fileName: null });
    const res = await fetch(`${stack.state.apiUrl}/v1/evidence/${up.body.id}/content`, { headers: await actorHeaders(HR, agencyCode) });
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename=evidence-${up.body.id}.png`);
  });

  type BadUpload = [label: string, build: (agencyCode: string) => Upload, status: number, code: string, field: string];
  const valid = (agencyCode: string) => ({ kind: 'sk_pansel', agencyCode });
  const badUploads: BadUpload[] = [
    [
      'no kind',
      (a) => ({ files: [{ content: pdf(), type: 'application/pdf' }], fields: { agencyCode: a } }),
      400,
      'VALIDATION_FAILED',
      'kind',
    ],
    [
      'a kind that is not snake_case',
      (a) => ({ files: [{ content: pdf(), type: 'application/pdf' }], fields: { kind: 'SK Pansel', agencyCode: a } }),
      400,
      'VALIDATION_FAILED',
      'kind',
    ],
    [
      'a lower-case agency code',
      () => ({ files: [{ content: pdf(), type: 'application/pdf' }], fields: { kind: 'sk_pansel', agencyCode: 'pemkab sleman' } }),
      400,
      'VALIDATION_FAILED',
      'agencyCode',
    ],
    [
      'no agency code',
      () => ({ files: [{ content: pdf(), type: 'application/pdf' }], fields: { kind: 'sk_pansel' } }),
      400,
      'VALIDATION_FAILED',
      'agencyCode',
    ],
    [
      'an unknown form field',
      (a) => ({ files: [{ content: pdf(), type: 'application/pdf' }], fields: { ...valid(a), title: 'x' } }),
      400,
      'VALIDATION_FAILED',
      'title',
    ],
    ['no file', (a) => ({ fields: valid(a) }), 400, 'VALIDATION_FAILED', 'file'],
    [
      'an empty file',
      (a) => ({ files: [{ content: Buffer.alloc(0), type: 'application/pdf' }], fields: valid(a) }),
      400,
      'VALIDATION_FAILED',
      'file',
    ],
    [
      'a text/plain file',
      (a) => ({ files: [{ content: Buffer.from('Surat Keputusan'), type: 'text/plain', name: 'sk.txt' }], fields: valid(a) }),
      400,
      'VALIDATION_FAILED',
      'file',
    ],
    [
      'text declared as a PDF',
      (a) => ({ files: [{ content: Buffer.from('<html>not a pdf'), type: 'application/pdf' }], fields: valid(a) }),
      400,
      'VALIDATION_FAILED',
      'file',
    ],
    [
      'a PNG declared as a PDF',
      (a) => ({ files: [{ content: png(), type: 'application/pdf' }], fields: valid(a) }),
      400,
      'VALIDATION_FAILED',
      'file',
    ],
    [
      'two files',
      (a) => ({
        files: [
          { content: pdf(), type: 'application/pdf' },
          { content: pdf(), type: 'application/pdf' },
        ],
        fields: valid(a),
      }),
      400,
      'VALIDATION_FAILED',
      'file',
    ],
    [
      'the file in another field',
      (a) => ({ files: [{ content: pdf(), type: 'application/pdf', field: 'document' }], fields: valid(a) }),
      400,
      'VALIDATION_FAILED',
      'document',
    ],
    [
      'a file one byte over the limit',
      (a) => ({ files: [{ content: pdf(MAX_BYTES + 1), type: 'application/pdf' }], fields: valid(a) }),
      413,
      'PAYLOAD_TOO_LARGE',
      'file',
    ],
  ];

  it.each(badUploads)('refuses %s naming the field, and stores nothing', async (_label, build, status, code, field) => {
    const agencyCode = uniqueCode('PEMKAB');
    const request = build(agencyCode);
    const res = await upload(request);

    expect([res.status, res.body.code]).toEqual([status, code]);
    expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(res.body.messages.en).not.toBe('');
    expect(JSON.stringify(res.body)).not.toMatch(/\.(ts|js):\d+|stack/i);
    for (const f of request.files ?? []) expect(await rowsFor(agencyCode, f.content)).toBe(0);
    expect(await rowsFor(agencyCode)).toBe(0);
  });

  it('accepts a file of exactly the size limit', async () => {
    const content = pdf(MAX_BYTES);
    expect(content.length).toBe(MAX_BYTES);
    const res = await upload({ files: [{ content, type: 'application/pdf' }], fields: valid(uniqueCode('PEMKAB')) });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ sizeBytes: MAX_BYTES, sha256: sha256(content) });
  });

  it('refuses a body that is not multipart with the file named', async () => {
    const agencyCode = uniqueCode('PEMKAB');
    const res = await stack.call('POST', '/v1/evidence', { body: { kind: 'sk_pansel', agencyCode } });

    expect(res.status).toBe(400);
    expect(res.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['file']);
    expect(await rowsFor(agencyCode)).toBe(0);
  });

  it('keeps auditors read-only (403 ACCESS_DENIED) and requires a signed-in user (401)', async () => {
    const agencyCode = uniqueCode('PEMKAB');
    const content = pdf();
    const auditor = await upload({ files: [{ content, type: 'application/pdf' }], fields: valid(agencyCode), actor: AUDITOR });
    expect(auditor.status).toBe(403);
    expect(auditor.body).toMatchObject({ code: 'ACCESS_DENIED', details: { role: 'auditor' } });

    const nobody = await upload({ files: [{ content, type: 'application/pdf' }], fields: valid(agencyCode), actor: null });
    expect(nobody.status).toBe(401);
    expect(nobody.body.code).toBe('UNAUTHENTICATED');
    expect(await rowsFor(agencyCode, content)).toBe(0);
  });

  it('answers 404 for unknown evidence and 400 naming the id for a malformed one', async () => {
    for (const path of ['/v1/evidence/6f1c2b4e-0d3a-4c1e-9b7a-2f4d5e6a7b8c', '/v1/evidence/6f1c2b4e-0d3a-4c1e-9b7a-2f4d5e6a7b8c/content']) {
      const res = await stack.call('GET', path);
      expect([path, res.status, res.body.code]).toEqual([path, 404, 'EVIDENCE_NOT_FOUND']);
    }
    for (const path of ["/v1/evidence/x'%20OR%201=1", '/v1/evidence/42/content']) {
      const res = await stack.call('GET', path);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body.details.fields[0].field).toBe('id');
    }
  });

  it('documents the upload as multipart/form-data in OpenAPI', async () => {
    const doc = await stack.call('GET', '/docs-json', { actor: null });
    const post = doc.body.paths['/api/v1/evidence'].post;

    expect(Object.keys(post.requestBody.content)).toEqual(['multipart/form-data']);
    expect(post.requestBody.content['multipart/form-data'].schema.required).toEqual(['file', 'kind', 'agencyCode']);
  });
});
