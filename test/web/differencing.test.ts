// Differencing attacks: read every output before and after one person answers an open round, and
// compare. Results of an open round must change only in batches (or only once it closes).
import request from 'supertest';
import { ownerSession } from '../helpers/admin';
import { makeTestApp, type TestContext } from '../helpers/app';
import { respond } from '../helpers/respond';
import { openRound } from '../helpers/rounds';
import type { RoundRecord } from '../../src/db';

type Outputs = { json: unknown; share: string; csv: string; report: string; answers: string; roundPage: string };

/** Everything an admin or a board member can read, with the parts that may change (date, waiting count) taken out. */
async function readAll(ctx: TestContext, agent: request.Agent, round: RoundRecord, token: string, countsMayChange = false): Promise<Outputs> {
  const strip = (html: string) =>
    (countsMayChange ? html.replace(/<tr><th scope="row">Everyone<\/th><td class="num">\d+<\/td><\/tr>/g, '') : html)
      .replace(/name="_csrf" value="[^"]+"/g, '')
      .replace(/127\.0\.0\.1:\d+/g, 'host')
      .replace(/<dt>People who answered<\/dt><dd>[^<]*<\/dd>/, '')
      .replace(/\d+ (people have|person has) answered so far/, '')
      .replace(/<tfoot>.*?<\/tfoot>/s, '')
      .replace(/<div class="notice" id="waiting">.*?<\/div>/s, '')
      .replace(/\n\s*\n/g, '\n');
  const json = (await request(ctx.app).get(`/api/rounds/${round.id}/results`).set('Authorization', `Bearer ${token}`).expect(200)).body as Record<string, unknown>;
  delete json.generatedAt;
  delete json.release;
  const answers = await agent.get(`/admin/rounds/${round.id}/answers.csv`);
  return {
    json,
    share: strip((await request(ctx.app).get(`/share/${token}`).expect(200)).text),
    csv: (await request(ctx.app).get(`/share/${token}/results.csv`).expect(200)).text,
    report: strip((await agent.get(`/admin/rounds/${round.id}/report`).expect(200)).text),
    answers: answers.status === 200 ? answers.text : String(answers.status),
    roundPage: strip((await agent.get(`/admin/rounds/${round.id}`).expect(200)).text),
  };
}

const answersOf = (i: number) => ({ 'cp-early': String(i % 5), 'tk-change': String((i + 1) % 5), 'coproduction-comment': `A view from person ${i}` });

async function setUp(resultsRelease: 'after-close' | 'batches') {
  const ctx = makeTestApp();
  const { browser } = await ownerSession(ctx);
  const round = openRound(ctx, { resultsRelease });
  const token = ctx.services.shareLinks.createForRound(round.id, { label: 'Board', showComments: true }).token;
  // A published starting point: 12 people added in one go (as a first publication is).
  for (let i = 0; i < 6; i++) respond(ctx, round, 'staff', answersOf(i));
  for (let i = 6; i < 12; i++) respond(ctx, round, 'lived', answersOf(i));
  return { ctx, agent: browser.agent, round, token, send: (role: string, i: number) => respond(ctx, round, role, answersOf(i), { addNow: false }) };
}

