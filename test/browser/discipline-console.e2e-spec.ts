import type { Browser, Page } from 'playwright-core';
import { PPK, Stack, uniqueCode } from '../support/api-client';
import { evidence } from '../support/move-fixtures';
import { hrOf, newAgency, registerOfficial } from '../support/register-fixtures';
import { launchChromium, pdf, screenshot, stepIs, submitAndWait, waitForStep } from './browser';

/**
 * A discipline case in Debian's Chromium: the PPK decides level and sanction in the console (the
 * sanction list follows the level); HR finds the case in the case list, which names no one, and its
 * page shows the official, the decision, the appeal window, the sanction in force with its end date
 * and timer, and the register changes; when the timer ends HR records the restoration in the console.
 * The report, the examination and the decree go through the API on the test-fast SOP.
 */
jest.setTimeout(180_000);

const today = () => new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);

describe('a discipline case in the web console', () => {
  const stack = new Stack();
  const consoleUrl = `${stack.state.apiUrl.replace(/\/api$/, '')}/console/`;
  let browser: Browser;
  let close: () => Promise<void>;
  let agency: string;
  let caseId: string;
  let caseCode: string;
  const name = 'Rudi Hartono';

  async function signIn(role: string, sub: string, who: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(consoleUrl);
    await page.getByRole('heading', { name: 'Masuk' }).waitFor();
    await page.getByLabel('NIP atau ID pengguna').fill(sub);
    await page.getByLabel('Nama', { exact: true }).fill(who);
    await page.getByLabel('Peran', { exact: true }).selectOption(role);
    await page.getByLabel('Kode instansi').fill(agency);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.getByTestId('signed-in-as').waitFor();
    return page;
  }

  beforeAll(async () => {
    ({ browser, close } = await launchChromium());
    agency = newAgency();
    const { nip, res } = await registerOfficial(stack, { agencyCode: agency, name });
    expect(res.status).toBe(201);
    caseCode = uniqueCode('HD');
    const opened = await stack.call('POST', '/v1/discipline-cases', {
      actor: hrOf(agency),
      body: {
        agencyCode: agency,
        caseCode,
        nip,
        allegation: 'Tidak masuk kerja 10 hari',
        reportedOn: today(),
        sopVersion: '1.0.0-test.fast',
      },
    });
    expect(opened.status).toBe(201);
    caseId = opened.body.workflowId;
    const examined = await stack.call('POST', `/v1/discipline-cases/${caseId}/decisions`, {
      actor: hrOf(agency),
      body: { decision: 'record_examination', examinedOn: today(), team: [], reason: 'Diperiksa atasan' },
    });
    expect(examined.status).toBe(200);
  });

  afterAll(async () => {
    await close();
    await stack.close();
  });

  it('the PPK decides the level and a sanction of that level in the console', async () => {
    const ppk = await signIn('ppk', PPK.id, PPK.name!);
    await ppk.goto(`${consoleUrl}#/case/${encodeURIComponent(caseId)}`);
    await waitForStep(ppk, 'decision');
    const form = ppk.getByTestId('decide-sanction');
    await form.getByLabel('Tingkat hukuman').selectOption('medium');
    // Only medium sanctions are offered once the level is medium.
    const offered = await form.getByLabel('Jenis hukuman').locator('option').allInnerTexts();
    expect(offered).toEqual(['potongan_tunjangan_25_6_bulan', 'potongan_tunjangan_25_9_bulan', 'potongan_tunjangan_25_12_bulan']);
    await form.getByLabel('Alasan').fill('Terbukti tidak masuk kerja tanpa alasan sah');
    await screenshot(ppk, 'discipline-01-ppk-decides');
    await form.getByRole('button', { name: 'Tetapkan', exact: true }).click();
    // A sanction is a destructive decision (the domain's registry): the console asks before sending it.
    await form.getByTestId('confirm-dialog').getByRole('button', { name: 'Ya, tetapkan hukuman' }).click();
    await waitForStep(ppk, 'decree');
    const decree = { decision: 'record_decree', decreeNumber: 'SK-HD-77', decreeDate: today(), effectiveDate: today() };
    const res = await stack.call('POST', `/v1/discipline-cases/${caseId}/decisions`, {
      actor: hrOf(agency),
      body: { ...decree, evidence: await evidence(stack, 'sk_hukdis', agency) },
    });
    expect(res.status).toBe(200);
  });

  it('HR finds the case in a list that names no one, sees the sanction, timers and register changes, and records the restoration', async () => {
    const hr = await signIn('hr_officer', '198503152010012003', 'Siti Rahayu');
    await hr.goto(`${consoleUrl}#/cases`);
    await hr.getByLabel('Jenis kasus').selectOption('discipline');
    const row = hr.locator('tbody tr', { hasText: caseId });
    await row.waitFor();
    expect(await row.innerText()).toContain(`Kasus disiplin ${caseCode}`);
    expect(await row.innerText()).not.toContain(name);
    await row.getByRole('link').click();
    await waitForStep(hr, 'in_force', 30_000);
    expect(await hr.getByTestId('disc-subject').innerText()).toContain(name);
    expect(await hr.getByTestId('disc-decided').innerText()).toContain('potongan_tunjangan_25_6_bulan (medium)');
    expect(await hr.getByTestId('disc-appeal-window').getAttribute('data-closed')).toBe('true');
    expect(await hr.getByTestId('disc-in-force').innerText()).toMatch(new RegExp(`${today()} – \\d{4}-\\d{2}-\\d{2}`));
    expect(await hr.getByTestId('disc-register-changes').innerText()).toContain('sanction_recorded');
    await screenshot(hr, 'discipline-02-in-force');
    // The durable timer ends the cut and opens HR's restoration step; the page follows.
    await waitForStep(hr, 'restoration', 45_000);
    const form = hr.getByTestId('record-restoration');
    await form.getByLabel('Bukti pemulihan').setInputFiles(pdf('nota_pemulihan'));
    await submitAndWait(form, 'Catat pemulihan', () => stepIs(hr, 'completed'));
    await screenshot(hr, 'discipline-03-completed');
  });
});
