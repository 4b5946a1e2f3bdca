// Dates and action-status words inside Welsh sentences on the respondents' pages are Welsh (issue
// 15): times in the page language through Intl ('cy' in Node's full ICU), status words from the catalogue.
import request from 'supertest';
import { formatCalendarDate, zonedTime } from '../../src/web/time-zone';
import { fakeClock, makeTestApp } from '../helpers/app';
import { respond } from '../helpers/respond';
import { openRound } from '../helpers/rounds';

describe('dates in the page language', () => {
  it.each([
    ['Europe/London', Date.UTC(2026, 11, 1, 9, 0), 'cy', '1 Rhagfyr 2026 am 09:00 GMT'],
    ['Europe/London', Date.UTC(2026, 1, 14, 17, 30), 'cy', '14 Chwefror 2026 am 17:30 GMT'],
    // In a British summer the English short name is BST; ICU's Welsh has only the offset.
    ['Europe/London', Date.UTC(2026, 6, 1, 8, 0), 'cy', '1 Gorffennaf 2026 am 09:00 GMT+1'],
    ['Europe/London', Date.UTC(2026, 6, 1, 8, 0), 'en', '1 July 2026 at 09:00 BST'],
    ['UTC', Date.UTC(2026, 7, 31, 23, 59), 'cy', '31 Awst 2026 am 23:59 UTC'],
    // A language the dates are not written in falls back to English, not to a half-translated line.
    ['Europe/London', Date.UTC(2026, 11, 1, 9, 0), 'fr', '1 December 2026 at 09:00 GMT'],
  ])('%s %d in %s is "%s"', (zone, ms, language, shown) => {
    expect(zonedTime(zone).formatDateTime(ms, language)).toBe(shown);
  });

  it('writes a typed calendar date in words, and leaves anything else as it is', () => {
    expect(formatCalendarDate('2027-03-31', 'cy')).toBe('31 Mawrth 2027');
    expect(formatCalendarDate('2027-03-31')).toBe('31 March 2027');
    expect(formatCalendarDate('2027-02-30', 'cy')).toBe('2027-02-30');
    expect(formatCalendarDate('soon', 'cy')).toBe('soon');
  });

  it('formats a date alone, and English by default', () => {
    const z = zonedTime('Europe/London');
    expect(z.formatDate(Date.UTC(2026, 5, 1, 12), 'cy')).toBe('1 Mehefin 2026');
    expect(z.formatDate(Date.UTC(2026, 5, 1, 12))).toBe('1 June 2026');
    expect(z.formatDateTime(Date.UTC(2026, 2, 1, 9))).toBe('1 March 2026 at 09:00 GMT');
  });

  it('a Welsh round that opens later says when in Welsh; an English visitor reads it in English', async () => {
    const clock = fakeClock(Date.UTC(2026, 5, 30, 9, 0));
    const ctx = makeTestApp({ clock });
    const later = openRound(ctx, { defaultLanguage: 'cy', opensAt: Date.UTC(2026, 6, 1, 8, 0) });
    const welsh = await request(ctx.app).get(`/r/${later.linkToken}`).expect(403);
    expect(welsh.text).toContain('yn agor ar 1 Gorffennaf 2026 am 09:00 GMT+1.');
    expect(welsh.text).not.toContain('July');
    const english = openRound(ctx, { opensAt: Date.UTC(2026, 6, 1, 8, 0) });
    expect((await request(ctx.app).get(`/r/${english.linkToken}`).expect(403)).text).toContain('opens on 1 July 2026 at 09:00 BST.');
  });
});

describe('action status on the Welsh results page', () => {
  it('words each status in the page language, with no English span left', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx, { defaultLanguage: 'cy' });
    for (let i = 0; i < 6; i++) respond(ctx, round, 'lived', { 'ld-shared': String(i % 5) });
    const closed = ctx.services.rounds.close(round.id);
    const action = (status: 'planned' | 'in-progress' | 'done' | 'dropped', what: string) =>
      ctx.services.actions.create(closed, { themeId: 'leadership', what, lead: 'Cadeirydd', dueOn: '2027-03-31', status, note: '' });
    action('planned', 'Cyd-gadeirio');
    action('in-progress', 'Talu pobl');
    action('done', 'Dweud wrth bobl');
    action('dropped', 'Cyfarfodydd hwyr');
    ctx.services.resultsPage.publish(closed);
    const res = await request(ctx.app).get(`/r/${closed.linkToken}/results`).expect(200);
    expect(res.text).toContain('Nawr: wedi&#39;i gynllunio.');
    expect(res.text).toContain('Dan arweiniad <bdi>Cadeirydd</bdi>, erbyn 31 Mawrth 2027. Nawr: ar y gweill.');
    expect(res.text).toContain('Nawr: wedi&#39;i wneud.');
    expect(res.text).toContain('Nawr: wedi&#39;i roi o&#39;r neilltu.');
    expect(res.text).not.toMatch(/lang="en-GB">(planned|in progress|done|dropped)/);
    // The radar's own words (title and series) are Welsh too; only the data is data.
    expect(res.text).toContain('&#34;title&#34;:&#34;Sgoriau ar gyfer pob thema (0 i 100)&#34;');
    expect(res.text).toContain('&#34;label&#34;:&#34;Pawb&#34;');
    expect(res.text).not.toContain('Everyone');
    const english = await request(ctx.app).get(`/r/${closed.linkToken}/results`).set('Cookie', 'ps_wording=en').expect(200);
    expect(english.text).toContain('Led by <bdi>Cadeirydd</bdi>, by 31 March 2027. Now: in progress.');
    expect(english.text).toContain('Now: dropped.');
  });
});
