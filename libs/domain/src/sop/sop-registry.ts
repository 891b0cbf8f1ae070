import { wibDate } from '../calendar/working-days';
import { DomainError } from '../errors';
import { ROLES, type Role } from '../roles';
import type { SopDefinition, SopRef } from './sop.types';
import { sealSop } from './sop.define';
import {
  appointmentV1,
  assessmentTestFast,
  assessmentV1,
  committeeReviewTestConsole,
  committeeReviewTestFast,
  committeeReviewV1,
} from './open-selection/children.v1';
import { openSelectionTestConsole, openSelectionTestFast, openSelectionV1 } from './open-selection/open-selection.v1';
import { openSelectionV1_1, openSelectionV1_1TestFast } from './open-selection/open-selection.v1-1';
import { OPEN_SELECTION_CHAIN_SOPS } from './open-selection/open-selection.chains';
import { OPEN_SELECTION_SENIOR_CHAIN_SOPS } from './open-selection/open-selection.senior-chains';
import type { OpenSelectionSop } from './open-selection/open-selection.types';
import { bulkMemberV1, bulkMoveV1 } from './move/bulk-move.v1';
import { bulkMoveV1_1 } from './move/bulk-move.v1-1';
import { MOVE_SOPS } from './move/move.v1';
import { MOVE_SOPS_V1_1, MOVE_SOPS_V1_1_TEST_FAST } from './move/move.v1-1';
import { vacancyV1_1 } from './vacancy/vacancy.v1-1';
import { vacancyTestFast } from './vacancy/vacancy.test-fast';
import { vacancyV1 } from './vacancy/vacancy.v1';
import { disciplineTestFast, disciplineV1 } from '../discipline/discipline.v1';
import { talentReviewV1 } from './talent-review/talent-review.v1';

const ALL: readonly Readonly<SopDefinition>[] = [
  vacancyV1,
  vacancyV1_1,
  vacancyTestFast,
  openSelectionV1,
  openSelectionTestFast,
  openSelectionTestConsole,
  openSelectionV1_1,
  openSelectionV1_1TestFast,
  ...OPEN_SELECTION_CHAIN_SOPS,
  ...OPEN_SELECTION_SENIOR_CHAIN_SOPS,
  assessmentV1,
  assessmentTestFast,
  committeeReviewV1,
  committeeReviewTestFast,
  committeeReviewTestConsole,
  appointmentV1,
  ...MOVE_SOPS,
  ...MOVE_SOPS_V1_1,
  ...MOVE_SOPS_V1_1_TEST_FAST,
  bulkMoveV1,
  bulkMoveV1_1,
  bulkMemberV1,
  disciplineV1,
  disciplineTestFast,
  talentReviewV1,
];

export interface SopSelection {
  /** Pin a specific version; otherwise the newest production version effective on `asOf`. */
  version?: string;
  asOf: Date;
  allowTestOnly: boolean;
  /** The variant the case's facts call for (e.g. a senior post's decision chain); absent: the default line. */
  variant?: string;
}

/** Every version ever shipped, including test-only ones: running cases look theirs up here. */
export function getSop(ref: SopRef): Readonly<SopDefinition> {
  const sop = ALL.find((s) => s.id === ref.id && s.version === ref.version);
  if (!sop) throw new DomainError('SOP_VERSION_UNKNOWN', { sopId: ref.id, version: ref.version });
  return sealSop(sop);
}

/** Chooses the version a new case pins at start. */
export function selectSop(id: string, selection: SopSelection): Readonly<SopDefinition> {
  // Rules take effect on Indonesian calendar dates.
  const day = wibDate(selection.asOf);
  if (selection.version) {
    const sop = ALL.find((s) => s.id === id && s.version === selection.version && s.variant === selection.variant);
    if (!sop || (sop.testOnly && !selection.allowTestOnly) || sop.effectiveFrom > day) {
      throw new DomainError('SOP_VERSION_UNKNOWN', { sopId: id, version: selection.version });
    }
    return sealSop(sop);
  }
  const candidates = ALL.filter((s) => s.id === id && s.variant === selection.variant && !s.testOnly && s.effectiveFrom <= day).sort(
    (a, b) =>
      a.effectiveFrom === b.effectiveFrom ? compareVersions(b.version, a.version) : b.effectiveFrom.localeCompare(a.effectiveFrom),
  );
  if (!candidates[0]) throw new DomainError('SOP_VERSION_UNKNOWN', { sopId: id, version: `effective ${day}` });
  return sealSop(candidates[0]);
}

/** Every version shipped, each frozen deeply. */
export const listSops = (): readonly Readonly<SopDefinition>[] => ALL.map(sealSop);

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => Number(x) || 0);
  const pb = b.split(/[.-]/).map((x) => Number(x) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** An open selection's pinned SOP with its settings. */
export function getOpenSelectionSop(ref: SopRef): Readonly<OpenSelectionSop> {
  const sop = getSop(ref);
  if (!('settings' in sop)) throw new DomainError('SOP_VERSION_UNKNOWN', { sopId: ref.id, version: ref.version });
  return sop as Readonly<OpenSelectionSop>;
}

/**
 * Every role that any version of these SOPs lets take a decision (or start the case, with `start`):
 * the roles a decision endpoint admits. The workflow then checks the role against the current step.
 */
export function sopRoles(sopIds: readonly string[], which: 'decide' | 'start' = 'decide'): Role[] {
  const roles = new Set<Role>();
  for (const sop of ALL.filter((s) => sopIds.includes(s.id))) {
    if (which === 'start') sop.startDecision.roles.forEach((r) => roles.add(r));
    else for (const step of sop.steps) for (const t of step.transitions) t.roles.forEach((r) => roles.add(r));
  }
  if (roles.size === 0) throw new Error(`no SOP roles for ${sopIds.join(', ')}: unknown SOP id?`);
  return ROLES.filter((r) => roles.has(r));
}
