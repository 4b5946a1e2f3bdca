/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { DEFAULT_QUESTIONNAIRE_ID } from '../../src/questionnaires';
import { defaultRoles, type RoundRecord } from '../../src/services/rounds';
import { describeInBrowser, expectAccessible, newContext, screenshot, startRig, tabTo, type BrowserRig } from './harness';

jest.setTimeout(60_000);

describeInBrowser('the respondent journey in Chromium', () => {
  let rig: BrowserRig;
  let round: RoundRecord;

  beforeAll(async () => {
    rig = await startRig();
    const { services } = rig.server;
    const q = services.questionnaires.get(DEFAULT_QUESTIONNAIRE_ID, 1);
    const org = services.organisations.create('Riverside Mental Health Trust');
    round = services.rounds.open(
      services.rounds.create(org.id, {
        name: 'Annual check 2026', questionnaireId: q.id, questionnaireVersion: q.version, form: 'full', mode: 'survey',
        roles: defaultRoles(q), minGroupSize: 5, opensAt: null, closesAt: null, intro: 'Tell us honestly how it feels from where you stand.', resultsRelease: 'after-close',
      }).id,
    );
  });
  afterAll(async () => rig?.close());

  // Sent answers wait in pending_responses until they join the results (see migrations/005).
  const countResponses = () =>
    (rig.server.db.prepare('SELECT (SELECT COUNT(*) FROM responses) + (SELECT COUNT(*) FROM pending_responses) AS n').get() as { n: number }).n;

  /** Answers the current theme page by clicking the first option label of every question. */
  async function answerPage(page: Page, optionIndex: number) {
    const fieldsets = page.locator('form fieldset');
    const n = await fieldsets.count();
    for (let i = 0; i < n; i++) await fieldsets.nth(i).locator('.choice label').nth(optionIndex).click();
  }

  it('joins by code, answers every theme, changes an answer, stops and resumes, submits once', async () => {
    const context = await newContext(rig);
    const page = await context.newPage();
    await page.goto('/join');
    await expectAccessible(page, 'join');
    await page.getByLabel('Enter your code').fill(round.joinCode.toLowerCase());
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`**/r/${round.linkToken}`);
    await expectAccessible(page, 'welcome');
    await screenshot(page, 'welcome');
    await page.getByRole('button', { name: 'Start now' }).click();

    // The role page's error state: summary focused and announced.
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectAccessible(page, 'role with error');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    await page.getByLabel('Family member or carer').check();
    await page.getByRole('button', { name: 'Continue' }).click();

    const pages = rig.server.services.responding.pages(round).length;
    for (let n = 1; n <= pages; n++) {
      await page.waitForURL(`**/themes/${n}`);
      await expect(page.getByText(`Theme ${n} of ${pages}`)).toBeTruthy();
      if (n === 1) {
        await expectAccessible(page, 'theme page');
        await screenshot(page, 'theme-page');
      }
      await answerPage(page, 2);
      if (n === 2) {
        // Back is a button that saves this page first: nothing chosen here is lost.
        await page.getByRole('button', { name: /^Back/ }).click();
        await page.waitForURL('**/themes/1');
        await page.getByRole('button', { name: 'Save and continue' }).click();
        await page.waitForURL('**/themes/2');
        expect(await page.locator('form fieldset').first().locator('input[type="radio"]').nth(2).isChecked()).toBe(true);
        // "No answer" takes an answer back, and is labelled like every other choice.
        await page.locator('form fieldset').first().getByLabel(/^No answer/).check();
        expect(await page.locator('form fieldset').first().locator('input[type="radio"]:checked').getAttribute('value')).toBe('');
        await answerPage(page, 2);
      }
      if (n === 3) {
        // Stop here and come back later from another browser with the resume code.
        await page.getByRole('button', { name: 'Save and come back later' }).click();
        await page.waitForURL('**/saved');
        await expectAccessible(page, 'saved');
        const code = (await page.locator('.panel-code').textContent())!.trim();
        await context.close();
        const other = await newContext(rig);
        const page2 = await other.newPage();
        await page2.goto('/resume');
        await expectAccessible(page2, 'resume');
        await page2.getByLabel('Continue your answers').fill(code.replace('-', ' '));
        await page2.getByRole('button', { name: 'Continue' }).click();
        await page2.waitForURL('**/themes/4');
        return finish(page2, 4, pages);
      }
      await page.getByRole('button', { name: /Save and (continue|check)/ }).click();
    }
  });

  async function finish(page: Page, from: number, pages: number) {
    for (let n = from; n <= pages; n++) {
      await page.waitForURL(`**/themes/${n}`);
      await answerPage(page, 3);
      await page.getByRole('button', { name: /Save and (continue|check)/ }).click();
    }
    await page.waitForURL('**/check');
    await expectAccessible(page, 'check your answers');
    await screenshot(page, 'check-answers');
    // Change an answer from the check page and come back to it.
    await page.getByRole('link', { name: /Change your answers about Being involved from the start/ }).click();
    await page.waitForURL('**/themes/1?return=check');
    await page.locator('form fieldset').first().locator('.choice label').nth(6).click();
    await page.getByRole('button', { name: 'Save and go back to check' }).click();
    await page.waitForURL('**/check');
    expect(await page.content()).toContain('Led the change');

    const before = countResponses();
    // A double click on the send button, then the back button and another send.
    await page.getByRole('button', { name: 'Send my answers' }).dblclick();
    await page.waitForURL('**/thanks');
    await expectAccessible(page, 'thank you');
    await page.goBack();
    await page.waitForLoadState();
    if (page.url().endsWith('/check')) {
      const send = page.getByRole('button', { name: 'Send my answers' });
      if (await send.count()) await send.click();
    }
    await page.waitForURL('**/thanks');
    expect(countResponses()).toBe(before + 1);
    await page.context().close();
  }

  it('works with JavaScript switched off', async () => {
    const context = await newContext(rig, { javaScriptEnabled: false });
    const page = await context.newPage();
    const before = countResponses();
    await page.goto(`/r/${round.linkToken}`);
    await page.getByRole('button', { name: 'Start now' }).click();
    await page.getByLabel('Manager or leader').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    const pages = rig.server.services.responding.pages(round).length;
    for (let n = 1; n <= pages; n++) {
      await page.waitForURL(`**/themes/${n}`);
      await answerPage(page, 4);
      // An over-long comment on the first page: the error summary works without scripts too.
      if (n === 1) {
        await page.locator('textarea').fill('x'.repeat(1200));
        await page.getByRole('button', { name: 'Save and continue' }).click();
        expect(await page.content()).toContain('There is a problem');
        await page.locator('textarea').fill('Short and kind.');
        await answerPage(page, 4);
      }
      await page.getByRole('button', { name: /Save and (continue|check)/ }).click();
    }
    await page.waitForURL('**/check');
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.waitForURL('**/thanks');
    expect(countResponses()).toBe(before + 1);
    // The private view of own scores is a <details> element: it opens without scripts.
    await page.getByText('See how your own answers score').click();
    expect(await page.getByRole('table').isVisible()).toBe(true);
    await context.close();
  });

  it('can be answered with the keyboard alone', async () => {
    const context = await newContext(rig);
    const page = await context.newPage();
    await page.goto('/join');
    await tabTo(page, '#code');
    await page.keyboard.type(round.joinCode);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/r/${round.linkToken}`);
    // Past the language and Easy Read buttons, which come first on every page.
    await tabTo(page, 'form[action$="/start"] button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/role');
    await tabTo(page, 'input[name=role]');
    await page.keyboard.press('ArrowDown'); // radios: arrows move the choice within the group
    await tabTo(page, 'form[action$="/role"] button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/themes/1');
    const first = await page.locator('form fieldset').first().locator('input[type=radio]').first().getAttribute('name');
    await tabTo(page, `input[name="${first}"]`);
    await page.keyboard.press('Space');
    expect(await page.locator(`input[name="${first}"]:checked`).count()).toBe(1);
    // The focused element is always visibly outlined.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await tabTo(page, 'button[value=next]');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/themes/2');
    await context.close();
  });

  it('fits a 320 px wide screen without sideways scrolling', async () => {
    const context = await newContext(rig, { viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    // The line after a form (the resume link, the resume code) sits clear of the full-width button above it.
    const gapUnderButton = () => page.evaluate(() => {
      const next = document.querySelector('main form + p')!;
      const buttons = next.previousElementSibling!.querySelectorAll('button[type=submit]');
      return next.getBoundingClientRect().top - buttons[buttons.length - 1].getBoundingClientRect().bottom;
    });
    await page.goto('/join');
    expect(await gapUnderButton()).toBeGreaterThanOrEqual(16);
    await page.goto(`/r/${round.linkToken}`);
    await page.getByRole('button', { name: 'Start now' }).click();
    await page.waitForURL('**/role');
    expect(await gapUnderButton()).toBeGreaterThanOrEqual(16);
    await page.getByLabel('Staff member or volunteer').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/themes/1');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'theme page at 320px');
    // Touch targets: every radio, button and link in the form is at least 24 px tall.
    const small = await page.$$eval('form input[type=radio], form button, main a', (els) =>
      els.filter((el) => el.getBoundingClientRect().height < 24).map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(small).toEqual([]);
    // An error state at 320 px.
    await page.locator('textarea').first().fill('y'.repeat(1100));
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expectAccessible(page, 'error summary at 320px');
    await screenshot(page, 'error-summary-320');
    await context.close();
  });
});
