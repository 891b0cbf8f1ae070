import { HR, Stack } from '../support/api-client';
import { agencyWithOfficials, CHAIR, MEMBER, openReview } from '../support/talent-fixtures';
import { ConsoleBrowser, capture, stepIs, submitAndWait } from './browser';

/**
 * The talent review in the console, in Debian's Chromium: HR opens a review's page and reads the
 * 9-box grid (counts and names per box, pool members marked) and the succession list of the
 * critical post. The review is seeded through the API; everything checked is read off the page.
 */
jest.setTimeout(300_000);

describe('the talent review in the web console', () => {
  const stack = new Stack();
  const ui = new ConsoleBrowser(stack);

  beforeAll(async () => {
    await ui.start();
  });
  afterAll(async () => {
    await ui.close();
    await stack.close();
  });

  it('shows the 9-box with counts and names and the succession list, and takes the committee’s adjustment, the chair’s approval and HR’s next review', async () => {
    const org = await agencyWithOfficials(stack);
    const review = await openReview(stack, org.agency);
    const page = await ui.signIn(HR, { agency: org.agency });
    await ui.openCase(page, review.id);
    const grid = page.getByTestId('nine-box');
    await grid.waitFor();
    const box = (n: number) => grid.locator(`td[data-box="${n}"]`);
    expect(await box(9).getAttribute('data-count')).toBe('1');
    expect(await box(6).getAttribute('data-count')).toBe('2');
    expect(await box(1).getAttribute('data-count')).toBe('0');
    await expect(box(9).textContent()).resolves.toContain('Andi Talenta ★');
    await expect(box(6).textContent()).resolves.toContain('Budi Berhukuman');
    await page.getByText('Terhalang hukuman disiplin sedang/berat dalam 2 tahun terakhir: Budi Berhukuman').waitFor();
    const succession = page.getByTestId('succession-KADIS-PUPR');
    await succession.waitFor();
    const rows = await succession.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('Andi Talenta');
    expect(rows[0]).toContain('100%');
    await capture(page, 'talent-01-review-grid');

    // A committee member moves Citra to box 8 with a reason; the chair approves the pool.
    const member = await ui.signIn(MEMBER, { agency: org.agency });
    await ui.openCase(member, review.id);
    const adjust = member.getByTestId('adjust-placement');
    await adjust.waitFor();
    await adjust.getByLabel('Pegawai').selectOption(org.c);
    await adjust.getByLabel('Kinerja', { exact: true }).selectOption('meets');
    await adjust.getByLabel('Potensial', { exact: true }).selectOption('high');
    await adjust.getByLabel('Alasan penyesuaian').fill('Uji kompetensi ulang menunjukkan potensi tinggi');
    const box8 = member.getByTestId('nine-box').locator('td[data-box="8"]');
    await submitAndWait(adjust, 'Catat penyesuaian', async () => (await box8.getAttribute('data-count')) === '1');
    await expect(box8.textContent()).resolves.toContain('Citra Menengah ★');
    await capture(member, 'talent-02-adjusted');

    const chair = await ui.signIn(CHAIR, { agency: org.agency });
    await ui.openCase(chair, review.id);
    const approve = chair.getByTestId('approve-pool');
    await approve.waitFor();
    await submitAndWait(approve, 'Setujui', () => stepIs(chair, 'approved'));
    await expect(chair.getByText('disetujui oleh komite-talenta-ketua, 2 anggota').count()).resolves.toBe(1);
    await capture(chair, 'talent-03-approved');

    // HR opens the second half-year's review from the console; it is computed from the register at once.
    await ui.goto(page, 'talent-reviews/new');
    const form = page.getByTestId('open-talent-review');
    await form.getByLabel('Periode').fill('2026-S2');
    await form.getByLabel('Alasan').fill('Reviu semester kedua');
    await capture(page, 'talent-04-open-review');
    const link = page.getByRole('link', { name: `talent-review:${org.agency}:2026-S2` });
    await submitAndWait(form, 'Buka reviu', async () => (await link.count()) > 0);
    await link.click();
    await page.getByTestId('nine-box').locator('td[data-box="9"][data-count="1"]').waitFor();
  });
});
