import { browserLike, makeTestApp, type TestContext } from '../helpers/app';
import { ownerSession } from '../helpers/admin';
import { openRound } from '../helpers/rounds';
import { respond } from '../helpers/respond';
import type { RoundRecord } from '../../src/db';

const channels = (ctx: TestContext, round: RoundRecord) => ctx.db.prepare('SELECT channel, COUNT(*) AS n FROM responses WHERE round_id = ? GROUP BY channel ORDER BY channel').all(round.id);

/** Starts an answer, choosing a role and (optionally) the assisted question, on the role page. */
async function start(ctx: TestContext, round: RoundRecord, fields: Record<string, string>) {
  const b = browserLike(ctx.app);
  const base = `/r/${round.linkToken}`;
  await b.submit(base, {}, `${base}/start`);
  const role = await b.submit(`${base}/role`, fields);
  return { b, base, role };
}

describe('answering with a peer supporter’s help (assisted)', () => {
  it('asks on the role page, optionally; the mark is kept in the draft across stop and come back, shown on the check page, and stored only as the channel', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx, { resultsRelease: 'after-close' });
    const { b, base, role } = await start(ctx, round, { role: 'lived', assisted: 'yes' });
    expect([role.status, role.headers.location]).toEqual([303, `${base}/themes/1`]);
    const rolePage = await b.agent.get(`${base}/role`).expect(200);
    expect(rolePage.text).toContain('Are you filling this in for someone else, or helping them?');
    expect(rolePage.text).toContain('id="assisted-yes" name="assisted" value="yes" checked');
    const resumeCode = /Your resume code is <strong class="mono">([A-Z0-9-]+)<\/strong>/.exec(rolePage.text)![1];
    await b.submit(`${base}/themes/1`, { 'cp-topics': '3', _action: 'later' });

    // Another device comes back with the resume code (no JavaScript anywhere): still marked.
    const other = browserLike(ctx.app);
    const resumed = await other.submit('/resume', { code: resumeCode });
    expect(resumed.status).toBe(303);
    const check = await other.agent.get(`${base}/check`).expect(200);
    expect(check.text).toContain('Filled in with help');
    // Saving the role again without the question (an older form) leaves the mark as it was.
    await other.submit(`${base}/role`, { role: 'lived' });
    expect((await other.agent.get(`${base}/check`)).text).toContain('Filled in with help');
    const sent = await other.submit(`${base}/check`, {}, `${base}/submit`);
    expect(sent.status).toBe(303);
    ctx.services.rounds.close(round.id);
    expect(channels(ctx, round)).toEqual([{ channel: 'assisted', n: 1 }]);
    // The sent draft keeps nothing of it.
    expect(ctx.db.prepare("SELECT COUNT(*) AS n FROM drafts WHERE channel <> 'online'").get()).toEqual({ n: 0 });
  });

  it('unanswered or "no" is online; changing the answer to "no" takes the mark away; an unreadable value is ignored', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx, { resultsRelease: 'after-close' });
    const plain = await start(ctx, round, { role: 'staff' });
    expect((await plain.b.agent.get(`${plain.base}/role`)).text).not.toMatch(/name="assisted" value="(yes|no)" checked/);
    const changed = await start(ctx, round, { role: 'staff', assisted: 'yes' });
    await changed.b.submit(`${changed.base}/role`, { role: 'staff', assisted: 'no' });
    expect((await changed.b.agent.get(`${changed.base}/check`)).text).not.toContain('Filled in with help');
    const odd = await start(ctx, round, { role: 'staff', assisted: 'maybe' });
    expect(odd.role.status).toBe(303);
    const error = await odd.b.submit(`${odd.base}/role`, { assisted: 'yes' });
    expect(error.status).toBe(400);
    expect(error.text).toContain('id="assisted-yes" name="assisted" value="yes" checked');
    for (const s of [plain, changed, odd]) {
      await s.b.submit(`${s.base}/themes/1`, { 'cp-topics': '1' });
      expect((await s.b.submit(`${s.base}/check`, {}, `${s.base}/submit`)).status).toBe(303);
    }
    ctx.services.rounds.close(round.id);
    expect(channels(ctx, round)).toEqual([{ channel: 'online', n: 3 }]);
  });

  it('the report counts each way from released answers only, small counts as “fewer than k”, withholding those that subtraction would reveal', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = openRound(ctx, { resultsRelease: 'after-close' });
    const answers = { 'ld-shared': '2' };
    for (let i = 0; i < 7; i++) respond(ctx, round, 'staff', answers, { addNow: false });
    // Two assisted: fewer than 5, so the next smallest count is withheld too (7 online is then not shown).
    for (let i = 0; i < 2; i++) {
      const { b, base } = await start(ctx, round, { role: 'lived', assisted: 'yes' });
      await b.submit(`${base}/themes/1`, { 'cp-topics': '1' });
      await b.submit(`${base}/check`, {}, `${base}/submit`);
    }
    const open = (await browser.agent.get(`/admin/rounds/${round.id}/report`)).text;
    expect(open).not.toContain('How people took part'); // nothing released yet: no figure at all
    ctx.services.rounds.close(round.id);
    const html = (await browser.agent.get(`/admin/rounds/${round.id}/report`)).text;
    expect(html).toContain('<h3 id="answer-ways">How people took part</h3>');
    // 7 online beside 2 with help would give the 2 away by subtraction: nothing is shown.
    expect(html).toContain('<p>(not shown) online, (not shown) on paper, (not shown) with help.</p>');
    expect(html).toContain('nor the next smallest count where subtracting from the total would give a small one away');
    // A round where every non-empty count reaches 5: exact figures (nobody on paper shows as fewer than 5).
    const next = openRound(ctx, { resultsRelease: 'after-close' }, 'open', round.organisationId);
    for (let i = 0; i < 6; i++) respond(ctx, next, 'staff', answers, { addNow: false });
    for (let i = 0; i < 5; i++) {
      const { b, base } = await start(ctx, next, { role: 'lived', assisted: 'yes' });
      await b.submit(`${base}/themes/1`, { 'cp-topics': '1' });
      await b.submit(`${base}/check`, {}, `${base}/submit`);
    }
    ctx.services.rounds.close(next.id);
    expect((await browser.agent.get(`/admin/rounds/${next.id}/report`)).text).toContain('<p>6 online, fewer than 5 on paper, 5 with help.</p>');
    // The board summary says the same.
    expect((await browser.agent.get(`/admin/rounds/${next.id}/report?print=summary`)).text).toContain('<p>6 online, fewer than 5 on paper, 5 with help.</p>');
  });
});
