// The view engine (src/web/views.ts), the remembering t() (src/web/i18n.ts) and the session left
// out of cookie-less GETs (src/web/app.ts): faster pages (issue 12) that must say exactly what
// they said before.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ejs from 'ejs';
import i18next from 'i18next';
import express from 'express';
import request from 'supertest';
import { createApp, VIEWS_DIR } from '../../src/web/app';
import { I18NEXT_OPTIONS, PAGE_LANGUAGES, translator } from '../../src/web/i18n';
import { cy } from '../../src/web/locales/cy';
import { en } from '../../src/web/locales/en';
import { renderWithSendHtml, ViewEngine, withoutIndentation } from '../../src/web/views';
import { browserLike, makeTestApp } from '../helpers/app';
import { openRound } from '../helpers/rounds';

const render = (fn: (file: string, data: object, cb: (err: Error | null, html?: string) => void) => void, file: string, data: object) =>
  new Promise<string>((resolve, reject) => fn(file, data, (err, html) => (err ? reject(err) : resolve(html!))));

// EJS itself, reading each template as ViewEngine does: without its lines' indentation.
const ejsRenderFile = (file: string, data: object, cb: (err: Error | null, html?: string) => void) => ejs.renderFile(file, data, {}, cb);
const readFile = ejs.fileLoader;
beforeAll(() => {
  ejs.fileLoader = (file: string) => withoutIndentation(fs.readFileSync(file, 'utf8'));
});
afterAll(() => {
  ejs.fileLoader = readFile;
});

/** A respondent in a new open round, as far as its theme pages (started, a role chosen). */
async function respondentWithRole() {
  const ctx = makeTestApp();
  const round = openRound(ctx);
  const b = browserLike(ctx.app);
  expect((await b.submit(`/r/${round.linkToken}`, {}, `/r/${round.linkToken}/start`)).status).toBe(303);
  const role = (await b.agent.get(`/r/${round.linkToken}/role`).expect(200)).text;
  expect((await b.submit(`/r/${round.linkToken}/role`, { role: /name="role" value="([^"]+)"/.exec(role)![1], assisted: 'no' })).status).toBe(303);
  return { ctx, round, b };
}

/** The pages the page-equivalence tests ask for, outside and inside the round. */
const pagesOf = (token: string) => ['/', '/join', '/resume', '/admin/login', '/nowhere', `/r/${token}`, `/r/${token}/role`, `/r/${token}/themes/1`, `/r/${token}/themes/2`, `/r/${token}/check`];

describe('ViewEngine: the same output as EJS', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'powershare-views-'));
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  };
  write('page.ejs', [
    '<h1><%= title %></h1>',
    '<% title = "changed here" %><%= title %>',
    '<%- include("partials/item", { label: "<b>one</b>" }) %>',
    '<%- include("partials/item", { label: "two", title: "own title" }) %>',
    '<%- include("partials/item") %>',
    '<%= typeof missing === "undefined" ? "no missing" : missing %> <%= locals.title %>',
  ].join('\n'));
  write('partials/item.ejs', '<li><%= typeof label === "undefined" ? "none" : label %> / <%= title %></li><%- include("deeper") %><% title = "mine" %>');
  write('partials/deeper.ejs', '<span><%= title %> <%= typeof label === "undefined" ? "-" : label %></span>');
  write('broken.ejs', 'line one\n<%= nothing.here %>\nline three');

  it('renders includes, their own values, escaping and locals as EJS does', async () => {
    const engine = new ViewEngine();
    const data = { title: 'A & B', settings: { 'view cache': true } };
    const ours = await render(engine.renderFile, path.join(dir, 'page.ejs'), data);
    expect(ours).toBe(await render(ejsRenderFile, path.join(dir, 'page.ejs'), data));
    // Hand-checked: the page's assignment stays its own; includes see their own values on top.
    expect(ours).toContain('<h1>A &amp; B</h1>\nchanged here');
    expect(ours).toContain('<li>&lt;b&gt;one&lt;/b&gt; / A &amp; B</li><span>A &amp; B &lt;b&gt;one&lt;/b&gt;</span>');
    expect(ours).toContain('<li>two / own title</li><span>own title two</span>');
    expect(ours).toContain('<li>none / A &amp; B</li><span>A &amp; B -</span>');
    // Twice: the second rendering comes from the cache and is the same.
    expect(await render(engine.renderFile, path.join(dir, 'page.ejs'), data)).toBe(ours);
  });

  it('keeps its own helpers when Object.prototype is polluted, as EJS does', async () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.escapeFn = () => 'PWNED';
    proto.include = () => 'PWNED';
    try {
      const data = { title: '<i>', settings: { 'view cache': true } };
      const ours = await render(new ViewEngine().renderFile, path.join(dir, 'page.ejs'), data);
      expect(ours).not.toContain('PWNED');
      expect(ours).toContain('<h1>&lt;i&gt;</h1>');
      expect(ours).toBe(await render(ejsRenderFile, path.join(dir, 'page.ejs'), data));
    } finally {
      delete proto.escapeFn;
      delete proto.include;
    }
  });

  it('names the file and line of a template error, and of a missing include', async () => {
    const engine = new ViewEngine();
    await expect(render(engine.renderFile, path.join(dir, 'broken.ejs'), {})).rejects.toThrow(/broken\.ejs:2\n[\s\S]* >> 2\| <%= nothing\.here %>[\s\S]*nothing is not defined/);
    write('missing.ejs', '<%- include("nowhere") %>');
    await expect(render(engine.renderFile, path.join(dir, 'missing.ejs'), {})).rejects.toThrow(/Could not find the include file "nowhere"/);
  });
});

