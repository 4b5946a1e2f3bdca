// The presenter screen in the room's language (issue 15): the round's default language where it
// has one (the whole room reads one screen), else the visitor's; the questionnaire's words in the
// same language; presenter.js gets its words through data attributes.
import { ownerSession } from '../helpers/admin';
import { makeTestApp, type TestContext } from '../helpers/app';
import { respond } from '../helpers/respond';
import { openRound } from '../helpers/rounds';

function answered(ctx: TestContext, round: ReturnType<typeof openRound>, value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const page of ctx.services.responding.pages(round)) for (const item of page.items) if (item.kind !== 'comment') out[item.id] = value;
  return out;
}

describe('presenter screen in Welsh', () => {
  it("speaks the round's Welsh to an English-speaking admin, with Welsh questionnaire words and Welsh words for the script", async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = openRound(ctx, { name: 'Gweithdy Caerdydd', mode: 'workshop', form: 'short', minGroupSize: 3, defaultLanguage: 'cy' });
    for (let i = 0; i < 3; i++) respond(ctx, round, 'lived', answered(ctx, round, '3'));
    const present = `/admin/rounds/${round.id}/present`;
    const page = await browser.agent.get(present).set('Accept-Language', 'en-GB').expect(200);
    expect(page.text).toContain('<html lang="cy">');
    expect(page.text).toContain('<title>Cyflwynydd: Gweithdy Caerdydd – Powershare</title>');
    expect(page.text).toContain('<p class="presenter-status" id="presenter-status">Ar agor: ymunwch nawr</p>');
    expect(page.text).toMatch(/<p class="presenter-join-address">Ewch i <strong class="mono">[^<]+\/join<\/strong> a rhowch<\/p>/);
    expect(page.text).toContain('data-words-counts="{{started}} wedi dechrau, {{sent}} wedi&#39;u hanfon"');
    expect(page.text).toContain('data-words-reveal="Dangos y canlyniadau" data-words-hide="Cuddio&#39;r canlyniadau"');
    expect(page.text).toContain('data-words-full-screen="Sgrin lawn" data-words-leave-full-screen="Gadael y sgrin lawn"');
    expect(page.text).toContain('<button type="submit" id="reveal-button">Dangos y canlyniadau</button>');
    expect(page.text).toContain('Mae&#39;r canlyniadau wedi&#39;u cuddio.');
    expect(page.text).not.toMatch(/Results are hidden|Reveal results|Refresh the counts|Go to /);

    await browser.post(present, `${present}/reveal`);
    const overview = await browser.agent.get(present).expect(200);
    expect(overview.text).toContain('<h2 id="overview-heading">Pawb, thema wrth thema</h2>');
    expect(overview.text).toContain('<th scope="row">Ymgynghori neu gyd-gynhyrchu</th>');
    expect(overview.text).toContain('&#34;title&#34;:&#34;Sgoriau&#39;r themâu (0 i 100)&#34;,&#34;large&#34;:true,&#34;labels&#34;:[&#34;Ymgynghori neu gyd-gynhyrchu&#34;');
    await browser.post(present, `${present}/next`);
    const theme = await browser.agent.get(present).expect(200);
    expect(theme.text).toContain('<p class="presenter-step">Thema 1 o 8</p>');
    expect(theme.text).toContain('<h2 id="theme-heading">Ymgynghori neu gyd-gynhyrchu</h2>');
    expect(theme.text).toContain('<h3>Siaradwch amdano</h3>');
    expect(theme.text).toContain('<th scope="col" class="num">Ddim yn gwybod</th>');
    expect(theme.text).toContain('<th scope="col" class="num">Gwneud gyda phobl</th>');
    // Nothing on the screen claims another language: all of it is Welsh.
    expect([...theme.text.matchAll(/ lang="([^"]+)"/g)].map((m) => m[1])).toEqual(['cy']);
    await browser.post(present, `${present}/refresh`);
    expect((await browser.agent.get(present)).text).toContain('Nid oedd unrhyw atebion yn aros: mae&#39;r ffigurau&#39;n gyfredol.');
  });

  it("speaks the questionnaire's language when the round has none, whoever opens a screen", async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = openRound(ctx, { mode: 'workshop', form: 'short', minGroupSize: 3 });
    const present = `/admin/rounds/${round.id}/present`;
    const english = await browser.agent.get(present).expect(200);
    expect(english.text).toContain('<html lang="en-GB">');
    expect(english.text).toContain('Open: join now');
    expect(english.text).toContain('data-words-counts="{{started}} started, {{sent}} sent"');
    // A Welsh browser opening a screen of the same room does not turn every screen Welsh: the
    // live fragments all screens share are in one language, the room's.
    const welshBrowser = await browser.agent.get(present).set('Accept-Language', 'cy').expect(200);
    expect(welshBrowser.text).toContain('<html lang="en-GB">');
    expect(welshBrowser.text).toContain('Open: join now');
  });
});
