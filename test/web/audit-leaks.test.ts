// Attacks from the outside audit that recomputed every published figure by hand: each one tries to
// recover a group the report hides from what a share-link holder or an admin can read.
import request from 'supertest';
import { makeTestApp, type TestContext } from '../helpers/app';
import { ownerSession } from '../helpers/admin';
import { respond } from '../helpers/respond';
import { openRound } from '../helpers/rounds';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const shareJson = async (ctx: TestContext, roundId: number): Promise<Json> => {
  const token = ctx.services.shareLinks.createForRound(roundId, { label: 'Board', showComments: false }).token;
  return (await request(ctx.app).get(`/api/rounds/${roundId}/results`).set('Authorization', `Bearer ${token}`).expect(200)).body as Json;
};

describe('"Seen differently" evidence (audit finding 1)', () => {
  it('never pools a group hidden within the theme, so "total minus shown" recovers nobody', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    // Carers are 5 for the round, but only one answered co-production (75: "Often").
    for (let i = 0; i < 5; i++) respond(ctx, round, 'lived', { 'cp-early': '1', 'tk-change': '1' });
    respond(ctx, round, 'carer', { 'cp-early': '3', 'tk-change': '1' });
    for (let i = 0; i < 4; i++) respond(ctx, round, 'carer', { 'tk-change': '1' });
    for (let i = 0; i < 6; i++) respond(ctx, round, 'staff', { 'cp-early': '4', 'tk-change': '4' });
    const json = await shareJson(ctx, round.id);

    const cp = json.themes.find((t: Json) => t.themeId === 'coproduction');
    const flag = cp.flags.find((f: Json) => f.id === 'seen-differently');
    expect(flag).toMatchObject({ status: 'notEnoughPeople', raised: false, evidence: null });
    // What a reader can subtract: everyone's n minus the shown groups' n is 0 or at least k.
    const overall = json.overall.themes.find((t: Json) => t.themeId === 'coproduction');
    const shownN = cp.groups.reduce((s: number, g: Json) => s + g.n, 0);
    expect(overall.n - shownN).toBeGreaterThanOrEqual(5);
    // Every gap evidence anywhere uses only groups shown for that theme.
    for (const t of json.themes as Json[]) {
      const shown = new Set((t.groups as Json[]).map((g) => g.roleId));
      for (const f of t.flags as Json[]) {
        if (f.evidence?.kind !== 'gap') continue;
        for (const side of [f.evidence.gap.a, f.evidence.gap.b]) for (const role of side.roles) expect(shown.has(role)).toBe(true);
      }
    }
    expect(JSON.stringify(json)).not.toContain('"mean":75,');
  });
});

describe('tokenism-risk evidence (audit finding 2)', () => {
  it('publishes no ladder figures for a hidden group when the flag says "not enough people"', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    for (let i = 0; i < 6; i++) respond(ctx, round, 'staff', { 'tk-last-decision': '5', 'tk-change': '3' });
    // A board of 4 is hidden; it answered the ladder unanimously.
    for (let i = 0; i < 4; i++) respond(ctx, round, 'board', { 'tk-last-decision': '6', 'tk-change': '3' });
    for (let i = 0; i < 6; i++) respond(ctx, round, 'lived', { 'tk-last-decision': '1', 'tk-change': '1' });
    const json = await shareJson(ctx, round.id);
    const flag = json.flags.find((f: Json) => f.id === 'tokenism-risk');
    if (flag.status === 'notEnoughPeople') expect(flag.evidence).toBeNull();
    const text = JSON.stringify(json);
    expect(text).not.toMatch(/"answered":4,"matching":4/);
    expect(json.respondents.byRole.find((r: Json) => r.role === 'board').n).toBeNull();
  });
});

describe('item tables (audit finding 3)', () => {
  it('does not show one person\'s answer under their role when the rest of the group said "Don\'t know"', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    for (let i = 0; i < 4; i++) respond(ctx, round, 'staff', { 'cp-last-change': 'dk', 'cp-early': '2' });
    respond(ctx, round, 'staff', { 'cp-last-change': '6', 'cp-early': '2' });
    for (let i = 0; i < 6; i++) respond(ctx, round, 'lived', { 'cp-last-change': '1', 'cp-early': '1' });
    const json = await shareJson(ctx, round.id);
    const staff = json.groups.find((g: Json) => g.roleId === 'staff');
    const item = staff.result.themes.find((t: Json) => t.themeId === 'coproduction').items.find((i: Json) => i.itemId === 'cp-last-change');
    expect(item).toMatchObject({ shown: false, answered: null, dontKnow: null, mean: null });
    expect(item.options.every((o: Json) => o.count === null && o.share === null)).toBe(true);
    expect(item.ladder.every((g: Json) => g.count === null && g.share === null)).toBe(true);

    const { browser } = await ownerSession(ctx);
    const page = await browser.agent.get(`/admin/rounds/${round.id}/report`).expect(200);
    const ladderTable = page.text.slice(page.text.indexOf('Where people place the last change'));
    const staffRow = /<tr><th scope="row"><bdi>Staff member or volunteer<\/bdi><\/th>(.*?)<\/tr>/.exec(ladderTable)![1];
    expect(staffRow).toContain('not shown');
    expect(staffRow).not.toMatch(/100%|>1</);
  });
});