describe('templates without their indentation', () => {
  it('drops the spaces and tabs that begin and end lines, and those after a scriptlet that begins one, and keeps every line break', () => {
    const template = ['<ul>', '\t  <li>one</li>  ', '<% if (x) { %>    <li><%= x %>   two</li>', '<% } %><% if (y) { %>  <li>three</li>', '  <%# a comment %>  <p>after a comment</p>', '<%= x %>  <b>after output</b>', '<%- y %>  <i>after raw output</i>', '<%%  literal', '</ul>'].join('\n');
    expect(withoutIndentation(template)).toBe(
      ['<ul>', '<li>one</li>', '<% if (x) { %><li><%= x %>   two</li>', '<% } %><% if (y) { %><li>three</li>', '<%# a comment %><p>after a comment</p>', '<%= x %>  <b>after output</b>', '<%- y %>  <i>after raw output</i>', '<%%  literal', '</ul>'].join('\n'),
    );
    expect(withoutIndentation(template).split('\n')).toHaveLength(template.split('\n').length);
  });

  it('leaves what a template prints from its values as it is: a comment\'s spaces and lines in a textarea', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'powershare-indent-'));
    fs.writeFileSync(path.join(dir, 'form.ejs'), '<form>\n    <textarea name="c"><%= comment %></textarea>\n  </form>\n');
    const comment = '  two spaces first\n\tthen a tab  \n   ';
    const html = await render(new ViewEngine().renderFile, path.join(dir, 'form.ejs'), { comment, settings: { 'view cache': true } });
    expect(html).toBe(`<form>\n<textarea name="c">${comment}</textarea>\n</form>\n`);
  });

  it('leaves no indentation in a theme page', async () => {
    const { round, b } = await respondentWithRole();
    const page = (await b.agent.get(`/r/${round.linkToken}/themes/1`).expect(200)).text;
    expect(page).toContain('<fieldset');
    expect(page.split('\n').filter((line) => /^[ \t]+\S/.test(line))).toEqual([]);
  });
});

describe('the app\'s pages: the same with the ViewEngine and the page cache as with EJS', () => {
  it('gives byte for byte the same home, join, welcome, role, theme and check pages, in English and Welsh', async () => {
    const { ctx, round, b } = await respondentWithRole();
    // The same services and database behind EJS's own renderFile.
    const plain = createApp(ctx.services, { ...ctx.config, pageCache: 'off' });
    plain.engine('ejs', ejsRenderFile);
    for (const language of ['en', 'cy']) {
      for (const page of pagesOf(round.linkToken)) {
        // The browser's own cookies (CSRF, draft), sent as they are to the app rendering with EJS.
        const ours = await b.agent.get(page).set('Accept-Language', language);
        const cookie = (ours as unknown as { req: { getHeader(name: string): string | undefined } }).req.getHeader('cookie') ?? '';
        const theirs = await request(plain).get(page).set('Accept-Language', language).set('Cookie', cookie);
        expect({ page, language, status: ours.status }).toEqual({ page, language, status: theirs.status });
        expect({ page, status: ours.status }).toEqual({ page, status: page === '/nowhere' ? 404 : 200 });
        expect(ours.text).toBe(theirs.text);
      }
    }
  });
});

