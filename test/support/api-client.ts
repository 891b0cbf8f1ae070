import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client as TemporalClient, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { LocalIssuer, NATIONAL_ROLES } from '@meritflow/auth';
import { dataConverterWith, payloadCodecFromConfig, type AesGcmPayloadCodec } from '@meritflow/codec';
import { parsePayloadKeys, TEMPORAL_CLIENT_CHANNEL_ARGS } from '@meritflow/config';
import { ALL_AGENCIES, BUSINESS_CODE_PATTERN, type Actor, type Role } from '@meritflow/domain';
import { rootCaseOf } from '@meritflow/contracts';
import { readStackState, type TestStackState } from './test-stack';

export const HR: Actor = { id: '198503152010012003', role: 'hr_officer', name: 'Siti Rahayu' };
export const PPK: Actor = { id: '196801011990031004', role: 'ppk', name: 'Bupati Sleman' };

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

/** A test user: an actor, optionally pinned to an agency and holding several roles. */
export type TestActor = Actor & { agency?: string; roles?: Role[] };

export interface CallOptions {
  body?: unknown;
  rawBody?: string;
  /** Who calls (a token is signed for them); null: no Authorization header. Default: HR. */
  actor?: TestActor | null;
  /** A raw Authorization bearer token instead of one signed for `actor`. */
  token?: string;
  /** A delegation id: the caller acts for its delegator (X-Acting-For). */
  actingFor?: string;
  headers?: Record<string, string>;
}

export interface TokenOptions {
  /** Overrides the agency claim. */
  agency?: string;
  ttlSeconds?: number;
  /** Seconds since the epoch (back-date to get an expired token). */
  issuedAt?: number;
  /** Extra or replaced claims, e.g. { roles: ['nope'] }. */
  claims?: Record<string, unknown>;
}

/**
 * The agency a request concerns: the agency segment of a case id in the path, else the body's
 * agencyCode or vacancyId. Test users default to being officers of that agency, so that only the
 * tests about agency scoping need to name one.
 */
export function agencyOfRequest(path: string, body: unknown): string | undefined {
  const b = (body ?? {}) as Record<string, unknown>;
  const to = b.to as Record<string, unknown> | undefined;
  const query = new URLSearchParams(path.split('?')[1] ?? '');
  const candidates = [
    ...path
      .split('?')[0]
      .split('/')
      .map((seg) => rootCaseOf(safeDecode(seg))?.agencyCode),
    /\/agency-merit\/([^/?]+)/.exec(path)?.[1],
    b.agencyCode,
    to?.agencyCode,
    typeof b.vacancyId === 'string' ? rootCaseOf(b.vacancyId)?.agencyCode : undefined,
    query.get('agencyCode'),
  ];
  // A malformed code (a bad-input test) is the API's to refuse; the caller stays in the default agency.
  return candidates.find((c): c is string => typeof c === 'string' && BUSINESS_CODE_PATTERN.test(c));
}

const safeDecode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

export interface StackOptions {
  /**
   * Treat "try again" as a client should: a decision answered 503 (Temporal unavailable, e.g. a node
   * failing over) or cut off by a lost connection is sent again with the same Idempotency-Key, for up
   * to this long; a read is asked again. The API records such a decision once (its idempotency
   * contract), which the cluster tests check.
   */
  retryUnavailableMs?: number;
}

/** The running stack as a user and an auditor see it: HTTP to the API, plus read access to Temporal and the ledger. */
export class Stack {
  readonly state: TestStackState;

  constructor(
    state?: TestStackState,
    private readonly options: StackOptions = {},
  ) {
    this.state = state ?? readStackState();
  }

  private pg?: PgClient;
  private temporal?: TemporalClient;
  private issuer?: LocalIssuer;
  private readonly tokens = new Map<string, { token: string; until: number }>();

