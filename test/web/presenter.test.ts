import request from 'supertest';
import { makeTestApp, type TestContext } from '../helpers/app';
import { createMember, ownerSession, signIn } from '../helpers/admin';
import { respond } from '../helpers/respond';
import { openRound } from '../helpers/rounds';

/** Answers every scored item of the short form with `value` (a string, as a form sends it). */
function shortAnswers(ctx: TestContext, round: ReturnType<typeof openRound>, value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const page of ctx.services.responding.pages(round)) for (const item of page.items) if (item.kind !== 'comment') out[item.id] = value;
  return out;
}

function workshop(ctx: TestContext) {
  return openRound(ctx, { name: 'Workshop, Leeds', mode: 'workshop', form: 'short', minGroupSize: 3 });
}

describe('presenter view', () => {
  it('shows the join code very large, the short address, the QR code and the counts; works without JavaScript', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = workshop(ctx);
    const draft = ctx.services.responding.startDraft(round);
    ctx.services.responding.saveRole(round, draft.id, 'staff');
    respond(ctx, round, 'lived', shortAnswers(ctx, round, '2'), { addNow: false });
    const page = await browser.agent.get(`/admin/rounds/${round.id}/present`).expect(200);
    expect(page.text).toContain(`${round.joinCode.slice(0, 3)} ${round.joinCode.slice(3)}`);
    expect(page.text).toContain('class="presenter-code"');
    expect(page.text).toMatch(/Go to <strong class="mono">127\.0\.0\.1:\d+\/join<\/strong>|Go to <strong class="mono">[^<]+\/join<\/strong>/);
    expect(page.text).toContain(`src="/admin/rounds/${round.id}/qr.svg"`);
    // Two started (one part-way, one sent), one sent.
    expect(page.text).toContain('<span class="presenter-count-number" id="count-started">2</span>');
    expect(page.text).toContain('<span class="presenter-count-number" id="count-sent">1</span>');
    expect(page.text).toContain('Results are hidden.');
    // No inline scripts; the refresh link is a plain GET of the same page.
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(page.text).toContain(`<a href="/admin/rounds/${round.id}/present">Refresh the counts</a>`);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('reveal, next, previous, hide and refresh work as plain forms (303 back to the page) and are stored', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = workshop(ctx);
    for (let i = 0; i < 3; i++) respond(ctx, round, 'lived', shortAnswers(ctx, round, '3'));
    const present = `/admin/rounds/${round.id}/present`;
    const reveal = await browser.post(present, `${present}/reveal`);
    expect(reveal.status).toBe(303);
    expect(reveal.headers.location).toBe(present);
    expect(ctx.services.presenter.state(round)).toMatchObject({ revealed: true, themeIndex: -1 });
    let page = await browser.agent.get(present);
    expect(page.text).toContain('Everyone, theme by theme');
    expect(page.text).toContain('data-chart=');
    await browser.post(present, `${present}/next`);
    page = await browser.agent.get(present);
    expect(page.text).toContain('Theme 1 of 8');
    expect(page.text).toContain('Talk about it');
    // Previous from the first theme goes back to the overview, never below it.
    await browser.post(present, `${present}/previous`);
    await browser.post(present, `${present}/previous`);
    expect(ctx.services.presenter.state(round).themeIndex).toBe(-1);
    for (let i = 0; i < 12; i++) await browser.post(present, `${present}/next`);
    expect(ctx.services.presenter.state(round).themeIndex).toBe(7);
    await browser.post(present, `${present}/hide`);
    expect(ctx.services.presenter.state(round).revealed).toBe(false);
    expect((await browser.agent.get(present)).text).toContain('Results are hidden.');
    // Refresh adds waiting answers (the trainer's explicit choice).
    respond(ctx, round, 'lived', shortAnswers(ctx, round, '1'), { addNow: false });
    expect(ctx.services.release.status(round).waiting).toBe(1);
    const refreshed = await browser.post(present, `${present}/refresh`);
    expect(refreshed.status).toBe(303);
    expect(ctx.services.release.status(round).waiting).toBe(0);
    expect((await browser.agent.get(present)).text).toContain('1 waiting answer was added to the figures.');
  });

  it('answers 204 to a control sent by the script with the token header', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = workshop(ctx);
    const token = await browser.token(`/admin/rounds/${round.id}/present`);
    await browser.agent.post(`/admin/rounds/${round.id}/present/reveal`).set('x-csrf-token', token).expect(204);
    expect(ctx.services.presenter.state(round).revealed).toBe(true);
  });

  it('refuses without a session, without CSRF, for another organisation and for an unknown action', async () => {
    const ctx = makeTestApp();
    const { owner } = await ownerSession(ctx);
    const round = workshop(ctx);
    const theirs = openRound(ctx, { mode: 'workshop' });
    await createMember(ctx, owner, [round.organisationId]);
    const member = await signIn(ctx, 'member@example.org');
    // No session: sent to sign in, nothing changes.
    const anon = await request(ctx.app).get(`/admin/rounds/${round.id}/present`);
    expect(anon.status).toBe(303);
    expect(anon.headers.location).toMatch(/^\/admin\/login/);
    expect((await request(ctx.app).get(`/admin/rounds/${round.id}/events`)).status).toBe(303);
    expect((await request(ctx.app).post(`/admin/rounds/${round.id}/present/reveal`)).status).toBe(403);
    // No CSRF token: 403.
    await member.agent.post(`/admin/rounds/${round.id}/present/reveal`).type('form').send({}).expect(403);
    expect(ctx.services.presenter.state(round).revealed).toBe(false);
    // Another organisation's round: 404 for the page, the stream and every control.
    await member.agent.get(`/admin/rounds/${theirs.id}/present`).expect(404);
    await member.agent.get(`/admin/rounds/${theirs.id}/events`).expect(404);
    for (const action of ['reveal', 'hide', 'next', 'previous', 'refresh']) {
      const res = await member.post(`/admin/rounds/${round.id}/present`, `/admin/rounds/${theirs.id}/present/${action}`);
      expect([action, res.status]).toEqual([action, 404]);
    }
    expect(ctx.services.presenter.state(theirs).revealed).toBe(false);
    const unknown = await member.post(`/admin/rounds/${round.id}/present`, `/admin/rounds/${round.id}/present/explode`);
    expect(unknown.status).toBe(404);
  });

  it('"Create a workshop" opens the round form with the workshop defaults: short form, results in batches', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const org = ctx.services.organisations.create('Trainers Ltd');
    const orgPage = await browser.agent.get(`/admin/organisations/${org.id}`);
    expect(orgPage.text).toContain(`href="/admin/organisations/${org.id}/rounds/new?mode=workshop"`);
    const form = await browser.agent.get(`/admin/organisations/${org.id}/rounds/new?mode=workshop`).expect(200);
    expect(form.text).toMatch(/id="mode-workshop" name="mode" value="workshop" checked/);
    expect(form.text).toMatch(/id="form-short" name="form" value="short" checked/);
    expect(form.text).toMatch(/id="resultsRelease-batches" name="resultsRelease" value="batches" checked/);
    expect(form.text).toContain('/js/round-form.js');
    const survey = await browser.agent.get(`/admin/organisations/${org.id}/rounds/new`).expect(200);
    expect(survey.text).toMatch(/id="form" name="form" value="full" checked/);
    expect(survey.text).toMatch(/id="resultsRelease" name="resultsRelease" value="after-close" checked/);
  });
});

