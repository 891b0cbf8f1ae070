import type { ErrorCode, ErrorParams } from '../errors';
import { ROLES, type Actor, type Role } from '../roles';
import { READ_ONLY_ROLES } from '../evidence/evidence-policy';

/** Who may read the log of auditors' requests: the auditors themselves and administrators. */
export const AUDIT_LOG_READERS: readonly Role[] = Object.freeze(['auditor', 'admin']);
/** Methods that read; every other method changes something and is refused to read-only roles. */
export const SAFE_METHODS: readonly string[] = Object.freeze(['GET', 'HEAD', 'OPTIONS']);

export const isReadOnlyRole = (role: unknown): role is Role =>
  typeof role === 'string' && (READ_ONLY_ROLES as readonly string[]).includes(role);

type Verdict = { ok: true } | { ok: false; code: ErrorCode; params: ErrorParams };

/** Read-only roles (auditors) may only read, whatever the endpoint. */
export function evaluateRequestMethod(role: unknown, method: string, path: string): Verdict {
  if (SAFE_METHODS.includes(method.toUpperCase()) || !isReadOnlyRole(role)) return { ok: true };
  return {
    ok: false,
    code: 'ROLE_NOT_ALLOWED',
    params: {
      step: 'read-only',
      decision: `${method.toUpperCase()} ${path}`,
      role,
      roles: ROLES.filter((r) => !isReadOnlyRole(r)),
      allowed: SAFE_METHODS,
    },
  };
}

export function evaluateAuditLogAccess(actor: Actor): Verdict {
  if ((AUDIT_LOG_READERS as readonly string[]).includes(actor.role)) return { ok: true };
  return {
    ok: false,
    code: 'ROLE_NOT_ALLOWED',
    params: { step: 'audit-reads', decision: 'read_audit_log', role: actor.role, roles: AUDIT_LOG_READERS, allowed: [] },
  };
}
