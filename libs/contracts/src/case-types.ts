import { HISTORY_ARCHIVE_SWEEP_WORKFLOW_TYPE } from './archive.contract';
import type { QueryDefinition, UpdateDefinition } from '@temporalio/common';
import { DECREE_KINDS, MOVE_SOPS, type DecreeKind, type FillingMethod } from '@meritflow/domain';
import type { CaseStateBase } from './case-state';
import {
  DISCIPLINE_CASE_TYPE,
  DISCIPLINE_WORKFLOW_ID_PATTERN,
  DISCIPLINE_WORKFLOW_TYPE,
  disciplineDecideUpdate,
  disciplineStateQuery,
} from './discipline.contract';
import {
  BULK_MEMBER_WORKFLOW_TYPE,
  BULK_MOVE_CASE_TYPE,
  BULK_MOVE_WORKFLOW_ID_PATTERN,
  BULK_MOVE_WORKFLOW_TYPE,
  BULK_PART_WORKFLOW_TYPE,
  bulkMoveDecideUpdate,
  bulkMoveStateQuery,
  MOVE_CASE_TYPE,
  MOVE_WORKFLOW_ID_PATTERN,
  MOVE_WORKFLOW_TYPE,
  moveDecideUpdate,
  moveStateQuery,
  type MoveState,
} from './move.contract';
import {
  APPOINTMENT_WORKFLOW_TYPE,
  ASSESSMENT_WORKFLOW_TYPE,
  COMMITTEE_REVIEW_WORKFLOW_TYPE,
  SELECTION_CASE_TYPE,
  SELECTION_WORKFLOW_ID_PATTERN,
  SELECTION_WORKFLOW_TYPE,
  selectionDecideUpdate,
  selectionStateQuery,
} from './selection.contract';
import {
  TALENT_REVIEW_CASE_TYPE,
  TALENT_REVIEW_WORKFLOW_ID_PATTERN,
  TALENT_REVIEW_WORKFLOW_TYPE,
  talentReviewDecideUpdate,
  talentReviewStateQuery,
} from './talent-review.contract';
import {
  VACANCY_CASE_TYPE,
  VACANCY_WORKFLOW_ID_PATTERN,
  VACANCY_WORKFLOW_TYPE,
  vacancyDecideUpdate,
  vacancyStateQuery,
} from './vacancy.contract';

export interface CaseTypeLabel {
  id: string;
  en: string;
}

/** A workflow a case starts as part of itself (an assessment, a bulk move's member). */
export interface ChildCaseType {
  workflowType: string;
  /** The id segment after the root id: `<root>:<segment>[:<key>]`. */
  segment: string;
  idPattern: RegExp;
  sopIds: readonly string[];
  label: CaseTypeLabel;
}

/** A task to start another case, which the case waits for at a step where it takes no decision itself. */
export interface FollowUpTask {
  /** The task's code (a label in the console's dictionary), e.g. open_selection. */
  decision: string;
  /** The case type the task starts. */
  startsCaseType: string;
  /** Decisions of this case that settle the task instead (closing the vacancy). */
  alternatives?: readonly string[];
}

/**
 * Who must start the next case when one step of this case is done: at `step`, `role` gets the task
 * that the value of the state field at `by` selects. The task stays until a case that fills this one
 * is running (the ledger's link back to it) or the case moves on.
 */
export interface FollowUp {
  step: string;
  role: string;
  by: readonly string[];
  tasks: Readonly<Record<string, FollowUpTask>>;
}

/** One case type: everything the API, the audit tools and the console need to know about it. */
export interface CaseTypeEntry<S extends CaseStateBase = CaseStateBase> {
  type: string;
  idPattern: RegExp;
  /** The id's shape, for 400 messages. */
  idShape: CaseTypeLabel;
  workflowType: string;
  /** Every SOP id the case may pin (any version). */
  sopIds: readonly string[];
  /**
   * The case's state. The case's workflow also returns this query's answer as its result when it
   * completes, so the API reads a completed case's state from the result (WorkflowGateway.query).
   */
  stateQuery: QueryDefinition<S, []>;
  decideUpdate: UpdateDefinition<unknown, [never]>;
  childTypes: readonly ChildCaseType[];
  label: CaseTypeLabel;
  /** The API collection serving the case (`/api/v1/<resource>/<id>`). */
  resource: string;
  /** Decisions that are a way out rather than the next step: on their own they make no inbox task. */
  sideDecisions: readonly string[];
  /** Agencies besides the owner (the agency in the id) that reach the case, read from its state. */
  alsoReachedBy?: (state: S) => readonly string[];
  /** The same, as a path into the case read model's `details` (for lists and the inbox, which read no state). */
  alsoReachedByDetails?: readonly string[];
  /** Steps that wait for another case to be started (see FollowUp); read by the inbox. */
  followUps?: readonly FollowUp[];
  /** The workflow registers sopMigrationUpdate: administrators may keep or migrate its running cases. */
  acceptsSopMigration?: boolean;
  /**
   * The decree (SK) family that settles the case, which meritflow drafts (POST …/decree); null when no
   * decree does. A move names `move`: its talent promotions take the talent_promotion template. Whether
   * a selection's chain ends in a Keppres instead is SOP data (decreeInstrumentOf).
   */
  decree: DecreeKind | null;
}

