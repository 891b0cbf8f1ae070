import type { Browser, Page } from 'playwright-core';
import { PPK, Stack, uniqueCode } from '../support/api-client';
import { evidence } from '../support/move-fixtures';
import { hrOf, newAgency, registerOfficial } from '../support/register-fixtures';
import { launchChromium, screenshot, waitForStep } from './browser';

/**
 * The HR view of a discipline case in Debian's Chromium: the case list filtered to discipline, then
 * the case page with the official, the PPK's decision, the appeal window, the sanction in force with
 * its end date and timer, the register changes, and the step moving on when the timer ends. The case
 * is driven through the API on the test-fast SOP; everything checked is read off the page.
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

  async function signIn(role: string, sub: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(consoleUrl);
    await page.getByRole('heading', { name: 'Masuk' }).waitFor();
    await page.getByLabel('NIP atau ID pengguna').fill(sub);
    await page.getByLabel('Nama', { exact: true }).fill('Petugas');
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
    const hr = hrOf(agency);
    caseCode = uniqueCode('HD');
    const opened = await stack.call('POST', '/v1/discipline-cases', {
      actor: hr,
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
    const d = (actor: typeof hr, body: Record<string, unknown>) =>
      stack.call('POST', `/v1/discipline-cases/${caseId}/decisions`, { actor, body });
    expect((await d(hr, { decision: 'record_examination', examinedOn: today(), team: [], reason: 'Diperiksa atasan' })).status).toBe(200);
    expect(
      (await d(PPK, { decision: 'decide_sanction', level: 'medium', sanction: 'potongan_tunjangan_25_6_bulan', reason: 'Terbukti' }))
        .status,
    ).toBe(200);
    const decree = { decision: 'record_decree', decreeNumber: 'SK-HD-77', decreeDate: today(), effectiveDate: today() };
    expect((await d(hr, { ...decree, evidence: await evidence(stack, 'sk_hukdis', agency) })).status).toBe(200);
  });

  afterAll(async () => {
    await close();
    await stack.close();
  });

  it('lists the case for HR without naming the official, and shows its sanction, timers and register changes', async () => {
    const page = await signIn('hr_officer', '198503152010012003');
    await page.goto(`${consoleUrl}#/cases`);
    await page.getByLabel('Jenis kasus').selectOption('discipline');
    const row = page.locator('tbody tr', { hasText: caseId });
    await row.waitFor();
    expect(await row.innerText()).toContain(`Kasus disiplin ${caseCode}`);
    expect(await row.innerText()).not.toContain(name);
    await row.getByRole('link').click();
    await waitForStep(page, 'in_force', 30_000);
    expect(await page.getByTestId('disc-subject').innerText()).toContain(name);
    expect(await page.getByTestId('disc-decided').innerText()).toContain('potongan_tunjangan_25_6_bulan (medium)');
    expect(await page.getByTestId('disc-appeal-window').getAttribute('data-closed')).toBe('true');
    expect(await page.getByTestId('disc-in-force').innerText()).toMatch(new RegExp(`${today()} – \\d{4}-\\d{2}-\\d{2}`));
    expect(await page.getByTestId('disc-register-changes').innerText()).toContain('sanction_recorded');
    await screenshot(page, 'discipline-01-in-force');
    // The durable timer ends the cut and opens HR's restoration step; the page follows.
    await waitForStep(page, 'restoration', 45_000);
    await screenshot(page, 'discipline-02-restoration');
  });
});
