import fc from 'fast-check';
import { IMPORT_MAX_BYTES } from '../../src/services/questionnaire-import';
import { makeTestApp, type TestContext } from '../helpers/app';
import { createMember, ownerSession, signIn } from '../helpers/admin';
import { miniDefinition } from '../fixtures/mini-questionnaire';
import { withWordings } from '../fixtures/wordings';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

type Session = Awaited<ReturnType<typeof ownerSession>>['browser'];

async function upload(browser: Session, content: string | Buffer, filename = 'questionnaire.json', token?: string) {
  const csrf = token ?? (await browser.token('/admin/questionnaires/import'));
  return browser.agent
    .post('/admin/questionnaires/import')
    .field('_csrf', csrf)
    .attach('definition', Buffer.isBuffer(content) ? content : Buffer.from(content), { filename, contentType: 'application/json' });
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

async function setUp() {
  const ctx = makeTestApp();
  const { browser } = await ownerSession(ctx);
  return { ctx, browser };
}

const importedVersions = (ctx: TestContext) => ctx.db.prepare('SELECT id, version FROM questionnaires ORDER BY id, version').all();

describe('listing and exporting questionnaires', () => {
  it('lists the built-in questionnaire with its version and export link', async () => {
    const { browser } = await setUp();
    const res = await browser.agent.get('/admin/questionnaires').expect(200);
    expect(res.text).toContain('href="/admin/questionnaires/power-sharing/versions/1"');
    expect(res.text).toContain('Built in');
    expect(res.text).toContain('href="/admin/questionnaires/power-sharing/versions/1/export"');
  });

  it('shows a questionnaire with its themes and items', async () => {
    const { browser } = await setUp();
    const res = await browser.agent.get('/admin/questionnaires/power-sharing/versions/1').expect(200);
    expect(res.text).toContain('Consultation or co-production');
    await browser.agent.get('/admin/questionnaires/power-sharing/versions/9').expect(404);
    await browser.agent.get('/admin/questionnaires/power-sharing/versions/x').expect(404);
  });

  it('exports a built-in definition as a JSON download that validates', async () => {
    const { ctx, browser } = await setUp();
    const res = await browser.agent.get('/admin/questionnaires/power-sharing/versions/1/export').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="?power-sharing-v1\.json"?$/);
    const exported = JSON.parse(res.text);
    expect(exported).toMatchObject({ id: 'power-sharing', version: 1 });
    // Re-importing it under a new id works: an export is a valid definition.
    const result = ctx.services.questionnaireImport.importDefinition(JSON.stringify({ ...exported, id: 'our-copy' }));
    expect(result.status).toBe('imported');
    await browser.agent.get('/admin/questionnaires/nope/versions/1/export').expect(404);
  });

  it('exports an imported definition exactly as it was imported', async () => {
    const { ctx, browser } = await setUp();
    ctx.services.questionnaireImport.importDefinition(json(miniDefinition()));
    const res = await browser.agent.get('/admin/questionnaires/mini/versions/1/export').expect(200);
    expect(JSON.parse(res.text)).toEqual(miniDefinition());
  });
});

