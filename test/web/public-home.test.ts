// The home page in the visitor's language (issue 15): every word from the catalogue, Welsh for a
// Welsh visitor, and a language switch that works without JavaScript.
import request from 'supertest';
import { browserLike, makeTestApp } from '../helpers/app';

describe('home page in English and Welsh', () => {
  it('speaks English by default and offers Cymraeg, marked as Welsh', async () => {
    const { app } = makeTestApp();
    const res = await request(app).get('/').expect(200);
    expect(res.text).toContain('<html lang="en-GB">');
    expect(res.text).toContain('<h1>Powershare</h1>');
    expect(res.text).toContain('If someone asked you to answer a questionnaire, <a href="/join">enter your code to start</a>. You can skip');
    expect(res.text).toContain('<button type="submit" class="button-secondary button-small" name="language" value="cy" lang="cy">Cymraeg</button>');
    expect(res.text).toContain('<input type="hidden" name="_return" value="home">');
  });

  it('speaks Welsh to a browser that asks for it, with an English switch marked en-GB', async () => {
    const { app } = makeTestApp();
    const res = await request(app).get('/').set('Accept-Language', 'cy-GB,cy;q=0.9,en;q=0.5').expect(200);
    expect(res.text).toContain('<html lang="cy">');
    expect(res.text).toContain('<h2>Ydych chi wedi cael cod?</h2>');
    expect(res.text).toContain('Os gofynnodd rhywun i chi ateb holiadur, <a href="/join">rhowch eich cod i ddechrau</a>.');
    expect(res.text).toContain('Gall sefydliadau, byrddau a hyfforddwyr <a href="/admin">fewngofnodi i sefydlu rownd</a> a darllen y canlyniadau.');
    expect(res.text).toContain('value="en" lang="en-GB">English</button>');
    expect(res.text).not.toMatch(/Were you given a code|Running a round|sign in to set up/);
  });

  it('switches to Welsh and back with the button, coming back to the home page', async () => {
    const { app } = makeTestApp();
    const agent = request.agent(app);
    const home = await agent.get('/').expect(200);
    // A form like a link: no token, and the page set no cookie.
    expect(home.text).toContain('<form method="get" action="/join/wording">');
    expect(home.text).not.toContain('name="_csrf"');
    expect(home.headers['set-cookie']).toBeUndefined();
    const switched = await agent.get('/join/wording?_return=home&language=cy').expect(303);
    expect(switched.headers.location).toBe('/');
    expect(String(switched.headers['set-cookie'])).toMatch(/^ps_wording=cy;/);
    const welsh = await agent.get('/').expect(200);
    expect(welsh.text).toContain('<html lang="cy">');
    await agent.get('/join/wording?_return=home&language=en').expect(303);
    expect((await agent.get('/').expect(200)).text).toContain('<h2>Were you given a code?</h2>');
  });

  it('changes nothing but the language cookie, ignores a language the pages do not have, and goes back to its own pages only', async () => {
    const { app } = makeTestApp();
    const odd = await request(app).get('/join/wording?language=fr&_return=https://evil.example/').expect(303);
    expect(odd.headers.location).toBe('/join');
    expect(odd.headers['set-cookie']).toBeUndefined();
    const twice = await request(app).get('/join/wording?language=cy&language=en&_return=resume').expect(303);
    expect(twice.headers.location).toBe('/resume');
    expect(twice.headers['set-cookie']).toBeUndefined();
    // A POST, even with a good token, is not how it is used: nothing answers it.
    const b = browserLike(app);
    const posted = await b.submit('/join', { language: 'cy' }, '/join/wording');
    expect(posted.status).toBe(404);
    expect(posted.headers['set-cookie'] ?? []).not.toEqual(expect.arrayContaining([expect.stringMatching(/^ps_wording=/)]));
  });
});
