import QRCode from 'qrcode';
import request from 'supertest';
import { QR_OPTIONS } from '../../src/web/admin/rounds';
import { makeTestApp, type TestContext } from '../helpers/app';
import { createMember, ownerSession, signIn } from '../helpers/admin';
import { openRound } from '../helpers/rounds';

type Browser = Awaited<ReturnType<typeof signIn>>;

const roundFields = (overrides: Record<string, string | string[]> = {}) => ({
  name: 'Annual check 2026',
  questionnaire: 'power-sharing@1',
  form: 'full',
  mode: 'survey',
  roles: ['lived', 'carer', 'staff'],
  customRoles: '',
  minGroupSize: '',
  opensAt: '',
  closesAt: '',
  intro: '',
  ...overrides,
});

/** Adds one response with this role straight into the database (the respondent journey is tested elsewhere). */
function addResponse(ctx: TestContext, roundId: number, role: string) {
  ctx.db.prepare("INSERT INTO responses (round_id, role, questionnaire_version, submitted_on) VALUES (?, ?, 1, '2026-11-22')").run(roundId, role);
}

async function createRoundViaForm(browser: Browser, orgId: number, fields: Record<string, string | string[]> = {}) {
  const res = await browser.submit(`/admin/organisations/${orgId}/rounds/new`, roundFields(fields), `/admin/organisations/${orgId}/rounds`);
  expect(res.status).toBe(303);
  return Number(/\/admin\/rounds\/(\d+)$/.exec(res.headers.location)![1]);
}

describe('organisations', () => {
  it('an owner adds one and renames it; names are escaped', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const res = await browser.submit('/admin', { name: '  Riverside <Trust> & Co  ' }, '/admin/organisations');
    expect(res.status).toBe(303);
    const page = await browser.agent.get(res.headers.location).expect(200);
    expect(page.text).toContain('Riverside &lt;Trust&gt; &amp; Co');
    expect(page.text).not.toContain('<Trust>');
    const org = ctx.services.organisations.listAll()[0];
    expect(org.name).toBe('Riverside <Trust> & Co');
    const renamed = await browser.submit(`/admin/organisations/${org.id}`, { name: 'Riverside Trust' }, `/admin/organisations/${org.id}/name`);
    expect(renamed.status).toBe(303);
    expect((await browser.agent.get(`/admin/organisations/${org.id}`)).text).toContain('The organisation is now called “Riverside Trust”');
  });

  it('refuses an empty name with 400 and an error summary', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const res = await browser.submit('/admin', { name: '   ' }, '/admin/organisations');
    expect(res.status).toBe(400);
    expect(res.text).toContain('href="#name"');
    const org = ctx.services.organisations.create('Org');
    const rename = await browser.submit(`/admin/organisations/${org.id}`, { name: '' }, `/admin/organisations/${org.id}/name`);
    expect(rename.status).toBe(400);
    expect(ctx.services.organisations.get(org.id).name).toBe('Org');
  });

  it('only owners add organisations (403 for a member)', async () => {
    const ctx = makeTestApp();
    const { owner } = await ownerSession(ctx);
    const org = ctx.services.organisations.create('Org');
    await createMember(ctx, owner, [org.id]);
    const member = await signIn(ctx, 'member@example.org');
    const home = await member.agent.get('/admin').expect(200);
    expect(home.text).not.toContain('action="/admin/organisations"');
    const res = await member.post('/admin', '/admin/organisations', { name: 'Mine' });
    expect(res.status).toBe(403);
    expect(ctx.services.organisations.listAll()).toHaveLength(1);
  });
});

