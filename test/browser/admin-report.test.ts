/// <reference lib="dom" />
import { createRepositories } from '../../src/db';
import { fillRound } from '../helpers/synthetic';
import { describeInBrowser, expectAccessible, newContext, screenshot, startRig, type BrowserRig } from './harness';

jest.setTimeout(90_000);

/** WCAG contrast ratio of a #rrggbb colour against white. */
function contrastOnWhite(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (l + 0.05);
}

const EMAIL = 'owner@example.org';
const PASSWORD = 'copper-lantern-meadow-41';

describeInBrowser('admin set-up, rounds and the report in Chromium', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => rig?.close());

  it('sets up the owner, signs in, creates and opens a round, reads its report, shares it', async () => {
    const code = /set-up code: ([A-Z0-9-]+)/.exec(rig.logs.join('\n'))?.[1];
    expect(code).toBeDefined();
    const context = await newContext(rig);
    const page = await context.newPage();

    await page.goto('/setup');
    await page.waitForURL('**/admin/setup');
    await expectAccessible(page, 'set-up');
    await page.getByLabel('Set-up code').fill(code!.toLowerCase());
    await page.getByLabel('Your email address').fill(EMAIL);
    await page.getByLabel('Choose a password').fill('password');
    await page.getByLabel('Type the password again').fill('password');
    await page.getByRole('button', { name: 'Create the owner account' }).click();
    await expectAccessible(page, 'set-up with errors');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    await page.getByLabel('Set-up code').fill(code!);
    await page.getByLabel('Choose a password').fill(PASSWORD);
    await page.getByLabel('Type the password again').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create the owner account' }).click();
    await page.waitForURL('**/admin');

    // Sign out and in again, through a failed attempt.
    await page.getByRole('button', { name: /Sign out/ }).click();
    await page.waitForURL('**/admin/login');
    await expectAccessible(page, 'login');
    await page.getByLabel('Email address').fill(EMAIL);
    await page.getByLabel('Password').fill('not-the-password-at-all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectAccessible(page, 'login with error');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/admin');
    await expectAccessible(page, 'organisations');

    await page.getByLabel('Organisation name').fill('Riverside Mental Health Trust');
    await page.getByRole('button', { name: 'Add the organisation' }).click();
    await page.waitForURL(/\/admin\/organisations\/\d+$/);
    await expectAccessible(page, 'organisation');
    await page.getByRole('link', { name: 'Create a round' }).click();
    await expectAccessible(page, 'new round form');
    await page.getByRole('button', { name: /Create/ }).last().click();
    await expectAccessible(page, 'new round form with errors');
    await page.getByLabel('Name of the round').fill('Annual check 2026');
    await page.getByLabel('While it is open, in batches').check();
    await page.getByRole('button', { name: /Create/ }).last().click();
    await page.waitForURL(/\/admin\/rounds\/\d+$/);
    await page.getByRole('button', { name: 'Open the round' }).click();
    await page.waitForLoadState();
    await expectAccessible(page, 'round page');
    await screenshot(page, 'admin-round');
    const roundId = Number(/\/admin\/rounds\/(\d+)/.exec(page.url())![1]);

    // A year's worth of synthetic answers, then the report with its charts drawn.
    const { services, db } = rig.server;
    const round = services.rounds.get(roundId);
    fillRound(createRepositories(db), services.rounds.questionnaireFor(round), round, 120, 11);
    await page.getByRole('link', { name: 'Read the results' }).click();
    await page.waitForURL('**/report');
    await page.waitForSelector('canvas[data-drawn="true"]');
    const drawn = await page.locator('canvas[data-drawn="true"]').count();
    expect(drawn).toBe(await page.locator('canvas[data-chart]').count());
    expect(drawn).toBeGreaterThan(8);
    await expectAccessible(page, 'report');
    await screenshot(page, 'report-full');

    // On a small phone (320 px) the wide tables scroll sideways: each scrolling wrapper is a
    // labelled region a keyboard can reach (axe: scrollable-region-focusable).
    await page.setViewportSize({ width: 320, height: 800 });
    await expectAccessible(page, 'report at 320 px');
    const wrappers = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.table-wrap')).map((el) => ({
        scrolls: el.scrollWidth > el.clientWidth,
        focusable: el.tabIndex === 0,
        role: el.getAttribute('role'),
        label: el.getAttribute('aria-label') ?? '',
      })),
    );
    expect(wrappers.filter((w) => w.scrolls).length).toBeGreaterThan(10);
    for (const w of wrappers) expect(w).toEqual({ scrolls: w.scrolls, focusable: true, role: 'region', label: expect.stringMatching(/\w/) });
    // A missing figure is a dash for the eye, words for a screen reader, and the page explains it.
    expect(await page.locator('td span[aria-hidden="true"]', { hasText: '–' }).count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => Array.from(document.querySelectorAll('td')).filter((td) => td.textContent!.trim() === '–').length)).toBe(0);
    expect(await page.getByText('A dash (–) in a table means there is no figure').count()).toBe(1);
    // Every segment of the stacked charts stands out from the white page by 3:1 at least
    // (fill or edge): the light yellow "Always" segment alone is about 1.2:1.
    const segments = await page.evaluate(() => {
      const chart = (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): { config: { type: string }; data: { datasets: { label: string; backgroundColor: string; borderColor: string; borderWidth: number }[] } } } }).Chart;
      return Array.from(document.querySelectorAll<HTMLCanvasElement>('canvas[data-drawn]'))
        .map((c) => chart.getChart(c)!)
        .filter((c) => c.config.type === 'bar')
        .flatMap((c) => c.data.datasets.map((d) => ({ label: d.label, fill: d.backgroundColor, edge: d.borderWidth > 0 ? d.borderColor : '#ffffff' })));
    });
    expect(segments.length).toBeGreaterThan(0);
    for (const s of segments) expect({ label: s.label, contrast: Math.max(contrastOnWhite(s.fill), contrastOnWhite(s.edge)) >= 3 }).toEqual({ label: s.label, contrast: true });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.setViewportSize({ width: 1280, height: 2400 });
    await screenshot(page, 'report', false);
    await page.locator('#theme-coproduction').scrollIntoViewIfNeeded();
    await screenshot(page, 'report-theme', false);
    await page.setViewportSize({ width: 1280, height: 720 });

    // In print, navigation and controls are gone and every theme starts a page.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('.report-actions').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await page.emulateMedia({ media: 'screen' });

    // A share link for the board opens the same report without signing in.
    await page.getByLabel('Label (optional)').fill('Board, January');
    await page.getByRole('button', { name: 'Create a share link' }).click();
    const shareUrl = (await page.locator('.notice code').textContent())!.trim();
    const board = await newContext(rig);
    const boardPage = await board.newPage();
    await boardPage.goto(shareUrl);
    await boardPage.waitForSelector('canvas[data-drawn="true"]');
    expect(await boardPage.getByText('Create a share link').count()).toBe(0);
    await expectAccessible(boardPage, 'shared report');
    await board.close();

    // Enough comments on one theme for the report to link to their own pages.
    const insert = db.prepare("INSERT INTO comments (id, round_id, theme_id, item_id, body) VALUES (lower(hex(randomblob(12))), ?, 'coproduction', 'coproduction-comment', ?)");
    for (let i = 0; i < 130; i++) insert.run(roundId, `A remark about meetings, number ${i}`);
    const commentPages = `/admin/rounds/${roundId}/report/comments/coproduction`;
    expect((await page.goto(`${commentPages}?page=2`))?.status()).toBe(200);
    expect(await page.getByText('page 2 of 2').count()).toBe(1);
    for (const path of ['/admin/questionnaires', '/admin/accounts', '/admin/account', `/admin/rounds/${roundId}/edit`, commentPages, `${commentPages}?page=2`, `/admin/rounds/${roundId}/close`]) {
      await page.goto(path);
      await expectAccessible(page, path);
    }
    await context.close();
  });
});
