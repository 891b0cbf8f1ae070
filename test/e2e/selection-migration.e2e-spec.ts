import type { EvidenceRef } from '@meritflow/domain';
import { Stack, eventually, type TestActor } from '../support/api-client';
import { asMember, eligibleProfile, uploadEvidence, waitForStep } from '../support/selection-fixtures';
import { MIGRATION_ADMINS, objectAndGoOn, openChainSelection, runToRanking, runToSignedRanking } from '../support/chain-fixtures';

const [ADMIN_1, ADMIN_2] = MIGRATION_ADMINS;
const AUDITOR: TestActor = { id: 'bpkp-auditor-19', role: 'auditor', name: 'Auditor BPKP' };
const LEGAL_BASIS = 'PermenPANRB: seleksi terbuka yang berjalan mengikuti SOP 1.1.0 (masa sanggah)';
const FROM = '1.0.0-test.fast';
const TO = '1.1.0-test.fast';

const stack = new Stack();
afterAll(() => stack.close());

const profiles = () => ['Indra Wijaya', 'Joko Prasetyo', 'Kartika Sari', 'Lestari Ayu'].map((n) => eligibleProfile(n));

const ledgerOf = async (id: string) =>
  (
    await (
      await stack.db()
    ).query(
      `SELECT workflow_id, run_id, sequence, decision, actor_id, step_before, step_after, sop_version, payload FROM decisions
        WHERE root_workflow_id = $1 AND workflow_id = $1 AND sequence > 0 ORDER BY chain_seq`,
      [id],
    )
  ).rows;

const impact = (agencyCode: string, toVersion = TO) =>
  stack.call('GET', `/v1/sop-migrations/impact?sopId=open-selection&toVersion=${toVersion}&agencyCode=${agencyCode}`, { actor: ADMIN_1 });

const request = (id: string, basis: EvidenceRef, toVersion = TO) =>
  stack.call('POST', '/v1/sop-migrations', {
    actor: ADMIN_1,
    body: { caseIds: [id], outcome: 'migrate', toVersion, reason: LEGAL_BASIS, evidence: [basis] },
  });

const settled = (path: string, version: string) =>
  eventually(async () => {
    const s = await stack.call('GET', path);
    return s.status === 200 && s.body.sop.version === version && s.body.recordedCount === s.body.decisionCount ? s.body : undefined;
  });

