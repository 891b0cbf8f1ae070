import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { createApi } from '@meritflow/api';
import type { CaseExport } from '@meritflow/audit';
import { CASE_SEARCH_ATTRIBUTE_REGISTRATIONS } from '@meritflow/contracts';
import { loadApiConfig, loadTestStackConfig } from '@meritflow/config';
import { defaultTemporalCacheDir, resolveTemporalBinary } from '@meritflow/devstack';
import type { Actor, CandidateProfile } from '@meritflow/domain';
import { HR, PPK, Stack, eventually, uniqueCode } from '../support/api-client';
import { exportFolder, runAuditCli } from '../support/audit-cli';
import { decideMutation, moveFacts, region } from '../support/move-fixtures';
import { asMember, committee, eligibleProfile, openSelection, uploadEvidence } from '../support/selection-fixtures';
import { enrol, namedMoves } from '../support/register-fixtures';

/**
 * Issue 14, item 6: personal data in workflow payloads is encrypted by the payload codec, so what
 * Temporal stores (and its Web UI shows) holds no names, NIPs or sanctions; the API, the dossier,
 * the archive and the offline replay still work with the key.
 */
const AUDITOR: Actor = { id: 'inspektorat-kodek-01', role: 'auditor', name: 'Auditor Inspektorat' };
const ADMIN: Actor = { id: 'admin-kodek-01', role: 'admin' };
const ENCRYPTED = 'binary/encrypted';

const stack = new Stack();
const files = exportFolder('meritflow-codec-');
let raw: { connection: Connection; client: TemporalClient };

beforeAll(async () => {
  // What anyone with access to Temporal sees (its CLI, its Web UI): a client without the codec.
  const connection = await Connection.connect({ address: stack.state.temporalAddress });
  raw = { connection, client: new TemporalClient({ connection, namespace: stack.state.namespace }) };
});
afterAll(async () => {
  files.remove();
  await raw.connection.close();
  await stack.close();
});

type Payload = temporal.api.common.v1.IPayload;
type History = temporal.api.history.v1.IHistory;