const CODE = '[A-Z0-9][A-Z0-9._-]{0,63}';
const NIP = '\\d{18}';
/** `<root id>:<segment>[:<key>]`, anchored, for a root id pattern `^…$`. */
const childPattern = (root: RegExp, segment: string, key: string | null): RegExp =>
  new RegExp(`^${root.source.slice(1, -1)}:${segment}${key === null ? '' : `:${key}`}$`);

const entry = <S extends CaseStateBase>(e: CaseTypeEntry<S>): CaseTypeEntry =>
  Object.freeze({
    ...e,
    sopIds: Object.freeze([...e.sopIds]),
    childTypes: Object.freeze(e.childTypes.map((c) => Object.freeze({ ...c }))),
  }) as unknown as CaseTypeEntry;

/**
 * Every case type, once. The case list and its filters, the inbox, scope checks, dossiers, replay and
 * export, conformance and the console read this; a workflow type the contracts export without an
 * entry here (as a root or a child) fails case-types.spec.ts.
 */
export const CASE_TYPES = Object.freeze({
  [VACANCY_CASE_TYPE]: entry({
    type: VACANCY_CASE_TYPE,
    idPattern: VACANCY_WORKFLOW_ID_PATTERN,
    idShape: { id: 'vacancy:<KODE-INSTANSI>:<KODE-JABATAN>', en: 'vacancy:<AGENCY-CODE>:<POSITION-CODE>' },
    workflowType: VACANCY_WORKFLOW_TYPE,
    sopIds: ['vacancy'],
    stateQuery: vacancyStateQuery,
    decideUpdate: vacancyDecideUpdate as UpdateDefinition<unknown, [never]>,
    childTypes: [],
    label: { id: 'Usulan lowongan jabatan', en: 'Vacancy' },
    resource: 'vacancies',
    decree: null,
    sideDecisions: ['withdraw', 'close'],
    // After the PPK approves, HR opens the case that fills the post by the approved method.
    followUps: [
      {
        step: 'approved',
        role: 'hr_officer',
        by: ['approvedFillingMethod'],
        tasks: {
          open_selection: { decision: 'open_selection', startsCaseType: SELECTION_CASE_TYPE, alternatives: ['close'] },
          talent_pool: { decision: 'propose_talent_move', startsCaseType: MOVE_CASE_TYPE, alternatives: ['close'] },
          // A mutation names no vacancy, so the ledger cannot tell it filled this one: only closing the vacancy settles it.
          mutation_rotation: { decision: 'propose_move', startsCaseType: MOVE_CASE_TYPE, alternatives: ['close'] },
        } satisfies Record<FillingMethod, FollowUpTask>,
      },
    ],
    acceptsSopMigration: true,
  }),
  [SELECTION_CASE_TYPE]: entry({
    type: SELECTION_CASE_TYPE,
    idPattern: SELECTION_WORKFLOW_ID_PATTERN,
    idShape: { id: 'open-selection:<KODE-INSTANSI>:<KODE-SELEKSI>', en: 'open-selection:<AGENCY-CODE>:<SELECTION-CODE>' },
    workflowType: SELECTION_WORKFLOW_TYPE,
    sopIds: ['open-selection'],
    stateQuery: selectionStateQuery,
    decideUpdate: selectionDecideUpdate as UpdateDefinition<unknown, [never]>,
    childTypes: [
      {
        workflowType: ASSESSMENT_WORKFLOW_TYPE,
        segment: 'assessment',
        idPattern: childPattern(SELECTION_WORKFLOW_ID_PATTERN, 'assessment', NIP),
        sopIds: ['assessment'],
        label: { id: 'uji kompetensi', en: 'assessment' },
      },
      {
        workflowType: COMMITTEE_REVIEW_WORKFLOW_TYPE,
        segment: 'committee-review',
        idPattern: childPattern(SELECTION_WORKFLOW_ID_PATTERN, 'committee-review', null),
        sopIds: ['committee-review'],
        label: { id: 'penilaian pansel', en: 'committee review' },
      },
      {
        workflowType: APPOINTMENT_WORKFLOW_TYPE,
        segment: 'appointment',
        idPattern: childPattern(SELECTION_WORKFLOW_ID_PATTERN, 'appointment', CODE),
        sopIds: ['appointment'],
        label: { id: 'pengangkatan', en: 'appointment' },
      },
    ],
    label: { id: 'Seleksi terbuka JPT', en: 'Open selection' },
    resource: 'selections',
    decree: 'selection_appointment',
    sideDecisions: ['cancel_selection'],
    acceptsSopMigration: true,
  }),
  [MOVE_CASE_TYPE]: entry<MoveState>({
    type: MOVE_CASE_TYPE,
    idPattern: MOVE_WORKFLOW_ID_PATTERN,
    idShape: { id: 'move:<KODE-INSTANSI>:<NIP>', en: 'move:<AGENCY-CODE>:<NIP>' },
    workflowType: MOVE_WORKFLOW_TYPE,
    sopIds: MOVE_SOPS.map((s) => s.id),
    stateQuery: moveStateQuery,
    decideUpdate: moveDecideUpdate as UpdateDefinition<unknown, [never]>,
    childTypes: [],
    label: { id: 'Mutasi, rotasi atau promosi talenta', en: 'Move (mutation, rotation, talent promotion)' },
    resource: 'moves',
    decree: 'move',
    sideDecisions: ['withdraw', 'override'],
    acceptsSopMigration: true,
    // The agency the person leaves releases them, so it reaches the move too.
    alsoReachedBy: (s) => [s.move.from.agencyCode],
    alsoReachedByDetails: ['from', 'agencyCode'],
  }),
  [BULK_MOVE_CASE_TYPE]: entry({
    type: BULK_MOVE_CASE_TYPE,
    idPattern: BULK_MOVE_WORKFLOW_ID_PATTERN,
    idShape: { id: 'bulk-move:<KODE-INSTANSI>:<KODE-SK>', en: 'bulk-move:<AGENCY-CODE>:<BATCH-CODE>' },
    workflowType: BULK_MOVE_WORKFLOW_TYPE,
    sopIds: ['bulk-move'],
    stateQuery: bulkMoveStateQuery,
    decideUpdate: bulkMoveDecideUpdate as UpdateDefinition<unknown, [never]>,
    childTypes: [
      {
        workflowType: BULK_MEMBER_WORKFLOW_TYPE,
        segment: 'member',
        idPattern: childPattern(BULK_MOVE_WORKFLOW_ID_PATTERN, 'member', NIP),
        sopIds: ['bulk-member'],
        label: { id: 'pegawai', en: 'member' },
      },
    ],
    label: { id: 'Mutasi/rotasi massal (SK kolektif)', en: 'Bulk move (collective decree)' },
    resource: 'bulk-moves',
    decree: 'bulk_move',
    sideDecisions: [],
  }),
  [DISCIPLINE_CASE_TYPE]: entry({
    type: DISCIPLINE_CASE_TYPE,
    idPattern: DISCIPLINE_WORKFLOW_ID_PATTERN,
    idShape: { id: 'discipline:<KODE-INSTANSI>:<KODE-KASUS>', en: 'discipline:<AGENCY-CODE>:<CASE-CODE>' },
    workflowType: DISCIPLINE_WORKFLOW_TYPE,
    sopIds: ['discipline'],
    stateQuery: disciplineStateQuery,
    decideUpdate: disciplineDecideUpdate as UpdateDefinition<unknown, [never]>,
    childTypes: [],
    label: { id: 'Hukuman disiplin PNS', en: 'Civil-servant discipline' },
    resource: 'discipline-cases',
    decree: 'discipline',
    sideDecisions: ['close_case', 'no_violation'],
  }),
  [TALENT_REVIEW_CASE_TYPE]: entry({
    type: TALENT_REVIEW_CASE_TYPE,
    idPattern: TALENT_REVIEW_WORKFLOW_ID_PATTERN,
    idShape: { id: 'talent-review:<KODE-INSTANSI>:<PERIODE>', en: 'talent-review:<AGENCY-CODE>:<PERIOD>' },
    workflowType: TALENT_REVIEW_WORKFLOW_TYPE,
    sopIds: ['talent-review'],
    stateQuery: talentReviewStateQuery,
    decideUpdate: talentReviewDecideUpdate as UpdateDefinition<unknown, [never]>,
    childTypes: [],
    label: { id: 'Reviu talenta dan kelompok rencana suksesi', en: 'Talent review and talent pool' },
    resource: 'talent-reviews',
    decree: null,
    // Adjustments are the committee's work within the step, not a task of their own.
    sideDecisions: ['withdraw', 'adjust_placement'],
  }),
});

