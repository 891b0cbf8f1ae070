import type { DecisionRow } from '../decision/decision-row';
import type { LocalizedText } from '../i18n/messages';
import { SYSTEM_ROLE } from '../roles';
import { getSop } from '../sop/sop-registry';
import { checkLinkedRunStart, MIGRATION_DECISIONS, MIGRATION_NOTES, runsContinuedByMigration } from '../sop/migration/sop-migration';
import type { SopDefinition, SopRef, SopStep } from '../sop/sop.types';
import { isArchiveDecision } from './history-archive';

/** One ledger row as conformance needs it: plain data, so the check runs on any copy of the ledger. */
export interface LedgerDecision
  extends
    Pick<
      DecisionRow,
      'workflowId' | 'rootWorkflowId' | 'sequence' | 'decision' | 'stepBefore' | 'stepAfter' | 'actorRole' | 'decidedAt' | 'payload'
    >,
    /** runId absent: every row of a workflow id is taken as one run. */
    Partial<Pick<DecisionRow, 'runId' | 'actorId'>> {
  sop: SopRef;
  evidenceCount: number;
}

/** How the SOP accounts for a decision. */
export type DecisionKind =
  /** The SOP's start decision (first row of a run). */
  | 'start'
  /** A transition a person takes, listed at the step. */
  | 'transition'
  /** An automatic transition the SOP lists for the system. */
  | 'auto'
  /** A reminder, escalation or closing by the step's deadline. */
  | 'deadline'
  /** A system record that leaves the step as it is (a computed ranking, an ineligible applicant). */
  | 'note'
  /** Nothing in the SOP accounts for it. */
  | 'unknown';

export interface DecisionCheck {
  /** `<workflowId>#<sequence>`: names the row in every report. */
  ref: string;
  workflowId: string;
  sequence: number;
  decision: string;
  actorRole: string;
  decidedAt: string;
  kind: DecisionKind;
  /** The SOP allows this decision from this step (to the step recorded). */
  allowed: boolean;
  roleAllowed: boolean;
  evidenceRequired: boolean;
  evidenceAttached: boolean;
}

export interface StepVisit {
  workflowId: string;
  sop: SopRef;
  step: string;
  label: LocalizedText;
  enteredAt: string;
  enteredBy: DecisionCheck;
  /** Null while the case is still at this step (or the step is terminal). */
  leftAt: string | null;
  leftBy: DecisionCheck | null;
  /** Time spent at the step; an open step counts up to the check time. */
  durationMs: number;
  /** Every decision taken while at the step that did not leave it. */
  within: DecisionCheck[];
  deadline: { defined: boolean; breached: boolean; by: string[] };
}

/** A duty the SOP attaches to a step (a report due by the step's deadline), and whether the case met it. */
export interface DutyCheck {
  workflowId: string;
  step: string;
  kind: 'report';
  label: LocalizedText;
  basis: readonly string[];
  openedAt: string;
  /** The decision that opened the step, and so the duty. */
  openedBy: string;
  /** The decision that meets the duty (the SOP's `metBy`), once taken. */
  metBy: string | null;
  metAt: string | null;
  /** The deadline decisions recorded while the duty was open. */
  breachedBy: string[];
  /** met: in time; met_late: after the deadline; breached: the deadline passed and it is still not met; open: not yet due. */
  status: 'met' | 'met_late' | 'breached' | 'open';
}

export type ConformanceRule =
  | 'no_decisions'
  | 'sop_unknown'
  | 'sop_version_changed'
  | 'start_not_allowed'
  | 'out_of_sequence'
  | 'transition_not_allowed'
  | 'role_not_allowed'
  | 'evidence_missing'
  | 'deadline_breached';

export interface ConformanceViolation {
  rule: ConformanceRule;
  /** The row it concerns (`<workflowId>#<sequence>`), or null for the case as a whole. */
  decision: string | null;
  workflowId: string | null;
  step: string | null;
  detail: LocalizedText;
}

export interface ConformanceReport {
  caseId: string;
  /** The root SOP version the case ran under. */
  sop: { id: string; version: string; title: LocalizedText; legalBasis: readonly string[] };
  /** The SOP version each workflow of the case (the root and its children) ran under. */
  workflows: { workflowId: string; runId: string | null; sop: SopRef; decisions: number }[];
  checkedAt: string;
  steps: StepVisit[];
  /** Every duty the case's steps attached (reporting duties), met or breached. */
  duties: DutyCheck[];
  violations: ConformanceViolation[];
  conforms: boolean;
}

