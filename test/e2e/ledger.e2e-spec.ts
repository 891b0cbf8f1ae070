import { execFile } from 'node:child_process';
import * as path from 'node:path';
import type { Actor } from '@meritflow/domain';
import { verifyDigest } from '@meritflow/persistence';
import { Stack, HR, PPK, eventually, vacancyPath, vacancyProposal } from '../support/api-client';

const AUDITOR: Actor = { id: '197001011995031001', role: 'auditor', name: 'Auditor Inspektorat' };
const ADMIN: Actor = { id: 'admin-1', role: 'admin' };
const CLI = path.resolve(__dirname, '../../dist/libs/persistence/src/verify-ledger.cli.js');

const stack = new Stack();
afterAll(() => stack.close());

/** A real case: proposed by HR and approved by the PPK through the API, both rows in the ledger. */
async function approvedVacancy(): Promise<string> {
  const proposal = vacancyProposal();
  const created = await stack.call('POST', '/v1/vacancies', { body: proposal });
  expect(created.status).toBe(201);
  const approved = await stack.call('POST', `${vacancyPath(proposal)}/decisions`, {
    actor: PPK,
    body: { decision: 'approve', fillingMethod: 'open_selection', reason: 'Sesuai kebutuhan organisasi' },
  });
  expect(approved.status).toBe(200);
  const workflowId = created.body.workflowId as string;
  await eventually(async () => (await stack.ledgerRows(workflowId)).length === 2, 30_000, 'two ledger rows');
  return workflowId;
}

async function headOf(caseId: string): Promise<{ chain_seq: number; row_hash: string }> {
  const db = await stack.db();
  const res = await db.query(
    `SELECT chain_seq, encode(row_hash, 'hex') AS row_hash FROM decisions WHERE root_workflow_id = $1 ORDER BY chain_seq DESC LIMIT 1`,
    [caseId],
  );
  return res.rows[0];
}

describe('tamper-evident ledger through the API', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = await approvedVacancy();
  });

  it("gives an auditor the verification of a case's hash chain", async () => {
    const res = await stack.call('GET', `/v1/ledger/verify/${caseId}`, { actor: AUDITOR });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: true, rowsChecked: 2, cases: 1, broken: [] });
    const head = await headOf(caseId);
    expect(head.chain_seq).toBe(2);
    expect(res.body.heads).toEqual([{ rootWorkflowId: caseId, chainSeq: 2, rowHash: head.row_hash }]);
    expect(typeof res.body.durationMs).toBe('number');
  });

  it('verifies every case for an administrator, the new case among them unbroken', async () => {
    const res = await stack.call('GET', '/v1/ledger/verify', { actor: ADMIN });
    expect(res.status).toBe(200);
    expect(res.body.cases).toBe(res.body.heads.length);
    expect(res.body.heads).toContainEqual(expect.objectContaining({ rootWorkflowId: caseId, chainSeq: 2 }));
    expect(res.body.broken.filter((b: { rootWorkflowId: string }) => b.rootWorkflowId === caseId)).toEqual([]);
  });

  it('refuses every ledger endpoint to an HR officer with 403 ACCESS_DENIED, and to no one at all with 401', async () => {
    for (const [method, url] of [
      ['GET', `/v1/ledger/verify/${caseId}`],
      ['GET', '/v1/ledger/verify'],
      ['GET', '/v1/ledger/digest'],
    ]) {
      const res = await stack.call(method, url, { actor: HR });
      expect([url, res.status]).toEqual([url, 403]);
      expect(res.body).toMatchObject({ code: 'ACCESS_DENIED', details: { role: 'hr_officer', roles: ['auditor', 'admin'] } });
    }
    const digest = (await stack.call('GET', `/v1/ledger/digest?caseId=${caseId}`, { actor: AUDITOR })).body;
    const check = await stack.call('POST', '/v1/ledger/digest/check', { actor: HR, body: digest });
    expect(check.status).toBe(403);
    expect(check.body.code).toBe('ACCESS_DENIED');
    expect((await stack.call('GET', '/v1/ledger/verify', { actor: null })).status).toBe(401);
  });

  it('answers 400 for a malformed case id and 404 for a case with no rows', async () => {
    const bad = await stack.call('GET', '/v1/ledger/verify/not-a-case', { actor: AUDITOR });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [expect.objectContaining({ field: 'caseId' })] } });
    const none = await stack.call('GET', '/v1/ledger/verify/vacancy:NO-SUCH:CASE', { actor: AUDITOR });
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('CASE_NOT_FOUND');
  });

  it('signs a digest of the chain heads that checks out, and fails the check once a head is altered', async () => {
    const res = await stack.call('GET', `/v1/ledger/digest?caseId=${encodeURIComponent(caseId)}`, { actor: AUDITOR });
    expect(res.status).toBe(200);
    const digest = res.body;
    const head = await headOf(caseId);
    expect(digest).toMatchObject({
      algorithm: 'Ed25519',
      caseId,
      heads: [{ rootWorkflowId: caseId, chainSeq: 2, rowHash: head.row_hash }],
    });
    expect(verifyDigest(digest, digest.publicKey)).toEqual({ valid: true });

    const ok = await stack.call('POST', '/v1/ledger/digest/check', { actor: ADMIN, body: digest });
    expect(ok.status).toBe(200);
    // Checking a digest only reads: the auditors' read-only guard lets it through (and nothing else).
    const byAuditor = await stack.call('POST', '/v1/ledger/digest/check', { actor: AUDITOR, body: digest });
    expect(byAuditor.status).toBe(200);
    expect(byAuditor.body.intact).toBe(true);
    expect(ok.body).toMatchObject({
      intact: true,
      signature: { valid: true, keyId: digest.keyId },
      comparison: { intact: true, casesChecked: 1, findings: [] },
    });

    const altered = { ...digest, heads: [{ ...digest.heads[0], chainSeq: 1 }] };
    expect(verifyDigest(altered, digest.publicKey)).toEqual({ valid: false, reason: 'signature_mismatch' });
    const refused = await stack.call('POST', '/v1/ledger/digest/check', { actor: ADMIN, body: altered });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({
      intact: false,
      signature: { valid: false, reason: 'signature_mismatch' },
      comparison: {
        intact: false,
        findings: [expect.objectContaining({ rootWorkflowId: caseId, problem: 'head_changed', digestChainSeq: 1 })],
      },
    });

    const malformed = await stack.call('POST', '/v1/ledger/digest/check', {
      actor: ADMIN,
      body: { ...digest, heads: [{ rootWorkflowId: caseId }] },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('VALIDATION_FAILED');
  });

  it('signs every case head in one digest', async () => {
    const res = await stack.call('GET', '/v1/ledger/digest', { actor: AUDITOR });
    expect(res.status).toBe(200);
    expect(res.body.caseId).toBeNull();
    expect(res.body.heads).toContainEqual(expect.objectContaining({ rootWorkflowId: caseId, chainSeq: 2 }));
    expect(verifyDigest(res.body, res.body.publicKey)).toEqual({ valid: true });
  });

  it('verifies the same case with the CLI, exit code 0', async () => {
    const { code, out } = await new Promise<{ code: number; out: string }>((resolve) => {
      execFile(
        process.execPath,
        [CLI, '--case', caseId],
        { env: { ...process.env, DATABASE_URL: stack.state.databaseUrl } },
        (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, out: `${stdout}${stderr}` }),
      );
    });
    expect(out).toContain('Diperiksa / Checked: 2 catatan / rows, 1 kasus / cases');
    expect(out).toContain('Hasil / Result: UTUH / INTACT');
    expect(code).toBe(0);
  });
});
