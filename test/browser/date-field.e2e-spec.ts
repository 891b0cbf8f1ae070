import type { Browser, Page } from 'playwright-core';
import { Stack, uniqueCode } from '../support/api-client';
import { expectNoSeriousA11yViolations, launchChromium, screenshot } from './browser';

/**
 * The console's one date field (apps/console/src/date-field.tsx), on the case list's "opened from"
 * filter: the day shows the Indonesian way whatever the browser's locale, a typed date is read, the
 * calendar opens and picks a day from the keyboard alone, axe-core finds no serious violation with the
 * calendar open, and English shows the English month.
 */
jest.setTimeout(180_000);

describe('the date field', () => {
  const stack = new Stack();
  let browser: Browser;
  let close: () => Promise<void>;
  let page: Page;
  const consoleUrl = `${stack.state.apiUrl.replace(/\/api$/, '')}/console/`;

  beforeAll(async () => {
    ({ browser, close } = await launchChromium());
    // An English-speaking browser: the field must still speak Indonesian.
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 768 } });
    page = await context.newPage();
    await page.goto(consoleUrl);
    await page.getByRole('heading', { name: 'Masuk' }).waitFor();
    await page.getByLabel('NIP atau ID pengguna').fill('198503152010012003');
    await page.getByLabel('Nama', { exact: true }).fill('Siti Rahayu');
    await page.getByLabel('Peran', { exact: true }).selectOption('hr_officer');
    await page.getByLabel('Kode instansi').fill(uniqueCode('PEMKAB'));
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.getByTestId('signed-in-as').waitFor();
    await page.goto(`${consoleUrl}#/cases`);
    await page.getByRole('heading', { name: 'Daftar kasus' }).waitFor();
  });

  afterAll(async () => {
    await close();
  });

  it('reads a typed date and shows it as "6 Desember 2026", held as 2026-12-06', async () => {
    const from = page.getByLabel('Dibuka sejak');
    await from.fill('6/12/2026');
    await expect(from.getAttribute('data-iso')).resolves.toBe('2026-12-06');
    await from.blur();
    await expect(from.inputValue()).resolves.toBe('6 Desember 2026');
  });

  it('opens the calendar and picks a day from the keyboard, with no serious accessibility violation', async () => {
    const from = page.getByLabel('Dibuka sejak');
    await from.focus();
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Buka kalender');
    await page.keyboard.press('Enter');
    const calendar = page.getByRole('dialog', { name: 'Kalender' });
    await calendar.waitFor();
    // The month is named in Indonesian, and the selected day has the focus.
    await expect(calendar.innerText()).resolves.toMatch(/Desember/);
    await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe('6');
    await expectNoSeriousA11yViolations(page, 'case list with the calendar open');
    await screenshot(page, 'date-field-calendar');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await calendar.waitFor({ state: 'detached' });
    await expect(from.getAttribute('data-iso')).resolves.toBe('2026-12-07');
    await expect(from.inputValue()).resolves.toBe('7 Desember 2026');
  });

  it('Escape closes the calendar without changing the day', async () => {
    await page.getByRole('button', { name: 'Buka kalender' }).first().click();
    await page.getByRole('dialog', { name: 'Kalender' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Kalender' }).waitFor({ state: 'detached' });
    await expect(page.getByLabel('Dibuka sejak').getAttribute('data-iso')).resolves.toBe('2026-12-07');
  });

  it('shows the English month when the console is in English', async () => {
    await page.getByLabel('Bahasa').selectOption('en');
    await expect(page.getByLabel('Opened from').inputValue()).resolves.toBe('7 December 2026');
    await page.getByLabel('Language').selectOption('id');
  });
});
