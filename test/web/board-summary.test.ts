import request from 'supertest';
import { fakeClock, makeTestApp } from '../helpers/app';
import { createMember, ownerSession, signIn } from '../helpers/admin';
import { openRound } from '../helpers/rounds';
import { threeYears } from '../helpers/trends';

async function setup() {
  const ctx = makeTestApp({ clock: fakeClock(Date.UTC(2026, 10, 22, 9)) });
  const { owner, browser } = await ownerSession(ctx);
  const { organisationId, rounds } = threeYears(ctx);
  return { ctx, owner, browser, organisationId, rounds };
}

describe('the board summary of a round report (?print=summary)', () => {
  it('gives the title block, who answered, summary, radar, one table with change since the last round, flags and the plan', async () => {
    const { ctx, browser, rounds } = await setup();
    const [y1, y2, y3] = rounds;
    ctx.services.actions.create(y2, { themeId: 'leadership', what: 'Share the chair', lead: 'Chair', dueOn: '2026-03-31', status: 'done', note: 'Done in May.' });
    const full = await browser.agent.get(`/admin/rounds/${y3.id}/report`).expect(200);
    expect(full.text).toContain(`href="/admin/rounds/${y3.id}/report?print=summary"`);
    const res = await browser.agent.get(`/admin/rounds/${y3.id}/report?print=summary`).expect(200);
    expect(res.text).toContain('Annual check 2026</bdi>: board summary');
    expect(res.text).toContain('Who answered');
    expect(res.text).toContain('The strongest');
    expect(res.text).toContain('data-chart=');
    expect(res.text).toContain('Change since <bdi>Annual check 2025</bdi>');
    // 2025 to 2026 on leadership, everyone: a large rise (see test/helpers/trends.ts), larger than the noise.
    expect(res.text).toMatch(/\+\d+\.\d, larger than the noise/);
    expect(res.text).toContain('Action plan and progress');
    expect(res.text).toContain('Share the chair');
    expect(res.text).toContain('Done in May.');
    // No per-theme detail unless asked for.
    expect(res.text).not.toContain('Appendix: each theme in full');
    expect(res.text).not.toContain('How people answered');
    const detail = await browser.agent.get(`/admin/rounds/${y3.id}/report?print=summary&detail=1`).expect(200);
    expect(detail.text).toContain('Appendix: each theme in full');
    expect(detail.text).toContain('How groups see it');

    // The first round has nothing before it: the page says so.
    const first = await browser.agent.get(`/admin/rounds/${y1.id}/report?print=summary`).expect(200);
    expect(first.text).toContain('There is no earlier closed round of this questionnaire to compare with, so no change is shown.');
    expect(first.text).not.toContain('Change since');
  });

  it('never shows a group the report hides (2025: carers and partners)', async () => {
    const { browser, rounds } = await setup();
    const res = await browser.agent.get(`/admin/rounds/${rounds[1].id}/report?print=summary&detail=1`).expect(200);
    expect(res.text).toContain('Family member or carer</bdi> (not shown)');
    expect(res.text).not.toMatch(/<th scope="col" class="num"><bdi>Family member or carer/);
  });

  it('works through a board share link, and is 404 for another organisation or a revoked link', async () => {
    const { ctx, owner, rounds } = await setup();
    const round = rounds[2];
    const link = ctx.services.shareLinks.createForRound(round.id, { label: 'Board', showComments: false });
    const shared = await request(ctx.app).get(`/share/${link.token}?print=summary`).expect(200);
    expect(shared.text).toContain('board summary');
    expect(shared.text).toContain(`href="/share/${link.token}"`);
    const full = await request(ctx.app).get(`/share/${link.token}`).expect(200);
    expect(full.text).toContain(`/share/${link.token}?print=summary`);

    const other = ctx.services.organisations.create('Another Trust');
    await createMember(ctx, owner, [other.id]);
    const member = await signIn(ctx, 'member@example.org');
    await member.agent.get(`/admin/rounds/${round.id}/report?print=summary`).expect(404);

    ctx.services.shareLinks.revoke(round.id, link.id);
    await request(ctx.app).get(`/share/${link.token}?print=summary`).expect(404);
  });

  it('says there are no results yet when fewer than the minimum answered', async () => {
    const { ctx, browser, organisationId } = await setup();
    const empty = openRound(ctx, { name: 'Annual check 2027' }, 'closed', organisationId);
    const res = await browser.agent.get(`/admin/rounds/${empty.id}/report?print=summary`).expect(200);
    expect(res.text).toContain('No results to show yet.');
  });

  it('shows the ordinary report for any other print value', async () => {
    const { browser, rounds } = await setup();
    const res = await browser.agent.get(`/admin/rounds/${rounds[2].id}/report?print=everything`).expect(200);
    expect(res.text).toContain('How these results are worked out');
    expect(res.text).not.toContain('board summary');
  });
});