describe('every template the app renders, without its indentation, reads as it did', () => {
  it('gives, for each rendering of a page, what EJS gives from the de-indented template, and the same text as from the template as written', async () => {
    // Every rendering the app does (page cache included) is caught with its locals, then done
    // again by EJS itself from the template as written and from the de-indented one.
    const seen: { file: string; data: Record<string, unknown>; html: string }[] = [];
    const render = ViewEngine.prototype.render;
    const spy = jest.spyOn(ViewEngine.prototype, 'render').mockImplementation(function (this: ViewEngine, file: string, data: Record<string, unknown>) {
      const html = render.call(this, file, data);
      seen.push({ file, data, html });
      return html;
    });
    try {
      const { round, b } = await respondentWithRole();
      for (const language of ['en', 'cy']) {
        for (const page of pagesOf(round.linkToken)) {
          await b.agent.get(page).set('Accept-Language', language);
        }
      }
    } finally {
      spy.mockRestore();
    }
    const asWritten = (file: string) => fs.readFileSync(file, 'utf8');
    const byEjs = (file: string, data: object, loader: (file: string) => string) => {
      ejs.fileLoader = loader;
      try {
        let out = '';
        ejs.renderFile(file, data, {}, (err, html) => {
          if (err) throw err;
          out = html;
        });
        return out;
      } finally {
        ejs.fileLoader = (name: string) => withoutIndentation(fs.readFileSync(name, 'utf8'));
      }
    };
    // In a browser a run of spaces and line breaks is one space (no page prints a template's own
    // text inside a pre or a textarea: their values come from the locals, the same both ways).
    const text = (html: string) => html.replace(/\s+/g, ' ');
    const views = new Set(seen.map((r) => path.relative(VIEWS_DIR, r.file)));
    for (const view of ['home.ejs', 'respond/join.ejs', 'respond/resume.ejs', 'admin/login.ejs', 'respond/welcome.ejs', 'respond/role.ejs', 'respond/theme.ejs', 'respond/check.ejs', 'errors/not-found.ejs']) expect(views).toContain(view);
    // Renderings that cut a page for the cache carry hole markers made by counting calls: their
    // fresh twins (the page cache's audit renders every kept page afresh under test) are compared.
    const fresh = seen.filter((r) => !r.html.includes('\u0000'));
    expect(new Set(fresh.map((r) => r.file))).toEqual(new Set(seen.map((r) => r.file)));
    for (const { file, data, html } of fresh) {
      expect({ file, html }).toEqual({ file, html: byEjs(file, data, (name) => withoutIndentation(asWritten(name))) });
      const written = byEjs(file, data, asWritten);
      expect({ file, text: text(html) }).toEqual({ file, text: text(written) });
      expect(html.length).toBeLessThanOrEqual(written.length);
    }
  });
});

describe('t() remembering its answers', () => {
  it('answers as i18next does, every time, whatever the options', () => {
    const t = translator('en');
    for (let i = 0; i < 3; i++) {
      expect(t('welcome.sections', { n: 1 })).not.toBe(t('welcome.sections', { n: 5 }));
      expect(t('welcome.sections', { n: 5 })).toContain('5');
      expect(t('theme.resumeCode', { code: '\u0000' })).toContain('\u0000');
      expect(t('theme.resumeCode', { code: 'LONGER-CODE-1' })).toContain('LONGER-CODE-1');
      expect(t('theme.resumeCode', { code: 'LONGER-CODE-2' })).toContain('LONGER-CODE-2');
      expect(t('layout.home')).toBe(translator('en')('layout.home'));
    }
    expect(translator('cy')('layout.home')).not.toBe(t('layout.home'));
  });
});

describe('t() with text values: the sentence remembered, the texts put in', () => {
  // i18next itself, set up as src/web/i18n.ts sets it up: what every answer must equal.
  const reference = i18next.createInstance();
  void reference.init(I18NEXT_OPTIONS);
  /** Every key of the catalogues with the names it interpolates (plural forms under their base key). */
  const keys = new Map<string, Set<string>>();
  const walk = (node: unknown, at: string) => {
    if (typeof node === 'string') {
      const key = at.replace(/_(zero|one|two|few|many|other)$/, '');
      const names = keys.get(key) ?? new Set<string>();
      for (const m of node.matchAll(/\{\{\s*([^},\s]+)\s*\}\}/g)) names.add(m[1]);
      keys.set(key, names);
    } else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, at ? `${at}.${k}` : k);
  };
  walk(en, '');
  walk(cy, '');
  // Texts that would trip a careless substitution: markers, i18next's own syntax, nothing at all.
  const texts = ['12.3', '', 'Our staff and volunteers', '{{low}}', '$t(layout.home)', '\uE0000\uE001', 'a\u0000b', '<b>&amp;</b>', '$&', 'x'.repeat(300)];

  it.each(PAGE_LANGUAGES.flatMap((language) => [false, true].map((easyRead) => [language, easyRead] as const)))(
    'answers as i18next does for every key of the catalogue (%s, Easy Read %s), whatever the texts',
    (language, easyRead) => {
      const t = translator(language, easyRead) as unknown as (key: string, options?: object) => unknown;
      const fixed = reference.getFixedT(language) as unknown as (key: string | string[], options?: object) => unknown;
      const expected = (key: string, options?: object) => fixed(easyRead ? [`easyRead.${key}`, key] : key, options);
      let withText = 0;
      for (const [key, names] of keys) {
        if (names.size === 0) {
          expect(t(key)).toBe(expected(key));
          continue;
        }
        withText++;
        for (let round = 0; round < 3; round++) {
          for (let i = 0; i < texts.length; i++) {
            const options = Object.fromEntries([...names].map((name, k) => [name, name === 'count' ? i + k : texts[(i + k + round) % texts.length]]));
            expect({ key, options, text: t(key, options) }).toEqual({ key, options, text: expected(key, options) });
          }
        }
      }
      expect(withText).toBeGreaterThan(100);
    },
  );
});

