import type { ErrorCode, ErrorParams } from '../errors';
import type { Actor, Role } from '../roles';

/** Who may check the ledger's integrity and handle its signed digests. */
export const LEDGER_AUDIT_ROLES: readonly Role[] = Object.freeze(['auditor', 'admin']);

export const mayAudit = (role: unknown): boolean => typeof role === 'string' && (LEDGER_AUDIT_ROLES as readonly string[]).includes(role);

export function evaluateLedgerAudit(actor: Actor, action: string): { ok: true } | { ok: false; code: ErrorCode; params: ErrorParams } {
  if (mayAudit(actor.role)) return { ok: true };
  return {
    ok: false,
    code: 'ROLE_NOT_ALLOWED',
    params: { step: 'ledger', decision: action, role: actor.role, roles: LEDGER_AUDIT_ROLES, allowed: [] },
  };
}
