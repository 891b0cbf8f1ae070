import { DomainError, type FieldIssue } from '../errors';

/** Percentages of the total score per selection stage; they must sum to 100. */
export interface SelectionWeights {
  administrative: number;
  assessment: number;
  paper: number;
  interview: number;
}

const COMPONENTS = ['administrative', 'assessment', 'paper', 'interview'] as const;

/** The KBB example of domain.md §4 [S20]; each selection may set its own. */
export const KBB_WEIGHTS: SelectionWeights = Object.freeze({ administrative: 20, assessment: 25, paper: 20, interview: 35 });

/** Rounds half up to 2 decimals; the (1 + ε) nudge keeps 1.005 from landing on 1.00 through binary error. */
const round2 = (x: number): number => Math.round(x * 100 * (1 + Number.EPSILON)) / 100;

const issue = (field: string, rule: string, id: string, en: string): FieldIssue => ({ field, rule, message: { id, en } });

const invalid = (fields: FieldIssue[]): DomainError => new DomainError('VALIDATION_FAILED', { fields });

export function validateWeights(w: SelectionWeights, field = 'weights'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const key of COMPONENTS) {
    const v = w[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 100) {
      issues.push(
        issue(`${field}.${key}`, 'weights.range', `bobot ${key} harus 0–100, bukan ${v}`, `the ${key} weight must be 0–100, not ${v}`),
      );
    }
  }
  if (issues.length > 0) return issues;
  const sum = COMPONENTS.reduce((s, key) => s + w[key], 0);
  // Tolerance only for binary error in decimal weights such as 33.3 + 33.3 + 33.4.
  if (Math.abs(sum - 100) > 1e-9) {
    issues.push(
      issue(field, 'weights.sum', `jumlah bobot harus 100%, bukan ${round2(sum)}%`, `the weights must add up to 100%, not ${round2(sum)}%`),
    );
  }
  return issues;
}

/** A JPM scheme: thresholds in percent, each inclusive (≥ optimal is optimal). */
export interface JpmScheme {
  id: string;
  optimal: number;
  cukupOptimal: number;
}

/** domain.md §4: 90/78 [S50], and the alternative 80/68 [S51]; which one applies is set per selection. */
export const JPM_SCHEMES: { standard: JpmScheme; alternative: JpmScheme } = Object.freeze({
  standard: Object.freeze({ id: 'jpm-standard@2026-01-01', optimal: 90, cukupOptimal: 78 }),
  alternative: Object.freeze({ id: 'jpm-alternative@2026-01-01', optimal: 80, cukupOptimal: 68 }),
});

export type JpmCategory = 'optimal' | 'cukup_optimal' | 'kurang_optimal';

export const categorizeJpm = (percent: number, scheme: JpmScheme): JpmCategory =>
  percent >= scheme.optimal ? 'optimal' : percent >= scheme.cukupOptimal ? 'cukup_optimal' : 'kurang_optimal';

/**
 * Job-person match [BK for the aggregation; §4 only says "achieved ÷ required"]:
 * 100 × Σ min(achieved, required) ÷ Σ required over the required competencies. Exceeding one
 * competency does not make up for another; a required competency that was not assessed counts 0
 * and is listed in `missing`; competencies assessed but not required are ignored. The category is
 * taken from the rounded percent so the number shown and the category always agree.
 */
export function jobPersonMatch(
  achieved: Record<string, number>,
  required: Record<string, number>,
  scheme: JpmScheme,
): { percent: number; category: JpmCategory; missing: string[] } {
  const names = Object.keys(required);
  const problems: FieldIssue[] = [];
  if (names.length === 0) {
    problems.push(issue('required', 'jpm.required', 'standar kompetensi jabatan kosong', 'the job competency standard is empty'));
  }
  for (const name of names) {
    const r = required[name];
    if (!Number.isFinite(r) || r <= 0) {
      problems.push(
        issue(
          `required.${name}`,
          'jpm.level',
          `level ${name} yang disyaratkan harus lebih dari 0`,
          `the required level of ${name} must be above 0`,
        ),
      );
    }
  }
  for (const name of Object.keys(achieved)) {
    const a = achieved[name];
    if (!Number.isFinite(a) || a < 0) {
      problems.push(
        issue(
          `achieved.${name}`,
          'jpm.level',
          `level ${name} yang dicapai tidak boleh negatif`,
          `the achieved level of ${name} cannot be negative`,
        ),
      );
    }
  }
  if (problems.length > 0) throw invalid(problems);

  const missing = names.filter((name) => !Object.prototype.hasOwnProperty.call(achieved, name));
  const requiredSum = names.reduce((s, name) => s + required[name], 0);
  const matchedSum = names.reduce((s, name) => s + (missing.includes(name) ? 0 : Math.min(achieved[name], required[name])), 0);
  const percent = round2((100 * matchedSum) / requiredSum);
  return { percent, category: categorizeJpm(percent, scheme), missing };
}