describe('creating and changing rounds', () => {
  it('creates a draft round from the form, with custom roles', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const org = ctx.services.organisations.create('Org');
    const form = await browser.agent.get(`/admin/organisations/${org.id}/rounds/new`).expect(200);
    expect(form.text).toContain('<input type="radio" id="questionnaire" name="questionnaire" value="power-sharing@1" checked>');
    expect(form.text).toMatch(/<legend>Roles people can choose from<\/legend>/);
    expect(form.text).toContain('Times are Europe/London time');
    const id = await createRoundViaForm(browser, org.id, {
      mode: 'workshop',
      form: 'short',
      customRoles: 'Peer support worker\r\n\r\npeer support worker\nCommissioner (NHS)',
      minGroupSize: '3',
      opensAt: '2026-12-01T09:00',
      closesAt: '2026-12-31T17:30',
      intro: '  Why we ask.  ',
    });
    const round = ctx.services.rounds.get(id);
    expect(round).toMatchObject({
      name: 'Annual check 2026',
      organisationId: org.id,
      form: 'short',
      mode: 'workshop',
      minGroupSize: 3,
      opensAt: Date.UTC(2026, 11, 1, 9, 0),
      closesAt: Date.UTC(2026, 11, 31, 17, 30),
      intro: 'Why we ask.',
      status: 'draft',
    });
    expect(round.roles.map((r) => r.id)).toEqual(['lived', 'carer', 'staff', 'custom-peer-support-worker', 'custom-commissioner-nhs']);
    expect(round.roles[3].label).toBe('Peer support worker');
    const page = await browser.agent.get(`/admin/rounds/${id}`).expect(200);
    expect(page.text).toContain('created as a draft');
    // December in London is GMT, so the wall clock and UTC agree (summer time is tested apart).
    expect(page.text).toContain('1 December 2026 at 09:00 GMT');
  });

  it('uses the default minimum group size of 5 when left blank', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const org = ctx.services.organisations.create('Org');
    const id = await createRoundViaForm(browser, org.id);
    expect(ctx.services.rounds.get(id).minGroupSize).toBe(5);
  });

  it.each([
    [{ name: '' }, 'name', 'Enter a name for the round'],
    [{ name: 'x'.repeat(201) }, 'name', '200 characters'],
    [{ questionnaire: 'nope@9' }, 'questionnaire', 'Choose a questionnaire'],
    [{ form: '' }, 'form', 'Choose the full form or the short form'],
    [{ mode: 'party' }, 'mode', 'Choose survey or workshop'],
    [{ roles: [], customRoles: '' }, 'roles', 'Offer at least one role'],
    [{ roles: ['lived', 'pirate'] }, 'roles', 'Choose roles from the list'],
    [{ customRoles: 'x'.repeat(101) }, 'customRoles', '100 characters'],
    [{ customRoles: Array.from({ length: 21 }, (_, i) => `Role ${i}`).join('\n') }, 'customRoles', 'at most 20'],
    [{ minGroupSize: '2' }, 'minGroupSize', 'at least 3'],
    [{ minGroupSize: 'five' }, 'minGroupSize', 'whole number'],
    [{ minGroupSize: '4.5' }, 'minGroupSize', 'whole number'],
    [{ opensAt: '2026-02-30T09:00' }, 'opensAt', 'opening time'],
    [{ closesAt: 'tomorrow' }, 'closesAt', 'closing time'],
    [{ opensAt: '2026-12-02T09:00', closesAt: '2026-12-01T09:00' }, 'closesAt', 'after the opening time'],
    [{ intro: 'x'.repeat(2001) }, 'intro', '2,000 characters'],
  ])('refuses %j with 400, an error summary linking to #%s, and keeps the values', async (fields, field, message) => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const org = ctx.services.organisations.create('Org');
    const res = await browser.submit(`/admin/organisations/${org.id}/rounds/new`, roundFields({ name: 'Kept <name>', ...fields }), `/admin/organisations/${org.id}/rounds`);
    expect(res.status).toBe(400);
    expect(res.text).toContain('There is a problem');
    expect(res.text).toContain(`href="#${field}"`);
    expect(res.text).toContain(message);
    expect(res.text).toMatch(new RegExp(`id="${field}"[^>]*aria-describedby="[^"]*${field}-error"|aria-describedby="[^"]*${field}-error"[^>]*>\\s*<legend>`));
    if (!('name' in fields)) expect(res.text).toContain('value="Kept &lt;name&gt;"');
    expect(ctx.services.rounds.listByOrganisation(org.id)).toEqual([]);
  });

  it('edits a round without responses, including its questionnaire settings and roles', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const org = ctx.services.organisations.create('Org');
    const id = await createRoundViaForm(browser, org.id, { customRoles: 'Peer worker' });
    const edit = await browser.agent.get(`/admin/rounds/${id}/edit`).expect(200);
    expect(edit.text).toContain('Peer worker</textarea>');
    expect(edit.text).toMatch(/value="carer" checked/);
    const res = await browser.submit(`/admin/rounds/${id}/edit`, roundFields({ name: 'Renamed', form: 'short', roles: ['staff'], customRoles: 'Peer worker' }));
    expect(res.status).toBe(303);
    const round = ctx.services.rounds.get(id);
    expect(round.name).toBe('Renamed');
    expect(round.form).toBe('short');
    expect(round.roles).toEqual([{ id: 'staff', label: 'Staff member or volunteer' }, { id: 'custom-peer-worker', label: 'Peer worker' }]);
  });

  it('fixes questionnaire, form and roles once the round has responses: the form leaves them out, a forged change is refused with 409', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = openRound(ctx);
    addResponse(ctx, round.id, 'staff');
    const edit = await browser.agent.get(`/admin/rounds/${round.id}/edit`).expect(200);
    expect(edit.text).toContain('already has responses');
    expect(edit.text).not.toContain('name="questionnaire"');
    expect(edit.text).not.toContain('name="roles"');

    // The form as shown: other settings still change.
    const ok = await browser.submit(`/admin/rounds/${round.id}/edit`, { _fixed: '1', name: 'New name', mode: 'workshop', minGroupSize: '6', opensAt: '', closesAt: '', intro: 'Hi' });
    expect(ok.status).toBe(303);
    expect(ctx.services.rounds.get(round.id)).toMatchObject({ name: 'New name', mode: 'workshop', minGroupSize: 6, roles: round.roles, form: 'full' });

    // A hand-made request changing the form and roles.
    const before = ctx.services.rounds.get(round.id);
    const forged = await browser.submit(`/admin/rounds/${round.id}/edit`, roundFields({ form: 'short', roles: ['staff'] }));
    expect(forged.status).toBe(409);
    expect(forged.text).toMatch(/already has responses, so its form, roles, minimum group size \(it can go up, not below 6\) cannot change/);
    expect(ctx.services.rounds.get(round.id)).toEqual(before);
  });
});

