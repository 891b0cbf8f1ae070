import { loadTestStackConfig } from '@meritflow/config';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '../..');
export const CHROMIUM = loadTestStackConfig().CHROMIUM_PATH;
/** Git-ignored (test-results/): screenshots of the key pages, for a reviewer to look at. */
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
export const DOWNLOADS = path.join(ROOT, 'test-results', 'downloads');

/**
 * Debian's Chromium, driven by playwright-core (test tools' own browser downloads fail on these
 * machines). Installed by scripts/ensure-chromium.sh when missing (npm test runs it as pretest).
 */
export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM)) execFileSync('sh', [path.join(ROOT, 'scripts/ensure-chromium.sh')], { stdio: 'inherit' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
    // playwright-core starts Chromium with a fresh, empty profile directory of its own (its
    // --user-data-dir) and removes it on close.
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  mkdirSync(DOWNLOADS, { recursive: true });
  return {
    browser,
    close: async () => {
      await browser.close();
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** A small PDF-looking document to upload as evidence. */
export const pdf = (kind: string) => ({
  name: `${kind}.pdf`,
  mimeType: 'application/pdf',
  buffer: Buffer.from(`%PDF-1.4\n% ${kind} ${Math.random().toString(16).slice(2)}\n%%EOF\n`),
});

/**
 * Clicks a form's submit button and waits until `done` holds; a refusal shown in the form instead
 * fails the test with the refusal's own words.
 */
export async function submitAndWait(form: Locator, button: string, done: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  await form.getByRole('button', { name: button, exact: true }).click();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const refusal = form.locator('.refusal');
    if (
      (await refusal.count()) > 0 &&
      (await refusal
        .first()
        .isVisible()
        .catch(() => false))
    ) {
      throw new Error(`refused: ${await refusal.first().innerText()}`);
    }
    if (await done().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`"${button}" did not complete within ${timeoutMs} ms`);
}

export async function waitForStep(page: Page, step: string, timeoutMs = 45_000): Promise<void> {
  await page.locator(`[data-testid="case-step"][data-step="${step}"]`).waitFor({ timeout: timeoutMs });
}

export const stepIs = async (page: Page, step: string): Promise<boolean> =>
  (await page.locator(`[data-testid="case-step"][data-step="${step}"]`).count()) > 0;

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core (WCAG 2.x A/AA rules) on the page as it is now and fails with the rule, its help text
 * and the offending elements when any violation is serious or critical. The script is evaluated
 * through the DevTools protocol, so the console's Content-Security-Policy stays as it is.
 */
export async function expectNoSeriousA11yViolations(page: Page, label = page.url()): Promise<void> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const violations = (await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const res = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return res.violations;
  })) as AxeViolation[];
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length > 0) {
    const text = bad
      .map(
        (v) =>
          `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n')}`,
      )
      .join('\n');
    throw new Error(`accessibility violations on ${label}:\n${text}`);
  }
}
