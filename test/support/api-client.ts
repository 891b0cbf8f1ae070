import { randomBytes } from 'node:crypto';
import { Client as TemporalClient, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import type { Actor } from '../../libs/domain/src';
import { readStackState, type TestStackState } from './test-stack';

export const HR: Actor = { id: '198503152010012003', role: 'hr_officer', name: 'Siti Rahayu' };
export const PPK: Actor = { id: '196801011990031004', role: 'ppk', name: 'Bupati Sleman' };

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

export interface CallOptions {
  body?: unknown;
  rawBody?: string;
  actor?: Actor | null;
  headers?: Record<string, string>;
}

/** The running stack as a user and an auditor see it: HTTP to the API, plus read access to Temporal and the ledger. */
export class Stack {
  readonly state: TestStackState = readStackState();
  private pg?: PgClient;
  private temporal?: TemporalClient;

  async call<T = any>(method: string, path: string, opts: CallOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    const actor = opts.actor === undefined ? HR : opts.actor;
    if (actor) {
      headers['x-actor-id'] = actor.id;
      headers['x-actor-role'] = actor.role;
      if (actor.name) headers['x-actor-name'] = actor.name;
    }
    let body: string | undefined = opts.rawBody;
    if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
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

  async temporalClient(): Promise<TemporalClient> {
    if (!this.temporal) {
      const connection = await Connection.connect({ address: this.state.temporalAddress });
      this.temporal = new TemporalClient({ connection, namespace: this.state.namespace });
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

export const vacancyPath = (p: { agencyCode: string; positionCode: string }) =>
  `/v1/vacancies/vacancy:${p.agencyCode}:${p.positionCode}`;

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
