/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openRound } from '../helpers/rounds';
import { describeInBrowser, expectAccessible, newContext, screenshot, SCREENSHOT_DIR, startRig, tabTo, type BrowserRig, signInAs } from './harness';

jest.setTimeout(120_000);

const EMAIL = 'owner@example.org';
const PASSWORD = 'copper-lantern-meadow-41';

/** Prints the page to A4 as Chromium does, keeps the PDF in screenshots/ for people to look at, and counts its pages. */
async function printToPdf(page: Page, name: string): Promise<number> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  fs.writeFileSync(path.join(SCREENSHOT_DIR, `${name}.pdf`), pdf);
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

/** The smallest computed font size (in points) of the paper form's text, as printed. */
async function smallestPrintedPoints(page: Page): Promise<number> {
  await page.emulateMedia({ media: 'print' });
  const px = await page.evaluate(() => {
    const sizes = Array.from(document.querySelectorAll('.paper p, .paper li, .paper h1, .paper h2'))
      .filter((el) => (el as HTMLElement).offsetParent !== null && (el.textContent ?? '').trim() !== '')
      .map((el) => parseFloat(getComputedStyle(el).fontSize));
    return Math.min(...sizes);
  });
  await page.emulateMedia({ media: 'screen' });
  return Math.round(((px * 72) / 96) * 100) / 100;
}