  /** Signs a token for `actor` with the test stack's local issuer key, as the API's own issuer would. */
  async tokenFor(actor: TestActor, opts: TokenOptions = {}): Promise<string> {
    this.issuer ??= LocalIssuer.fromPem(this.state.auth.signingKeyPem);
    const roles = actor.roles ?? [actor.role as Role];
    const national = roles.every((r) => NATIONAL_ROLES.includes(r));
    const agency = opts.agency ?? actor.agency ?? (national ? ALL_AGENCIES : 'PEMKAB-TEST');
    return this.issuer.sign(
      { sub: actor.id, roles, agency, ...(actor.name ? { name: actor.name } : {}), ...(opts.claims ?? {}) } as never,
      { issuer: this.state.auth.issuer, audience: this.state.auth.audience, ttlSeconds: opts.ttlSeconds ?? 3600, issuedAt: opts.issuedAt },
    );
  }

  /** A cached token for a default-options caller, renewed well before it expires. */
  private async cachedToken(actor: TestActor, agency: string | undefined): Promise<string> {
    const key = JSON.stringify([actor.id, actor.role, actor.roles, actor.name, actor.agency ?? agency]);
    const hit = this.tokens.get(key);
    if (hit && hit.until > Date.now()) return hit.token;
    const token = await this.tokenFor(actor, { agency: actor.agency ?? agency });
    this.tokens.set(key, { token, until: Date.now() + 30 * 60_000 });
    return token;
  }

  /** The Authorization header for `actor` calling `path` (for raw fetch: uploads and downloads). */
  async authHeaders(actor: TestActor, path = '', agency?: string): Promise<Record<string, string>> {
    const roles = actor.roles ?? [actor.role as Role];
    const national = roles.every((r) => NATIONAL_ROLES.includes(r));
    const named = agency !== undefined && BUSINESS_CODE_PATTERN.test(agency) ? agency : undefined;
    return { authorization: `Bearer ${await this.cachedToken(actor, national ? undefined : (named ?? agencyOfRequest(path, undefined)))}` };
  }

  async call<T = any>(method: string, path: string, opts: CallOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    const actor: TestActor | null = opts.actor === undefined ? HR : opts.actor;
    if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
    else if (actor) {
      const roles = actor.roles ?? [actor.role as Role];
      const national = roles.every((r) => NATIONAL_ROLES.includes(r));
      headers.authorization = `Bearer ${await this.cachedToken(actor, national ? undefined : agencyOfRequest(path, opts.body))}`;
      if (actor.roles && actor.roles.length > 1) headers['x-acting-role'] = actor.role;
    }
    if (opts.actingFor) headers['x-acting-for'] = opts.actingFor;
    let body: string | undefined = opts.rawBody;
    if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const retryFor = this.options.retryUnavailableMs;
    const decision = method === 'POST' && /\/decisions$/.test(path.split('?')[0]);
    if (!retryFor || (method !== 'GET' && !decision)) return this.send(method, path, headers, body);
    if (decision) headers['idempotency-key'] ??= `retry-${randomBytes(12).toString('hex')}`;
    const deadline = Date.now() + retryFor;
    for (;;) {
      let waitMs = 1_000;
      try {
        const res = await this.send<T>(method, path, headers, body);
        if (res.status !== 503 || Date.now() > deadline) return res;
        waitMs = Number((res.body as { details?: { retryAfterSeconds?: number } })?.details?.retryAfterSeconds ?? 1) * 1000;
      } catch (err) {
        if (Date.now() > deadline) throw err;
      }
      await new Promise((r) => setTimeout(r, Math.min(waitMs, 2_000)));
    }
  }