/** Stage scores, each 0–100. */
export interface ScoreComponents {
  administrative: number;
  assessment: number;
  paper: number;
  interview: number;
}

const componentIssues = (c: ScoreComponents, field: string): FieldIssue[] =>
  COMPONENTS.filter((key) => !(Number.isFinite(c[key]) && c[key] >= 0 && c[key] <= 100)).map((key) =>
    issue(`${field}.${key}`, 'score.range', `nilai ${key} harus 0–100, bukan ${c[key]}`, `the ${key} score must be 0–100, not ${c[key]}`),
  );

/** Weighted total, 2 decimals. Refuses (VALIDATION_FAILED) invalid weights or out-of-range scores. */
export function totalScore(c: ScoreComponents, w: SelectionWeights): number {
  const problems = [...validateWeights(w), ...componentIssues(c, 'components')];
  if (problems.length > 0) throw invalid(problems);
  return round2(COMPONENTS.reduce((s, key) => s + (c[key] * w[key]) / 100, 0));
}

export interface RankingEntry {
  nip: string;
  postCode: string;
  components: ScoreComponents;
  /** 1-based order of registration; earlier registration wins the last tie. */
  registrationOrder: number;
}

export interface RankedCandidate extends RankingEntry {
  total: number;
  /** 1-based and unique within a post: ties are always broken. */
  rank: number;
}

/**
 * Ties on the (rounded) total go to the higher assessment score, then the higher interview score,
 * then the earlier registration — assessment and interview being the stages that weigh most and
 * that the Pansel and assessors score on evidence. The NIP settles only malformed input with a
 * repeated registration order, so the result never depends on input order.
 */
const byMerit = (a: RankedCandidate, b: RankedCandidate): number =>
  b.total - a.total ||
  b.components.assessment - a.components.assessment ||
  b.components.interview - a.components.interview ||
  a.registrationOrder - b.registrationOrder ||
  (a.nip < b.nip ? -1 : a.nip > b.nip ? 1 : 0);

/** Ranks candidates per post, best first. Refuses a candidate entered twice for the same post. */
export function rankCandidates(entries: RankingEntry[], w: SelectionWeights): Record<string, RankedCandidate[]> {
  const byPost = new Map<string, RankedCandidate[]>();
  const seen = new Set<string>();
  const duplicates: FieldIssue[] = [];
  entries.forEach((e, i) => {
    const key = `${e.postCode}\u0000${e.nip}`;
    if (seen.has(key)) {
      duplicates.push(
        issue(
          `entries.${i}.nip`,
          'ranking.unique',
          `peserta ${e.nip} tercatat dua kali untuk jabatan ${e.postCode}`,
          `candidate ${e.nip} is entered twice for post ${e.postCode}`,
        ),
      );
    }
    seen.add(key);
    const list = byPost.get(e.postCode) ?? [];
    list.push({ ...e, total: totalScore(e.components, w), rank: 0 });
    byPost.set(e.postCode, list);
  });
  if (duplicates.length > 0) throw invalid(duplicates);

  // fromEntries defines own properties, so even an odd post code cannot touch the prototype.
  return Object.fromEntries(
    [...byPost.keys()].sort().map((post) => [
      post,
      byPost
        .get(post)!
        .sort(byMerit)
        .map((c, i) => ({ ...c, rank: i + 1 })),
    ]),
  );
}

/** The names sent to the PPK: the best `size` of one post's ranking (fewer if fewer took part). */
export function shortlist(ranked: RankedCandidate[], size = 3): RankedCandidate[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`shortlist size must be a positive integer, got ${size}`);
  return [...ranked].sort((a, b) => a.rank - b.rank).slice(0, size);
}

/** Committee members' paper or interview scores → the stage component, 2 decimals; null when nobody scored. */
export function meanScore(scores: number[]): number | null {
  if (scores.length === 0) return null;
  const problems = scores
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => !(Number.isFinite(s) && s >= 0 && s <= 100))
    .map(({ s, i }) => issue(`scores.${i}`, 'score.range', `nilai harus 0–100, bukan ${s}`, `a score must be 0–100, not ${s}`));
  if (problems.length > 0) throw invalid(problems);
  return round2(scores.reduce((a, b) => a + b, 0) / scores.length);
}
