import request from 'supertest';
import { isScored, respondentTitle } from '../../src/domain/questionnaire';
import { browserLike, csrfFrom, fakeClock, makeTestApp, type TestContext } from '../helpers/app';
import { openRound } from '../helpers/rounds';

type Browser = ReturnType<typeof browserLike>;

/** Fills a theme page: every scored item gets `choice` (or "dk"), comments get `comment`. */
function pageFields(ctx: TestContext, round: ReturnType<typeof openRound>, n: number, choice: string, comment = '') {
  const page = ctx.services.responding.pages(round)[n - 1];
  const fields: Record<string, string> = {};
  for (const item of page.items) fields[item.id] = isScored(item) ? choice : comment;
  return { page, fields };
}

async function startAs(b: Browser, token: string, role = 'lived') {
  const start = await b.submit(`/r/${token}`, {}, `/r/${token}/start`);
  expect(start.status).toBe(303);
  expect(start.headers.location).toBe(`/r/${token}/role`);
  expect(String(start.headers['set-cookie'])).toMatch(new RegExp(`ps_draft=[^;]+; Max-Age=\\d+; Path=/r/${token}; Expires=[^;]+; HttpOnly; SameSite=Lax`));
  const role_ = await b.submit(`/r/${token}/role`, { role });
  expect(role_.status).toBe(303);
  expect(role_.headers.location).toBe(`/r/${token}/themes/1`);
}

