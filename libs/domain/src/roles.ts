/** Roles an actor can hold in meritflow (domain.md §1, "Engine roles"). */
export const ROLES = [
  'hr_officer',
  'committee_member',
  'committee_chair',
  'assessor',
  'ppk',
  'overseer',
  'auditor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** Automatic transitions (timers, extensions) are recorded with this actor. */
export const SYSTEM_ROLE = 'system' as const;
export type ActorRole = Role | typeof SYSTEM_ROLE;

export interface Actor {
  /** NIP or identity-provider subject of the person acting. */
  id: string;
  role: ActorRole;
  name?: string;
}

export const SYSTEM_ACTOR: Actor = Object.freeze({ id: 'system', role: SYSTEM_ROLE, name: 'meritflow' });

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);
