import request from 'supertest';
import { fakeClock, makeTestApp } from '../helpers/app';
import { createMember, ownerSession, signIn } from '../helpers/admin';
import { openRound } from '../helpers/rounds';
import { respond } from '../helpers/respond';
import { threeYears } from '../helpers/trends';

type Point = { round: number; shown: boolean; n: number | null; mean: number | null; sd: number | null; ci95: { low: number; high: number } | null };
type Series = { group: string; label: string; inEveryRound: boolean; points: Point[] };
type Change = { group: string; fromRound: number; toRound: number; difference: number; verdict: string; before: { n: number }; after: { n: number } };
type ThemeJson = { themeId: string; comparable: boolean; series: Series[]; changes: Change[] };
type TrendsJson = { rounds: { roundId: number; name: string }[]; themes: ThemeJson[]; flags: { flagId: string; themeId: string; statuses: { round: number; status: string }[] }[] };

async function setup() {
  const ctx = makeTestApp();
  const { owner, browser } = await ownerSession(ctx);
  const { organisationId, rounds } = threeYears(ctx);
  return { ctx, owner, browser, organisationId, rounds };
}

const leadership = (body: TrendsJson) => body.themes.find((t) => t.themeId === 'leadership')!;

describe('trends across rounds (three-year fixture, see test/helpers/trends.ts)', () => {
  it('compares the closed survey rounds by default, oldest first, with changes and verdicts computed by hand', async () => {
    const { browser, organisationId, rounds } = await setup();
    const res = await browser.agent.get(`/api/organisations/${organisationId}/trends`).expect(200);
    const body = res.body as TrendsJson;
    expect(body.rounds.map((r) => r.name)).toEqual(['Annual check 2024', 'Annual check 2025', 'Annual check 2026']);
    const theme = leadership(body);
    expect(theme.comparable).toBe(true);
    // Everyone: 700/16 = 43.75; 775/16 = 48.4375; 1350/17 = 79.41.
    const everyone = theme.series.find((s) => s.group === 'everyone')!;
    expect(everyone.points.map((p) => p.n)).toEqual([16, 16, 17]);
    expect(everyone.points[0].mean).toBeCloseTo(43.75, 9);
    expect(everyone.points[1].mean).toBeCloseTo(48.4375, 9);
    expect(everyone.points[2].mean).toBeCloseTo(1350 / 17, 9);
    // Lines for groups shown in every round; carers were hidden in 2025 (3 people), partners never shown.
    expect(theme.series.map((s) => [s.group, s.inEveryRound])).toEqual([['everyone', true], ['lived', true], ['carer', false], ['staff', true]]);
    expect(theme.series.find((s) => s.group === 'carer')!.points.map((p) => p.shown)).toEqual([true, false, true]);
    // Verdicts by hand in test/domain/trends.test.ts: staff +15 within (t 1.69, df 9.0), +20 larger (t 2.45, df 8.8);
    // lived 0 within, +50 larger (t 5.2, df 7.6); everyone +4.69 within (t 0.44), +30.97 larger (t 2.95, df 21.2).
    const verdicts = theme.changes.map((c) => [c.group, c.fromRound, c.toRound, Math.round(c.difference * 100) / 100, c.before.n, c.after.n, c.verdict]);
    const [y1, y2, y3] = rounds.map((r) => r.id);
    expect(verdicts).toEqual([
      ['everyone', y1, y2, 4.69, 16, 16, 'within'],
      ['everyone', y2, y3, 30.97, 16, 17, 'larger'],
      ['lived', y1, y2, 0, 6, 5, 'within'],
      ['lived', y2, y3, 50, 5, 7, 'larger'],
      ['staff', y1, y2, 15, 5, 6, 'within'],
      ['staff', y2, y3, 20, 6, 5, 'larger'],
    ]);
    // No change for carers at all: not 2024→2025, not 2025→2026, and never across the hidden year.
    expect(theme.changes.some((c) => c.group === 'carer')).toBe(false);
    // "Seen differently" on leadership was raised in every year.
    expect(body.flags.find((f) => f.flagId === 'seen-differently' && f.themeId === 'leadership')!.statuses.map((s) => s.status)).toEqual(['raised', 'raised', 'raised']);
  });

  it('holds no figure that the rounds’ own reports do not publish, so a hidden or merged group stays hidden', async () => {
    const { browser, organisationId, rounds } = await setup();
    const trends = (await browser.agent.get(`/api/organisations/${organisationId}/trends`).expect(200)).body as TrendsJson;
    type ThemeFigures = { themeId: string; shown: boolean; n: number | null; mean: number | null; sd: number | null; ci95: { low: number; high: number } | null };
    for (const [i, round] of rounds.entries()) {
      const report = (await browser.agent.get(`/api/rounds/${round.id}/results`).expect(200)).body as {
        overall: { themes: ThemeFigures[] };
        groups: { roleId: string; result: { themes: ThemeFigures[] } }[];
      };
      for (const theme of trends.themes) {
        for (const s of theme.series) {
          const p = s.points[i];
          const published =
            s.group === 'everyone' ? report.overall.themes.find((t) => t.themeId === theme.themeId) : report.groups.find((g) => g.roleId === s.group)?.result.themes.find((t) => t.themeId === theme.themeId);
          if (!p.shown) {
            // Hidden in the report (carers in 2025): hidden in the trends, with no figure at all.
            expect(published?.shown ?? false).toBe(false);
            expect([p.n, p.mean, p.sd, p.ci95]).toEqual([null, null, null, null]);
            continue;
          }
          expect(published!.shown).toBe(true);
          expect({ n: p.n, mean: p.mean, sd: p.sd, ci95: p.ci95 }).toEqual({ n: published!.n, mean: published!.mean, sd: published!.sd, ci95: published!.ci95 });
        }
      }
    }
    // 2025's carers (3) and partners (2) are merged into "Other" in that round's answers export…
    const answers = await browser.agent.get(`/admin/rounds/${rounds[1].id}/answers.csv`).expect(200);
    expect(answers.text.split('\r\n').filter((l) => l.startsWith('"Other",'))).toHaveLength(5);
    // …and the trends never name "Other" or partners, nor give carers a 2025 figure (their mean was 0).
    const text = JSON.stringify(trends);
    expect(text).not.toMatch(/"Other"|partner/i);
    const csv = await browser.agent.get(`/admin/organisations/${organisationId}/trends.csv`).expect(200);
    expect(csv.text).toContain('Heroic or shared leadership');
    expect(csv.text).not.toMatch(/Other|Partner/);
    const carer2025 = csv.text.split('\r\n').filter((l) => l.includes('Family member or carer') && l.includes('Annual check 2025'));
    expect(carer2025.every((l) => l.endsWith('"Not shown, to protect anonymity"'))).toBe(true);
    expect(carer2025.length).toBeGreaterThan(0);
    // Changes are rounded (they have no band), scores cut: staff 2025 → 2026 is +20, everyone +30.97 → 31.
    expect(csv.text).toContain('"Heroic or shared leadership","Everyone","Annual check 2026","17","79.4","70.1","88.8","31","0.0076","larger than the noise",""');
  });

  it('shows the page with checkboxes, a line chart and tables per theme, verdicts in words and the method', async () => {
    const { ctx, browser, organisationId, rounds } = await setup();
    const orgPage = await browser.agent.get(`/admin/organisations/${organisationId}`).expect(200);
    expect(orgPage.text).toContain(`href="/admin/organisations/${organisationId}/trends"`);
    const res = await browser.agent.get(`/admin/organisations/${organisationId}/trends`).expect(200);
    for (const r of rounds) expect(res.text).toMatch(new RegExp(`name="rounds" value="${r.id}"[^>]*checked`));
    expect(res.text).toContain('method="get"');
    expect(res.text).toContain('Welch&#39;s t-test at 95%'); // the catalogue's words, escaped by the template
    expect(res.text).toContain('&#34;type&#34;:&#34;line&#34;');
    expect(res.text).toContain('Heroic or shared leadership');
    expect(res.text).toContain('Larger than the noise');
    expect(res.text).toContain('Within the noise');
    expect(res.text).toContain('+20.0');
    expect(res.text).toContain('Flags, round by round');
    expect(res.text).toContain('/vendor/chart.umd.min.js');
    expect(res.text).not.toMatch(/<script>|<script [^s]/); // no inline scripts
    // Two rounds picked with the form's checkboxes.
    const two = await browser.agent.get(`/admin/organisations/${organisationId}/trends?compare=1&rounds=${rounds[0].id}&rounds=${rounds[2].id}`).expect(200);
    expect(two.text).toMatch(new RegExp(`value="${rounds[1].id}"(?![^>]*checked)`));
    expect(two.text).toContain(`rounds=${rounds[0].id},${rounds[2].id}`);
    void ctx;
  });

  it('counts a round whose closing time has passed as closed for the default choice', async () => {
    const clock = fakeClock();
    const ctx = makeTestApp({ clock });
    const { browser } = await ownerSession(ctx);
    const { organisationId } = threeYears(ctx);
    const later = openRound(ctx, { name: 'Annual check 2027', closesAt: clock.now() + 60_000 }, 'open', organisationId);
    for (let i = 0; i < 5; i++) respond(ctx, later, 'staff', { 'ld-shared': '4' });
    const before = await browser.agent.get(`/api/organisations/${organisationId}/trends`).expect(200);
    expect(before.body.rounds).toHaveLength(3);
    clock.advance(120_000);
    const after = await browser.agent.get(`/api/organisations/${organisationId}/trends`).expect(200);
    expect(after.body.rounds.map((r: { name: string }) => r.name)).toEqual(['Annual check 2024', 'Annual check 2025', 'Annual check 2026', 'Annual check 2027']);
  });

  it('says clearly when fewer than two rounds are chosen', async () => {
    const { browser, organisationId, rounds } = await setup();
    const none = await browser.agent.get(`/admin/organisations/${organisationId}/trends?compare=1`).expect(200);
    expect(none.text).toContain('Choose at least two rounds to compare.');
    const one = await browser.agent.get(`/admin/organisations/${organisationId}/trends?rounds=${rounds[0].id}`).expect(200);
    expect(one.text).toContain('Choose at least two rounds to compare.');
    const api = await browser.agent.get(`/api/organisations/${organisationId}/trends?rounds=${rounds[0].id}`).expect(400);
    expect(api.body.error).toBe('Choose at least two rounds to compare.');
    await browser.agent.get(`/admin/organisations/${organisationId}/trends.csv?rounds=${rounds[0].id}`).expect(400);
  });

  it('says there is nothing to compare yet for an organisation without two closed survey rounds', async () => {
    const { ctx, browser } = await setup();
    const round = openRound(ctx);
    const res = await browser.agent.get(`/admin/organisations/${round.organisationId}/trends`).expect(200);
    expect(res.text).toContain('fewer than two closed survey rounds');
  });

  it('answers a bad rounds query with 400 and a clear message', async () => {
    const { browser, organisationId } = await setup();
    for (const q of ['rounds=abc', 'rounds=1,x', 'rounds=-1', 'rounds=1.5', 'rounds=1&rounds=abc']) {
      const api = await browser.agent.get(`/api/organisations/${organisationId}/trends?${q}`);
      expect([q, api.status]).toEqual([q, 400]);
      expect(api.body.error).toMatch(/for example \?rounds=1,4,7/);
      const page = await browser.agent.get(`/admin/organisations/${organisationId}/trends?${q}`);
      expect([q, page.status]).toEqual([q, 400]);
      expect(page.text).toContain('for example ?rounds=1,4,7');
    }
  });

  it('refuses a round of another organisation with 400, naming only the number given', async () => {
    const { ctx, browser, organisationId, rounds } = await setup();
    const elsewhere = openRound(ctx, {}, 'closed');
    const res = await browser.agent.get(`/api/organisations/${organisationId}/trends?rounds=${rounds[0].id},${elsewhere.id}`).expect(400);
    expect(res.body.error).toBe(`Not a round of this organisation: ${elsewhere.id}. Choose from the organisation's own rounds.`);
    await browser.agent.get(`/api/organisations/${organisationId}/trends?rounds=${rounds[0].id},999999`).expect(400);
  });

  it('compares the full form with the short form on the questions they share (see trends-versions.test.ts for more)', async () => {
    const { ctx, browser, organisationId, rounds } = await setup();
    const short = openRound(ctx, { name: 'Workshop 2026', form: 'short' }, 'open', organisationId);
    for (let i = 0; i < 5; i++) respond(ctx, short, 'staff', { 'ld-shared': '2' });
    ctx.services.rounds.close(short.id);
    const res = await browser.agent.get(`/api/organisations/${organisationId}/trends?rounds=${rounds[2].id},${short.id}`).expect(200);
    const theme = leadership(res.body as TrendsJson) as ThemeJson & { basis: string; note: string };
    // Leadership: the short form asks ld-shared and ld-challenge, both in the full form too.
    expect(theme.basis).toBe('shared');
    expect(theme.note).toMatch(/^Compared on 2 questions \(of 5 in “Annual check 2026”, 2 in “Workshop 2026”\)/);
    // Nobody in 2026 answered a left-out question, so 2026 is its report's figure: 1350/17 = 79.41; the workshop 50.
    const everyone = theme.changes.find((c) => c.group === 'everyone')!;
    expect(everyone.difference).toBeCloseTo(50 - 1350 / 17, 9);
    expect([everyone.before.n, everyone.after.n]).toEqual([17, 5]);
    // Power and risk: the short form asks one question of it, too few.
    expect((res.body as TrendsJson).themes.find((t) => t.themeId === 'power-risk')).toMatchObject({ comparable: false, basis: 'none' });
  });

  it('needs a signed-in admin of the organisation: 401 or sign-in for nobody, 404 for another organisation', async () => {
    const { ctx, owner, organisationId } = await setup();
    await request(ctx.app).get(`/api/organisations/${organisationId}/trends`).expect(401);
    const anon = await request(ctx.app).get(`/admin/organisations/${organisationId}/trends`);
    expect([anon.status, anon.headers.location]).toEqual([303, '/admin/login']);
    const otherOrg = ctx.services.organisations.create('Elsewhere');
    await createMember(ctx, owner, [otherOrg.id], 'member@example.org');
    const member = await signIn(ctx, 'member@example.org');
    await member.agent.get(`/admin/organisations/${organisationId}/trends`).expect(404);
    await member.agent.get(`/admin/organisations/${organisationId}/trends.csv`).expect(404);
    await member.agent.get(`/api/organisations/${organisationId}/trends`).expect(404);
    await member.agent.get(`/api/organisations/999999/trends`).expect(404);
    await member.agent.get(`/admin/organisations/${otherOrg.id}/trends`).expect(200);
  });
});
