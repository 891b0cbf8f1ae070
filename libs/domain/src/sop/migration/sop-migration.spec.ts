import { listSops } from '../sop-registry';
import { checkFourEyes, checkSopMigration, listSopMigrations, migrationTargets } from './sop-migration';

describe('SOP migration mappings', () => {
  it.each(listSopMigrations().map((m) => [`${m.sopId} ${m.from} -> ${m.to}`, m] as const))(
    '%s maps only steps that exist on both versions, from a non-terminal step',
    (_, m) => {
      const from = listSops().find((s) => s.id === m.sopId && s.version === m.from)!;
      const to = listSops().find((s) => s.id === m.sopId && s.version === m.to)!;
      expect(from).toBeDefined();
      expect(to).toBeDefined();
      expect(Object.keys(m.steps).length).toBeGreaterThan(0);
      for (const [a, b] of Object.entries(m.steps)) {
        expect(from.steps.find((s) => s.id === a)?.terminal).toBe(false);
        expect(to.steps.find((s) => s.id === b)?.terminal).toBe(false);
      }
    },
  );

  it('has one mapping per pair', () => {
    const keys = listSopMigrations().map((m) => `${m.sopId}@${m.from}->${m.to}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each([
    { step: 'awaiting_ppk_decision', toStep: 'awaiting_ppk_decision' },
    { step: 'approved', toStep: 'approved' },
  ])('lets a vacancy on 1.0.0 at $step move to 1.1.0 at $toStep', ({ step, toStep }) => {
    const verdict = checkSopMigration({ id: 'vacancy', version: '1.0.0' }, step, '1.1.0', false);
    expect(verdict).toMatchObject({ ok: true, toStep });
  });

  it.each([
    { from: '1.0.0', step: 'rejected', to: '1.1.0', code: 'SOP_MIGRATION_STEP_UNMAPPED' },
    { from: '1.0.0', step: 'awaiting_ppk_decision', to: '9.9.9', code: 'SOP_MIGRATION_UNKNOWN' },
    { from: '1.1.0', step: 'awaiting_ppk_decision', to: '1.0.0', code: 'SOP_MIGRATION_UNKNOWN' },
    { from: '1.0.0-test.fast', step: 'awaiting_ppk_decision', to: '1.1.0', code: 'SOP_MIGRATION_UNKNOWN' },
  ])('refuses vacancy $from at $step -> $to with $code (test-only pairs off)', ({ from, step, to, code }) => {
    expect(checkSopMigration({ id: 'vacancy', version: from }, step, to, false)).toMatchObject({ ok: false, code });
  });

  it('admits a test-only pair only when test SOPs are allowed', () => {
    expect(checkSopMigration({ id: 'vacancy', version: '1.0.0-test.fast' }, 'awaiting_ppk_decision', '1.1.0', true).ok).toBe(true);
    expect(migrationTargets({ id: 'vacancy', version: '1.0.0-test.fast' }, false)).toEqual([]);
    expect(migrationTargets({ id: 'vacancy', version: '1.0.0-test.fast' }, true)).toEqual(['1.1.0']);
    expect(checkSopMigration({ id: 'mutation-intra', version: '1.0.0' }, 'tpk_review', '1.1.0-test.fast', true)).toMatchObject({
      ok: false,
      code: 'SOP_MIGRATION_STEP_UNMAPPED',
      params: { step: 'tpk_review', mapped: ['ppk_decision', 'decree'] },
    });
  });

  it.each(['committee_formation', 'announcement', 'registration', 'low_applicants', 'screening', 'ranking'])(
    'lets an open selection on 1.0.0 at %s (no child running, ranking not signed) move to the same step of 1.1.0',
    (step) => {
      expect(checkSopMigration({ id: 'open-selection', version: '1.0.0' }, step, '1.1.0', false)).toMatchObject({ ok: true, toStep: step });
    },
  );

  it.each([
    // Child workflows run there.
    'assessment',
    'committee_review',
    'appointment',
    // The signed shortlist went on without an objection window: the case stays on 1.0.0.
    'external_review',
    'ppk_decision',
  ])('refuses to move an open selection on 1.0.0 at %s to 1.1.0 (SOP_MIGRATION_STEP_UNMAPPED)', (step) => {
    expect(checkSopMigration({ id: 'open-selection', version: '1.0.0' }, step, '1.1.0', false)).toMatchObject({
      ok: false,
      code: 'SOP_MIGRATION_STEP_UNMAPPED',
      params: { step },
    });
  });

  it.each([
    { from: '1.0.0-madya', to: '1.1.0' },
    { from: '1.0.0-sekda', to: '1.1.0' },
    { from: '1.1.0', to: '1.0.0' },
    { from: '1.0.0', to: '1.1.0-test.fast' },
  ])('has no open-selection mapping from $from to $to (SOP_MIGRATION_UNKNOWN)', ({ from, to }) => {
    expect(checkSopMigration({ id: 'open-selection', version: from }, 'screening', to, true)).toMatchObject({
      ok: false,
      code: 'SOP_MIGRATION_UNKNOWN',
    });
  });

  it('maps the fast open-selection pair for tests only, child steps included (the workflow refuses those while children run)', () => {
    const from = { id: 'open-selection', version: '1.0.0-test.fast' };
    expect(checkSopMigration(from, 'ranking', '1.1.0-test.fast', false)).toMatchObject({ ok: false, code: 'SOP_MIGRATION_UNKNOWN' });
    expect(checkSopMigration(from, 'ranking', '1.1.0-test.fast', true)).toMatchObject({ ok: true, toStep: 'ranking' });
    expect(checkSopMigration(from, 'assessment', '1.1.0-test.fast', true)).toMatchObject({ ok: true, toStep: 'assessment' });
    expect(checkSopMigration(from, 'external_review', '1.1.0-test.fast', true)).toMatchObject({
      ok: false,
      code: 'SOP_MIGRATION_STEP_UNMAPPED',
    });
  });

  it('maps every running move step of 1.0.0 onto 1.1.0', () => {
    const verdict = checkSopMigration({ id: 'mutation-intra', version: '1.0.0' }, 'decree', '1.1.0', false);
    expect(verdict).toMatchObject({ ok: true, toStep: 'decree' });
  });
});

describe('checkFourEyes', () => {
  const requester = { id: 'admin-1', role: 'admin' as const };
  it.each([
    { approver: { id: 'admin-2', role: 'admin' as const }, ok: true },
    { approver: { id: 'admin-1', role: 'admin' as const }, ok: false },
    {
      approver: { id: 'admin-2', role: 'admin' as const, actingFor: { id: 'admin-1', role: 'admin' as const, delegationId: 'd1' } },
      ok: false,
    },
  ])('approval by $approver.id is ok=$ok', ({ approver, ok }) => {
    const verdict = checkFourEyes({ requestedBy: requester }, approver);
    expect(verdict.ok).toBe(ok);
    if (!verdict.ok) expect(verdict.code).toBe('FOUR_EYES_REQUIRED');
  });
});