describe('answers CSV (audit finding 4)', () => {
  it('does not tie a group\'s answers to a theme it is hidden on', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    for (let i = 0; i < 6; i++) respond(ctx, round, 'staff', { 'ld-shared': '4', 'cp-early': '3' });
    // Carers: 5 for the round, but only one answered leadership.
    respond(ctx, round, 'carer', { 'ld-shared': '0', 'cp-early': '1' });
    for (let i = 0; i < 4; i++) respond(ctx, round, 'carer', { 'cp-early': '1' });
    for (let i = 0; i < 6; i++) respond(ctx, round, 'lived', { 'ld-shared': '2', 'cp-early': '0' });
    const { browser } = await ownerSession(ctx);
    const csv = (await browser.agent.get(`/admin/rounds/${round.id}/answers.csv`).expect(200)).text;
    const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const header = lines[0].split(',').map((h) => h.replace(/"/g, ''));
    const col = header.indexOf('ld-shared');
    const rows = lines.slice(1).map((l) => l.split(',').map((c) => c.replace(/"/g, '')));
    const carerRows = rows.filter((r) => r[0] === 'Family member or carer');
    expect(carerRows).toHaveLength(5);
    // Every carer row says not_shown for the leadership question, answered or not.
    expect(carerRows.map((r) => r[col])).toEqual(['not_shown', 'not_shown', 'not_shown', 'not_shown', 'not_shown']);
    // Where carers are shown (co-production), their answers are there.
    expect(carerRows.map((r) => r[header.indexOf('cp-early')])).toEqual(['1', '1', '1', '1', '1']);
    // The report withholds the same cells: carers' leadership theme is not shown.
    const report = ctx.services.results.forRound(round.id);
    expect(report.groups.find((g) => g.roleId === 'carer')!.result.themes.find((t) => t.themeId === 'leadership')!.shown).toBe(false);
  });
});

describe('a score and its band agree everywhere (audit finding 5)', () => {
  it('cuts 49.95 to 49.9 ("Starting out") on the page and in the CSV, never 50.0', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    // 83 people score tokenism 50; one scores (16.7 + 75) / 2 = 45.83: mean 49.9504.
    for (let i = 0; i < 83; i++) respond(ctx, round, 'staff', { 'tk-change': '2' });
    respond(ctx, round, 'staff', { 'tk-last-decision': '1', 'tk-change': '3' });
    const report = ctx.services.results.forRound(round.id);
    const tokenism = report.overall!.themes.find((t) => t.themeId === 'tokenism')!;
    expect(tokenism.mean).toBeCloseTo((83 * 50 + (100 / 6 + 75) / 2) / 84, 10);
    expect(tokenism.band!.label).toBe('Starting out');
    const csv = ctx.services.exports.resultsCsv(round.id).body;
    expect(csv).toContain('"Tokenism and representation","Everyone","84","49.9",');
    const { browser } = await ownerSession(ctx);
    const page = (await browser.agent.get(`/admin/rounds/${round.id}/report`).expect(200)).text;
    const section = page.slice(page.indexOf('id="theme-tokenism"'));
    expect(section).toMatch(/<p class="big-number">49\.9<\/p>/);
    expect(page).not.toContain('>50.0<');
  });
});

describe('hidden figures say "not shown", never zero (audit finding 6)', () => {
  it('gives null in JSON and "not shown" on the page for a withheld theme', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    // Staff and lived are shown; only 3 staff answered leadership, so staff (and lived, to protect them) are withheld there.
    for (let i = 0; i < 6; i++) respond(ctx, round, 'staff', i < 3 ? { 'ld-shared': '4', 'cp-early': '1' } : { 'cp-early': '2' });
    for (let i = 0; i < 6; i++) respond(ctx, round, 'lived', { 'ld-shared': '0', 'cp-early': '0' });
    const json = await shareJson(ctx, round.id);
    for (const g of json.groups as Json[]) {
      const t = g.result.themes.find((x: Json) => x.themeId === 'leadership');
      expect(t).toMatchObject({ shown: false, n: null, mean: null, dontKnow: null });
    }
    const { browser } = await ownerSession(ctx);
    const page = (await browser.agent.get(`/admin/rounds/${round.id}/report`).expect(200)).text;
    const overview = page.slice(page.indexOf('Theme scores by group'), page.indexOf('</table>', page.indexOf('Theme scores by group')));
    const leadershipRow = /<tr><th scope="row">Heroic or shared leadership<\/th>(.*?)<\/tr>/.exec(overview)![1];
    expect(leadershipRow.match(/not shown/g)).toHaveLength(2);
  });
});

describe('opening a round whose closing time has passed (audit finding 8)', () => {
  it('refuses, says why, and sends the admin to change the closing time', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = openRound(ctx, { closesAt: Date.now() - 60_000, opensAt: Date.now() - 120_000 }, 'draft');
    const res = await browser.submit(`/admin/rounds/${round.id}`, {}, `/admin/rounds/${round.id}/open`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/admin/rounds/${round.id}/edit#closesAt`);
    expect(ctx.services.rounds.get(round.id).status).toBe('draft');
    const page = await browser.agent.get(`/admin/rounds/${round.id}/edit`);
    expect(page.text).toContain('was not opened. Its closing time has passed');
    expect(page.text).not.toContain('people can answer now');
  });
});
