import type { FieldIssue } from '../errors';
import { educationRank, type CandidateProfile, type CurrentPostType, type EducationLevel } from '../selection/candidate';
import { parseIsoDate } from '../selection/iso-date';
import type { PersonProfile, PositionEntry } from './register.types';

/** Posts whose years count as managerial or equivalent experience (domain.md §3, "Cumulative experience"). */
const EXPERIENCE_POSTS: ReadonlySet<CurrentPostType> = new Set([
  'jpt_utama',
  'jpt_madya',
  'jpt_pratama',
  'administrator',
  'pengawas',
  'jf_ahli_utama',
  'jf_ahli_madya',
  'jf_ahli_muda',
]);

const dayNumber = (iso: string): number => {
  const d = parseIsoDate(iso)!;
  return Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
};

/** Whole months from `from` to `to`, counted like years: the month is complete on its day. */
export function wholeMonthsBetween(from: string, to: string): number {
  const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
  return to.slice(8) < from.slice(8) ? months - 1 : months;
}

/** A post held, closed at `asOf` when still held; what the post-history rules read. */
export interface HeldPost {
  postType: CurrentPostType;
  postCode: string;
  from: string;
  to: string;
}

export const heldPosts = (positions: readonly PositionEntry[], asOf: string): HeldPost[] =>
  positions
    .filter((p) => p.from <= asOf)
    .map((p) => ({ postType: p.postType, postCode: p.postCode, from: p.from, to: p.to === null || p.to > asOf ? asOf : p.to }));

/** Years in managerial or equivalent posts up to `asOf`, in whole months, as years with two decimals. */
export function cumulativeExperienceYears(positions: readonly PositionEntry[], asOf: string): number {
  const months = heldPosts(positions, asOf)
    .filter((p) => EXPERIENCE_POSTS.has(p.postType) && dayNumber(p.to) > dayNumber(p.from))
    .reduce((sum, p) => sum + Math.max(0, wholeMonthsBetween(p.from, p.to)), 0);
  return Math.floor((months / 12) * 100) / 100;
}

export const highestEducation = (profile: PersonProfile): EducationLevel | null =>
  profile.education.reduce<EducationLevel | null>(
    (best, e) => (best === null || educationRank(e.level) > educationRank(best) ? e.level : best),
    null,
  );

/** What the eligibility rules read about a person, taken from the register as of a date. */
export interface RegisterFacts extends Omit<CandidateProfile, 'golongan' | 'education' | 'currentPostType' | 'currentPostSince'> {
  golongan: CandidateProfile['golongan'] | null;
  education: EducationLevel | null;
  currentPostType: CurrentPostType | null;
  currentPostSince: string | null;
  postHistory: HeldPost[];
  source: PersonProfile['source'];
  /** Set only when the official's service ended on or before `asOf`: such an official is no candidate for anything. */
  serviceEndedOn?: string;
  asOf: string;
  registerVersion: number;
}

/**
 * The facts a rule evaluated as of `profile.asOf` uses. Credentials count while valid on that date;
 * a sanction keeps its imposition date (the rules decide how far back they look).
 */
export function registerFacts(profile: PersonProfile): RegisterFacts {
  const asOf = profile.asOf;
  return {
    nip: profile.nip,
    nipKind: profile.employmentType,
    name: profile.name,
    golongan: profile.rank?.golongan ?? null,
    education: highestEducation(profile),
    currentPostType: profile.position?.postType ?? null,
    currentPostSince: profile.position?.from ?? null,
    cumulativeExperienceYears: cumulativeExperienceYears(profile.positionHistory, asOf),
    performance: profile.performance.map((p) => ({ year: p.year, predicate: p.predicate })),
    // The end date only where recorded, so the facts (and their hash) of other sanctions stay as they were.
    sanctions: profile.sanctions.map((s) => ({ level: s.level, imposedOn: s.imposedOn, ...(s.endsOn ? { endsOn: s.endsOn } : {}) })),
    credentials: profile.credentials.filter((c) => c.validUntil === undefined || c.validUntil >= asOf).map((c) => c.code.toLowerCase()),
    postHistory: heldPosts(profile.positionHistory, asOf),
    source: profile.source,
    // Only when ended, so the facts (and their hash) of serving officials stay as they were.
    ...(profile.serviceEnded ? { serviceEndedOn: profile.serviceEnded.endedOn } : {}),
    asOf,
    registerVersion: profile.version,
  };
}

/** The facts a rule used, as of its date, with the register version and the SHA-256 of their canonical JSON. */
export interface FactsSnapshot {
  nip: string;
  asOf: string;
  registerVersion: number;
  sha256: string;
  facts: RegisterFacts;
}

/** The refusal of an official whose service has ended by `asOf`, naming `field`; null while serving. */
export function serviceEndedIssue(facts: Pick<RegisterFacts, 'nip' | 'serviceEndedOn'>, field: string): FieldIssue | null {
  if (!facts.serviceEndedOn) return null;
  return {
    field,
    rule: 'register.serviceEnded',
    message: {
      id: `masa kerja NIP ${facts.nip} berakhir pada ${facts.serviceEndedOn}; pegawai ini tidak dapat diusulkan`,
      en: `the service of NIP ${facts.nip} ended on ${facts.serviceEndedOn}; this official cannot be put forward`,
    },
  };
}