describeInBrowser('paper forms in Chromium: the printable questionnaire and keying in returned forms', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => rig?.close());

  it('prints on A4 (standard and large print at 16 pt and up), with no axe violations', async () => {
    const { services } = rig.server;
    await services.accounts.createFirstOwner(EMAIL, PASSWORD);
    const round = openRound({ services }, { name: 'Annual check 2026', resultsRelease: 'after-close' }, 'draft');
    const context = await newContext(rig);
    const page = await context.newPage();
    await signInAs(page, EMAIL, PASSWORD);

    await page.goto(`/admin/rounds/${round.id}/paper`);
    await expectAccessible(page, 'paper form, standard print');
    const standard = await printToPdf(page, 'paper-form-standard');
    const standardPoints = await smallestPrintedPoints(page);
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'paper-form-standard-print', false);
    await page.emulateMedia({ media: 'screen' });

    await page.getByRole('link', { name: /Large print/ }).click();
    await page.waitForURL(/size=large/);
    await expectAccessible(page, 'paper form, large print');
    const large = await printToPdf(page, 'paper-form-large');
    const largePoints = await smallestPrintedPoints(page);
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'paper-form-large-print', false);
    console.log(`paper form printed: standard ${standard} A4 pages (smallest text ${standardPoints.toFixed(1)} pt); large print ${large} pages (smallest text ${largePoints.toFixed(1)} pt)`);
    expect(standardPoints).toBeGreaterThanOrEqual(10.5);
    expect(largePoints).toBeGreaterThanOrEqual(16);
    expect(standard).toBeGreaterThanOrEqual(2);
    expect(standard).toBeLessThanOrEqual(8);
    expect(large).toBeGreaterThan(standard);
    // The page's own controls are not printed.
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.paper-toolbar')!).display)).toBe('none');
    await context.close();
  });

  it('keys in a form with the keyboard only: single keys, visible focus, the check screen, save, undo; no axe violations', async () => {
    const { services } = rig.server;
    const round = openRound({ services }, { name: 'Keyed round', resultsRelease: 'after-close' });
    const context = await newContext(rig);
    const page = await context.newPage();
    await signInAs(page, EMAIL, PASSWORD);
    await page.goto(`/admin/rounds/${round.id}/paper/entry`);
    await expectAccessible(page, 'data-entry page');

    // Tab to the role question; "3" is the third description (staff), and the focus moves on.
    await tabTo(page, 'input[name="role"]');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('3');
    const active = () => page.evaluate(() => (document.activeElement as HTMLInputElement).name);
    expect(await active()).toBe('cp-last-change'); // the ladder: one key a rung
    await page.keyboard.press('4'); // the fourth rung
    expect(await active()).toBe('cp-topics');
    await page.keyboard.press('5'); // Always
    await page.keyboard.press('d'); // Don't know
    await page.keyboard.press('2'); // Rarely
    // Without the single keys: the arrow keys choose within a question, Tab moves on.
    expect(await active()).toBe('cp-judge');
    await page.keyboard.press('ArrowUp'); // from "Left blank" (checked by default) to "Don't know"
    await page.keyboard.press('Tab');
    expect(await active()).toBe('coproduction-comment');
    await page.keyboard.type('Meetings are better now.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('0'); // left blank
    expect(await active()).toBe('tk-change');
    await tabTo(page, 'form.paper-entry button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('h1:text("Check this form against the paper")');
    await expectAccessible(page, 'check screen');
    await screenshot(page, 'paper-check-screen');
    const rows = await page.locator('.summary-row dd').allTextContents();
    const rung = services.rounds.questionnaireFor(round).items.find((i) => i.id === 'cp-last-change') as { options: string[] };
    // First the printed version (as at the top of the paper), then the answers in the paper's order.
    expect(rows.slice(0, 9)).toEqual(['English', 'Staff member or volunteer', rung.options[3], 'Always', "Don't know", 'Rarely', "Don't know", 'Meetings are better now.', 'Left blank']);
    // The check screen starts with the focus on its heading, at the top: one Tab reaches "Save this form"
    // (not the skip link and the whole admin menu first).
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Save this form');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Forms keyed in this sitting: 1.');
    // Ready for the next form: the focus is on the role question already.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('role');
    await expectAccessible(page, 'data-entry page after a save');
    expect(services.release.status(services.rounds.get(round.id)).waiting).toBe(1);

    await tabTo(page, 'form[action$="/paper/undo"] button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=The last form you saved is taken back');
    expect(services.release.status(services.rounds.get(round.id)).waiting).toBe(0);

    // An error: "Check this form" with nothing keyed gives the summary, focused, linking to the role question.
    await tabTo(page, 'form.paper-entry button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.error-summary');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    await expectAccessible(page, 'data-entry page with errors');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => location.hash)).toBe('#role');
    await screenshot(page, 'paper-entry-errors');
    await context.close();
  });

  it('works without JavaScript: Tab, arrow keys and Enter key a form in', async () => {
    const { services } = rig.server;
    const round = openRound({ services }, { name: 'No-JS round', resultsRelease: 'after-close' });
    const context = await newContext(rig, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(page, EMAIL, PASSWORD);
    await page.goto(`/admin/rounds/${round.id}/paper/entry`);
    await tabTo(page, 'input[name="role"]');
    await page.keyboard.press('Space'); // the first description
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown'); // the ladder: from "Left blank" round to the first rung
    await tabTo(page, 'form.paper-entry button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('h1:text("Check this form against the paper")');
    const rows = await page.locator('.summary-row dd').allTextContents();
    const ladder = services.rounds.questionnaireFor(round).items.find((i) => i.id === 'cp-last-change') as { options: string[] };
    expect(rows.slice(0, 3)).toEqual(['English', round.roles[0].label, ladder.options[0]]);
    await tabTo(page, 'form[action$="/paper/save"] button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Forms keyed in this sitting: 1.');
    await context.close();
  });

  it('answering with help: the role page asks, at 320 px, without JavaScript, and the check page shows it; no axe violations', async () => {
    const { services } = rig.server;
    const round = openRound({ services }, { name: 'Helped round', resultsRelease: 'after-close' });
    const phone = await newContext(rig, { viewport: { width: 320, height: 640 }, javaScriptEnabled: false });
    const page = await phone.newPage();
    await page.goto(`/r/${round.linkToken}`);
    await page.getByRole('button', { name: 'Start now' }).click();
    await page.getByLabel('Someone who uses services or has lived experience').check();
    await page.getByLabel('Yes, I am helping someone, or answering for them').check();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'role-page-assisted-320');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/themes/1');
    await page.locator('form fieldset').first().locator('input[type=radio]').first().check();
    const url = page.url().replace(/\/themes\/1$/, '/check');
    await page.goto(url);
    expect(await page.getByText('Filled in with help').isVisible()).toBe(true);
    const cookies = await phone.cookies();
    await phone.close();
    // axe needs JavaScript: the same pages in a context that blocks the pages' own scripts.
    const axe = await newContext(rig, { viewport: { width: 320, height: 640 } });
    await axe.addCookies(cookies);
    const a = await axe.newPage();
    await a.route('**/*.js', (r) => r.abort());
    await a.goto(url.replace(/\/check$/, '/role'));
    expect(await a.getByLabel('Yes, I am helping someone, or answering for them').isChecked()).toBe(true);
    await expectAccessible(a, 'role page with the assisted question');
    await a.goto(url);
    await expectAccessible(a, 'check page, answered with help');
    await axe.close();
  });
});
