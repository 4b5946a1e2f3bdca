import request from 'supertest';
import { browserLike, csrfFrom, fakeClock, makeTestApp } from '../helpers/app';
import { createMember, ownerSession, signIn } from '../helpers/admin';
import { respond } from '../helpers/respond';
import { openRound } from '../helpers/rounds';

describe('review findings, each held by a test', () => {
  it('a deleted account\'s session does not carry over to a new account that reuses its id', async () => {
    const clock = fakeClock();
    const ctx = makeTestApp({ clock });
    const { owner } = await ownerSession(ctx);
    const org = ctx.services.organisations.create('Org');
    const member = await createMember(ctx, owner, [org.id], 'gone@example.org');
    const old = await signIn(ctx, 'gone@example.org');
    await old.agent.get('/admin').expect(200);
    ctx.services.accounts.delete(owner, member.id);
    clock.advance(1000);
    const { admin: fresh } = ctx.services.accounts.createAccount(owner, { email: 'new-owner@example.org', role: 'owner', organisationIds: [] });
    expect(fresh.id).toBe(member.id); // SQLite reused the id: the case that matters
    const res = await old.agent.get('/admin/accounts');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin/login');
  });

  it('refuses to send a response with no answers, so empty responses cannot make a group look large', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const b = browserLike(ctx.app);
    await b.submit(`/r/${round.linkToken}`, {}, `/r/${round.linkToken}/start`);
    await b.submit(`/r/${round.linkToken}/role`, { role: 'board' });
    const send = await b.submit(`/r/${round.linkToken}/check`, {}, `/r/${round.linkToken}/submit`);
    expect(send.status).toBe(303);
    expect(send.headers.location).toBe(`/r/${round.linkToken}/check`);
    const page = await b.agent.get(`/r/${round.linkToken}/check`);
    expect(page.text).toContain('Answer at least one question before sending');
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM responses').get()).toEqual({ n: 0 });
  });

  it('withholds a shown group\'s theme when too few of its people answered that theme, with complementary suppression', () => {
    const ctx = makeTestApp();
    const round = openRound(ctx, { minGroupSize: 5 });
    // Staff 6 and lived 6 are shown for the round. On leadership, only 3 staff answered:
    // staff's leadership cell is withheld, and so is lived's (else everyone minus lived = staff).
    for (let i = 0; i < 6; i++) respond(ctx, round, 'staff', i < 3 ? { 'ld-shared': '4', 'cp-early': '1' } : { 'cp-early': '2' });
    for (let i = 0; i < 6; i++) respond(ctx, round, 'lived', { 'ld-shared': '0', 'cp-early': '0' });
    const report = ctx.services.results.forRound(round.id);
    expect(report.groups.map((g) => g.roleId)).toEqual(['lived', 'staff']);
    const leadership = report.themes.find((t) => t.themeId === 'leadership')!;
    expect(leadership.overall.n).toBe(9); // everyone: 9 people, shown
    expect(leadership.groups).toEqual([]); // both group cells withheld
    for (const g of report.groups) {
      const t = g.result.themes.find((x) => x.themeId === 'leadership')!;
      expect(t).toMatchObject({ shown: false, n: null, mean: null, dontKnow: null });
      expect(t.items.every((i) => !i.shown && i.answered === null && i.options.every((o) => o.count === null))).toBe(true);
    }
    // Where both groups answered enough, both are shown.
    const cp = report.themes.find((t) => t.themeId === 'coproduction')!;
    expect(cp.groups.map((g) => [g.roleId, g.n])).toEqual([['lived', 6], ['staff', 6]]);
    const csv = ctx.services.exports.resultsCsv(round.id).body;
    expect(csv).toContain('"Heroic or shared leadership","Staff member or volunteer","","","","","","","Not shown, to protect anonymity"');
  });

  it('answers bad ids and bodies with 404 or 400, never 500', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = openRound(ctx);
    for (const path of ['/admin/rounds/abc/report', '/admin/rounds/abc/results.csv', '/admin/rounds/0/answers.csv', '/api/rounds/1e3/results']) {
      expect((await browser.agent.get(path)).status).toBe(404);
    }
    const token = await browser.token(`/admin/rounds/${round.id}/report`);
    const post = (path: string, body: Record<string, string | string[]>) => browser.agent.post(path).type('form').send({ _csrf: token, ...body });
    expect((await post(`/admin/rounds/${round.id}/comments/xyz`, { hidden: 'true' })).status).toBe(404);
    expect((await post(`/admin/rounds/${round.id}/comments/1`, {})).status).toBe(400);
    expect((await post(`/admin/rounds/${round.id}/share-links/xyz/revoke`, {})).status).toBe(404);
    const joinPage = await browser.agent.get('/join');
    const twice = await browser.agent.post('/join').type('form').send(`_csrf=${encodeURIComponent(csrfFrom(joinPage.text))}&code=AAA&code=BBB`);
    expect(twice.status).toBe(400);
  });

  it('shows a respondent their own scores once, then forgets them', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const b = browserLike(ctx.app);
    await b.submit(`/r/${round.linkToken}`, {}, `/r/${round.linkToken}/start`);
    await b.submit(`/r/${round.linkToken}/role`, { role: 'carer' });
    await b.submit(`/r/${round.linkToken}/themes/1`, { 'cp-early': '3' });
    await b.submit(`/r/${round.linkToken}/check`, {}, `/r/${round.linkToken}/submit`);
    expect((await b.agent.get(`/r/${round.linkToken}/thanks`)).text).toContain('See how your own answers score');
    const again = await b.agent.get(`/r/${round.linkToken}/thanks`).expect(200);
    expect(again.text).toContain('Your answers have been sent');
    expect(again.text).not.toContain('See how your own answers score');
    const sessions = ctx.db.prepare('SELECT data FROM sessions').all() as { data: string }[];
    for (const s of sessions) expect(s.data).not.toContain('ownScores":{"');
    // Choosing a role again after sending lands on the thank-you page, not an error.
    const role = await b.submit('/join', { role: 'staff' }, `/r/${round.linkToken}/role`);
    expect(role.status).toBe(303);
    expect(role.headers.location).toBe(`/r/${round.linkToken}/thanks`);
  });

  it('lets the minimum group size rise but never fall once people have answered', () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    respond(ctx, round, 'staff', { 'cp-early': '1' });
    const settings = { ...round };
    expect(() => ctx.services.rounds.update(round.id, { ...settings, minGroupSize: 4 })).toThrow(/minimum group size/);
    expect(ctx.services.rounds.update(round.id, { ...settings, minGroupSize: 7 }).minGroupSize).toBe(7);
  });

  it('lists comments in an order that says nothing about when they were written', () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    for (const [i, text] of ['zebra crossing', 'apple tree', 'middle way'].entries()) {
      for (let j = 0; j < 4; j++) respond(ctx, round, 'staff', { 'cp-early': String(i), 'coproduction-comment': `${text} ${j}` });
    }
    const report = ctx.services.results.forRound(round.id, { comments: 'visible' });
    const bodies = report.themes.find((t) => t.themeId === 'coproduction')!.comments.map((c) => c.body);
    expect(bodies).toEqual([...bodies].sort());
    expect(bodies[0]).toBe('apple tree 0');
  });

  it('unauthenticated API calls and pages stay refused', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    await request(ctx.app).get(`/api/rounds/${round.id}/results`).expect(401);
  });
});