describe('governed SOP migration of a running open selection (issue 16 item 4)', () => {
  it('refuses while the assessments run, then moves the ranked selection to 1.1.0 under four eyes; it finishes through the objection stage and audits across both runs', async () => {
    let whileAssessing: { status: number; body: { code: string; details: Record<string, unknown> } } | undefined;
    let asked = 0;
    const sel = await runToRanking(
      stack,
      { positionClass: 'jpt_pratama', sopVersion: FROM, agencyPrefix: 'PEMKAB' },
      profiles(),
      async (s) => {
        // The test pair maps the assessment step, so this is the workflow's own refusal: its children are running.
        whileAssessing = await request(s.id, await uploadEvidence(stack, 'dasar_hukum', s.agencyCode));
        asked = (await ledgerOf(s.id)).filter((r) => r.decision === 'sop_migration_requested').length;
      },
    );
    expect([whileAssessing!.status, whileAssessing!.body.code, whileAssessing!.body.details.children]).toEqual([
      409,
      'SOP_MIGRATION_CHILD_RUNNING',
      'assessment',
    ]);
    expect(asked).toBe(0);

    const before = (await stack.call('GET', sel.path)).body;
    expect(before).toMatchObject({ step: 'ranking', sop: { version: FROM } });
    const listed = await impact(sel.agencyCode);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ caseId: sel.id, caseType: 'open-selection', step: 'ranking', migratable: true, toStep: 'ranking' }),
    ]);

    const requested = await request(sel.id, await uploadEvidence(stack, 'dasar_hukum', sel.agencyCode));
    expect(requested.status).toBe(201);
    const { batchId } = requested.body;
    // Four eyes: the person who asked cannot approve.
    const self = await stack.call('POST', `/v1/sop-migrations/${batchId}/approve`, { actor: ADMIN_1, body: { reason: 'Setuju' } });
    expect([self.status, self.body.code]).toEqual([403, 'FOUR_EYES_REQUIRED']);
    const approved = await stack.call('POST', `/v1/sop-migrations/${batchId}/approve`, {
      actor: ADMIN_2,
      body: { reason: 'Dasar hukum sesuai' },
    });
    expect(approved.status).toBe(200);
    expect(approved.body.cases[0].migratingTo).toEqual({ id: 'open-selection', version: TO, step: 'ranking' });

    // The new run stands at the same step with the selection's whole state carried over.
    const migrated = await settled(sel.path, TO);
    expect(migrated.runId).not.toBe(before.runId);
    expect(migrated.step).toBe('ranking');
    for (const field of ['candidates', 'committee', 'ranking', 'shortlist', 'posts', 'extensions'] as const) {
      expect([field, migrated[field]]).toEqual([field, before[field]]);
    }
    const client = await stack.temporalClient();
    expect((await client.workflow.getHandle(sel.id, before.runId).describe()).status.name).toBe('CONTINUED_AS_NEW');

    // Signing on 1.1.0 publishes the results and opens the objection window; one candidate objects, the chair answers.
    const chair = asMember(sel.members[0]);
    await sel.decide(chair, { decision: 'sign_ranking', evidence: [await uploadEvidence(stack, 'ba_pemeringkatan', sel.agencyCode)] });
    const closed = await objectAndGoOn(stack, sel);
    expect(closed).toMatchObject({ step: 'closed', sop: { version: TO } });
    expect(closed.objections).toEqual([
      expect.objectContaining({ nip: sel.ranked.at(-1), answer: expect.objectContaining({ upheld: false }) }),
    ]);

    const rows = await ledgerOf(sel.id);
    const run = (r: { run_id: string }) => (r.run_id === before.runId ? 'run1' : 'run2');
    expect(rows.filter((r) => r.decision.startsWith('sop_migra')).map((r) => [run(r), r.decision, r.actor_id, r.sop_version])).toEqual([
      ['run1', 'sop_migration_requested', ADMIN_1.id, FROM],
      ['run1', 'sop_migration_approved', ADMIN_2.id, FROM],
      ['run2', 'sop_migrated', ADMIN_2.id, TO],
    ]);
    const second = rows.filter((r) => run(r) === 'run2').map((r) => r.decision);
    expect(second.slice(0, 2)).toEqual(['sop_migrated', 'sign_ranking']);
    expect(second).toEqual(
      expect.arrayContaining(['results_published', 'objection_window_closed', 'objections_answered', 'recommend', 'pick']),
    );

    // The chain is whole, both root runs (and the children) replay and match the ledger, from Temporal and from the archive.
    expect((await stack.call('GET', `/v1/ledger/verify/${sel.id}`, { actor: AUDITOR })).body).toMatchObject({ valid: true, broken: [] });
    const replayed = async () => {
      const res = await stack.call('GET', `/v1/cases/${sel.id}/replay`, { actor: AUDITOR });
      expect(res.status).toBe(200);
      const roots = res.body.replay.filter((r: { workflowId: string }) => r.workflowId === sel.id);
      expect(roots.map((r: { runId: string; ok: boolean }) => [r.runId, r.ok]).sort()).toEqual(
        [
          [before.runId, true],
          [migrated.runId, true],
        ].sort(),
      );
      expect(res.body.replay.every((r: { ok: boolean }) => r.ok)).toBe(true);
      expect(res.body.comparison).toMatchObject({ missing: [], extra: [], altered: [] });
      expect(res.body.verdict).toBe('consistent');
      return res.body;
    };
    await replayed();
    expect((await stack.call('POST', '/v1/archive/sweeps', { actor: ADMIN_1 })).status).toBe(200);
    const fromArchive = await replayed();
    const rootSources = fromArchive.sources.filter((x: { workflowId: string }) => x.workflowId === sel.id);
    expect(rootSources.map((x: { source: string }) => x.source)).toEqual(['archive', 'archive']);
    const dossier = await stack.call('GET', `/v1/cases/${sel.id}/dossier.json`, { actor: AUDITOR });
    expect(dossier.body.conformance).toMatchObject({ conforms: true, violations: [] });
  });

  it('keeps a selection whose ranking is signed off 1.1.0 (409 SOP_MIGRATION_STEP_UNMAPPED) and refuses a pair with no mapping (400)', async () => {
    const sel = await runToSignedRanking(stack, { positionClass: 'jpt_pratama', sopVersion: FROM, agencyPrefix: 'PEMKAB' }, profiles());
    await waitForStep(stack, sel.path, 'external_review');
    const listed = await impact(sel.agencyCode);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        caseId: sel.id,
        step: 'external_review',
        migratable: false,
        refusal: expect.objectContaining({ code: 'SOP_MIGRATION_STEP_UNMAPPED' }),
      }),
    ]);
    const basis = await uploadEvidence(stack, 'dasar_hukum', sel.agencyCode);
    const unmapped = await request(sel.id, basis);
    expect([unmapped.status, unmapped.body.code, unmapped.body.details.step]).toEqual([
      409,
      'SOP_MIGRATION_STEP_UNMAPPED',
      'external_review',
    ]);
    const unknown = await request(sel.id, basis, '1.1.0');
    expect([unknown.status, unknown.body.code]).toEqual([400, 'SOP_MIGRATION_UNKNOWN']);
    expect((await ledgerOf(sel.id)).filter((r) => r.decision.startsWith('sop_migration'))).toEqual([]);
  });

  it('moves a selection on the shipped 1.0.0 at its first step to 1.1.0 (the shipped mapping), where it waits for its committee', async () => {
    const sel = await openChainSelection(stack, { positionClass: 'jpt_pratama', sopVersion: '1.0.0', agencyPrefix: 'PEMKAB' });
    const basis = await uploadEvidence(stack, 'dasar_hukum', sel.agencyCode);
    const requested = await request(sel.id, basis, '1.1.0');
    expect(requested.status).toBe(201);
    const approved = await stack.call('POST', `/v1/sop-migrations/${requested.body.batchId}/approve`, {
      actor: ADMIN_2,
      body: { reason: 'Dasar hukum sesuai' },
    });
    expect(approved.body.cases[0].migratingTo).toEqual({ id: 'open-selection', version: '1.1.0', step: 'committee_formation' });
    const migrated = await settled(sel.path, '1.1.0');
    expect(migrated).toMatchObject({ step: 'committee_formation', posts: sel.opened.posts });
    expect(migrated.pendingTasks).toEqual([expect.objectContaining({ role: 'ppk', decision: 'form_committee' })]);
  });
});
