// The reports, trends, paper entry and error pages in Welsh (issue 15.2): the html element says
// cy, hand-picked Welsh is there, and no English sentence of the report catalogue is left on the
// page (data such as the questionnaire's English texts and people's comments aside).
import crypto from 'node:crypto';
import request from 'supertest';
import { reportCy } from '../../src/web/locales/report/cy';
import { reportEn } from '../../src/web/locales/report/en';
import { makeTestApp, type TestContext } from '../helpers/app';
import { ownerSession } from '../helpers/admin';
import { respond } from '../helpers/respond';
import { openRound } from '../helpers/rounds';
import { threeYears } from '../helpers/trends';

/** Every string of a catalogue branch. */
const strings = (o: unknown): string[] => (typeof o === 'string' ? [o] : Object.values(o as object).flatMap(strings));

/**
 * The English catalogue's fixed words: each text cut at its {{values}}, kept where a piece has
 * more than 3 words and the Welsh catalogue does not use the same piece.
 */
const welshWords = strings(reportCy).join('\n');
const ENGLISH_PIECES = [...new Set(strings(reportEn).flatMap((s) => s.split(/\{\{[^}]+\}\}/)).map((p) => p.trim()))].filter(
  (p) => p.split(/\s+/).length > 3 && !welshWords.includes(p),
);

/** The page's text as a reader meets it: no tags, scripts or attributes' markup; entities decoded. */
function pageText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&#34;|&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ');
}

