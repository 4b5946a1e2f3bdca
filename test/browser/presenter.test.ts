/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import type { RoundRecord } from '../../src/services/rounds';
import { createOwner, OWNER_EMAIL, PASSWORD } from '../helpers/admin';
import { respond } from '../helpers/respond';
import { openRound } from '../helpers/rounds';
import { describeInBrowser, expectAccessible, newContext, screenshot, startRig, type BrowserRig, signInAs } from './harness';

jest.setTimeout(90_000);

const signIn = (page: Page) => signInAs(page, OWNER_EMAIL, PASSWORD);

/** What a projector needs: nothing sideways, the code and QR code in the first screen, the code big. */
async function checkProjectorLayout(page: Page, width: number, height: number) {
  const layout = await page.evaluate(() => {
    const code = document.querySelector('.presenter-code')!.getBoundingClientRect();
    const qr = document.querySelector('.presenter-qr')!.getBoundingClientRect();
    const sent = document.getElementById('count-sent')!.getBoundingClientRect();
    return {
      scrollWidth: document.documentElement.scrollWidth,
      codeFont: parseFloat(getComputedStyle(document.querySelector('.presenter-code')!).fontSize),
      codeBottom: code.bottom,
      codeRight: code.right,
      qrBottom: qr.bottom,
      qrWidth: qr.width,
      countBottom: sent.bottom,
    };
  });
  expect(layout.scrollWidth).toBeLessThanOrEqual(width);
  expect(layout.codeRight).toBeLessThanOrEqual(width);
  expect(layout.codeBottom).toBeLessThanOrEqual(height);
  expect(layout.qrBottom).toBeLessThanOrEqual(height);
  expect(layout.countBottom).toBeLessThanOrEqual(height);
  // About 10% of the screen's width per character pair: readable from the back of a room.
  expect(layout.codeFont).toBeGreaterThanOrEqual(width >= 1920 ? 180 : 120);
  expect(layout.qrWidth).toBeGreaterThanOrEqual(180);
}

