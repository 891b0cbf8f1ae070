import type { Page } from 'playwright-core';
import { HR, PPK, Stack, eventually } from '../support/api-client';
import { moveFacts, region } from '../support/move-fixtures';
import { administratorHistory, asNamed, makeNip, registerOfficial } from '../support/register-fixtures';
import { ASSESSMENT_2025, registerReference } from '../support/register-reference-fixtures';
import { openSelection } from '../support/selection-fixtures';
import { ConsoleBrowser, capture, expectNoSeriousA11yViolations, pdf, screenshot, stepIs, submitAndWait } from './browser';

/**
 * The register in the console, in Debian's Chromium: HR searches officials with filters, opens a
 * profile (grade, post, history, the competency gap and JPM against the post held and a target
 * post, the cases the official took part in), and the PPK forms a committee with a member picked
 * from the register. The register and the cases are seeded through the API; everything checked is
 * read off the page.
 */
jest.setTimeout(300_000);

describe('the register in the web console', () => {
  const stack = new Stack();
  const ui = new ConsoleBrowser(stack);
  let sel: Awaited<ReturnType<typeof openSelection>>;
  let agency: string;
  const people: Record<'fauzi' | 'rizal' | 'dewi' | 'budi', string> = { fauzi: '', rizal: '', dewi: '', budi: '' };
  let moveId: string;
  let hr: Page;

  beforeAll(async () => {
    await ui.start();
    sel = await openSelection(stack);
    agency = sel.agencyCode;
    await registerReference(stack, agency);
    const official = async (name: string, birth: string, events: unknown[]) => {
      const nip = makeNip({ birth, tmt: '2005-03' });
      const res = await registerOfficial(stack, { agencyCode: agency, nip, birthDate: birth, name, events: events as never });
      if (res.res.status !== 201) throw new Error(`${name}: ${res.res.status} ${JSON.stringify(res.res.body)}`);
      return nip;
    };
    people.fauzi = await official('Ahmad Fauzi', '1976-02-11', [...administratorHistory(), ASSESSMENT_2025]);
    // IV/a since 2018: the 2022 promotion left out.
    const ivA = administratorHistory().filter((e) => !(e.type === 'rank_changed' && e.payload.tmt === '2022-04-01'));
    people.rizal = await official('Ahmad Rizal', '1979-07-30', ivA);
    people.dewi = await official('Dewi Lestari', '1974-10-05', administratorHistory());
    people.budi = await official('Budi Santoso', '1982-03-04', administratorHistory());
    const facts = moveFacts(agency, await region(stack));
    const move = await stack.call('POST', '/v1/moves', {
      actor: HR,
      body: asNamed({ ...facts, person: { ...facts.person, nip: people.budi } }),
    });
    if (move.status !== 201) throw new Error(`move: ${move.status} ${JSON.stringify(move.body)}`);
    moveId = move.body.workflowId;
  });

  afterAll(async () => {
    await ui.close();
    await stack.close();
  });

  it('HR finds officials by name and narrows by grade', async () => {
    hr = await ui.signIn(HR, { agency });
    await hr.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Pegawai', exact: true }).click();
    await hr.getByLabel('Nama atau NIP').fill('ahmad');
    await hr.getByRole('button', { name: 'Cari', exact: true }).click();
    const rows = hr.getByTestId('people').locator('tbody tr');
    await hr.getByTestId('people-total').filter({ hasText: '2 pegawai ditemukan' }).waitFor();
    expect(await rows.locator('td:first-child a').allInnerTexts()).toEqual(['Ahmad Fauzi', 'Ahmad Rizal']);
    // Grades are shown with their rank title, not as a bare code.
    expect(await rows.first().innerText()).toContain('IV/b — Pembina Tingkat I');
    await hr.getByLabel('Golongan', { exact: true }).selectOption('IV/a');
    await hr.getByRole('button', { name: 'Cari', exact: true }).click();
    await hr.getByTestId('people-total').filter({ hasText: '1 pegawai ditemukan' }).waitFor();
    expect(await rows.locator('td:first-child a').allInnerTexts()).toEqual(['Ahmad Rizal']);
    await hr.getByLabel('Nama atau NIP').fill(people.dewi.slice(0, 10));
    await hr.getByLabel('Golongan', { exact: true }).selectOption('');
    await hr.getByRole('button', { name: 'Cari', exact: true }).click();
    await hr.getByTestId('people-total').filter({ hasText: '1 pegawai ditemukan' }).waitFor();
    expect(await rows.locator('td:first-child a').allInnerTexts()).toEqual(['Dewi Lestari']);
    await capture(hr, 'register-01-people-search');
  });

  it('HR opens a profile: grade, post, history, ratings in words, the gap and JPM against the post and a target post', async () => {
    await hr.getByLabel('Nama atau NIP').fill('fauzi');
    await hr.getByRole('button', { name: 'Cari', exact: true }).click();
    await hr.getByTestId('people-total').filter({ hasText: '1 pegawai ditemukan' }).waitFor();
    await hr.getByRole('link', { name: 'Ahmad Fauzi' }).click();
    await hr.getByRole('heading', { name: 'Ahmad Fauzi', level: 1 }).waitFor();
    expect(await hr.getByTestId('profile-grade').innerText()).toContain('IV/b — Pembina Tingkat I');
    expect(await hr.getByTestId('profile-post').innerText()).toContain('Kepala Bidang (Administrator)');
    expect(await hr.getByTestId('profile-facts').innerText()).toContain('Bidang Bina Marga');
    expect(await hr.getByTestId('profile-ranks').locator('tbody tr').count()).toBe(3);
    expect(await hr.getByTestId('profile-posts').locator('tbody tr').count()).toBe(2);
    const ratings = await hr.getByTestId('profile-ratings').innerText();
    expect(ratings).toContain('Sangat Baik');
    expect(ratings).not.toContain('sangat_baik');
    const current = hr.getByTestId('fit-current');
    expect(await current.locator('tbody tr').count()).toBe(3);
    expect(await hr.getByTestId('fit-current-jpm').innerText()).toMatch(/JPM 90% — Optimal/);
    await hr.getByLabel('Bandingkan dengan jabatan sasaran').selectOption('KADIS-PUPR');
    await hr.getByTestId('fit-target-jpm').waitFor();
    expect(await hr.getByTestId('fit-target-jpm').innerText()).toMatch(/JPM 83\.33% — Cukup optimal/);
    await capture(hr, 'register-02-profile');
  });

  it('the profile lists the cases the official took part in, linking to the case', async () => {
    await ui.goto(hr, `people/${people.budi}`);
    const cases = hr.getByTestId('profile-cases');
    await cases.locator('tbody tr').first().waitFor();
    const row = await cases.locator('tbody tr').first().innerText();
    expect(row).toContain('Pegawai yang dimutasi');
    expect(row).toContain(moveId);
    await cases.getByRole('link').first().click();
    await hr.getByTestId('case-step').waitFor();
    expect(decodeURIComponent(hr.url())).toContain(`#/case/${moveId}`);
  });

  it('the PPK forms the committee with a member picked from the register, and the member’s profile shows the case', async () => {
    const ppk = await ui.signIn(PPK, { agency });
    await ui.openCase(ppk, sel.id);
    const form = ppk.getByTestId('form-committee');
    const tag = Math.random().toString(16).slice(2, 6);
    const outside = ['Prof. Dr. Sri Wahyuni', 'Dr. Agus Salim', 'Dr. Rina Marlina', null, 'Drs. Joko Susilo'];
    for (const [i, name] of outside.entries()) {
      if (name === null) continue;
      await form.getByLabel(`ID anggota ${i + 1}`, { exact: true }).fill(`pansel-${i + 1}-${tag}`);
      await form.getByLabel(`Nama anggota ${i + 1}`, { exact: true }).fill(name);
    }
    const picker = form.getByRole('combobox', { name: 'Cari anggota di register 4' });
    await picker.fill('Dewi');
    const option = form.getByRole('option', { name: /Dewi Lestari/ });
    await option.waitFor();
    // The picker's list is open: the page is checked (axe) and photographed at the laptop size only, so the list stays open.
    await screenshot(ppk, 'register-03-member-picker');
    await expectNoSeriousA11yViolations(ppk, 'the member picker');
    await picker.press('Enter');
    await expect(form.getByLabel('ID anggota 4', { exact: true }).inputValue()).resolves.toBe(people.dewi);
    await expect(form.getByLabel('Nama anggota 4', { exact: true }).inputValue()).resolves.toBe('Dewi Lestari');
    await expect(form.getByLabel('Asal 4', { exact: true }).inputValue()).resolves.toBe('internal');
    await form.getByLabel('SK Pansel (PDF)').setInputFiles(pdf('sk_pansel'));
    await submitAndWait(form, 'Bentuk panitia', () => stepIs(ppk, 'announcement'));

    await ui.goto(hr, `people/${people.dewi}`);
    const row = hr.getByTestId('profile-cases').locator('tbody tr', { hasText: sel.id });
    await eventually(async () => {
      await hr.reload();
      return (await row.count()) > 0 || undefined;
    }, 15_000);
    expect(await row.innerText()).toContain('Anggota panitia seleksi');
    await capture(hr, 'register-04-member-profile-cases');
  });
});
