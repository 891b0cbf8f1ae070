import { loadTestStackConfig } from '@meritflow/config';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { Stack } from '../support/api-client';

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

/** The viewports every newer spec checks its key pages at: a laptop and a phone. */
export const DESKTOP = { width: 1366, height: 768 } as const;
export const PHONE = { width: 390, height: 844 } as const;
export type Viewport = { readonly width: number; readonly height: number };

/** Who signs in to the console: the sign-in screen asks for an id, a name, a role and an agency. */
export interface ConsoleUser {
  id: string;
  name?: string;
  role: string;
}

export interface SignInOptions {
  /** The agency code typed on the sign-in screen ('*' for the national roles). */
  agency: string;
  viewport?: Viewport;
  /** Send the form with Enter in the last field instead of a click. */
  keyboard?: boolean;
  acceptDownloads?: boolean;
  /** Runs on the sign-in screen before it is filled (to check or photograph it). */
  atSignIn?: (page: Page) => Promise<void>;
}

/**
 * The console of the test stack in one Chromium: each sign-in gets a fresh browser context (its own
 * session storage), so several users can act side by side; `close` ends them all and the browser.
 */
export class ConsoleBrowser {
  readonly url: string;
  private browser?: Browser;
  private closeBrowser?: () => Promise<void>;
  private readonly contexts: BrowserContext[] = [];
  /** Called with every page opened, e.g. to collect Content-Security-Policy reports from its console. */
  onPage?: (page: Page) => void;

  constructor(stack: Stack) {
    this.url = `${stack.state.apiUrl.replace(/\/api$/, '')}/console/`;
  }

  async start(): Promise<void> {
    ({ browser: this.browser, close: this.closeBrowser } = await launchChromium());
  }

  async close(): Promise<void> {
    for (const c of this.contexts) await c.close().catch(() => undefined);
    await this.closeBrowser?.();
  }

  async signIn(user: ConsoleUser, opts: SignInOptions): Promise<Page> {
    if (!this.browser) throw new Error('ConsoleBrowser.start() first');
    const context = await this.browser.newContext({ viewport: opts.viewport ?? DESKTOP, acceptDownloads: opts.acceptDownloads });
    this.contexts.push(context);
    const page = await context.newPage();
    this.onPage?.(page);
    await page.goto(this.url);
    await page.getByRole('heading', { name: 'Masuk' }).waitFor();
    await opts.atSignIn?.(page);
    await page.getByLabel('NIP atau ID pengguna').fill(user.id);
    await page.getByLabel('Nama', { exact: true }).fill(user.name ?? user.id);
    await page.getByLabel('Peran', { exact: true }).selectOption(user.role);
    await page.getByLabel('Kode instansi').fill(opts.agency);
    if (opts.keyboard) await page.getByLabel('Kode instansi').press('Enter');
    else await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.getByTestId('signed-in-as').waitFor();
    return page;
  }

  /** Goes to a case's page (a console route) and waits until its step shows. */
  async openCase(page: Page, id: string): Promise<void> {
    await page.goto(`${this.url}#/case/${encodeURIComponent(id)}`);
    await page.getByTestId('case-step').waitFor();
  }

  /** Goes to a console route, e.g. `moves/new`. */
  async goto(page: Page, route: string): Promise<void> {
    await page.goto(`${this.url}#/${route}`);
  }
}

/**
 * A key page photographed at the laptop and the phone viewport, each checked with axe-core, then
 * back at the laptop size.
 */
export async function capture(page: Page, name: string): Promise<void> {
  for (const v of [DESKTOP, PHONE]) {
    await page.setViewportSize(v);
    await screenshot(page, `${name}-${v.width}x${v.height}`);
    await expectNoSeriousA11yViolations(page, `${name} at ${v.width}x${v.height}`);
    const wide = await sidewaysOverflow(page);
    expect(
      wide.overflowPx === 0
        ? 'fits'
        : `${name} at ${v.width}x${v.height} scrolls sideways by ${wide.overflowPx}px: ${wide.offenders.join('; ')}`,
    ).toBe('fits');
  }
  await page.setViewportSize(DESKTOP);
}

/**
 * How far the page itself scrolls sideways at its viewport (0 when it does not), and the widest
 * elements that stick out without a scrolling box of their own around them (a wide table belongs in
 * its focusable scroll wrapper; a NIP or a long id must not widen the page).
 */
export async function sidewaysOverflow(page: Page): Promise<{ overflowPx: number; offenders: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const clipped = (el: Element): boolean => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX)) return true;
      }
      return false;
    };
    const beyond = [...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > width + 1);
    const free = beyond.filter((el) => !clipped(el));
    const offenders = (free.length > 0 ? free : beyond).slice(0, 5).map((el) => {
      const testid = el.closest('[data-testid]')?.getAttribute('data-testid');
      const parent = el.parentElement!;
      const text = (el.textContent ?? '').trim().slice(0, 24);
      return `${el.tagName.toLowerCase()} "${text}" in [data-testid=${testid ?? '-'}] (parent ${parent.tagName.toLowerCase()} ${getComputedStyle(parent).display}/${getComputedStyle(parent).position}) right=${Math.round(el.getBoundingClientRect().right)}${clipped(el) ? ' clipped' : ''}`;
    });
    // Text wider than its own box (a long id or hash that cannot break) widens the page as well.
    const spilling = [...document.body.querySelectorAll('*')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return (
          getComputedStyle(el).overflowX === 'visible' &&
          el.scrollWidth > el.clientWidth + 1 &&
          r.left + el.scrollWidth > width + 1 &&
          !clipped(el)
        );
      })
      .slice(-3)
      .map(
        (el) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}" spills ${el.scrollWidth - el.clientWidth}px`,
      );
    return { overflowPx: Math.max(0, root.scrollWidth - width), offenders: [...offenders, ...spilling] };
  });
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
