import type { Lang } from './i18n';

/** A refusal from the API: `{ statusCode, code, message, messages: { id, en }, details, field }` (`field`: the path of the input it is about). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: { id: string; en: string },
    readonly details: Record<string, unknown>,
    readonly retryAfter?: string,
    readonly field?: string,
  ) {
    super(messages.en || code);
  }
}

export interface Actor {
  id: string;
  role: string;
  name?: string;
  agency?: string;
  actingFor?: { id: string; name?: string; role: string; delegationId: string };
}

export interface Session {
  token: string;
  roles: string[];
  /** The role this session acts in (sent as X-Acting-Role when the token has several, or when chosen). */
  role: string;
  /** Send X-Acting-Role even with one known role (a provider's token whose roles the console does not know). */
  sendRole?: boolean;
  actor: Actor;
}

const KEY = 'meritflow.session';
export const loadSession = (): Session | null => {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    return s && typeof s.token === 'string' ? s : null;
  } catch {
    return null;
  }
};
export const saveSession = (s: Session | null): void => {
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
};

let current: { session: Session | null; lang: Lang } = { session: loadSession(), lang: 'id' };
export const setApiContext = (session: Session | null, lang: Lang): void => {
  current = { session, lang };
};

const API = '/api';

function headers(extra: Record<string, string> = {}, session = current.session): Record<string, string> {
  const h: Record<string, string> = { 'Accept-Language': current.lang === 'en' ? 'en' : 'id', Accept: 'application/json', ...extra };
  if (session) {
    h.Authorization = `Bearer ${session.token}`;
    if (session.roles.length > 1 || session.sendRole) h['X-Acting-Role'] = session.role;
  }
  return h;
}

async function toError(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    /* not JSON */
  }
  const messages = (body.messages as { id: string; en: string } | undefined) ?? {
    id: String(body.message ?? `Permintaan gagal (${res.status})`),
    en: String(body.message ?? `Request failed (${res.status})`),
  };
  return new ApiError(
    res.status,
    String(body.code ?? `HTTP_${res.status}`),
    messages,
    (body.details as Record<string, unknown>) ?? {},
    res.headers.get('Retry-After') ?? undefined,
    typeof body.field === 'string' ? body.field : undefined,
  );
}

/** One API call; `extra` adds request headers (an `Idempotency-Key`). */
export async function api<T = any>(
  method: string,
  path: string,
  body?: unknown,
  session?: Session | null,
  extra: Record<string, string> = {},
): Promise<T> {
  const init: RequestInit = {
    method,
    headers: headers({ ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...extra }, session ?? current.session),
  };
  if (body !== undefined) init.body = JSON.stringify(body);
  const res = await fetch(`${API}${path}`, init);
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Case ids carry colons; they go into paths encoded. */
export const enc = (id: string): string => encodeURIComponent(id);

export interface EvidenceRef {
  uri: string;
  sha256: string;
  [k: string]: unknown;
}

/** Uploads a document (multipart) and answers the reference to cite in a decision. */
export async function uploadEvidence(file: File, kind: string, agencyCode: string): Promise<EvidenceRef> {
  const form = new FormData();
  form.append('file', file, file.name);
  form.append('kind', kind);
  form.append('agencyCode', agencyCode);
  const res = await fetch(`${API}/v1/evidence`, { method: 'POST', headers: headers(), body: form });
  if (!res.ok) throw await toError(res);
  return ((await res.json()) as { ref: EvidenceRef }).ref;
}

/** Downloads a file with the session's token and hands it to the browser as a download. */
export async function download(path: string, filename: string): Promise<void> {
  const res = await fetch(`${API}${path}`, { headers: headers({ Accept: '*/*' }) });
  if (!res.ok) throw await toError(res);
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** One case type as the API's registry answers it (`GET /v1/case-types`). */
export interface CaseTypeInfo {
  type: string;
  label: { id: string; en: string };
  idShape: { id: string; en: string };
  resource: string;
  workflowType: string;
  sopIds: string[];
  childTypes: { workflowType: string; segment: string; label: { id: string; en: string } }[];
}

let caseTypesOnce: Promise<CaseTypeInfo[]> | null = null;
/** The case-type registry, read once per page load: labels, filters and which API serves a case come from it. */
export function caseTypes(): Promise<CaseTypeInfo[]> {
  caseTypesOnce ??= api<CaseTypeInfo[]>('GET', '/v1/case-types').catch((e) => {
    caseTypesOnce = null;
    throw e;
  });
  return caseTypesOnce;
}

/** The registered type of a case id: every root id starts with its type. */
export const caseTypeOfId = (types: readonly CaseTypeInfo[], id: string): CaseTypeInfo | undefined =>
  types.find((t) => id.startsWith(`${t.type}:`));