describeInBrowser('the workshop presenter in Chromium', () => {
  let rig: BrowserRig;
  let round: RoundRecord;
  const send = (role: string, value: string) => {
    const answers: Record<string, string> = {};
    for (const p of rig.server.services.responding.pages(round)) for (const i of p.items) if (i.kind !== 'comment') answers[i.id] = value;
    respond(rig.server, round, role, answers, { addNow: false });
  };

  beforeAll(async () => {
    rig = await startRig();
    await createOwner(rig.server);
    round = openRound(rig.server, { name: 'Workshop: Leeds, 25 November', mode: 'workshop', form: 'short', minGroupSize: 3 });
  });
  afterAll(async () => rig?.close());

  it('at 1280x720: large code and QR code, live counts, reveal and step through themes with the keyboard; no axe violations', async () => {
    const context = await newContext(rig, { viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await signIn(page);
    await page.goto(`/admin/rounds/${round.id}/present`);
    await checkProjectorLayout(page, 1280, 720);
    await expectAccessible(page, 'presenter, hidden');
    expect(await page.locator('#fullscreen-button').isVisible()).toBe(true);

    // Answers arrive while the page is open: the counts change without reloading.
    await page.waitForFunction(() => !!document.querySelector('#count-sent'));
    for (let i = 0; i < 3; i++) send('lived', '3');
    for (let i = 0; i < 3; i++) send('staff', '1');
    await page.waitForFunction(() => document.getElementById('count-sent')!.textContent === '6');
    expect(await page.locator('#live').textContent()).toContain('Results are hidden.');
    await screenshot(page, 'presenter-1280x720', false);

    await page.getByRole('button', { name: 'Reveal results' }).click();
    await page.waitForSelector('#live canvas[data-drawn]');
    await page.waitForFunction(() => document.getElementById('reveal-button')!.textContent === 'Hide results');
    await expectAccessible(page, 'presenter, overview revealed');
    await screenshot(page, 'presenter-overview-1280x720', false);

    await page.locator('body').press('ArrowRight');
    await page.waitForFunction(() => document.getElementById('live')!.textContent!.includes('Theme 1 of 8'));
    await page.keyboard.press('PageDown');
    await page.waitForFunction(() => document.getElementById('live')!.textContent!.includes('Theme 2 of 8'));
    await page.keyboard.press('PageUp');
    await page.waitForFunction(() => document.getElementById('live')!.textContent!.includes('Theme 1 of 8'));
    const text = await page.locator('#live').textContent();
    expect(text).toContain('Talk about it');
    // Both sides are shown (3 each): the gap between them, from the report's figures.
    expect(text).toMatch(/A gap of \d+\.\d points/);
    await expectAccessible(page, 'presenter, theme 1');
    await screenshot(page, 'presenter-theme-1280x720', false);

    await page.getByRole('button', { name: 'Hide results' }).click();
    await page.waitForFunction(() => document.getElementById('live')!.textContent!.includes('Results are hidden.'));
    await context.close();
  });

  it('at 1920x1080 the same page fits and passes axe', async () => {
    const context = await newContext(rig, { viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await signIn(page);
    await page.goto(`/admin/rounds/${round.id}/present`);
    await checkProjectorLayout(page, 1920, 1080);
    await expectAccessible(page, 'presenter at 1920x1080');
    await screenshot(page, 'presenter-1920x1080', false);
    await context.close();
  });

  it('without JavaScript: code and counts show, the controls are forms, the refresh link shows new counts', async () => {
    const context = await newContext(rig, { viewport: { width: 1280, height: 720 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page);
    await page.goto(`/admin/rounds/${round.id}/present`);
    const before = Number(await page.locator('#count-sent').textContent());
    expect(await page.locator('.presenter-code span[aria-hidden]').textContent()).toBe(`${round.joinCode.slice(0, 3)} ${round.joinCode.slice(3)}`);
    send('lived', '2');
    await page.getByRole('link', { name: 'Refresh the counts' }).click();
    await page.waitForLoadState();
    expect(Number(await page.locator('#count-sent').textContent())).toBe(before + 1);
    await page.getByRole('button', { name: 'Reveal results' }).click();
    await page.waitForURL(`**/admin/rounds/${round.id}/present`);
    expect(await page.locator('#live').textContent()).not.toContain('Results are hidden.');
    await page.getByRole('button', { name: 'Hide results' }).click();
    await page.waitForURL(`**/admin/rounds/${round.id}/present`);
    expect(await page.locator('#live').textContent()).toContain('Results are hidden.');
    await context.close();
  });

  it('the handout passes axe and prints on one A4 page', async () => {
    const context = await newContext(rig, { viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page);
    await page.goto(`/admin/rounds/${round.id}/handout`);
    await page.waitForSelector('canvas[data-drawn]');
    await expectAccessible(page, 'handout');
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBe(1);
    await screenshot(page, 'handout-print');
    await context.close();
  });

  it('on the round form, choosing Workshop picks the short form and results in batches (unless already chosen)', async () => {
    const context = await newContext(rig);
    const page = await context.newPage();
    await signIn(page);
    await page.goto(`/admin/organisations/${round.organisationId}/rounds/new`);
    expect(await page.getByLabel('Full form').isChecked()).toBe(true);
    await page.getByLabel('Workshop').check();
    expect(await page.getByLabel('Short form').isChecked()).toBe(true);
    expect(await page.getByLabel('While it is open, in batches').isChecked()).toBe(true);
    await page.getByLabel('When the round closes (safest)').check();
    await page.getByLabel('Survey').check();
    await page.getByLabel('Workshop').check();
    // The person's own choice of when results show is kept.
    expect(await page.getByLabel('When the round closes (safest)').isChecked()).toBe(true);
    await context.close();
  });
});
