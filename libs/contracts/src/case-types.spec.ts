import { listSops } from '@meritflow/domain';
import * as contracts from '.';
import * as workflows from '@meritflow/workflows';
import {
  CASE_ID_SHAPES,
  CASE_TYPES,
  CASE_TYPE_LIST,
  REGISTERED_WORKFLOW_TYPES,
  SYSTEM_WORKFLOW_TYPES,
  ROOT_CASE_TYPES,
  caseTypeIssues,
  caseTypeOfId,
  childTypeOfId,
  isRootCaseId,
  type CaseTypeEntry,
} from './case-types';

const SOP_IDS = [...new Set(listSops().map((s) => s.id))];
/** Every `*_WORKFLOW_TYPE` constant the contracts export. */
const EXPORTED_WORKFLOW_TYPES = Object.entries(contracts)
  .filter(([name, value]) => name.endsWith('_WORKFLOW_TYPE') && typeof value === 'string')
  .map(([, value]) => value as string);

describe('the case-type registry', () => {
  it.each(CASE_TYPE_LIST.map((e) => [e.type, e] as const))('holds a complete entry for %s', (_type, e) => {
    expect(caseTypeIssues(e, SOP_IDS)).toEqual([]);
    expect(Object.isFrozen(e)).toBe(true);
  });

  it('finds what is missing from an incomplete entry', () => {
    const { label: _label, stateQuery: _query, ...partial } = CASE_TYPES.move;
    const broken: Partial<CaseTypeEntry> = { ...partial, sopIds: ['no-such-sop'] };
    expect(caseTypeIssues(broken, SOP_IDS)).toEqual(['move: unknown SOP no-such-sop', 'move: stateQuery', 'move: label']);
  });

  it('holds an entry without its decree setting (or with an unknown decree kind) incomplete', () => {
    const { decree: _decree, ...withoutDecree } = CASE_TYPES.discipline;
    expect(caseTypeIssues(withoutDecree, SOP_IDS)).toEqual(['discipline: decree']);
    expect(caseTypeIssues({ ...CASE_TYPES.discipline, decree: 'keppres' as never }, SOP_IDS)).toEqual(['discipline: decree']);
    expect(caseTypeIssues({ ...CASE_TYPES.vacancy, decree: null }, SOP_IDS)).toEqual([]);
  });

  it('has an entry, as a root or a child, for every workflow type the contracts export and the worker registers', () => {
    expect(EXPORTED_WORKFLOW_TYPES.length).toBeGreaterThanOrEqual(8);
    const isCase = (t: string) => !SYSTEM_WORKFLOW_TYPES.includes(t);
    expect(EXPORTED_WORKFLOW_TYPES.filter(isCase).filter((t) => !REGISTERED_WORKFLOW_TYPES.includes(t))).toEqual([]);
    const registered = Object.keys(workflows).filter(isCase);
    expect(registered.filter((t) => !REGISTERED_WORKFLOW_TYPES.includes(t))).toEqual([]);
    expect(REGISTERED_WORKFLOW_TYPES.filter((t) => !registered.includes(t))).toEqual([]);
  });

  it('keeps the system workflows (the archive sweep, a bulk move’s parts) apart from the cases', () => {
    expect(SYSTEM_WORKFLOW_TYPES).toEqual(['historyArchiveSweepWorkflow', 'bulkMovePartWorkflow']);
    expect(SYSTEM_WORKFLOW_TYPES.filter((t) => REGISTERED_WORKFLOW_TYPES.includes(t))).toEqual([]);
    expect(SYSTEM_WORKFLOW_TYPES.every((t) => Object.keys(workflows).includes(t))).toBe(true);
  });

  it('claims every SOP id for exactly one case type or child', () => {
    const claimed = CASE_TYPE_LIST.flatMap((e) => [...e.sopIds, ...e.childTypes.flatMap((c) => c.sopIds)]);
    expect([...claimed].sort()).toEqual([...SOP_IDS].sort());
  });

  it('lists the five root case types', () => {
    expect(ROOT_CASE_TYPES).toEqual(['vacancy', 'open-selection', 'move', 'bulk-move', 'discipline', 'talent-review']);
    expect(CASE_ID_SHAPES.en).toBe(
      'vacancy:<AGENCY-CODE>:<POSITION-CODE> or open-selection:<AGENCY-CODE>:<SELECTION-CODE> or move:<AGENCY-CODE>:<NIP> or bulk-move:<AGENCY-CODE>:<BATCH-CODE> or discipline:<AGENCY-CODE>:<CASE-CODE> or talent-review:<AGENCY-CODE>:<PERIOD>',
    );
  });

  it.each([
    ['vacancy:PEMKAB-A:KADIS-1', 'vacancy', true, null],
    ['open-selection:PEMKAB-A:SEL-1', 'open-selection', true, null],
    ['open-selection:PEMKAB-A:SEL-1:assessment:197804122003031001', 'open-selection', false, 'assessmentWorkflow'],
    ['open-selection:PEMKAB-A:SEL-1:committee-review', 'open-selection', false, 'committeeReviewWorkflow'],
    ['open-selection:PEMKAB-A:SEL-1:appointment:KADIS-1', 'open-selection', false, 'appointmentWorkflow'],
    ['move:PEMKAB-A:198203042008011001', 'move', true, null],
    ['bulk-move:PEMKAB-A:SK-1', 'bulk-move', true, null],
    ['bulk-move:PEMKAB-A:SK-1:member:198203042008011001', 'bulk-move', false, 'bulkMemberWorkflow'],
    ['discipline:PEMKAB-A:HD-2026-001', 'discipline', true, null],
    ['talent-review:PEMKAB-A:2026', 'talent-review', true, null],
    ['talent-review:PEMKAB-A:2026-S2', 'talent-review', true, null],
  ])('reads %s as a %s case (root: %s, child type: %s)', (id, type, root, child) => {
    expect(caseTypeOfId(id)?.type).toBe(type);
    expect(isRootCaseId(id)).toBe(root);
    expect(childTypeOfId(id)?.workflowType ?? null).toBe(child);
  });

  it.each([
    'move:PEMKAB-A:123',
    'open-selection:PEMKAB-A:SEL-1:assessment:x',
    'bulk-move:A:B:member:1',
    'selection:A:B',
    'talent-review:PEMKAB-A:26',
    '',
  ])('names no case for %p', (id) => {
    expect(caseTypeOfId(id)).toBeNull();
    expect(isRootCaseId(id)).toBe(false);
  });
});
