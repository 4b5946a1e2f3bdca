import request from 'supertest';
import { createRepositories } from '../../src/db';
import { csvChunks, PAUSE } from '../../src/services/csv';
import { COMMENTS_PER_PAGE, COMMENTS_PER_THEME } from '../../src/web/routes/report';
import { makeTestApp, type TestContext } from '../helpers/app';
import { ownerSession } from '../helpers/admin';
import { respond } from '../helpers/respond';
import { openRound } from '../helpers/rounds';
import { fillRound } from '../helpers/synthetic';

/** A round of `n` synthetic full-form responses. */
function bigRound(ctx: TestContext, n: number) {
  const round = openRound(ctx);
  fillRound(createRepositories(ctx.db), ctx.services.questionnaires.get(round.questionnaireId, round.questionnaireVersion), round, n, 7);
  return round;
}

/** The body of a binary response, as text. */
const asText = (res: request.Response) => (Buffer.isBuffer(res.body) ? res.body.toString('utf8') : res.text);

describe('the answers CSV is streamed in chunks (issue 17.3)', () => {
  it('sends the same file as the one built whole, through the real route', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = bigRound(ctx, 1200);
    const res = await browser.agent.get(`/admin/rounds/${round.id}/answers.csv`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="powershare-.*-answers\.csv"$/);
    const text = asText(res);
    expect(text).toBe(ctx.services.exports.answersCsv(round.id).body);
    expect(text.split('\r\n')).toHaveLength(1 + 1200 + 1);
  });

  it('gives other work a turn between chunks, and lets writes happen while it runs', async () => {
    const ctx = makeTestApp();
    const round = bigRound(ctx, 1200);
    const whole = ctx.services.exports.answersCsv(round.id).body;
    const { chunks } = ctx.services.exports.answersCsvStream(round.id);
    let text = '';
    let turns = 0;
    let chunkCount = 0;
    for (;;) {
      let ran = false;
      setImmediate(() => (ran = true));
      const next = await chunks.next();
      if (next.done) break;
      if (ran) turns++;
      text += next.value;
      chunkCount++;
      // A respondent sends answers mid-export: the export holds no statement open, so this works.
      if (chunkCount === 2) respond(ctx, round, 'staff', { 'cp-early': '3' });
    }
    // 1,200 responses: 5 pages read, a sort, 3 chunks sent, each followed by a turn for others.
    expect(chunkCount).toBeGreaterThanOrEqual(3);
    expect(turns).toBeGreaterThanOrEqual(chunkCount - 1);
    // The response sent mid-export may or may not be in it (it came after the pages read); the rest is identical.
    const rows = (csv: string) => csv.split('\r\n').filter(Boolean);
    const expected = rows(whole);
    const got = rows(text);
    expect(got[0]).toBe(expected[0]);
    expect(got.length - expected.length).toBeLessThanOrEqual(1);
    for (const row of expected) expect(got).toContain(row);
  });

  it('csvChunks: same text as toCsv, a turn at every PAUSE and every rowsPerChunk rows', async () => {
    function* rows() {
      yield ['a', 1];
      yield PAUSE;
      yield ['=b', null];
      yield ['c', 3];
      yield ['d', 4];
    }
    const out: string[] = [];
    for await (const chunk of csvChunks(['x', 'y'], rows(), 2)) out.push(chunk);
    expect(out).toEqual(['\uFEFF"x","y"\r\n"a","1"\r\n', `"'=b",""\r\n"c","3"\r\n`, '"d","4"\r\n']);
  });

  it('still refuses before sending anything when too few people answered', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = openRound(ctx);
    const res = await browser.agent.get(`/admin/rounds/${round.id}/answers.csv`);
    expect(res.status).toBe(409);
    expect(res.text).toContain('at least 5 people have answered');
  });
});

