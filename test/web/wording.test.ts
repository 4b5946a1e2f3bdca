// Languages and Easy Read through the real app: the choice on the welcome page and on every page,
// kept through stop-and-come-back, recorded with the response, and lang attributes throughout.
import request from 'supertest';
import { isScored } from '../../src/domain/questionnaire';
import { browserLike, csrfFrom, makeTestApp, type TestContext } from '../helpers/app';
import { openRound } from '../helpers/rounds';
import { openPlainRound, openWordedRound } from '../helpers/wordings';
import { ownerSession } from '../helpers/admin';
import { respond } from '../helpers/respond';

type Browser = ReturnType<typeof browserLike>;
type Round = ReturnType<typeof openRound>;

/** Every scored item of theme page n answered `choice`. */
function fields(ctx: TestContext, round: Round, n: number, choice: string) {
  const page = ctx.services.responding.pages(round)[n - 1];
  return Object.fromEntries(page.items.filter(isScored).map((i) => [i.id, choice]));
}

/** Answers every page, sends, and returns the thank-you page. */
async function answerAll(ctx: TestContext, b: Browser, round: Round, choice = '3') {
  const base = `/r/${round.linkToken}`;
  const pages = ctx.services.responding.pages(round);
  for (let n = 1; n <= pages.length; n++) {
    const res = await b.submit(`${base}/themes/${n}`, { ...fields(ctx, round, n, choice), _action: 'next' });
    expect(res.status).toBe(303);
  }
  const check = await b.agent.get(`${base}/check`).expect(200);
  const sent = await b.agent.post(`${base}/submit`).type('form').send({ _csrf: csrfFrom(check.text) });
  expect(sent.headers.location).toBe(`${base}/thanks`);
  return b.agent.get(`${base}/thanks`).expect(200);
}

const storedWordings = (ctx: TestContext, roundId: number) => {
  ctx.services.release.releaseAll(ctx.services.rounds.get(roundId));
  return ctx.db.prepare('SELECT language, easy_read AS easyRead FROM responses WHERE round_id = ? ORDER BY id').all(roundId);
};

