import type { Golongan } from '../personnel/golongan';
import type { NipKind } from './nip';

/** Highest completed education. D4 (applied bachelor) counts the same as S1 for eligibility (domain.md §3). */
export const EDUCATION_LEVELS = ['SMA', 'D3', 'D4', 'S1', 'S2', 'S3'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

const EDUCATION_RANK: Readonly<Record<EducationLevel, number>> = Object.freeze({ SMA: 0, D3: 1, D4: 2, S1: 2, S2: 3, S3: 4 });

/** Ordinal for comparing education levels; D4 and S1 share a rank. */
export const educationRank = (level: EducationLevel): number => EDUCATION_RANK[level];

/** The kind of post a candidate holds now (domain.md §6, "Jabatan"). */
export const CURRENT_POST_TYPES = [
  'jpt_utama',
  'jpt_madya',
  'jpt_pratama',
  'administrator',
  'pengawas',
  'pelaksana',
  'jf_ahli_utama',
  'jf_ahli_madya',
  'jf_ahli_muda',
  'jf_ahli_pertama',
  'jf_terampil',
] as const;
export type CurrentPostType = (typeof CURRENT_POST_TYPES)[number];

/** Performance predicates of PermenPANRB 6/2022, best first. */
export const PERFORMANCE_PREDICATES = ['sangat_baik', 'baik', 'butuh_perbaikan', 'kurang', 'sangat_kurang'] as const;
export type PerformancePredicate = (typeof PERFORMANCE_PREDICATES)[number];

/** True when `actual` is `minimum` or better. */
export const isPredicateAtLeast = (actual: PerformancePredicate, minimum: PerformancePredicate): boolean =>
  PERFORMANCE_PREDICATES.indexOf(actual) <= PERFORMANCE_PREDICATES.indexOf(minimum);

/** Discipline sanction levels of PP 94/2021 (domain.md §2.7). */
export const SANCTION_LEVELS = ['light', 'medium', 'heavy'] as const;
export type SanctionLevel = (typeof SANCTION_LEVELS)[number];

export interface CandidateProfile {
  nip: string;
  /** How to read `nip`; PNS unless stated, since PPPK filling JPT posts is the exception (UU 20/2023). */
  nipKind?: NipKind;
  name: string;
  golongan: Golongan;
  education: EducationLevel;
  currentPostType: CurrentPostType;
  /** YYYY-MM-DD */
  currentPostSince: string;
  /** Years in managerial or equivalent JF posts, cumulative (§3 "Cumulative experience"). */
  cumulativeExperienceYears: number;
  performance: { year: number; predicate: PerformancePredicate }[];
  /** `imposedOn` is YYYY-MM-DD; `endsOn`, the last day in force, where the register records one. */
  sanctions: { level: SanctionLevel; imposedOn: string; endsOn?: string }[];
  /** Agency-specific extras held by the candidate, e.g. 'diklatpim_ii', 'lhkpn', 'spt'. */
  credentials: string[];
}
