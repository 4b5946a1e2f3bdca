/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { testConfig } from '../../src/config';
import { startServer, type RunningServer } from '../../src/server';

/**
 * Browser tests drive the system Chromium (playwright's own browser download cannot work here).
 * Outside CI a missing browser is reported loudly and the suite is skipped; in CI it fails.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = fs.existsSync(CHROMIUM_PATH);
const inCi = process.env.CI === 'true' || process.env.CI === '1';

if (!chromiumAvailable) {
  const message = `Chromium was not found at ${CHROMIUM_PATH}: the browser tests cannot run. Install it with "apt-get install -y chromium" (or set CHROMIUM_PATH).`;
  if (inCi) throw new Error(message);
  console.warn(`\n*** ${message} Skipping them. ***\n`);
}

/** `describe` when Chromium is present; otherwise a skipped block (see the loud warning above). */
export const describeInBrowser: jest.Describe = chromiumAvailable ? describe : describe.skip;

export const SCREENSHOT_DIR = path.join(__dirname, '..', '..', 'screenshots');

export interface BrowserRig {
  server: RunningServer;
  /** What the server printed at start (e.g. the one-time set-up code). */
  logs: string[];
  browser: Browser;
  url: string;
  close(): Promise<void>;
}

/** The real server on 127.0.0.1 (random port, fresh database file) and a headless Chromium. */
export async function startRig(): Promise<BrowserRig> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'powershare-browser-'));
  const logs: string[] = [];
  const server = await startServer(testConfig({ port: 0, host: '127.0.0.1', databasePath: path.join(dir, 'test.db') }), (line) => void logs.push(line));
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  return {
    server,
    logs,
    browser,
    url: server.url,
    async close() {
      await browser.close();
      await server.shutdown();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh context; axe is injected later, so our own CSP is bypassed for the test's scripts only. */
export async function newContext(rig: BrowserRig, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await rig.browser.newContext({ baseURL: rig.url, bypassCSP: true, ...options });
  context.setDefaultTimeout(10_000); // fail fast, with the step that stalled
  return context;
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core at WCAG 2.2 A and AA on the page; returns the violations (should be none). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
}

/** Expects no axe violations, printing them readably when there are some. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) {
    const detail = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`).join('\n');
    throw new Error(`axe found ${violations.length} violation(s) on ${label}:\n${detail}`);
  }
}

/** Saves a full-page screenshot to screenshots/ (ignored by git) for people to look at. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage });
}

/** Presses Tab until `selector` has focus (bounded), as a keyboard user would. */
export async function tabTo(page: Page, selector: string, maxPresses = 80): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Could not reach ${selector} with the Tab key`);
}

/** Signs in through the real login form and waits for the admin home page. */
export async function signInAs(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/admin/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/admin');
}

/** Prints the page as Chromium would to A4 and counts the pages of the PDF. */
export async function printedPages(page: Page): Promise<number> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4' });
  await page.emulateMedia({ media: 'screen' });
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}
