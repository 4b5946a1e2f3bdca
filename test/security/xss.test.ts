import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { DEFAULT_QUESTIONNAIRE_ID } from '../../src/questionnaires';
import { VIEWS_DIR } from '../../src/web/app';
import { csrfFrom } from '../helpers/app';
import { respond } from '../helpers/respond';
import { fillPath, isStream, listRoutes, makeWorld, type OrgFixture, type World } from '../helpers/world';
import { unisolated } from '../helpers/bidi';

/**
 * Issue 13, item 2: no XSS anywhere. Hostile text (script tags, attribute breakers in both quote
 * styles, javascript: URLs, a right-to-left override, spreadsheet formulas, and arbitrary
 * generated text) goes into every place people can write: organisation and round names, the
 * round's intro, an imported questionnaire's title, intro, themes, items, options, band texts
 * and next steps, role labels, a share link's label and respondents' comments. Then every GET
 * route the router holds is fetched, and no page, data-chart attribute, CSV or JSON carries it
 * unescaped.
 */
const RLO = '\u202E';
let serial = 0;
/** Hostile text, numbered so each place is distinct; under 300 characters (an item's limit). */
function hostile(extra = ''): string {
  const n = ++serial;
  return `X${n}<script>xss(${n})</script>" data-xss="${n}' data-xss='${n}<img src=x onerror=xss(${n})><a href="javascript:xss(${n})">j</a>${RLO}evil ${extra}`.slice(0, 290);
}
/** Arbitrary generated text, the same each run (fixed seed). */
const arbitrary = fc.sample(fc.string({ unit: 'grapheme', maxLength: 24 }), { numRuns: 200, seed: 13 });
const any = () => arbitrary[serial % arbitrary.length].trim();

/** Keys whose string values are ids or references in a questionnaire definition, never text. */
const ID_KEYS = new Set(['language', 'id', 'theme', 'item', 'kind', 'side', 'groupAAtLeast', 'groupBAtMost', 'groupA', 'groupB', 'roles', 'themes', 'full', 'short']);

/**
 * Every text of a definition made hostile (ids and references kept). Without the right-to-left
 * override: an import carrying a direction control is refused (tested below and in
 * test/services/questionnaire-import.test.ts), because questionnaire text is shown outside <bdi>.
 */
function poison(value: unknown, keyName = ''): unknown {
  if (typeof value === 'string') {
    if (ID_KEYS.has(keyName)) return value;
    const text = hostile(any()).replaceAll(RLO, '\u05D0');
    // A theme's plain title (and its Easy Read title) is short by rule (80 characters): the hostile start of the text is kept.
    return keyName === 'plainTitle' || keyName === 'title' ? [...text].slice(0, 80).join('') : text;
  }
  if (Array.isArray(value)) return value.map((v) => poison(v, keyName));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, k === '' ? keyName : k)]));
  return value;
}

const decode = (s: string) =>
  s.replace(/&#34;|&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');


/** The problems with one HTML page (empty when it is safe). */
function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  const around = (i: number) => html.slice(Math.max(0, i - 60), i + 60);
  for (const bad of ['<script>xss', '<img src=x', '<a href="javascript:xss', '" data-xss="', "' data-xss='"]) {
    const i = html.indexOf(bad);
    if (i !== -1) problems.push(`unescaped ${JSON.stringify(bad)}: …${around(i)}…`);
  }
  const js = /\s(?:href|src|action|formaction|xlink:href)\s*=\s*["']?\s*javascript:/i.exec(html);
  if (js) problems.push(`javascript: URL: …${around(js.index)}…`);
  // Chart data: an attribute whose decoded value is JSON data, never markup or code.
  for (const m of html.matchAll(/data-chart="([^"]*)"/g)) {
    try {
      JSON.parse(decode(m[1]));
    } catch {
      problems.push(`data-chart is not JSON: ${m[1].slice(0, 80)}`);
    }
  }
  return problems;
}