describe('answering in Welsh', () => {
  it('follows the browser\'s Accept-Language, with the pages and the questionnaire in Welsh and lang attributes right', async () => {
    const ctx = makeTestApp();
    const round = openWordedRound(ctx);
    const b = browserLike(ctx.app);
    b.agent.set('Accept-Language', 'cy-GB,cy;q=0.9,en;q=0.5');
    const base = `/r/${round.linkToken}`;
    const welcome = await b.agent.get(base).expect(200);
    expect(welcome.text).toContain('<html lang="cy">');
    expect(welcome.text).toContain('Dechrau nawr');
    expect(welcome.text).toContain('Beth fydd yn cael ei ofyn i chi');
    expect(welcome.text).toContain('<p>CY This questionnaire asks');
    // The round's own name and introduction were written in English: marked as such.
    expect(welcome.text).toContain('<h1 lang="en"><bdi>Annual check 2026</bdi></h1>');
    expect(welcome.text).toContain('<p class="lead" dir="auto" lang="en">Please tell us honestly');
    // The switch back to English is in English, and says so.
    expect(welcome.text).toMatch(/<button[^>]+name="language" value="en" lang="en-GB">English<\/button>/);
    expect(welcome.text).toContain('Defnyddio Hawdd ei Ddeall');

    const start = await b.submit(base, {}, `${base}/start`);
    expect(start.headers.location).toBe(`${base}/role`);
    const role = await b.agent.get(`${base}/role`).expect(200);
    expect(role.text).toContain('Pa un o&#39;r rhain sy&#39;n eich disgrifio orau?');
    expect(role.text).toContain('<bdi>CY Staff member or volunteer</bdi>');
    await b.submit(`${base}/role`, { role: 'staff' });

    const theme = await b.agent.get(`${base}/themes/1`).expect(200);
    expect(theme.text).toContain('<html lang="cy">');
    expect(theme.text).toContain('Thema 1 o 8');
    expect(theme.text).toMatch(/<h1>CY [^<]+<\/h1>/);
    expect(theme.text).toContain('>CY Never</label>');
    expect(theme.text).toContain('>CY Don&#39;t know</label>');
    expect(theme.text).toContain('Cadw a pharhau');
    // Same language as the page: no lang attribute on the questionnaire's texts.
    expect(theme.text).not.toMatch(/<legend lang=/);

    const thanks = await answerAll(ctx, b, round);
    expect(thanks.text).toContain('<h1>Diolch</h1>');
    expect(storedWordings(ctx, round.id)).toEqual([{ language: 'cy', easyRead: 0 }]);
  });

  it('words a refused page in Welsh, quoting the question in Welsh, and keeps what was chosen', async () => {
    const ctx = makeTestApp();
    const round = openWordedRound(ctx, { defaultLanguage: 'cy' });
    const b = browserLike(ctx.app);
    const base = `/r/${round.linkToken}`;
    await b.submit(base, {}, `${base}/start`);
    await b.submit(`${base}/role`, { role: 'lived' });
    const [first, second] = ctx.services.responding.pages(round)[0].items;
    const res = await b.submit(`${base}/themes/1`, { [first.id]: '9', [second.id]: '2', _action: 'next' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('<title>Gwall: ');
    expect(res.text).toContain('Mae problem');
    expect(res.text).toContain(`Dewiswch un o&#39;r opsiynau ar gyfer “CY ${first.text}”.`);
    expect(res.text).toMatch(new RegExp(`id="${second.id}--2" name="${second.id}" value="2" checked`));
  });

  it('starts in the round\'s default language, which a person\'s own choice overrides', async () => {
    const ctx = makeTestApp();
    const round = openWordedRound(ctx, { defaultLanguage: 'cy' });
    const b = browserLike(ctx.app);
    b.agent.set('Accept-Language', 'en-GB');
    const base = `/r/${round.linkToken}`;
    const welcome = await b.agent.get(base).expect(200);
    expect(welcome.text).toContain('<html lang="cy">');
    // The round says its texts are Welsh: no lang attribute on them on a Welsh page.
    expect(welcome.text).toContain('<h1><bdi>Annual check 2026</bdi></h1>');
    const switched = await b.submit(base, { language: 'en', _return: '' }, `${base}/wording`);
    expect(switched.status).toBe(303);
    expect(switched.headers.location).toBe(base);
    expect(String(switched.headers['set-cookie'])).toMatch(/ps_wording=en; Max-Age=\d+; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax/);
    const english = await b.agent.get(base).expect(200);
    expect(english.text).toContain('<html lang="en-GB">');
    expect(english.text).toContain('<h1 lang="cy"><bdi>Annual check 2026</bdi></h1>');
    expect(english.text).toMatch(/<button[^>]+name="language" value="cy" lang="cy">Cymraeg<\/button>/);
  });

  it('refuses a default language the questionnaire does not have', () => {
    const ctx = makeTestApp();
    expect(() => openPlainRound(ctx, { defaultLanguage: 'cy' })).toThrow('The round settings need changing');
  });

  it('keeps a whole page English when the questionnaire has no Welsh, even for a Welsh browser', async () => {
    const ctx = makeTestApp();
    const round = openPlainRound(ctx);
    const res = await request(ctx.app).get(`/r/${round.linkToken}`).set('Accept-Language', 'cy').expect(200);
    expect(res.text).toContain('<html lang="en-GB">');
    expect(res.text).toContain('Start now');
    expect(res.text).not.toContain('wording-switch');
    expect(res.text).not.toMatch(/ lang="(?!en-GB)/);
  });

  it('offers Welsh on /join and /resume, and words their errors in Welsh', async () => {
    const ctx = makeTestApp();
    openRound(ctx);
    const b = browserLike(ctx.app);
    const join = await b.agent.get('/join').expect(200);
    expect(join.text).toContain('<html lang="en-GB">');
    expect(join.text).toMatch(/<button[^>]+name="language" value="cy" lang="cy">Cymraeg<\/button>/);
    const switched = await b.agent.get('/join/wording?language=cy&_return=resume').expect(303);
    expect(switched.headers.location).toBe('/resume');
    const resume = await b.agent.get('/resume').expect(200);
    expect(resume.text).toContain('<html lang="cy">');
    expect(resume.text).toContain("Parhau â&#39;ch atebion");
    const wrong = await b.submit('/resume', { code: 'ZZZZ-ZZZZ' });
    expect(wrong.status).toBe(404);
    expect(wrong.text).toContain('Ni allem ddod o hyd i atebion');
    const notFound = await b.agent.get('/r/no-such-round').expect(404);
    expect(notFound.text).toContain("Heb ddod o hyd i&#39;r dudalen");
    // A language the pages do not have changes nothing.
    const bad = await b.agent.get('/join/wording?language=fr').expect(303);
    expect(bad.headers['set-cookie']).toBeUndefined();
  });

  it('ignores a malformed wording and never redirects away from the round', async () => {
    const ctx = makeTestApp();
    const round = openWordedRound(ctx);
    const b = browserLike(ctx.app);
    const base = `/r/${round.linkToken}`;
    const res = await b.submit(base, { language: '<script>', easyRead: 'yes', _return: '//evil.example/' }, `${base}/wording`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(base);
    expect(String(res.headers['set-cookie'])).toMatch(/ps_wording=en;/);
    const noToken = await b.agent.post(`${base}/wording`).type('form').send({ language: 'cy' });
    expect(noToken.status).toBe(403);
  });

  it("answers an address under a round that is no page of it with the not-found page", async () => {
    const ctx = makeTestApp();
    const round = openWordedRound(ctx, { defaultLanguage: 'cy' });
    const b = browserLike(ctx.app);
    b.agent.set('Accept-Language', 'en-GB');
    const base = `/r/${round.linkToken}`;
    // A theme the round does not have is one of its pages gone wrong: in the round's wording.
    const beyond = await b.agent.get(`${base}/themes/99`).expect(404);
    expect(beyond.text).toContain('<html lang="cy">');
    expect(beyond.text).toContain("Heb ddod o hyd i&#39;r dudalen");
    // Any other address is mistyped, as anywhere on the site: in the visitor's own language.
    for (const path of [`${base}/no-such-page`, `${base}/themes/1/more`, '/r/no-such-round/themes/1']) {
      const res = await b.agent.get(path).expect(404);
      expect(res.text).toContain('<html lang="en-GB">');
      expect(res.text).toContain('Page not found');
    }
  });
});

describe('answering in Easy Read', () => {
  it('is chosen on the welcome page, shows the Easy Read wording on every page, and is recorded', async () => {
    const ctx = makeTestApp();
    const round = openWordedRound(ctx);
    const b = browserLike(ctx.app);
    const base = `/r/${round.linkToken}`;
    const welcome = await b.agent.get(base).expect(200);
    expect(welcome.text).toContain('How would you like to read the questions?');
    const chosen = await b.submit(base, { easyRead: '1', _return: '' }, `${base}/wording`);
    expect(String(chosen.headers['set-cookie'])).toMatch(/ps_wording=en\.er;/);
    const easy = await b.agent.get(base).expect(200);
    expect(easy.text).toContain('<p>ER This questionnaire asks');
    expect(easy.text).toContain('Use the standard wording');
    await b.submit(base, {}, `${base}/start`);
    const role = await b.agent.get(`${base}/role`).expect(200);
    expect(role.text).toContain('<bdi>ER Board member or trustee</bdi>');
    await b.submit(`${base}/role`, { role: 'board' });
    const theme = await b.agent.get(`${base}/themes/2`).expect(200);
    const item = ctx.services.responding.pages(round)[1].items[0];
    expect(theme.text).toContain(`<legend>ER ${item.text}</legend>`);
    expect(theme.text).toContain('>ER Always</label>');
    const check = await answerAll(ctx, b, round, '4');
    expect(check.text).toContain('Thank you');
    expect(storedWordings(ctx, round.id)).toEqual([{ language: 'en', easyRead: 1 }]);
  });

  it('switches on a theme page without losing what was chosen there, and comes back by resume code on another device', async () => {
    const ctx = makeTestApp();
    const round = openWordedRound(ctx);
    const b = browserLike(ctx.app);
    const base = `/r/${round.linkToken}`;
    await b.submit(base, {}, `${base}/start`);
    await b.submit(`${base}/role`, { role: 'carer' });
    const item = ctx.services.responding.pages(round)[0].items[0];
    const page = await b.agent.get(`${base}/themes/1`).expect(200);
    expect(page.text).toMatch(/<button[^>]+name="_wording" value="easyRead:1">Use Easy Read/);
    const switched = await b.submit(`${base}/themes/1`, { [item.id]: '1', _wording: 'easyRead:1' });
    expect(switched.status).toBe(303);
    expect(switched.headers.location).toBe(`${base}/themes/1`);
    const again = await b.agent.get(`${base}/themes/1`).expect(200);
    expect(again.text).toContain(`<legend>ER ${item.text}</legend>`);
    expect(again.text).toMatch(new RegExp(`id="${item.id}--1" name="${item.id}" value="1" checked`));
    const toWelsh = await b.submit(`${base}/themes/1`, { [item.id]: '2', _wording: 'language:cy' });
    expect(toWelsh.headers.location).toBe(`${base}/themes/1`);
    // Welsh Easy Read page words (catalogue easyRead.theme.resumeCode): "Eich cod yw".
    const code = /Eich cod yw <strong class="mono">([A-Z0-9]{4}-[A-Z0-9]{4})<\/strong>/.exec((await b.agent.get(`${base}/themes/1`)).text)?.[1];
    expect(code).toBeDefined();

    // Another device, another browser language: the resume code brings back Welsh Easy Read.
    const other = browserLike(ctx.app);
    other.agent.set('Accept-Language', 'en');
    const resumed = await other.submit('/resume', { code: code! });
    expect(resumed.status).toBe(303);
    expect(String(resumed.headers['set-cookie'])).toMatch(/ps_wording=cy\.er;/);
    const back = await other.agent.get(resumed.headers.location).expect(200);
    expect(back.text).toContain('<html lang="cy">');
    expect(back.text).toContain(`<legend>CY-ER ${item.text}</legend>`);
    expect(back.text).toMatch(new RegExp(`id="${item.id}--2" name="${item.id}" value="2" checked`));
  });

  it('offers no Easy Read where the questionnaire has none', async () => {
    const ctx = makeTestApp();
    const round = openPlainRound(ctx);
    const b = browserLike(ctx.app);
    const base = `/r/${round.linkToken}`;
    const res = await b.submit(base, { easyRead: '1' }, `${base}/wording`);
    expect(String(res.headers['set-cookie'])).toMatch(/ps_wording=en;/);
    const page = await b.agent.get(base).expect(200);
    expect(page.text).not.toContain('Use the standard wording');
    expect(page.text).not.toContain('Use Easy Read');
  });
});

describe('the report on wordings', () => {
  it('counts Welsh and Easy Read answers for the whole round, guarding small counts, and scores them together', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = openWordedRound(ctx);
    const item = ctx.services.responding.pages(round)[2].items[0].id;
    const cy = { language: 'cy', easyRead: false };
    const er = { language: 'en', easyRead: true };
    // 6 in Welsh (values 0..4, 4), 3 in Easy Read (3, 3, 3), 4 in English (1, 1, 1, 1): 13 people.
    [0, 1, 2, 3, 4, 4].forEach((v) => respond(ctx, round, 'staff', { [item]: String(v) }, { addNow: true, wording: cy }));
    [3, 3, 3].forEach((v) => respond(ctx, round, 'lived', { [item]: String(v) }, { addNow: true, wording: er }));
    [1, 1, 1, 1].forEach((v) => respond(ctx, round, 'lived', { [item]: String(v) }, { addNow: true }));
    const report = await browser.agent.get(`/admin/rounds/${round.id}/report`).expect(200);
    expect(report.text).toContain('<p id="wordings">6 answered in Welsh (Cymraeg); fewer than 5 in Easy Read. All answers count the same');
    // One theme score from every wording together: (0+25+50+75+100+100 + 3·75 + 4·25) / 13 = 675 / 13 = 51.9.
    const results = ctx.services.results.forRound(round.id);
    const theme = results.overall!.themes.find((t) => t.themeId === ctx.services.responding.pages(round)[2].theme.id)!;
    expect(theme.mean).toBeCloseTo(675 / 13, 10);
    expect(theme.n).toBe(13);
    expect(report.text).toContain('51.9');
    expect(results.wordings).toEqual({ languages: [{ language: 'cy', count: { kind: 'exact', n: 6 } }], easyRead: { kind: 'fewerThan', n: 5 } });
    // Never per row: the anonymised answers carry no language or Easy Read column.
    const csv = await browser.agent.get(`/admin/rounds/${round.id}/answers.csv`).expect(200);
    expect(csv.text.split('\n')[0]).not.toMatch(/language|easy/i);
    expect(csv.text).not.toMatch(/\bcy\b/);
  });

  it('starts the wordings sentence with a capital when its first count is "fewer than"', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = openWordedRound(ctx);
    // 2 in Easy Read of 7: "fewer than 5", and the sentence opens with it.
    [3, 3].forEach((v) => respond(ctx, round, 'lived', { 'ld-shared': String(v) }, { addNow: true, wording: { language: 'en', easyRead: true } }));
    for (let i = 0; i < 5; i++) respond(ctx, round, 'staff', { 'ld-shared': '2' }, { addNow: true });
    const report = await browser.agent.get(`/admin/rounds/${round.id}/report`).expect(200);
    expect(report.text).toContain('<p id="wordings">Fewer than 5 answered in Easy Read. All answers count the same');
  });

  it('says nothing about wordings when everyone answered in English, standard wording', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = openWordedRound(ctx);
    for (let i = 0; i < 5; i++) respond(ctx, round, 'staff', { 'ld-shared': '2' });
    const report = await browser.agent.get(`/admin/rounds/${round.id}/report`).expect(200);
    expect(report.text).not.toContain('id="wordings"');
  });
});

describe('a round\'s default language (admin)', () => {
  it('is chosen on the round form, kept, and refused when the questionnaire does not have it', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = openRound(ctx, {}, 'draft');
    const edit = `/admin/rounds/${round.id}/edit`;
    const form = await browser.agent.get(edit).expect(200);
    expect(form.text).toContain('Language people start in');
    const fields = { name: 'Annual check 2026', questionnaire: 'power-sharing@1', form: 'full', mode: 'survey', resultsRelease: 'after-close', roles: ['lived', 'staff'], minGroupSize: '5', intro: '' };
    const saved = await browser.post(edit, edit, { ...fields, defaultLanguage: 'cy' });
    expect(saved.status).toBe(303);
    expect(ctx.services.rounds.get(round.id).defaultLanguage).toBe('cy');
    expect((await browser.agent.get(edit)).text).toMatch(/id="defaultLanguage-cy" name="defaultLanguage" value="cy" checked/);
    const refused = await browser.post(edit, edit, { ...fields, defaultLanguage: 'fr' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Choose a language the questionnaire is written in');
    expect(ctx.services.rounds.get(round.id).defaultLanguage).toBe('cy');
    const cleared = await browser.post(edit, edit, { ...fields, defaultLanguage: '' });
    expect(cleared.status).toBe(303);
    expect(ctx.services.rounds.get(round.id).defaultLanguage).toBeNull();
  });
});