describe('the report shows the first comments of each theme, the rest on pages (issue 17.3)', () => {
  /** 10 respondents (comments need twice the minimum group size), then `n` coproduction comments. */
  function roundWithComments(ctx: TestContext, n: number) {
    const round = openRound(ctx);
    for (let i = 0; i < 10; i++) respond(ctx, round, 'staff', { 'cp-early': '2' });
    const insert = ctx.db.prepare("INSERT INTO comments (id, round_id, theme_id, item_id, body) VALUES (lower(hex(randomblob(12))), ?, 'coproduction', 'coproduction-comment', ?)");
    for (let i = 0; i < n; i++) insert.run(round.id, `Remark ${String(i).padStart(4, '0')}`);
    return round;
  }

  it('admin: 20 on the report with a link, then pages of 100 in order, with hide and show coming back to the page', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = roundWithComments(ctx, 250);
    const report = await browser.agent.get(`/admin/rounds/${round.id}/report`).expect(200);
    expect(COMMENTS_PER_THEME).toBe(20);
    expect(COMMENTS_PER_PAGE).toBe(100);
    expect(report.text).toContain('Remark 0019');
    expect(report.text).not.toContain('Remark 0020');
    expect(report.text).toContain('Showing 20 of 250 comments.');
    const listUrl = `/admin/rounds/${round.id}/report/comments/coproduction`;
    expect(report.text).toContain(`href="${listUrl}"`);

    const page2 = await browser.agent.get(`${listUrl}?page=2`).expect(200);
    expect(page2.text).toContain('page 2 of 3');
    expect(page2.text).toContain('Remark 0100');
    expect(page2.text).toContain('Remark 0199');
    expect(page2.text).not.toContain('Remark 0099');
    expect(page2.text).not.toContain('Remark 0200');
    expect(page2.text).toContain('href="?page=1"');
    expect(page2.text).toContain('href="?page=3"');

    const id = (ctx.db.prepare("SELECT id FROM comments WHERE body = 'Remark 0150'").get() as { id: string }).id;
    const hide = await browser.post(`${listUrl}?page=2`, `/admin/rounds/${round.id}/comments/${id}`, { hidden: 'true', theme: 'coproduction', page: '2' });
    expect(hide.status).toBe(303);
    expect(hide.headers.location).toBe(`${listUrl}?page=2#comment-${id}`);
    expect((await browser.agent.get(`${listUrl}?page=2`)).text).toContain('Show this comment again');

    for (const bad of ['?page=4', '?page=0', '?page=abc']) await browser.agent.get(`${listUrl}${bad}`).expect(404);
    await browser.agent.get(`/admin/rounds/${round.id}/report/comments/no-such-theme`).expect(404);
  });

  it('share links: pages only when the link includes comments, hidden comments left out', async () => {
    const ctx = makeTestApp();
    const round = roundWithComments(ctx, 30);
    const hiddenId = (ctx.db.prepare("SELECT id FROM comments WHERE body = 'Remark 0025'").get() as { id: string }).id;
    ctx.services.results.setCommentHidden(round.id, hiddenId, true);
    const withComments = ctx.services.shareLinks.createForRound(round.id, { label: 'Board', showComments: true }).token;
    const page = await request(ctx.app).get(`/share/${withComments}`).expect(200);
    expect(page.text).toContain('Showing 20 of 29 comments.');
    const list = await request(ctx.app).get(`/share/${withComments}/comments/coproduction`).expect(200);
    expect(list.text).toContain('Remark 0029');
    expect(list.text).not.toContain('Remark 0025');
    expect(list.text).not.toContain('Hide this comment');
    const without = ctx.services.shareLinks.createForRound(round.id, { label: 'Board', showComments: false }).token;
    await request(ctx.app).get(`/share/${without}/comments/coproduction`).expect(404);
  });

  it('no comment pages below twice the minimum group size', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = openRound(ctx);
    for (let i = 0; i < 9; i++) respond(ctx, round, 'staff', { 'coproduction-comment': `Said ${i}` });
    await browser.agent.get(`/admin/rounds/${round.id}/report/comments/coproduction`).expect(404);
  });
});
