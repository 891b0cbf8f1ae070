import { listSopMigrations } from '@meritflow/domain';
import * as workflows from '@meritflow/workflows';
import { CASE_TYPE_LIST } from './case-types';

const migratable = CASE_TYPE_LIST.filter((e) => e.acceptsSopMigration);

describe('case types that accept SOP migration', () => {
  it('include vacancies, moves and the open selection', () => {
    expect(migratable.map((e) => e.type).sort()).toEqual(['move', 'open-selection', 'vacancy']);
  });

  it.each(migratable.map((e) => [e.type, e] as const))('%s has a mapping for every SOP it may pin', (_, e) => {
    for (const sopId of e.sopIds) expect(listSopMigrations().some((m) => m.sopId === sopId && !m.testOnly)).toBe(true);
  });

  it.each(migratable.map((e) => [e.type, e] as const))(
    '%s: its workflow registers the migration update, resumes a migrated run and continues as new',
    (_, e) => {
      const fn = (workflows as unknown as Record<string, (...a: unknown[]) => unknown>)[e.workflowType];
      expect(typeof fn).toBe('function');
      const source = fn.toString();
      for (const call of ['acceptMigrations', 'resumeFrom', 'continueAsNew', 'migration']) expect(source).toContain(call);
    },
  );
});
