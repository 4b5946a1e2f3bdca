import request from 'supertest';
import { fakeClock, makeTestApp } from '../helpers/app';
import { createMember, ownerSession, signIn } from '../helpers/admin';
import { openRound } from '../helpers/rounds';
import { threeYears } from '../helpers/trends';

async function setup() {
  // Today is 2026-11-22 (UTC).
  const ctx = makeTestApp({ clock: fakeClock(Date.UTC(2026, 10, 22, 9)) });
  const { owner, browser } = await ownerSession(ctx);
  const { organisationId, rounds } = threeYears(ctx);
  return { ctx, owner, browser, organisationId, rounds };
}

const ACTION = { themeId: 'leadership', what: 'Co-chair the service board with a person who uses services', lead: 'Head of engagement', dueOn: '2025-03-31', status: 'in-progress' as const, note: '' };

describe('action plans', () => {
  it('adds an action on the round page, shows it on the report, and on the next round’s report and the trends page, marked overdue', async () => {
    const { ctx, browser, organisationId, rounds } = await setup();
    const [y1, y2] = rounds;
    const form = await browser.agent.get(`/admin/rounds/${y1.id}/actions/new`).expect(200);
    expect(form.text).toContain('Add an action');
    const res = await browser.post(`/admin/rounds/${y1.id}/actions/new`, `/admin/rounds/${y1.id}/actions`, ACTION);
    expect([res.status, res.headers.location]).toEqual([303, `/admin/rounds/${y1.id}#actions`]);
    const page = await browser.agent.get(`/admin/rounds/${y1.id}`).expect(200);
    expect(page.text).toContain('The action is added to the plan.');
    expect(page.text).toContain(ACTION.what);
    expect(page.text).toContain('Overdue'); // due 2025-03-31, still in progress on 2026-11-22

    const own = await browser.agent.get(`/admin/rounds/${y1.id}/report`).expect(200);
    expect(own.text).toContain('Agreed after this round');
    expect(own.text).toContain(ACTION.what);
    const next = await browser.agent.get(`/admin/rounds/${y2.id}/report`).expect(200);
    expect(next.text).toContain('Agreed after <bdi>Annual check 2024</bdi>, and how it went');
    expect(next.text).toContain('Agreed after <bdi>Annual check 2024</bdi> for this theme:');
    expect(next.text).toContain('In progress <strong class="tag tag-flag">Overdue</strong>');

    const api = await browser.agent.get(`/api/rounds/${y1.id}/results`).expect(200);
    expect(api.body.actions).toEqual([{ themeId: 'leadership', what: ACTION.what, lead: ACTION.lead, dueOn: '2025-03-31', status: 'in-progress', note: '', overdue: true }]);
    const trends = await browser.agent.get(`/admin/organisations/${organisationId}/trends`).expect(200);
    expect(trends.text).toContain('Heroic or shared leadership: actions agreed after each round, and how they went');
    expect(trends.text).toContain(ACTION.what);
    const json = await browser.agent.get(`/api/organisations/${organisationId}/trends`).expect(200);
    const leadership = (json.body.themes as { themeId: string; actions: unknown[] }[]).find((t) => t.themeId === 'leadership')!;
    expect(leadership.actions).toEqual([{ round: y1.id, what: ACTION.what, lead: ACTION.lead, dueOn: '2025-03-31', status: 'in-progress', note: '', overdue: true }]);
    void ctx;
  });

  it('shows the plan on a report that has no results yet (fewer than the minimum answered)', async () => {
    const { ctx, browser, organisationId } = await setup();
    const empty = openRound(ctx, { name: 'Annual check 2027' }, 'closed', organisationId);
    ctx.services.actions.create(empty, { ...ACTION, dueOn: '2027-06-30', status: 'planned' });
    const report = await browser.agent.get(`/admin/rounds/${empty.id}/report`).expect(200);
    expect(report.text).toContain('Not enough people have answered yet to show results.');
    expect(report.text).toContain('Agreed after this round');
    expect(report.text).not.toContain('and how it went'); // the earlier rounds agreed no actions
  });

  it('changes an action (done is never overdue) and deletes it', async () => {
    const { ctx, browser, rounds } = await setup();
    const round = rounds[0];
    const id = ctx.services.actions.create(round, { ...ACTION, status: 'planned' });
    const edit = await browser.agent.get(`/admin/rounds/${round.id}/actions/${id}/edit`).expect(200);
    expect(edit.text).toContain(`value="2025-03-31"`);
    const saved = await browser.post(`/admin/rounds/${round.id}/actions/${id}/edit`, `/admin/rounds/${round.id}/actions/${id}`, { ...ACTION, status: 'done', note: 'Two co-chairs since June.' });
    expect(saved.status).toBe(303);
    expect(ctx.services.actions.get(round, id)).toMatchObject({ status: 'done', note: 'Two co-chairs since June.', overdue: false });
    const page = await browser.agent.get(`/admin/rounds/${round.id}`).expect(200);
    expect(page.text).not.toContain('Overdue');
    const del = await browser.post(`/admin/rounds/${round.id}`, `/admin/rounds/${round.id}/actions/${id}/delete`);
    expect(del.status).toBe(303);
    expect(ctx.services.actions.list(round)).toEqual([]);
  });

  it('re-renders the form with 400, an error summary and the typed values when the form is wrong', async () => {
    const { ctx, browser, rounds } = await setup();
    const round = rounds[0];
    const path = `/admin/rounds/${round.id}/actions`;
    const empty = await browser.post(`${path}/new`, path, {});
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('There is a problem');
    for (const [field, message] of [
      ['themeId', 'Choose the theme the action is about'],
      ['what', 'Say what will be done'],
      ['lead', 'Say who leads it (a role or a name)'],
      ['dueOn', 'Enter the date it is due by as a real date, for example 2026-03-31'],
      ['status', 'Choose a status: planned, in progress, done or dropped'],
    ]) {
      expect(empty.text).toContain(`<a href="#${field}">${message}</a>`);
    }
    const bad = await browser.post(`${path}/new`, path, { ...ACTION, dueOn: '2026-02-30', what: 'Keep this text' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter the date it is due by as a real date');
    expect(bad.text).toContain('Keep this text');
    const theme = await browser.post(`${path}/new`, path, { ...ACTION, themeId: 'no-such-theme' });
    expect(theme.status).toBe(400);
    expect(theme.text).toContain('Choose one of the round’s themes');
    const long = await browser.post(`${path}/new`, path, { ...ACTION, note: 'x'.repeat(2001) });
    expect(long.status).toBe(400);
    expect(long.text).toContain('Keep the note to 2000 characters or fewer');
    expect(ctx.services.actions.list(round)).toEqual([]);
  });

  it('refuses without CSRF, and answers 404 for another organisation’s round or another round’s action', async () => {
    const { ctx, owner, browser, rounds } = await setup();
    const [y1, y2] = rounds;
    const id = ctx.services.actions.create(y1, ACTION);
    const token = await browser.token();
    await browser.agent.post(`/admin/rounds/${y1.id}/actions`).type('form').send(ACTION).expect(403);
    await browser.agent.get(`/admin/rounds/${y2.id}/actions/${id}/edit`).expect(404);
    await browser.agent.post(`/admin/rounds/${y2.id}/actions/${id}/delete`).type('form').send({ _csrf: token }).expect(404);
    await browser.agent.post(`/admin/rounds/${y2.id}/actions/${id}`).type('form').send({ ...ACTION, _csrf: token }).expect(404);
    const other = ctx.services.organisations.create('Elsewhere');
    await createMember(ctx, owner, [other.id], 'member@example.org');
    const member = await signIn(ctx, 'member@example.org');
    const memberToken = await member.token();
    await member.agent.get(`/admin/rounds/${y1.id}/actions/new`).expect(404);
    await member.agent.get(`/admin/rounds/${y1.id}/actions/${id}/edit`).expect(404);
    await member.agent.post(`/admin/rounds/${y1.id}/actions`).type('form').send({ ...ACTION, _csrf: memberToken }).expect(404);
    await member.agent.post(`/admin/rounds/${y1.id}/actions/${id}/delete`).type('form').send({ _csrf: memberToken }).expect(404);
    expect(ctx.services.actions.list(y1)).toHaveLength(1);
    await request(ctx.app).get(`/admin/rounds/${y1.id}/actions/new`).expect(303);
  });

  it('the table refuses an impossible date even past the form', () => {
    const ctx = makeTestApp();
    const { rounds } = threeYears(ctx);
    expect(() => ctx.db.prepare("INSERT INTO actions (round_id, theme_id, what, lead, due_on, created_at, updated_at) VALUES (?, 'leadership', 'x', 'y', '2026-02-30', 0, 0)").run(rounds[0].id)).toThrow(/CHECK/);
  });
});
