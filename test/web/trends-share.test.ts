import request from 'supertest';
import { makeTestApp } from '../helpers/app';
import { createMember, ownerSession, signIn } from '../helpers/admin';
import { openRound } from '../helpers/rounds';
import { respond } from '../helpers/respond';
import { threeYears } from '../helpers/trends';

async function setup() {
  const ctx = makeTestApp();
  const { owner, browser } = await ownerSession(ctx);
  const { organisationId, rounds } = threeYears(ctx);
  return { ctx, owner, browser, organisationId, rounds };
}

describe('board share links for trends (scope "trends")', () => {
  it('an admin makes a link on the trends page, shown once; the board reads the trends, CSV and JSON without signing in', async () => {
    const { ctx, browser, organisationId, rounds } = await setup();
    const trendsPath = `/admin/organisations/${organisationId}/trends`;
    const made = await browser.post(trendsPath, `${trendsPath}/share-links`, { label: 'Board, January' });
    expect([made.status, made.headers.location]).toEqual([303, `${trendsPath}#share`]);
    const page = await browser.agent.get(trendsPath).expect(200);
    const url = /<code>([^<]+)<\/code>/.exec(page.text)![1];
    const token = /\/share\/([A-Za-z0-9_-]+)$/.exec(url)![1];
    expect(page.text).toContain('Board, January');
    expect((await browser.agent.get(trendsPath)).text).not.toContain(url); // shown once
    expect(ctx.db.prepare('SELECT scope, round_id AS roundId FROM share_links').all()).toEqual([{ scope: 'trends', roundId: null }]);
    expect(JSON.stringify(ctx.db.prepare('SELECT * FROM share_links').all())).not.toContain(token); // only its hash

    const board = await request(ctx.app).get(`/share/${token}`).expect(200);
    expect(board.headers['set-cookie']).toBeUndefined();
    expect(board.headers['x-robots-tag']).toBe('noindex');
    expect(board.text).toContain('Year on year');
    expect(board.text).toContain('Larger than the noise');
    expect(board.text).not.toContain('Create a share link');
    expect(board.text).not.toContain('Back to the organisation');
    expect(board.text).not.toContain('/api/organisations');
    const csv = await request(ctx.app).get(`/share/${token}/trends.csv`).expect(200);
    expect(csv.text).toContain('"Heroic or shared leadership","Staff member or volunteer","Annual check 2026","5","95"');
    const json = await request(ctx.app).get(`/api/organisations/${organisationId}/trends`).set('Authorization', `Bearer ${token}`).expect(200);
    expect(json.body.rounds.map((r: { roundId: number }) => r.roundId)).toEqual(rounds.map((r) => r.id));
    await request(ctx.app).get(`/api/organisations/${organisationId}/trends`).set('Authorization', `Bearer ${token}`).expect(200);
    // Two rounds, chosen by the board with the page's form.
    const two = await request(ctx.app).get(`/share/${token}?compare=1&rounds=${rounds[0].id}&rounds=${rounds[1].id}`).expect(200);
    expect(two.text).toContain('Comparing <bdi>Annual check 2024</bdi> and <bdi>Annual check 2025</bdi>.');
  });

  it('covers closed rounds only', async () => {
    const { ctx, organisationId, rounds } = await setup();
    const open = openRound(ctx, { name: 'Annual check 2027' }, 'open', organisationId);
    for (let i = 0; i < 5; i++) respond(ctx, open, 'staff', { 'ld-shared': '4' });
    const { token } = ctx.services.shareLinks.createForTrends(organisationId, { label: '' });
    const page = await request(ctx.app).get(`/share/${token}`).expect(200);
    expect(page.text).not.toContain('Annual check 2027');
    const res = await request(ctx.app).get(`/api/organisations/${organisationId}/trends?rounds=${rounds[2].id},${open.id}`).set('Authorization', `Bearer ${token}`).expect(400);
    expect(res.body.error).toBe(`Not a closed round of this organisation: ${open.id}. Choose from the rounds listed on the page.`);
    await request(ctx.app).get(`/share/${token}?rounds=${rounds[2].id},${open.id}`).expect(400);
  });

  it('is 404 once revoked, for another organisation, and for a round link on the trends API (and the other way round)', async () => {
    const { ctx, browser, organisationId, rounds } = await setup();
    const { id, token } = ctx.services.shareLinks.createForTrends(organisationId, { label: 'Board' });
    const roundToken = ctx.services.shareLinks.createForRound(rounds[0].id, { label: '', showComments: false }).token;
    // A round link still opens its round report at the same address.
    expect((await request(ctx.app).get(`/share/${roundToken}`).expect(200)).text).toContain('Annual check 2024: results');
    await request(ctx.app).get(`/api/organisations/${organisationId}/trends`).set('Authorization', `Bearer ${roundToken}`).expect(404);
    await request(ctx.app).get(`/api/rounds/${rounds[0].id}/results`).set('Authorization', `Bearer ${token}`).expect(404);
    await request(ctx.app).get(`/share/${token}/results.csv`).expect(404);
    const other = ctx.services.organisations.create('Elsewhere');
    await request(ctx.app).get(`/api/organisations/${other.id}/trends`).set('Authorization', `Bearer ${token}`).expect(404);

    const trendsPath = `/admin/organisations/${organisationId}/trends`;
    const revoked = await browser.post(trendsPath, `${trendsPath}/share-links/${id}/revoke`);
    expect(revoked.status).toBe(303);
    expect((await browser.agent.get(trendsPath)).text).toContain('Revoked');
    await request(ctx.app).get(`/share/${token}`).expect(404);
    await request(ctx.app).get(`/share/${token}/trends.csv`).expect(404);
    await request(ctx.app).get(`/api/organisations/${organisationId}/trends`).set('Authorization', `Bearer ${token}`).expect(404);
    // Revoking twice, or another organisation's link: 404.
    const again = await browser.post(trendsPath, `${trendsPath}/share-links/${id}/revoke`);
    expect(again.status).toBe(404);
  });

  it('lets only admins of the organisation make or revoke links', async () => {
    const { ctx, owner, organisationId } = await setup();
    const { id } = ctx.services.shareLinks.createForTrends(organisationId, { label: 'Board' });
    const other = ctx.services.organisations.create('Elsewhere');
    await createMember(ctx, owner, [other.id], 'member@example.org');
    const member = await signIn(ctx, 'member@example.org');
    const token = await member.token();
    await member.agent.post(`/admin/organisations/${organisationId}/trends/share-links`).type('form').send({ _csrf: token, label: 'x' }).expect(404);
    await member.agent.post(`/admin/organisations/${organisationId}/trends/share-links/${id}/revoke`).type('form').send({ _csrf: token }).expect(404);
    expect(ctx.services.shareLinks.listForTrends(organisationId)).toEqual([expect.objectContaining({ id, revokedAt: null })]);
    expect(ctx.services.shareLinks.listForTrends(other.id)).toEqual([]);
    await request(ctx.app).post(`/admin/organisations/${organisationId}/trends/share-links`).type('form').send({ label: 'x' }).expect(403);
  });
});