describe('importing a questionnaire', () => {
  it('imports a valid file and shows it', async () => {
    const { ctx, browser } = await setUp();
    const page = await browser.agent.get('/admin/questionnaires/import').expect(200);
    expect(page.text).toContain('enctype="multipart/form-data"');
    expect(page.text).toContain('<label for="definition">');
    const res = await upload(browser, json(miniDefinition()), 'mini.json');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin/questionnaires/mini/versions/1');
    const shown = await browser.agent.get(res.headers.location).expect(200);
    expect(shown.text).toContain('Imported “Mini”, version 1');
    expect(shown.text).toContain('Alpha one.');
    expect(importedVersions(ctx)).toEqual([{ id: 'mini', version: 1 }]);
    // A new round can use it straight away.
    const org = ctx.services.organisations.create('Org');
    expect((await browser.agent.get(`/admin/organisations/${org.id}/rounds/new`)).text).toMatch(/<input type="radio" id="(questionnaire(?:-\d+)?)" name="questionnaire" value="mini@1"><label for="\1">Mini, version 1<\/label>/);
  });

  it('refuses a file that is not JSON, saying where, and saves nothing', async () => {
    const { ctx, browser } = await setUp();
    const res = await upload(browser, '{\n  "id": "mini",\n  "version": 1,\n}', 'broken.json');
    expect(res.status).toBe(400);
    expect(res.text).toContain('broken.json has a problem. Nothing was imported.');
    expect(res.text).toContain('href="#definition"');
    expect(res.text).toMatch(/not valid JSON[^<]*line 4, column 1/);
    expect(importedVersions(ctx)).toEqual([]);
  });

  it.each([
    ['an empty file', '', 'The file is empty'],
    ['a file that is not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'not UTF-8'],
    ['a JSON list', '[]', 'Must be an object'],
  ])('refuses %s', async (_what, content, message) => {
    const { ctx, browser } = await setUp();
    const res = await upload(browser, content);
    expect(res.status).toBe(400);
    expect(res.text).toContain(message);
    expect(importedVersions(ctx)).toEqual([]);
  });

  it('lists every problem of an invalid definition with its path, and saves nothing', async () => {
    const { ctx, browser } = await setUp();
    const def = miniDefinition() as Record<string, unknown> & { items: Record<string, unknown>[] };
    delete def.title;
    def.items[0].theme = 'nowhere';
    def.items[1].id = 'Bad Id';
    def.extra = true;
    const res = await upload(browser, json(def), 'mini.json');
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/mini\.json has \d+ problems\. Nothing was imported\./);
    for (const path of ['title', 'items[0].theme', 'items[1].id', 'extra']) expect(res.text).toContain(`<td><code>${path}</code></td>`);
    expect(importedVersions(ctx)).toEqual([]);
  });

  it('refuses a file over the size limit with 413 and a clear message', async () => {
    const { ctx, browser } = await setUp();
    const big = json({ ...miniDefinition(), intro: 'x'.repeat(IMPORT_MAX_BYTES) });
    const res = await upload(browser, big);
    expect(res.status).toBe(413);
    expect(res.text).toContain('larger than 512 KB');
    expect(importedVersions(ctx)).toEqual([]);
  });

  it('refuses an id and version that exist, and a built-in id (409)', async () => {
    const { ctx, browser } = await setUp();
    expect((await upload(browser, json(miniDefinition()))).status).toBe(303);
    const again = await upload(browser, json(miniDefinition()));
    expect(again.status).toBe(409);
    expect(again.text).toContain('Version 1 of “mini” has already been imported');
    const builtIn = await upload(browser, json({ ...miniDefinition(), id: 'power-sharing', version: 7 }));
    expect(builtIn.status).toBe(409);
    expect(builtIn.text).toContain('built-in questionnaire');
    expect(importedVersions(ctx)).toEqual([{ id: 'mini', version: 1 }]);
  });

  it('warns when a new version changes the text of a reused item, and imports only when confirmed', async () => {
    const { ctx, browser } = await setUp();
    await upload(browser, json(miniDefinition()));
    const v2 = miniDefinition();
    v2.version = 2;
    v2.items[0] = { ...v2.items[0], text: 'Alpha one, <reworded>.' };
    const res = await upload(browser, json(v2), 'mini-v2.json');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin/questionnaires/import/confirm');
    expect(importedVersions(ctx)).toHaveLength(1);
    const confirm = await browser.agent.get('/admin/questionnaires/import/confirm').expect(200);
    expect(confirm.text).toContain('<code>items[0].text</code>');
    expect(confirm.text).toContain('Item “a1” has different text from version 1');
    expect(confirm.text).toContain('<td>Alpha one.</td><td>Alpha one, &lt;reworded&gt;.</td>');
    const done = await browser.post('/admin/questionnaires/import/confirm', '/admin/questionnaires/import/confirm');
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/admin/questionnaires/mini/versions/2');
    expect(importedVersions(ctx)).toEqual([{ id: 'mini', version: 1 }, { id: 'mini', version: 2 }]);
    // Nothing is left waiting.
    const replay = await browser.post('/admin/questionnaires', '/admin/questionnaires/import/confirm');
    expect(replay.status).toBe(303);
    expect(replay.headers.location).toBe('/admin/questionnaires/import');
  });

  it('cancels an import with warnings, saving nothing', async () => {
    const { ctx, browser } = await setUp();
    await upload(browser, json(miniDefinition()));
    const v2 = { ...miniDefinition(), version: 2 };
    v2.items = v2.items.map((i) => (i.id === 'b1' ? { ...i, theme: 'alpha' } : i));
    expect((await upload(browser, json(v2))).headers.location).toBe('/admin/questionnaires/import/confirm');
    const cancel = await browser.post('/admin/questionnaires/import/confirm', '/admin/questionnaires/import/cancel');
    expect(cancel.status).toBe(303);
    expect((await browser.agent.get('/admin/questionnaires')).text).toContain('Nothing was imported');
    expect(importedVersions(ctx)).toHaveLength(1);
    expect((await browser.agent.get('/admin/questionnaires/import/confirm')).status).toBe(303);
  });

  it('refuses a new version that changes a reused item into another kind', async () => {
    const { ctx, browser } = await setUp();
    await upload(browser, json(miniDefinition()));
    const v2 = { ...miniDefinition(), version: 2 };
    v2.items = v2.items.map((i) => (i.id === 'a2' ? { id: 'a2', theme: 'alpha', kind: 'comment', text: 'Alpha two.' } : i));
    const res = await upload(browser, json(v2));
    expect(res.status).toBe(400);
    expect(res.text).toContain('<code>items[1].kind</code>');
    expect(importedVersions(ctx)).toHaveLength(1);
  });

  it('refuses an upload without a CSRF token (checked after the multipart body is parsed)', async () => {
    const { ctx, browser } = await setUp();
    const none = await browser.agent.post('/admin/questionnaires/import').attach('definition', Buffer.from(json(miniDefinition())), 'mini.json');
    expect(none.status).toBe(403);
    const forged = await upload(browser, json(miniDefinition()), 'mini.json', 'forged-token');
    expect(forged.status).toBe(403);
    expect(importedVersions(ctx)).toEqual([]);
  });

  it('asks for a file when none was chosen', async () => {
    const { browser } = await setUp();
    const token = await browser.token('/admin/questionnaires/import');
    const res = await browser.agent.post('/admin/questionnaires/import').field('_csrf', token);
    expect(res.status).toBe(400);
    expect(res.text).toContain('Choose a questionnaire file');
  });
});