describe('no session for a GET outside /admin without a session cookie', () => {
  it('serves the home page and share-free pages without a session cookie, and the admin area with one', async () => {
    const ctx = makeTestApp();
    const home = await request(ctx.app).get('/').expect(200);
    expect(String(home.headers['set-cookie'] ?? '')).not.toContain('ps_session');
    // Any spelling of /admin still gets the session (routing ignores case).
    await request(ctx.app).get('/ADMIN/login').expect((res) => expect([200, 303]).toContain(res.status));
    await request(ctx.app).get('/admin/login').expect((res) => expect([200, 303]).toContain(res.status));
  });
});

describe('rendered pages are sent as text (sendHtml)', () => {
  it('answers as res.send did for HTML: type, exact length in bytes, no body for HEAD; compressed when asked', async () => {
    const ctx = makeTestApp();
    // The admin sign-in page is rendered by res.render (not the page cache), in Welsh: multibyte text.
    const page = await request(ctx.app).get('/admin/login').set('Cookie', 'ps_wording=cy').set('Accept-Encoding', 'identity').expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(Number(page.headers['content-length'])).toBe(Buffer.byteLength(page.text));
    expect(page.text).toMatch(/^<!doctype html>/i);
    expect(page.text.trimEnd()).toMatch(/<\/html>$/);
    const head = await request(ctx.app).head('/admin/login').set('Accept-Encoding', 'identity').expect(200);
    expect(head.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(head.text ?? '').toBe('');
    const gzipped = await request(ctx.app).get('/admin/login').set('Accept-Encoding', 'gzip').expect(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    // Compressed in one call (web/compression.ts), so sent with the compressed length.
    expect(Number(gzipped.headers['content-length'])).toBeGreaterThan(0);
    expect(Number(gzipped.headers['content-length'])).toBeLessThan(Buffer.byteLength(gzipped.text) / 2);
    expect(gzipped.text).toContain('</html>');
  });

  it('passes a template error to the error handlers, and leaves a callback of the route’s own alone', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'powershare-send-'));
    fs.writeFileSync(path.join(dir, 'ok.ejs'), '<p><%= word %></p>');
    fs.writeFileSync(path.join(dir, 'broken.ejs'), '<p><%= missing.value %></p>');
    const app = express();
    const engine = new ViewEngine();
    app.engine('ejs', engine.renderFile);
    app.set('view engine', 'ejs');
    app.set('views', dir);
    renderWithSendHtml(app);
    // res.send would copy the page into a Buffer first: it must not be what sends a rendered page.
    let sent = 0;
    const send = app.response.send;
    app.response.send = function (this: express.Response, ...args: Parameters<express.Response['send']>) {
      sent++;
      return send.apply(this, args);
    };
    app.get('/ok', (_req, res) => res.render('ok', { word: 'café' }));
    app.get('/broken', (_req, res) => res.render('broken'));
    app.get('/own', (_req, res) => res.render('ok', { word: 'x' }, (_err, html) => res.type('text/plain').end(`got ${html}`)));
    app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => res.status(500).end(`caught: ${/missing/.test(err.message)}`));
    const ok = await request(app).get('/ok').expect(200);
    expect(ok.text).toBe('<p>café</p>');
    expect(ok.headers['content-length']).toBe(String(Buffer.byteLength('<p>café</p>')));
    expect((await request(app).get('/broken').expect(500)).text).toBe('caught: true');
    expect((await request(app).get('/own').expect(200)).text).toBe('got <p>x</p>');
    expect(sent).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
