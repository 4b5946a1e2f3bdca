import request from 'supertest';
import { fakeClock, makeTestApp, type TestContext } from '../helpers/app';
import { createMember, ownerSession, signIn } from '../helpers/admin';
import { openRound } from '../helpers/rounds';
import { respond } from '../helpers/respond';
import type { RoundRecord } from '../../src/db';

type Browser = Awaited<ReturnType<typeof signIn>>;

/** The hidden fields of the check screen's "Save this form" form, as the browser would send them back. */
function saveFields(html: string): Record<string, string> {
  const save = html.slice(html.indexOf('/paper/save'), html.indexOf('</form>', html.indexOf('/paper/save')));
  const out: Record<string, string> = {};
  for (const m of save.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    out[m[1]] = m[2].replace(/&#34;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }
  return out;
}

/** Keys one form the way an admin does: the entry page, "Check this form", then "Save this form". */
async function keyForm(browser: Browser, round: RoundRecord, fields: Record<string, string>) {
  const entry = `/admin/rounds/${round.id}/paper/entry`;
  const check = await browser.post(entry, entry, fields);
  expect(check.status).toBe(200);
  expect(check.text).toContain('Check this form against the paper');
  const hidden = saveFields(check.text);
  const saved = await browser.agent.post(`/admin/rounds/${round.id}/paper/save`).type('form').send(hidden);
  expect([saved.status, saved.headers.location]).toEqual([303, entry]);
  return { check, hidden };
}

async function setup(overrides: Parameters<typeof openRound>[1] = {}, status: 'open' | 'draft' | 'closed' = 'open') {
  const clock = fakeClock(Date.UTC(2026, 10, 22, 9));
  const ctx = makeTestApp({ clock });
  const { owner, browser } = await ownerSession(ctx);
  const round = openRound(ctx, { resultsRelease: 'after-close', ...overrides }, status);
  return { ctx, clock, owner, browser, round };
}

const pending = (ctx: TestContext, round: RoundRecord) => ctx.services.release.status(ctx.services.rounds.get(round.id)).waiting;

// Six returned forms, all ticked "Staff member or volunteer". Practice answers score 0, 25, 50, 75, 100.
// Leadership theme scores by hand: (100+50)/2 = 75; 0; "don't know" + 75 -> 75; (25+75+50)/3 = 50;
// 50 + "don't know" -> 50; form 6 only "don't know" -> no score. So n = 5, mean = 250/5 = 50,
// sd = sqrt((25² + 50² + 25² + 0 + 0) / 4) = sqrt(937.5) = 30.62.
const FORMS: Record<string, string>[] = [
  { role: 'staff', 'ld-shared': '4', 'ld-lasts': '2' },
  { role: 'staff', 'ld-shared': '0' },
  { role: 'staff', 'ld-shared': 'dk', 'ld-lasts': '3' },
  { role: 'staff', 'ld-challenge': '1', 'ld-credit': '3', 'ld-decisions': '2' },
  { role: 'staff', 'ld-shared': '2', 'ld-credit': 'dk' },
  { role: 'staff', 'ld-shared': 'dk', 'rc-skills': '4' },
];

describe('paper forms: printing', () => {
  it('prints the round’s questionnaire: name, join code, the role question, every question with tick boxes and “Don’t know”, comment space, no personal details', async () => {
    const { ctx, browser, round } = await setup({}, 'draft');
    const res = await browser.agent.get(`/admin/rounds/${round.id}/paper`).expect(200);
    const q = ctx.services.rounds.questionnaireFor(round);
    expect(res.text).toContain('<bdi>Annual check 2026</bdi>');
    expect(res.text).toContain(`Round code: <strong class="mono">${round.joinCode.slice(0, 3)} ${round.joinCode.slice(3)}</strong>`);
    expect(res.text).toContain('Which of these describes you best? Tick one.');
    for (const r of round.roles) expect(res.text).toContain(`<bdi>${r.label}</bdi>`);
    const items = ctx.services.responding.pages(round).flatMap((p) => p.items);
    expect((res.text.match(/class="paper-question"/g) ?? []).length).toBe(items.length + 1);
    const scored = items.filter((i) => i.kind !== 'comment');
    expect((res.text.match(/class="tick-dont-know"/g) ?? []).length).toBe(scored.length);
    expect((res.text.match(/class="comment-space"/g) ?? []).length).toBe(items.length - scored.length);
    expect(res.text).toContain(`<span class="paper-qn">${items.length}.</span>`);
    expect(res.text).toContain(q.scale.dontKnowLabel.replace("'", '&#39;'));
    expect(res.text).toContain('When you have finished');
    expect(res.text).toContain('<strong>Please do not write your name</strong>');
    expect(res.text).not.toMatch(/<input/); // nothing to fill in on screen: it is a form for paper
    expect(res.text).not.toMatch(/your (email|address|date of birth|postcode)/i);
    expect(res.text).toContain('/css/paper.css');
    expect(res.text).toContain('class="paper paper-standard"');
    const large = await browser.agent.get(`/admin/rounds/${round.id}/paper?size=large`).expect(200);
    expect(large.text).toContain('class="paper paper-large"');
    // An unknown size is the standard print, not an error.
    const odd = await browser.agent.get(`/admin/rounds/${round.id}/paper?size=huge&size=large`).expect(200);
    expect(odd.text).toContain('class="paper paper-standard"');
  });

  it('the round page links to printing and keying in', async () => {
    const { browser, round } = await setup();
    const page = await browser.agent.get(`/admin/rounds/${round.id}`).expect(200);
    expect(page.text).toContain(`href="/admin/rounds/${round.id}/paper?size=large"`);
    expect(page.text).toContain(`href="/admin/rounds/${round.id}/paper/entry"`);
  });
});

describe('paper forms: keying in', () => {
  it('end to end: six forms keyed, checked and saved wait like online answers; on close they are released and scored by hand’s figures', async () => {
    const { ctx, browser, round } = await setup();
    const first = await keyForm(browser, round, FORMS[0]);
    // The check screen reads back every answer in words, in the paper's order.
    expect(first.check.text).toMatch(/Which of these describes you best\?<\/dt><dd><bdi>Staff member or volunteer<\/bdi>/);
    expect(first.check.text).toMatch(/Leadership here is shared among many people, including people who use services\.<\/dt><dd dir="auto">Always<\/dd>/);
    expect(first.check.text).toMatch(/Changes here would carry on if a senior leader left\.<\/dt><dd dir="auto">Sometimes<\/dd>/);
    expect(first.check.text).toContain('Left blank');
    expect(first.check.text).toContain('<strong>2 of 40 questions answered, 0 comments.</strong>');
    expect(first.hidden).toEqual({ _csrf: expect.any(String), _version: 'en', role: 'staff', 'ld-shared': '4', 'ld-lasts': '2' });
    for (const f of FORMS.slice(1)) await keyForm(browser, round, f);
    const page = await browser.agent.get(`/admin/rounds/${round.id}/paper/entry`).expect(200);
    expect(page.text).toContain('Forms keyed in this sitting: 6.');
    expect(page.text).toContain('Form saved. You have keyed 6 forms in this sitting.');

    // Waiting, like online answers in an "after close" round: nothing in the results yet.
    expect(pending(ctx, round)).toBe(6);
    expect(ctx.services.results.forRound(round.id).total).toBe(0);
    ctx.services.rounds.close(round.id);
    expect(pending(ctx, round)).toBe(0);

    const report = ctx.services.results.forRound(round.id);
    expect(report.total).toBe(6);
    expect(report.roles.find((r) => r.roleId === 'staff')?.n).toBe(6);
    const leadership = report.overall!.themes.find((t) => t.themeId === 'leadership')!;
    expect(leadership.n).toBe(5);
    expect(leadership.mean).toBeCloseTo(50, 10);
    expect(leadership.sd).toBeCloseTo(Math.sqrt(937.5), 10);
    expect(Math.sqrt(937.5)).toBeCloseTo(30.62, 2);
    // Reciprocity has one score only: under the minimum group size, so withheld.
    expect(report.overall!.themes.find((t) => t.themeId === 'reciprocity')!.shown).toBe(false);

    // Scored exactly like online answers: the same six answer sets sent online give the same figures.
    const online = openRound(ctx, { name: 'Online twin', resultsRelease: 'after-close' });
    for (const f of FORMS) {
      const { role, ...answers } = f;
      respond(ctx, online, role, answers, { addNow: false });
    }
    ctx.services.rounds.close(online.id);
    const twin = ctx.services.results.forRound(online.id).overall!.themes.find((t) => t.themeId === 'leadership')!;
    expect({ n: twin.n, mean: twin.mean, sd: twin.sd, dontKnow: twin.dontKnow }).toEqual({ n: leadership.n, mean: leadership.mean, sd: leadership.sd, dontKnow: leadership.dontKnow });

    // The report says how they came, small counts as "fewer than 5".
    const html = (await browser.agent.get(`/admin/rounds/${round.id}/report`).expect(200)).text;
    expect(html).toContain('<p>Fewer than 5 online, 6 on paper, fewer than 5 with help.</p>');
    // The raw answers CSV has no channel: it would tie rows to a small group.
    const csv = (await browser.agent.get(`/admin/rounds/${round.id}/answers.csv`).expect(200)).text;
    expect(csv.split('\n')[0]).not.toMatch(/channel|paper|online|assisted/i);
  });

  it('nothing records who keyed a form: no admin in the response rows, no handle in the session store', async () => {
    const { ctx, owner, browser, round } = await setup();
    await keyForm(browser, round, FORMS[0]);
    const [waiting] = ctx.db.prepare('SELECT id, body FROM pending_responses').all() as { id: string; body: string }[];
    expect(JSON.parse(waiting.body)).toMatchObject({ channel: 'paper', role: 'staff' });
    expect(waiting.body).not.toMatch(new RegExp(`admin|${owner.email}|"keyed`, 'i'));
    const sessions = ctx.db.prepare('SELECT * FROM sessions').all();
    expect(JSON.stringify(sessions)).not.toContain(waiting.id);
    ctx.services.rounds.close(round.id);
    const cols = (ctx.db.prepare('PRAGMA table_info(responses)').all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(['id', 'round_id', 'role', 'questionnaire_version', 'submitted_on', 'language', 'easy_read', 'channel']);
  });

  it('bad input re-renders the form with 400, an error summary and what was keyed; nothing is saved', async () => {
    const { ctx, browser, round } = await setup();
    const entry = `/admin/rounds/${round.id}/paper/entry`;
    const noRole = await browser.post(entry, entry, { 'ld-shared': '4', 'cp-topics-comment': 'x' });
    expect(noRole.status).toBe(400);
    expect(noRole.text).toContain('There is a problem');
    expect(noRole.text).toContain('<a href="#role">Choose the description ticked on the form');
    expect(noRole.text).toContain('“Prefer not to say”');
    expect(noRole.text).toMatch(/id="ld-shared-4" name="ld-shared" value="4" data-key="5" checked/);
    const bad = await browser.post(entry, entry, { role: 'staff', 'ld-shared': '9', 'ld-lasts': ['1', '2'] });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#ld-shared"');
    expect(bad.text).toContain('href="#ld-lasts"');
    const empty = await browser.post(entry, entry, { role: 'staff' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('No answer is keyed in.');
    // A tampered save (the check screen's hidden fields changed) is parsed again and refused.
    const token = await browser.token(entry);
    const save = await browser.agent.post(`/admin/rounds/${round.id}/paper/save`).type('form').send({ _csrf: token, role: 'nobody', 'ld-shared': '4' });
    expect(save.status).toBe(400);
    expect(pending(ctx, round)).toBe(0);
  });

  it('"change the answers" on the check screen brings the form back filled in', async () => {
    const { browser, round } = await setup();
    const entry = `/admin/rounds/${round.id}/paper/entry`;
    const check = await browser.post(entry, entry, { role: 'carer', 'ld-lasts': 'dk', 'rc-skills': '0' });
    const back = await browser.agent.post(entry).type('form').send({ ...saveFields(check.text), _action: 'change' });
    expect(back.status).toBe(200);
    expect(back.text).toMatch(/value="carer" data-key="2" checked/);
    expect(back.text).toMatch(/id="ld-lasts-dk" name="ld-lasts" value="dk" data-key="D" checked/);
    expect(back.text).toMatch(/id="rc-skills" name="rc-skills" value="0" data-key="1" checked/);
  });

  it('refuses a POST without the CSRF token (403) and saves nothing', async () => {
    const { ctx, browser, round } = await setup();
    const res = await browser.agent.post(`/admin/rounds/${round.id}/paper/save`).type('form').send({ role: 'staff', 'ld-shared': '4' });
    expect(res.status).toBe(403);
    const undo = await browser.agent.post(`/admin/rounds/${round.id}/paper/undo`).type('form').send({});
    expect(undo.status).toBe(403);
    expect(pending(ctx, round)).toBe(0);
  });
});

describe('paper forms: undo the last form', () => {
  it('takes back only the last form, once; the count goes down; the handle expires after 10 minutes', async () => {
    const { ctx, clock, browser, round } = await setup();
    const entry = `/admin/rounds/${round.id}/paper/entry`;
    await keyForm(browser, round, FORMS[0]);
    await keyForm(browser, round, FORMS[1]);
    expect(pending(ctx, round)).toBe(2);
    const undo = await browser.post(entry, `/admin/rounds/${round.id}/paper/undo`);
    expect([undo.status, undo.headers.location]).toEqual([303, entry]);
    expect(pending(ctx, round)).toBe(1);
    const bodies = (ctx.db.prepare('SELECT body FROM pending_responses').all() as { body: string }[]).map((r) => JSON.parse(r.body) as { answers: { itemId: string; value: number | null }[] });
    expect(bodies[0].answers).toEqual([{ themeId: 'leadership', itemId: 'ld-shared', value: 4 }, { themeId: 'leadership', itemId: 'ld-lasts', value: 2 }]); // option indices, as online
    const page = await browser.agent.get(entry).expect(200);
    expect(page.text).toContain('The last form you saved is taken back');
    expect(page.text).toContain('Forms keyed in this sitting: 1.');
    expect(page.text).not.toContain('Undo the last form');
    // A second undo has nothing to take back (not the form before).
    await browser.post(entry, `/admin/rounds/${round.id}/paper/undo`);
    expect(pending(ctx, round)).toBe(1);
    expect((await browser.agent.get(entry)).text).toContain('There is no form to undo');

    await keyForm(browser, round, FORMS[2]);
    clock.advance(10 * 60_000 + 1);
    expect((await browser.agent.get(entry)).text).not.toContain('Undo the last form');
    await browser.post(entry, `/admin/rounds/${round.id}/paper/undo`);
    expect(pending(ctx, round)).toBe(2);
  });

  it('is gone after signing out, and another admin cannot undo it', async () => {
    const { ctx, owner, browser, round } = await setup();
    const entry = `/admin/rounds/${round.id}/paper/entry`;
    await keyForm(browser, round, FORMS[0]);
    const member = await createMember(ctx, owner, [round.organisationId]);
    const other = await signIn(ctx, member.email);
    await other.post(entry, `/admin/rounds/${round.id}/paper/undo`);
    expect(pending(ctx, round)).toBe(1);
    // The same browser, signed out and in again: a new session, so no undo and a new count.
    const cookies = await browser.agent.get(entry);
    expect(cookies.text).toContain('Undo the last form');
    await browser.post('/admin', '/admin/logout');
    await browser.submit('/admin/login', { email: owner.email, password: 'violet-harbour-kettle-58' });
    const again = await browser.agent.get(entry).expect(200);
    expect(again.text).toContain('Forms keyed in this sitting: 0.');
    expect(again.text).not.toContain('Undo the last form');
    await browser.post(entry, `/admin/rounds/${round.id}/paper/undo`);
    expect(pending(ctx, round)).toBe(1);
  });

  it('cannot take back a form that has already joined the results', async () => {
    const { ctx, browser, round } = await setup({}, 'closed');
    const entry = `/admin/rounds/${round.id}/paper/entry`;
    // A closed round that never published anything releases its first answers at once.
    await keyForm(browser, round, FORMS[0]);
    expect(ctx.services.results.forRound(round.id).total).toBe(1);
    await browser.post(entry, `/admin/rounds/${round.id}/paper/undo`);
    expect(ctx.services.results.forRound(round.id).total).toBe(1);
    expect((await browser.agent.get(entry)).text).toContain('has already joined the round’s results');
  });
});

describe('paper forms: round status and access', () => {
  it('a draft round takes no forms (409 with the reason); a closed round takes late forms until its results page is published', async () => {
    const { ctx, browser, round } = await setup({}, 'draft');
    const entry = `/admin/rounds/${round.id}/paper/entry`;
    const page = await browser.agent.get(entry).expect(200);
    expect(page.text).toContain('Open it before keying in paper forms.');
    expect(page.text).not.toContain('Check this form');
    const token = await browser.token(`/admin/rounds/${round.id}`);
    const refused = await browser.agent.post(`/admin/rounds/${round.id}/paper/save`).type('form').send({ _csrf: token, ...FORMS[0] });
    expect(refused.status).toBe(409);
    expect(pending(ctx, round)).toBe(0);

    ctx.services.rounds.open(round.id);
    ctx.services.rounds.close(round.id);
    const late = await browser.agent.get(entry).expect(200);
    expect(late.text).toContain('forms returned late are still counted until its results are published');
    await keyForm(browser, round, FORMS[0]);
    ctx.services.resultsPage.publish(ctx.services.rounds.get(round.id));
    const closed = await browser.agent.get(entry).expect(200);
    expect(closed.text).toContain('no more paper forms can be added');
    const check = await browser.post(`/admin/rounds/${round.id}`, entry, FORMS[1]);
    expect(check.status).toBe(409);
    const save = await browser.post(`/admin/rounds/${round.id}`, `/admin/rounds/${round.id}/paper/save`, FORMS[1]);
    expect(save.status).toBe(409);
    expect(ctx.services.results.forRound(round.id).total).toBe(1);
  });

  it('a member of the organisation may print and key in, like an owner; another organisation’s member gets 404; signed out goes to sign-in', async () => {
    const { ctx, owner, round } = await setup();
    const elsewhere = ctx.services.organisations.create('Another trust');
    const member = await createMember(ctx, owner, [round.organisationId], 'member@example.org');
    const stranger = await createMember(ctx, owner, [elsewhere.id], 'stranger@example.org');
    const m = await signIn(ctx, member.email);
    await m.agent.get(`/admin/rounds/${round.id}/paper`).expect(200);
    await keyForm(m, round, FORMS[0]);
    const s = await signIn(ctx, stranger.email);
    const token = await s.token();
    for (const path of ['/paper', '/paper?size=large', '/paper/entry']) await s.agent.get(`/admin/rounds/${round.id}${path}`).expect(404);
    for (const path of ['/paper/entry', '/paper/save', '/paper/undo', '/paper/finish']) {
      await s.agent.post(`/admin/rounds/${round.id}${path}`).type('form').send({ _csrf: token, ...FORMS[1] }).expect(404);
    }
    await s.agent.get('/admin/rounds/99999/paper').expect(404);
    expect(pending(ctx, round)).toBe(1);
    const anon = await request(ctx.app).get(`/admin/rounds/${round.id}/paper/entry`);
    expect([anon.status, anon.headers.location]).toEqual([303, '/admin/login']);
  });

  it('finishing the sitting forgets the count and the undo (the forms stay)', async () => {
    const { ctx, browser, round } = await setup();
    const entry = `/admin/rounds/${round.id}/paper/entry`;
    await keyForm(browser, round, FORMS[0]);
    const done = await browser.post(entry, `/admin/rounds/${round.id}/paper/finish`);
    expect([done.status, done.headers.location]).toEqual([303, `/admin/rounds/${round.id}`]);
    const page = await browser.agent.get(entry);
    expect(page.text).toContain('Forms keyed in this sitting: 0.');
    expect(pending(ctx, round)).toBe(1);
  });
});
