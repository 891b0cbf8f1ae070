import type { RequiredCompetency } from '../vacancy/vacancy-proposal';
import { jobPersonMatch, type JpmCategory, type JpmScheme } from '../selection/scoring';
import type { PersonProfile } from './register.types';

export interface CompetencyGapLine {
  name: string;
  type: RequiredCompetency['type'];
  required: number;
  /** Null when the latest assessment did not measure it. */
  achieved: number | null;
  /** achieved − required; negative is a shortfall, null when not assessed. */
  gap: number | null;
}

export interface CompetencyGap {
  assessedOn: string | null;
  method: string | null;
  lines: CompetencyGapLine[];
  jpm: { percent: number; category: JpmCategory; missing: string[]; scheme: string } | null;
}

/**
 * The official's latest competency assessment against a post's standard (PermenPANRB 38/2017), with
 * the gap per competency and the job-person match. Names match case-insensitively.
 */
export function competencyGap(profile: PersonProfile, standard: readonly RequiredCompetency[], scheme: JpmScheme): CompetencyGap {
  const latest = [...profile.competencies].sort((a, b) => (a.assessedOn < b.assessedOn ? -1 : 1)).pop() ?? null;
  const achievedByKey = new Map(Object.entries(latest?.levels ?? {}).map(([k, v]) => [k.trim().toLowerCase(), v]));
  const lines = standard.map((c) => {
    const achieved = achievedByKey.get(c.name.trim().toLowerCase()) ?? null;
    return { name: c.name, type: c.type, required: c.level, achieved, gap: achieved === null ? null : achieved - c.level };
  });
  if (!latest || standard.length === 0) return { assessedOn: latest?.assessedOn ?? null, method: latest?.method ?? null, lines, jpm: null };
  const required = Object.fromEntries(standard.map((c) => [c.name, c.level]));
  const achieved = Object.fromEntries(lines.filter((l) => l.achieved !== null).map((l) => [l.name, l.achieved as number]));
  const match = jobPersonMatch(achieved, required, scheme);
  return { assessedOn: latest.assessedOn, method: latest.method, lines, jpm: { ...match, scheme: scheme.id } };
}
