import { ConfigError, loadConfig } from '../../src/config';
import { zonedTime } from '../../src/web/time-zone';
import { browserLike, makeTestApp } from '../helpers/app';
import { ownerSession } from '../helpers/admin';

/** The round form with every required field, overridable. */
function roundFields(fields: Record<string, string> = {}) {
  return { name: 'Annual check 2026', questionnaire: 'power-sharing@1', form: 'full', mode: 'survey', roles: ['lived', 'staff'], minGroupSize: '5', opensAt: '', closesAt: '', intro: '', customRoles: '', ...fields };
}

describe('the organisation time zone (issue 19.7)', () => {
  it('comes from TIME_ZONE, else a usable TZ, else Europe/London; a bad TIME_ZONE stops start-up', () => {
    expect(loadConfig({}).timeZone).toBe('Europe/London');
    expect(loadConfig({ TZ: 'America/New_York' }).timeZone).toBe('America/New_York');
    expect(loadConfig({ TZ: ':/etc/localtime' }).timeZone).toBe('Europe/London');
    expect(loadConfig({ TZ: 'UTC', TIME_ZONE: 'Europe/Paris' }).timeZone).toBe('Europe/Paris');
    expect(() => loadConfig({ TIME_ZONE: 'Mars/Olympus' })).toThrow(ConfigError);
    expect(() => loadConfig({ TIME_ZONE: 'Mars/Olympus' })).toThrow(/TIME_ZONE="Mars\/Olympus" must be a time zone name/);
  });

  it.each([
    ['Europe/London', '2026-12-01T09:00', Date.UTC(2026, 11, 1, 9, 0), '1 December 2026 at 09:00 GMT'],
    ['Europe/London', '2026-07-01T09:00', Date.UTC(2026, 6, 1, 8, 0), '1 July 2026 at 09:00 BST'],
    // The clocks go forward at 01:00 on 29 March 2026: 01:30 does not exist and lands at 02:30 BST.
    ['Europe/London', '2026-03-29T01:30', Date.UTC(2026, 2, 29, 1, 30), '29 March 2026 at 02:30 BST'],
    // They go back at 02:00 on 25 October 2026: 01:30 happens twice; the first (BST) is taken.
    ['Europe/London', '2026-10-25T01:30', Date.UTC(2026, 9, 25, 0, 30), '25 October 2026 at 01:30 BST'],
    ['UTC', '2026-07-01T09:00', Date.UTC(2026, 6, 1, 9, 0), '1 July 2026 at 09:00 UTC'],
    ['Australia/Sydney', '2026-01-15T09:00', Date.UTC(2026, 0, 14, 22, 0), '15 January 2026 at 09:00 GMT+11'],
  ])('reads %s wall-clock %s as the right instant and shows it back', (zone, typed, instant, shown) => {
    const z = zonedTime(zone);
    expect(z.parseLocal(typed)).toBe(instant);
    expect(z.formatDateTime(instant)).toBe(shown);
    if (!typed.startsWith('2026-03-29T01')) expect(z.toLocal(instant)).toBe(typed);
  });

  it('refuses times that do not exist on any calendar', () => {
    const z = zonedTime('Europe/London');
    for (const bad of ['2026-02-31T09:00', '2026-13-01T09:00', '2026-01-01T24:00', '1 March 2026', '']) expect(z.parseLocal(bad)).toBeUndefined();
  });

  it('the round form takes and shows times in the organisation time zone, with a hint that matches the control', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const org = ctx.services.organisations.create('Org');
    const form = await browser.agent.get(`/admin/organisations/${org.id}/rounds/new`);
    expect(form.text).toContain('Times are Europe/London time');
    expect(form.text).not.toContain('UTC');
    expect(form.text).toContain('Choose a day and a time, for example 1 March 2026 at 09:00.');
    expect(form.text).not.toContain('2026-03-01 09:00');
    const res = await browser.submit(`/admin/organisations/${org.id}/rounds/new`, roundFields({ opensAt: '2026-07-01T09:00', closesAt: '2026-07-31T17:30' }), `/admin/organisations/${org.id}/rounds`);
    expect(res.status).toBe(303);
    const id = Number(/(\d+)$/.exec(res.headers.location)![1]);
    expect(ctx.services.rounds.get(id)).toMatchObject({ opensAt: Date.UTC(2026, 6, 1, 8, 0), closesAt: Date.UTC(2026, 6, 31, 16, 30) });
    expect((await browser.agent.get(`/admin/rounds/${id}`)).text).toContain('1 July 2026 at 09:00 BST');
    const edit = await browser.agent.get(`/admin/rounds/${id}/edit`);
    expect(edit.text).toContain('value="2026-07-01T09:00"');
    expect(edit.text).toContain('value="2026-07-31T17:30"');
    const bad = await browser.submit(`/admin/organisations/${org.id}/rounds/new`, roundFields({ opensAt: '2026-02-31T09:00' }), `/admin/organisations/${org.id}/rounds`);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter the opening time as a day and a time, for example 1 March 2026 at 09:00');
  });

  it('another configured zone is used the same way', async () => {
    const ctx = makeTestApp({ config: { timeZone: 'UTC' } });
    const { browser } = await ownerSession(ctx);
    const org = ctx.services.organisations.create('Org');
    const res = await browser.submit(`/admin/organisations/${org.id}/rounds/new`, roundFields({ opensAt: '2026-07-01T09:00' }), `/admin/organisations/${org.id}/rounds`);
    const id = Number(/(\d+)$/.exec(res.headers.location)![1]);
    expect(ctx.services.rounds.get(id).opensAt).toBe(Date.UTC(2026, 6, 1, 9, 0));
  });

  it('offers questionnaires as radios, so a long title wraps instead of being cut off', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const org = ctx.services.organisations.create('Org');
    const form = (await browser.agent.get(`/admin/organisations/${org.id}/rounds/new`)).text;
    expect(form).not.toContain('<select');
    expect(form).toContain('<legend>Questionnaire</legend>');
    expect(form).toMatch(/<label for="questionnaire">Power-sharing self-assessment, version 1 \(built in\)<\/label>/);
  });
});

describe('set-up reports every problem at once (issue 19.7)', () => {
  it('a password mismatch is reported together with a missing code and a bad email', async () => {
    const ctx = makeTestApp();
    const b = browserLike(ctx.app);
    const res = await b.submit('/admin/setup', { code: '', email: '', password: 'violet-harbour-kettle-58', confirm: 'violet-harbour-kettle-59' });
    expect(res.status).toBe(400);
    const summary = [...res.text.matchAll(/<a href="#(\w+)">/g)].map((m) => m[1]);
    expect(summary).toEqual(['code', 'email', 'confirm']);
    expect(res.text).toContain('The two passwords are not the same');
  });

  it('and together with a weak password and a wrong code', async () => {
    const ctx = makeTestApp();
    ctx.services.accounts.issueSetupCode();
    const b = browserLike(ctx.app);
    const res = await b.submit('/admin/setup', { code: 'WRONG-CODE', email: 'owner@example.org', password: 'password', confirm: 'passwort' });
    expect(res.status).toBe(400);
    const summary = [...res.text.matchAll(/<a href="#(\w+)">/g)].map((m) => m[1]);
    expect(summary).toEqual(['code', 'password', 'confirm']);
  });
});
