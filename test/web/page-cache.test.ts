// The page cache (src/web/page-cache.ts): pages rendered once per state, with holes for each
// person's values (issue 12). It must serve exactly what a fresh rendering would, keep nothing
// personal, and notice (under audit) a key that misses something.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Response } from 'express';
import request from 'supertest';
import { PageCache, PageCacheMismatchError, type PageCacheMode } from '../../src/web/page-cache';
import { ViewEngine } from '../../src/web/views';
import { browserLike, csrfFrom, makeTestApp } from '../helpers/app';
import { openRound } from '../helpers/rounds';
import { miniDefinition } from '../fixtures/mini-questionnaire';

describe('PageCache', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'powershare-page-cache-'));
  fs.writeFileSync(path.join(dir, 'page.ejs'), '<h1><%= title %></h1><input value="<%= csrfToken() %>"><p><%= name %></p><%- include("part", { x: mine }) %>');
  fs.writeFileSync(path.join(dir, 'part.ejs'), '<i><%= x %></i><b><%= lang %></b>');
  fs.writeFileSync(path.join(dir, 'sliced.ejs'), '<p><%= name.slice(2) %></p>');
  fs.writeFileSync(path.join(dir, 'unkeyed.ejs'), '<p><%= name %> <%- include("part", { x: currentUrl }) %></p>');
  fs.writeFileSync(path.join(dir, 'plain.ejs'), '<p>The same for everyone, in <%= lang %>: café</p>');
  fs.writeFileSync(path.join(dir, 'many.ejs'), '<%= a %>ŵ<%= b %><%= c %>— <%= csrfToken() %> “<%= d %>”<%= e %>');

  /** A response as the cache sees one: app.locals, res.locals (with the form token) and send. */
  const response = (locals: Record<string, unknown> = {}) => {
    const sent: string[] = [];
    const headers = new Map<string, unknown>();
    const res = {
      app: { locals: { title: 'App' } },
      req: { method: 'GET' },
      locals: { lang: 'en', currentPath: '/', flash: [], csrfToken: () => 'TOKEN', ...locals },
      getHeader: (name: string) => headers.get(name.toLowerCase()),
      setHeader: (name: string, value: unknown) => headers.set(name.toLowerCase(), value),
      end: (body: Buffer) => sent.push(body.toString()),
    };
    return { res: res as unknown as Response, sent };
  };
  const cache = (mode: PageCacheMode = 'on', max?: number) => new PageCache(new ViewEngine(), dir, mode, max);
  const page = (name: string, mine: string, key: unknown[] | null = []) => ({ key, locals: (hole: (n: string) => string) => ({ name: hole('name'), mine: hole('mine') }), values: (n: string) => (n === 'name' ? name : mine) });

  it('fills each hole with the person\'s own value, escaped as <%= %> would, and renders once per state', () => {
    const pages = cache();
    const first = response();
    pages.send(first.res, 'page', page('Ann & <Bo>', 'one'));
    expect(first.sent[0]).toBe('<h1>App</h1><input value="TOKEN"><p>Ann &amp; &lt;Bo&gt;</p><i>one</i><b>en</b>');
    const second = response({ csrfToken: () => 'OTHER' });
    pages.send(second.res, 'page', page('"Cy"', 'two'));
    expect(second.sent[0]).toBe('<h1>App</h1><input value="OTHER"><p>&#34;Cy&#34;</p><i>two</i><b>en</b>');
    expect(pages.size).toBe(1);
  });

  it('keeps nothing of the person: the kept page has only its holes', () => {
    const pages = cache();
    pages.send(response().res, 'page', page('Secret Name', 'secret-code'));
    const kept = JSON.stringify([...(pages as unknown as { pages: Map<string, { page: Buffer; holes: string[] }> }).pages].map(([key, cut]) => [key, String(cut.page), cut.holes]));
    expect(kept).not.toMatch(/Secret Name|secret-code|TOKEN/);
    expect(kept).toContain('<h1>App</h1>');
  });

  it('sends a page without holes as the bytes it keeps', () => {
    const pages = cache();
    const bodies: Buffer[] = [];
    for (let i = 0; i < 2; i++) bodies.push(pages.body(response().res, 'plain', { key: [], locals: () => ({}) }));
    expect(bodies[1]).toBe(bodies[0]);
    expect(bodies[0].toString('utf8')).toBe('<p>The same for everyone, in en: café</p>');
  });

  it('fills only the holes a person has a value for, wherever they are, around text of any width', () => {
    const pages = cache();
    const many = (values: Record<string, string>) => ({ key: [], locals: (hole: (n: string) => string) => Object.fromEntries('abcde'.split('').map((n) => [n, hole(n)])), values: (n: string) => values[n] });
    const fill = (values: Record<string, string>, token = 'T') => pages.body(response({ csrfToken: () => token }).res, 'many', many(values)).toString('utf8');
    expect(fill({ a: 'A', b: 'Bŷ', c: 'C', d: '<D>', e: 'E' })).toBe('AŵBŷC— T “&lt;D&gt;”E');
    expect(fill({ a: '', b: '', c: 'C', d: '', e: '' })).toBe('ŵC— T “”');
    expect(fill({ b: 'B', e: 'E' }, '')).toBe('ŵB—  “”E');
    expect(fill({}, '')).toBe('ŵ—  “”');
    expect(pages.size).toBe(1);
  });

  it('keeps a page per state of the shared locals and per own key', () => {
    const pages = cache();
    pages.send(response().res, 'page', page('a', 'b'));
    const welsh = response({ lang: 'cy' });
    pages.send(welsh.res, 'page', page('a', 'b'));
    expect(welsh.sent[0]).toContain('<b>cy</b>');
    pages.send(response({ round: { id: 1, name: 'Renamed' } }).res, 'page', page('a', 'b'));
    pages.send(response().res, 'page', page('a', 'b', [2]));
    expect(pages.size).toBe(4);
  });

  it('renders afresh, keeping nothing, without a key, with a flash message or when off', () => {
    const pages = cache();
    pages.send(response().res, 'page', page('a', 'b', null));
    pages.send(response({ flash: [{ kind: 'success', text: 'Saved' }] }).res, 'page', page('a', 'b'));
    expect(pages.size).toBe(0);
    const off = cache('off');
    const { res, sent } = response();
    off.send(res, 'page', page('x', 'y'));
    expect(off.size).toBe(0);
    expect(sent[0]).toContain('<p>x</p>');
  });

  it('when full, lets the page unused for longest make way', () => {
    const pages = cache('on', 2);
    const kept = () => [...(pages as unknown as { pages: Map<string, unknown> }).pages.keys()].map((k) => (JSON.parse(k) as unknown[]).at(-1));
    for (const k of [1, 2, 1, 3]) pages.send(response().res, 'page', page('a', 'b', [k]));
    expect(pages.size).toBe(2);
    expect(kept()).toEqual([1, 3]);
  });

  it('under audit, refuses to serve a kept page that a fresh rendering would not give', () => {
    const pages = cache('audit');
    pages.send(response().res, 'page', page('a', 'b'));
    // app.locals changed, but it is in no key: the kept page is stale, and the audit says so.
    const stale = response();
    (stale.res.app.locals as Record<string, unknown>).title = 'Changed';
    expect(() => pages.send(stale.res, 'page', page('a', 'b'))).toThrow(PageCacheMismatchError);
    // The same mistake with the cache simply on is served: what audit mode is for.
    const on = cache('on');
    on.send(response().res, 'page', page('a', 'b'));
    const served = response();
    (served.res.app.locals as Record<string, unknown>).title = 'Changed';
    on.send(served.res, 'page', page('a', 'b'));
    expect(served.sent[0]).toContain('<h1>App</h1>');
  });

  it('under audit, refuses to keep a page whose template reads a local its key does not cover', () => {
    const { res } = response({ currentUrl: '/join?code=mine' });
    expect(() => cache('audit').send(res, 'unkeyed', page('a', 'b'))).toThrow(/unkeyed reads currentUrl, which the page cache's key does not cover/);
    // The same page's own locals, the app's and the shared key's are fine.
    expect(() => cache('audit').send(response().res, 'page', page('a', 'b'))).not.toThrow();
  });

  it('does not keep a page whose template changed a hole instead of printing it (audit: refuses it)', () => {
    expect(() => cache('audit').send(response().res, 'sliced', page('abcdef', ''))).toThrow(/changed instead of printed/);
    const pages = cache();
    const { res, sent } = response();
    pages.send(res, 'sliced', page('abcdef', ''));
    expect(sent[0]).toBe('<p>cdef</p>');
    expect(pages.size).toBe(0);
  });
});

