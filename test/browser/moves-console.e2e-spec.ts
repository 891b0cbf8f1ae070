import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { HR, PPK, Stack, eventually, uniqueCode } from '../support/api-client';
import { moveFacts, region, registerInPages, rotations, talentPromotionCase } from '../support/move-fixtures';
import { administratorHistory, hrOf, namedMoves, registerOfficial } from '../support/register-fixtures';
import {
  ConsoleBrowser,
  capture,
  expectNoSeriousA11yViolations,
  pdf,
  stepIs,
  submitAndWait,
  waitForStep,
  type ConsoleUser,
} from './browser';

/**
 * Moves in the console, in Debian's Chromium: HR opens a mutation, a talent promotion and a bulk
 * move from the console, picking the officials from the register, and each decision after that is
 * taken on the case page through the form its allowed decisions give. Only the register and the
 * reference data are seeded through the API; every proposal and decision goes through the page.
 */
jest.setTimeout(420_000);

const TPK: ConsoleUser = { id: 'tpk-ketua-01', name: 'Ketua TPK', role: 'committee_chair' };
/** Today as a WIB calendar date: the decree's TMT, inside the backdating limit. */
const today = () => new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);

describe('moves, talent promotions and bulk moves in the web console', () => {
  const stack = new Stack();
  const ui = new ConsoleBrowser(stack);
  const signIn = (agency: string, user: ConsoleUser) => ui.signIn(user, { agency });

  async function pick(form: Locator, name: string): Promise<void> {
    await form.getByRole('combobox', { name: 'Cari pegawai di register' }).fill(name);
    await form.getByRole('option', { name: new RegExp(name) }).click();
  }

  const openCase = (page: Page, id: string) => ui.openCase(page, id);

  async function decide(page: Page, decision: string, button: string, step: string, fill?: (f: Locator) => Promise<void>) {
    const form = page.getByTestId(`decide-${decision}`);
    await form.waitFor();
    await fill?.(form);
    await submitAndWait(form, button, () => stepIs(page, step));
  }

  const decree = (number: string) => async (f: Locator) => {
    await f.getByLabel('Nomor SK').fill(number);
    await f.getByLabel('TMT (terhitung mulai tanggal)').fill(today());
    await f.locator('input[type="file"]').setInputFiles(pdf('sk'));
  };

  beforeAll(async () => {
    await ui.start();
  });
  afterAll(async () => {
    await ui.close();
    await stack.close();
  });

  it('HR proposes a mutation picked from the register; the TPK advises, the PPK approves (a reject asks to confirm first), HR records the decree', async () => {
    const agency = uniqueCode('PEMKAB');
    const reg = await region(stack);
    const facts = moveFacts(agency, reg);
    facts.person = { ...facts.person, name: 'Rudi Hartanto' };
    await namedMoves(stack, facts);

    const hr = await signIn(agency, HR);
    await ui.goto(hr, 'moves/new');
    const form = hr.getByTestId('propose-move');
    // A NIP typed wrong is refused on its field, in the domain's own words, and nothing can be sent.
    const nipField = form.getByLabel('NIP pegawai');
    await nipField.fill('19820304200801');
    await nipField.blur();
    await form.getByText('NIP harus 18 digit, bukan 14').waitFor();
    expect(await nipField.getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByRole('button', { name: 'Usulkan', exact: true }).isDisabled()).toBe(true);
    await pick(form, 'Rudi Hartanto');
    expect(await nipField.inputValue()).toBe(facts.person.nip);
    expect(await nipField.getAttribute('aria-invalid')).toBeNull();
    await hr.getByTestId('picked-person').waitFor();
    // The post left comes from the register; the clerk names the region and the post entered.
    expect(await form.getByLabel('Kode jabatan (Jabatan asal)').inputValue()).toBe(facts.from.positionCode);
    await form.getByLabel('Kode wilayah (Jabatan asal)').fill(reg);
    await form.getByLabel('Kode wilayah (Jabatan tujuan)').fill(reg);
    await form.getByLabel('Kode jabatan (Jabatan tujuan)').fill(facts.to.positionCode);
    await form.getByLabel('Alasan').fill('Penyegaran organisasi');
    await capture(hr, 'move-01-hr-propose');
    const id = `move:${agency}:${facts.person.nip}`;
    const link = hr.getByRole('link', { name: id });
    await submitAndWait(form, 'Usulkan', async () => (await link.count()) > 0);
    await link.click();
    await waitForStep(hr, 'tpk_review');
    await hr.getByTestId('move-verdicts').waitFor();
    // HR may only withdraw here; the TPK's advice is not HR's form.
    expect(await hr.getByTestId('decide-tpk_advise').count()).toBe(0);
    expect(await hr.getByTestId('decide-withdraw').count()).toBe(1);

    const tpk = await signIn(agency, TPK);
    await openCase(tpk, id);
    await decide(tpk, 'tpk_advise', 'Catat pertimbangan TPK', 'ppk_decision', async (f) => {
      await f.getByLabel('Alasan', { exact: true }).fill('Memenuhi kompetensi jabatan tujuan');
      await f.locator('input[type="file"]').setInputFiles(pdf('ba_tpk'));
    });

    const ppk = await signIn(agency, PPK);
    await openCase(ppk, id);
    const reject = ppk.getByTestId('decide-reject');
    await reject.waitFor();
    await reject.getByLabel('Alasan', { exact: true }).fill('Uji konfirmasi');
    // Rejecting asks first; cancelling the dialog records nothing.
    await reject.getByRole('button', { name: 'Tolak pemindahan', exact: true }).click();
    const dialog = reject.getByTestId('confirm-dialog');
    await dialog.waitFor();
    await expectNoSeriousA11yViolations(ppk, 'the reject confirmation');
    await dialog.getByRole('button', { name: 'Batal', exact: true }).click();
    await reject.getByText('Dibatalkan: tidak ada yang dicatat.').waitFor();
    expect(await stepIs(ppk, 'ppk_decision')).toBe(true);
    await capture(ppk, 'move-02-ppk-decision');
    await decide(ppk, 'approve', 'Setujui pemindahan', 'decree');

    // HR drafts the SK on the case page, downloads its PDF, and records the decree citing that PDF.
    await hr.reload();
    const panel = hr.getByTestId('decree-panel');
    await panel.getByLabel('Ditetapkan di').fill('Sleman');
    await panel.getByRole('button', { name: 'Buat SK', exact: true }).click();
    await panel.getByTestId('decree-draft').waitFor();
    const recordForm = hr.getByTestId('decide-record_decree');
    const cited = recordForm.getByTestId('cited-decree-sha256');
    await cited.waitFor();
    const sha256 = (await cited.innerText()).trim();
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    const [download] = await Promise.all([hr.waitForEvent('download'), panel.getByRole('button', { name: 'Unduh PDF' }).click()]);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
    // The form is prefilled from the draft: its number and TMT, and no upload is needed.
    const number = await recordForm.getByLabel('Nomor SK').inputValue();
    expect(number).not.toBe('');
    expect(await panel.getByTestId('decree-draft').innerText()).toContain(number);
    await capture(hr, 'move-03-decree-drafted');
    await decide(hr, 'record_decree', 'Catat SK pemindahan', 'completed');
    await expect(hr.getByTestId('move-decree').innerText()).resolves.toContain(number);
    // The stored SK now counts the ledger row that cites it.
    await hr.reload();
    await expect(hr.getByTestId('decree-draft').innerText()).resolves.toMatch(/Dirujuk keputusan\s*1/);
    await capture(hr, 'move-04-completed');
  });

  it('HR proposes a talent promotion with its 9-box inputs; the talent committee reviews, the PPK approves, HR records the decree', async () => {
    const { agency, reg, vacancy, facts, talent } = await talentPromotionCase(stack);
    facts.person = { ...facts.person, name: 'Andi Talenta' };
    await namedMoves(stack, facts);

    const hr = await signIn(agency, HR);
    await ui.goto(hr, 'talent-promotions/new');
    const form = hr.getByTestId('propose-move');
    expect(await form.getByLabel('Jenis pemindahan').inputValue()).toBe('talent_promotion');
    await pick(form, 'Andi Talenta');
    await form.getByLabel('Kode wilayah (Jabatan asal)').fill(reg);
    await form.getByLabel('Kode wilayah (Jabatan tujuan)').fill(reg);
    await form.getByLabel('Kode jabatan (Jabatan tujuan)').fill(vacancy.positionCode);
    await form.getByLabel('Kelas jabatan (Jabatan tujuan)').selectOption('jpt_pratama');
    await form.getByLabel(/Nomor usulan lowongan/).fill(vacancy.vacancyId);
    const inputs: [string, number][] = [
      ['Kinerja utama (0–100)', talent.performanceMain],
      ['Kinerja pendukung (0–100)', talent.performanceSupporting],
      ['Kompetensi (0–100)', talent.competency],
      ['Potensi (0–100)', talent.potential],
      ['Kualifikasi (0–100)', talent.qualification],
      ['Integritas (0–100)', talent.integrity],
    ];
    const propose = form.getByRole('button', { name: 'Usulkan', exact: true });
    for (const [label, value] of inputs) {
      expect(await propose.isDisabled()).toBe(true);
      await form.getByLabel(label, { exact: true }).fill(String(value));
    }
    const id = `move:${agency}:${facts.person.nip}`;
    const link = hr.getByRole('link', { name: id });
    await submitAndWait(form, 'Usulkan', async () => (await link.count()) > 0);
    await link.click();
    await waitForStep(hr, 'talent_review');
    await expect(hr.getByTestId('nine-box').getAttribute('data-box')).resolves.toBe('9');
    await capture(hr, 'talent-promotion-01-case');

    const committee = await signIn(agency, TPK);
    await openCase(committee, id);
    await decide(committee, 'talent_committee_review', 'Catat pembahasan Komite Talenta', 'ppk_decision', async (f) => {
      await f.getByLabel('Alasan', { exact: true }).fill('Masuk kelompok rencana suksesi, kotak 9');
      await f.locator('input[type="file"]').setInputFiles(pdf('ba_komite_talenta'));
    });
    const ppk = await signIn(agency, PPK);
    await openCase(ppk, id);
    await decide(ppk, 'approve', 'Setujui pemindahan', 'decree');
    await hr.reload();
    await decide(hr, 'record_decree', 'Catat SK pemindahan', 'completed', decree('821/7/2026'));
  });

  it('HR proposes a bulk rotation of people picked from the register; the PPK approves with a named exclusion; HR records the collective decree', async () => {
    const agency = uniqueCode('PEMKAB');
    const reg = await region(stack);
    const names = ['Bayu Saputra', 'Citra Wulandari', 'Dedi Kurniawan'];
    const moves = names.map((name) => {
      const m = moveFacts(agency, reg, { kind: 'rotation' });
      m.person = { ...m.person, name };
      return m;
    });
    await namedMoves(stack, { agencyCode: agency, batchCode: 'X', title: 'seed', moves });

    const hr = await signIn(agency, HR);
    await ui.goto(hr, 'bulk-moves/new');
    const form = hr.getByTestId('propose-bulk-move');
    const batch = uniqueCode('SK-ROTASI');
    await form.getByLabel('Kode SK kolektif').fill(batch);
    await form.getByLabel('Judul', { exact: true }).fill('Rotasi administrator Desember 2026');
    await form.getByLabel('Kode wilayah', { exact: true }).fill(reg);
    for (const [i, m] of moves.entries()) {
      await pick(form, names[i]);
      const draft = hr.getByTestId('bulk-draft');
      await draft.getByLabel('Kode jabatan (Jabatan tujuan)').fill(m.to.positionCode);
      await draft.getByRole('button', { name: 'Tambahkan ke SK' }).click();
    }
    expect(await hr.getByTestId('bulk-rows').locator('li').count()).toBe(3);
    await capture(hr, 'bulk-move-01-hr-propose');
    const id = `bulk-move:${agency}:${batch}`;
    const link = hr.getByRole('link', { name: id });
    await submitAndWait(form, 'Usulkan 3 pegawai', async () => (await link.count()) > 0);
    await link.click();
    await waitForStep(hr, 'awaiting_approval', 60_000);

    const ppk = await signIn(agency, PPK);
    await openCase(ppk, id);
    await decide(ppk, 'approve_batch', 'Setujui SK kolektif', 'decree', async (f) => {
      await f.getByLabel(`Kecualikan ${names[2]}`).check();
      await f.getByLabel(`Alasan pengecualian ${names[2]}`).fill('Sedang tugas belajar');
      await capture(ppk, 'bulk-move-02-ppk-approve');
    });

    await hr.reload();
    await decide(hr, 'record_decree', 'Catat SK kolektif', 'completed', decree('821.2/55/2026'));
    const annex = hr.getByTestId('bulk-annex');
    await annex.waitFor();
    const lines = await annex.locator('li').allInnerTexts();
    expect(lines).toHaveLength(2);
    expect(lines.join(' ')).not.toContain(names[2]);
    await expect(hr.getByTestId('bulk-members').locator(`li[data-member="${moves[2].person.nip}"]`).innerText()).resolves.toContain(
      'Sedang tugas belajar',
    );
    await capture(hr, 'bulk-move-03-completed');
  });

  it('HR opens a bulk move of 201 people pasted as a list: it goes in pages of 200, a refused page names its row, and sending again closes the list', async () => {
    const agency = uniqueCode('PEMKAB');
    const reg = await region(stack);
    const moves = rotations(agency, reg, 201);
    await registerInPages(stack, moves);
    const leaver = await registerOfficial(stack, { agencyCode: agency, name: 'Sari Purnamasari', events: administratorHistory() });
    expect(leaver.res.status).toBe(201);

    const hr = await signIn(agency, HR);
    await ui.goto(hr, 'bulk-moves/new');
    const form = hr.getByTestId('propose-bulk-move');
    const batch = uniqueCode('SK-ROTASI');
    await form.getByLabel('Kode SK kolektif').fill(batch);
    await form.getByLabel('Judul', { exact: true }).fill('Rotasi tahunan pelaksana dan administrator');
    await form.getByLabel('Kode wilayah', { exact: true }).fill(reg);
    const list = form.getByTestId('bulk-list');
    const listField = list.getByLabel('Daftar pegawai (NIP dan kode jabatan tujuan)');
    // A bad NIP in the list is named by its line with the domain's message; nothing is added.
    await listField.fill('1982030420080110;KABAG-A');
    await list.getByRole('button', { name: 'Tambahkan daftar' }).click();
    await list.getByText('Baris 1: NIP harus 18 digit, bukan 16').waitFor();
    expect(await form.getByTestId('bulk-rows').count()).toBe(0);

    // 201 officials from a spreadsheet, the leaver last: page 1 holds 200, page 2 the other two.
    const lines = [...moves.map((m) => `${m.person.nip}\t${m.to.positionCode}`), `${leaver.nip};KABAG-SARI`];
    await listField.fill(lines.join('\n'));
    await list.getByRole('button', { name: 'Tambahkan daftar' }).click();
    await form.getByTestId('bulk-count').getByText('202 pegawai dalam SK; dikirim dalam 2 halaman').waitFor({ timeout: 30_000 });
    // A long list shows its first 20 rows until asked for all of them.
    expect(await form.getByTestId('bulk-rows').locator('li').count()).toBe(20);
    await form.getByRole('button', { name: 'Tampilkan semua 202 pegawai' }).click();
    expect(await form.getByTestId('bulk-rows').locator('li').count()).toBe(202);
    await form.getByRole('button', { name: 'Tampilkan 20 pertama saja' }).click();

    // The register changes after the list was made: the leaver's service ends today.
    const ended = await stack.call('POST', `/v1/register/people/${leaver.nip}/events`, {
      actor: hrOf(agency),
      body: {
        reason: 'Berhenti atas permintaan sendiri',
        events: [{ type: 'service_ended', payload: { endedOn: today(), reason: 'resignation', decreeNumber: 'SK-BERHENTI-1' } }],
      },
    });
    expect(ended.status).toBe(201);

    await form.getByRole('button', { name: 'Usulkan 202 pegawai', exact: true }).click();
    const progress = form.getByTestId('bulk-progress');
    await progress.getByText(/Halaman 2 dari 2 ditolak; 1 halaman sudah tercatat/).waitFor({ timeout: 120_000 });
    // The reason sits on the row the API named (page 2's second person is row 202), and on no other.
    const refusedRow = form.locator(`li[data-member="${leaver.nip}"]`);
    expect(await refusedRow.getAttribute('data-refused')).toBe('true');
    expect(await refusedRow.getByRole('alert').innerText()).toContain('tidak dapat diusulkan');
    expect(await form.locator('li[data-refused]').count()).toBe(1);
    expect(await form.getByTestId('bulk-rows').locator('li').count()).toBe(21);
    // Page 1 is recorded: the batch is open with its 200 people, and their rows are locked.
    const id = `bulk-move:${agency}:${batch}`;
    const opened = await stack.call('GET', `/v1/bulk-moves/${id}`, { actor: hrOf(agency) });
    expect(opened.status).toBe(200);
    expect(opened.body.open).toBe(true);
    expect(await form.getByRole('button', { name: 'Hapus Pegawai 1', exact: true }).isDisabled()).toBe(true);
    await expectNoSeriousA11yViolations(hr, 'a refused page of a bulk move');
    await capture(hr, 'bulk-move-04-page-refused');

    // HR takes the leaver out and sends again: only page 2 goes, now with its one person, marked last.
    await refusedRow.getByRole('button', { name: 'Hapus Sari Purnamasari' }).click();
    await submitAndWait(
      form,
      'Kirim halaman berikutnya lagi',
      async () => (await progress.getByText('2 dari 2 halaman terkirim').count()) > 0,
      120_000,
    );
    await capture(hr, 'bulk-move-05-pages-sent');
    const closed = await eventually(
      async () => {
        const res = await stack.call('GET', `/v1/bulk-moves/${id}`, { actor: hrOf(agency) });
        return res.body.open === false && res.body.members?.length === 201 ? res.body : undefined;
      },
      120_000,
      'the batch closed with 201 members',
    );
    expect(closed.members.map((m: { nip: string }) => m.nip).sort()).toEqual(moves.map((m) => m.person.nip).sort());
    const link = hr.getByRole('link', { name: id });
    await link.click();
    await waitForStep(hr, 'awaiting_approval', 180_000);
  });
});