/** Decisions the deadline machinery records: each one means the step outlived its deadline. */
export const DEADLINE_DECISIONS = ['deadline_reminder', 'deadline_escalated', 'deadline_expired'] as const;
const isDeadlineDecision = (d: string): boolean => (DEADLINE_DECISIONS as readonly string[]).includes(d);

/** The record of a decision a guarding rule refused (moves: the mobility rules); the step does not change. */
export const BLOCKED_ATTEMPT = 'decision_blocked';
/** A page of people added to an open bulk move (issue 19): by a role that may open the case, at its first step. */
export const PAGE_ADDED = 'members_added';

const refOf = (d: LedgerDecision): string => `${d.workflowId}#${d.sequence}`;
const sameSop = (a: SopRef, b: SopRef): boolean => a.id === b.id && a.version === b.version;

/**
 * Checks a case's ledger against its SOP: the path the case actually took, step by step (entered,
 * left, by which decision), and every decision against what the SOP allowed at its step — the
 * transition itself, the actor's role, required evidence — plus deadline breaches. Child workflows
 * (assessments, committee review, appointments) are checked against their own pinned SOP version.
 */
export function checkConformance(sop: Readonly<SopDefinition>, ledgerRows: readonly LedgerDecision[], now: Date): ConformanceReport {
  // The archive's rows sit in the chain but are not decisions of the case.
  const decisions = ledgerRows.filter((d) => !isArchiveDecision(d.decision));
  const caseId = decisions.find((d) => d.workflowId === d.rootWorkflowId)?.rootWorkflowId ?? decisions[0]?.rootWorkflowId ?? '';
  const violations: ConformanceViolation[] = [];
  const steps: StepVisit[] = [];
  const workflows: ConformanceReport['workflows'] = [];

  if (decisions.length === 0) {
    violations.push({
      rule: 'no_decisions',
      decision: null,
      workflowId: null,
      step: null,
      detail: { id: 'Tidak ada keputusan tercatat untuk kasus ini', en: 'No decision is recorded for this case' },
    });
  }

  // Root runs an approved SOP migration closed: their successor names them in its first row.
  const migratedFrom = runsContinuedByMigration(decisions);

  for (const run of groupRuns(decisions)) {
    const first = run[0];
    const isRoot = first.workflowId === first.rootWorkflowId;
    // A run on an earlier version that a migration continued, or a run a migration started, is not a version change.
    const migrated = (first.runId !== undefined && migratedFrom.has(first.runId)) || first.decision === MIGRATION_DECISIONS.migrated;
    let runSop: Readonly<SopDefinition> | null = sop;
    if (!isRoot || !sameSop(first.sop, sop)) {
      try {
        runSop = getSop(first.sop);
      } catch {
        runSop = null;
      }
    }
    workflows.push({ workflowId: first.workflowId, runId: first.runId ?? null, sop: first.sop, decisions: run.length });
    if (isRoot && !sameSop(first.sop, sop) && !migrated) {
      violations.push(
        violation('sop_version_changed', first, null, {
          id: `Kasus tercatat dengan SOP ${first.sop.id}@${first.sop.version}, bukan ${sop.id}@${sop.version}`,
          en: `The case is recorded under SOP ${first.sop.id}@${first.sop.version}, not ${sop.id}@${sop.version}`,
        }),
      );
    }
    if (!runSop) {
      violations.push(
        violation('sop_unknown', first, null, {
          id: `Versi SOP ${first.sop.id}@${first.sop.version} tidak dikenal`,
          en: `SOP version ${first.sop.id}@${first.sop.version} is unknown`,
        }),
      );
      continue;
    }
    walkRun(runSop, run, !isRoot, now, steps, violations);
  }

  return {
    caseId,
    sop: { id: sop.id, version: sop.version, title: sop.title, legalBasis: sop.legalBasis },
    workflows,
    checkedAt: now.toISOString(),
    steps,
    duties: dutiesOf(steps),
    violations,
    conforms: violations.length === 0,
  };
}

