import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { Stack, uniqueCode } from '../support/api-client';
import { eligibleProfile } from '../support/selection-fixtures';
import { enrol } from '../support/register-fixtures';
import { ConsoleBrowser, DOWNLOADS, capture, pdf, stepIs, submitAndWait, waitForStep, type ConsoleUser } from './browser';

/**
 * A whole open selection driven through the web console in Debian's Chromium: HR proposes, the PPK
 * approves, HR opens the selection, the PPK forms the committee, the chair announces, HR registers
 * and screens, the assessor assesses, every member declares and scores (sealed), the chair signs the
 * ranking, the overseer recommends, the PPK picks with a justification, HR records the decree and
 * the inauguration, and an auditor verifies, replays and downloads the dossier. No API call is made
 * behind the console's back: every step below is a click in the browser.
 */
jest.setTimeout(600_000);

type User = ConsoleUser & { agency: string };

describe('the web console drives a whole open selection', () => {
  const stack = new Stack();
  const ui = new ConsoleBrowser(stack);
  const cspErrors: string[] = [];
  const consoleUrl = ui.url;
  ui.onPage = (page) =>
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspErrors.push(m.text());
    });
  const agency = uniqueCode('PEMKAB');
  const positionCode = uniqueCode('KADIS');
  const selectionCode = uniqueCode('SELTER');
  const vacancyId = `vacancy:${agency}:${positionCode}`;
  const selectionId = `open-selection:${agency}:${selectionCode}`;
  const tag = Math.random().toString(16).slice(2, 6);
  const members = [
    { id: `pansel-ketua-${tag}`, name: 'Prof. Dr. Sri Wahyuni', affiliation: 'external', chair: true },
    { id: `pansel-2-${tag}`, name: 'Dr. Agus Salim', affiliation: 'external', chair: false },
    { id: `pansel-3-${tag}`, name: 'Dr. Rina Marlina', affiliation: 'external', chair: false },
    { id: `pansel-4-${tag}`, name: 'Ir. Bambang Priyono', affiliation: 'internal', chair: false },
    { id: `pansel-5-${tag}`, name: 'Drs. Joko Susilo', affiliation: 'internal', chair: false },
  ];
  const candidates = ['Andi Wijaya', 'Budi Hartono', 'Citra Lestari', 'Dewi Anggraini'].map((n) => eligibleProfile(n));
  const HR: User = { id: '198503152010012003', name: 'Siti Rahayu', role: 'hr_officer', agency };
  const PPK: User = { id: '196801011990031004', name: 'Bupati Sleman', role: 'ppk', agency };
  const CHAIR: User = { id: members[0].id, name: members[0].name, role: 'committee_chair', agency };
  const ASSESSOR: User = { id: 'asesor-01', name: 'Asesor UPT Penilaian Kompetensi', role: 'assessor', agency };
  const OVERSEER: User = { id: 'bkn-kanreg-1', name: 'Kanreg I BKN Yogyakarta', role: 'overseer', agency: '*' };
  const AUDITOR: User = { id: 'auditor-01', name: 'Auditor Sistem Merit', role: 'auditor', agency: '*' };

  /** A fresh browser context signed in as `user`; with `keyboard`, Enter in a field sends the sign-in form. */
  const signIn = (user: User, opts: { keyboard?: boolean } = {}): Promise<Page> =>
    ui.signIn(user, { agency: user.agency, acceptDownloads: true, keyboard: opts.keyboard });
  const openCase = (page: Page, id: string) => ui.openCase(page, id);

  beforeAll(async () => {
    await ui.start();
  });

  afterAll(async () => {
    await ui.close();
    await stack.close();
  });

  it('serves the console with its own CSP, in Bahasa Indonesia by default', async () => {
    const res = await fetch(consoleUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const html = await res.text();
    expect(html).toContain('<html lang="id">');
    // An unknown console route is the app (routed in the browser); a missing asset is not.
    expect((await fetch(`${consoleUrl}anything/deeper`)).status).toBe(200);
    expect((await fetch(`${consoleUrl}assets/missing.js`)).status).toBe(404);
  });

  let hr: Page;
  let ppk: Page;
  let chair: Page;

  it('HR proposes a vacancy; the PPK sees it in the inbox and approves it', async () => {
    hr = await signIn(HR);
    await capture(hr, 'open-selection-01-hr-inbox');
    await hr.getByRole('link', { name: 'Usulkan lowongan' }).click();
    await hr.getByLabel('Kode jabatan').fill(positionCode);
    await hr.getByLabel('Nama jabatan').fill('Kepala Dinas Pekerjaan Umum dan Penataan Ruang');
    await hr.getByLabel('Unit organisasi').fill('Dinas Pekerjaan Umum dan Penataan Ruang');
    await hr.getByLabel('Kompetensi 3', { exact: true }).fill('manajemen konstruksi');
    await hr.getByLabel('Alasan').fill('Pejabat sebelumnya memasuki masa pensiun');
    const form = hr.locator('section.action');
    // The action says what it will record before the click.
    await expect(form.locator('.preview').innerText()).resolves.toContain(vacancyId);
    await capture(hr, 'open-selection-02-hr-propose-vacancy');
    await submitAndWait(form, 'Usulkan lowongan', async () => (await hr.getByRole('link', { name: vacancyId }).count()) > 0);

    ppk = await signIn(PPK);
    const row = ppk.getByTestId('inbox-tasks').locator('tr', { hasText: vacancyId });
    await row.first().waitFor();
    await expect(row.first().innerText()).resolves.toMatch(/Setujui/);
    await capture(ppk, 'open-selection-03-ppk-inbox');
    await openCase(ppk, vacancyId);
    await submitAndWait(ppk.getByTestId('decide-approve'), 'Setujui lowongan', () => stepIs(ppk, 'approved'));
  });

  it('HR opens the selection; the PPK forms the committee after a refusal shown in plain words', async () => {
    await hr.getByRole('link', { name: 'Buka seleksi' }).click();
    await hr.getByLabel('Kode seleksi').fill(selectionCode);
    await hr.getByLabel(new RegExp(vacancyId)).check();
    await hr.getByLabel('Versi SOP').selectOption('1.0.0-test.console');
    await submitAndWait(hr.locator('section.action'), 'Buka seleksi', () => stepIs(hr, 'committee_formation'));

    await openCase(ppk, selectionId);
    const form = ppk.getByTestId('form-committee');
    for (const [i, m] of members.entries()) {
      await form.getByLabel(`ID anggota ${i + 1}`, { exact: true }).fill(m.id);
      await form.getByLabel(`Nama anggota ${i + 1}`, { exact: true }).fill(m.name);
    }
    await form.getByLabel('SK Pansel (PDF)').setInputFiles(pdf('sk_pansel'));
    // Four members break the composition rule (5–9, odd): the API refuses, the console explains.
    await form.getByRole('button', { name: 'Hapus anggota terakhir' }).click();
    await form.getByRole('button', { name: 'Bentuk panitia', exact: true }).click();
    const refusal = form.locator('.refusal');
    await refusal.waitFor({ timeout: 15_000 });
    const text = await refusal.innerText();
    expect(text).toMatch(/Ditolak/);
    expect(text).toMatch(/Aturan/);
    expect(text).toMatch(/Langkah selanjutnya/);
    await capture(ppk, 'open-selection-04-ppk-refusal-committee');
    expect(await stepIs(ppk, 'committee_formation')).toBe(true);

    await form.getByRole('button', { name: 'Tambah anggota' }).click();
    await form.getByLabel('ID anggota 5', { exact: true }).fill(members[4].id);
    await form.getByLabel('Nama anggota 5', { exact: true }).fill(members[4].name);
    await form.getByLabel('Asal 5', { exact: true }).selectOption('internal');
    await submitAndWait(form, 'Bentuk panitia', () => stepIs(ppk, 'announcement'));
  });

  it('the chair announces and HR registers candidates, the NIP checked as it is typed', async () => {
    chair = await signIn(CHAIR);
    await openCase(chair, selectionId);
    await openCase(hr, selectionId);
    // The candidates are officials in the agency's ASN register; the form names them by NIP. They are
    // enrolled before the announcement, so the registration window (30 s on the test SOP) is the typing's.
    await enrol(stack, agency, '-', candidates);
    const announce = chair.getByTestId('decide-announce');
    await announce.getByLabel('Pengumuman seleksi (PDF)').setInputFiles(pdf('pengumuman'));
    await submitAndWait(announce, 'Umumkan seleksi', () => stepIs(chair, 'registration'));

    // HR's page is reloaded at once: the registration window is open for 30 s.
    await hr.reload();
    await waitForStep(hr, 'registration', 10_000);
    const form = hr.getByTestId('register-candidates');
    const nip = form.getByLabel('NIP', { exact: true });
    await nip.fill(candidates[0].nip.slice(0, 10));
    await expect(form.locator('.field-error').first().innerText()).resolves.toMatch(/18 digit, bukan 10/);
    expect(await form.getByRole('button', { name: 'Tambahkan ke daftar' }).isDisabled()).toBe(true);
    await nip.fill(`${candidates[0].nip.slice(0, 4)}1399${candidates[0].nip.slice(8)}`);
    await expect(form.locator('.field-error').first().innerText()).resolves.toMatch(/tanggal lahir/);
    for (const c of candidates) {
      await nip.fill(c.nip);
      await form.getByRole('button', { name: 'Tambahkan ke daftar' }).click();
    }
    await submitAndWait(
      form,
      `Daftarkan ${candidates.length} pelamar`,
      async () => (await hr.getByTestId('candidates').locator('tbody tr').count()) === candidates.length,
    );
    await capture(hr, 'open-selection-05-hr-registered');
    // Screening opens when the 30 s window closes.
    await waitForStep(hr, 'screening', 75_000);
  });

  it('HR screens every candidate and the chair closes screening', async () => {
    for (const c of candidates) {
      const form = hr.getByTestId(`screen-${c.nip}`);
      // Screening starts empty: no result chosen, no reason written, nothing to send yet.
      const send = form.getByRole('button', { name: `Catat hasil ${c.name}`, exact: true });
      expect(await form.getByLabel('Lulus', { exact: true }).isChecked()).toBe(false);
      expect(await form.getByLabel(`Alasan ${c.nip}`).inputValue()).toBe('');
      expect(await send.isDisabled()).toBe(true);
      await form.getByLabel('Lulus', { exact: true }).check();
      await form.getByLabel(`Alasan ${c.nip}`).fill('Berkas lengkap dan sah');
      expect(await send.isDisabled()).toBe(true);
      await form.getByLabel(`Nilai administrasi ${c.nip}`).fill('85');
      await submitAndWait(form, `Catat hasil ${c.name}`, async () => (await hr.getByTestId(`screen-${c.nip}`).count()) === 0);
    }
    await chair.reload();
    const close = chair.getByTestId('decide-close_screening');
    await close.waitFor();
    await close.getByLabel('Berita acara seleksi administrasi (PDF)').setInputFiles(pdf('ba_seleksi_administrasi'));
    await submitAndWait(close, 'Tutup seleksi administrasi', () => stepIs(chair, 'assessment'));
  });

  const memberPages: Page[] = [];

  it('the assessor records each assessment with its report', async () => {
    const assessor = await signIn(ASSESSOR);
    await openCase(assessor, selectionId);
    for (const [i, c] of candidates.entries()) {
      const form = assessor.getByTestId(`assess-${c.nip}`);
      await form.waitFor();
      const level = String(5 - Math.min(i, 2));
      for (const comp of ['integritas', 'kerjasama', 'manajemen konstruksi']) {
        await form.getByLabel(new RegExp(`^${comp} .* ${c.nip}$`)).fill(level);
      }
      await form.getByLabel(`Laporan asesor (PDF) ${c.nip}`).setInputFiles(pdf('laporan_asesor'));
      if (i === 0) await capture(assessor, 'open-selection-06-assessor');
      await submitAndWait(form, `Catat asesmen ${c.name}`, async () => (await assessor.getByTestId(`assess-${c.nip}`).count()) === 0);
    }
    // Every member signs in while the assessments finish; the review (test.console SOP) ends when all have scored.
    for (const [i, m] of members.entries()) {
      memberPages.push(i === 0 ? chair : await signIn({ id: m.id, name: m.name, role: 'committee_member', agency }));
    }
    await chair.reload();
    await waitForStep(chair, 'committee_review');
  });

  it('each member declares conflicts and scores; votes stay sealed, the quorum is shown', async () => {
    for (const [mi, page] of memberPages.entries()) {
      if (mi > 0) await openCase(page, selectionId);
      else await page.reload();
      await waitForStep(page, 'committee_review', 10_000);
      const declare = page.getByTestId('declare-interests');
      await declare.waitFor();
      await submitAndWait(declare, 'Kirim pernyataan', async () => (await page.getByTestId('score-sheet').count()) > 0);
      const sheet = page.getByTestId('score-sheet');
      for (const [ci, c] of candidates.entries()) {
        const v = String(88 - 4 * ci + mi);
        await sheet.getByLabel(`Nilai makalah ${c.nip}`).fill(v);
        await sheet.getByLabel(`Nilai wawancara ${c.nip}`).fill(v);
      }
      await submitAndWait(
        sheet,
        'Kirim nilai',
        async () => (await page.getByTestId('score-sheet').count()) === 0 || (await stepIs(page, 'ranking')),
      );
      if (mi === 0) {
        // The first to score sees the seal and only their own votes.
        const sealed = page.getByTestId('review-sealed');
        await sealed.waitFor();
        expect(await sealed.getAttribute('data-sealed')).toBe('true');
        await page.getByTestId('votes').waitFor();
        const voters = await page.getByTestId('votes').locator('tbody tr td:first-child').allInnerTexts();
        expect(voters.length).toBe(candidates.length);
        expect(new Set(voters)).toEqual(new Set([members[0].id]));
        expect(await page.getByTestId('quorum').locator('tbody tr').count()).toBe(candidates.length);
        // One of five has scored: members who have not declared yet still count, and are named as pending.
        const row = page.getByTestId('quorum').locator(`tbody tr[data-nip="${candidates[0].nip}"]`);
        await expect(row.innerText()).resolves.toContain('1 dari 5 sudah menilai, kuorum 3');
        expect(await row.getAttribute('data-met')).toBe('false');
        await expect(row.innerText()).resolves.toContain(members[4].name);
        await capture(page, 'open-selection-07-committee-sealed-quorum');
      }
    }
    await waitForStep(chair, 'ranking');
  });

  it('the chair signs the ranking; the overseer recommends', async () => {
    const sign = chair.getByTestId('decide-sign_ranking');
    await sign.waitFor();
    await sign.getByLabel('Berita acara pemeringkatan (PDF)').setInputFiles(pdf('ba_pemeringkatan'));
    await submitAndWait(sign, 'Tandatangani berita acara peringkat', () => stepIs(chair, 'external_review'));

    const overseer = await signIn(OVERSEER);
    await openCase(overseer, selectionId);
    const rec = overseer.getByTestId('decide-recommend');
    await rec.waitFor();
    // Nothing is recommended until the overseer picks names from the shortlist; it then orders them.
    const boxes = rec.getByRole('checkbox');
    expect(await boxes.count()).toBe(3);
    for (let i = 0; i < 3; i++) expect(await boxes.nth(i).isChecked()).toBe(false);
    await rec.getByLabel(`Surat rekomendasi ${positionCode} (PDF)`).setInputFiles(pdf('rekomendasi_bkn'));
    expect(await rec.getByRole('button', { name: `Beri rekomendasi ${positionCode}`, exact: true }).isDisabled()).toBe(true);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    const order = rec.getByTestId(`recommend-order-${positionCode}`);
    const second = (await order.locator('li').nth(1).innerText()).split('\n')[0].replace(/[↑↓]/g, '').trim();
    await order.getByRole('button', { name: `Naikkan ${second}` }).click();
    await expect(order.locator('li').first().innerText()).resolves.toContain(second);
    await capture(overseer, 'open-selection-08a-overseer-recommend');
    await submitAndWait(rec, `Beri rekomendasi ${positionCode}`, () => stepIs(overseer, 'ppk_decision'));
    const shortlist = overseer.getByTestId(`shortlist-${positionCode}`);
    const rows = shortlist.locator('tbody tr');
    await expect(rows.nth(1).locator('td').last().innerText()).resolves.toBe('1');
    await expect(rows.nth(0).locator('td').last().innerText()).resolves.toBe('2');
    await expect(rows.nth(2).locator('td').last().innerText()).resolves.toBe('—');
  });

  it('the PPK reviews the shortlist with scores and picks the second-ranked, with the justification required', async () => {
    await openCase(ppk, selectionId);
    await waitForStep(ppk, 'ppk_decision');
    const shortlist = ppk.getByTestId(`shortlist-${positionCode}`);
    expect(await shortlist.locator('tbody tr').count()).toBe(3);
    await capture(ppk, 'open-selection-08-ppk-shortlist');
    const form = ppk.getByTestId(`pick-${positionCode}`);
    await form.getByRole('radio').nth(1).check();
    const button = form.getByRole('button', { name: 'Tetapkan pilihan' });
    expect(await button.isDisabled()).toBe(true);
    await expect(form.locator('.preview').innerText()).resolves.toMatch(/wajib, karena bukan peringkat pertama/);
    await form.getByLabel('Alasan memilih selain peringkat pertama').fill('Pengalaman lapangan di bidang konstruksi lebih relevan');
    expect(await button.isDisabled()).toBe(false);
    await submitAndWait(form, 'Tetapkan pilihan', () => stepIs(ppk, 'appointment'));
  });

  it('HR records the decree and the inauguration; the selection closes', async () => {
    await openCase(hr, selectionId);
    await waitForStep(hr, 'appointment');
    const decree = hr.getByTestId('record-decree');
    await decree.waitFor();
    await decree.getByLabel('Nomor SK').fill('821.2/123/2026');
    await decree.getByLabel('TMT (terhitung mulai tanggal)').fill('2026-12-01');
    await decree.getByLabel('SK pengangkatan (PDF)').setInputFiles(pdf('sk_pengangkatan'));
    await submitAndWait(decree, 'Catat SK', async () => (await hr.getByTestId('record-inauguration').count()) > 0);
    const inaug = hr.getByTestId('record-inauguration');
    await inaug.getByLabel('Tanggal pelantikan').fill('2026-12-02');
    await inaug.getByLabel('Berita acara pelantikan (PDF)').setInputFiles(pdf('ba_pelantikan'));
    await submitAndWait(inaug, 'Catat pelantikan', () => stepIs(hr, 'closed'), 45_000);
    await capture(hr, 'open-selection-09-hr-closed');
  });

  it('an auditor reads the case, verifies the ledger, replays the histories and downloads the dossier', async () => {
    const auditor = await signIn(AUDITOR, { keyboard: true });
    await openCase(auditor, selectionId);
    // Read-only: no action form for the auditor.
    expect(await auditor.locator('section.action').count()).toBe(0);
    const rows = auditor.locator('table.timeline tbody tr');
    await auditor.waitForFunction(() => document.querySelectorAll('table.timeline tbody tr').length >= 20);
    const timeline = await auditor.locator('table.timeline').innerText();
    expect(timeline).toContain('Bupati Sleman');
    expect(timeline).toContain('open-selection@1.0.0-test.console');
    expect(timeline).toContain('Pengalaman lapangan di bidang konstruksi lebih relevan');
    expect(timeline).toMatch(/sk_pansel [0-9a-f]{12}/);
    expect(await rows.count()).toBeGreaterThanOrEqual(20);

    await auditor.getByRole('button', { name: 'Verifikasi rantai hash buku besar' }).click();
    const verify = auditor.getByTestId('verify-result');
    await verify.waitFor({ timeout: 60_000 });
    expect(await verify.getAttribute('data-ok')).toBe('true');
    await auditor.getByRole('button', { name: 'Putar ulang riwayat alur kerja' }).click();
    const replay = auditor.getByTestId('replay-result');
    await replay.waitFor({ timeout: 120_000 });
    expect(await replay.getAttribute('data-verdict')).toBe('consistent');
    // Not swept yet (the suite's sweep runs hourly): every history still comes from Temporal, and the page says so.
    expect(await auditor.getByTestId('replay-sources').textContent()).toMatch(/^Riwayat dari arsip: 0 · dari Temporal: \d+$/);
    await capture(auditor, 'open-selection-10-auditor-verified');

    for (const ext of ['pdf', 'json', 'csv'] as const) {
      const [dl] = await Promise.all([
        auditor.waitForEvent('download', { timeout: 60_000 }),
        auditor.getByRole('button', { name: `Unduh berkas ${ext.toUpperCase()}` }).click(),
      ]);
      expect(dl.suggestedFilename()).toBe(`dossier-${selectionId.replace(/[^A-Za-z0-9._-]+/g, '_')}.${ext}`);
      const file = path.join(DOWNLOADS, dl.suggestedFilename());
      await dl.saveAs(file);
      expect(statSync(file).size).toBeGreaterThan(100);
      if (ext === 'pdf') expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
      if (ext === 'json') expect(JSON.parse(readFileSync(file, 'utf8'))).toBeTruthy();
    }

    // English on request: the same page, in English.
    await auditor.getByLabel('Bahasa').selectOption('en');
    await auditor.getByRole('heading', { name: 'Decision timeline' }).waitFor();
    expect(await auditor.evaluate(() => document.documentElement.lang)).toBe('en');
    await capture(auditor, 'open-selection-11-auditor-english');
    expect(cspErrors).toEqual([]);
  });
});
