import type { ActorRole, ActingFor } from '../roles';
import type { EvidenceRef } from '../decision/decision-record';
import type { Golongan } from '../personnel/golongan';
import type { CurrentPostType, EducationLevel, PerformancePredicate, SanctionLevel } from '../selection/candidate';
import type { NipKind } from '../selection/nip';
import type { PerformanceLevel, PotentialLevel } from '../mobility/talent';

/** PNS carry a NIP, PPPK an NI PPPK (domain.md §6); the register validates the number by this. */
export type EmploymentType = NipKind;

/** Sanctions of PP 94/2021 Pasal 8, each under exactly one level (domain.md §2.7). */
export const SANCTIONS = {
  light: ['teguran_lisan', 'teguran_tertulis', 'pernyataan_tidak_puas'],
  medium: ['potongan_tunjangan_25_6_bulan', 'potongan_tunjangan_25_9_bulan', 'potongan_tunjangan_25_12_bulan'],
  heavy: [
    'penurunan_jabatan_12_bulan',
    'pembebasan_jabatan_pelaksana_12_bulan',
    'pemberhentian_dengan_hormat',
    'pemberhentian_tidak_dengan_hormat',
  ],
} as const satisfies Record<SanctionLevel, readonly string[]>;
export type Sanction = (typeof SANCTIONS)[SanctionLevel][number];
export const ALL_SANCTIONS: readonly Sanction[] = Object.values(SANCTIONS).flat();

/** How a grade changed: a regular promotion is one step, a demotion one step down, an adjustment (ijazah) any step up. */
export const RANK_CHANGE_KINDS = ['initial', 'regular', 'adjustment', 'demotion'] as const;
export type RankChangeKind = (typeof RANK_CHANGE_KINDS)[number];

/** Where a person's record came from: this agency's system of record, or another agency's documents. */
export const PERSON_SOURCES = ['register', 'external'] as const;
export type PersonSource = (typeof PERSON_SOURCES)[number];

/**
 * Why an official's service ended (UU 20/2023 Pasal 52; PP 11/2017 Bab XI): the two dismissals of
 * PP 94/2021, retirement, death, resignation at one's own request, and the end of a PPPK contract.
 */
export const SERVICE_END_REASONS = [
  'dismissal_honourable',
  'dismissal_dishonourable',
  'retirement',
  'death',
  'resignation',
  'contract_ended',
] as const;
export type ServiceEndReason = (typeof SERVICE_END_REASONS)[number];

/** Whether an official is serving on a date, or their service has ended (a `service_ended` event). */
export const SERVICE_STATUSES = ['active', 'ended'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/** The facts each register event carries, by event type. Dates are 'YYYY-MM-DD'. */
export interface RegisterEventPayloads {
  person_registered: {
    employmentType: EmploymentType;
    name: string;
    birthDate: string;
    sex: 'male' | 'female';
    unitCode: string;
    source: PersonSource;
    /** The agency an externally sourced person serves in. */
    homeAgencyCode?: string;
  };
  identity_changed: { name?: string; unitCode?: string };
  rank_changed: { golongan: Golongan; tmt: string; decreeNumber: string; kind: RankChangeKind };
  position_assigned: {
    postCode: string;
    title: string;
    postType: CurrentPostType;
    unitCode: string;
    from: string;
    decreeNumber: string;
  };
  position_ended: { to: string; decreeNumber?: string };
  education_recorded: { level: EducationLevel; institution?: string; major?: string; graduatedOn: string };
  performance_rated: { year: number; predicate: PerformancePredicate };
  sanction_recorded: {
    level: SanctionLevel;
    sanction: Sanction;
    imposedOn: string;
    /** Last day in force, for time-bound sanctions. */
    endsOn?: string;
    decreeNumber: string;
  };
  competency_assessed: {
    assessedOn: string;
    method: string;
    assessor: string;
    /** Level 1–5 per competency name (PermenPANRB 38/2017). */
    levels: Record<string, number>;
    jpmPercent?: number;
  };
  credential_recorded: { code: string; issuedOn: string; validUntil?: string; reference?: string };
  /** 9-box placement stored as its axis levels, not a box number alone (domain.md §4). */
  talent_placed: { period: string; performance: PerformanceLevel; potential: PotentialLevel; box: number };
  /** The official leaves service on `endedOn` (the decree's TMT); nothing is dated after it except a retraction. */
  service_ended: { endedOn: string; reason: ServiceEndReason; decreeNumber: string };
  /** Withdraws earlier events (a mistake); the replacement, if any, is a new event. */
  events_retracted: { eventIds: number[] };
}

export type RegisterEventType = keyof RegisterEventPayloads;
export const REGISTER_EVENT_TYPES = [
  'person_registered',
  'identity_changed',
  'rank_changed',
  'position_assigned',
  'position_ended',
  'education_recorded',
  'performance_rated',
  'sanction_recorded',
  'competency_assessed',
  'credential_recorded',
  'talent_placed',
  'service_ended',
  'events_retracted',
] as const satisfies readonly RegisterEventType[];

/** Who recorded a change, in what role, why and on what evidence. */
export interface RegisterEventMeta {
  actor: { id: string; role: ActorRole; name?: string; actingFor?: ActingFor };
  reason: string;
  evidence: EvidenceRef[];
  /** The import batch it came from, when imported. */
  importBatchId?: string | null;
}

/** A change before it is stored: one fact about one person. */
export type RegisterEventDraft = {
  [T in RegisterEventType]: { type: T; payload: RegisterEventPayloads[T] };
}[RegisterEventType];

/** A stored event: ids grow with recording order, per register. */
export type RegisterEvent = RegisterEventDraft &
  RegisterEventMeta & {
    id: number;
    agencyCode: string;
    nip: string;
    /** The date the fact takes effect (TMT, from, imposed…): what "as of a date" filters on. */
    effectiveDate: string;
    recordedAt: string;
  };

export interface RankEntry {
  golongan: Golongan;
  tmt: string;
  decreeNumber: string;
  kind: RankChangeKind;
}

export interface PositionEntry {
  postCode: string;
  title: string;
  postType: CurrentPostType;
  unitCode: string;
  from: string;
  /** Null while held. */
  to: string | null;
  decreeNumber: string;
}

/** A person as the register knows them on a date: derived from events, never stored as truth. */
export interface PersonProfile {
  agencyCode: string;
  nip: string;
  employmentType: EmploymentType;
  name: string;
  birthDate: string;
  sex: 'male' | 'female';
  unitCode: string;
  source: PersonSource;
  homeAgencyCode: string | null;
  rank: RankEntry | null;
  rankHistory: RankEntry[];
  position: PositionEntry | null;
  positionHistory: PositionEntry[];
  education: RegisterEventPayloads['education_recorded'][];
  performance: RegisterEventPayloads['performance_rated'][];
  sanctions: RegisterEventPayloads['sanction_recorded'][];
  competencies: RegisterEventPayloads['competency_assessed'][];
  credentials: RegisterEventPayloads['credential_recorded'][];
  talentPlacements: RegisterEventPayloads['talent_placed'][];
  /** 'ended' from the TMT of a `service_ended` event on; before it (`?asOf=` earlier) the official is active. */
  serviceStatus: ServiceStatus;
  serviceEnded: RegisterEventPayloads['service_ended'] | null;
  /** The date the profile is shown as of. */
  asOf: string;
  /** The id of the last event taken into account: the register version the profile reflects. */
  version: number;
}