/** The duty each visited step attached, read from the SOP version the visit ran under. */
function dutiesOf(steps: readonly StepVisit[]): DutyCheck[] {
  const duties: DutyCheck[] = [];
  for (const visit of steps) {
    let step: SopStep | undefined;
    try {
      step = getSop(visit.sop).steps.find((s) => s.id === visit.step);
    } catch {
      continue;
    }
    const duty = step?.duty;
    if (!duty) continue;
    const met = visit.leftBy && visit.leftBy.decision === duty.metBy ? visit.leftBy : null;
    const breached = visit.deadline.breached;
    duties.push({
      workflowId: visit.workflowId,
      step: visit.step,
      kind: duty.kind,
      label: duty.label,
      basis: duty.basis,
      openedAt: visit.enteredAt,
      openedBy: visit.enteredBy.ref,
      metBy: met?.ref ?? null,
      metAt: met?.decidedAt ?? null,
      breachedBy: [...visit.deadline.by],
      status: met ? (breached ? 'met_late' : 'met') : breached ? 'breached' : 'open',
    });
  }
  return duties;
}

/** Rows per workflow run, each in recorded order; runs in the order they started. */
function groupRuns(decisions: readonly LedgerDecision[]): LedgerDecision[][] {
  const runs = new Map<string, LedgerDecision[]>();
  for (const d of decisions) {
    const key = `${d.workflowId}\u0000${d.runId ?? ''}`;
    const list = runs.get(key) ?? [];
    list.push(d);
    runs.set(key, list);
  }
  return [...runs.values()]
    .map((run) => [...run].sort((a, b) => a.sequence - b.sequence))
    .sort((a, b) => Date.parse(a[0].decidedAt) - Date.parse(b[0].decidedAt));
}

function walkRun(
  sop: Readonly<SopDefinition>,
  run: LedgerDecision[],
  isChild: boolean,
  now: Date,
  steps: StepVisit[],
  violations: ConformanceViolation[],
): void {
  let visit: StepVisit | null = null;
  let previousSequence = 0;

  const open = (step: SopStep, check: DecisionCheck, at: string): StepVisit => {
    const v: StepVisit = {
      workflowId: check.workflowId,
      sop: { id: sop.id, version: sop.version },
      step: step.id,
      label: step.label,
      enteredAt: at,
      enteredBy: check,
      leftAt: null,
      leftBy: null,
      durationMs: 0,
      within: [],
      deadline: { defined: step.deadline !== undefined, breached: false, by: [] },
    };
    steps.push(v);
    return v;
  };

  for (const d of run) {
    if (d.sequence !== previousSequence + 1) {
      violations.push(
        violation('out_of_sequence', d, d.stepBefore, {
          id: `Urutan keputusan terputus: nomor ${d.sequence} setelah ${previousSequence}`,
          en: `The decision sequence has a gap: number ${d.sequence} after ${previousSequence}`,
        }),
      );
    }
    previousSequence = d.sequence;
    if (!sameSop(d.sop, sop)) {
      violations.push(
        violation('sop_version_changed', d, d.stepBefore, {
          id: `Keputusan tercatat dengan SOP ${d.sop.id}@${d.sop.version}, padahal alur ini berjalan dengan ${sop.id}@${sop.version}`,
          en: `The decision is recorded under SOP ${d.sop.id}@${d.sop.version} while this workflow runs under ${sop.id}@${sop.version}`,
        }),
      );
    }

    if (!visit) {
      const check = checkStart(sop, d, isChild, violations);
      const step = sop.steps.find((s) => s.id === d.stepAfter);
      if (!step) {
        violations.push(unknownStep(d, d.stepAfter));
        return;
      }
      visit = open(step, check, d.decidedAt);
      continue;
    }

    if (d.stepBefore !== visit.step) {
      violations.push(
        violation('out_of_sequence', d, d.stepBefore, {
          id: `Keputusan "${d.decision}" tercatat dari tahap "${d.stepBefore ?? '-'}", padahal kasus berada di tahap "${visit.step}"`,
          en: `Decision "${d.decision}" is recorded from step "${d.stepBefore ?? '-'}" while the case was at step "${visit.step}"`,
        }),
      );
    }
    const from = sop.steps.find((s) => s.id === visit!.step)!;
    const check = checkDecision(sop, from, d, violations);
    if (check.kind === 'deadline') {
      visit.deadline.breached = true;
      visit.deadline.by.push(check.ref);
      violations.push(
        violation('deadline_breached', d, from.id, {
          id: `Batas waktu tahap "${from.label.id}" terlampaui (${d.decision})`,
          en: `The deadline of step "${from.label.en}" was breached (${d.decision})`,
        }),
      );
    }
    if (d.stepAfter === visit.step) {
      visit.within.push(check);
      continue;
    }
    const next = sop.steps.find((s) => s.id === d.stepAfter);
    visit.leftAt = d.decidedAt;
    visit.leftBy = check;
    visit.durationMs = Date.parse(d.decidedAt) - Date.parse(visit.enteredAt);
    if (!next) {
      violations.push(unknownStep(d, d.stepAfter));
      return;
    }
    visit = open(next, check, d.decidedAt);
  }

  if (visit && !visit.leftAt) {
    const terminal = sop.steps.find((s) => s.id === visit!.step)?.terminal ?? false;
    visit.durationMs = terminal ? 0 : Math.max(0, now.getTime() - Date.parse(visit.enteredAt));
  }
}

