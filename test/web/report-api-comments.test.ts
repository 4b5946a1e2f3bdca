// The JSON API writes each theme's comments as it reads them, page by page (src/web/routes/report.ts,
// issue 12): the answer must be byte for byte the JSON of the whole report with every shown comment.
import request from 'supertest';
import { createRepositories } from '../../src/db';
import { reportJson } from '../../src/web/routes/report';
import { fakeClock, makeTestApp, type TestContext } from '../helpers/app';
import { respond } from '../helpers/respond';
import { openRound } from '../helpers/rounds';

const clock = fakeClock();

function round(ctx: TestContext, people: number, commentOf: (i: number) => string | null) {
  const r = openRound(ctx, { form: 'full', minGroupSize: 5 });
  for (let i = 0; i < people; i++) {
    const comment = commentOf(i);
    respond(ctx, r, i % 2 ? 'staff' : 'lived', {
      'ld-shared': String(i % 5),
      'tk-change': String((i + 2) % 5),
      ...(comment === null ? {} : { 'coproduction-comment': comment, 'tokenism-comment': `${comment} (on tokenism)` }),
    });
  }
  return r;
}

/** What the API answered before it streamed: the JSON of the whole report with every shown comment. */
function whole(ctx: TestContext, roundId: number) {
  const report = ctx.services.results.forRound(roundId, { comments: 'visible' });
  const actions = ctx.services.actions.list(report.round).map((a) => ({ themeId: a.themeId, what: a.what, lead: a.lead, dueOn: a.dueOn, status: a.status, note: a.note, overdue: a.overdue }));
  return JSON.stringify({ ...reportJson(report), actions });
}

const tricky = (i: number) => [`Plain remark ${i}`, `"Quoted" \\ back-slashed ${i}`, `Line\nbreak ${i}`, `Welsh: Diolch ${i} – ŵ ŷ`, `comments-${'0'.repeat(32)}-0 ${i}`][i % 5];

describe('JSON API with every comment', () => {
  it('gives byte for byte the JSON of the whole report, hidden comments left out', async () => {
    const ctx = makeTestApp({ clock });
    const r = round(ctx, 24, (i) => (i % 3 === 2 ? null : tricky(i)));
    const hidden = ctx.services.results.forRound(r.id, { comments: 'all' }).themes.flatMap((t) => t.comments).slice(0, 3);
    for (const c of hidden) ctx.services.results.setCommentHidden(r.id, c.id, true);
    const token = ctx.services.shareLinks.createForRound(r.id, { label: 'Board', showComments: true }).token;
    const res = await request(ctx.app).get(`/api/rounds/${r.id}/results`).set('Authorization', `Bearer ${token}`).buffer(true).parse((response, cb) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => cb(null, text));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const expected = whole(ctx, r.id);
    expect(res.body).toBe(expected);
    const themes = (JSON.parse(res.body as string) as { themes: { comments: string[] }[] }).themes;
    expect(themes.reduce((n, t) => n + t.comments.length, 0)).toBe(2 * 16 - 3);
    for (const c of hidden) expect(res.body).not.toContain(JSON.stringify(c.body));
  });

  it('gives the same bytes when a theme has more comments than one page (500)', async () => {
    const ctx = makeTestApp({ clock });
    const r = round(ctx, 10, (i) => (i < 3 ? tricky(i) : null));
    // 1,200 more comments on one theme, 40 on another, written straight into the results.
    createRepositories(ctx.db).responses.insertResponses(
      Array.from({ length: 1200 }, (_, i) => ({
        roundId: r.id,
        role: 'staff',
        questionnaireVersion: 1,
        submittedOn: '2026-11-01',
        answers: [],
        themeScores: [],
        comments: [
          { themeId: 'coproduction', itemId: 'coproduction-comment', body: tricky(i) },
          ...(i % 30 === 0 ? [{ themeId: 'tokenism', itemId: 'tokenism-comment', body: `Tokenism ${i}` }] : []),
        ],
      })),
    );
    const token = ctx.services.shareLinks.createForRound(r.id, { label: 'Board', showComments: true }).token;
    const res = await request(ctx.app).get(`/api/rounds/${r.id}/results`).set('Authorization', `Bearer ${token}`).expect(200);
    const expected = whole(ctx, r.id);
    expect(JSON.stringify(res.body)).toBe(expected);
    expect(res.text).toBe(expected);
    expect((res.body as { themes: { themeId: string; comments: string[] }[] }).themes.find((t) => t.themeId === 'coproduction')!.comments).toHaveLength(1203);
  });

  it('answers as before without comments: none shown (share link without them) or too few people', async () => {
    const ctx = makeTestApp({ clock });
    const r = round(ctx, 12, tricky);
    const token = ctx.services.shareLinks.createForRound(r.id, { label: 'Board', showComments: false }).token;
    const res = await request(ctx.app).get(`/api/rounds/${r.id}/results`).set('Authorization', `Bearer ${token}`).expect(200);
    expect((res.body as { themes: { comments: string[] }[] }).themes.every((t) => t.comments.length === 0)).toBe(true);
    const few = round(ctx, 6, tricky);
    const fewToken = ctx.services.shareLinks.createForRound(few.id, { label: 'Board', showComments: true }).token;
    const small = await request(ctx.app).get(`/api/rounds/${few.id}/results`).set('Authorization', `Bearer ${fewToken}`).expect(200);
    expect(JSON.stringify(small.body)).toBe(whole(ctx, few.id));
  });

  it('reads a theme’s comments in pages, in the report’s order, however small the pages', () => {
    const ctx = makeTestApp({ clock });
    const r = round(ctx, 30, tricky);
    ctx.services.results.setCommentHidden(r.id, ctx.services.results.forRound(r.id, { comments: 'all' }).themes[0].comments[4].id, true);
    const report = ctx.services.results.forRound(r.id, { comments: 'visible' });
    for (const perPage of [1, 2, 7, 500]) {
      for (const theme of report.themes) {
        const pages = [...ctx.services.results.shownCommentTexts(report, theme.themeId, perPage)];
        expect(pages.every((p) => p.length >= 1 && p.length <= perPage)).toBe(true);
        expect(pages.flat()).toEqual(theme.comments.map((c) => c.body));
      }
    }
    const none = ctx.services.results.forRound(r.id, { comments: 'none' });
    expect([...ctx.services.results.shownCommentTexts(none, report.themes[0].themeId, 5)]).toEqual([]);
  });
});
