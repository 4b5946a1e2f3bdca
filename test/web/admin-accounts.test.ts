import request from 'supertest';
import { PASSWORD_LINK_TTL_MS } from '../../src/services/accounts';
import { browserLike, fakeClock, makeTestApp } from '../helpers/app';
import { createMember, ownerSession, PASSWORD, signIn } from '../helpers/admin';

const linkFrom = (html: string) => /<p class="mono">https?:\/\/[^/]+(\/admin\/set-password\/[A-Za-z0-9_-]+)<\/p>/.exec(html)?.[1];

describe('admin accounts (owners only)', () => {
  it('an owner adds a member, gets a one-time link shown once, and the member sets a password with it', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const org = ctx.services.organisations.create('Riverside');
    const form = await browser.agent.get('/admin/accounts/new').expect(200);
    expect(form.text).toContain('<legend>What can they do?</legend>');
    const res = await browser.submit('/admin/accounts/new', { email: 'New.Person@Example.org', role: 'member', organisations: String(org.id) }, '/admin/accounts');
    expect(res.status).toBe(303);
    const detail = await browser.agent.get(res.headers.location).expect(200);
    const link = linkFrom(detail.text);
    expect(link).toBeDefined();
    expect(detail.text).toContain('Account added for new.person@example.org');
    // Shown once only.
    expect(linkFrom((await browser.agent.get(res.headers.location)).text)).toBeUndefined();
    const list = await browser.agent.get('/admin/accounts').expect(200);
    expect(list.text).toContain('new.person@example.org');
    expect(list.text).toContain('Not set yet');

    const person = browserLike(ctx.app);
    const page = await person.agent.get(link!).expect(200);
    expect(page.text).toContain('new.person@example.org');
    const weak = await person.submit(link!, { password: 'new.person-12345', confirm: 'new.person-12345' });
    expect(weak.status).toBe(400);
    expect(weak.text).toContain('must not contain the first part of your email address');
    const set = await person.submit(link!, { password: PASSWORD, confirm: PASSWORD });
    expect(set.status).toBe(303);
    expect(set.headers.location).toBe('/admin/login');
    // The link is spent.
    expect((await request(ctx.app).get(link!)).status).toBe(410);
    const member = await signIn(ctx, 'new.person@example.org');
    expect((await member.agent.get('/admin')).text).toContain('Riverside');
  });

  it('a set-password link expires after 72 hours', async () => {
    const clock = fakeClock(Date.now() - 86_400_000 * 5);
    const ctx = makeTestApp({ clock });
    const { owner } = await ownerSession(ctx);
    const { token } = ctx.services.accounts.createAccount(owner, { email: 'late@example.org', role: 'member', organisationIds: [] });
    clock.advance(PASSWORD_LINK_TTL_MS);
    const res = await request(ctx.app).get(`/admin/set-password/${token}`);
    expect(res.status).toBe(410);
    expect(res.text).toContain('expired or has already been used');
    expect((await request(ctx.app).get('/admin/set-password/made-up-token')).status).toBe(410);
  });

  it('refuses a bad or taken email and keeps the values', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const bad = await browser.submit('/admin/accounts/new', { email: 'not-an-email', role: 'member' }, '/admin/accounts');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#email"');
    expect(bad.text).toContain('value="not-an-email"');
    const taken = await browser.submit('/admin/accounts/new', { email: 'OWNER@example.org', role: 'member' }, '/admin/accounts');
    expect(taken.status).toBe(400);
    expect(taken.text).toContain('already exists');
    const noRole = await browser.submit('/admin/accounts/new', { email: 'x@example.org' }, '/admin/accounts');
    expect(noRole.status).toBe(400);
    expect(noRole.text).toContain('href="#role"');
    const badOrg = await browser.submit('/admin/accounts/new', { email: 'x@example.org', role: 'member', organisations: '999' }, '/admin/accounts');
    expect(badOrg.status).toBe(400);
    expect(ctx.services.accounts.list()).toHaveLength(1);
  });

  it('changes what a member can do, and makes a new link that replaces the old one', async () => {
    const ctx = makeTestApp();
    const { owner, browser } = await ownerSession(ctx);
    const a = ctx.services.organisations.create('A');
    const b = ctx.services.organisations.create('B');
    const member = await createMember(ctx, owner, [a.id]);
    const page = `/admin/accounts/${member.id}`;
    const res = await browser.post(page, `${page}/access`, { role: 'member', organisations: [String(b.id)] });
    expect(res.status).toBe(303);
    expect(ctx.services.accounts.organisationIds(member.id)).toEqual([b.id]);
    const first = linkFrom((await browser.agent.get(((await browser.post(page, `${page}/link`)).headers.location))).text);
    const second = linkFrom((await browser.agent.get(((await browser.post(page, `${page}/link`)).headers.location))).text);
    expect(first).toBeDefined();
    expect(second).not.toBe(first);
    expect((await request(ctx.app).get(first!)).status).toBe(410);
    expect((await request(ctx.app).get(second!)).status).toBe(200);
  });

  it('refuses to let an owner change their own role or delete themselves', async () => {
    const ctx = makeTestApp();
    const { owner, browser } = await ownerSession(ctx);
    const page = `/admin/accounts/${owner.id}`;
    const detail = await browser.agent.get(page).expect(200);
    expect(detail.text).toContain('This is your own account');
    const demote = await browser.post(page, `${page}/access`, { role: 'member' });
    expect(demote.status).toBe(400);
    const del = await browser.post(page, `${page}/delete`);
    expect(del.status).toBe(409);
    expect(ctx.services.accounts.get(owner.id).role).toBe('owner');
  });

  it('deletes another account', async () => {
    const ctx = makeTestApp();
    const { owner, browser } = await ownerSession(ctx);
    const member = await createMember(ctx, owner, []);
    const res = await browser.post(`/admin/accounts/${member.id}`, `/admin/accounts/${member.id}/delete`);
    expect(res.status).toBe(303);
    expect(ctx.services.accounts.find(member.id)).toBeUndefined();
    await browser.agent.get(`/admin/accounts/${member.id}`).expect(404);
  });

  it('refuses every account page and action to an organisation member with 403', async () => {
    const ctx = makeTestApp();
    const { owner } = await ownerSession(ctx);
    await createMember(ctx, owner, []);
    const member = await signIn(ctx, 'member@example.org');
    const home = await member.agent.get('/admin').expect(200);
    expect(home.text).not.toContain('href="/admin/accounts"');
    for (const path of ['/admin/accounts', '/admin/accounts/new', `/admin/accounts/${owner.id}`]) {
      expect((await member.agent.get(path)).status).toBe(403);
    }
    const token = await member.token('/admin/account');
    for (const [path, fields] of [
      ['/admin/accounts', { email: 'sneaky@example.org', role: 'owner' }],
      [`/admin/accounts/${owner.id}/access`, { role: 'member' }],
      [`/admin/accounts/${owner.id}/link`, {}],
      [`/admin/accounts/${owner.id}/delete`, {}],
    ] as const) {
      expect((await member.agent.post(path).type('form').send({ ...fields, _csrf: token })).status).toBe(403);
    }
    expect(ctx.services.accounts.list()).toHaveLength(2);
    expect(ctx.services.accounts.get(owner.id).role).toBe('owner');
  });
});
