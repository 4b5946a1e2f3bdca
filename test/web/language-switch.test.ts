// POST /language: the language switch of the pages outside a round (routes/language.ts).
import request from 'supertest';
import { sameSitePath } from '../../src/web/routes/language';
import { csrfFrom, makeTestApp } from '../helpers/app';
import { ownerSession } from '../helpers/admin';

/** A fresh visitor with a session cookie and a CSRF token from the sign-in page. */
async function visitor(ctx: ReturnType<typeof makeTestApp>, cookie?: string) {
  const agent = request.agent(ctx.app);
  const page = await (cookie ? agent.get('/admin/login').set('Cookie', cookie) : agent.get('/admin/login'));
  return { agent, token: csrfFrom(page.text), page };
}

const wordingCookie = (res: request.Response) =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('ps_wording='))?.split(';')[0];

describe('POST /language', () => {
  it('sets the language, keeps the page to go back to, and the next page is in Welsh', async () => {
    const ctx = makeTestApp();
    const { agent, token, page } = await visitor(ctx);
    expect(page.text).toContain('<html lang="en-GB">');
    // The switch offers the other language, in its own name and marked as Welsh.
    expect(page.text).toMatch(/<button[^>]*name="language" value="cy" lang="cy">Cymraeg<\/button>/);
    expect(page.text).not.toMatch(/name="language" value="en"/);
    const res = await agent.post('/language').type('form').send({ _csrf: token, language: 'cy', back: '/admin/login?x=1' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin/login?x=1');
    expect(wordingCookie(res)).toBe('ps_wording=cy');
    const welsh = await agent.get('/admin/login').expect(200);
    expect(welsh.text).toContain('<html lang="cy">');
    expect(welsh.text).toMatch(/<button[^>]*name="language" value="en" lang="en-GB">English<\/button>/);
  });

  it('keeps the Easy Read mark of the cookie', async () => {
    const ctx = makeTestApp();
    const { agent, token } = await visitor(ctx, 'ps_wording=en.er');
    const res = await agent.post('/language').set('Cookie', 'ps_wording=en.er').type('form').send({ _csrf: token, language: 'cy', back: '/' });
    expect(res.status).toBe(303);
    expect(wordingCookie(res)).toBe('ps_wording=cy.er');
  });

  it.each([['fr'], [''], ['cy.er'], ['EN']])('refuses the language %p with 400 and sets no cookie', async (language) => {
    const ctx = makeTestApp();
    const { agent, token } = await visitor(ctx);
    const res = await agent.post('/language').type('form').send({ _csrf: token, language, back: '/admin' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Choose one of the languages offered.');
    expect(wordingCookie(res)).toBeUndefined();
  });

  it('refuses a missing language, in the page language of the visitor', async () => {
    const ctx = makeTestApp();
    const { agent, token } = await visitor(ctx);
    const res = await agent.post('/language').set('Accept-Language', 'cy').type('form').send({ _csrf: token });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Dewiswch un o&#39;r ieithoedd a gynigir.');
  });

  it.each([
    ['https://evil.example/admin'],
    ['//evil.example/admin'],
    ['/\\evil.example'],
    ['\\\\evil.example'],
    ['javascript:alert(1)'],
    ['/admin\n/x'],
    ['admin'],
    [''],
  ])('sends an off-site or odd back %p to /', async (back) => {
    const ctx = makeTestApp();
    const { agent, token } = await visitor(ctx);
    const res = await agent.post('/language').type('form').send({ _csrf: token, language: 'cy', back });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
  });

  it('goes back to / without a back, and takes the first of repeated fields', async () => {
    const ctx = makeTestApp();
    const { agent, token } = await visitor(ctx);
    const none = await agent.post('/language').type('form').send({ _csrf: token, language: 'cy' });
    expect(none.headers.location).toBe('/');
    const twice = await agent.post('/language').type('form').send(`_csrf=${encodeURIComponent(token)}&language=en&language=cy&back=/admin&back=//evil`);
    expect(twice.status).toBe(303);
    expect(twice.headers.location).toBe('/admin');
    expect(wordingCookie(twice)).toBe('ps_wording=en');
  });

  it('is CSRF-protected', async () => {
    const ctx = makeTestApp();
    const { agent } = await visitor(ctx);
    const res = await agent.post('/language').type('form').send({ language: 'cy', back: '/' });
    expect(res.status).toBe(403);
    expect(wordingCookie(res)).toBeUndefined();
  });

  it('is in the header of the signed-in admin pages, going back to the page it is on', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const page = await browser.agent.get('/admin/account').expect(200);
    expect(page.text).toContain('<form method="post" action="/language"');
    expect(page.text).toContain('name="back" value="/admin/account"');
    const res = await browser.post('/admin/account', '/language', { language: 'cy', back: '/admin/account' });
    expect(res.headers.location).toBe('/admin/account');
    expect((await browser.agent.get('/admin/account')).text).toContain('<html lang="cy">');
    // A page's query comes back with it (a trends page's chosen rounds, say), escaped in the form.
    const withQuery = await browser.agent.get('/admin/account?rounds=1&rounds=2').expect(200);
    expect(withQuery.text).toContain('name="back" value="/admin/account?rounds=1&amp;rounds=2"');
  });
});

describe('sameSitePath', () => {
  it('keeps a path with its query and fragment, and normalises dot segments', () => {
    expect(sameSitePath('/admin/rounds/3?tab=x#top')).toBe('/admin/rounds/3?tab=x#top');
    expect(sameSitePath('/admin/../admin/account')).toBe('/admin/account');
    expect(sameSitePath(undefined)).toBe('/');
    expect(sameSitePath(['/admin'])).toBe('/');
    expect(sameSitePath(`/${'a'.repeat(2001)}`)).toBe('/');
  });
});