describe('the respondent pages from the page cache', () => {
  it('gives each person their own answers, token and resume code on the same kept theme page', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const base = `/r/${round.linkToken}`;
    const people = [browserLike(ctx.app), browserLike(ctx.app)];
    for (const b of people) {
      await b.submit(base, {}, `${base}/start`);
      const role = (await b.agent.get(`${base}/role`)).text;
      await b.submit(`${base}/role`, { role: /name="role" value="([^"]+)"/.exec(role)![1] });
    }
    const page = (await people[0].agent.get(`${base}/themes/1`).expect(200)).text;
    const first = /name="([^"]+)" value="(\d)"/.exec(page)!;
    const [item] = [first[1]];
    await people[0].submit(`${base}/themes/1`, { [item]: '2', _action: 'later' });
    await people[1].submit(`${base}/themes/1`, { [item]: 'dk', _action: 'later' });
    const [a, b] = await Promise.all(people.map(async (p) => (await p.agent.get(`${base}/themes/1`).expect(200)).text));
    expect(a).toMatch(new RegExp(`name="${item}" value="2" checked>`));
    expect(a).not.toMatch(new RegExp(`name="${item}" value="dk" checked>`));
    expect(b).toMatch(new RegExp(`name="${item}" value="dk" checked>`));
    expect(b).not.toMatch(new RegExp(`name="${item}" value="2" checked>`));
    expect(csrfFrom(a)).not.toBe(csrfFrom(b));
    const code = (html: string) => /<strong class="mono">([^<]+)<\/strong>/.exec(html)![1];
    expect(code(a)).not.toBe(code(b));
    // One kept page for both (the audit, on under test, checked each against a fresh one): the
    // same bytes but for the holes.
    const skeleton = (html: string) => html.replace(/ checked>/g, '>').replace(csrfFrom(html), 'TOKEN').replace(code(html), 'CODE');
    expect(skeleton(a)).toBe(skeleton(b));
    // Another spelling of the page's number is no page (each page has one address, so one kept copy).
    for (const odd of ['01', '1.0', '+1', '%201']) await people[0].agent.get(`${base}/themes/${odd}`).expect(404);
  });

  it('ticks only the answer given, even where one item\'s id is another\'s option id ("a1" and "a1-1")', async () => {
    const ctx = makeTestApp();
    const definition = JSON.parse(JSON.stringify(miniDefinition()).replace(/"a2"/g, '"a1-1"')) as unknown;
    expect(ctx.services.questionnaireImport.importDefinition(JSON.stringify(definition), { confirmWarnings: true }).status).toBe('imported');
    const q = ctx.services.questionnaires.get('mini', 1);
    const round = openRound(ctx, { questionnaireId: 'mini', questionnaireVersion: 1, roles: q.roles.map((r) => ({ id: r.id, label: r.label })) });
    const base = `/r/${round.linkToken}`;
    const b = browserLike(ctx.app);
    await b.submit(base, {}, `${base}/start`);
    await b.submit(`${base}/role`, { role: 'staff' });
    for (const [answers, ticked] of [
      [{ a1: '1' }, ['a1=1']],
      [{ a1: 'dk', 'a1-1': '0' }, ['a1=dk', 'a1-1=0']],
    ] as const) {
      expect((await b.submit(`${base}/themes/1`, { ...answers, _action: 'later' })).status).toBe(303);
      const page = (await b.agent.get(`${base}/themes/1`).expect(200)).text;
      const checked = [...page.matchAll(/<input type="radio" id="[^"]+" name="([^"]+)" value="([^"]*)" checked>/g)].map((m) => `${m[1]}=${m[2]}`);
      expect(checked).toEqual(ticked);
      // And no two elements share an id (option, "Don't know", "no answer", hint, error ids add "--").
      const ids = [...page.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    }
  });

  it('shows a change to the round or the wording at once', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const base = `/r/${round.linkToken}`;
    expect((await request(ctx.app).get(base).expect(200)).text).toContain(round.name);
    ctx.services.rounds.update(round.id, { ...round, name: 'A new name for the round', defaultLanguage: round.defaultLanguage });
    expect((await request(ctx.app).get(base).expect(200)).text).toContain('A new name for the round');
    ctx.services.rounds.update(round.id, { ...round, name: 'A new name for the round', intro: 'Thank you for taking part.', defaultLanguage: round.defaultLanguage });
    expect((await request(ctx.app).get(base).expect(200)).text).toContain('Thank you for taking part.');
    expect((await request(ctx.app).get(base).set('Accept-Language', 'cy').expect(200)).text).toContain('lang="cy"');
  });

  it('answers HEAD with the GET\'s headers and no body, and says what it sends', async () => {
    const ctx = makeTestApp();
    const get = await request(ctx.app).get('/join').set('Accept-Encoding', 'identity').expect(200);
    const head = await request(ctx.app).head('/join').set('Accept-Encoding', 'identity').expect(200);
    expect(get.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(Number(get.headers['content-length'])).toBe(Buffer.byteLength(get.text));
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.text ?? '').toBe('');
  });

  it('prints a typed join code into the kept join page escaped, and not into the next person\'s', async () => {
    const ctx = makeTestApp();
    const typed = await request(ctx.app).get('/join?code=%22%3E%3Cscript%3Ex').expect(200);
    expect(typed.text).toContain('value="&#34;&gt;&lt;script&gt;x"');
    const next = await request(ctx.app).get('/join').expect(200);
    expect(next.text).toContain('id="code" name="code" value=""');
  });
});
