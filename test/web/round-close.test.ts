import { browserLike, fakeClock, makeTestApp, type TestContext } from '../helpers/app';
import { ownerSession } from '../helpers/admin';
import { openRound } from '../helpers/rounds';

/** A respondent who chose a role and answered theme 1, in their own cookie jar. */
async function partWay(ctx: TestContext, round: ReturnType<typeof openRound>) {
  const b = browserLike(ctx.app);
  const base = `/r/${round.linkToken}`;
  await b.submit(base, {}, `${base}/start`);
  await b.submit(`${base}/role`, { role: 'staff' });
  const first = ctx.services.responding.pages(round)[0].items[0];
  await b.submit(`${base}/themes/1`, { [first.id]: '2' });
  return { b, base, first };
}

describe('closing a round (issue 19.6)', () => {
  it('asks for confirmation, saying how many people are part-way; an unconfirmed POST changes nothing', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = openRound(ctx);
    await partWay(ctx, round);
    await partWay(ctx, round);
    // Only pressed Start: not part-way yet.
    const idle = browserLike(ctx.app);
    await idle.submit(`/r/${round.linkToken}`, {}, `/r/${round.linkToken}/start`);
    const page = await browser.agent.get(`/admin/rounds/${round.id}`);
    expect(page.text).toContain(`<a class="button button-secondary" href="/admin/rounds/${round.id}/close">Close the round</a>`);
    const confirm = await browser.agent.get(`/admin/rounds/${round.id}/close`).expect(200);
    expect(confirm.text).toContain('Close “<bdi>Annual check 2026</bdi>”?');
    expect(confirm.text).toContain('2 people have started answering but not sent them yet.');
    expect(confirm.text).toContain('Give them 1 hour');
    const unconfirmed = await browser.post(`/admin/rounds/${round.id}`, `/admin/rounds/${round.id}/close`, {});
    expect(unconfirmed.status).toBe(303);
    expect(unconfirmed.headers.location).toBe(`/admin/rounds/${round.id}/close`);
    expect(ctx.services.rounds.get(round.id).status).toBe('open');
    const bad = await browser.post(`/admin/rounds/${round.id}/close`, `/admin/rounds/${round.id}/close`, { confirm: 'yes', grace: '999' });
    expect(bad.status).toBe(400);
    expect(ctx.services.rounds.get(round.id).status).toBe('open');
  });

  it('without a grace period, people part-way are told clearly that their answers were not sent', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = openRound(ctx);
    const { b, base } = await partWay(ctx, round);
    const res = await browser.post(`/admin/rounds/${round.id}/close`, `/admin/rounds/${round.id}/close`, { confirm: 'yes', grace: '0' });
    expect(res.status).toBe(303);
    expect((await browser.agent.get(`/admin/rounds/${round.id}`)).text).toContain('1 person who had started will be told their answers were not sent.');
    for (const path of [`${base}/themes/2`, `${base}/check`, base]) {
      const gone = await b.agent.get(path);
      expect([path, gone.status]).toEqual([path, 410]);
      expect(gone.text).toContain('closed before your answers were sent, so they have not been counted');
    }
    // Someone without answers in progress gets the plain message.
    const other = await browserLike(ctx.app).agent.get(base);
    expect(other.status).toBe(410);
    expect(other.text).toContain('has closed, so it is no longer taking answers');
    expect(other.text).not.toContain('before your answers were sent');
  });

  it('with a grace period, people part-way may finish and send until it ends; nobody new may start', async () => {
    const clock = fakeClock(Date.UTC(2026, 6, 1, 9, 0));
    const ctx = makeTestApp({ clock });
    const { browser } = await ownerSession(ctx);
    const round = openRound(ctx);
    const first = await partWay(ctx, round);
    const second = await partWay(ctx, round);
    await browser.post(`/admin/rounds/${round.id}/close`, `/admin/rounds/${round.id}/close`, { confirm: 'yes', grace: '60' });
    expect(ctx.services.rounds.get(round.id).status).toBe('closed');
    const roundPage = (await browser.agent.get(`/admin/rounds/${round.id}`)).text;
    expect(roundPage).toContain('2 people who had started can still send until 1 July 2026 at 11:00 BST.');
    expect(roundPage).toContain('People who had started can send their answers until 1 July 2026 at 11:00 BST.');

    const theme2 = await first.b.agent.get(`${first.base}/themes/2`);
    expect(theme2.status).toBe(200);
    expect(theme2.text).toContain('This round has closed. Because you had already started, you can still send your answers until 1 July 2026 at 11:00 BST.');
    const check = await first.b.agent.get(`${first.base}/check`);
    expect(check.status).toBe(200);
    const sent = await first.b.submit(`${first.base}/check`, {}, `${first.base}/submit`);
    expect(sent.headers.location).toBe(`${first.base}/thanks`);
    // Counted, but it joins the results only once the grace period is over and nobody can add more.
    expect(ctx.services.results.forRound(round.id)).toMatchObject({ received: 1, total: 0 });

    // Nobody new: the welcome page and Start refuse.
    const newcomer = browserLike(ctx.app);
    expect((await newcomer.agent.get(first.base)).status).toBe(410);

    // After the grace period the second person is told their answers were not sent.
    clock.advance(60 * 60_000 + 1);
    const late = await second.b.agent.get(`${second.base}/check`);
    expect(late.status).toBe(410);
    expect(late.text).toContain('closed before your answers were sent');
    expect(ctx.services.results.forRound(round.id)).toMatchObject({ received: 1, total: 1 });

    // Reopening ends any grace period.
    // (The admin's session has timed out by now; the service is what the Reopen button calls.)
    expect(ctx.services.rounds.open(round.id).graceUntil).toBeNull();
  });

  it('a grace period is not offered, nor set, when nobody is part-way', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = openRound(ctx);
    const confirm = await browser.agent.get(`/admin/rounds/${round.id}/close`);
    expect(confirm.text).toContain('Nobody is part-way through answering.');
    expect(confirm.text).not.toContain('name="grace"');
    await browser.post(`/admin/rounds/${round.id}/close`, `/admin/rounds/${round.id}/close`, { confirm: 'yes', grace: '60' });
    expect(ctx.services.rounds.get(round.id)).toMatchObject({ status: 'closed', graceUntil: null });
  });
});
