// The paper form in Welsh, Easy Read and Welsh Easy Read, standard or large print (issue 15): the
// questionnaire's words from its overlays, the form's own words from the catalogue, the print page
// around it in the admin's language; keyed-in forms score exactly as before and record the version.
import type { RoundRecord } from '../../src/db';
import { ownerSession } from '../helpers/admin';
import { fakeClock, makeTestApp, type TestContext } from '../helpers/app';
import { openRound } from '../helpers/rounds';

type Browser = Awaited<ReturnType<typeof ownerSession>>['browser'];

async function setup() {
  const ctx = makeTestApp({ clock: fakeClock(Date.UTC(2026, 10, 22, 9)) });
  const { browser } = await ownerSession(ctx);
  const round = openRound(ctx, { resultsRelease: 'after-close' });
  return { ctx, browser, round };
}

/** The printed form alone (the article), without its toolbar. */
const formOf = (html: string) => html.slice(html.indexOf('<article'), html.indexOf('</article>'));
/** Tick boxes per question, in order: the shape a keyer relies on. */
const shape = (html: string) => [...formOf(html).matchAll(/<div class="paper-question">([\s\S]*?)<\/div>\n/g)].map((m) => (m[1].match(/class="tick-box"/g) ?? []).length);

describe('printing the paper form in every version', () => {
  it('prints the Welsh form inside an English page: the article says cy, the toolbar stays English', async () => {
    const { browser, round } = await setup();
    const res = await browser.agent.get(`/admin/rounds/${round.id}/paper?language=cy`).expect(200);
    expect(res.text).toContain('<html lang="en-GB">');
    expect(res.text).toContain('<article class="paper paper-standard" aria-label="The paper form" lang="cy">');
    const form = formOf(res.text);
    expect(form).toContain(`Cod y rownd: <strong class="mono">${round.joinCode.slice(0, 3)} ${round.joinCode.slice(3)}</strong>`);
    expect(form).toContain('<p class="paper-version">Fersiwn wedi&#39;i hargraffu: Cymraeg</p>');
    expect(form).toContain('<h2 id="how">Sut i&#39;w llenwi</h2>');
    expect(form).toContain('Pa un o&#39;r rhain sy&#39;n eich disgrifio orau? Ticiwch un.');
    expect(form).toContain('<h2 id="part-1">Rhan 1 o 8: <span>Cymryd rhan o&#39;r dechrau</span></h2>');
    expect(form).toContain('<li class="tick-dont-know"><span class="tick-box" aria-hidden="true"></span> Ddim yn gwybod</li>');
    expect(form).toContain('<strong>Peidiwch ag ysgrifennu eich enw</strong>, nac enw neb arall, yn unman ar y ffurflen hon.');
    // The round's own name and intro are English: marked so.
    expect(form).toContain('<h1><bdi lang="en">Annual check 2026</bdi></h1>');
    expect(form).not.toMatch(/How to fill|Tick one|Part 1 of|Don&#39;t know|When you have finished/);
    expect(res.text).toContain(`<li><a href="/admin/rounds/${round.id}/paper?language=cy" lang="cy" aria-current="page">Cymraeg</a></li>`);
    expect(res.text).toContain(`<li><a href="/admin/rounds/${round.id}/paper?language=cy&amp;easyRead=1">Easy Read</a></li>`);
    expect(res.text).toContain(`<li><a href="/admin/rounds/${round.id}/paper?language=cy&amp;size=large">Large print (16 point and up)</a></li>`);
  });

  it('prints Welsh Easy Read in large print, and English Easy Read, with the Easy Read instructions', async () => {
    const { browser, round } = await setup();
    const cyEr = await browser.agent.get(`/admin/rounds/${round.id}/paper?language=cy&easyRead=1&size=large`).expect(200);
    const form = formOf(cyEr.text);
    expect(cyEr.text).toContain('class="paper paper-large"');
    expect(form).toContain('Fersiwn wedi&#39;i hargraffu: Cymraeg, Hawdd ei Ddeall');
    expect(form).toContain('Rhowch dic mewn 1 blwch ar gyfer pob cwestiwn. Fel hyn:');
    expect(form).toContain('Rhan 1 o 8: <span>Bod yn rhan o bethau o&#39;r dechrau</span>');
    expect(form).toContain(' Dw i ddim yn gwybod</li>');
    expect(form).toContain('<bdi>Dw i&#39;n gweithio neu&#39;n gwirfoddoli yma</bdi>');
    const enEr = await browser.agent.get(`/admin/rounds/${round.id}/paper?easyRead=1`).expect(200);
    const english = formOf(enEr.text);
    expect(enEr.text).toContain('<article class="paper paper-standard" aria-label="The paper form">');
    expect(english).toContain('Printed version: English, Easy Read');
    expect(english).toContain('Put a tick in 1 box for each question. Like this:');
    expect(english).toContain('Part 1 of 8: <span>Being involved from the start</span>');
    expect(english).toContain(' I don’t know</li>');
    expect(english).toContain('<p class="paper-hint">Think of the last change that you know about. Then choose the answer that fits best.</p>');
  });

  it('gives every version the same questions, answers and boxes in the same order; odd queries print the standard form', async () => {
    const { browser, round } = await setup();
    const base = `/admin/rounds/${round.id}/paper`;
    const standard = shape((await browser.agent.get(base).expect(200)).text);
    // 48 questions and the role question.
    expect(standard.length).toBe(49);
    for (const q of ['?language=cy', '?easyRead=1', '?language=cy&easyRead=1&size=large']) expect(shape((await browser.agent.get(base + q).expect(200)).text)).toEqual(standard);
    const odd = await browser.agent.get(`${base}?language=fr&easyRead=yes&size=huge`).expect(200);
    expect(odd.text).toContain('Printed version: English</p>');
    expect(odd.text).toContain('class="paper paper-standard"');
    const bad = await browser.agent.get(`${base}?language=%3Cscript%3E&language=cy`).expect(200);
    expect(bad.text).toContain('Printed version: English</p>');
  });
});

/** Keys one form on a printed version: entry page, check screen, save. Returns the check screen. */
async function keyForm(browser: Browser, round: RoundRecord, fields: Record<string, string>) {
  const entry = `/admin/rounds/${round.id}/paper/entry`;
  const check = await browser.post(entry, entry, fields);
  expect(check.status).toBe(200);
  const save = check.text.slice(check.text.indexOf('/paper/save'), check.text.indexOf('</form>', check.text.indexOf('/paper/save')));
  const hidden = Object.fromEntries([...save.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2].replace(/&#39;/g, "'")]));
  const saved = await browser.agent.post(`/admin/rounds/${round.id}/paper/save`).type('form').send(hidden);
  expect([saved.status, saved.headers.location]).toEqual([303, entry]);
  return check;
}

const stored = (ctx: TestContext, roundId: number) =>
  ctx.db.prepare("SELECT channel, language, easy_read AS easyRead FROM responses WHERE round_id = ? ORDER BY language, easy_read").all(roundId);

describe('keying in forms printed in Welsh or Easy Read', () => {
  it('records the printed version, offers it again for the next form, and scores exactly as an English form', async () => {
    const { ctx, browser, round } = await setup();
    const entry = await browser.agent.get(`/admin/rounds/${round.id}/paper/entry`).expect(200);
    expect(entry.text).toContain('<legend>Printed version</legend>');
    expect(entry.text).toContain('<input type="radio" id="version-0" name="_version" value="en" checked>');
    expect(entry.text).toContain('<label for="version-3" lang="cy">Cymraeg, Hawdd ei Ddeall</label>');
    const form = { role: 'staff', 'ld-shared': '4', 'ld-lasts': '2' };
    const check = await keyForm(browser, round, { ...form, _version: 'cy.er' });
    expect(check.text).toContain('<dt>Printed version</dt><dd lang="cy">Cymraeg, Hawdd ei Ddeall</dd>');
    // The next form starts on the same version: a keyer keys a pile of one version at a time.
    expect((await browser.agent.get(`/admin/rounds/${round.id}/paper/entry`)).text).toContain('name="_version" value="cy.er" checked>');
    await keyForm(browser, round, { ...form, _version: 'en.er' });
    await keyForm(browser, round, { ...form, _version: 'nonsense' });
    // A refused form keeps its version.
    const refused = await browser.post(`/admin/rounds/${round.id}/paper/entry`, `/admin/rounds/${round.id}/paper/entry`, { 'ld-shared': '4', _version: 'cy' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('name="_version" value="cy" checked>');
    ctx.services.rounds.close(round.id);
    expect(stored(ctx, round.id)).toEqual([
      { channel: 'paper', language: 'cy', easyRead: 1 },
      { channel: 'paper', language: 'en', easyRead: 0 },
      { channel: 'paper', language: 'en', easyRead: 1 },
    ]);
    // The same ticks on any version: the same answers and the same theme score (100 and 50 -> 75).
    const scores = ctx.db.prepare('SELECT s.score FROM response_theme_scores s JOIN responses r ON r.id = s.response_id WHERE r.round_id = ?').all(round.id) as { score: number }[];
    expect(scores.map((s) => s.score)).toEqual([75, 75, 75]);
    const answers = ctx.db.prepare('SELECT r.language, r.easy_read, a.item_id, a.value FROM answers a JOIN responses r ON r.id = a.response_id WHERE r.round_id = ? ORDER BY a.item_id, r.language, r.easy_read').all(round.id);
    expect(answers).toHaveLength(6);
    expect(new Set(answers.map((a) => JSON.stringify([(a as { item_id: string }).item_id, (a as { value: number }).value])))).toEqual(new Set(['["ld-lasts",2]', '["ld-shared",4]']));
  });
});