describe('the round page', () => {
  it('shows the status, link, join code, QR image and counts by role with the total', async () => {
    const ctx = makeTestApp({ config: { publicUrl: 'https://powershare.example.org' } });
    const { browser } = await ownerSession(ctx);
    const round = openRound(ctx);
    for (let i = 0; i < 6; i++) addResponse(ctx, round.id, 'staff');
    for (let i = 0; i < 5; i++) addResponse(ctx, round.id, 'board');
    addResponse(ctx, round.id, 'lived');
    const res = await browser.agent.get(`/admin/rounds/${round.id}`).expect(200);
    expect(res.text).toContain('tag tag-open');
    expect(res.text).toContain(`https://powershare.example.org/r/${round.linkToken}`);
    expect(res.text).toContain('Go to <strong class="mono">powershare.example.org/join</strong> and enter the code');
    expect(res.text).toContain(`${round.joinCode.slice(0, 3)} ${round.joinCode.slice(3)}`);
    expect(res.text).toMatch(new RegExp(`<img src="/admin/rounds/${round.id}/qr.svg" alt="QR code that opens the round(?:'|&#39;)s link, https://powershare.example.org/r/${round.linkToken}"`));
    // Counts follow the report's anonymity rule: 6 staff shown; 1 person with lived experience
    // is a small group, hidden with the next smallest (board, 5) so subtraction reveals nothing;
    // empty groups say "not shown" too, so they cannot be told apart.
    expect(res.text).toMatch(/<td><bdi>Staff member or volunteer<\/bdi><\/td><td class="num">6<\/td>/);
    expect(res.text).toMatch(/<td><bdi>Someone who uses services or has lived experience<\/bdi><\/td><td class="num">not shown<\/td>/);
    expect(res.text).toMatch(/<td><bdi>Family member or carer<\/bdi><\/td><td class="num">not shown<\/td>/);
    expect(res.text).toMatch(/<td><bdi>Board member or trustee<\/bdi><\/td><td class="num">not shown<\/td>/);
    expect(res.text).toMatch(/Total<\/th><td class="num"><strong>12<\/strong>/);
  });

  it('uses the address the request came to when PUBLIC_URL is not set (a host on ALLOWED_HOSTS)', async () => {
    const ctx = makeTestApp({ config: { allowedHosts: ['workshop.local'] } });
    const { browser } = await ownerSession(ctx);
    const round = openRound(ctx);
    const res = await browser.agent.get(`/admin/rounds/${round.id}`).set('Host', 'workshop.local:3000').expect(200);
    expect(res.text).toContain(`http://workshop.local:3000/r/${round.linkToken}`);
  });

  it('serves the QR code as SVG encoding exactly the round link', async () => {
    const ctx = makeTestApp({ config: { publicUrl: 'https://powershare.example.org' } });
    const { browser } = await ownerSession(ctx);
    const round = openRound(ctx);
    const res = await browser.agent.get(`/admin/rounds/${round.id}/qr.svg`).buffer(true).expect(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(res.headers['cache-control']).toBe('no-store');
    const svg = res.body.toString();
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toBe(await QRCode.toString(`https://powershare.example.org/r/${round.linkToken}`, QR_OPTIONS));
    expect(svg).not.toBe(await QRCode.toString('https://powershare.example.org/r/other', QR_OPTIONS));
    // The payload itself: the same modules as a QR code of the link, read from the library's matrix.
    const modules = QRCode.create(`https://powershare.example.org/r/${round.linkToken}`, { errorCorrectionLevel: 'M' }).modules;
    expect(svg).toContain(`viewBox="0 0 ${modules.size + 4} ${modules.size + 4}"`);
  });

  it('opens, closes and reopens a round', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = openRound(ctx, {}, 'draft');
    const page = `/admin/rounds/${round.id}`;
    expect((await browser.post(page, `${page}/open`)).status).toBe(303);
    expect(ctx.services.rounds.get(round.id).status).toBe('open');
    expect((await browser.agent.get(page)).text).toContain('Opened “Annual check 2026”');
    // Closing asks first (issue 19.6): the confirmation page's form sends confirm=yes.
    expect((await browser.post(`${page}/close`, `${page}/close`, { confirm: 'yes' })).status).toBe(303);
    expect(ctx.services.rounds.get(round.id).status).toBe('closed');
    expect((await browser.agent.get(page)).text).toContain('Reopen the round');
    expect((await browser.post(page, `${page}/open`)).status).toBe(303);
    expect(ctx.services.rounds.get(round.id).status).toBe('open');
    expect((await browser.agent.get(page)).text).toContain('Reopened');
  });

  it('duplicates a round as a draft with a new link and code', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = openRound(ctx, { opensAt: Date.UTC(2030, 0, 1), closesAt: Date.UTC(2030, 1, 1) });
    const res = await browser.post(`/admin/rounds/${round.id}`, `/admin/rounds/${round.id}/duplicate`, { name: 'Annual check 2027' });
    expect(res.status).toBe(303);
    const copyId = Number(res.headers.location.split('/').pop());
    const copy = ctx.services.rounds.get(copyId);
    expect(copy).toMatchObject({ name: 'Annual check 2027', status: 'draft', opensAt: null, closesAt: null, roles: round.roles, organisationId: round.organisationId });
    expect(copy.linkToken).not.toBe(round.linkToken);
    expect(copy.joinCode).not.toBe(round.joinCode);
    const empty = await browser.post(`/admin/rounds/${round.id}`, `/admin/rounds/${round.id}/duplicate`, { name: ' ' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('href="#copyName"');
  });

  it('deletes a round only when its name is typed exactly', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = openRound(ctx);
    addResponse(ctx, round.id, 'staff');
    const wrong = await browser.post(`/admin/rounds/${round.id}`, `/admin/rounds/${round.id}/delete`, { confirmName: 'annual check' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('href="#confirmName"');
    expect(wrong.text).toContain('value="annual check"');
    expect(ctx.services.rounds.get(round.id)).toBeDefined();
    const right = await browser.post(`/admin/rounds/${round.id}`, `/admin/rounds/${round.id}/delete`, { confirmName: 'Annual check 2026' });
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe(`/admin/organisations/${round.organisationId}`);
    expect(() => ctx.services.rounds.get(round.id)).toThrow('not found');
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM responses').get()).toEqual({ n: 0 });
    expect((await browser.agent.get(right.headers.location)).text).toContain('Deleted “Annual check 2026”');
  });

  it('answers 404 for a round that does not exist or a malformed id', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    await browser.agent.get('/admin/rounds/999').expect(404);
    await browser.agent.get('/admin/rounds/abc').expect(404);
    await browser.agent.get('/admin/rounds/0').expect(404);
    await browser.agent.get('/admin/organisations/1e3').expect(404);
  });
});

describe('access across organisations', () => {
  async function setUp() {
    const ctx = makeTestApp();
    const { owner, browser: ownerBrowser } = await ownerSession(ctx);
    const mine = ctx.services.organisations.create('Mine');
    const theirRound = openRound(ctx); // in a new organisation "Riverside Mental Health Trust"
    const myRound = ctx.services.rounds.duplicate(theirRound.id, 'Copy');
    ctx.db.prepare('UPDATE rounds SET organisation_id = ? WHERE id = ?').run(mine.id, myRound.id);
    await createMember(ctx, owner, [mine.id]);
    const member = await signIn(ctx, 'member@example.org');
    return { ctx, owner, ownerBrowser, member, mine, theirRound, myRound: ctx.services.rounds.get(myRound.id) };
  }

  it('a member sees only their organisations and rounds', async () => {
    const { member, mine, myRound, theirRound } = await setUp();
    const home = await member.agent.get('/admin').expect(200);
    expect(home.text).toContain('Mine');
    expect(home.text).not.toContain('Riverside');
    await member.agent.get(`/admin/organisations/${mine.id}`).expect(200);
    await member.agent.get(`/admin/rounds/${myRound.id}`).expect(200);
    await member.agent.get(`/admin/organisations/${theirRound.organisationId}`).expect(404);
  });

  it('answers 404 for every round and organisation route of another organisation, changing nothing', async () => {
    const { ctx, member, myRound, theirRound } = await setUp();
    const r = theirRound.id;
    const o = theirRound.organisationId;
    for (const path of [`/admin/rounds/${r}`, `/admin/rounds/${r}/edit`, `/admin/rounds/${r}/qr.svg`, `/admin/organisations/${o}`, `/admin/organisations/${o}/rounds/new`]) {
      const res = await member.agent.get(path);
      expect([path, res.status]).toEqual([path, 404]);
    }
    const token = await member.token(`/admin/rounds/${myRound.id}`);
    const posts: [string, Record<string, string | string[]>][] = [
      [`/admin/rounds/${r}/open`, {}],
      [`/admin/rounds/${r}/close`, {}],
      [`/admin/rounds/${r}/duplicate`, { name: 'Mine now' }],
      [`/admin/rounds/${r}/delete`, { confirmName: theirRound.name }],
      [`/admin/rounds/${r}/edit`, roundFields()],
      [`/admin/organisations/${o}/name`, { name: 'Hijacked' }],
      [`/admin/organisations/${o}/rounds`, roundFields()],
    ];
    for (const [path, fields] of posts) {
      const res = await member.agent.post(path).type('form').send({ ...fields, _csrf: token });
      expect([path, res.status]).toEqual([path, 404]);
    }
    expect(ctx.services.rounds.get(r)).toEqual(theirRound);
    expect(ctx.services.organisations.get(o).name).toBe('Riverside Mental Health Trust');
    expect(ctx.services.rounds.listByOrganisation(o)).toHaveLength(1);
  });

  it('an owner sees every organisation', async () => {
    const { ownerBrowser, theirRound, myRound } = await setUp();
    await ownerBrowser.agent.get(`/admin/rounds/${theirRound.id}`).expect(200);
    await ownerBrowser.agent.get(`/admin/rounds/${myRound.id}`).expect(200);
  });

  it('needs a signed-in admin for the QR code too', async () => {
    const { ctx, theirRound } = await setUp();
    const res = await request(ctx.app).get(`/admin/rounds/${theirRound.id}/qr.svg`);
    expect(res.status).toBe(303);
  });
});
