import type { Page } from 'playwright-core';
import { HR, PPK, Stack, eventually, uniqueCode, vacancyPath, vacancyProposal } from '../support/api-client';
import { ConsoleBrowser, capture, expectNoSeriousA11yViolations, pdf, submitAndWait, type ConsoleUser } from './browser';

/**
 * SOP migration in the console, in Debian's Chromium, on the real stack: a vacancy pinned to SOP
 * 1.0.0 (started through the API) is listed on the administrators' migration page, one administrator
 * asks to migrate it to 1.1.0 citing an uploaded legal basis, the same administrator is refused the
 * approval (four eyes, shown in words), and a second administrator approves it; the case then runs
 * on 1.1.0 at the mapped step.
 */
jest.setTimeout(300_000);

const ADMIN_1: ConsoleUser = { id: 'admin-bkn-01', name: 'Admin Sistem 1', role: 'admin' };
const ADMIN_2: ConsoleUser = { id: 'admin-bkn-02', name: 'Admin Sistem 2', role: 'admin' };

describe('SOP migration of a running case in the web console', () => {
  const stack = new Stack();
  const ui = new ConsoleBrowser(stack);
  const signIn = (agency: string, user: ConsoleUser) => ui.signIn(user, { agency });

  async function openMigrations(page: Page): Promise<void> {
    await page.getByRole('link', { name: 'Migrasi SOP', exact: true }).click();
    await page.getByLabel('SOP', { exact: true }).selectOption('vacancy');
    await page.getByLabel('Versi tujuan').selectOption('1.1.0');
  }

  beforeAll(async () => {
    await ui.start();
  });
  afterAll(async () => {
    await ui.close();
    await stack.close();
  });

  it('one administrator asks to migrate a vacancy on 1.0.0 with its legal basis; a second one approves; it runs on 1.1.0', async () => {
    const agency = uniqueCode('PEMKAB');
    const proposal = vacancyProposal({ agencyCode: agency, sopVersion: '1.0.0' });
    const started = await stack.call('POST', '/v1/vacancies', { body: proposal });
    expect(started.status).toBe(201);
    const id = started.body.workflowId as string;

    const first = await signIn(agency, ADMIN_1);
    await openMigrations(first);
    const row = first.locator(`[data-testid="mig-impact"] tr[data-case="${id}"]`);
    await row.waitFor();
    await expect(row.locator('[data-migratable="true"]').innerText()).resolves.toContain('Ya, ke tahap');
    await capture(first, 'sop-migration-01-impact');

    await row.getByRole('checkbox').check();
    const request = first.getByTestId('mig-request');
    await expect(request.getByTestId('mig-picked').innerText()).resolves.toContain('Kasus terpilih: 1');
    await request.getByLabel('Keputusan yang diusulkan').selectOption('migrate');
    await request.getByLabel('Dasar hukum', { exact: true }).fill('PermenPANRB 20/2025: kasus berjalan mengikuti SOP lowongan 1.1.0');
    await request.locator('input[type="file"]').setInputFiles(pdf('dasar_hukum'));
    await submitAndWait(request, 'Kirim usulan', async () => (await first.getByTestId('mig-requested').count()) > 0);

    // The request shows as pending; the one who asked is refused the approval, in words.
    const batch = first.getByTestId('mig-batch');
    await batch.waitFor({ timeout: 45_000 });
    await batch.getByLabel('Alasan keputusan').fill('Setuju');
    await batch.getByRole('button', { name: 'Setujui', exact: true }).click();
    const refusal = batch.locator('.refusal[data-code="FOUR_EYES_REQUIRED"]');
    await refusal.waitFor();
    await capture(first, 'sop-migration-02-four-eyes');

    const second = await signIn(agency, ADMIN_2);
    await openMigrations(second);
    const pending = second.getByTestId('mig-batch');
    await pending.waitFor({ timeout: 45_000 });
    await expect(pending.innerText()).resolves.toContain(ADMIN_1.name);
    // Rejecting asks first; cancelling records nothing.
    await pending.getByLabel('Alasan keputusan').fill('Dasar hukum sesuai');
    await pending.getByRole('button', { name: 'Tolak', exact: true }).click();
    const dialog = pending.getByTestId('confirm-dialog');
    await dialog.waitFor();
    await expectNoSeriousA11yViolations(second, 'the reject confirmation');
    await dialog.getByRole('button', { name: 'Batal', exact: true }).click();
    await pending.getByRole('button', { name: 'Setujui', exact: true }).click();

    // The case continued as new on 1.1.0 at the mapped step, and leaves the pending list.
    const migrated = await eventually(async () => {
      const s = await stack.call('GET', vacancyPath(proposal));
      return s.status === 200 && s.body.sop.version === '1.1.0' ? s.body : undefined;
    }, 60_000);
    expect(migrated.step).toBe('awaiting_ppk_decision');
    await second.getByText('Tidak ada usulan yang menunggu.').waitFor({ timeout: 45_000 });
    await capture(second, 'sop-migration-03-approved');
  });

  it('HR opens a selection with blind scoring from the console; the workflow pins it and the opening row records it', async () => {
    const agency = uniqueCode('PEMKAB');
    const v = await stack.call('POST', '/v1/vacancies', { body: vacancyProposal({ agencyCode: agency }) });
    expect(v.status).toBe(201);
    const vacancyId = v.body.workflowId as string;
    const approved = await stack.call('POST', `/v1/vacancies/${vacancyId}/decisions`, {
      actor: PPK,
      body: { decision: 'approve', fillingMethod: 'open_selection' },
    });
    expect(approved.status).toBe(200);

    const hr = await signIn(agency, HR);
    // The evidence upload checks the document kind by the domain's rule before anything is sent.
    await hr.getByRole('link', { name: 'Unggah bukti', exact: true }).click();
    await hr.getByLabel('Jenis dokumen').fill('Nota Dinas');
    await hr.getByLabel('Berkas (PDF atau gambar)').setInputFiles(pdf('nota_dinas'));
    await hr.getByRole('button', { name: 'Unggah', exact: true }).click();
    await hr.locator('.field-error', { hasText: 'Diawali huruf kecil' }).waitFor();
    await hr.getByLabel('Jenis dokumen').fill('nota_dinas');
    await hr.getByRole('button', { name: 'Unggah', exact: true }).click();
    await expect(hr.getByTestId('evidence-uploaded').innerText({ timeout: 30_000 })).resolves.toContain('evidence:');

    await hr.getByRole('link', { name: 'Buka seleksi', exact: true }).click();
    const selectionCode = uniqueCode('SELTER');
    await hr.getByLabel('Kode seleksi').fill(selectionCode);
    await hr.getByLabel(new RegExp(vacancyId)).check({ timeout: 45_000 });
    await hr.getByLabel('Penilaian tersamar (blind scoring)').check();
    const form = hr.locator('section.action');
    await expect(form.locator('.preview').innerText()).resolves.toContain('panitia dan asesor melihat kode peserta');
    await capture(hr, 'blind-selection-01-open');
    const id = `open-selection:${agency}:${selectionCode}`;
    await submitAndWait(form, 'Buka seleksi', async () => (await hr.locator('[data-testid="case-step"]').count()) > 0, 45_000);

    const opened = await eventually(async () => {
      const s = await stack.call('GET', `/v1/selections/${id}`);
      return s.status === 200 && s.body.decisions.length > 0 ? s.body : undefined;
    });
    expect(opened.decisions[0].payload).toMatchObject({ blindScoring: true });
    // HR reads names and the codebook; nothing is revealed before the ranking is signed.
    expect(opened.blindScoring).toMatchObject({ revealed: false });
  });
});
