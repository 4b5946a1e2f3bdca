import request from 'supertest';
import { makeTestApp } from '../helpers/app';
import { createMember, ownerSession, signIn } from '../helpers/admin';
import { respond } from '../helpers/respond';
import { openRound } from '../helpers/rounds';

async function setup() {
  const ctx = makeTestApp();
  const { owner, browser } = await ownerSession(ctx);
  const round = openRound(ctx);
  for (let i = 0; i < 10; i++) respond(ctx, round, i < 6 ? 'staff' : 'lived', { 'ld-shared': String(i % 5), 'leadership-comment': `Thoughtful remark ${i}` });
  return { ctx, owner, browser, round };
}

describe('admin report', () => {
  it('is linked from the round page and shows figures, charts, comments and controls', async () => {
    const { browser, round } = await setup();
    const page = await browser.agent.get(`/admin/rounds/${round.id}`).expect(200);
    expect(page.text).toContain(`href="/admin/rounds/${round.id}/report"`);
    const res = await browser.agent.get(`/admin/rounds/${round.id}/report`).expect(200);
    expect(res.text).toContain('Annual check 2026: results');
    expect(res.text).toContain('Riverside Mental Health Trust');
    expect(res.text).toContain('data-chart=');
    expect(res.text).toContain('/vendor/chart.umd.min.js');
    expect(res.text).toContain('Thoughtful remark 3');
    expect(res.text).toContain('Hide this comment');
    expect(res.text).toContain('Download anonymised answers (CSV)');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('needs a signed-in admin, and gives 404 for another organisation\'s round', async () => {
    const { ctx, owner, round } = await setup();
    const anon = await request(ctx.app).get(`/admin/rounds/${round.id}/report`);
    expect(anon.status).toBe(303);
    expect(anon.headers.location).toBe('/admin/login');
    const otherOrg = ctx.services.organisations.create('Elsewhere');
    await createMember(ctx, owner, [otherOrg.id], 'member@example.org');
    const member = await signIn(ctx, 'member@example.org');
    for (const path of ['report', 'results.csv', 'answers.csv', 'answers-dictionary.csv']) {
      await member.agent.get(`/admin/rounds/${round.id}/${path}`).expect(404);
    }
    await member.agent.get(`/api/rounds/${round.id}/results`).expect(404);
  });

  it('downloads both CSVs', async () => {
    const { browser, round } = await setup();
    const results = await browser.agent.get(`/admin/rounds/${round.id}/results.csv`).expect(200);
    expect(results.headers['content-disposition']).toMatch(/results\.csv"$/);
    const answers = await browser.agent.get(`/admin/rounds/${round.id}/answers.csv`).expect(200);
    expect(answers.text.trim().split('\r\n')).toHaveLength(11);
  });

  it('downloads a data dictionary naming every column of the answers CSV and every code', async () => {
    const { browser, round } = await setup();
    const report = await browser.agent.get(`/admin/rounds/${round.id}/report`).expect(200);
    expect(report.text).toContain(`href="/admin/rounds/${round.id}/answers-dictionary.csv"`);
    const answers = await browser.agent.get(`/admin/rounds/${round.id}/answers.csv`).expect(200);
    const res = await browser.agent.get(`/admin/rounds/${round.id}/answers-dictionary.csv`).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/answers-dictionary\.csv"$/);
    const unquote = (line: string) => line.split('","').map((c) => c.replace(/^\uFEFF?"|"$/g, ''));
    const [header, ...rows] = res.text.trim().split('\r\n').map(unquote);
    expect(header).toEqual(['column', 'question', 'theme_id', 'theme', 'kind', 'code', 'meaning']);
    // Every column of the answers export is explained.
    const columns = unquote(answers.text.split('\r\n')[0]);
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(columns));
    // A practice item: Never..Always as 0..4, then dont_know, not_shown and empty.
    const shared = rows.filter((r) => r[0] === 'ld-shared');
    expect(shared.map((r) => r[5])).toEqual(['0', '1', '2', '3', '4', 'dont_know', 'not_shown', '']);
    expect(shared[0].slice(1, 5)).toEqual(['Leadership here is shared among many people, including people who use services.', 'leadership', 'Heroic or shared leadership', 'practice']);
    expect(shared[0][6]).toBe('Never (lowest)');
    // A ladder item: its own rungs.
    const ladder = rows.filter((r) => r[0] === 'cp-last-change');
    expect(ladder[0][4]).toBe('ladder');
    expect(ladder.filter((r) => /^\d+$/.test(r[5])).map((r) => r[6])).toEqual([
      'Not involved at all (lowest)', 'Told after the decision was made', 'Asked for comments on a finished plan',
      'Asked what mattered to them before plans were made', 'Helped to shape the choices', 'Shared the final decision', 'Led the change (highest)',
    ]);
    // Roles as written in the answers file, and "Other".
    expect(rows.filter((r) => r[0] === 'role').map((r) => r[5])).toContain('Other');
  });

  it('hides a comment from every output and shows it again', async () => {
    const { ctx, browser, round } = await setup();
    const id = (ctx.db.prepare("SELECT id FROM comments WHERE body = 'Thoughtful remark 3'").get() as { id: number }).id;
    const report = `/admin/rounds/${round.id}/report`;
    const hide = await browser.post(report, `/admin/rounds/${round.id}/comments/${id}`, { hidden: 'true' });
    expect(hide.status).toBe(303);
    const after = await browser.agent.get(report);
    expect(after.text).toContain('The comment is hidden from every output.');
    expect(after.text).toContain('Show this comment again');
    const api = await browser.agent.get(`/api/rounds/${round.id}/results`).expect(200);
    expect(JSON.stringify(api.body)).not.toContain('Thoughtful remark 3');
    expect(JSON.stringify(api.body)).toContain('Thoughtful remark 4');
    await browser.post(report, `/admin/rounds/${round.id}/comments/${id}`, { hidden: 'false' });
    expect(JSON.stringify((await browser.agent.get(`/api/rounds/${round.id}/results`)).body)).toContain('Thoughtful remark 3');
    const bad = await browser.post(report, `/admin/rounds/${round.id}/comments/999999`, { hidden: 'true' });
    expect(bad.status).toBe(404);
  });

  it('creates a share link shown once, which opens the report until revoked', async () => {
    const { ctx, browser, round } = await setup();
    const report = `/admin/rounds/${round.id}/report`;
    const made = await browser.post(report, `/admin/rounds/${round.id}/share-links`, { label: 'January board', showComments: 'yes' });
    expect(made.status).toBe(303);
    const page = await browser.agent.get(report);
    const url = /<code>(http:\/\/[^<]+\/share\/[A-Za-z0-9_-]+)<\/code>/.exec(page.text)?.[1];
    expect(url).toBeDefined();
    expect(page.text).toContain('January board');
    expect((await browser.agent.get(report)).text).not.toContain(url!); // shown once
    const path = new URL(url!).pathname;
    const shared = await request(ctx.app).get(path).expect(200);
    expect(shared.text).toContain('Thoughtful remark');
    const [link] = ctx.services.shareLinks.listForRound(round.id);
    await browser.post(report, `/admin/rounds/${round.id}/share-links/${link.id}/revoke`);
    await request(ctx.app).get(path).expect(404);
  });

  it('refuses to act without a CSRF token', async () => {
    const { browser, round } = await setup();
    await browser.agent.post(`/admin/rounds/${round.id}/share-links`).type('form').send({ label: 'x' }).expect(403);
  });

  it('serves the JSON API to a signed-in admin, documented fields present', async () => {
    const { browser, round } = await setup();
    const res = await browser.agent.get(`/api/rounds/${round.id}/results`).expect(200);
    expect(res.body).toMatchObject({ round: { id: round.id, name: 'Annual check 2026' }, minGroupSize: 5, belowMinimum: false });
    expect(res.body.respondents.total).toBe(10);
    expect(res.body.themes).toHaveLength(8);
  });
});
