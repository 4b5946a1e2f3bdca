import request from 'supertest';
import { fakeClock, makeTestApp } from '../helpers/app';
import { createMember, ownerSession, signIn } from '../helpers/admin';
import { threeYears } from '../helpers/trends';

async function setup() {
  const ctx = makeTestApp({ clock: fakeClock(Date.UTC(2026, 10, 22, 9)) });
  const { owner, browser } = await ownerSession(ctx);
  const { organisationId, rounds } = threeYears(ctx);
  return { ctx, owner, browser, organisationId, rounds };
}

describe('the board summary of the trends page (?print=summary)', () => {
  it('gives one table of scores round by round with the latest change and verdict, the flags and the action plans; detail on request', async () => {
    const { ctx, browser, organisationId, rounds } = await setup();
    ctx.services.actions.create(rounds[0], { themeId: 'leadership', what: 'Share the chair', lead: 'Chair', dueOn: '2025-03-31', status: 'done', note: 'Two co-chairs.' });
    const base = `/admin/organisations/${organisationId}/trends`;
    const full = await browser.agent.get(base).expect(200);
    const ids = rounds.map((r) => r.id).join(',');
    expect(full.text).toContain(`href="${base}?rounds=${ids}&amp;print=summary"`);
    const res = await browser.agent.get(`${base}?rounds=${ids}&print=summary`).expect(200);
    expect(res.text).toContain('Year on year: board summary');
    expect(res.text).toContain('Theme scores, round by round');
    expect(res.text).toContain('Change since <bdi>Annual check 2025</bdi>');
    expect(res.text).toMatch(/larger than the noise/);
    expect(res.text).toContain('Flags, round by round');
    expect(res.text).toContain('Action plans and progress');
    expect(res.text).toContain('Two co-chairs.');
    expect(res.text).not.toContain('Appendix: each theme in full');
    expect(res.text).not.toContain('change between consecutive rounds');
    expect(res.text).not.toContain('Rounds to compare'); // the picker is for the full page
    const detail = await browser.agent.get(`${base}?rounds=${ids}&print=summary&detail=1`).expect(200);
    expect(detail.text).toContain('Appendix: each theme in full');
    expect(detail.text).toContain('change between consecutive rounds');
  });

  it('works through a trends share link, and is 404 for another organisation', async () => {
    const { ctx, owner, organisationId } = await setup();
    const link = ctx.services.shareLinks.createForTrends(organisationId, { label: 'Board' });
    const res = await request(ctx.app).get(`/share/${link.token}?print=summary`).expect(200);
    expect(res.text).toContain('Year on year: board summary');
    expect(res.text).toContain('Theme scores, round by round');
    const other = ctx.services.organisations.create('Another Trust');
    await createMember(ctx, owner, [other.id]);
    const member = await signIn(ctx, 'member@example.org');
    await member.agent.get(`/admin/organisations/${organisationId}/trends?print=summary`).expect(404);
  });
});
