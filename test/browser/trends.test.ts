/// <reference lib="dom" />
import { powerSharingV1 } from '../../src/questionnaires/power-sharing.v1';
import { respond } from '../helpers/respond';
import { openRound } from '../helpers/rounds';
import { threeYears } from '../helpers/trends';
import { describeInBrowser, expectAccessible, newContext, screenshot, startRig, tabTo, type BrowserRig, signInAs } from './harness';

jest.setTimeout(90_000);

const EMAIL = 'owner@example.org';
const PASSWORD = 'copper-lantern-meadow-41';

describeInBrowser('the trends page in Chromium', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => rig?.close());

  it('draws a line chart per theme beside its table, changes rounds with the keyboard, has no axe violations and prints', async () => {
    const { services } = rig.server;
    await services.accounts.createFirstOwner(EMAIL, PASSWORD);
    const { organisationId, rounds } = threeYears({ services });
    const context = await newContext(rig);
    const page = await context.newPage();
    await signInAs(page, EMAIL, PASSWORD);

    // An action agreed after the first year, through the form (with its error summary first).
    await page.goto(`/admin/rounds/${rounds[0].id}`);
    await page.getByRole('link', { name: 'Add an action' }).click();
    await expectAccessible(page, 'new action form');
    await page.getByRole('button', { name: 'Add the action' }).click();
    await expectAccessible(page, 'new action form with errors');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    await page.getByLabel('Theme').selectOption('leadership');
    await page.getByLabel('What will be done').fill('Share the chair of the service board');
    await page.getByLabel('Who leads it').fill('Head of engagement');
    await page.getByLabel('Due by').fill('2025-03-31');
    await page.getByLabel('In progress').check();
    await page.getByRole('button', { name: 'Add the action' }).click();
    await page.waitForURL(/\/admin\/rounds\/\d+#actions$/);
    await expectAccessible(page, 'round page with an action');

    await page.goto(`/admin/organisations/${organisationId}`);
    await page.getByRole('link', { name: 'Year on year' }).click();
    await page.waitForURL('**/trends');
    await page.waitForSelector('canvas[data-drawn="true"]');
    // Only the leadership theme has answers in the fixture: one line chart, with its table.
    expect(await page.locator('canvas[data-chart]').count()).toBe(1);
    expect(await page.locator('canvas[data-drawn="true"]').count()).toBe(1);
    await expect(page.getByRole('table', { name: /Heroic or shared leadership: score/ }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('table', { name: /Heroic or shared leadership: change/ }).isVisible()).resolves.toBe(true);
    expect(await page.getByRole('table', { name: /actions agreed after each round/ }).getByText('Share the chair of the service board').isVisible()).toBe(true);
    await expectAccessible(page, 'trends');
    await screenshot(page, 'trends');

    // Untick the middle year with the keyboard and compare again (a plain GET form).
    await tabTo(page, `input[value="${rounds[1].id}"]`);
    await page.keyboard.press('Space');
    await tabTo(page, '#compare-rounds');
    await page.keyboard.press('Enter');
    await page.waitForURL(/compare=1/);
    expect(await page.locator(`input[value="${rounds[1].id}"]`).isChecked()).toBe(false);
    await page.waitForSelector('canvas[data-drawn="true"]');
    await expectAccessible(page, 'trends of two rounds');

    // Fewer than two rounds: a clear message, still accessible.
    await page.goto(`/admin/organisations/${organisationId}/trends?rounds=${rounds[0].id}`);
    expect(await page.getByText('Choose at least two rounds to compare.').isVisible()).toBe(true);
    await expectAccessible(page, 'trends with one round');

    // At 320 px wide the page still works without sideways scrolling of the whole page.
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(`/admin/organisations/${organisationId}/trends`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });

    // Print: no navigation or form; an A4 PDF.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('form').first().isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    await page.setViewportSize({ width: 794, height: 1123 });
    await screenshot(page, "trends-print");
    console.log(`trends page printed on ${pages} A4 pages`);
    expect(pages).toBeGreaterThan(0);
    await page.emulateMedia({ media: 'screen' });

    // A board share link for the trends, made on the page, opens it read only without signing in.
    await page.getByLabel('Label (optional)').fill('Board, January');
    await page.getByRole('button', { name: 'Create a share link' }).click();
    const shareUrl = (await page.locator('.notice code').textContent())!.trim();
    await expectAccessible(page, 'trends with a new share link');
    const board = await newContext(rig);
    const boardPage = await board.newPage();
    await boardPage.goto(shareUrl);
    await boardPage.waitForSelector('canvas[data-drawn="true"]');
    expect(await boardPage.getByText('Create a share link').count()).toBe(0);
    await expectAccessible(boardPage, 'shared trends');
    await board.close();
    await context.close();
  });

  it('shows a theme recomputed on the questions the full and short forms share, and a refused comparison, with no axe violations', async () => {
    const { services } = rig.server;
    // The first test may have made the owner already.
    await services.accounts.createFirstOwner(EMAIL, PASSWORD).catch(() => undefined);
    // Full 2025: leadership on ld-shared, ld-challenge and ld-lasts (not in the short form); the workshop asks the first two.
    const full = openRound({ services }, { name: 'Full 2025' });
    for (const [a, b, c] of [[2, 2, 4], [2, 3, 4], [3, 3, 4], [3, 2, 0], [1, 1, 0]]) respond({ services }, full, 'staff', { 'ld-shared': String(a), 'ld-challenge': String(b), 'ld-lasts': String(c) });
    services.rounds.close(full.id);
    const short = openRound({ services }, { name: 'Workshop 2026', form: 'short' }, 'open', full.organisationId);
    for (const [a, b] of [[3, 3], [4, 4], [4, 4], [3, 4], [3, 3]]) respond({ services }, short, 'staff', { 'ld-shared': String(a), 'ld-challenge': String(b) });
    services.rounds.close(short.id);
    // A questionnaire with the same themes and none of the same question ids: too few to compare.
    const other = JSON.stringify({ ...powerSharingV1, id: 'other-check', title: 'Other check' }).replace(/"(cp|tk|ld|rc|pr|in|le|hp)-/g, '"x-$1-');
    expect(services.questionnaireImport.importDefinition(other, { confirmWarnings: true }).status).toBe('imported');
    const elsewhere = openRound({ services }, { name: 'Other 2026', questionnaireId: 'other-check', questionnaireVersion: 1 }, 'closed', full.organisationId);

    const context = await newContext(rig);
    const page = await context.newPage();
    await signInAs(page, EMAIL, PASSWORD);
    await page.goto(`/admin/organisations/${full.organisationId}/trends?rounds=${full.id},${short.id}`);
    await page.waitForSelector('canvas[data-drawn="true"]');
    const note = page.locator('#theme-leadership ~ .notice').first();
    expect(await note.textContent()).toContain('Compared on 2 questions (of 5 in “Full 2025”, 2 in “Workshop 2026”)');
    expect(await page.getByText('Changes here would carry on if a senior leader left. (asked in Full 2025 only)').isVisible()).toBe(true);
    // The table beside the chart gives the recomputed scores: 55 and 87.5.
    const table = page.getByRole('table', { name: /Heroic or shared leadership: score/ });
    expect(await table.getByRole('row', { name: /Everyone/ }).textContent()).toMatch(/55\.0.*87\.5/);
    await expectAccessible(page, 'trends on shared questions');
    await page.locator('#theme-leadership').scrollIntoViewIfNeeded();
    await screenshot(page, 'trends-shared-questions', false);
    await page.goto(`/admin/organisations/${full.organisationId}/trends?rounds=${full.id},${short.id}&print=summary`);
    expect(await page.getByText('(on 2 shared questions)').first().isVisible()).toBe(true);
    await expectAccessible(page, 'trends board summary on shared questions');

    await page.goto(`/admin/organisations/${full.organisationId}/trends?rounds=${full.id},${elsewhere.id}`);
    expect(await page.getByText('These rounds share too few questions to be compared').isVisible()).toBe(true);
    await expectAccessible(page, 'trends refused: too few shared questions');
    await context.close();
  });
});
