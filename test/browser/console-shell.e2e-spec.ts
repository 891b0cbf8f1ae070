import type { Page } from 'playwright-core';
import { eventually, HR, PPK, Stack, uniqueCode, vacancyPath, vacancyProposal } from '../support/api-client';
import { ConsoleBrowser, DESKTOP, PHONE, expectNoSeriousA11yViolations, screenshot } from './browser';

/**
 * The console's shell in Debian's Chromium at a laptop (1366x768) and a phone (390x844): sign-in,
 * the inbox with its counts, the case list searched, filtered, sorted and paged by the API, its empty
 * state, the language switch, no sideways scrolling on the phone, and axe-core finding no serious or
 * critical accessibility violation on any of these pages.
 */
jest.setTimeout(300_000);

const VIEWPORTS = { laptop: DESKTOP, phone: PHONE } as const;
type Viewport = keyof typeof VIEWPORTS;

describe('the console shell', () => {
  const stack = new Stack();
  const ui = new ConsoleBrowser(stack);
  const agency = uniqueCode('PEMKAB');
  const tag = Math.random().toString(36).slice(2, 8).toUpperCase();
  const special = `Kepala Badan Perencanaan ${tag}`;
  const vacancies = Array.from({ length: 12 }, (_, i) =>
    vacancyProposal({ agencyCode: agency, positionCode: uniqueCode('JAB'), title: i === 5 ? special : `Kepala Dinas ${i + 1}` }),
  );
  const approved = [vacancies[0], vacancies[1]];

  beforeAll(async () => {
    await ui.start();
    for (const v of vacancies) {
      const res = await stack.call('POST', '/v1/vacancies', { body: v });
      if (res.status !== 201) throw new Error(`propose: ${res.status} ${JSON.stringify(res.body)}`);
    }
    for (const v of approved) {
      const res = await stack.call('POST', `${vacancyPath(v)}/decisions`, {
        actor: PPK,
        body: { decision: 'approve', fillingMethod: 'open_selection' },
      });
      if (res.status !== 200) throw new Error(`approve: ${res.status} ${JSON.stringify(res.body)}`);
    }
    // The ledger's case projection has caught up with every case and both approvals.
    await eventually(
      async () => {
        const res = await stack.call<{ total: number }>('GET', `/v1/cases?agencyCode=${agency}&step=approved&pageSize=100`);
        return res.status === 200 && res.body.total === approved.length;
      },
      30_000,
      'the case list to show the approvals',
    );
    // The PPK's inbox holds the decision on every vacancy still waiting for it.
    const waiting = vacancies.filter((v) => !approved.includes(v));
    await eventually(
      async () => {
        const res = await stack.call<{ tasks: { caseId: string }[] }>('GET', '/v1/inbox', { actor: { ...PPK, agency } });
        return res.status === 200 && waiting.every((v) => res.body.tasks.some((t) => t.caseId.endsWith(`:${v.positionCode}`)));
      },
      30_000,
      "the PPK's inbox tasks",
    );
  });

  afterAll(async () => {
    await ui.close();
    await stack.close();
  });

  /** Signs in at the viewport, the sign-in screen itself checked with axe-core and photographed first. */
  const signIn = (viewport: Viewport, user = HR): Promise<Page> =>
    ui.signIn(user, {
      agency,
      viewport: VIEWPORTS[viewport],
      atSignIn: async (page) => {
        await expectNoSeriousA11yViolations(page, `sign-in (${viewport})`);
        await screenshot(page, `shell-${viewport}-01-sign-in`);
      },
    });

  /** Nothing on the page is wider than the viewport: no sideways scrolling. */
  const noSidewaysScroll = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

  it.each(['laptop', 'phone'] as const)('signs in to the inbox with its counts and tasks (%s)', async (viewport) => {
    const page = await signIn(viewport, PPK);
    await page.getByRole('heading', { name: 'Kotak tugas' }).waitFor();
    const counts = page.getByTestId('inbox-counts');
    await counts.waitFor();
    const tasks = page.getByTestId('inbox-tasks');
    const row = tasks.locator('tbody tr', { hasText: vacancies[2].positionCode });
    await row.waitFor({ timeout: 30_000 });
    // The task and the step read as labels, never as codes.
    await expect(row.innerText()).resolves.toContain('Setujui atau Tolak');
    await expect(row.innerText()).resolves.toContain('Menunggu keputusan PPK');
    await expect(counts.innerText()).resolves.toMatch(/\d+ tugas menunggu Anda/);
    expect(await page.locator('main').innerText()).not.toMatch(/awaiting_ppk_decision|hr_officer|\bppk\b/);
    expect(await noSidewaysScroll(page)).toBe(true);
    await screenshot(page, `shell-${viewport}-02-inbox`);
    await expectNoSeriousA11yViolations(page, `inbox (${viewport})`);
  });

  it('filters the inbox by case type and overdue on the server, with its own empty state and a way back (laptop)', async () => {
    const page = await signIn('laptop', PPK);
    const waiting = vacancies.length - approved.length;
    await page.getByTestId('inbox-tasks').waitFor({ timeout: 30_000 });
    await page.locator('#inbox-case-type').selectOption('vacancy');
    await page
      .getByTestId('inbox-range')
      .filter({ hasText: `1–${waiting} dari ${waiting} tugas` })
      .waitFor();
    expect(page.url()).toContain('caseType=vacancy');
    // None of these proposals is overdue: the filter says so, and clears back to every task.
    await page.locator('#inbox-overdue').selectOption('true');
    await page.getByTestId('inbox-empty-filtered').waitFor();
    expect(page.url()).toMatch(/overdue=true/);
    await expectNoSeriousA11yViolations(page, 'inbox filtered to nothing (laptop)');
    await page.getByRole('button', { name: 'Hapus saringan' }).click();
    await page
      .getByTestId('inbox-range')
      .filter({ hasText: `1–${waiting} dari ${waiting} tugas` })
      .waitFor();
    expect(await page.getByTestId('inbox-tasks').locator('tbody tr').count()).toBe(waiting);
    expect(page.url()).not.toMatch(/overdue=|caseType=/);
  });

  it('pages, searches, filters and sorts the case list on the server, and says what to do when nothing matches (laptop)', async () => {
    const page = await signIn('laptop');
    await page.getByRole('link', { name: 'Kasus', exact: true }).click();
    await page.getByRole('heading', { name: 'Daftar kasus' }).waitFor();
    await page.getByTestId('case-count').getByText('1–12 dari 12 kasus').waitFor();

    // Paging: 10 a page, then the second page.
    await page.getByLabel('Per halaman').selectOption('10');
    await page.getByText('1–10 dari 12 kasus').waitFor();
    await expect(page.getByTestId('page-of').innerText()).resolves.toBe('Halaman 1 dari 2');
    expect(await page.getByTestId('case-list').locator('tbody tr').count()).toBe(10);
    await page.getByRole('button', { name: 'Berikutnya →' }).click();
    await page.getByText('11–12 dari 12 kasus').waitFor();
    expect(await page.getByTestId('case-list').locator('tbody tr').count()).toBe(2);
    expect(page.url()).toContain('page=2');

    // Sorting by title: "Kepala Badan…" comes before every "Kepala Dinas…".
    await page.getByLabel('Urutkan').selectOption('title:asc');
    await page.getByText('1–10 dari 12 kasus').waitFor();
    await expect(page.getByTestId('case-list').locator('tbody tr').first().innerText()).resolves.toContain(special);

    // Search.
    await page.getByLabel('Cari', { exact: true }).fill(tag);
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await page.getByText('1–1 dari 1 kasus').waitFor();
    await expect(page.getByTestId('case-list').innerText()).resolves.toContain(special);

    // Filter by step, with the step shown as its label.
    await page.getByRole('button', { name: 'Hapus semua filter' }).first().click();
    await page.getByText('1–10 dari 12 kasus').waitFor();
    await page.getByLabel('Jenis kasus').selectOption('vacancy');
    await page.getByLabel('Tahap', { exact: true }).selectOption('approved');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await page.getByText('1–2 dari 2 kasus').waitFor();
    const rows = await page.getByTestId('case-list').innerText();
    for (const v of approved) expect(rows).toContain(v.positionCode);
    expect(rows).toContain('Disetujui, menunggu pengisian');
    expect(rows).not.toContain('approved');
    await screenshot(page, 'shell-laptop-03-cases-filtered');
    await expectNoSeriousA11yViolations(page, 'case list (laptop)');

    // A period in which nothing was opened: the empty state says so and offers the way back.
    await page.getByLabel('Dibuka sejak').fill('2020-01-01');
    await page.getByLabel('Dibuka sampai').fill('2020-01-31');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    const empty = page.getByTestId('cases-empty');
    await empty.waitFor();
    await expect(empty.innerText()).resolves.toContain('Tidak ada kasus yang cocok dengan filter ini.');
    await screenshot(page, 'shell-laptop-04-cases-empty');
    await expectNoSeriousA11yViolations(page, 'empty case list (laptop)');

    // The form refuses an end before the start, at the field, before asking the server.
    await page.getByLabel('Dibuka sejak').fill('2020-02-01');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect(page.locator('.field-error').first().innerText()).resolves.toBe('Tanggal akhir tidak boleh sebelum tanggal awal');

    // Clearing keeps the sort and the page size.
    await empty.getByRole('button', { name: 'Hapus semua filter' }).click();
    await page.getByText('1–10 dari 12 kasus').waitFor();
    await expect(page.getByTestId('case-list').locator('tbody tr').first().innerText()).resolves.toContain(special);

    // The language switch turns every label to English, the list included.
    await page.getByLabel('Bahasa').selectOption('en');
    await page.getByRole('heading', { name: 'Cases' }).waitFor();
    await page.getByText('1–10 of 12 cases').waitFor();
    await expect(page.getByTestId('case-list').innerText()).resolves.toContain('Awaiting the PPK decision');
    await screenshot(page, 'shell-laptop-05-cases-english');
    await expectNoSeriousA11yViolations(page, 'case list in English (laptop)');
    await page.getByLabel('Language').selectOption('id');
    await page.getByRole('heading', { name: 'Daftar kasus' }).waitFor();
  });

  it('shows the case list as cards on a phone, without sideways scrolling (phone)', async () => {
    const page = await signIn('phone');
    await ui.goto(page, 'cases?pageSize=10');
    await page.getByText('1–10 dari 12 kasus').waitFor();
    // A row is a card: its cells are stacked blocks, each labelled.
    const cell = page.getByTestId('case-list').locator('tbody tr').first().locator('td').first();
    expect(await cell.evaluate((td) => getComputedStyle(td).display)).toBe('block');
    expect(await noSidewaysScroll(page)).toBe(true);
    await screenshot(page, 'shell-phone-03-cases');
    await expectNoSeriousA11yViolations(page, 'case list (phone)');
  });
});
