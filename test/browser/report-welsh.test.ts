/// <reference lib="dom" />
// The report, its board summary, the trends page and paper entry in Welsh, in Chromium: axe
// finds nothing, the page says lang="cy", and the Welsh board summary still prints on 2 to 4 A4
// pages (Welsh sentences run longer than English ones).
import { createRepositories } from '../../src/db';
import { openRound } from '../helpers/rounds';
import { fillRound } from '../helpers/synthetic';
import { describeInBrowser, expectAccessible, newContext, printedPages, startRig, type BrowserRig, signInAs } from './harness';

jest.setTimeout(120_000);

const EMAIL = 'owner@example.org';
const PASSWORD = 'copper-lantern-meadow-41';

describeInBrowser('the report pages in Welsh, in Chromium', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => rig?.close());

  it('report, board summary, trends and paper entry in Welsh are accessible; the summary prints on 2 to 4 pages', async () => {
    const { services, db } = rig.server;
    await services.accounts.createFirstOwner(EMAIL, PASSWORD);
    const repos = createRepositories(db);
    // Two closed yearly rounds of one organisation, so the summary has a change and the trends a line.
    let closed = openRound({ services }, { name: 'Gwiriad 2025', resultsRelease: 'after-close' });
    for (const [year, people] of [[2025, 110], [2026, 120]]) {
      const round = year === 2025 ? closed : openRound({ services }, { name: `Gwiriad ${year}`, resultsRelease: 'after-close' }, 'open', closed.organisationId);
      fillRound(repos, services.rounds.questionnaireFor(round), round, people, year - 2022);
      closed = services.rounds.close(round.id);
    }

    const context = await newContext(rig);
    const page = await context.newPage();
    await signInAs(page, EMAIL, PASSWORD); // in English (the harness's labels), then the browser asks for Welsh
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'cy' });

    await page.goto(`/admin/rounds/${closed.id}/report`);
    await page.waitForSelector('canvas[data-drawn="true"]');
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    await expectAccessible(page, 'Welsh report');
    await page.goto(`/admin/rounds/${closed.id}/report?print=summary`);
    await page.waitForSelector('canvas[data-drawn="true"]');
    await expectAccessible(page, 'Welsh board summary');
    await page.setViewportSize({ width: 794, height: 1123 });
    const pages = await printedPages(page);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(4);

    await page.goto(`/admin/organisations/${closed.organisationId}/trends`);
    await page.waitForSelector('canvas[data-drawn="true"]');
    await expectAccessible(page, 'Welsh trends');

    const open = openRound({ services }, { name: 'Gwiriad 2027' }, 'open', closed.organisationId);
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(`/admin/rounds/${open.id}/paper/entry`);
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    await expectAccessible(page, 'Welsh paper entry at 320 px');
    await context.close();
  });
});