describe('imported text is untrusted', () => {
  const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

  it('never appears unescaped in any admin page (property)', async () => {
    const { ctx, browser } = await setUp();
    const org = ctx.services.organisations.create('Org');
    let version = 0;
    // Text with at least one character that means something in HTML, anywhere in it.
    const risky = fc
      .tuple(fc.string({ maxLength: 30 }), fc.constantFrom('<', '>', '&', '"', "'", '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'), fc.string({ maxLength: 30 }))
      .map(([a, b, c]) => `x${a}${b}${c}x`.replace(/\s+/g, ' '));
    await fc.assert(
      fc.asyncProperty(risky, risky, risky, async (title, itemText, themeTitle) => {
        version += 1;
        const def = miniDefinition();
        def.version = version;
        def.title = title;
        def.themes[0] = { ...def.themes[0], title: themeTitle };
        def.items[0] = { ...def.items[0], text: itemText };
        const result = ctx.services.questionnaireImport.importDefinition(JSON.stringify(def), { confirmWarnings: true });
        expect(result.status).toBe('imported');
        const pages = await Promise.all(
          ['/admin/questionnaires', `/admin/questionnaires/mini/versions/${version}`, `/admin/organisations/${org.id}/rounds/new`].map((p) => browser.agent.get(p)),
        );
        for (const page of pages) {
          expect(page.status).toBe(200);
          for (const raw of [title, itemText, themeTitle]) expect(page.text).not.toContain(raw);
        }
        expect(pages[0].text).toContain(escapeHtml(title));
        expect(pages[1].text).toContain(escapeHtml(itemText));
        expect(pages[1].text).toContain(escapeHtml(themeTitle));
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 40) },
    );
  }, 60_000);

  it('escapes text in the warnings shown before a confirmed import', async () => {
    const { browser } = await setUp();
    await upload(browser, json(miniDefinition()));
    const v2 = miniDefinition();
    v2.version = 2;
    v2.items[0] = { ...v2.items[0], text: '<img src=x onerror=alert(1)>' };
    await upload(browser, json(v2));
    const page = await browser.agent.get('/admin/questionnaires/import/confirm');
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('importing is for owners only', () => {
  it('gives an organisation member 403 on every import route, imports nothing and shows no import button', async () => {
    const ctx = makeTestApp();
    const { owner } = await ownerSession(ctx);
    const org = ctx.services.organisations.create('Member org');
    await createMember(ctx, owner, [org.id], 'member@example.org');
    const member = await signIn(ctx, 'member@example.org');
    const list = await member.agent.get('/admin/questionnaires').expect(200);
    expect(list.text).not.toContain('href="/admin/questionnaires/import"');
    expect(list.text).not.toContain('Import a questionnaire');
    for (const path of ['/admin/questionnaires/import', '/admin/questionnaires/import/confirm']) {
      expect((await member.agent.get(path)).status).toBe(403);
    }
    // A real upload with the member's own valid CSRF token: refused before the file is read.
    const token = await member.token('/admin/questionnaires');
    const res = await upload(member, json(miniDefinition()), 'mini.json', token);
    expect(res.status).toBe(403);
    for (const path of ['/admin/questionnaires/import/confirm', '/admin/questionnaires/import/cancel']) {
      expect((await member.agent.post(path).type('form').send({ _csrf: token })).status).toBe(403);
    }
    expect(importedVersions(ctx)).toEqual([]);
    // The owner still sees the button and can import.
    const browser = await signIn(ctx);
    expect((await browser.agent.get('/admin/questionnaires')).text).toContain('href="/admin/questionnaires/import"');
    expect((await upload(browser, json(miniDefinition()), 'mini.json')).status).toBe(303);
    expect(importedVersions(ctx)).toEqual([{ id: 'mini', version: 1 }]);
  });
});

describe('translations and Easy Read through import and export (issue 15)', () => {
  it('refuses an incomplete translation listing every missing path, and saves nothing', async () => {
    const { ctx, browser } = await setUp();
    const def = withWordings(miniDefinition()) as Record<string, Loose>;
    delete def.translations.cy.themes.beta.bandText.top;
    delete def.translations.cy.items.b1;
    def.translations.cy.themes.alpha.nextSteps.low.pop();
    delete def.easyRead.roles.carer;
    const res = await upload(browser, json(def), 'mini-cy.json');
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/mini-cy\.json has 4 problems\. Nothing was imported\./);
    for (const path of ['translations.cy.themes.beta.bandText.top', 'translations.cy.items.b1', 'translations.cy.themes.alpha.nextSteps.low', 'easyRead.roles.carer']) {
      expect(res.text).toContain(`<td><code>${path}</code></td>`);
    }
    expect(importedVersions(ctx)).toEqual([]);
  });

  it('imports complete wordings and exports them as they were; the built-in exports its Easy Read and Welsh', async () => {
    const { browser } = await setUp();
    const def = withWordings(miniDefinition());
    const res = await upload(browser, json(def), 'mini-cy.json');
    expect(res.status).toBe(303);
    const exported = await browser.agent.get('/admin/questionnaires/mini/versions/1/export').expect(200);
    const back = JSON.parse(exported.text) as typeof def;
    expect(back.translations).toEqual(def.translations);
    expect(back.easyRead).toEqual(def.easyRead);
    const builtIn = JSON.parse((await browser.agent.get('/admin/questionnaires/power-sharing/versions/1/export').expect(200)).text) as Record<string, Loose>;
    expect(Object.keys(builtIn.translations)).toEqual(['cy']);
    expect(builtIn.translations.cy.themes.tokenism.nextSteps.starting).toHaveLength(builtIn.themes.find((t: { id: string }) => t.id === 'tokenism').nextSteps.starting.length);
    expect(Object.keys(builtIn.easyRead.items)).toHaveLength(builtIn.items.length);
  });
});
