import type { FieldIssue } from '../errors';
import type { ActorRole } from '../roles';

/**
 * Who keeps the reference data the mobility rules read (regions, the Pilkada calendar, the Minister of
 * Home Affairs' approvals, agency merit categories), and what a consistent entry looks like.
 */

/** The regional HR office (BKPSDM) keeps the reference data; administrators may correct it. */
export const REFERENCE_DATA_EDITORS: readonly ActorRole[] = Object.freeze(['hr_officer', 'admin']);

export const mayEditReferenceData = (role: ActorRole): boolean => REFERENCE_DATA_EDITORS.includes(role);

export const REGION_KINDS = ['province', 'regency', 'city'] as const;
export type RegionKind = (typeof REGION_KINDS)[number];

const issue = (field: string, rule: string, id: string, en: string): FieldIssue => ({ field, rule, message: { id, en } });

/**
 * The dates of one region's election window, checked together: the term cannot end on or before the
 * candidate-pair determination (UU 10/2016 Pasal 71(2) runs the ban from 6 months before the one to
 * the other). Dates are 'YYYY-MM-DD' or null; their shape is checked at the edge.
 */
export function checkElectionWindowDates(facts: {
  candidatePairDetermination: string | null;
  termEnd: string | null;
  headInauguratedOn: string | null;
}): FieldIssue[] {
  const { candidatePairDetermination: determination, termEnd } = facts;
  if (determination !== null && termEnd !== null && termEnd <= determination) {
    return [
      issue(
        'termEnd',
        'afterDetermination',
        `akhir masa jabatan (${termEnd}) harus sesudah penetapan pasangan calon (${determination})`,
        `the end of term (${termEnd}) must be after the candidate-pair determination (${determination})`,
      ),
    ];
  }
  return [];
}

/** A letter or an assessment cannot be dated after `today` (the WIB date the request is handled). */
export function checkNotFuture(field: string, date: string, today: string): FieldIssue[] {
  return date > today
    ? [
        issue(
          field,
          'notFuture',
          `tanggal ${date} belum terjadi (hari ini ${today})`,
          `the date ${date} is in the future (today is ${today})`,
        ),
      ]
    : [];
}

/** The two merit instruments an agency's category comes from (domain.md §5). */
export const MERIT_SCHEMES = ['kasn_400', 'menpanrb_19_2025'] as const;
export type MeritScheme = (typeof MERIT_SCHEMES)[number];

/**
 * Category bands as published (domain.md §5). Legacy KASN scores (out of 400) are whole numbers, so
 * a band starts at its lower bound (174.5 is still "buruk"); 19/2025 indices are published to two
 * decimals, so a band ends at its upper bound (0.405 is "lanjutan").
 */
const CATEGORY_OF: Readonly<Record<MeritScheme, (score: number) => string | null>> = Object.freeze({
  kasn_400: (s: number) => (s < 100 || s > 400 ? null : s < 175 ? 'buruk' : s < 250 ? 'kurang' : s < 325 ? 'baik' : 'sangat_baik'),
  menpanrb_19_2025: (s: number) =>
    s < 0 ? null : s <= 0.4 ? 'dasar' : s <= 0.6 ? 'lanjutan' : s <= 0.8 ? 'menengah' : s <= 1 ? 'tinggi' : 'maju',
});

export const MERIT_CATEGORIES: Readonly<Record<MeritScheme, readonly string[]>> = Object.freeze({
  kasn_400: Object.freeze(['buruk', 'kurang', 'baik', 'sangat_baik']),
  menpanrb_19_2025: Object.freeze(['dasar', 'lanjutan', 'menengah', 'tinggi', 'maju']),
});

/** The category a score falls in under a scheme, or null when the score is outside the scheme's scale. */
export const meritCategoryOf = (scheme: MeritScheme, score: number): string | null =>
  Number.isFinite(score) ? CATEGORY_OF[scheme](score) : null;

const SCALE: Readonly<Record<MeritScheme, { id: string; en: string }>> = Object.freeze({
  kasn_400: { id: '100 sampai 400', en: '100 to 400' },
  menpanrb_19_2025: { id: 'indeks 0 ke atas', en: 'an index of 0 or more' },
});

/**
 * The category to record for a score: derived from the score, and when the request also names one,
 * it must be that one. Each problem names its field (score or category).
 */
export function resolveMeritCategory(
  scheme: MeritScheme,
  score: number,
  category: string | undefined,
): { ok: true; category: string } | { ok: false; issues: FieldIssue[] } {
  const derived = meritCategoryOf(scheme, score);
  if (derived === null) {
    const scale = SCALE[scheme];
    return {
      ok: false,
      issues: [issue('score', 'scale', `di luar skala ${scheme} (${scale.id})`, `outside the ${scheme} scale (${scale.en})`)],
    };
  }
  if (category !== undefined && category !== derived) {
    const allowed = MERIT_CATEGORIES[scheme].join(', ');
    const known = MERIT_CATEGORIES[scheme].includes(category);
    return {
      ok: false,
      issues: [
        known
          ? issue(
              'category',
              'matchesScore',
              `nilai ${score} pada skema ${scheme} berkategori ${derived}, bukan ${category}`,
              `a score of ${score} under ${scheme} is ${derived}, not ${category}`,
            )
          : issue('category', 'isIn', `harus salah satu dari: ${allowed}`, `must be one of: ${allowed}`),
      ],
    };
  }
  return { ok: true, category: derived };
}