describe('observer links', () => {
  it('an admin makes a read-only link: the same screen without controls, no sign-in; revoked means 404', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = workshop(ctx);
    const made = await browser.post(`/admin/rounds/${round.id}`, `/admin/rounds/${round.id}/observers`);
    expect(made.status).toBe(303);
    const page = await browser.agent.get(`/admin/rounds/${round.id}`);
    const url = /The new observer link[^<]*<\/p><p class="mono">([^<]+)<\/p>/.exec(page.text)![1];
    const path = new URL(url).pathname;
    expect(path).toMatch(/^\/observe\/[A-Za-z0-9_-]{24,}$/);
    // Shown once; only its hash is stored.
    expect((await browser.agent.get(`/admin/rounds/${round.id}`)).text).not.toContain(url);
    const token = path.split('/').pop()!;
    expect(JSON.stringify(ctx.db.prepare('SELECT * FROM observer_links').all())).not.toContain(token);

    const anon = request(ctx.app);
    const screen = await anon.get(path).expect(200);
    expect(screen.text).toContain(`${round.joinCode.slice(0, 3)} ${round.joinCode.slice(3)}`);
    expect(screen.text).not.toContain('Reveal results');
    expect(screen.text).not.toContain('name="_csrf"');
    expect(screen.text).toContain(`src="${path}/qr.svg"`);
    expect((await anon.get(`${path}/qr.svg`).buffer(true)).status).toBe(200);
    expect(screen.headers['set-cookie']).toBeUndefined();

    const linkId = ctx.services.presenter.observerLinks(round)[0].id;
    const revoked = await browser.post(`/admin/rounds/${round.id}`, `/admin/rounds/${round.id}/observers/${linkId}/revoke`);
    expect(revoked.status).toBe(303);
    await anon.get(path).expect(404);
    await anon.get(`${path}/events`).expect(404);
    await anon.get(`${path}/qr.svg`).expect(404);
    await anon.get('/observe/not-a-real-token-at-all-0000').expect(404);
  });

  it('refuses to make or revoke links without CSRF or for another organisation', async () => {
    const ctx = makeTestApp();
    const { owner } = await ownerSession(ctx);
    const round = workshop(ctx);
    const theirs = openRound(ctx, { mode: 'workshop' });
    const theirLink = ctx.services.presenter.createObserverLink(theirs);
    await createMember(ctx, owner, [round.organisationId]);
    const member = await signIn(ctx, 'member@example.org');
    await member.agent.post(`/admin/rounds/${round.id}/observers`).type('form').send({}).expect(403);
    expect((await member.post(`/admin/rounds/${round.id}`, `/admin/rounds/${theirs.id}/observers`)).status).toBe(404);
    expect((await member.post(`/admin/rounds/${round.id}`, `/admin/rounds/${theirs.id}/observers/${theirLink.id}/revoke`)).status).toBe(404);
    // Revoking another round's link through one's own round finds nothing either.
    expect((await member.post(`/admin/rounds/${round.id}`, `/admin/rounds/${round.id}/observers/${theirLink.id}/revoke`)).status).toBe(404);
    expect(ctx.services.presenter.observerLinkActive(theirLink.token)).toBe(true);
    expect(ctx.services.presenter.observerLinks(round)).toHaveLength(0);
  });
});