function checkStart(sop: Readonly<SopDefinition>, d: LedgerDecision, isChild: boolean, violations: ConformanceViolation[]): DecisionCheck {
  // A run an approved SOP migration, or a long history, started opens at a running step (sop-migration.ts).
  const linked = isChild ? null : checkLinkedRunStart(sop, d);
  if (linked) {
    if (!linked.ok) violations.push(violation('start_not_allowed', d, d.stepBefore, linked.rule));
    return base(d, 'start', linked.ok, linked.roleAllowed, false);
  }
  const isStart = d.stepBefore === null && d.decision === sop.startDecision.decision && d.stepAfter === sop.initialStep;
  // A child workflow is opened by its parent, so the system records its start.
  const roleAllowed = (sop.startDecision.roles as readonly string[]).includes(d.actorRole) || (isChild && d.actorRole === SYSTEM_ROLE);
  const check = base(d, 'start', isStart, roleAllowed, false);
  if (!isStart) {
    violations.push(
      violation('start_not_allowed', d, d.stepBefore, {
        id: `Kasus harus dibuka dengan "${sop.startDecision.decision}" ke tahap "${sop.initialStep}", bukan "${d.decision}" ke "${d.stepAfter}"`,
        en: `The case must open with "${sop.startDecision.decision}" into step "${sop.initialStep}", not "${d.decision}" into "${d.stepAfter}"`,
      }),
    );
  } else if (!roleAllowed) {
    violations.push(roleViolation(d, 'start', sop.startDecision.roles));
  }
  return check;
}