  private async send<T>(method: string, path: string, headers: Record<string, string>, body: string | undefined): Promise<ApiResponse<T>> {
    const res = await fetch(`${this.state.apiUrl}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T };
  }

  async db(): Promise<PgClient> {
    if (!this.pg) {
      this.pg = new PgClient({ connectionString: this.state.databaseUrl });
      await this.pg.connect();
    }
    return this.pg;
  }

  /** The payload codec over the stack's keys, as the API and the worker hold it. */
  payloadCodec(): AesGcmPayloadCodec {
    const keys = parsePayloadKeys(this.state.payloadKeys);
    return payloadCodecFromConfig({ PAYLOAD_KEYS: keys, PAYLOAD_ACTIVE_KEY_ID: keys[0].id });
  }

  /** A Temporal client with the stack's payload codec (results and queries read in clear; the raw service is not). */
  async temporalClient(): Promise<TemporalClient> {
    if (!this.temporal) {
      const tls = this.state.temporalTls;
      const connection = await Connection.connect({
        address: this.state.temporalAddress,
        channelArgs: TEMPORAL_CLIENT_CHANNEL_ARGS,
        tls: tls && {
          serverRootCACertificate: readFileSync(tls.caFile),
          serverNameOverride: tls.serverName,
          clientCertPair: tls.certFile && tls.keyFile ? { crt: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) } : undefined,
        },
      });
      this.temporal = new TemporalClient({
        connection,
        namespace: this.state.namespace,
        dataConverter: dataConverterWith(this.payloadCodec()),
      });
    }
    return this.temporal;
  }

  async ledgerRows(workflowId: string): Promise<{ sequence: number; decision: string; actor_role: string; run_id: string }[]> {
    const db = await this.db();
    const res = await db.query('SELECT * FROM decisions WHERE workflow_id = $1 ORDER BY run_id, sequence', [workflowId]);
    return res.rows;
  }

  async workflowExists(workflowId: string): Promise<boolean> {
    const client = await this.temporalClient();
    try {
      await client.workflow.getHandle(workflowId).describe();
      return true;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.pg?.end();
    await this.temporal?.connection.close();
  }
}

/** Unique, valid business code so tests never collide on workflow ids. */
export const uniqueCode = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex').toUpperCase()}`;

export function vacancyProposal(overrides: Record<string, unknown> = {}) {
  return {
    agencyCode: uniqueCode('PEMKAB'),
    positionCode: uniqueCode('KADIS'),
    title: 'Kepala Dinas Pekerjaan Umum dan Penataan Ruang',
    organisationalUnit: 'Dinas Pekerjaan Umum dan Penataan Ruang',
    positionClass: 'jpt_pratama',
    gradeMin: 'IV/b',
    gradeMax: 'IV/c',
    requiredCompetencies: [
      { type: 'managerial', name: 'integritas', level: 4 },
      { type: 'technical', name: 'manajemen konstruksi', level: 4 },
    ],
    requestedFillingMethod: 'open_selection',
    reason: 'Pejabat sebelumnya memasuki masa pensiun',
    ...overrides,
  };
}

export const vacancyPath = (p: { agencyCode: string; positionCode: string }) => `/v1/vacancies/vacancy:${p.agencyCode}:${p.positionCode}`;

/** Polls until `check` returns a value, for effects that land after a durable timer or a restart. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}

/**
 * A vacancy proposed by HR, approved by the PPK (talent pool) and closed by HR: a finished case of three
 * decisions, returned once the run has ended and its ledger has caught up.
 */
export async function closedVacancy(stack: Stack): Promise<string> {
  const proposal = vacancyProposal();
  const created = await stack.call('POST', '/v1/vacancies', { body: proposal });
  const p = vacancyPath(proposal);
  const steps: [TestActor, Record<string, unknown>][] = [
    [PPK, { decision: 'approve', fillingMethod: 'talent_pool' }],
    [HR, { decision: 'close', reason: 'Terisi dari kelompok rencana suksesi' }],
  ];
  if (created.status !== 201) throw new Error(`propose: ${created.status} ${JSON.stringify(created.body)}`);
  for (const [actor, body] of steps) {
    const res = await stack.call('POST', `${p}/decisions`, { actor, body });
    if (res.status !== 200) throw new Error(`${String(body.decision)}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const id: string = created.body.workflowId;
  await (await stack.temporalClient()).workflow.getHandle(id).result();
  await eventually(async () => {
    const s = (await stack.call('GET', p)).body;
    return s.recordedCount === s.decisionCount && s.decisionCount === 3;
  });
  return id;
}
