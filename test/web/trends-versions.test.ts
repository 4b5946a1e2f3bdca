import { TOO_FEW_SHARED } from '../../src/domain/trends';
import { powerSharingV1 } from '../../src/questionnaires/power-sharing.v1';
import type { RoundRecord } from '../../src/db';
import { makeTestApp } from '../helpers/app';
import { ownerSession } from '../helpers/admin';
import { openRound } from '../helpers/rounds';
import { respond } from '../helpers/respond';

type Def = { id: string; version: number; title: string; items: { id: string; theme: string; kind: string; text: string }[]; forms: { full: string[]; short: string[] } };
type Cell = { n: number; mean: number; sd: number; ci95: { low: number; high: number } };
type Point = Cell & { round: number; shown: boolean };
type Change = { group: string; fromRound: number; toRound: number; difference: number; before: Cell; after: Cell; welch: { t: number; df: number; p: number } | null; verdict: string };
type Theme = {
  themeId: string;
  basis: string;
  comparable: boolean;
  reason: string | null;
  note: string | null;
  sharedItems: { id: string }[] | null;
  leftOut: { id: string; askedIn: number[] }[];
  series: { group: string; points: Point[] }[];
  changes: Change[];
};

const ROTATE = 'Chairing meetings rotates, including to people who use services.';

/** An imported questionnaire in two versions: v2 drops ld-credit and adds ld-rotate (leadership); other themes unchanged. */
function importTwoVersions(ctx: ReturnType<typeof makeTestApp>) {
  const v1 = JSON.parse(JSON.stringify(powerSharingV1)) as Def & { easyRead?: unknown; translations?: unknown };
  // Its own questions in English only: the built-in's Easy Read and Welsh would miss ld-rotate.
  delete v1.easyRead;
  delete v1.translations;
  v1.id = 'county-check';
  v1.title = 'County check';
  const v2 = JSON.parse(JSON.stringify(v1)) as Def;
  v2.version = 2;
  v2.items = v2.items.filter((i) => i.id !== 'ld-credit');
  v2.items.push({ id: 'ld-rotate', theme: 'leadership', kind: 'practice', text: ROTATE });
  v2.forms.full = [...v2.forms.full.filter((id) => id !== 'ld-credit'), 'ld-rotate'];
  v2.forms.short = v2.forms.short.filter((id) => id !== 'ld-credit');
  for (const def of [v1, v2]) {
    const result = ctx.services.questionnaireImport.importDefinition(JSON.stringify(def), { confirmWarnings: true });
    expect(result.status).toBe('imported');
  }
}

/**
 * Two yearly rounds, each closed; every person answers leadership questions only, as
 * [question id, choice] (choice 0..4 scores 0, 25, 50, 75, 100).
 */
function twoRounds(ctx: ReturnType<typeof makeTestApp>, years: { name: string; version?: number; form?: 'full' | 'short'; questionnaireId?: string; people: [string, Record<string, number>][] }[]) {
  let organisationId: number | undefined;
  const rounds: RoundRecord[] = years.map((y) => {
    const round = openRound(
      ctx,
      { name: y.name, ...(y.questionnaireId ? { questionnaireId: y.questionnaireId, questionnaireVersion: y.version ?? 1 } : {}), form: y.form ?? 'full' },
      'open',
      organisationId,
    );
    organisationId = round.organisationId;
    for (const [role, answers] of y.people) respond(ctx, round, role, Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, String(v)])));
    return ctx.services.rounds.close(round.id);
  });
  return { organisationId: organisationId!, rounds };
}

const staff = (shared: number, challenge: number, extra: Record<string, number> = {}): [string, Record<string, number>] => ['staff', { 'ld-shared': shared, 'ld-challenge': challenge, ...extra }];
const lived = (shared: number, challenge: number, extra: Record<string, number> = {}): [string, Record<string, number>] => ['lived', { 'ld-shared': shared, 'ld-challenge': challenge, ...extra }];

/**
 * County 2025 (version 1) and County 2026 (version 2), minimum group size 5. Leadership is
 * recomputed on ld-shared and ld-challenge (with ld-lasts and ld-decisions, which nobody answered
 * here): each person's score is the mean of those two answers.
 *
 * | group | 2025 (shared, challenge; staff also answer ld-credit "Always")   | 2026 (staff also answer ld-rotate "Never") |
 * | staff | 50 75 62.5 62.5 50 75: mean 62.5, var 625/5 = 125               | 75 87.5 87.5 100 75: mean 85, var 437.5/4 = 109.375 |
 * | lived | 25 37.5 12.5 50 25: mean 30, var 812.5/4 = 203.125              | 50 62.5 37.5 75 50 25: mean 50, var 1562.5/5 = 312.5 |
 */