function checkDecision(sop: Readonly<SopDefinition>, from: SopStep, d: LedgerDecision, violations: ConformanceViolation[]): DecisionCheck {
  const isSystem = d.actorRole === SYSTEM_ROLE;
  const transition = from.transitions.find((t) => t.decision === d.decision && t.to === d.stepAfter);
  if (transition) {
    const roleAllowed = (transition.roles as readonly string[]).includes(d.actorRole);
    const evidenceRequired = transition.requires.includes('evidence');
    if (!roleAllowed) violations.push(roleViolation(d, from.id, transition.roles));
    if (evidenceRequired && d.evidenceCount === 0) {
      violations.push(
        violation('evidence_missing', d, from.id, {
          id: `Keputusan "${d.decision}" pada tahap "${from.label.id}" wajib disertai bukti, tetapi tidak ada bukti tercatat`,
          en: `Decision "${d.decision}" at step "${from.label.en}" requires evidence, but none is recorded`,
        }),
      );
    }
    return base(d, 'transition', true, roleAllowed, evidenceRequired);
  }
  if (isSystem && from.auto?.some((a) => a.decision === d.decision && a.to === d.stepAfter)) {
    return base(d, 'auto', true, true, false);
  }
  if (isSystem && isDeadlineDecision(d.decision)) {
    const closes = from.deadline?.onExpiry === 'close' && from.deadline.closeTo === d.stepAfter;
    const allowed = from.deadline !== undefined && (d.decision === 'deadline_expired' ? closes : d.stepAfter === from.id);
    if (!allowed) violations.push(notAllowed(d, from));
    return base(d, 'deadline', allowed, true, false);
  }
  if (isSystem && d.stepAfter === from.id && !from.transitions.some((t) => t.decision === d.decision)) {
    return base(d, 'note', true, true, false);
  }
  // The four-eyes steps of an SOP migration are an administrator's records that leave the step as it is.
  if (MIGRATION_NOTES.includes(d.decision) && d.stepAfter === from.id) {
    const roleAllowed = d.actorRole === 'admin';
    if (!roleAllowed) violations.push(roleViolation(d, from.id, ['admin']));
    return base(d, 'note', true, roleAllowed, d.decision === MIGRATION_DECISIONS.requested);
  }
  // An attempt a guarding rule refused is recorded under the person who tried, and leaves the step as it is.
  if (d.decision === BLOCKED_ATTEMPT && d.stepAfter === from.id) {
    const attempted = from.transitions.filter((t) => t.decision === d.payload.attempted && t.guard !== undefined);
    const roleAllowed = attempted.some((t) => (t.roles as readonly string[]).includes(d.actorRole));
    if (attempted.length === 0) violations.push(notAllowed(d, from));
    else if (!roleAllowed) violations.push(roleViolation(d, from.id, attempted[0].roles));
    return base(d, 'note', attempted.length > 0, roleAllowed, false);
  }
  if (d.decision === PAGE_ADDED && d.stepAfter === from.id && from.id === sop.initialStep) {
    const roleAllowed = (sop.startDecision.roles as readonly string[]).includes(d.actorRole);
    if (!roleAllowed) violations.push(roleViolation(d, from.id, sop.startDecision.roles));
    return base(d, 'note', true, roleAllowed, false);
  }
  const named = from.transitions.find((t) => t.decision === d.decision);
  violations.push(notAllowed(d, from));
  return base(d, 'unknown', false, named !== undefined && (named.roles as readonly string[]).includes(d.actorRole), false);
}

const base = (d: LedgerDecision, kind: DecisionKind, allowed: boolean, roleAllowed: boolean, evidenceRequired: boolean): DecisionCheck => ({
  ref: refOf(d),
  workflowId: d.workflowId,
  sequence: d.sequence,
  decision: d.decision,
  actorRole: d.actorRole,
  decidedAt: d.decidedAt,
  kind,
  allowed,
  roleAllowed,
  evidenceRequired,
  evidenceAttached: d.evidenceCount > 0,
});

const violation = (rule: ConformanceRule, d: LedgerDecision, step: string | null, detail: LocalizedText): ConformanceViolation => ({
  rule,
  decision: refOf(d),
  workflowId: d.workflowId,
  step,
  detail,
});

const notAllowed = (d: LedgerDecision, from: SopStep): ConformanceViolation => {
  const list = (system: string): string => {
    const all = [
      ...from.transitions.map((t) => `${t.decision}→${t.to}`),
      ...(from.auto ?? []).map((a) => `${a.decision}→${a.to} (${system})`),
    ];
    return all.length > 0 ? all.join(', ') : '-';
  };
  return violation('transition_not_allowed', d, from.id, {
    id: `SOP tidak mengizinkan "${d.decision}" dari tahap "${from.label.id}" ke "${d.stepAfter}"; yang diizinkan: ${list('sistem')}`,
    en: `The SOP does not allow "${d.decision}" from step "${from.label.en}" to "${d.stepAfter}"; allowed: ${list('system')}`,
  });
};

const roleViolation = (d: LedgerDecision, step: string, roles: readonly string[]): ConformanceViolation =>
  violation('role_not_allowed', d, step, {
    id: `Peran "${d.actorRole}" tidak berwenang mengambil keputusan "${d.decision}" (peran yang berwenang: ${roles.join(', ')})`,
    en: `Role "${d.actorRole}" may not take decision "${d.decision}" (roles allowed: ${roles.join(', ')})`,
  });

const unknownStep = (d: LedgerDecision, step: string): ConformanceViolation =>
  violation('transition_not_allowed', d, d.stepBefore, {
    id: `Tahap "${step}" tidak ada dalam SOP ${d.sop.id}@${d.sop.version}`,
    en: `Step "${step}" does not exist in SOP ${d.sop.id}@${d.sop.version}`,
  });
