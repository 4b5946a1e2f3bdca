import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createRepositories } from '../../src/db';
import { isScored } from '../../src/domain/questionnaire';
import { browserLike, csrfFrom, makeTestApp } from '../helpers/app';
import { createMember, ownerSession } from '../helpers/admin';
import { openRound } from '../helpers/rounds';
import { fillRound } from '../helpers/synthetic';

/**
 * Markup built as a string inside `<%= %>` is escaped by EJS, so `class="x"` arrives as
 * `class=&#34;x&#34;` and the style never applies (issue 19.2, 18.7). Attributes are written in the
 * template and only their values come from data; these tests hold that line in the templates and
 * in every page the app renders.
 */
const ESCAPED_ATTRIBUTE = /=&#34;|=&quot;|=&#39;/;
const VIEWS = path.join(__dirname, '..', '..', 'views');

function templates(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? templates(path.join(dir, e.name)) : e.name.endsWith('.ejs') ? [path.join(dir, e.name)] : []));
}

describe('attributes are never built as escaped strings', () => {
  it('no template outputs markup with an attribute through <%= %>', () => {
    const offenders: string[] = [];
    for (const file of templates(VIEWS)) {
      const source = fs.readFileSync(file, 'utf8');
      for (const m of source.matchAll(/<%=([\s\S]*?)%>/g)) {
        // A quoted string holding `name="` or `name='` inside an escaped output tag.
        if (/['"`][^'"`]*\b[\w-]+=\\?["'][^'"`]*['"`]/.test(m[1])) offenders.push(`${path.relative(VIEWS, file)}: ${m[0].trim()}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('no page of the respondent journey, the admin area or the report contains an escaped attribute', async () => {
    const ctx = makeTestApp();
    const { owner, browser } = await ownerSession(ctx);
    const round = openRound(ctx);
    const q = ctx.services.rounds.questionnaireFor(round);
    // Enough people in distinct groups that gaps are highlighted and comments are shown.
    fillRound(createRepositories(ctx.db), q, round, 150, 7, { lived: 40, staff: 40, leader: 20, board: 10, carer: 10 });
    openRound(ctx, { name: 'Draft round' }, 'draft');
    openRound(ctx, { name: 'Closed round' }, 'closed');
    await createMember(ctx, owner, [round.organisationId]);
    const shareRes = await browser.post(`/admin/rounds/${round.id}/report`, `/admin/rounds/${round.id}/share-links`, { label: 'Board' });
    expect(shareRes.status).toBe(303);

    const pages = new Map<string, string>();
    const check = (where: string, html: string) => {
      pages.set(where, html);
      const m = ESCAPED_ATTRIBUTE.exec(html);
      if (m) throw new Error(`${where} contains an escaped attribute: …${html.slice(Math.max(0, m.index - 80), m.index + 40)}…`);
    };

    // Admin: crawl every same-site link from the dashboard (GET only, as a person clicking).
    const queue = ['/admin'];
    const seen = new Set(queue);
    while (queue.length && seen.size < 300) {
      const url = queue.shift()!;
      const res = await browser.agent.get(url);
      if (!/text\/html/.test(String(res.headers['content-type']))) continue;
      check(url, res.text);
      for (const [, href] of res.text.matchAll(/href="(\/[^"#]*)"/g)) {
        const link = href.replace(/&amp;/g, '&');
        if (/^\/(css|js|vendor|favicon)|\.(csv|svg|json)$|\/export$|^\/api\//.test(link) || seen.has(link)) continue;
        seen.add(link);
        queue.push(link);
      }
    }
    const report = pages.get(`/admin/rounds/${round.id}/report`);
    expect(report).toBeDefined();
    expect(report).toContain('<tr class="gap-row">');
    expect(pages.size).toBeGreaterThan(10);

    // The report through its share link, without signing in.
    const shareUrl = /<code>[^<]*(\/share\/[^<]+)<\/code>/.exec(report!)?.[1];
    expect(shareUrl).toBeDefined();
    const shared = await request(ctx.app).get(shareUrl!).expect(200);
    check('shared report', shared.text);
    expect(shared.text).toContain('<tr class="gap-row">');

    // Forms with errors: set-up, login, a new round, a new account.
    const anon = browserLike(ctx.app);
    check('login with error', (await anon.submit('/admin/login', { email: 'nobody@example.org', password: 'wrong' })).text);
    check('new round with errors', (await browser.post(`/admin/organisations/${round.organisationId}/rounds/new`, `/admin/organisations/${round.organisationId}/rounds`, { name: '' })).text);
    check('new account with errors', (await browser.post('/admin/accounts/new', '/admin/accounts', { email: 'not-an-email' })).text);

    // The respondent journey, including a comment that is too long.
    const b = browserLike(ctx.app);
    const base = `/r/${round.linkToken}`;
    for (const url of ['/join', '/resume', base]) check(url, (await b.agent.get(url)).text);
    check('join with error', (await b.submit('/join', { code: 'ZZZZZZ' })).text);
    await b.submit(base, {}, `${base}/start`);
    check('role', (await b.agent.get(`${base}/role`)).text);
    check('role with error', (await b.submit(`${base}/role`, {})).text);
    await b.submit(`${base}/role`, { role: 'lived' });
    const pagesOfRound = ctx.services.responding.pages(round);
    const withComment = pagesOfRound.findIndex((p) => p.items.some((i) => i.kind === 'comment')) + 1;
    const fields: Record<string, string> = {};
    for (const item of pagesOfRound[withComment - 1].items) fields[item.id] = isScored(item) ? '3' : 'x'.repeat(q.commentMaxLength + 1);
    const tooLong = await b.submit(`${base}/themes/${withComment}`, fields);
    expect(tooLong.status).toBe(400);
    check('theme with a too-long comment', tooLong.text);
    expect(tooLong.text).toMatch(/<textarea [^>]* class="input-error"/);
    for (let n = 1; n <= pagesOfRound.length; n++) check(`theme ${n}`, (await b.agent.get(`${base}/themes/${n}`)).text);
    const checkPage = (await b.agent.get(`${base}/check`)).text;
    check('check', checkPage);
    expect(checkPage).toContain('<dd class="muted">');
    check('saved', (await b.agent.get(`${base}/saved`)).text);
    await b.agent.post(`${base}/submit`).type('form').send({ _csrf: csrfFrom(checkPage) });
    check('thanks', (await b.agent.get(`${base}/thanks`)).text);

    // Error pages.
    check('not found', (await request(ctx.app).get('/no-such-page')).text);
  });
});