describe('the handout', () => {
  it("gives the room's released results on one page: scores, bands, a next step and the prompts; counts only below the minimum", async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = workshop(ctx);
    const few = await browser.agent.get(`/admin/rounds/${round.id}/handout`).expect(200);
    expect(few.text).toContain('only the count is given');
    for (let i = 0; i < 3; i++) respond(ctx, round, 'lived', shortAnswers(ctx, round, '3'));
    const page = await browser.agent.get(`/admin/rounds/${round.id}/handout`).expect(200);
    expect(page.text).toContain('what the room said');
    expect(page.text).toContain('Answers from 3 people');
    // By hand: rung 3 of 0..6 is 50 and "Often" 75, so theme 1 scores 62.5, "On the way".
    expect(page.text).toContain('<tr><th scope="row">Consultation or co-production</th><td class="num">62.5</td><td>On the way</td></tr>');
    expect(page.text).toContain('<strong>Try:</strong>');
    expect(page.text).toContain('Who chose the subject of our last big meeting?');
    expect(page.text).toContain('data-chart=');
  });

  it('is 404 for another organisation and sends a signed-out visitor to sign in', async () => {
    const ctx = makeTestApp();
    const { owner } = await ownerSession(ctx);
    const round = workshop(ctx);
    const theirs = openRound(ctx, { mode: 'workshop' });
    await createMember(ctx, owner, [round.organisationId]);
    const member = await signIn(ctx, 'member@example.org');
    await member.agent.get(`/admin/rounds/${round.id}/handout`).expect(200);
    await member.agent.get(`/admin/rounds/${theirs.id}/handout`).expect(404);
    expect((await request(ctx.app).get(`/admin/rounds/${round.id}/handout`)).status).toBe(303);
  });
});
