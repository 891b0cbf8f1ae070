import { caseExportFileName, type CaseExport } from '@meritflow/audit';
import type { Actor } from '@meritflow/domain';
import { HR, PPK, Stack, closedVacancy, eventually, vacancyPath, vacancyProposal } from '../support/api-client';
import { runWholeSelection, type WholeSelection } from '../support/selection-fixtures';
import { exportFolder, runAuditCli } from '../support/audit-cli';

const AUDITOR: Actor = { id: 'bpkp-auditor-01', role: 'auditor', name: 'Auditor BPKP Perwakilan DIY' };
const ADMIN: Actor = { id: 'admin-01', role: 'admin' };

const stack = new Stack();
const files = exportFolder('meritflow-audit-replay-');
afterAll(async () => {
  files.remove();
  await stack.close();
});
const runCli = runAuditCli;

async function exportOf(caseId: string): Promise<CaseExport> {
  const res = await fetch(`${stack.state.apiUrl}/v1/cases/${caseId}/export`, {
    headers: await stack.authHeaders(AUDITOR),
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-disposition')).toBe(`attachment; filename=${caseExportFileName(caseId)}`);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return (await res.json()) as CaseExport;
}

const writeExport = (name: string, exported: CaseExport): string => files.write(name, exported);

async function ledgerCount(caseId: string): Promise<number> {
  const db = await stack.db();
  const res = await db.query('SELECT count(*)::int AS n FROM decisions WHERE root_workflow_id = $1', [caseId]);
  return res.rows[0].n;
}

describe('auditor replay of a case from its Temporal histories', () => {
  let vacancyId: string;
  let selection: WholeSelection;

  beforeAll(async () => {
    [vacancyId, selection] = await Promise.all([closedVacancy(stack), runWholeSelection(stack)]);
  }, 240_000);

  it('finds a closed vacancy consistent: its history replays on the current code and matches its three ledger rows', async () => {
    const res = await stack.call('GET', `/v1/cases/${vacancyId}/replay`, { actor: AUDITOR });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      caseId: vacancyId,
      verdict: 'consistent',
      replay: [{ workflowId: vacancyId, runId: res.body.runId, ok: true }],
      comparison: { matches: 3, missing: [], extra: [], altered: [], pending: [], afterSnapshot: [] },
    });
  });

  it('replays a whole open selection with every child workflow and matches every ledger row of the case', async () => {
    const res = await stack.call('GET', `/v1/cases/${selection.id}/replay`, { actor: ADMIN });
    expect(res.status).toBe(200);
    const replayed: { workflowId: string; ok: boolean; error?: unknown }[] = res.body.replay;
    expect(replayed.map((r) => r.workflowId).sort()).toEqual([selection.id, ...selection.childIds].sort());
    expect(replayed[0].workflowId).toBe(selection.id);
    expect(replayed.filter((r) => !r.ok)).toEqual([]);
    const rows = await ledgerCount(selection.id);
    expect(rows).toBeGreaterThan(40);
    expect(res.body.comparison).toEqual({ matches: rows, missing: [], extra: [], altered: [], pending: [], afterSnapshot: [] });
    expect(res.body.verdict).toBe('consistent');
  });

  it.each([HR, PPK].map((actor) => ({ actor, role: actor.role })))(
    'refuses $role with ACCESS_DENIED, for the replay and for the export',
    async ({ actor }) => {
      for (const what of ['replay', 'export']) {
        const res = await stack.call('GET', `/v1/cases/${vacancyId}/${what}`, { actor });
        expect([what, res.status, res.body.code]).toEqual([what, 403, 'ACCESS_DENIED']);
        expect(res.body.details).toMatchObject({ role: actor.role, roles: ['auditor', 'admin'] });
      }
    },
  );

  it('answers 404 CASE_NOT_FOUND for an unknown case and 400 for an id that is not a case', async () => {
    const unknown = await stack.call('GET', '/v1/cases/vacancy:PEMKAB-NOPE:KADIS-NOPE/replay', { actor: AUDITOR });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('CASE_NOT_FOUND');
    for (const id of [`${selection.id}:committee-review`, 'vacancy:lower:case', 'anything']) {
      const res = await stack.call('GET', `/v1/cases/${encodeURIComponent(id)}/export`, { actor: AUDITOR });
      expect([id, res.status, res.body.details?.fields?.[0]?.field]).toEqual([id, 400, 'caseId']);
    }
  });

  describe('offline, from an exported file', () => {
    let exported: CaseExport;

    beforeAll(async () => {
      exported = await exportOf(selection.id);
    });

    it('exports every history of the case and every ledger row with all its columns and the canonical text its hash covers', async () => {
      expect(exported).toMatchObject({
        format: 'meritflow-case-export',
        version: 2,
        caseId: selection.id,
        root: { workflowId: selection.id },
      });
      expect(exported.histories.map((h) => h.workflowId).sort()).toEqual([selection.id, ...selection.childIds].sort());
      expect(exported.histories[0]).toMatchObject({ workflowId: selection.id, workflowType: 'openSelectionWorkflow' });
      expect(exported.ledger).toHaveLength(await ledgerCount(selection.id));
      const db = await stack.db();
      const columns = (await db.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'decisions'")).rows.map(
        (r: { column_name: string }) => r.column_name.replace(/_([a-z])/g, (_: string, c: string) => c.toUpperCase()),
      );
      expect(Object.keys(exported.ledger[0]).sort()).toEqual([...columns, 'canonical'].sort());
    });

    it('replays the export without Temporal or the database and exits 0 when it is consistent', async () => {
      const { code, stdout, stderr } = await runCli(writeExport('clean', exported));
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(stdout).toContain(`Case replay: ${selection.id}`);
      expect(stdout).toContain(`Cocok / Matching: ${exported.ledger.length}`);
      expect(stdout).toContain('Kesimpulan: KONSISTEN');
      expect(stdout).toContain('Verdict: CONSISTENT');
    });

    it('exits 1 and names the decisions when a ledger row in the export was altered and another removed', async () => {
      const tampered: CaseExport = structuredClone(exported);
      const pick = tampered.ledger.find((r) => r.decision === 'pick')!;
      pick.reason = 'Dipilih atas arahan pimpinan';
      tampered.ledger = tampered.ledger.filter((r) => r.decision !== 'sign_ranking');
      const { code, stdout } = await runCli(writeExport('tampered-ledger', tampered));
      expect(code).toBe(1);
      expect(stdout).toMatch(/Tidak ada di buku besar \/ Missing from the ledger: 1\n\s+- \S+ #\d+ sign_ranking /);
      expect(stdout).toMatch(
        /Berubah \/ Altered: 1\n\s+- pick \[[^\]]+\]\n\s+reason: riwayat \/ history null ≠ buku besar \/ ledger "Dipilih atas arahan pimpinan"/,
      );
      expect(stdout).toContain('TIDAK KONSISTEN');
      expect(stdout).toContain('Verdict: INCONSISTENT');
    });

    it('exits 1 when a decision was cut out of a history in the export', async () => {
      const tampered: CaseExport = structuredClone(exported);
      const history = tampered.histories[0].history as { events: Record<string, any>[] };
      const decisions = history.events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordDecision');
      // The third decision the selection recorded (its sequence 3).
      history.events.splice(history.events.indexOf(decisions[2]), 1);
      const { code, stdout } = await runCli(writeExport('tampered-history', tampered));
      expect(code).toBe(1);
      expect(stdout).toMatch(/Tidak ada di riwayat \/ Extra in the ledger: 1\n\s+- \S+ #3 /);
      expect(stdout).toMatch(new RegExp(`\\[GAGAL / FAILED\\] ${selection.id} openSelectionWorkflow .*\\n\\s+ReplayError: .*out of order`));
      expect(stdout).toContain('Verdict: INCONSISTENT');
    });

    it('refuses a file that is not a case export with exit code 2', async () => {
      const file = files.write('not-an-export', { format: 'something-else' });
      const { code, stderr } = await runCli(file);
      expect(code).toBe(2);
      expect(stderr).toContain('The export file cannot be read');
      expect(stderr).toContain('format');
    });
  });
});