describe('no differencing while a round is open', () => {
  it('"when the round closes" (the default): nothing but the count changes while it is open', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = openRound(ctx, { resultsRelease: 'after-close' });
    const token = ctx.services.shareLinks.createForRound(round.id, { label: 'Board', showComments: true }).token;
    const send = (role: string, i: number) => respond(ctx, round, role, answersOf(i), { addNow: false });
    for (let i = 0; i < 11; i++) send(i % 2 ? 'staff' : 'lived', i);
    const before = await readAll(ctx, browser.agent, round, token, true);
    send('carer', 99);
    const after = await readAll(ctx, browser.agent, round, token, true);
    // Only the number of people who answered moves (11 to 12); no figure, group or comment.
    expect(after).toEqual(before);
    expect((await browser.agent.get(`/admin/rounds/${round.id}/report`)).text).toContain('12 people have answered so far');
    expect(before.report).toContain('Results appear when the round closes');
    expect(JSON.stringify(before.json)).not.toContain('A view from person');
    // Closing publishes everything at once.
    ctx.services.rounds.close(round.id);
    const closed = await readAll(ctx, browser.agent, round, token);
    expect(closed.report).toContain('A view from person 99');
    expect((closed.json as { respondents: { total: number } }).respondents.total).toBe(12);
  });

  it('"in batches": one answer changes nothing; a batch of k from one group does', async () => {
    const { ctx, agent, round, token, send } = await setUp('batches');
    const start = await readAll(ctx, agent, round, token);
    for (let i = 20; i < 24; i++) {
      send('staff', i);
      expect(await readAll(ctx, agent, round, token)).toEqual(start);
    }
    // A carer and a leader arrive: still nothing, their groups have one person each waiting.
    send('carer', 30);
    send('leader', 31);
    expect(await readAll(ctx, agent, round, token)).toEqual(start);
    // The fifth staff member completes a batch: exactly the 5 staff join; the carer and leader still wait.
    send('staff', 24);
    const after = await readAll(ctx, agent, round, token);
    expect(after).not.toEqual(start);
    const json = after.json as { respondents: { total: number; byRole: { role: string; n: number | null }[] } };
    expect(json.respondents.total).toBe(17);
    expect(json.respondents.byRole.find((r) => r.role === 'staff')!.n).toBe(11);
    expect(ctx.services.release.status(ctx.services.rounds.get(round.id)).waiting).toBe(2);
    expect(after.roundPage).not.toContain('A view from person 30');
  });

  it('holds back, at closing, a remainder that would single people out, until the admin chooses to add it', async () => {
    const { ctx, agent, round, token, send } = await setUp('batches');
    send('carer', 40);
    const before = await readAll(ctx, agent, round, token);
    ctx.services.rounds.close(round.id);
    const closed = await readAll(ctx, agent, round, token);
    const figures = (o: Outputs) => ({ ...(o.json as object), round: undefined });
    expect(figures(closed)).toEqual(figures(before));
    expect(closed.csv).toEqual(before.csv);
    const page = await agent.get(`/admin/rounds/${round.id}`);
    expect(page.text).toContain('1 answer is not in the results yet');
    const res = await agent.post(`/admin/rounds/${round.id}/release`).type('form').send({ _csrf: /name="_csrf" value="([^"]+)"/.exec(page.text)![1] });
    expect(res.status).toBe(303);
    expect(ctx.services.release.status(ctx.services.rounds.get(round.id)).waiting).toBe(0);
    const added = await readAll(ctx, agent, round, token);
    expect((added.json as { respondents: { total: number } }).respondents.total).toBe(13);
  });

  it('releases a round whose closing time passed on the next read', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx, { resultsRelease: 'after-close', closesAt: Date.now() + 60_000 });
    for (let i = 0; i < 6; i++) respond(ctx, round, 'staff', answersOf(i), { addNow: false });
    expect(ctx.services.results.forRound(round.id).release.hiddenUntilClose).toBe(true);
    ctx.db.prepare('UPDATE rounds SET closes_at = ? WHERE id = ?').run(Date.now() - 1, round.id);
    const report = ctx.services.results.forRound(round.id);
    expect(report.release).toMatchObject({ hiddenUntilClose: false, waiting: 0 });
    expect(report.total).toBe(6);
  });

  it('stores a released batch in a shuffled order with random comment ids', () => {
    const ctx = makeTestApp();
    const round = openRound(ctx, { resultsRelease: 'after-close' });
    const roles = ['staff', 'lived', 'staff', 'lived', 'staff', 'lived', 'staff', 'lived', 'staff', 'lived', 'staff', 'lived'];
    roles.forEach((role, i) => respond(ctx, round, role, { 'cp-early': '2', 'coproduction-comment': `Comment ${String(i).padStart(2, '0')}` }, { addNow: false }));
    ctx.services.rounds.close(round.id);
    // In the table's own order (it is keyed by the random id): without ORDER BY, SQLite may read
    // an index instead, and one (for reports) is sorted by the text.
    const stored = ctx.db.prepare('SELECT id, body FROM comments ORDER BY id').all() as { id: string; body: string }[];
    expect(stored).toHaveLength(12);
    for (const c of stored) expect(c.id).toMatch(/^[0-9a-f]{24}$/);
    // Neither the responses' ids nor the comments' physical order follow the order of sending
    // (12! orders: the chance that a fair shuffle keeps both is negligible).
    const byResponse = (ctx.db.prepare('SELECT role FROM responses ORDER BY id').all() as { role: string }[]).map((r) => r.role);
    const byStorage = stored.map((c) => c.body);
    expect(byStorage).not.toEqual([...byStorage].sort());
    expect(byResponse.join() === roles.join() && byStorage.join() === [...byStorage].sort().join()).toBe(false);
  });
});
