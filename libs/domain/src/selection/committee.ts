import type { FieldIssue } from '../errors';

export interface CommitteeMember {
  id: string;
  name: string;
  affiliation: 'internal' | 'external';
  isChair: boolean;
}

export interface CommitteeSettings {
  version: string;
  minSize: number;
  maxSize: number;
  requireOdd: boolean;
  /** Highest share of members from inside the agency, inclusive: 0.45 admits exactly 45%. */
  maxInternalShare: number;
  /** Quorum is the smallest number of scorers strictly above this share of the eligible ones. */
  quorumShare: number;
}

/**
 * Pansel composition, domain.md §3. The ≤45% internal cap (0% allowed) is sourced [S18]; the
 * "odd number, 5–9" size rule is [BK] and the majority quorum is ours, hence a versioned object.
 */
export const DEFAULT_COMMITTEE_SETTINGS: CommitteeSettings = Object.freeze({
  version: 'committee@2026-01-01',
  minSize: 5,
  maxSize: 9,
  requireOdd: true,
  maxInternalShare: 0.45,
  quorumShare: 0.5,
});

const issue = (field: string, rule: string, id: string, en: string): FieldIssue => ({ field, rule, message: { id, en } });

const percent = (share: number): string => `${Math.round(share * 1000) / 10}%`;

/** Composition rules for a Pansel before the PPK signs its SK; an empty list means it may be formed. */
export function validateCommittee(members: CommitteeMember[], settings: CommitteeSettings, field = 'members'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const n = members.length;

  if (n < settings.minSize || n > settings.maxSize) {
    issues.push(
      issue(
        field,
        'committee.size',
        `panitia seleksi harus beranggotakan ${settings.minSize}–${settings.maxSize} orang, bukan ${n}`,
        `the selection committee must have ${settings.minSize}–${settings.maxSize} members, not ${n}`,
      ),
    );
  }
  if (settings.requireOdd && n % 2 === 0) {
    issues.push(
      issue(
        field,
        'committee.odd',
        `jumlah anggota panitia seleksi harus ganjil, bukan ${n}`,
        `the selection committee must have an odd number of members, not ${n}`,
      ),
    );
  }

  const internal = members.filter((m) => m.affiliation === 'internal').length;
  if (n > 0 && internal / n > settings.maxInternalShare) {
    issues.push(
      issue(
        field,
        'committee.internalShare',
        `anggota internal ${internal} dari ${n} (${percent(internal / n)}) melebihi batas ${percent(settings.maxInternalShare)}`,
        `${internal} of ${n} members are internal (${percent(internal / n)}), above the ${percent(settings.maxInternalShare)} limit`,
      ),
    );
  }

  const chairs = members.filter((m) => m.isChair).length;
  if (chairs !== 1) {
    issues.push(
      issue(
        field,
        'committee.chair',
        `panitia seleksi harus memiliki tepat satu ketua, bukan ${chairs}`,
        `the selection committee must have exactly one chair, not ${chairs}`,
      ),
    );
  }

  const seen = new Set<string>();
  members.forEach((m, i) => {
    if (seen.has(m.id)) {
      issues.push(
        issue(`${field}.${i}.id`, 'committee.uniqueId', `anggota "${m.id}" disebut dua kali`, `member "${m.id}" is listed twice`),
      );
    }
    seen.add(m.id);
  });

  return issues;
}

export interface ConflictDeclaration {
  memberId: string;
  candidateNip: string;
  conflicted: boolean;
}

/**
 * Members who may score a candidate: everyone except those who declared a conflict of interest
 * for that candidate. Any conflicted declaration counts, even if another says otherwise. A member
 * with no declaration is not excluded here; see `undeclaredMembers` to require one.
 */
export function eligibleScorers(members: CommitteeMember[], declarations: ConflictDeclaration[], candidateNip: string): CommitteeMember[] {
  const conflicted = new Set(declarations.filter((d) => d.candidateNip === candidateNip && d.conflicted).map((d) => d.memberId));
  return members.filter((m) => !conflicted.has(m.id));
}

/** Members who have not declared (either way) on a candidate, for stages that require every declaration. */
export function undeclaredMembers(
  members: CommitteeMember[],
  declarations: ConflictDeclaration[],
  candidateNip: string,
): CommitteeMember[] {
  const declared = new Set(declarations.filter((d) => d.candidateNip === candidateNip).map((d) => d.memberId));
  return members.filter((m) => !declared.has(m.id));
}

/**
 * Smallest number of scorers strictly above `quorumShare` of the eligible ones: with 0.5 that is a
 * majority (3 → 2, 4 → 3, 5 → 3, 7 → 4). With no eligible scorer it is 1, i.e. unreachable, as a
 * score nobody was allowed to give is not a score.
 */
export function quorumFor(eligibleCount: number, settings: CommitteeSettings): number {
  if (!Number.isInteger(eligibleCount) || eligibleCount < 0) {
    throw new RangeError(`eligible scorer count must be a non-negative integer, got ${eligibleCount}`);
  }
  // Rounded to 9 places first so that e.g. 0.29 × 100 = 28.999…96 is treated as 29.
  const threshold = Math.round(eligibleCount * settings.quorumShare * 1e9) / 1e9;
  return Math.floor(threshold) + 1;
}

export const hasQuorum = (scorersPresent: number, eligibleCount: number, settings: CommitteeSettings): boolean =>
  scorersPresent <= eligibleCount && scorersPresent >= quorumFor(eligibleCount, settings);

/** One candidate's scoring so far: "k of n scored, quorum q", and who is still to score. */
export interface ScoringProgress {
  /** Eligible members who have scored the candidate. */
  scored: number;
  /** Members not conflicted for the candidate; a member who has not declared yet counts here, as pending. */
  eligibleMembers: number;
  quorum: number;
  quorumMet: boolean;
  /** Eligible members who have not scored yet, in committee order; `undeclared` when their declaration is still due. */
  pending: { id: string; name: string; undeclared: boolean }[];
}

/**
 * The quorum of one candidate counted over every member who may score them: only a declared conflict
 * excludes a member, so one score out of five members (four yet to declare) is 1 of 5, not 1 of 1.
 */
export function scoringProgress(
  members: readonly CommitteeMember[],
  declarations: readonly ConflictDeclaration[],
  hasScored: (memberId: string) => boolean,
  candidateNip: string,
  settings: CommitteeSettings,
): ScoringProgress {
  const eligible = eligibleScorers([...members], [...declarations], candidateNip);
  const declared = new Set(declarations.map((d) => d.memberId));
  const scored = eligible.filter((m) => hasScored(m.id)).length;
  return {
    scored,
    eligibleMembers: eligible.length,
    quorum: quorumFor(eligible.length, settings),
    quorumMet: hasQuorum(scored, eligible.length, settings),
    pending: eligible.filter((m) => !hasScored(m.id)).map((m) => ({ id: m.id, name: m.name, undeclared: !declared.has(m.id) })),
  };
}
