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
    const b = browserLike(app);
    await b.agent.get('/').expect(200);
    const switched = await b.submit('/', { language: 'cy', _return: 'home' }, '/join/wording');
    expect(switched.status).toBe(303);
    expect(switched.headers.location).toBe('/');
    const welsh = await b.agent.get('/').expect(200);
    expect(welsh.text).toContain('<html lang="cy">');
    await b.submit('/', { language: 'en', _return: 'home' }, '/join/wording');
    expect((await b.agent.get('/').expect(200)).text).toContain('<h2>Were you given a code?</h2>');
  });

  it('refuses a switch without the form token, and ignores a language the pages do not have', async () => {
    const { app } = makeTestApp();
    await request(app).post('/join/wording').type('form').send({ language: 'cy', _return: 'home' }).expect(403);
    const b = browserLike(app);
    await b.agent.get('/').expect(200);
    const odd = await b.submit('/', { language: 'fr', _return: 'https://evil.example/' }, '/join/wording');
    expect(odd.headers.location).toBe('/join');
    expect((await b.agent.get('/').expect(200)).text).toContain('<html lang="en-GB">');
  });
});
