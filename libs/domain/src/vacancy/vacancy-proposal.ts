import type { FieldIssue } from '../errors';
import { compareGolongan, type Golongan } from '../personnel/golongan';
import type { FillingMethod, PositionClass } from '../personnel/position';

export const COMPETENCY_TYPES = ['technical', 'managerial', 'socio_cultural'] as const;
export type CompetencyType = (typeof COMPETENCY_TYPES)[number];

export interface RequiredCompetency {
  type: CompetencyType;
  name: string;
  /** Level 1–5 of PermenPANRB 38/2017. */
  level: number;
}

export interface VacancyProposal {
  agencyCode: string;
  positionCode: string;
  title: string;
  organisationalUnit: string;
  positionClass: PositionClass;
  gradeMin: Golongan;
  gradeMax: Golongan;
  requiredCompetencies: RequiredCompetency[];
  requestedFillingMethod: FillingMethod;
}

/**
 * Which filling methods each post class allows (domain.md §2.1–§2.6). Administrator and pengawas
 * posts are filled on TPK evaluation or from the talent pool, not by open selection (§2.4).
 */
export const FILLING_METHOD_RULE_VERSION = 'filling-methods@2026-01-01';
const FILLING_METHODS_BY_CLASS: Readonly<Record<PositionClass, readonly FillingMethod[]>> = Object.freeze({
  jpt_utama: ['open_selection', 'talent_pool', 'mutation_rotation'],
  jpt_madya: ['open_selection', 'talent_pool', 'mutation_rotation'],
  jpt_pratama: ['open_selection', 'talent_pool', 'mutation_rotation'],
  administrator: ['talent_pool', 'mutation_rotation'],
  pengawas: ['talent_pool', 'mutation_rotation'],
  functional: ['talent_pool', 'mutation_rotation'],
});

export const fillingMethodsFor = (positionClass: PositionClass): readonly FillingMethod[] => FILLING_METHODS_BY_CLASS[positionClass];

export function checkFillingMethod(positionClass: PositionClass, method: FillingMethod, field: string): FieldIssue | null {
  const allowed = fillingMethodsFor(positionClass);
  if (allowed.includes(method)) return null;
  return {
    field,
    rule: FILLING_METHOD_RULE_VERSION,
    message: {
      id: `metode pengisian "${method}" tidak berlaku untuk jabatan ${positionClass}; pilih salah satu: ${allowed.join(', ')}`,
      en: `filling method "${method}" does not apply to ${positionClass} posts; choose one of: ${allowed.join(', ')}`,
    },
  };
}

/** Cross-field rules a well-typed proposal must still meet; the API checks types and formats first. */
export function validateVacancyProposal(p: VacancyProposal): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (compareGolongan(p.gradeMin, p.gradeMax) > 0) {
    issues.push({
      field: 'gradeMax',
      rule: 'gradeRange',
      message: {
        id: `golongan tertinggi (${p.gradeMax}) tidak boleh lebih rendah dari golongan terendah (${p.gradeMin})`,
        en: `the highest grade (${p.gradeMax}) cannot be below the lowest grade (${p.gradeMin})`,
      },
    });
  }
  const seen = new Set<string>();
  p.requiredCompetencies.forEach((c, i) => {
    const key = `${c.type}:${c.name.trim().toLowerCase()}`;
    if (seen.has(key)) {
      issues.push({
        field: `requiredCompetencies.${i}.name`,
        rule: 'unique',
        message: { id: `kompetensi "${c.name}" disebut dua kali`, en: `competency "${c.name}" is listed twice` },
      });
    }
    seen.add(key);
  });
  const method = checkFillingMethod(p.positionClass, p.requestedFillingMethod, 'requestedFillingMethod');
  if (method) issues.push(method);
  return issues;
}
