import request from 'supertest';
import { browserLike, fakeClock, makeTestApp } from '../helpers/app';
import { createMember, ownerSession, signIn } from '../helpers/admin';
import { respond } from '../helpers/respond';
import { openRound } from '../helpers/rounds';
import { threeYears } from '../helpers/trends';

const COMMENT = 'Secret remark only admins may read';

async function setup() {
  const ctx = makeTestApp({ clock: fakeClock(Date.UTC(2026, 10, 22, 9)) });
  const { owner, browser } = await ownerSession(ctx);
  const { organisationId, rounds } = threeYears(ctx);
  return { ctx, owner, browser, organisationId, rounds };
}

describe('"you said, we did": the results page for the people who answered', () => {
  it('is 404 until published, then shows the summary, scores, bands and plan in plain words; unpublishing makes it 404 again', async () => {
    const { ctx, browser, rounds } = await setup();
    const round = rounds[2];
    const url = `/r/${round.linkToken}/results`;
    await request(ctx.app).get(url).expect(404);
    ctx.services.actions.create(round, { themeId: 'leadership', what: 'Co-chair the board with a person who uses services', lead: 'Chair', dueOn: '2027-03-31', status: 'planned', note: '' });

    const page = await browser.agent.get(`/admin/rounds/${round.id}`).expect(200);
    expect(page.text).toContain('Publish the results page');
    const res = await browser.post(`/admin/rounds/${round.id}`, `/admin/rounds/${round.id}/results-page/publish`);
    expect([res.status, res.headers.location]).toEqual([303, `/admin/rounds/${round.id}#results-page`]);
    const after = await browser.agent.get(`/admin/rounds/${round.id}`).expect(200);
    expect(after.text).toContain('The results page is published');
    expect(after.text).toContain(`/r/${round.linkToken}/results`);

    // Anyone with the round's link, with no cookie at all.
    const pub = await request(ctx.app).get(url).expect(200);
    expect(pub.headers['x-robots-tag']).toBe('noindex');
    expect(pub.text).toContain('Annual check 2026</bdi>: what you told us');
    expect(pub.text).toContain('Who leads and who decides'); // the theme's plain title, not "Heroic or shared leadership"
    expect(pub.text).not.toContain('Heroic or shared leadership');
    expect(pub.text).toContain('What is going best');
    expect(pub.text).toContain('Scores for each theme');
    expect(pub.text).toContain('Co-chair the board with a person who uses services');
    expect(pub.text).toContain('Now: planned.');

    // The closed round's welcome page links to it.
    const welcome = await request(ctx.app).get(`/r/${round.linkToken}`);
    expect(welcome.status).toBe(410);
    expect(welcome.text).toContain(`href="/r/${round.linkToken}/results"`);

    const un = await browser.post(`/admin/rounds/${round.id}`, `/admin/rounds/${round.id}/results-page/unpublish`);
    expect(un.status).toBe(303);
    await request(ctx.app).get(url).expect(404);
    const closedAgain = await request(ctx.app).get(`/r/${round.linkToken}`);
    expect(closedAgain.text).not.toContain('/results"');
  });

  it('never shows a group the report hides, nor any comment', async () => {
    const { ctx, browser, organisationId } = await setup();
    // Carers 3 and partners 2: below the minimum of 5, hidden on the report.
    const round = openRound(ctx, { name: 'Check with comments' }, 'open', organisationId);
    for (const v of ['2', '3', '3', '3', '4', '3']) respond(ctx, round, 'staff', { 'ld-shared': v, 'leadership-comment': COMMENT });
    for (const v of ['1', '1', '2', '0', '1']) respond(ctx, round, 'lived', { 'ld-shared': v, 'leadership-comment': COMMENT });
    for (const v of ['0', '0', '0']) respond(ctx, round, 'carer', { 'ld-shared': v });
    for (const v of ['4', '4']) respond(ctx, round, 'partner', { 'ld-shared': v });
    const closed = ctx.services.rounds.close(round.id);
    const report = await browser.agent.get(`/admin/rounds/${closed.id}/report`).expect(200);
    expect(report.text).toContain(COMMENT); // the admin report has it: the public page must not
    await browser.post(`/admin/rounds/${closed.id}`, `/admin/rounds/${closed.id}/results-page/publish`);
    const pub = await request(ctx.app).get(`/r/${closed.linkToken}/results`).expect(200);
    expect(pub.text).not.toContain(COMMENT);
    expect(pub.text).not.toContain('Family member or carer');
    expect(pub.text).not.toContain('Partner organisation or commissioner');
    expect(pub.text).toContain('by group');
    // Groups appear only where the report shows them.
    const shownGroups = ctx.services.results.forRound(closed.id, { comments: 'none' }).groups.map((g) => g.label);
    expect(shownGroups.length).toBeGreaterThan(0);
    for (const label of shownGroups) expect(pub.text).toContain(label);
  });

  it('refuses to publish an open round with a clear message', async () => {
    const { ctx, browser, organisationId } = await setup();
    const round = openRound(ctx, { name: 'Still open' }, 'open', organisationId);
    const page = await browser.agent.get(`/admin/rounds/${round.id}`).expect(200);
    expect(page.text).toContain('You can publish it after the round closes.');
    const res = await browser.post(`/admin/rounds/${round.id}`, `/admin/rounds/${round.id}/results-page/publish`);
    expect(res.status).toBe(303);
    const after = await browser.agent.get(`/admin/rounds/${round.id}`).expect(200);
    expect(after.text).toContain('Close the round before publishing its results');
    expect(ctx.services.resultsPage.publishedAt(round)).toBeNull();
    await request(ctx.app).get(`/r/${round.linkToken}/results`).expect(404);
  });

  it('hides a published page while a round is reopened, and shows it again when it closes', async () => {
    const { ctx, rounds } = await setup();
    const round = rounds[2];
    ctx.services.resultsPage.publish(round);
    const reopened = ctx.services.rounds.open(round.id);
    await request(ctx.app).get(`/r/${reopened.linkToken}/results`).expect(404);
    ctx.services.rounds.close(round.id);
    await request(ctx.app).get(`/r/${reopened.linkToken}/results`).expect(200);
  });

  it('refuses publishing without a CSRF token (403), and for an admin of another organisation (404)', async () => {
    const { ctx, owner, browser, rounds } = await setup();
    const round = rounds[2];
    const token = await browser.token(`/admin/rounds/${round.id}`);
    const noCsrf = await browser.agent.post(`/admin/rounds/${round.id}/results-page/publish`).type('form').send({});
    expect(noCsrf.status).toBe(403);
    const wrongCsrf = await browser.agent.post(`/admin/rounds/${round.id}/results-page/publish`).type('form').send({ _csrf: `${token}x` });
    expect(wrongCsrf.status).toBe(403);
    expect(ctx.services.resultsPage.publishedAt(round)).toBeNull();

    const other = ctx.services.organisations.create('Another Trust');
    await createMember(ctx, owner, [other.id]);
    const member = await signIn(ctx, 'member@example.org');
    const res = await member.post('/admin', `/admin/rounds/${round.id}/results-page/publish`);
    expect(res.status).toBe(404);
    ctx.services.resultsPage.publish(round);
    const un = await member.post('/admin', `/admin/rounds/${round.id}/results-page/unpublish`);
    expect(un.status).toBe(404);
    expect(ctx.services.resultsPage.publishedAt(round)).not.toBeNull();
  });

  it('can be published once a round’s closing time has passed, even if nobody closed it by hand', async () => {
    const clock = fakeClock(Date.UTC(2026, 10, 22, 9));
    const ctx = makeTestApp({ clock });
    const { browser } = await ownerSession(ctx);
    const round = openRound(ctx, { closesAt: Date.UTC(2026, 10, 22, 9, 5) });
    for (let i = 0; i < 5; i++) respond(ctx, round, 'staff', { 'ld-shared': '3' });
    expect((await browser.agent.get(`/admin/rounds/${round.id}`)).text).not.toContain('Publish the results page');
    clock.advance(10 * 60_000);
    expect((await browser.agent.get(`/admin/rounds/${round.id}`)).text).toContain('Publish the results page');
    await browser.post(`/admin/rounds/${round.id}`, `/admin/rounds/${round.id}/results-page/publish`);
    await request(ctx.app).get(`/r/${round.linkToken}/results`).expect(200);
  });

  it('publishing twice keeps the first date; deleting the round deletes the published state', async () => {
    const { ctx, rounds } = await setup();
    const round = rounds[2];
    ctx.services.resultsPage.publish(round);
    const first = ctx.services.resultsPage.publishedAt(round);
    ctx.services.resultsPage.publish(round);
    expect(ctx.services.resultsPage.publishedAt(round)).toBe(first);
    ctx.db.prepare('DELETE FROM rounds WHERE id = ?').run(round.id);
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM published_results').get()).toEqual({ n: 0 });
  });

  it('shows only the count, no scores, when fewer than the minimum answered', async () => {
    const { ctx, organisationId } = await setup();
    const round = openRound(ctx, { name: 'Small round' }, 'open', organisationId);
    for (const v of ['1', '4', '2']) respond(ctx, round, 'staff', { 'ld-shared': v });
    const closed = ctx.services.rounds.close(round.id);
    ctx.services.resultsPage.publish(closed);
    const pub = await request(ctx.app).get(`/r/${closed.linkToken}/results`).expect(200);
    expect(pub.text).toContain('Fewer than 5 people answered, so no scores are shown');
    expect(pub.text).not.toContain('Scores for each theme');
    expect(pub.text).not.toContain('data-chart');
    expect(pub.text).toContain('What we are doing about it');
  });

  it('is 404 for an unknown round link', async () => {
    const { ctx } = await setup();
    await request(ctx.app).get('/r/not-a-real-token/results').expect(404);
  });

  it('tells people on the thank-you page where the results will appear', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const b = browserLike(ctx.app);
    await b.submit(`/r/${round.linkToken}`, {}, `/r/${round.linkToken}/start`);
    await b.submit(`/r/${round.linkToken}/role`, { role: 'staff' });
    const page1 = ctx.services.responding.pages(round)[0];
    await b.submit(`/r/${round.linkToken}/themes/1`, { [page1.items[0].id]: '3' });
    const sent = await b.submit(`/r/${round.linkToken}/check`, {}, `/r/${round.linkToken}/submit`);
    expect(sent.headers.location).toBe(`/r/${round.linkToken}/thanks`);
    const thanks = await b.agent.get(`/r/${round.linkToken}/thanks`).expect(200);
    expect(thanks.text).toContain(`/r/${round.linkToken}/results`);
    expect(thanks.text).toContain('will appear at');
  });
});