/** Attribute values a screen reader speaks (aria-label), which pageText drops with the tags. */
const spokenAttributes = (html: string) => [...html.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1].replace(/&#39;/g, "'")).join(' ');

function expectWelsh(html: string, where: string, welsh: string[] = []) {
  expect(html).toMatch(/<html lang="cy">/);
  const text = `${pageText(html)} ${spokenAttributes(html)}`.replace(/\s+/g, ' ');
  const left = ENGLISH_PIECES.filter((p) => text.includes(p.replace(/\s+/g, ' ')));
  if (left.length) throw new Error(`English left on the Welsh ${where} page: ${left.slice(0, 5).join(' | ')}`);
  for (const w of welsh) expect(text).toContain(w);
}

const ACTION = { themeId: 'leadership', what: 'Co-chair the service board', lead: 'Head of engagement', dueOn: '2025-03-31', status: 'in-progress' as const, note: '' };

async function reportSetup() {
  const ctx = makeTestApp();
  const { browser } = await ownerSession(ctx);
  const round = openRound(ctx);
  for (let i = 0; i < 12; i++) respond(ctx, round, i < 6 ? 'staff' : 'lived', { 'ld-shared': String(i % 5), 'leadership-comment': `Sylw rhif ${i}` });
  ctx.services.actions.create(round, ACTION);
  browser.agent.set('Accept-Language', 'cy');
  return { ctx, browser, round };
}

const share = (ctx: TestContext, roundId: number) => ctx.services.shareLinks.createForRound(roundId, { label: 'Bwrdd', showComments: true }).token;

describe('the report pages in Welsh', () => {
  it('words the admin report, its board summary with the appendix and a theme’s comments in Welsh', async () => {
    const { browser, round } = await reportSetup();
    const base = `/admin/rounds/${round.id}/report`;
    const full = await browser.agent.get(base).expect(200);
    expectWelsh(full.text, 'report', ['Pwy a atebodd', "Sgoriau'r themâu", 'Sut mae grwpiau', 'Cynllun gweithredu', 'Ar waith', 'Rhannu gyda bwrdd', "Cuddio'r sylw hwn"]);
    expect(full.text).toContain('Annual check 2026</bdi>: canlyniadau');
    // The pages' language switch (views/partials/language-switch.ejs) offers English, in English.
    expect(full.text).toMatch(/<form method="post" action="\/language" class="language-switch"[\s\S]*?name="language" value="en" lang="en-GB">English<\/button>/);
    // The questionnaire is English: its texts on the Welsh page say so.
    expect(full.text).toMatch(/<h2 id="theme-leadership" lang="en">3\. Heroic or shared leadership<\/h2>/);
    expect(full.text).toMatch(/<p class="muted" lang="en">Does change depend on one inspiring leader/);
    // The chart's words travel in its data: Welsh too.
    expect(full.text).toContain('&#34;label&#34;:&#34;Pawb&#34;');
    const summary = await browser.agent.get(`${base}?print=summary&detail=1`).expect(200);
    expectWelsh(summary.text, 'board summary', ["crynodeb i'r bwrdd", '12 o bobl:', 'Atodiad: pob thema yn llawn', "Nid oes rownd gynharach wedi cau o'r holiadur hwn"]);
    const comments = await browser.agent.get(`${base}/comments/leadership`).expect(200);
    expectWelsh(comments.text, 'comments', ['12 o sylwadau', "Yn ôl i'r adroddiad"]);
  });

  it('switches an admin’s report to Welsh with the language switch, and back to English', async () => {
    const { browser, round } = await reportSetup();
    browser.agent.set('Accept-Language', 'en');
    const base = `/admin/rounds/${round.id}/report`;
    const toWelsh = await browser.post(base, '/language', { language: 'cy', back: base });
    expect([toWelsh.status, toWelsh.headers.location]).toEqual([303, base]);
    expectWelsh((await browser.agent.get(base).expect(200)).text, 'report after the switch', ['Pwy a atebodd']);
    await browser.post(base, '/language', { language: 'en', back: base });
    expect((await browser.agent.get(base).expect(200)).text).toContain('<html lang="en-GB">');
  });

  it('takes the language from the ps_wording cookie as well, and a date in Welsh', async () => {
    const { ctx, round } = await reportSetup();
    const res = await request(ctx.app).get(`/share/${share(ctx, round.id)}`).set('Cookie', 'ps_wording=cy').expect(200);
    expectWelsh(res.text, 'shared report', ['Dyddiad yr adroddiad', 'Yn dal ar agor: gall y canlyniadau newid']);
    // A board's share page sets no cookie: no language switch there (the browser's language rules).
    expect(res.text).not.toContain('class="language-switch"');
    expect(res.text).toMatch(/<dd>\d{1,2} (Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr) \d{4}<\/dd>/);
  });

  it('says in Welsh that there are too few people yet, with the count in words of one', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    respond(ctx, round, 'staff', { 'ld-shared': '2' });
    const res = await request(ctx.app).get(`/share/${share(ctx, round.id)}`).set('Accept-Language', 'cy').expect(200);
    expectWelsh(res.text, 'below-minimum report', ['Nid oes digon o bobl wedi ateb eto i ddangos canlyniadau.']);
  });

  it('says in Welsh that results wait for the round to close, with the count so far', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx, { resultsRelease: 'after-close' });
    for (let i = 0; i < 7; i++) respond(ctx, round, 'staff', { 'ld-shared': '2' });
    const res = await request(ctx.app).get(`/share/${share(ctx, round.id)}`).set('Accept-Language', 'cy').expect(200);
    expectWelsh(res.text, 'report before close', ["Bydd y canlyniadau'n ymddangos pan fydd y rownd yn cau.", 'Mae 7 o bobl wedi ateb hyd yma.']);
  });

  it('keeps English for no Accept-Language (the tests in English rely on it)', async () => {
    const { ctx, round } = await reportSetup();
    const res = await request(ctx.app).get(`/share/${share(ctx, round.id)}`).expect(200);
    expect(res.text).toContain('<html lang="en-GB">');
    expect(res.text).toContain('Who answered');
    // The check the Welsh pages pass finds the English pieces where they are.
    const text = pageText(res.text);
    expect(ENGLISH_PIECES.filter((p) => text.includes(p)).length).toBeGreaterThan(10);
  });
});

describe('the trends pages in Welsh', () => {
  it('words the year-on-year page and its board summary in Welsh', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const { organisationId } = threeYears(ctx);
    browser.agent.set('Accept-Language', 'cy');
    const path = `/admin/organisations/${organisationId}/trends`;
    const page = await browser.agent.get(path).expect(200);
    expectWelsh(page.text, 'trends', ['O flwyddyn i flwyddyn', "Sut mae newid yn cael ei farnu", 'prawf t Welch ar 95%', 'Baneri, rownd wrth rownd', 'wedi cau, arolwg']);
    expect(page.text).toMatch(/Mwy na&#39;r sŵn|O fewn y sŵn/);
    expect(page.text).toContain('<tr><th scope="row"><bdi>Pawb</bdi></th>');
    expect(page.text).toContain('<bdi>Annual check 2025</bdi> ac <bdi>Annual check 2026</bdi>.');
    const summary = await browser.agent.get(`${path}?print=summary&detail=1`).expect(200);
    expectWelsh(summary.text, 'trends board summary', ["Sgoriau'r themâu, rownd wrth rownd", 'Cynlluniau gweithredu a chynnydd']);
    const none = await browser.agent.get(`${path}?compare=1`).expect(200);
    expectWelsh(none.text, 'trends with nothing chosen', ["Dewiswch o leiaf dwy rownd i'w cymharu."]);
  });
});

