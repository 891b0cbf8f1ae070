import { ACTOR_ID_PATTERN, ALL_AGENCIES, DomainError, isAgencyScope, isRole, ROLES, type Role } from '@meritflow/domain';

/** Who a verified token says the caller is. */
export interface Principal {
  id: string;
  name?: string;
  roles: Role[];
  /** Agency code the person belongs to, or ALL_AGENCIES for national bodies. */
  agency: string;
}

/** The claims meritflow reads from a token: `sub`, `name`, `roles` (or `role`) and `agency`. */
export interface MeritflowClaims {
  sub: string;
  name?: string;
  roles: Role[];
  agency: string;
}

const NAME_MAX = 200;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const invalid = (claim: string, why: string): never => {
  throw new DomainError('UNAUTHENTICATED', { reason: `claim ${claim}: ${why}` });
};

/** Reads the claims of a token whose signature was already verified; refuses a token that says too little. */
export function principalFromClaims(payload: Record<string, unknown>): Principal {
  const sub = payload.sub;
  if (typeof sub !== 'string' || !ACTOR_ID_PATTERN.test(sub)) invalid('sub', 'letters, digits and . _ @ - only, 1–64');
  const rawRoles = Array.isArray(payload.roles) ? payload.roles : payload.role !== undefined ? [payload.role] : [];
  const roles = [...new Set(rawRoles)].filter(isRole);
  if (roles.length === 0 || roles.length !== rawRoles.length) invalid('roles', `one or more of ${ROLES.join(', ')}`);
  const agency = payload.agency;
  if (!isAgencyScope(agency)) invalid('agency', 'an agency code or *');
  const nationalOnly = agency === ALL_AGENCIES && roles.some((r) => !NATIONAL_ROLES.includes(r));
  if (nationalOnly) invalid('agency', `* is for ${NATIONAL_ROLES.join(', ')} only`);
  const name = payload.name;
  if (name !== undefined && (typeof name !== 'string' || name.length > NAME_MAX || CONTROL.test(name)))
    invalid('name', 'at most 200 plain characters');
  return { id: sub as string, roles, agency: agency as string, ...(name ? { name: name as string } : {}) };
}

/** Roles that may hold national scope: overseers and auditors look across agencies, administrators run the system. */
export const NATIONAL_ROLES: readonly Role[] = ['overseer', 'auditor', 'admin'];
