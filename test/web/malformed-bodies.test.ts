import { makeTestApp, type TestContext } from '../helpers/app';
import { createMember, ownerSession } from '../helpers/admin';
import { captureLogs } from '../helpers/logs';
import { openRound } from '../helpers/rounds';

type Session = Awaited<ReturnType<typeof ownerSession>>;

/** An array nested `depth` deep around one string: String() of it overflows the stack. */
const deep = (depth: number) => {
  let s = '"lived"';
  for (let i = 0; i < depth; i++) s = `[${s}]`;
  return s;
};

/** Every error the app logs (a 500 logs one): the tests below expect none. */
let logs: ReturnType<typeof captureLogs>;
const errorsLogged = () => logs.entries().filter((e) => e.level === 'error' || e.level === 'fatal');

async function setUp() {
  const ctx = makeTestApp({ logger: logs.logger });
  const session = await ownerSession(ctx);
  const round = openRound(ctx, {}, 'draft');
  const member = await createMember(ctx, session.owner, [round.organisationId]);
  const token = await session.browser.token('/admin');
  return { ctx, ...session, round, member, token };
}

/** The four form routes the review found, each with a valid CSRF token, so only the body is wrong. */
const routes = (s: { round: { id: number; organisationId: number }; member: { id: number } }): [string, 'roles' | 'organisations'][] => [
  [`/admin/organisations/${s.round.organisationId}/rounds`, 'roles'],
  [`/admin/rounds/${s.round.id}/edit`, 'roles'],
  ['/admin/accounts', 'organisations'],
  [`/admin/accounts/${s.member.id}/access`, 'organisations'],
];

const postJson = (browser: Session['browser'], path: string, token: string, json: string) =>
  browser.agent.post(path).set('Content-Type', 'application/json').set('X-CSRF-Token', token).send(json);

describe('malformed bodies are 400 or 415, never 500 (issue 17.2)', () => {
  beforeEach(() => {
    logs = captureLogs();
  });
  afterEach(() => {
    // A 500 logs an error: fail loudly instead of hiding it.
    expect(errorsLogged()).toEqual([]);
  });

  it.each([
    ['an object with toString', (token: string, field: string) => JSON.stringify({ _csrf: token, name: 'R', role: 'member', [field]: { toString: 1 } })],
    ['a 20,000-deep array', (token: string, field: string) => `{"_csrf":${JSON.stringify(token)},"name":"R","role":"member","${field}":${deep(20_000)}}`],
    ['a number and null', (token: string) => JSON.stringify({ _csrf: token, name: 5, roles: null, organisations: [1, 2] })],
    ['a list of lists', (token: string) => JSON.stringify({ _csrf: token, roles: [['lived']], organisations: [['1']] })],
    ['a top-level array', () => JSON.stringify([{ roles: 'lived' }])],
    ['too many list items', (token: string) => JSON.stringify({ _csrf: token, roles: Array.from({ length: 501 }, (_, i) => `r${i}`) })],
  ])('%s to the round form, round edit, accounts and account access routes', async (_what, body) => {
    const s = await setUp();
    for (const [path, field] of routes(s)) {
      const res = await postJson(s.browser, path, s.token, body(s.token, field));
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.text).toContain('Send each field as text or as a list of text');
    }
    expect(s.ctx.services.rounds.listByOrganisation(s.round.organisationId)).toHaveLength(1);
    expect(s.ctx.services.accounts.list()).toHaveLength(2);
  });

  it('still lets a well-formed JSON body with a token through to the handler', async () => {
    const s = await setUp();
    const res = await postJson(s.browser, `/admin/accounts/${s.member.id}/access`, s.token, JSON.stringify({ role: 'member', organisations: [] }));
    expect(res.status).toBe(303);
    expect(s.ctx.services.accounts.organisationIds(s.member.id)).toEqual([]);
    // And a form-shaped JSON body with a bad value gets the ordinary form error, from the handler.
    const bad = await postJson(s.browser, `/admin/organisations/${s.round.organisationId}/rounds`, s.token, JSON.stringify({ name: 'R', mode: 'survey', roles: ['nobody'] }));
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Choose roles from the list');
  });

  it('answers a body of a type nothing reads with 415', async () => {
    const s = await setUp();
    const res = await s.browser.agent.post(routes(s)[0][0]).set('Content-Type', 'text/plain').set('X-CSRF-Token', s.token).send('name=R');
    expect(res.status).toBe(415);
    expect(res.text).toContain('application/x-www-form-urlencoded');
    const api = await s.browser.agent.post('/api/rounds/1/results').set('Content-Type', 'application/xml').send('<a/>');
    expect(api.status).toBe(415);
    expect(api.body.error).toMatch(/Send the form as/);
  });
});

describe('malformed uploads to the questionnaire import are 400 (issue 17.2)', () => {
  const importPath = '/admin/questionnaires/import';
  const post = async (ctx: TestContext, contentType: string, body: string) => {
    const { browser } = await ownerSession(ctx);
    const token = await browser.token(importPath);
    return browser.agent.post(importPath).set('Content-Type', contentType).set('X-CSRF-Token', token).send(body);
  };

  it.each([
    ['no boundary', 'multipart/form-data', '--x\r\nContent-Disposition: form-data; name="definition"; filename="a.json"\r\n\r\n{}\r\n--x--\r\n'],
    [
      'a body cut short',
      'multipart/form-data; boundary=xyz',
      '--xyz\r\nContent-Disposition: form-data; name="definition"; filename="a.json"\r\nContent-Type: application/json\r\n\r\n{"id": "mini", "ver',
    ],
    ['a malformed part header', 'multipart/form-data; boundary=xyz', '--xyz\r\nthis is not a header\r\n\r\n{}\r\n--xyz--\r\n'],
  ])('%s', async (_what, contentType, body) => {
    logs = captureLogs();
    const ctx = makeTestApp({ logger: logs.logger });
    const res = await post(ctx, contentType, body);
    expect(errorsLogged()).toEqual([]);
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/The upload could not be read|Send one JSON file/);
    expect(ctx.services.questionnaires.list().every((q) => q.builtIn)).toBe(true);
  });
});