describe('paper entry in Welsh', () => {
  it('words the entry page, its errors, the check screen and the saved message in Welsh', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = openRound(ctx);
    browser.agent.set('Accept-Language', 'cy');
    const entry = `/admin/rounds/${round.id}/paper/entry`;
    expectWelsh((await browser.agent.get(entry).expect(200)).text, 'paper entry', ['Bwydo ffurflenni papur i mewn', "Gwirio'r ffurflen hon"]);
    const refused = await browser.post(entry, entry, {});
    expect(refused.status).toBe(400);
    expectWelsh(refused.text, 'paper entry with errors', ['Dewiswch y disgrifiad a diciwyd ar y ffurflen']);
    const check = await browser.post(entry, entry, { role: 'staff', 'ld-shared': '3' });
    expect(check.status).toBe(200);
    expectWelsh(check.text, 'check screen', ["Gwirio'r ffurflen hon yn erbyn y papur", "Wedi'i adael yn wag", 'Dim sylw', "Cadw'r ffurflen hon"]);
  });
});

describe('error pages in Welsh on non-respondent paths', () => {
  it('404, 400 and 413 say it in Welsh', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    browser.agent.set('Accept-Language', 'cy');
    const gone = await browser.agent.get('/admin/rounds/999999/report').expect(404);
    expectWelsh(gone.text, '404 (no such round)', ["Heb ddod o hyd i'r dudalen", "Heb ddod o hyd i'r rownd honno"]);
    const link = await request(ctx.app).get('/share/not-a-real-token-at-all').set('Accept-Language', 'cy').expect(404);
    expectWelsh(link.text, '404 (share link)', ["Nid yw'r ddolen hon yn ddilys."]);
    const { organisationId } = threeYears(ctx);
    const bad = await browser.agent.get(`/admin/organisations/${organisationId}/trends?rounds=abc`).expect(400);
    expectWelsh(bad.text, '400', ['Mae problem', 'Nid oedd modd darllen y rowndiau.']);
    const big = await request(ctx.app).post('/admin/login').set('Accept-Language', 'cy').type('form').send({ big: 'x'.repeat(70_000) });
    expect(big.status).toBe(413);
    expectWelsh(big.text, '413', []);
    expect(big.text).not.toContain('Too much to send');
  });

  it('500 says it in Welsh (a broken session store on an admin page)', async () => {
    const ctx = makeTestApp();
    ctx.services.sessions.find = () => {
      throw new Error('disk I/O error');
    };
    const mac = crypto.createHmac('sha256', ctx.services.sessions.secret()).update('some-session-id').digest('base64').replace(/=+$/, '');
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await request(ctx.app).get('/admin/login').set('Accept-Language', 'cy').set('Cookie', `ps_session=${encodeURIComponent(`s:some-session-id.${mac}`)}`);
    spy.mockRestore();
    expect(res.status).toBe(500);
    expectWelsh(res.text, '500', []);
    expect(res.text).not.toContain('Sorry, something went wrong');
  });

  it('a message the catalogue does not have stays English, marked lang="en"', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    browser.agent.set('Accept-Language', 'cy');
    const round = openRound(ctx);
    const res = await browser.agent.get(`/admin/rounds/${round.id}/actions/999999/edit`).expect(404);
    expect(res.text).toContain('<html lang="cy">');
    expect(res.text).toContain('<h1>Heb ddod o hyd i&#39;r dudalen</h1>');
    expect(res.text).toContain('<p lang="en">That action was not found</p>');
  });
});

describe('the report catalogue', () => {
  it('has Welsh for every plural form Welsh uses, and one and two read differently', () => {
    const cy = reportCy.common as unknown as Record<string, string>;
    expect(Object.keys(cy).filter((k) => k.startsWith('strongest_')).sort()).toEqual(['strongest_few', 'strongest_many', 'strongest_one', 'strongest_other', 'strongest_two', 'strongest_zero']);
    expect(reportCy.theme.people_one).toBe('1 person');
    expect(reportCy.theme.people_two).toBe('{{count}} o bobl');
  });

  it('leaves no English piece of the catalogue untranslated', () => {
    // Every long English piece differs from the Welsh: the list the page checks is the whole catalogue.
    expect(ENGLISH_PIECES.length).toBeGreaterThan(100);
  });
});