/** Splits CSV (quoted fields, "" escapes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** A cell a spreadsheet would run as a formula: =, +, -, @ after any spaces or quotes, or a leading tab/CR. */
const formula = (cell: string) => /^[\s"']*[=+\-@]/.test(cell) && !cell.startsWith("'") && !/^-?\d+(\.\d+)?$/.test(cell);

describe('no XSS anywhere (issue 13, item 2)', () => {
  let w: World;
  let x: OrgFixture;
  let qid: string;
  let respondentThanks: string;

  beforeAll(async () => {
    w = await makeWorld();
    const { services } = w;
    // An imported questionnaire whose every text is hostile, through the real upload.
    const base = JSON.parse(services.questionnaireImport.exportDefinition(DEFAULT_QUESTIONNAIRE_ID, 1).json) as Record<string, unknown>;
    qid = 'hostile-q';
    const definition = { ...(poison(base) as Record<string, unknown>), id: qid, version: 1 };
    const imported = await w.owner.agent
      .post('/admin/questionnaires/import')
      .field('_csrf', w.owner.token)
      .attach('definition', Buffer.from(JSON.stringify(definition)), { filename: 'hostile.json', contentType: 'application/json' });
    expect(imported.headers.location).toBe(`/admin/questionnaires/${qid}/versions/1`);
    // With a right-to-left override in a text, the import is refused and says where.
    const withOverride = await w.owner.agent
      .post('/admin/questionnaires/import')
      .field('_csrf', w.owner.token)
      .attach('definition', Buffer.from(JSON.stringify({ ...definition, version: 7, title: `Title${RLO}` })), { filename: 'rlo.json', contentType: 'application/json' });
    expect(withOverride.status).toBe(400);
    expect(withOverride.text).toContain('Contains a direction-control character (U+202E)');
    // A second version changing an item's text, left waiting on the confirmation page.
    const items = (definition as unknown as { items: { text: string }[] }).items;
    const v2 = { ...definition, version: 2, items: items.map((it, i) => (i === 0 ? { ...it, text: hostile('changed').replaceAll(RLO, '') } : it)) };
    const changed = await w.owner.agent
      .post('/admin/questionnaires/import')
      .field('_csrf', w.owner.token)
      .attach('definition', Buffer.from(JSON.stringify(v2)), { filename: `${hostile()}.json`, contentType: 'application/json' });
    expect(changed.headers.location).toBe('/admin/questionnaires/import/confirm');

    const org = services.organisations.create(hostile(any()));
    const q = services.questionnaires.get(qid, 1);
    const roles = q.roles.map((r, i) => ({ id: r.id, label: i === 0 ? `"=cmd|' /C calc'!A0 ${hostile()}` : hostile(any()) }));
    const round = services.rounds.open(
      services.rounds.create(org.id, {
        name: `@${hostile(any())}`,
        questionnaireId: qid,
        questionnaireVersion: 1,
        form: 'full',
        mode: 'survey',
        roles,
        minGroupSize: 3,
        opensAt: null,
        closesAt: null,
        intro: hostile(any()),
        resultsRelease: 'batches',
      }).id,
    );
    const pages = services.responding.pages(round);
    const all = pages.flatMap((p) => p.items);
    for (let i = 0; i < 8; i++) {
      const answers: Record<string, string> = {};
      all.forEach((item, j) => {
        answers[item.id] = item.kind === 'comment' ? (j % 2 ? ` "+SUM(1)${hostile(any())}` : `-2+3 ${hostile(any())}`) : item.kind === 'ladder' ? '1' : String((i + j) % 5);
      });
      respond(w, round, roles[i % 2].id, answers);
    }
    const link = services.shareLinks.createForRound(round.id, { label: `=1+1 ${hostile()}`, showComments: true });
    x = {
      orgId: org.id,
      roundId: round.id,
      linkToken: round.linkToken,
      commentId: w.db.prepare('SELECT id FROM comments WHERE round_id = ? LIMIT 1').pluck().get(round.id) as string,
      shareLinkId: w.db.prepare('SELECT id FROM share_links WHERE round_id = ?').pluck().get(round.id) as number,
      shareToken: link.token,
      actionId: services.actions.create(round, { themeId: 'coproduction', what: hostile(any()), lead: hostile(), dueOn: '2030-01-31', status: 'planned', note: hostile() }),
    };
    // A respondent through the real pages, writing a hostile comment, up to the thank-you page.
    const anon = await w.anonymous();
    const r = `/r/${round.linkToken}`;
    const post = (p: string, fields: Record<string, string>) => anon.agent.post(p).type('form').send({ _csrf: anon.token, ...fields });
    await post(`${r}/start`, {}).expect(303);
    await post(`${r}/role`, { role: roles[0].id }).expect(303);
    const first = Object.fromEntries(pages[0].items.map((it) => [it.id, it.kind === 'comment' ? hostile('typed') : it.kind === 'ladder' ? '1' : '2']));
    await post(`${r}/themes/1`, first).expect(303);
    await post(`${r}/submit`, {}).expect(303);
    respondentThanks = (await anon.agent.get(`${r}/thanks`).expect(200)).text;
  });

  it('escapes every hostile text on every page, chart attribute, CSV and JSON the routes give', async () => {
    const problems: string[] = [];
    const checked = { html: 0, csv: 0, json: 0, svg: 0 };
    const seenHostile = new Set<string>();
    const respondent = await w.anonymous();
    const r = `/r/${x.linkToken}`;
    await respondent.agent.post(`${r}/start`).type('form').send({ _csrf: respondent.token }).expect(303);
    const fetched: [string, { text: string; type: string; body: unknown; headers: Record<string, string> }][] = [];
    for (const route of listRoutes(w.app).filter((rt) => rt.method === 'GET' && !isStream(rt))) {
      const url = fillPath(route.path, w, x, { qid, version: '1' });
      const agent = route.path.startsWith('/r/') ? respondent.agent : w.owner.agent;
      const res = await agent.get(url).buffer(true);
      expect(`${url} -> ${res.status}`).not.toMatch(/-> 5\d\d$/);
      const text = res.text ?? (Buffer.isBuffer(res.body) ? res.body.toString('utf8') : '');
      fetched.push([url, { text, type: res.type, body: res.body, headers: res.headers as Record<string, string> }]);
    }
    fetched.push(['/r/…/thanks after sending', { text: respondentThanks, type: 'text/html', body: undefined, headers: {} }]);
    // Pages for a respondent on the role and theme pages once a role is chosen.
    await respondent.agent.post(`${r}/role`).type('form').send({ _csrf: respondent.token, role: w.services.rounds.get(x.roundId).roles[0].id }).expect(303);
    for (const p of [`${r}/themes/1`, `${r}/themes/2`, `${r}/check`, `${r}/saved`]) {
      fetched.push([p, { text: (await respondent.agent.get(p)).text, type: 'text/html', body: undefined, headers: {} }]);
    }
    // The join page with a hostile code in the query string.
    fetched.push(['/join?code=…', { text: (await respondent.agent.get(`/join?code=${encodeURIComponent(hostile())}`)).text, type: 'text/html', body: undefined, headers: {} }]);

    for (const [url, res] of fetched) {
      for (const m of res.text.matchAll(/X(\d+)/g)) seenHostile.add(m[1]);
      if (res.type === 'text/html') {
        checked.html++;
        for (const p of htmlProblems(res.text)) problems.push(`${url}: ${p}`);
        const rest = unisolated(res.text);
        const at = rest.indexOf(RLO);
        if (at !== -1) problems.push(`${url}: a right-to-left override outside an isolate: …${rest.slice(Math.max(0, at - 80), at + 20)}…`);
      } else if (res.type === 'text/csv') {
        checked.csv++;
        for (const cell of parseCsv(res.text.replace(/^\uFEFF/, '')).flat()) {
          if (formula(cell)) problems.push(`${url}: CSV cell would run as a formula: ${JSON.stringify(cell.slice(0, 60))}`);
        }
      } else if (res.type === 'application/json') {
        checked.json++;
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        JSON.parse(res.text);
      } else if (res.type === 'image/svg+xml') {
        checked.svg++;
        if (/<script|xss/i.test(res.text)) problems.push(`${url}: hostile text in an SVG`);
      }
    }
    expect(problems).toEqual([]);
    // The sweep saw the hostile texts (so it proves something), in every kind of output.
    expect(checked.html).toBeGreaterThan(25);
    expect(checked.csv).toBeGreaterThanOrEqual(3);
    expect(checked.json).toBeGreaterThanOrEqual(2);
    expect(seenHostile.size).toBeGreaterThan(100);
  });

  it('keeps hostile text as data in JSON (no double escaping, nothing lost)', async () => {
    const res = await w.owner.agent.get(`/api/rounds/${x.roundId}/results`).expect(200);
    expect(res.body.round.name).toBe(w.services.rounds.get(x.roundId).name);
    expect(res.body.round.organisation).toBe(w.services.organisations.get(x.orgId).name);
    expect(JSON.stringify(res.body)).toContain('<script>xss(');
  });

  it('has a CSRF token in the page forms it checked (the pages were real, signed-in pages)', async () => {
    expect(csrfFrom((await w.owner.agent.get(`/admin/rounds/${x.roundId}/report`)).text)).toBe(w.owner.token);
  });
});

/** Every unescaped output tag, `<%- … %>` (also with `-%>` or `_%>` closing), and its body. */
const UNESCAPED = /<%-([\s\S]*?)[-_]?%>/g;
/**
 * A body that is one include(...) call and nothing else: the parenthesis opened after `include`
 * (skipping quoted strings) closes at the very end.
 */
const INCLUDE_ONLY = {
  test(body: string): boolean {
    const m = /^\s*include\(/.exec(body);
    if (!m) return false;
    let depth = 1;
    let quote: string | null = null;
    for (let i = m[0].length; i < body.length; i++) {
      const c = body[i];
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = null;
      } else if (c === "'" || c === '"' || c === '`') quote = c;
      else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return /^\s*;?\s*$/.test(body.slice(i + 1));
    }
    return false;
  },
};

describe('templates (issue 13, item 2)', () => {
  /** Every .ejs file under views/. */
  const templates = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? templates(path.join(dir, e.name)) : e.name.endsWith('.ejs') ? [path.join(dir, e.name)] : []));

  it('use unescaped output (<%-) only to include other templates', () => {
    const files = templates(VIEWS_DIR);
    expect(files.length).toBeGreaterThan(30);
    const offenders: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(UNESCAPED)) {
        if (!INCLUDE_ONLY.test(m[1])) offenders.push(`${path.relative(VIEWS_DIR, file)}: ${m[0].slice(0, 80)}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the check itself catches unescaped output', () => {
    const bodies = (t: string) => [...t.matchAll(UNESCAPED)].map((m) => INCLUDE_ONLY.test(m[1]));
    expect(bodies("<%- round.name %>")).toEqual([false]);
    expect(bodies("<%- include('a') + round.name %>")).toEqual([false]);
    expect(bodies("<%- include('a')); x(') %>")).toEqual([false]);
    expect(bodies("<%-include('../partials/head', { title: t(')') }) -%>")).toEqual([true]);
    expect(bodies("<%- include(kind === 'c' ? 'x' : 'y', { q }) %>")).toEqual([true]);
  });
});