function versionFixture(ctx: ReturnType<typeof makeTestApp>) {
  importTwoVersions(ctx);
  return twoRounds(ctx, [
    {
      name: 'County 2025',
      questionnaireId: 'county-check',
      version: 1,
      people: [
        staff(2, 2, { 'ld-credit': 4 }),
        staff(3, 3, { 'ld-credit': 4 }),
        staff(2, 3, { 'ld-credit': 4 }),
        staff(3, 2, { 'ld-credit': 4 }),
        staff(2, 2, { 'ld-credit': 4 }),
        staff(3, 3, { 'ld-credit': 4 }),
        lived(1, 1),
        lived(1, 2),
        lived(0, 1),
        lived(2, 2),
        lived(1, 1),
      ],
    },
    {
      name: 'County 2026',
      questionnaireId: 'county-check',
      version: 2,
      people: [
        staff(3, 3, { 'ld-rotate': 0 }),
        staff(4, 3, { 'ld-rotate': 0 }),
        staff(3, 4, { 'ld-rotate': 0 }),
        staff(4, 4, { 'ld-rotate': 0 }),
        staff(3, 3, { 'ld-rotate': 0 }),
        lived(2, 2),
        lived(2, 3),
        lived(1, 2),
        lived(3, 3),
        lived(2, 2),
        lived(1, 1),
      ],
    },
  ]);
}

const theme = (body: { themes: Theme[] }, id: string) => body.themes.find((t) => t.themeId === id)!;
const point = (t: Theme, group: string, i: number) => t.series.find((s) => s.group === group)!.points[i];

