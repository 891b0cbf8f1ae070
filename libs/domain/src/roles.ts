import { BUSINESS_CODE_PATTERN } from './personnel/position';

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
  'candidate',
] as const;
export type Role = (typeof ROLES)[number];

/** Automatic transitions (timers, extensions) are recorded with this actor. */
export const SYSTEM_ROLE = 'system' as const;
export type ActorRole = Role | typeof SYSTEM_ROLE;

/** Agency scope of a national body (BKN oversight, the inspectorate, administrators): every agency. */
export const ALL_AGENCIES = '*' as const;

/** A person's id: a NIP or an identity provider's subject. */
export const ACTOR_ID_PATTERN = /^[A-Za-z0-9._@-]{1,64}$/;

/** An agency code, or ALL_AGENCIES. */
export const isAgencyScope = (value: unknown): value is string =>
  typeof value === 'string' && (value === ALL_AGENCIES || BUSINESS_CODE_PATTERN.test(value));

/** Whether the actor acts for every agency (a national body). */
export const isNational = (actor: Pick<Actor, 'agency'>): boolean => actor.agency === ALL_AGENCIES;

/** Whether the actor may see or act for `agencyCode`. */
export const reachesAgency = (actor: Pick<Actor, 'agency'>, agencyCode: string): boolean =>
  isNational(actor) || actor.agency === agencyCode;

/** The official an action was taken for, under a delegation (Plt/Plh). */
export interface ActingFor {
  id: string;
  name?: string;
  role: Role;
  delegationId: string;
}

export interface Actor {
  /** NIP or identity-provider subject of the person acting. */
  id: string;
  role: ActorRole;
  name?: string;
  /** The agency the person acts in (from the token), or ALL_AGENCIES. */
  agency?: string;
  /** Set when the person acts under someone else's delegation. */
  actingFor?: ActingFor;
}

export const SYSTEM_ACTOR: Actor = Object.freeze({ id: 'system', role: SYSTEM_ROLE, name: 'meritflow' });

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);
