import { getSop } from '../sop/sop-registry';
import { checkConformance } from './conformance';
import { VACANCY, NOW, rows, vacancySop, propose, approve, type Row } from './conformance.fixture';

describe('checkConformance across an SOP migration', () => {
  const v11 = { id: 'vacancy', version: '1.1.0' };
  const asked: Row = {
    decision: 'sop_migration_requested',
    stepBefore: 'awaiting_ppk_decision',
    stepAfter: 'awaiting_ppk_decision',
    actorRole: 'admin',
  };
  const approved: Row = { ...asked, decision: 'sop_migration_approved' };
  const migrated = (over: Partial<Row> = {}): Row => ({
    decision: 'sop_migrated',
    stepBefore: 'awaiting_ppk_decision',
    stepAfter: 'awaiting_ppk_decision',
    actorRole: 'admin',
    payload: { from: { runId: 'run-1' } },
    ...over,
  });
  const filled: Row = { decision: 'filled', stepBefore: 'approved', stepAfter: 'filled', actorRole: 'system' };
  const ledger = (second: Row[]) => [
    ...rows(VACANCY, vacancySop, [propose, asked, approved]).map((r) => ({ ...r, runId: 'run-1' })),
    ...rows(VACANCY, v11, second, VACANCY, 5).map((r) => ({ ...r, runId: 'run-2' })),
  ];

  it('finds a vacancy migrated from 1.0.0 to 1.1.0 under four eyes, then filled, conforming', () => {
    const report = checkConformance(getSop(v11), ledger([migrated(), approve, filled]), NOW);
    expect(report.violations).toEqual([]);
    expect(report.steps.map((s) => `${s.sop.version}:${s.step}`)).toEqual([
      '1.0.0:awaiting_ppk_decision',
      '1.1.0:awaiting_ppk_decision',
      '1.1.0:approved',
      '1.1.0:filled',
    ]);
  });

  it.each<{ name: string; second: Row[]; rules: string[] }>([
    { name: 'a migration recorded by HR', second: [migrated({ actorRole: 'hr_officer' }), approve], rules: ['start_not_allowed'] },
    { name: 'a migration into a terminal step', second: [migrated({ stepAfter: 'closed' })], rules: ['start_not_allowed'] },
  ])('flags $name', ({ second, rules }) => {
    const report = checkConformance(getSop(v11), ledger(second), NOW);
    expect(report.violations.map((v) => v.rule)).toEqual(rules);
  });

  it('still flags a root run on another version that no migration continued', () => {
    const report = checkConformance(getSop(v11), rows(VACANCY, vacancySop, [propose]), NOW);
    expect(report.violations.map((v) => v.rule)).toEqual(['sop_version_changed']);
  });
});

describe('checkConformance across a run that continued a long history', () => {
  const continued = (over: Partial<Row> = {}): Row => ({
    decision: 'run_continued',
    stepBefore: 'awaiting_ppk_decision',
    stepAfter: 'awaiting_ppk_decision',
    actorRole: 'system',
    payload: { from: { runId: 'run-1' }, history: { length: 4100, sizeBytes: 1 } },
    ...over,
  });
  const ledger = (second: Row[]) => [
    ...rows(VACANCY, vacancySop, [propose]).map((r) => ({ ...r, runId: 'run-1' })),
    ...rows(VACANCY, vacancySop, second, VACANCY, 5).map((r) => ({ ...r, runId: 'run-2' })),
  ];

  it('finds the case conforming when the next run opens, as the system, at the step the run before stood at', () => {
    const report = checkConformance(getSop(vacancySop), ledger([continued(), approve]), NOW);
    expect(report.violations).toEqual([]);
    expect(report.workflows.map((w) => w.runId)).toEqual(['run-1', 'run-2']);
  });

  it.each<{ name: string; row: Partial<Row> }>([
    { name: 'recorded by a person', row: { actorRole: 'admin' } },
    { name: 'at another step than the one it left', row: { stepAfter: 'approved' } },
    { name: 'into a terminal step', row: { stepBefore: 'closed', stepAfter: 'closed' } },
  ])('flags a continuation $name (start_not_allowed)', ({ row }) => {
    const report = checkConformance(getSop(vacancySop), ledger([continued(row)]), NOW);
    expect(report.violations.map((v) => v.rule)).toContain('start_not_allowed');
  });
});
