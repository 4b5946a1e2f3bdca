// Every page a respondent can meet, in Welsh: the html element says cy, and no English is left on
// it except inside an element that says it is English (issue 15: lang right on every page and
// every mixed-language fragment). The default questionnaire's real Welsh is used throughout.
import request from 'supertest';
import { isScored } from '../../src/domain/questionnaire';
import { browserLike, csrfFrom, fakeClock, makeTestApp, type TestContext } from '../helpers/app';
import { respond } from '../helpers/respond';
import { openRound } from '../helpers/rounds';

/** Drops every element marked lang="en…" (with its content), then tags, leaving the text a Welsh reader hears as Welsh. */
function welshText(html: string): string {
  let out = html.replace(/<(script|style)[\s\S]*?<\/\1>/g, '');
  // Innermost first, repeatedly: an English element holds no Welsh worth checking.
  for (let i = 0; i < 10; i++) out = out.replace(/<([a-z0-9]+)\b[^>]*\blang="en(?:-GB)?"[^>]*>(?:(?!<\1\b)[\s\S])*?<\/\1>/g, ' ');
  return out
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&[a-z0-9#]+;/g, ' ')
    .replace(/\s+/g, ' ');
}

/** English words that Welsh text never has (short, common, unambiguous). */
const ENGLISH = /\b(the|and|your|you|with|answers?|please|page|theme|round|people|questions?|save|send|continue|back|this|that|not|what|when|who)\b/i;

function expectWelsh(html: string, where: string) {
  expect(html).toContain('<html lang="cy">');
  const text = welshText(html);
  const hit = ENGLISH.exec(text);
  if (hit) throw new Error(`English on the Welsh ${where} page: …${text.slice(Math.max(0, hit.index - 80), hit.index + 80)}…`);
}

const welshRound = (ctx: TestContext, status: 'open' | 'draft' | 'closed' = 'open', extra = {}) =>
  openRound(ctx, { name: 'Gwiriad blynyddol 2026', intro: 'Dywedwch wrthym yn onest.', defaultLanguage: 'cy', ...extra }, status);

describe('lang on every respondent page in Welsh', () => {
  it('marks every page cy and leaves no unmarked English, from join to thanks', async () => {
    const ctx = makeTestApp();
    const round = welshRound(ctx);
    const b = browserLike(ctx.app);
    b.agent.set('Accept-Language', 'cy');
    const base = `/r/${round.linkToken}`;
    expectWelsh((await b.agent.get('/join').expect(200)).text, 'join');
    expectWelsh((await b.submit('/join', { code: 'ZZZZZZ' })).text, 'join error');
    expectWelsh((await b.agent.get('/resume').expect(200)).text, 'resume');
    expectWelsh((await b.submit('/resume', { code: '' })).text, 'resume error');
    expectWelsh((await b.agent.get('/nowhere').expect(404)).text, 'not found');
    expectWelsh((await b.agent.get(`${base}/role`).expect(404)).text, 'no draft');
    const welcome = await b.agent.get(base).expect(200);
    expectWelsh(welcome.text, 'welcome');
    await b.submit(base, {}, `${base}/start`);
    expectWelsh((await b.agent.get(`${base}/role`).expect(200)).text, 'role');
    expectWelsh((await b.submit(`${base}/role`, {})).text, 'role error');
    await b.submit(`${base}/role`, { role: 'lived' });
    const pages = ctx.services.responding.pages(round);
    for (let n = 1; n <= pages.length; n++) {
      expectWelsh((await b.agent.get(`${base}/themes/${n}`).expect(200)).text, `theme ${n}`);
      const fields = Object.fromEntries(pages[n - 1].items.map((i) => [i.id, isScored(i) ? String(n % 5) : 'Sylw']));
      if (n === 1) {
        const bad = await b.submit(`${base}/themes/1`, { ...fields, [pages[0].items[0].id]: '99', _action: 'next' });
        expect(bad.status).toBe(400);
        expectWelsh(bad.text, 'theme error');
      }
      await b.submit(`${base}/themes/${n}`, { ...fields, _action: n === 2 ? 'later' : 'next' });
      if (n === 2) expectWelsh((await b.agent.get(`${base}/saved`).expect(200)).text, 'saved');
    }
    expectWelsh((await b.agent.get(`${base}/check`).expect(200)).text, 'check');
    const check = await b.agent.get(`${base}/check`);
    await b.agent.post(`${base}/submit`).type('form').send({ _csrf: csrfFrom(check.text) });
    const thanks = await b.agent.get(`${base}/thanks`).expect(200);
    expectWelsh(thanks.text, 'thanks');
    expect(thanks.text).toContain('Eich sgoriau fesul thema');
  });

  it('marks the closed, not-yet-open and results pages cy too', async () => {
    const clock = fakeClock();
    const ctx = makeTestApp({ clock });
    const draft = welshRound(ctx, 'draft');
    expectWelsh((await request(ctx.app).get(`/r/${draft.linkToken}`).expect(403)).text, 'not open');
    const later = welshRound(ctx, 'open', { opensAt: clock.now() + 86_400_000 });
    expectWelsh((await request(ctx.app).get(`/r/${later.linkToken}`).expect(403)).text, 'not yet open');
    const round = welshRound(ctx);
    for (let i = 0; i < 6; i++) respond(ctx, round, i < 3 ? 'staff' : 'lived', { 'ld-shared': String(i % 5) });
    const closed = ctx.services.rounds.close(round.id);
    expectWelsh((await request(ctx.app).get(`/r/${closed.linkToken}`).expect(410)).text, 'closed');
    // The thanks page gives this address before anything is published: its 404 is in Welsh too.
    const unpublished = await request(ctx.app).get(`/r/${closed.linkToken}/results`).expect(404);
    expectWelsh(unpublished.text, 'results not yet published');
    expect(unpublished.text).toContain('Nid yw canlyniadau');
    ctx.services.resultsPage.publish(closed);
    const results = await request(ctx.app).get(`/r/${closed.linkToken}/results`).expect(200);
    expectWelsh(results.text, 'results');
  });

  it('marks an English page en-GB, with the Welsh choice itself marked cy', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const res = await request(ctx.app).get(`/r/${round.linkToken}`).set('Accept-Language', 'en-GB').expect(200);
    expect(res.text).toContain('<html lang="en-GB">');
    expect(res.text).toMatch(/lang="cy">Cymraeg<\/button>/);
    // Nothing else on the page claims another language.
    expect([...res.text.matchAll(/ lang="([^"]+)"/g)].map((m) => m[1])).toEqual(['en-GB', 'cy']);
    // The check above would catch it: this English page, claimed as Welsh, is refused.
    expect(() => expectWelsh(res.text.replace('<html lang="en-GB">', '<html lang="cy">'), 'test')).toThrow(/English on the Welsh test page/);
  });
});