export type CaseType = keyof typeof CASE_TYPES;
export const CASE_TYPE_LIST: readonly CaseTypeEntry[] = Object.freeze(Object.values(CASE_TYPES));
/** The case types a case list, a filter or a path parameter accepts (children belong to their root). */
export const ROOT_CASE_TYPES: readonly string[] = Object.freeze(CASE_TYPE_LIST.map((e) => e.type));

/** The entry of a case type by name; undefined for anything else. */
export const caseTypeEntry = (type: string): CaseTypeEntry | undefined =>
  Object.prototype.hasOwnProperty.call(CASE_TYPES, type) ? (CASE_TYPES as Record<string, CaseTypeEntry>)[type] : undefined;

/** Whether `queryName` is the state query of the root case `workflowId`, whose result is that query's final answer. */
export const isRootStateQuery = (workflowId: string, queryName: string): boolean =>
  CASE_TYPE_LIST.some((e) => e.stateQuery.name === queryName && e.idPattern.test(workflowId));

/** Whether `id` is a root case id of any type. */
export const isRootCaseId = (id: string): boolean => CASE_TYPE_LIST.some((e) => e.idPattern.test(id));

/** The type of the case `id` names, itself or as one of its child workflows; null otherwise. */
export function caseTypeOfId(id: string): CaseTypeEntry | null {
  const root = CASE_TYPE_LIST.find((e) => e.idPattern.test(id));
  if (root) return root;
  return CASE_TYPE_LIST.find((e) => e.childTypes.some((c) => c.idPattern.test(id))) ?? null;
}