describe('reaching a round', () => {
  it('joins by code, forgiving case and spaces', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const b = browserLike(ctx.app);
    const typed = ` ${round.joinCode.slice(0, 3).toLowerCase()} ${round.joinCode.slice(3)} `;
    const res = await b.submit('/join', { code: typed });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/r/${round.linkToken}`);
  });

  it('uses a join code alphabet without look-alike characters', () => {
    const ctx = makeTestApp();
    for (let i = 0; i < 30; i++) expect(openRound(ctx).joinCode).toMatch(/^[2-9ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
  });

  it('opens directly by link, with a welcome page that explains anonymity, time and skipping', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const res = await request(ctx.app).get(`/r/${round.linkToken}`).expect(200);
    expect(res.text).toContain('<h1><bdi>Annual check 2026</bdi></h1>');
    expect(res.text).toContain('Please tell us honestly how it feels from where you stand.');
    expect(res.text).toMatch(/There are 8 short sections/);
    expect(res.text).toMatch(/It takes about \d+ minutes/);
    expect(res.text).toMatch(/You can skip any question/);
    expect(res.text).toMatch(/at least 5 people from it have answered/);
    expect(res.text).toMatch(/we do not keep your internet address/);
    expect(res.text).toContain('Start now');
  });

  it('says plainly when a code is wrong, and when none was typed', async () => {
    const ctx = makeTestApp();
    openRound(ctx);
    const b = browserLike(ctx.app);
    const wrong = await b.submit('/join', { code: 'ZZZZZZ' });
    expect(wrong.status).toBe(404);
    expect(wrong.text).toContain('There is a problem');
    expect(wrong.text).toContain('We could not find a round with that code');
    expect(wrong.text).toContain('href="#code"');
    expect(wrong.text).toContain('value="ZZZZZZ"');
    const blank = await b.submit('/join', { code: '  ' });
    expect(blank.status).toBe(400);
    expect(blank.text).toContain('Enter the code you were given');
  });

  it('rate-limits wrong codes with 429 but not successful joins', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const b = browserLike(ctx.app);
    const token = csrfFrom((await b.agent.get('/join')).text);
    for (let i = 0; i < 5; i++) await b.agent.post('/join').type('form').send({ _csrf: token, code: round.joinCode }).expect(303);
    for (let i = 0; i < 20; i++) await b.agent.post('/join').type('form').send({ _csrf: token, code: 'WRONG1' }).expect(404);
    const limited = await b.agent.post('/join').type('form').send({ _csrf: token, code: round.joinCode });
    expect(limited.status).toBe(429);
    expect(limited.text).toContain('Too many attempts');
  });

  it('gives 404 for an unknown link', async () => {
    const ctx = makeTestApp();
    await request(ctx.app).get('/r/not-a-real-token').expect(404);
  });

  it('explains a draft round (403) and takes no answers', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx, {}, 'draft');
    const res = await request(ctx.app).get(`/r/${round.linkToken}`).expect(403);
    expect(res.text).toContain('This round is not open yet');
    const b = browserLike(ctx.app);
    const code = await b.submit('/join', { code: round.joinCode });
    expect(code.headers.location).toBe(`/r/${round.linkToken}`);
    const start = await b.submit('/join', {}, `/r/${round.linkToken}/start`);
    expect(start.status).toBe(403);
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM drafts').get()).toEqual({ n: 0 });
  });

  it('explains a round that opens later, with its date', async () => {
    const clock = fakeClock();
    const ctx = makeTestApp({ clock });
    const round = openRound(ctx, { opensAt: clock.now() + 86_400_000 });
    const res = await request(ctx.app).get(`/r/${round.linkToken}`).expect(403);
    expect(res.text).toContain('opens on 23 November 2026 at 09:00 GMT');
  });

  it('answers a closed round with 410 and a kind page, reached by its link or its old code', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx, {}, 'closed');
    const res = await request(ctx.app).get(`/r/${round.linkToken}`).expect(410);
    expect(res.text).toContain('This round has closed');
    expect(res.text).toContain('Thank you for wanting to take part');
    // The code typed correctly leads to "it has closed", not "wrong code".
    const b = browserLike(ctx.app);
    const join = await b.submit('/join', { code: round.joinCode });
    expect(join.headers.location).toBe(`/r/${round.linkToken}`);
    // Once another live round takes the code, the code leads there instead.
    ctx.db.prepare('UPDATE rounds SET join_code = ? WHERE id <> ?').run('ZZZZZZ', round.id);
    const other = openRound(ctx);
    ctx.db.prepare('UPDATE rounds SET join_code = ? WHERE id = ?').run(round.joinCode, other.id);
    expect((await b.submit('/join', { code: round.joinCode })).headers.location).toBe(`/r/${other.linkToken}`);
  });

  it('treats a round past its closing time as closed', async () => {
    const clock = fakeClock();
    const ctx = makeTestApp({ clock });
    const round = openRound(ctx, { closesAt: clock.now() + 1000 });
    await request(ctx.app).get(`/r/${round.linkToken}`).expect(200);
    clock.advance(1000);
    await request(ctx.app).get(`/r/${round.linkToken}`).expect(410);
  });
});

describe('answering', () => {
  it('walks every page with progress, then check, submit and thank you', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const b = browserLike(ctx.app);
    await startAs(b, round.linkToken, 'staff');
    const pages = ctx.services.responding.pages(round);
    for (let n = 1; n <= pages.length; n++) {
      const get = await b.agent.get(`/r/${round.linkToken}/themes/${n}`).expect(200);
      expect(get.text).toContain(`Theme ${n} of ${pages.length}`);
      // Respondents see the theme's plain-English title; the report keeps the formal one.
      expect(get.text).toContain(`<h1>${respondentTitle(pages[n - 1].theme)}</h1>`);
      expect(pages[n - 1].theme.plainTitle).toBeDefined();
      const { fields } = pageFields(ctx, round, n, n % 2 ? '3' : 'dk', n === 2 ? 'We need more peer workers.' : '');
      const post = await b.agent.post(`/r/${round.linkToken}/themes/${n}`).type('form').send({ ...fields, _csrf: csrfFrom(get.text) });
      expect(post.status).toBe(303);
      expect(post.headers.location).toBe(n < pages.length ? `/r/${round.linkToken}/themes/${n + 1}` : `/r/${round.linkToken}/check`);
    }
    const check = await b.agent.get(`/r/${round.linkToken}/check`).expect(200);
    expect(check.text).toContain('Check your answers');
    expect(check.text).toContain('Staff member or volunteer');
    expect(check.text).toContain('We need more peer workers.');
    expect(check.text).toContain('Often');
    expect(check.text).toContain('Don&#39;t know');
    for (let n = 1; n <= pages.length; n++) expect(check.text).toContain(`/themes/${n}?return=check`);

    const submit = await b.submit(`/r/${round.linkToken}/check`, {}, `/r/${round.linkToken}/submit`);
    expect(submit.status).toBe(303);
    expect(submit.headers.location).toBe(`/r/${round.linkToken}/thanks`);
    const thanks = await b.agent.get(`/r/${round.linkToken}/thanks`).expect(200);
    expect(thanks.text).toContain('Your answers have been sent and counted');
    expect(thanks.text).toContain('What happens next');
    expect(thanks.text).toContain('See how your own answers score');
    // Odd themes were answered "Often" (75 for practice items); even themes "Don't know" only.
    expect(thanks.text).toMatch(/<th scope="row">Being listened to, not just there to tick a box<\/th><td class="num"><span aria-hidden="true">–<\/span><span class="visually-hidden">no figure<\/span><\/td>/);
  });

  it('stores exactly what was answered, and nothing that identifies anyone', async () => {
    const clock = fakeClock(Date.UTC(2026, 10, 22, 17, 45, 12));
    const ctx = makeTestApp({ clock });
    const round = openRound(ctx);
    const b = browserLike(ctx.app);
    await startAs(b, round.linkToken, 'carer');
    const q = ctx.services.responding.questionnaireFor(round);
    const { page, fields } = pageFields(ctx, round, 1, '', '');
    const [first, second] = page.items.filter(isScored);
    const comment = page.items.find((i) => i.kind === 'comment')!;
    Object.assign(fields, { [first.id]: '2', [second.id]: 'dk', [comment.id]: '  Plans arrive finished.  ' });
    await b.submit(`/r/${round.linkToken}/themes/1`, fields).then((r) => expect(r.status).toBe(303));
    await b.submit(`/r/${round.linkToken}/check`, {}, `/r/${round.linkToken}/submit`);
    // One answer cannot join the results on its own: it waits, whole, until the round closes.
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM responses').get()).toEqual({ n: 0 });
    expect(ctx.db.prepare('SELECT round_id FROM pending_responses').all()).toEqual([{ round_id: round.id }]);
    ctx.services.rounds.close(round.id);
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM pending_responses').get()).toEqual({ n: 0 });

    expect(ctx.db.prepare('SELECT round_id, role, questionnaire_version, submitted_on FROM responses').all()).toEqual([
      { round_id: round.id, role: 'carer', questionnaire_version: q.version, submitted_on: '2026-11-22' },
    ]);
    expect(ctx.db.prepare('SELECT item_id, theme_id, role, value, dont_know FROM answers ORDER BY item_id').all()).toEqual(
      [
        { item_id: first.id, theme_id: first.theme, role: 'carer', value: 2, dont_know: 0 },
        { item_id: second.id, theme_id: second.theme, role: 'carer', value: null, dont_know: 1 },
      ].sort((a, b2) => a.item_id.localeCompare(b2.item_id)),
    );
    expect(ctx.db.prepare('SELECT theme_id, body, hidden FROM comments').all()).toEqual([
      { theme_id: first.theme, body: 'Plans arrive finished.', hidden: 0 },
    ]);
    // Rung 2 of 0..6 on a ladder is 33.3; "Sometimes" (2 of 0..4) on a practice item is 50.
    const expectedScore = first.kind === 'ladder' ? 33.333 : 50;
    const scores = ctx.db.prepare('SELECT theme_id, role, score FROM response_theme_scores').all() as { theme_id: string; role: string; score: number }[];
    expect(scores).toHaveLength(1);
    expect(scores[0]).toMatchObject({ theme_id: first.theme, role: 'carer' });
    expect(scores[0].score).toBeCloseTo(expectedScore, 2);
    // The draft is kept only as "already sent": no role, no answers, no link to the response,
    // and only whole days, so its times cannot be matched to the order of responses.
    const day = Date.UTC(2026, 10, 22);
    expect(ctx.db.prepare('SELECT role, answers, submitted_at, created_at, updated_at, expires_at FROM drafts').all()).toEqual([
      { role: null, answers: '{}', submitted_at: day, created_at: day, updated_at: day, expires_at: day + 2 * 86_400_000 },
    ]);
    // No column anywhere that respondents write to can hold identifying data.
    for (const table of ['responses', 'answers', 'response_theme_scores', 'comments', 'pending_responses', 'drafts', 'sessions']) {
      const columns = (ctx.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      for (const c of columns) expect(c).not.toMatch(/name|email|ip|address|agent|user/i);
    }
    const sessions = ctx.db.prepare('SELECT data FROM sessions').all() as { data: string }[];
    for (const s of sessions) expect(s.data).not.toMatch(/127\.0\.0\.1|::ffff|supertest|node-superagent/i);
  });

  it('insists on a role, with an error summary', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const b = browserLike(ctx.app);
    await b.submit(`/r/${round.linkToken}`, {}, `/r/${round.linkToken}/start`);
    const none = await b.submit(`/r/${round.linkToken}/role`, {});
    expect(none.status).toBe(400);
    expect(none.text).toContain('href="#role"');
    expect(none.text).toContain('Choose the description that fits you best');
    const madeUp = await b.submit(`/r/${round.linkToken}/role`, { role: 'king' });
    expect(madeUp.status).toBe(400);
  });

  it('refuses an answer outside the options: 400, error summary, what was entered kept', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const b = browserLike(ctx.app);
    await startAs(b, round.linkToken);
    const { page, fields } = pageFields(ctx, round, 1, '1', 'Keep this text');
    const bad = page.items.filter(isScored)[1];
    fields[bad.id] = '9';
    const res = await b.submit(`/r/${round.linkToken}/themes/1`, fields);
    expect(res.status).toBe(400);
    expect(res.text).toContain('<title>Error: ');
    expect(res.text).toContain('There is a problem');
    expect(res.text).toContain(`href="#${bad.id}"`);
    expect(res.text).toContain(`id="${bad.id}--error"`);
    expect(res.text).toContain('Keep this text');
    expect(res.text).toMatch(new RegExp(`id="${page.items[0].id}--1" name="${page.items[0].id}" value="1" checked`));
    // Nothing was saved from the refused page.
    const check = await b.agent.get(`/r/${round.linkToken}/check`);
    expect(check.text).toContain('You answered 0 of');
  });

  it('refuses an item that is not on the page', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const b = browserLike(ctx.app);
    await startAs(b, round.linkToken);
    const theme2 = ctx.services.responding.pages(round)[1].items[0].id;
    const res = await b.submit(`/r/${round.linkToken}/themes/1`, { [theme2]: '2', 'made-up': '1' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('is not a question on this page');
  });

  it('refuses an over-long comment with a message naming the limit', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const b = browserLike(ctx.app);
    await startAs(b, round.linkToken);
    const q = ctx.services.responding.questionnaireFor(round);
    const { fields, page } = pageFields(ctx, round, 1, '', 'x'.repeat(q.commentMaxLength + 1));
    const res = await b.submit(`/r/${round.linkToken}/themes/1`, fields);
    expect(res.status).toBe(400);
    expect(res.text).toContain(`keep it to ${q.commentMaxLength} characters`);
    expect(res.text).toContain('x'.repeat(q.commentMaxLength + 1));
    expect(res.text).toContain(`href="#${page.items.find((i) => i.kind === 'comment')!.id}"`);
  });

  it('refuses a page POST without a CSRF token', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const b = browserLike(ctx.app);
    await startAs(b, round.linkToken);
    const res = await b.agent.post(`/r/${round.linkToken}/themes/1`).type('form').send({});
    expect(res.status).toBe(403);
    expect(res.text).toContain('This form has expired');
  });

  it('changes an answer from the check page and returns there', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const b = browserLike(ctx.app);
    await startAs(b, round.linkToken);
    const { page, fields } = pageFields(ctx, round, 1, '0');
    await b.submit(`/r/${round.linkToken}/themes/1`, fields);
    const change = await b.agent.get(`/r/${round.linkToken}/themes/1?return=check`).expect(200);
    expect(change.text).toContain('name="_return" value="check"');
    const practice = page.items.find((i) => i.kind === 'practice')!;
    const res = await b.agent
      .post(`/r/${round.linkToken}/themes/1`)
      .type('form')
      .send({ ...fields, [practice.id]: '4', _return: 'check', _csrf: csrfFrom(change.text) });
    expect(res.headers.location).toBe(`/r/${round.linkToken}/check`);
    const check = await b.agent.get(`/r/${round.linkToken}/check`);
    expect(check.text).toContain('Always');
    // Clearing an answer (leaving it blank) makes it unanswered again.
    await b.submit(`/r/${round.linkToken}/themes/1`, { ...fields, [practice.id]: '' });
    const after = await b.agent.get(`/r/${round.linkToken}/check`);
    expect(after.text).not.toContain('Always');
  });

  it('goes back: the previous page shows the saved answers', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const b = browserLike(ctx.app);
    await startAs(b, round.linkToken);
    const { page, fields } = pageFields(ctx, round, 1, '2');
    await b.submit(`/r/${round.linkToken}/themes/1`, fields);
    // Back is a submit button in the page's form (no JavaScript needed): it saves, then goes back.
    const theme2 = await b.agent.get(`/r/${round.linkToken}/themes/2`);
    expect(theme2.text).toMatch(/<button type="submit" name="_action" value="back" class="back-link button-link">Back/);
    const { page: page2, fields: fields2 } = pageFields(ctx, round, 2, '1');
    const backPost = await b.submit(`/r/${round.linkToken}/themes/2`, { ...fields2, _action: 'back' });
    expect(backPost.status).toBe(303);
    expect(backPost.headers.location).toBe(`/r/${round.linkToken}/themes/1`);
    const back = await b.agent.get(`/r/${round.linkToken}/themes/1`);
    expect(back.text).toMatch(new RegExp(`name="${page.items[0].id}" value="2" checked`));
    const again = await b.agent.get(`/r/${round.linkToken}/themes/2`);
    expect(again.text).toMatch(new RegExp(`name="${page2.items.find(isScored)!.id}" value="1" checked`));
    // From theme 1, Back saves and goes to the role page.
    expect((await b.submit(`/r/${round.linkToken}/themes/1`, { ...fields, _action: 'back' })).headers.location).toBe(`/r/${round.linkToken}/role`);
  });
});

describe('stop and come back', () => {
  it('saves for later, then resumes by code on another device', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const b = browserLike(ctx.app);
    await startAs(b, round.linkToken);
    const { fields } = pageFields(ctx, round, 1, '4');
    const later = await b.agent
      .post(`/r/${round.linkToken}/themes/1`)
      .type('form')
      .send({ ...fields, _action: 'later', _csrf: csrfFrom((await b.agent.get(`/r/${round.linkToken}/themes/1`)).text) });
    expect(later.headers.location).toBe(`/r/${round.linkToken}/saved`);
    const saved = await b.agent.get(`/r/${round.linkToken}/saved`).expect(200);
    const code = /class="panel-code">([A-Z0-9]{4}-[A-Z0-9]{4})</.exec(saved.text)?.[1];
    expect(code).toBeDefined();
    expect(saved.text).toContain('kept for 30 days');

    const other = browserLike(ctx.app);
    const wrong = await other.submit('/resume', { code: 'AAAA-AAAA' });
    expect(wrong.status).toBe(404);
    expect(wrong.text).toContain('We could not find answers saved with that code');
    const resumed = await other.submit('/resume', { code: ` ${code!.toLowerCase().replace('-', ' ')} ` });
    expect(resumed.status).toBe(303);
    expect(resumed.headers.location).toBe(`/r/${round.linkToken}/themes/2`);
    const page1 = await other.agent.get(`/r/${round.linkToken}/themes/1`).expect(200);
    expect(page1.text).toMatch(/value="4" checked/);
    const welcome = await other.agent.get(`/r/${round.linkToken}`);
    expect(welcome.text).toContain('Continue where you left off');
  });

  it('expires drafts after the configured time and deletes them', async () => {
    const clock = fakeClock();
    const ctx = makeTestApp({ clock, config: { draftTtlMs: 2 * 86_400_000 } });
    const round = openRound(ctx);
    const b = browserLike(ctx.app);
    await startAs(b, round.linkToken);
    clock.advance(2 * 86_400_000);
    const res = await b.agent.get(`/r/${round.linkToken}/themes/1`);
    expect(res.status).toBe(404);
    expect(res.text).toContain('We could not find your answers');
    expect(ctx.services.maintenance.run().drafts).toBe(1);
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM drafts').get()).toEqual({ n: 0 });
  });
});

describe('submit once', () => {
  it('never counts a double click, a back-button resubmission or a replay twice', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const b = browserLike(ctx.app);
    await startAs(b, round.linkToken);
    await b.submit(`/r/${round.linkToken}/themes/1`, pageFields(ctx, round, 1, '1').fields);
    const check = await b.agent.get(`/r/${round.linkToken}/check`);
    const token = csrfFrom(check.text);
    const send = () => b.agent.post(`/r/${round.linkToken}/submit`).type('form').send({ _csrf: token });
    const results = await Promise.all([send(), send()]);
    const replay = await send();
    for (const r of [...results, replay]) {
      expect(r.status).toBe(303);
      expect(r.headers.location).toBe(`/r/${round.linkToken}/thanks`);
    }
    const sent = "SELECT (SELECT COUNT(*) FROM responses) + (SELECT COUNT(*) FROM pending_responses) AS n";
    expect(ctx.db.prepare(sent).get()).toEqual({ n: 1 });
    // The back button to a theme page, then saving it again, changes nothing either.
    const back = await b.agent.get(`/r/${round.linkToken}/themes/1`);
    expect(back.headers.location).toBe(`/r/${round.linkToken}/thanks`);
    const resave = await b.agent.post(`/r/${round.linkToken}/themes/1`).type('form').send({ _csrf: token, ...pageFields(ctx, round, 1, '4').fields });
    expect(resave.headers.location).toBe(`/r/${round.linkToken}/thanks`);
    expect(ctx.db.prepare(sent).get()).toEqual({ n: 1 });
    ctx.services.release.releaseAll(ctx.services.rounds.get(round.id));
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM answers WHERE value = 4').get()).toEqual({ n: 0 });
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM answers WHERE value = 1').get()).not.toEqual({ n: 0 });
  });

  it('takes no answers once the round closes, even from a POST sent directly', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const b = browserLike(ctx.app);
    await startAs(b, round.linkToken);
    const page = await b.agent.get(`/r/${round.linkToken}/themes/1`);
    const token = csrfFrom(page.text);
    ctx.services.rounds.close(round.id);
    const save = await b.agent.post(`/r/${round.linkToken}/themes/1`).type('form').send({ _csrf: token, ...pageFields(ctx, round, 1, '2').fields });
    expect(save.status).toBe(410);
    const submit = await b.agent.post(`/r/${round.linkToken}/submit`).type('form').send({ _csrf: token });
    expect(submit.status).toBe(410);
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM responses').get()).toEqual({ n: 0 });
  });
});
