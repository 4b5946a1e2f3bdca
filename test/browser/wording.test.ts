/// <reference lib="dom" />
// The Welsh and Easy Read journeys in Chromium on a 320 px phone: axe on every page, nothing
// wider than the screen, keyboard and no-JavaScript switching (issue 15).
import type { Page } from 'playwright-core';
import { DEFAULT_QUESTIONNAIRE_ID } from '../../src/questionnaires';
import { defaultRoles, type RoundRecord } from '../../src/services/rounds';
import { describeInBrowser, expectAccessible, newContext, screenshot, startRig, tabTo, type BrowserRig } from './harness';

jest.setTimeout(90_000);

const PHONE = { viewport: { width: 320, height: 640 } };

describeInBrowser('Welsh and Easy Read in Chromium at 320 px', () => {
  let rig: BrowserRig;
  let round: RoundRecord;

  beforeAll(async () => {
    rig = await startRig();
    const { services } = rig.server;
    const q = services.questionnaires.get(DEFAULT_QUESTIONNAIRE_ID, 1);
    const org = services.organisations.create('Cyngor Gofal Caerwern');
    round = services.rounds.open(
      services.rounds.create(org.id, {
        name: 'Gwiriad blynyddol 2026', questionnaireId: q.id, questionnaireVersion: q.version, form: 'full', mode: 'survey',
        roles: defaultRoles(q), minGroupSize: 5, opensAt: null, closesAt: null, intro: 'Dywedwch wrthym yn onest sut mae pethau o’ch safbwynt chi.', resultsRelease: 'after-close',
        defaultLanguage: 'cy',
      }).id,
    );
  });
  afterAll(async () => rig?.close());

  const pages = () => rig.server.services.responding.pages(round).length;
  const fitsTheScreen = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const sentWordings = () => rig.server.db.prepare('SELECT body FROM pending_responses').all().map((r) => {
    const body = JSON.parse((r as { body: string }).body) as { language: string; easyRead: boolean };
    return [body.language, body.easyRead];
  });

  async function answerPage(page: Page, optionIndex: number) {
    const fieldsets = page.locator('form fieldset');
    const n = await fieldsets.count();
    for (let i = 0; i < n; i++) await fieldsets.nth(i).locator('.choice label').nth(optionIndex).click();
  }

  it('answers the whole questionnaire in Welsh, every page accessible and within 320 px', async () => {
    const context = await newContext(rig, PHONE);
    const page = await context.newPage();
    await page.goto(`/r/${round.linkToken}`);
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    await expectAccessible(page, 'Welsh welcome');
    expect(await fitsTheScreen(page)).toBe(true);
    await screenshot(page, 'welsh-welcome');
    await page.getByRole('button', { name: 'Dechrau nawr' }).click();
    await page.waitForURL('**/role');
    await expectAccessible(page, 'Welsh role page');
    await page.getByRole('radio').first().check();
    await page.getByRole('button', { name: 'Parhau' }).click();
    for (let n = 1; n <= pages(); n++) {
      await page.waitForURL(`**/themes/${n}`);
      if (n === 1) {
        expect(await page.getByText(`Thema 1 o ${pages()}`).count()).toBe(1);
        await expectAccessible(page, 'Welsh theme page');
        expect(await fitsTheScreen(page)).toBe(true);
        await screenshot(page, 'welsh-theme');
        // The live character count (site.js) speaks the page's language too, before and after typing.
        const count = page.locator('.char-count').first();
        expect(await count.textContent()).toBe('Mae gennych 1000 nod ar ôl');
        await page.locator('textarea').first().fill('Iawn');
        expect(await count.textContent()).toBe('Mae gennych 996 nod ar ôl');
        await page.locator('textarea').first().fill('');
      }
      await answerPage(page, 3);
      await page.getByRole('button', { name: n === pages() ? 'Cadw a gwirio eich atebion' : 'Cadw a pharhau' }).click();
    }
    await page.waitForURL('**/check');
    await expectAccessible(page, 'Welsh check page');
    expect(await fitsTheScreen(page)).toBe(true);
    await page.getByRole('button', { name: 'Anfon fy atebion' }).click();
    await page.waitForURL('**/thanks');
    await expectAccessible(page, 'Welsh thank-you page');
    expect(await page.locator('h1').textContent()).toBe('Diolch');
    expect(sentWordings()).toContainEqual(['cy', false]);
    await context.close();
  });

  it('switches to English Easy Read by keyboard, with the theme pictures, accessible within 320 px', async () => {
    const context = await newContext(rig, PHONE);
    const page = await context.newPage();
    await page.goto(`/r/${round.linkToken}`);
    await tabTo(page, 'button[name="language"][value="en"]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.getAttribute('html', 'lang')).toBe('en-GB');
    // The round's own texts are Welsh: marked so a screen reader reads them in Welsh.
    expect(await page.getAttribute('h1', 'lang')).toBe('cy');
    await tabTo(page, 'button[name="easyRead"][value="1"]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.getByRole('button', { name: 'Use the standard wording' }).count()).toBe(1);
    await expectAccessible(page, 'Easy Read welcome');
    expect(await fitsTheScreen(page)).toBe(true);
    await screenshot(page, 'easy-read-welcome');
    await page.getByRole('button', { name: 'Start now' }).click();
    await page.getByRole('radio').nth(1).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    for (let n = 1; n <= pages(); n++) {
      await page.waitForURL(`**/themes/${n}`);
      const picture = page.locator('img.theme-picture');
      expect(await picture.count()).toBe(1);
      expect(await picture.getAttribute('alt')).toBe('');
      // The picture loads (a real SVG of ours, not a broken image).
      expect(await picture.evaluate((img) => (img as HTMLImageElement).naturalWidth > 0)).toBe(true);
      if (n === 1) {
        await expectAccessible(page, 'Easy Read theme page');
        expect(await fitsTheScreen(page)).toBe(true);
        await screenshot(page, 'easy-read-theme');
      }
      await answerPage(page, 1);
      // Easy Read words around the questions (catalogue easyRead keys): "Save and go on".
      await page.getByRole('button', { name: n === pages() ? 'Save and check your answers' : 'Save and go on' }).click();
    }
    await page.waitForURL('**/check');
    await expectAccessible(page, 'Easy Read check page');
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.waitForURL('**/thanks');
    expect(sentWordings()).toContainEqual(['en', true]);
    await context.close();
  });

  it('shows the home page in Welsh and a Welsh Easy Read theme page, accessible within 320 px', async () => {
    const context = await newContext(rig, { ...PHONE, locale: 'cy-GB', extraHTTPHeaders: { 'Accept-Language': 'cy' } });
    const page = await context.newPage();
    await page.goto('/');
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    expect(await page.getByRole('heading', { name: 'Ydych chi wedi cael cod?' }).count()).toBe(1);
    expect(await page.getAttribute('button[name="language"][value="en"]', 'lang')).toBe('en-GB');
    await expectAccessible(page, 'Welsh home page');
    expect(await fitsTheScreen(page)).toBe(true);
    await screenshot(page, 'welsh-home');
    await page.goto(`/r/${round.linkToken}`);
    await tabTo(page, 'button[name="easyRead"][value="1"]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await page.getByRole('button', { name: 'Dechrau nawr' }).click();
    await page.getByRole('radio').first().check();
    await page.getByRole('button', { name: 'Parhau' }).click();
    await page.waitForURL('**/themes/1');
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    expect(await page.getByText(`Rhan 1 o ${pages()}`).count()).toBe(1);
    expect(await page.locator('h1').textContent()).toBe("Bod yn rhan o bethau o'r dechrau");
    expect(await page.getByText('Dw i ddim yn gwybod').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'Welsh Easy Read theme page');
    expect(await fitsTheScreen(page)).toBe(true);
    await screenshot(page, 'welsh-easy-read-theme');
    await context.close();
  });

  it('switches language without JavaScript on a theme page, keeping what was chosen there', async () => {
    const context = await newContext(rig, { ...PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`/r/${round.linkToken}`);
    await page.getByRole('button', { name: 'Dechrau nawr' }).click();
    await page.getByRole('radio').first().check();
    await page.getByRole('button', { name: 'Parhau' }).click();
    await page.waitForURL('**/themes/1');
    await page.locator('form fieldset').first().locator('.choice label').nth(4).click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForURL('**/themes/1');
    expect(await page.getAttribute('html', 'lang')).toBe('en-GB');
    expect(await page.getByText(`Theme 1 of ${pages()}`).count()).toBe(1);
    expect(await page.locator('form fieldset').first().locator('input[type="radio"]').nth(4).isChecked()).toBe(true);
    await context.close();
  });
});
