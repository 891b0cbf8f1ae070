import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { HR, PPK, Stack, eventually, uniqueCode } from '../support/api-client';
import { hrOf, newAgency, registerOfficial } from '../support/register-fixtures';
import { ConsoleBrowser, capture, pdf, stepIs, submitAndWait, waitForStep } from './browser';

/**
 * A discipline case in Debian's Chromium: the PPK decides level and sanction in the console (the
 * sanction list follows the level); HR drafts the SK on the case page, its PDF's SHA-256 shown and
 * matching the download, and records the decree citing that PDF; HR finds the case in the case list,
 * which names no one, and its page shows the official, the decision, the appeal window, the sanction
 * in force with its end date and timer, and the register changes; when the timer ends HR records the
 * restoration in the console. The report and the examination go through the API on the test-fast SOP.
 */
jest.setTimeout(180_000);

const today = () => new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const shownInIndonesian = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
};

describe('a discipline case in the web console', () => {
  const stack = new Stack();
  const ui = new ConsoleBrowser(stack);
  let agency: string;
  let caseId: string;
  let caseCode: string;
  const name = 'Rudi Hartono';

  let hr: Page;

  beforeAll(async () => {
    await ui.start();
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
    await ui.close();
    await stack.close();
  });

  it('the PPK decides the level and a sanction of that level in the console', async () => {
    const ppk = await ui.signIn(PPK, { agency });
    await ui.openCase(ppk, caseId);
    await waitForStep(ppk, 'decision');
    const form = ppk.getByTestId('decide-sanction');
    await form.getByLabel('Tingkat hukuman', { exact: true }).selectOption('medium');
    // Levels and sanctions read in words; only medium sanctions are offered once the level is medium.
    expect(await form.getByLabel('Tingkat hukuman', { exact: true }).locator('option').allInnerTexts()).toEqual([
      'Ringan',
      'Sedang',
      'Berat',
    ]);
    const offered = await form.getByLabel('Jenis hukuman', { exact: true }).locator('option').allInnerTexts();
    expect(offered).toEqual([
      'Pemotongan tunjangan kinerja 25% selama 6 bulan',
      'Pemotongan tunjangan kinerja 25% selama 9 bulan',
      'Pemotongan tunjangan kinerja 25% selama 12 bulan',
    ]);
    expect(await form.getByLabel('Jenis hukuman', { exact: true }).inputValue()).toBe('potongan_tunjangan_25_6_bulan');
    await form.getByLabel('Alasan').fill('Terbukti tidak masuk kerja tanpa alasan sah');
    await capture(ppk, 'discipline-01-ppk-decides');
    await form.getByRole('button', { name: 'Tetapkan', exact: true }).click();
    // A sanction is a destructive decision (the domain's registry): the console asks before sending it,
    // repeating what will be recorded in words.
    const dialogText = await form.getByTestId('confirm-dialog').innerText();
    expect(dialogText).toContain('Sedang');
    expect(dialogText).toContain('Pemotongan tunjangan kinerja 25% selama 6 bulan');
    expect(dialogText).not.toContain('potongan_tunjangan');
    await submitAndWait(form.getByTestId('confirm-dialog'), 'Ya, tetapkan hukuman', () => stepIs(ppk, 'decree'));
  });

  it('HR drafts the SK on the case page, sees its PDF’s SHA-256, and records the decree citing it', async () => {
    hr = await ui.signIn(HR, { agency, acceptDownloads: true });
    await ui.openCase(hr, caseId);
    await waitForStep(hr, 'decree');
    const panel = hr.getByTestId('decree-panel');
    await panel.getByLabel('Ditetapkan di').fill('Sleman');
    await panel.getByLabel('Jabatan penandatangan (mis. Bupati Sleman)').fill('Bupati Sleman');
    await panel.getByRole('button', { name: 'Buat SK', exact: true }).click();
    const draft = panel.getByTestId('decree-draft');
    await draft.waitFor();
    // The record form cites the drafted PDF by its hash, and that hash is the downloaded file's.
    const form = hr.getByTestId('decide-record_decree');
    const cited = form.getByTestId('cited-decree-sha256');
    await cited.waitFor();
    const sha256 = (await cited.innerText()).trim();
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    await expect(draft.innerText()).resolves.toContain(sha256);
    const [download] = await Promise.all([hr.waitForEvent('download'), panel.getByRole('button', { name: 'Unduh PDF' }).click()]);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
    // Number, date and TMT come from the draft; no upload is asked for.
    const number = await form.getByLabel('Nomor SK').inputValue();
    expect(number).not.toBe('');
    await expect(draft.innerText()).resolves.toContain(number);
    // The date fields show the day in Indonesian ("6 Desember 2026") and send it as YYYY-MM-DD.
    expect(await form.getByLabel('Tanggal SK').inputValue()).toBe(shownInIndonesian(today()));
    expect(await form.getByLabel('TMT (terhitung mulai tanggal)').inputValue()).toBe(shownInIndonesian(today()));
    await capture(hr, 'discipline-02-decree-drafted');
    await submitAndWait(form, 'Catat SK hukuman disiplin', async () => !(await stepIs(hr, 'decree')));

    // The ledger row cites the drafted PDF: the stored SK counts it, and the case shows the number.
    const state = await eventually(async () => {
      const body = (await stack.call('GET', `/v1/discipline-cases/${caseId}`, { actor: hrOf(agency) })).body;
      return body.decisions?.some((d: { decision: string }) => d.decision === 'record_decree') ? body : undefined;
    });
    expect(state.decree).toMatchObject({ number, date: today(), effectiveDate: today() });
    const row = state.decisions.find((d: { decision: string }) => d.decision === 'record_decree');
    expect(row.evidence).toEqual([expect.objectContaining({ sha256 })]);
    await hr.reload();
    await expect(hr.getByTestId('decree-draft').innerText()).resolves.toMatch(/Dirujuk keputusan\s*1/);
  });

  it('HR finds the case in a list that names no one, sees the sanction, timers and register changes, and records the restoration', async () => {
    await ui.goto(hr, 'cases');
    await hr.getByLabel('Jenis kasus').selectOption('discipline');
    const row = hr.locator('tbody tr', { hasText: caseId });
    await row.waitFor();
    expect(await row.innerText()).toContain(`Kasus disiplin ${caseCode}`);
    expect(await row.innerText()).not.toContain(name);
    await row.getByRole('link').click();
    await waitForStep(hr, 'in_force', 30_000);
    expect(await hr.getByTestId('disc-subject').innerText()).toContain(name);
    const decided = await hr.getByTestId('disc-decided').innerText();
    expect(decided).toContain('Pemotongan tunjangan kinerja 25% selama 6 bulan (Sedang)');
    expect(decided).not.toMatch(/potongan_tunjangan|medium/);
    expect(await hr.getByTestId('disc-appeal-window').innerText()).toContain('Keberatan');
    expect(await hr.getByTestId('disc-appeal-window').getAttribute('data-closed')).toBe('true');
    // Dates read the Indonesian way ("6 Desember 2026"), never as ISO.
    const inForce = await hr.getByTestId('disc-in-force').innerText();
    expect(inForce).toMatch(new RegExp(`${shownInIndonesian(today())} – \\d{1,2} [A-Z][a-z]+ \\d{4}`));
    expect(inForce).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(await hr.getByTestId('disc-appeal-window').innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const changes = await hr.getByTestId('disc-register-changes').innerText();
    expect(changes).toContain('Hukuman disiplin dicatat');
    expect(changes).toContain('Pemotongan tunjangan kinerja 25% selama 6 bulan');
    expect(changes).not.toMatch(/sanction_recorded|potongan_tunjangan|imposedOn/);
    expect(await hr.getByTestId('disc-in-force').innerText()).not.toContain('potongan_tunjangan');
    await capture(hr, 'discipline-03-in-force');
    // The durable timer ends the cut and opens HR's restoration step; the page follows.
    await waitForStep(hr, 'restoration', 45_000);
    const form = hr.getByTestId('record-restoration');
    await form.getByLabel('Bukti pemulihan').setInputFiles(pdf('nota_pemulihan'));
    await submitAndWait(form, 'Catat pemulihan', () => stepIs(hr, 'completed'));
    await capture(hr, 'discipline-04-completed');
  });
});
