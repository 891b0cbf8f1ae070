import type { EvidenceRef } from '../decision/decision-record';
import type { FieldIssue } from '../errors';
import { isGolongan } from '../personnel/golongan';
import { CURRENT_POST_TYPES, EDUCATION_LEVELS } from '../selection/candidate';
import { parseIsoDate } from '../selection/iso-date';
import type { RegisterFacts } from './candidate-facts';

/** The register facts a case may override for one decision, with a reason and evidence (issue 14). */
export const OVERRIDABLE_FACTS = [
  'golongan',
  'education',
  'currentPostType',
  'currentPostSince',
  'cumulativeExperienceYears',
  'credentials',
] as const;
export type OverridableFact = (typeof OVERRIDABLE_FACTS)[number];

export interface FactOverride {
  fact: OverridableFact;
  value: unknown;
  reason: string;
  evidence: EvidenceRef[];
}

/** What the ledger records of an override: the register's value, the value used, why and on what. */
export interface AppliedOverride {
  fact: OverridableFact;
  registerValue: unknown;
  value: unknown;
  reason: string;
  evidence: EvidenceRef[];
}

const issue = (field: string, rule: string, id: string, en: string): FieldIssue => ({ field, rule, message: { id, en } });

const VALID: Record<OverridableFact, (v: unknown) => boolean> = {
  golongan: (v) => isGolongan(v),
  education: (v) => typeof v === 'string' && (EDUCATION_LEVELS as readonly string[]).includes(v),
  currentPostType: (v) => typeof v === 'string' && (CURRENT_POST_TYPES as readonly string[]).includes(v),
  currentPostSince: (v) => typeof v === 'string' && parseIsoDate(v) !== null,
  cumulativeExperienceYears: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 50,
  credentials: (v) => Array.isArray(v) && v.length <= 20 && v.every((c) => typeof c === 'string' && /^[a-z][a-z0-9_]{0,63}$/.test(c)),
};

/** Checks overrides before anything is decided: known fact, a valid value, a reason, evidence, each fact once. */
export function checkFactOverrides(overrides: readonly FactOverride[], field: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  overrides.forEach((o, i) => {
    const at = `${field}.${i}`;
    if (!(OVERRIDABLE_FACTS as readonly string[]).includes(o.fact)) {
      issues.push(
        issue(
          `${at}.fact`,
          'isIn',
          `fakta "${String(o.fact)}" tidak dapat dikesampingkan (${OVERRIDABLE_FACTS.join(', ')})`,
          `fact "${String(o.fact)}" cannot be overridden (${OVERRIDABLE_FACTS.join(', ')})`,
        ),
      );
    } else if (!VALID[o.fact](o.value)) {
      issues.push(
        issue(
          `${at}.value`,
          'override.value',
          `nilai pengganti untuk ${o.fact} tidak sah`,
          `the replacement value for ${o.fact} is not valid`,
        ),
      );
    }
    if (typeof o.reason !== 'string' || o.reason.trim().length < 3) {
      issues.push(
        issue(
          `${at}.reason`,
          'override.reason',
          'pengesampingan data register wajib disertai alasan',
          'overriding a register fact needs a reason',
        ),
      );
    }
    if (!Array.isArray(o.evidence) || o.evidence.length === 0) {
      issues.push(
        issue(
          `${at}.evidence`,
          'override.evidence',
          'pengesampingan data register wajib disertai bukti',
          'overriding a register fact needs evidence',
        ),
      );
    }
    if (overrides.findIndex((x) => x.fact === o.fact) !== i) {
      issues.push(issue(`${at}.fact`, 'unique', `fakta ${o.fact} disebut dua kali`, `fact ${o.fact} is named twice`));
    }
  });
  return issues;
}

/** The facts with checked overrides applied, and the record of each for the ledger. */
export function applyFactOverrides(
  facts: RegisterFacts,
  overrides: readonly FactOverride[],
): { facts: RegisterFacts; applied: AppliedOverride[] } {
  const next: RegisterFacts = { ...facts };
  const applied = overrides.map((o) => {
    const registerValue = facts[o.fact];
    (next as unknown as Record<string, unknown>)[o.fact] = o.value;
    return { fact: o.fact, registerValue, value: o.value, reason: o.reason, evidence: o.evidence };
  });
  return { facts: next, applied };
}