describe('trends across questionnaire versions: recomputed on the shared questions', () => {
  it('recomputes a changed theme on the shared questions for both rounds: n, means, intervals and Welch verdicts by hand', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const { organisationId, rounds } = versionFixture(ctx);
    const res = await browser.agent.get(`/api/organisations/${organisationId}/trends`).expect(200);
    expect(res.body.itemChanges).toEqual([
      {
        fromRoundId: rounds[0].id,
        toRoundId: rounds[1].id,
        added: [{ id: 'ld-rotate', text: ROTATE, themeId: 'leadership' }],
        dropped: [{ id: 'ld-credit', text: expect.any(String), themeId: 'leadership' }],
      },
    ]);
    expect(res.body.comparisonRule).toMatch(/only when every round asks at least 2 of the same scored questions in it/);
    const ld = theme(res.body, 'leadership');
    expect(ld).toMatchObject({ basis: 'shared', comparable: true });
    expect(ld.sharedItems!.map((i) => i.id)).toEqual(['ld-shared', 'ld-lasts', 'ld-challenge', 'ld-decisions']);
    expect(ld.leftOut).toEqual([
      { id: 'ld-credit', text: expect.any(String), askedIn: [rounds[0].id] },
      { id: 'ld-rotate', text: ROTATE, askedIn: [rounds[1].id] },
    ]);
    expect(ld.note).toBe(
      'Compared on 4 of 5 questions, the ones every round asks, recomputed for every round on those alone (so a score here can differ from that round’s report): ' +
        'Leadership here is shared among many people, including people who use services; Changes here would carry on if a senior leader left; ' +
        'Leaders welcome challenge from people who use services; Leaders stand by decisions made by people who use services.',
    );

    // staff 2025: 62.5, sd √125 = 11.180; t(0.975, 5) = 2.570582 · 11.180/√6 = 11.733: 50.767 to 74.233.
    // (The 2025 report itself, with ld-credit, gives staff 75: (66.7 + 83.3 + 75 + 75 + 66.7 + 83.3)/6.)
    const s25 = point(ld, 'staff', 0);
    expect([s25.n, s25.mean]).toEqual([6, 62.5]);
    expect(s25.sd).toBeCloseTo(11.1803, 3);
    expect(s25.ci95.low).toBeCloseTo(50.767, 2);
    expect(s25.ci95.high).toBeCloseTo(74.233, 2);
    // staff 2026: 85, sd √109.375 = 10.458; t(0.975, 4) = 2.776445 · 10.458/√5 = 12.986: 72.014 to 97.986.
    const s26 = point(ld, 'staff', 1);
    expect([s26.n, s26.mean]).toEqual([5, 85]);
    expect(s26.ci95.low).toBeCloseTo(72.014, 2);
    expect(s26.ci95.high).toBeCloseTo(97.986, 2);
    // lived 2025: 30, sd √203.125 = 14.252; 2.776445 · 14.252/√5 = 17.696: 12.304 to 47.696.
    const l25 = point(ld, 'lived', 0);
    expect([l25.n, l25.mean]).toEqual([5, 30]);
    expect(l25.ci95.low).toBeCloseTo(12.304, 2);
    expect(l25.ci95.high).toBeCloseTo(47.696, 2);
    // lived 2026: 50, sd √312.5 = 17.678; 2.570582 · 17.678/√6 = 18.552: 31.448 to 68.552.
    const l26 = point(ld, 'lived', 1);
    expect([l26.n, l26.mean]).toEqual([6, 50]);
    expect(l26.ci95.low).toBeCloseTo(31.448, 2);
    expect(l26.ci95.high).toBeCloseTo(68.552, 2);
    // everyone: 2025 sum 525 over 11 = 47.727, sumSq 29375, var (29375 − 525²/11)/10 = 431.82;
    // 2026 sum 725 over 11 = 65.909, sumSq 53125, var (53125 − 725²/11)/10 = 534.09.
    const e25 = point(ld, 'everyone', 0);
    expect(e25.n).toBe(11);
    expect(e25.mean).toBeCloseTo(525 / 11, 9);
    expect(e25.sd ** 2).toBeCloseTo(431.818, 2);

    const change = (group: string) => ld.changes.find((c) => c.group === group)!;
    // staff: +22.5; se² = 125/6 + 109.375/5 = 20.833 + 21.875 = 42.708, t = 22.5/6.535 = 3.443,
    // df = 42.708² / (20.833²/5 + 21.875²/4) = 1824.0/206.4 = 8.84; t(0.975, 8.8) ≈ 2.27: larger.
    expect(change('staff').difference).toBeCloseTo(22.5, 9);
    expect(change('staff').welch!.t).toBeCloseTo(3.443, 2);
    expect(change('staff').welch!.df).toBeCloseTo(8.84, 1);
    expect(change('staff').verdict).toBe('larger');
    // lived: +20; se² = 203.125/5 + 312.5/6 = 40.625 + 52.083 = 92.708, t = 20/9.629 = 2.077,
    // df = 92.708² / (40.625²/4 + 52.083²/5) = 8594.8/955.1 = 9.00; t(0.975, 9) = 2.262: within.
    expect(change('lived').difference).toBeCloseTo(20, 9);
    expect(change('lived').welch!.t).toBeCloseTo(2.077, 2);
    expect(change('lived').welch!.df).toBeCloseTo(9.0, 1);
    expect(change('lived').verdict).toBe('within');
    // everyone: +200/11 = 18.18; se² = 431.82/11 + 534.09/11 = 87.81, t = 18.18/9.371 = 1.940,
    // df = 87.81² / ((39.256² + 48.554²)/10) = 7710.6/389.85 = 19.78; t(0.975, 19.8) ≈ 2.09: within.
    expect(change('everyone').difference).toBeCloseTo(200 / 11, 9);
    expect(change('everyone').welch!.t).toBeCloseTo(1.94, 2);
    expect(change('everyone').welch!.df).toBeCloseTo(19.78, 1);
    expect(change('everyone').verdict).toBe('within');

    // The round's own report still gives the theme on all its questions.
    const report = await browser.agent.get(`/api/rounds/${rounds[0].id}/results`).expect(200);
    const reportStaff = report.body.groups.find((g: { roleId: string }) => g.roleId === 'staff').result.themes.find((t: { themeId: string }) => t.themeId === 'leadership');
    expect(reportStaff.mean).toBeCloseTo(75, 9);
    // An unchanged theme is compared as its reports give it.
    expect(theme(res.body, 'reciprocity')).toMatchObject({ basis: 'same', comparable: true, note: null });
  });

  it('says so on the page, in the CSV and in the board summary', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const { organisationId } = versionFixture(ctx);
    const page = await browser.agent.get(`/admin/organisations/${organisationId}/trends`).expect(200);
    expect(page.text).toContain('Questions added and dropped');
    expect(page.text).toContain(ROTATE);
    expect(page.text).toMatch(
      /<p>Compared on 4 of 5 questions, the ones every round asks, recomputed for every round on those alone \(so a score here can differ from that round’s report\):<\/p>\s*<ul>\s*<li>Leadership here is shared among many people, including people who use services.<\/li>/,
    );
    expect(page.text).toMatch(/Left out:<\/p>\s*<ul>\s*<li>Leaders give credit for changes to the people who made them happen. <span class="muted">\(asked in <bdi>County 2025<\/bdi> only\)/);
    expect(page.text).toContain('at least 2 of the same scored questions');
    expect(page.text).not.toContain('Not compared.');
    // In Welsh: the same lead and rule in the catalogue's words; the CSV below stays English.
    const welsh = await browser.agent.get(`/admin/organisations/${organisationId}/trends`).set('Accept-Language', 'cy').expect(200);
    expect(welsh.text).toContain('<p>Wedi&#39;i chymharu ar 4 o 5 o gwestiynau, y rhai y mae pob rownd yn eu gofyn');
    expect(welsh.text).toMatch(/\(wedi’i ofyn yn <bdi>County 2025<\/bdi> yn unig\)/);
    expect(welsh.text).toContain('o leiaf 2 o&#39;r un cwestiynau â sgôr');

    const csv = await browser.agent.get(`/admin/organisations/${organisationId}/trends.csv`).expect(200);
    const row = csv.text.split('\r\n').find((l) => l.includes('"Staff member or volunteer","County 2025"') && l.includes('leadership'));
    expect(row).toMatch(/^"Heroic or shared leadership","Staff member or volunteer","County 2025","6","62.5","50.8","74.2","","","","Compared on 4 of 5 questions, the ones every round asks, /);

    expect(csv.text).toContain(`"Heroic or shared leadership","","County 2026","","","","","","","","Question added since “County 2025”: ${ROTATE} (ld-rotate)"`);
    expect(csv.text).toMatch(/"Heroic or shared leadership","","County 2026","","","","","","","","Question dropped since “County 2025”: Leaders give credit [^"]* \(ld-credit\)"/);

    const summary = await browser.agent.get(`/admin/organisations/${organisationId}/trends?print=summary`).expect(200);
    expect(summary.text).toContain('(on 4 shared questions)');
    // everyone 47.7 → 65.9, +18.2, within the noise
    expect(summary.text).toMatch(/47\.7 <span class="muted">\([\d.]+–[\d.]+\)<\/span><\/td><td>65\.9/);
    expect(summary.text).toContain('+18.2, Within the noise');
    expect(summary.text).toContain('Questions added and dropped');
    expect(summary.text).toContain(ROTATE);
  });

  it('compares the full form with the short form on their shared questions, and leaves out a theme with one', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    // Full 2025: leadership (shared, challenge, lasts) and power-risk (money, staff); lasts is not in the short form.
    // Recomputed on shared and challenge: 50, 62.5, 75, 62.5, 25: mean 55, var 1437.5/4 = 359.375.
    // Workshop 2026 (short): 75, 100, 100, 87.5, 75: mean 87.5, var 625/4 = 156.25.
    const full = (a: number, b: number, c: number): [string, Record<string, number>] => staff(a, b, { 'ld-lasts': c, 'pr-money': 2, 'pr-staff': 2 });
    const short = (a: number, b: number): [string, Record<string, number>] => staff(a, b, { 'pr-money': 3 });
    const { organisationId, rounds } = twoRounds(ctx, [
      { name: 'Full 2025', people: [full(2, 2, 4), full(2, 3, 4), full(3, 3, 4), full(3, 2, 0), full(1, 1, 0)] },
      { name: 'Workshop 2026', form: 'short', people: [short(3, 3), short(4, 4), short(4, 4), short(3, 4), short(3, 3)] },
    ]);
    const res = await browser.agent.get(`/api/organisations/${organisationId}/trends?rounds=${rounds[0].id},${rounds[1].id}`).expect(200);
    const ld = theme(res.body, 'leadership');
    expect(ld.basis).toBe('shared');
    expect(ld.note).toMatch(/^Compared on 2 questions \(of 5 in “Full 2025”, 2 in “Workshop 2026”\), the ones every round asks, recomputed/);
    const c = ld.changes.find((x) => x.group === 'everyone')!;
    expect([c.before.n, c.before.mean, c.after.n, c.after.mean]).toEqual([5, 55, 5, 87.5]);
    // se² = 359.375/5 + 156.25/5 = 103.125, t = 32.5/10.155 = 3.200,
    // df = 103.125² / ((71.875² + 31.25²)/4) = 10634.8/1535.6 = 6.93; t(0.975, 6.9) ≈ 2.37: larger.
    expect(c.welch!.t).toBeCloseTo(3.2, 2);
    expect(c.welch!.df).toBeCloseTo(6.93, 1);
    expect(c.verdict).toBe('larger');
    // Power and risk: the short form asks only pr-money, one question: too few.
    expect(theme(res.body, 'power-risk')).toMatchObject({ basis: 'none', comparable: false, series: [], changes: [] });
    expect(theme(res.body, 'power-risk').reason).toBe('Its questions differ between these rounds and only 1 question is asked in every round; a theme is compared only on at least 2 shared questions.');
  });

  it('refuses rounds that share too few questions: 422 from the API, the message on the page', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    // Another questionnaire with the same themes but its own question ids: nothing in common to compare.
    const other = JSON.stringify({ ...powerSharingV1, id: 'other-check', title: 'Other check' }).replace(/"(cp|tk|ld|rc|pr|in|le|hp)-/g, '"x-$1-');
    expect(ctx.services.questionnaireImport.importDefinition(other, { confirmWarnings: true }).status).toBe('imported');
    const a = openRound(ctx, { name: 'Default' }, 'closed');
    const b = openRound(ctx, { name: 'Other', questionnaireId: 'other-check', questionnaireVersion: 1 }, 'closed', a.organisationId);
    const res = await browser.agent.get(`/api/organisations/${a.organisationId}/trends?rounds=${a.id},${b.id}`).expect(422);
    expect(res.body.error).toBe(TOO_FEW_SHARED);
    expect(res.body.error).toContain('at least 2 scored questions that every round asks');
    const page = await browser.agent.get(`/admin/organisations/${a.organisationId}/trends?rounds=${a.id},${b.id}`).expect(200);
    expect(page.text).toContain('These rounds share too few questions to be compared');
    await browser.agent.get(`/admin/organisations/${a.organisationId}/trends.csv?rounds=${a.id},${b.id}`).expect(400);
  });

  it('compares rounds of different questionnaires on the questions they share by id', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    importTwoVersions(ctx);
    const a = openRound(ctx, { name: 'Default' }, 'closed');
    const b = openRound(ctx, { name: 'County', questionnaireId: 'county-check', questionnaireVersion: 2 }, 'closed', a.organisationId);
    const res = await browser.agent.get(`/api/organisations/${a.organisationId}/trends?rounds=${a.id},${b.id}`).expect(200);
    expect(res.body.mixedQuestionnaires).toBe(true);
    expect(theme(res.body, 'leadership').basis).toBe('shared');
    expect(theme(res.body, 'reciprocity').basis).toBe('same');
    const page = await browser.agent.get(`/admin/organisations/${a.organisationId}/trends?rounds=${a.id},${b.id}`).expect(200);
    expect(page.text).toContain('These rounds use different questionnaires: themes and questions are matched by their ids');
  });
});