/** The history exactly as Temporal stores it, read through the raw gRPC service. */
async function rawHistory(workflowId: string): Promise<History> {
  const events: temporal.api.history.v1.IHistoryEvent[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await raw.client.workflowService.getWorkflowExecutionHistory({
      namespace: stack.state.namespace,
      execution: { workflowId },
      nextPageToken,
    });
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return { events };
}

/** Every payload in a history, wherever its event keeps it. */
function payloadsOf(value: unknown, found: Payload[] = []): Payload[] {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return found;
  if ((value as Payload).metadata?.encoding instanceof Uint8Array) {
    found.push(value as Payload);
    return found;
  }
  // A patch marker (patched()) holds only the patch id, written by the SDK's core outside the codec.
  if ((value as { markerName?: string }).markerName === 'core_patch') return found;
  for (const [key, child] of Object.entries(value)) {
    // Search attributes are indexed by the server, so never encrypted: checked apart (searchAttributeNamesOf).
    if (key !== 'searchAttributes') payloadsOf(child, found);
  }
  return found;
}

/** Every search attribute a history sets; they are the only payloads Temporal keeps in clear. */
function searchAttributeNamesOf(value: unknown, found = new Set<string>()): Set<string> {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return found;
  for (const [key, child] of Object.entries(value)) {
    const indexed = key === 'searchAttributes' ? (child as { indexedFields?: Record<string, unknown> } | null)?.indexedFields : undefined;
    if (indexed) for (const name of Object.keys(indexed)) found.add(name);
    else searchAttributeNamesOf(child, found);
  }
  return found;
}

const encodingOf = (p: Payload): string => Buffer.from(p.metadata!.encoding!).toString('utf8');
const bytesOf = (h: History): Buffer => Buffer.from(temporal.api.history.v1.History.encode(h).finish());
const payloadBytes = (h: History): Buffer => Buffer.concat(payloadsOf(h).flatMap((p) => [Buffer.from(p.data ?? []), Buffer.alloc(1)]));
const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

describe('an open selection with registered candidates', () => {
  const tag = randomBytes(3).toString('hex');
  const named: CandidateProfile = eligibleProfile(`Kartika Sari Dewi ${tag}`);
  const sanctioned: CandidateProfile = eligibleProfile(`Bagus Prasetyo ${tag}`, {
    sanctions: [{ level: 'heavy', imposedOn: '2025-07-19' }],
  });
  let sel: Awaited<ReturnType<typeof openSelection>>;
  let history: History;

  beforeAll(async () => {
    sel = await openSelection(stack);
    const members = committee();
    const decide = async (actor: Actor, body: Record<string, unknown>) => {
      const res = await stack.call('POST', `${sel.path}/decisions`, { actor, body });
      if (res.status !== 200) throw new Error(`${String(body.decision)}: ${res.status} ${JSON.stringify(res.body)}`);
    };
    await decide(PPK, { decision: 'form_committee', members, evidence: [await uploadEvidence(stack, 'sk_pansel', sel.agencyCode)] });
    await decide(asMember(members[0]), {
      decision: 'announce',
      evidence: [await uploadEvidence(stack, 'pengumuman', sel.agencyCode)],
    });
    await decide(HR, {
      decision: 'register_candidates',
      candidates: await enrol(stack, sel.agencyCode, sel.postCode, [named, sanctioned]),
    });
    // Recorded in the ledger: the registration's activity has run, its input is in the history.
    await eventually(
      async () => (await stack.ledgerRows(sel.id)).some((r) => r.decision === 'register_candidates'),
      30_000,
      'registration',
    );
    history = await rawHistory(sel.id);
  }, 120_000);

  it('is stored by Temporal with every payload encrypted: no candidate name, NIP or sanction anywhere in the history', async () => {
    const payloads = payloadsOf(history);
    expect(payloads.length).toBeGreaterThan(10);
    expect(payloads.filter((p) => (p.data?.length ?? 0) > 0 && encodingOf(p) !== ENCRYPTED).map(encodingOf)).toEqual([]);
    // In clear only the case's search attributes (type, agency, step, status: no personal data).
    // (and Temporal's own TemporalChangeVersion, which lists the patch ids applied).
    expect([...searchAttributeNamesOf(history)].sort()).toEqual(
      [...CASE_SEARCH_ATTRIBUTE_REGISTRATIONS.map((a) => a.name), 'TemporalChangeVersion'].sort(),
    );
    const everything = bytesOf(history);
    for (const secret of [named.name, sanctioned.name, named.nip, sanctioned.nip, '2025-07-19', HR.name!, HR.id]) {
      expect([secret, everything.includes(secret)]).toEqual([secret, false]);
    }
    // The same history through the codec holds them: the test looks where the data is.
    const opened = await stack.payloadCodec().decode(payloads.filter((p) => encodingOf(p) === ENCRYPTED));
    const plain = Buffer.concat(opened.map((p) => Buffer.from(p.data ?? [])));
    for (const secret of [named.name, named.nip, sanctioned.nip, '2025-07-19'])
      expect([secret, plain.includes(secret)]).toEqual([secret, true]);
  });

  it('is shown in clear by the API, which reads through the codec', async () => {
    const read = await stack.call('GET', sel.path);
    expect(read.status).toBe(200);
    const text = JSON.stringify(read.body);
    for (const secret of [named.name, named.nip, sanctioned.name]) expect(text).toContain(secret);
  });

  describe('the codec endpoint (Temporal codec server protocol)', () => {
    const sealed = () => payloadsOf(history).filter((p) => encodingOf(p) === ENCRYPTED);

    it('decrypts the stored payloads for an auditor, in order, and passes plain ones through', async () => {
      const plainIn = {
        metadata: { encoding: Buffer.from('json/plain').toString('base64') },
        data: Buffer.from('"halo"').toString('base64'),
      };
      const res = await stack.call('POST', '/v1/codec/decode', {
        actor: AUDITOR,
        headers: { 'x-namespace': stack.state.namespace },
        body: { payloads: [...sealed().map(toJson), plainIn] },
      });
      expect(res.status).toBe(200);
      const out: { metadata: Record<string, string>; data: string }[] = res.body.payloads;
      expect(out).toHaveLength(sealed().length + 1);
      expect(out.at(-1)).toEqual(plainIn);
      const texts = out.map((p) => Buffer.from(p.data, 'base64').toString('utf8'));
      expect(texts.some((t) => t.includes(named.name) && t.includes(named.nip))).toBe(true);
      expect(out.every((p) => Buffer.from(p.metadata.encoding, 'base64').toString() !== ENCRYPTED)).toBe(true);
    });

    it('encrypts for an administrator with the active key, and decrypts that back', async () => {
      const plain = {
        metadata: { encoding: Buffer.from('json/plain').toString('base64') },
        data: Buffer.from('{"nama":"Uji"}').toString('base64'),
      };
      const enc = await stack.call('POST', '/v1/codec/encode', { actor: ADMIN, body: { payloads: [plain] } });
      expect(enc.status).toBe(200);
      const [sealedOne] = enc.body.payloads;
      expect(Buffer.from(sealedOne.metadata.encoding, 'base64').toString()).toBe(ENCRYPTED);
      expect(Buffer.from(sealedOne.metadata['encryption-key-id'], 'base64').toString()).toBe(stack.payloadCodec().activeKeyId);
      const dec = await stack.call('POST', '/v1/codec/decode', { actor: ADMIN, body: { payloads: [sealedOne] } });
      expect(dec.body.payloads).toEqual([plain]);
    });

    it.each([
      ['HR', 'decode', HR],
      ['the PPK', 'decode', PPK],
      ['an auditor', 'encode', AUDITOR],
    ] as const)('refuses %s the %s endpoint with 403, decrypting nothing', async (_who, op, actor) => {
      const res = await stack.call('POST', `/v1/codec/${op}`, { actor, body: { payloads: sealed().slice(0, 1).map(toJson) } });
      expect([res.status, res.body.code]).toEqual([403, 'ACCESS_DENIED']);
      expect(JSON.stringify(res.body)).not.toContain(named.name);
    });

    it('refuses altered bytes (422 PAYLOAD_DECRYPT_FAILED), an unknown key (422 PAYLOAD_KEY_UNKNOWN) and another namespace (400)', async () => {
      const one = toJson(sealed()[0]);
      const bytes = Buffer.from(one.data, 'base64');
      bytes[bytes.length - 3] ^= 0x01;
      const altered = await stack.call('POST', '/v1/codec/decode', {
        actor: AUDITOR,
        body: { payloads: [{ ...one, data: bytes.toString('base64') }] },
      });
      expect([altered.status, altered.body.code]).toEqual([422, 'PAYLOAD_DECRYPT_FAILED']);
      const foreignKey = { ...one, metadata: { ...one.metadata, 'encryption-key-id': Buffer.from('kms-lain').toString('base64') } };
      const unknown = await stack.call('POST', '/v1/codec/decode', { actor: AUDITOR, body: { payloads: [foreignKey] } });
      expect([unknown.status, unknown.body.code, unknown.body.details.keyId]).toEqual([422, 'PAYLOAD_KEY_UNKNOWN', 'kms-lain']);
      const elsewhere = await stack.call('POST', '/v1/codec/decode', {
        actor: AUDITOR,
        headers: { 'x-namespace': 'namespace-lain' },
        body: { payloads: [one] },
      });
      expect([elsewhere.status, elsewhere.body.details.fields[0].field]).toEqual([400, 'x-namespace']);
      const malformed = await stack.call('POST', '/v1/codec/decode', { actor: AUDITOR, body: { payloads: [{ data: 'not base64!' }] } });
      expect([malformed.status, malformed.body.details.fields[0].field]).toEqual([400, 'payloads.0.data']);
    });
  });
});

describe('a closed move, archived', () => {
  const tag = randomBytes(3).toString('hex');
  let moveId: string;
  let facts: ReturnType<typeof moveFacts>;

  beforeAll(async () => {
    const agency = uniqueCode('PEMKAB');
    facts = moveFacts(agency, await region(stack));
    facts.person = { ...facts.person, name: `Rahmawati Kusumaningrum ${tag}` };
    const created = await stack.call('POST', '/v1/moves', {
      body: { ...(await namedMoves(stack, facts)), reason: 'Penyegaran organisasi' },
    });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    moveId = created.body.workflowId;
    const today = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
    await decideMutation(stack, `/v1/moves/${moveId}`, agency, { decreeNumber: '800/14/2026', effectiveDate: today });
    await (await stack.temporalClient()).workflow.getHandle(moveId).result();
    const snap = await stack.call('POST', `/v1/cases/${moveId}/history-snapshots`, { actor: AUDITOR });
    if (snap.status !== 200) throw new Error(JSON.stringify(snap.body));
  }, 120_000);

  it('keeps the person out of Temporal: the name nowhere, the NIP in no payload (only in the case id)', async () => {
    const history = await rawHistory(moveId);
    expect(bytesOf(history).includes(facts.person.name)).toBe(false);
    expect(payloadBytes(history).includes(facts.person.nip)).toBe(false);
    expect(moveId).toContain(facts.person.nip);
  });

  it('still shows the person in the API’s reads and the dossier', async () => {
    const read = await stack.call('GET', `/v1/moves/${moveId}`);
    expect(JSON.stringify(read.body)).toContain(facts.person.name);
    const dossier = await stack.call('GET', `/v1/cases/${moveId}/dossier.json`, { actor: AUDITOR });
    expect(dossier.status).toBe(200);
    expect(JSON.stringify(dossier.body)).toContain(facts.person.name);
    expect(JSON.stringify(dossier.body.state)).toContain(facts.person.nip);
  });

  it('is archived as Temporal stored it (encrypted), and replays consistent from the archive with the key', async () => {
    const rows = (await (await stack.db()).query('SELECT history FROM history_archive WHERE root_workflow_id = $1', [moveId])).rows;
    expect(rows).toHaveLength(1);
    const archived = gunzipSync(rows[0].history).toString('utf8');
    expect(archived).toContain(Buffer.from(ENCRYPTED).toString('base64'));
    expect(archived).not.toContain(facts.person.name);
    const replay = await stack.call('GET', `/v1/cases/${moveId}/replay`, { actor: AUDITOR });
    expect(replay.body).toMatchObject({
      verdict: 'consistent',
      archive: [{ ok: true }],
      comparison: { missing: [], extra: [], altered: [] },
    });
    expect(replay.body.comparison.matches).toBeGreaterThanOrEqual(4);
  });

  it("is shown decrypted by Temporal's own CLI through the codec endpoint, with an auditor's token, and encrypted without", async () => {
    const config = loadTestStackConfig();
    const cli = await resolveTemporalBinary({
      explicitPath: config.TEMPORAL_CLI_PATH,
      searchPath: config.PATH,
      cacheDir: defaultTemporalCacheDir({ xdgCacheHome: config.XDG_CACHE_HOME }),
    });
    const show = (...extra: string[]) =>
      new Promise<string>((resolve, reject) =>
        execFile(
          cli.path,
          [
            'workflow',
            'show',
            '--workflow-id',
            moveId,
            '--address',
            stack.state.temporalAddress,
            '--namespace',
            stack.state.namespace,
          ].concat(['--output', 'json'], extra),
          { timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
          (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
        ),
      );
    // The CLI prints payloads as protobuf JSON: their data in base64.
    const payloadText = (out: string) =>
      [...out.matchAll(/"data":\s*"([A-Za-z0-9+/=]*)"/g)].map((m) => Buffer.from(m[1], 'base64').toString('utf8')).join('\n');
    const token = await stack.tokenFor(AUDITOR);
    const decoded = payloadText(await show('--codec-endpoint', `${stack.state.apiUrl}/v1/codec`, '--codec-auth', `Bearer ${token}`));
    expect(decoded).toContain(facts.person.name);
    expect(decoded).toContain(facts.person.nip);
    const stored = payloadText(await show());
    expect(stored).not.toContain(facts.person.name);
    expect(stored).not.toContain(facts.person.nip);
    const refused = await show(
      '--codec-endpoint',
      `${stack.state.apiUrl}/v1/codec`,
      '--codec-auth',
      `Bearer ${await stack.tokenFor(HR)}`,
    ).then(
      (out) => payloadText(out),
      (err: Error) => err.message,
    );
    expect(refused).not.toContain(facts.person.name);
  }, 60_000);

  describe('offline, from its export', () => {
    let file: string;

    beforeAll(async () => {
      const exported = (await stack.call('GET', `/v1/cases/${moveId}/export`, { actor: AUDITOR })).body as CaseExport;
      expect(JSON.stringify(exported.histories)).not.toContain(facts.person.name);
      file = files.write('move', exported);
    });

    it('replays with the key in PAYLOAD_KEYS and exits 0', async () => {
      const out = await runAuditCli(file);
      expect({ code: out.code, stderr: out.stderr }).toEqual({ code: 0, stderr: '' });
      expect(out.stdout).toContain('Verdict: CONSISTENT');
    }, 120_000);

    it('replays with the key in a keys file (an old key beside it, as after a rotation) and exits 0', async () => {
      const keys = path.join(path.dirname(file), 'payload-keys');
      const retired = `kms-lama:${randomBytes(32).toString('base64')}`;
      writeFileSync(keys, `# kunci audit\n${retired}\n${stack.state.payloadKeys}\n`, { mode: 0o600 });
      const out = await runAuditCli(file, { file: keys });
      expect({ code: out.code, stderr: out.stderr }).toEqual({ code: 0, stderr: '' });
      expect(out.stdout).toContain('Verdict: CONSISTENT');
    }, 120_000);

    it('without a key, still verifies the chain and the history hash, says the replay needs the key, and exits 3', async () => {
      const keyId = stack.payloadCodec().activeKeyId!;
      const out = await runAuditCli(file, 'none');
      expect({ code: out.code, stderr: out.stderr }).toEqual({ code: 3, stderr: '' });
      expect(out.stdout).toContain(`the encrypted histories need the payload key(s) ${keyId}`);
      expect(out.stdout).toMatch(/\[OK\] move:.* sha256 [0-9a-f]{64}/);
      expect(out.stdout).toMatch(/Rantai hash \/ Hash chain: \d+ baris \/ rows, UTUH \/ INTACT/);
      expect(out.stdout).toContain('Verdict: INCOMPLETE.');
    }, 120_000);

    it('refuses a keys file with a bad key with exit 2, naming the file and not echoing the key', async () => {
      const keys = path.join(path.dirname(file), 'bad-keys');
      const short = randomBytes(16).toString('base64');
      writeFileSync(keys, `k1:${short}\n`);
      const out = await runAuditCli(file, { file: keys });
      expect(out.code).toBe(2);
      expect(out.stderr).toContain(`--keys-file ${keys}`);
      expect(out.stderr).toContain('key "k1" is 16 bytes');
      expect(out.stderr).not.toContain(short);
    });
  });
});

describe('CORS for a Temporal Web UI calling the codec endpoint', () => {
  const UI = 'https://temporal-ui.bkn.go.id';
  const CONSOLE = 'https://simpeg.pemkab-sleman.go.id';
  let api: { app: INestApplication; url: string };

  beforeAll(async () => {
    const state = stack.state;
    const app = await createApi(
      loadApiConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'error',
        DATABASE_URL: state.databaseUrl,
        TEMPORAL_ADDRESS: state.temporalAddress,
        TEMPORAL_NAMESPACE: state.namespace,
        AUTH_LOCAL_SIGNING_KEY: state.auth.signingKeyPem,
        AUTH_ISSUER: state.auth.issuer,
        AUTH_AUDIENCE: state.auth.audience,
        PAYLOAD_KEYS: state.payloadKeys,
        CORS_ORIGINS: CONSOLE,
        CODEC_CORS_ORIGINS: UI,
      }),
    );
    await app.listen(0, '127.0.0.1');
    api = { app, url: `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/api` };
  });
  afterAll(async () => {
    await new Promise((r) => setTimeout(r, 300));
    await api?.app.close();
  });

  const preflight = (url: string, origin: string) =>
    fetch(url, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-namespace',
      },
    });

  it('lets the UI’s origin call the codec endpoint with X-Namespace (and credentials, if the UI sends them)', async () => {
    const pre = await preflight(`${api.url}/v1/codec/decode`, UI);
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(UI);
    expect(pre.headers.get('access-control-allow-credentials')).toBe('true');
    expect((pre.headers.get('access-control-allow-headers') ?? '').toLowerCase()).toContain('x-namespace');
    const res = await fetch(`${api.url}/v1/codec/decode`, {
      method: 'POST',
      headers: {
        origin: UI,
        'content-type': 'application/json',
        'x-namespace': stack.state.namespace,
        ...(await stack.authHeaders(AUDITOR)),
      },
      body: JSON.stringify({ payloads: [] }),
    });
    expect([res.status, res.headers.get('access-control-allow-origin')]).toEqual([200, UI]);
  });

  it('gives the UI’s origin nothing else, and the console’s origin not the codec', async () => {
    expect((await preflight(`${api.url}/v1/vacancies`, UI)).headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(`${api.url}/v1/codec/decode`, CONSOLE)).headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(`${api.url}/v1/vacancies`, CONSOLE)).headers.get('access-control-allow-origin')).toBe(CONSOLE);
  });
});
