/// <reference lib="dom" />
import { createRepositories } from '../../src/db';
import { openRound } from '../helpers/rounds';
import { fillRound } from '../helpers/synthetic';
import { describeInBrowser, expectAccessible, newContext, printedPages, screenshot, startRig, type BrowserRig, signInAs } from './harness';

jest.setTimeout(120_000);

const EMAIL = 'owner@example.org';
const PASSWORD = 'copper-lantern-meadow-41';

describeInBrowser('the board summary and the results page for respondents, in Chromium', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => rig?.close());

  it('prints a realistic round (8 themes, ~120 responses) on 2 to 4 A4 pages; the results page is accessible on a phone without JavaScript', async () => {
    const { services, db } = rig.server;
    await services.accounts.createFirstOwner(EMAIL, PASSWORD);
    const repos = createRepositories(db);
    const last = openRound({ services }, { name: 'Annual check 2025', resultsRelease: 'after-close' });
    fillRound(repos, services.rounds.questionnaireFor(last), last, 110, 3);
    services.rounds.close(last.id);
    const round = openRound({ services }, { name: 'Annual check 2026', resultsRelease: 'after-close' }, 'open', last.organisationId);
    const q = services.rounds.questionnaireFor(round);
    expect(q.themes).toHaveLength(8);
    fillRound(repos, q, round, 120, 4);
    const closed = services.rounds.close(round.id);
    const themes = services.actions.themes(last);
    for (const [i, status] of (['done', 'in-progress', 'planned'] as const).entries()) {
      services.actions.create(last, { themeId: themes[i].id, what: `Action ${i + 1} agreed after 2025, described in a sentence or two as people write them`, lead: 'Head of engagement', dueOn: '2026-06-30', status, note: i === 0 ? 'Done in May, with two co-chairs.' : '' });
      services.actions.create(closed, { themeId: themes[i + 3].id, what: `Action ${i + 1} agreed after 2026, described in a sentence or two as people write them`, lead: 'Chief executive', dueOn: '2027-06-30', status: 'planned', note: '' });
    }

    const context = await newContext(rig);
    const page = await context.newPage();
    await signInAs(page, EMAIL, PASSWORD);

    await page.goto(`/admin/rounds/${closed.id}/report`);
    await page.waitForSelector('canvas[data-drawn="true"]');
    const fullPages = await printedPages(page);
    await page.getByRole('link', { name: /Board summary/ }).click();
    await page.waitForURL(/print=summary/);
    await page.waitForSelector('canvas[data-drawn="true"]');
    await expectAccessible(page, 'board summary');
    const summaryPages = await printedPages(page);
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'board-summary-print');
    await page.emulateMedia({ media: 'screen' });
    await page.getByLabel(/Include the full detail/).check();
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/detail=1/);
    await page.waitForSelector('canvas[data-drawn="true"]');
    const withDetail = await printedPages(page);
    console.log(`round report printed: full report ${fullPages} A4 pages; board summary ${summaryPages}; summary with the appendix ${withDetail}`);
    expect(summaryPages).toBeGreaterThanOrEqual(2);
    expect(summaryPages).toBeLessThanOrEqual(4);
    expect(withDetail).toBeGreaterThan(summaryPages);

    // The trends page of the two rounds: its board summary, with the action plans.
    await page.goto(`/admin/organisations/${closed.organisationId}/trends`);
    await page.waitForSelector('canvas[data-drawn="true"]');
    const trendsFull = await printedPages(page);
    await page.getByRole('link', { name: 'board summary' }).click();
    await page.waitForURL(/print=summary/);
    await page.waitForSelector('canvas[data-drawn="true"]');
    expect(await page.locator('canvas[data-chart]').count()).toBe(1); // the radar; the per-theme charts are the appendix
    await expectAccessible(page, 'trends board summary');
    const trendsSummary = await printedPages(page);
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'trends-board-summary-print');
    await page.emulateMedia({ media: 'screen' });
    await page.getByLabel(/Include the full detail/).check();
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/detail=1/);
    await page.waitForSelector('canvas[data-drawn="true"]');
    const trendsDetail = await printedPages(page);
    console.log(`trends printed: full page ${trendsFull} A4 pages; board summary ${trendsSummary}; summary with the appendix ${trendsDetail}`);
    expect(trendsSummary).toBeGreaterThanOrEqual(2);
    expect(trendsSummary).toBeLessThanOrEqual(4);

    // Publish the results for the people who answered.
    await page.goto(`/admin/rounds/${closed.id}`);
    await page.getByRole('button', { name: 'Publish the results page' }).click();
    await page.waitForURL(/#results-page$/);
    await expectAccessible(page, 'round page with the results published');
    await context.close();

    // A respondent on a phone, JavaScript off.
    const phone = await newContext(rig, { viewport: { width: 360, height: 740 }, javaScriptEnabled: false, isMobile: true });
    const p = await phone.newPage();
    await p.goto(`/r/${closed.linkToken}`);
    await p.getByRole('link', { name: /Read the results of this round/ }).click();
    await p.waitForURL(/\/results$/);
    expect(await p.getByRole('heading', { level: 1 }).textContent()).toContain('what you told us');
    expect(await p.getByRole('table', { name: /Scores for each theme, everyone together/ }).isVisible()).toBe(true);
    expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await screenshot(p, 'results-for-respondents-phone');
    await phone.close();
    const axeContext = await newContext(rig, { viewport: { width: 360, height: 740 } });
    const a = await axeContext.newPage();
    await a.goto(`/r/${closed.linkToken}/results`);
    await a.waitForSelector('canvas[data-drawn="true"]');
    expect(await a.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await screenshot(a, 'results-for-respondents-phone-with-chart');
    await expectAccessible(a, 'results page for respondents');
    await axeContext.close();
  });
});