describe('trends across versions: anonymity of the recomputed figures', () => {
  it('hides a group the report shows when the recomputation would leave one of its people out', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    importTwoVersions(ctx);
    // 2025: six staff answer the shared questions and ld-credit (dropped); five lived, one of whom
    // answered only ld-credit. The report shows lived (5) and staff (6) on leadership. Recomputed,
    // lived has 4 scores (hidden, fewer than 5; and its 1 left-out person), so staff is hidden too
    // (complementary suppression): only everyone (10) is shown.
    const { organisationId, rounds } = twoRounds(ctx, [
      {
        name: 'County 2025',
        questionnaireId: 'county-check',
        version: 1,
        people: [
          ...[2, 3, 2, 3, 2, 3].map((v) => staff(v, v, { 'ld-credit': 4 })),
          ...[1, 2, 1, 2].map((v) => lived(v, v)),
          ['lived', { 'ld-credit': 0 }] as [string, Record<string, number>],
        ],
      },
      { name: 'County 2026', questionnaireId: 'county-check', version: 2, people: [...[3, 4, 3, 4, 3].map((v) => staff(v, v)), ...[2, 3, 2, 3, 2].map((v) => lived(v, v))] },
    ]);
    const report = await browser.agent.get(`/api/rounds/${rounds[0].id}/results`).expect(200);
    const shownInReport = (report.body.groups as { roleId: string; result: { themes: { themeId: string; shown: boolean; n: number }[] } }[])
      .filter((g) => g.result.themes.find((t) => t.themeId === 'leadership')!.shown)
      .map((g) => g.roleId);
    expect(shownInReport.sort()).toEqual(['lived', 'staff']);

    const res = await browser.agent.get(`/api/organisations/${organisationId}/trends`).expect(200);
    const ld = theme(res.body, 'leadership');
    expect(point(ld, 'everyone', 0)).toMatchObject({ shown: true, n: 10 });
    expect(point(ld, 'lived', 0)).toMatchObject({ shown: false, n: null, mean: null });
    expect(point(ld, 'staff', 0)).toMatchObject({ shown: false, n: null, mean: null });
    expect(ld.changes.map((c) => c.group)).toEqual(['everyone']);
    const csv = await browser.agent.get(`/admin/organisations/${organisationId}/trends.csv`).expect(200);
    expect(csv.text.split('\r\n').filter((l) => l.includes('County 2025') && l.includes('Staff member or volunteer'))[0]).toContain('Not shown, to protect anonymity');
  });

  it('never publishes a recomputed figure whose difference from the report would give one person’s answer', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    importTwoVersions(ctx);
    // 2025: 12 people answer the shared questions only; one more answers only ld-credit, the dropped
    // question. The report's everyone on leadership counts 13; a recomputed everyone would count 12,
    // and the difference of the two sums would be exactly that person's ld-credit score, which the
    // report withholds (one answer to ld-credit is fewer than 5). So 2025 shows nothing recomputed.
    const { organisationId, rounds } = twoRounds(ctx, [
      {
        name: 'County 2025',
        questionnaireId: 'county-check',
        version: 1,
        people: [...[2, 3, 2, 3, 2, 3].map((v) => staff(v, v)), ...[1, 2, 1, 2, 1, 2].map((v) => lived(v, v)), ['carer', { 'ld-credit': 4 }]],
      },
      { name: 'County 2026', questionnaireId: 'county-check', version: 2, people: [...[3, 4, 3, 4, 3].map((v) => staff(v, v)), ...[2, 3, 2, 3, 2].map((v) => lived(v, v))] },
    ]);
    const report = await browser.agent.get(`/api/rounds/${rounds[0].id}/results`).expect(200);
    const leadership = (report.body.overall.themes as { themeId: string; n: number; items: { itemId: string; shown: boolean }[] }[]).find((t) => t.themeId === 'leadership')!;
    expect(leadership.n).toBe(13);
    expect(leadership.items.find((i) => i.itemId === 'ld-credit')!.shown).toBe(false);

    const res = await browser.agent.get(`/api/organisations/${organisationId}/trends`).expect(200);
    const ld = theme(res.body, 'leadership');
    expect(ld.series.flatMap((s) => (s.points[0].shown ? [s.group] : []))).toEqual([]);
    expect(ld.changes).toEqual([]);
    // 2026 (nobody answered a left-out question) is shown as its report gives it.
    expect(point(ld, 'everyone', 1)).toMatchObject({ shown: true, n: 10 });
  });

  it('never uses answers waiting to be released', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const { organisationId, rounds } = versionFixture(ctx);
    // A 2026 round reopened and answered, with the answer not released: the trend does not move.
    const before = await browser.agent.get(`/api/organisations/${organisationId}/trends?rounds=${rounds[0].id},${rounds[1].id}`).expect(200);
    const reopened = ctx.services.rounds.open(rounds[1].id);
    respond(ctx, reopened, 'staff', { 'ld-shared': '0', 'ld-challenge': '0' }, { addNow: false });
    expect(ctx.services.release.status(ctx.services.rounds.get(reopened.id)).waiting).toBe(1);
    const after = await browser.agent.get(`/api/organisations/${organisationId}/trends?rounds=${rounds[0].id},${rounds[1].id}`).expect(200);
    expect(theme(after.body, 'leadership').series).toEqual(theme(before.body, 'leadership').series);
  });
});