/** The child type of a child workflow id; null for a root id or anything else. */
export function childTypeOfId(id: string): ChildCaseType | null {
  for (const e of CASE_TYPE_LIST) {
    const child = e.childTypes.find((c) => c.idPattern.test(id));
    if (child) return child;
  }
  return null;
}

/** Every root id shape, for a 400 that must name what a case id may look like. */
export const CASE_ID_SHAPES: CaseTypeLabel = Object.freeze({
  id: CASE_TYPE_LIST.map((e) => e.idShape.id).join(' atau '),
  en: CASE_TYPE_LIST.map((e) => e.idShape.en).join(' or '),
});

/**
 * Workflow types that run the system rather than a personnel action, and record nothing in the ledger:
 * the archive sweep, and the parts that carry a bulk move's pages of people. Never cases.
 */
export const SYSTEM_WORKFLOW_TYPES: readonly string[] = Object.freeze([HISTORY_ARCHIVE_SWEEP_WORKFLOW_TYPE, BULK_PART_WORKFLOW_TYPE]);

/** Every workflow type the registry knows, roots and children. */
export const REGISTERED_WORKFLOW_TYPES: readonly string[] = Object.freeze(
  CASE_TYPE_LIST.flatMap((e) => [e.workflowType, ...e.childTypes.map((c) => c.workflowType)]),
);

/** What is missing from an entry; empty when it is complete. The spec holds every entry to this. */
export function caseTypeIssues(e: Partial<CaseTypeEntry>, knownSopIds: readonly string[]): string[] {
  const issues: string[] = [];
  const text = (l: CaseTypeLabel | undefined) =>
    !!l && typeof l.id === 'string' && l.id.length > 0 && typeof l.en === 'string' && l.en.length > 0;
  const name = e.type ?? '(no type)';
  if (!e.type) issues.push(`${name}: type`);
  if (!(e.idPattern instanceof RegExp) || !e.idPattern.source.startsWith('^') || !e.idPattern.source.endsWith('$'))
    issues.push(`${name}: idPattern (anchored)`);
  else if (e.type && !e.idPattern.source.startsWith(`^${e.type}:`)) issues.push(`${name}: idPattern must start with the type`);
  if (!text(e.idShape)) issues.push(`${name}: idShape`);
  if (!e.workflowType) issues.push(`${name}: workflowType`);
  if (!e.sopIds || e.sopIds.length === 0) issues.push(`${name}: sopIds`);
  for (const id of e.sopIds ?? []) if (!knownSopIds.includes(id)) issues.push(`${name}: unknown SOP ${id}`);
  if (!e.stateQuery?.name) issues.push(`${name}: stateQuery`);
  if (!e.decideUpdate?.name) issues.push(`${name}: decideUpdate`);
  if (!Array.isArray(e.childTypes)) issues.push(`${name}: childTypes`);
  for (const c of e.childTypes ?? []) {
    if (!c.workflowType || !c.segment || !(c.idPattern instanceof RegExp) || !text(c.label) || c.sopIds.length === 0)
      issues.push(`${name}: child ${c.workflowType || '?'} incomplete`);
    for (const id of c.sopIds) if (!knownSopIds.includes(id)) issues.push(`${name}: child ${c.workflowType}: unknown SOP ${id}`);
  }
  if (!text(e.label)) issues.push(`${name}: label`);
  if (!e.resource) issues.push(`${name}: resource`);
  if (!Array.isArray(e.sideDecisions)) issues.push(`${name}: sideDecisions`);
  if (e.decree === undefined || (e.decree !== null && !DECREE_KINDS.includes(e.decree))) issues.push(`${name}: decree`);
  return issues;
}
