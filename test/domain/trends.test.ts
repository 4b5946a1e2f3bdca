import { compareRounds, EVERYONE, judgeChange, TOO_FEW_SHARED, TrendRefusal, type TrendCell, type TrendRoundInput } from '../../src/domain/trends';

const cell = (n: number, mean: number, variance: number | null): TrendCell => ({ n, mean, sd: variance === null ? null : Math.sqrt(variance), ci95: null });

describe('judgeChange: Welch verdicts computed by hand', () => {
  // Each row: the two rounds' published figures (n, mean, variance = sd²), then by hand:
  //   se² = sd₁²/n₁ + sd₂²/n₂,  t = (mean₂ − mean₁)/se,
  //   df = se⁴ / ((sd₁²/n₁)²/(n₁−1) + (sd₂²/n₂)²/(n₂−1)),
  // and the verdict from a t table: "larger" when |t| > t(0.975, df).
  it.each([
    // staff 2024 → 2025 of the three-year fixture: 37.5 + 41.667 = 79.167, se 8.898, t = 15/8.898 = 1.686,
    // df = 79.167² / (37.5²/4 + 41.667²/5) = 6267.4 / 698.8 = 8.97; t(0.975, 9) ≈ 2.26 > 1.686: within.
    ['staff 2024→2025', cell(5, 60, 187.5), cell(6, 75, 250), 15, 1.686, 8.97, 'within'],
    // staff 2025 → 2026: 41.667 + 25 = 66.667, se 8.165, t = 20/8.165 = 2.449,
    // df = 66.667² / (41.667²/5 + 25²/4) = 4444.4 / 503.5 = 8.83; t(0.975, 8.83) ≈ 2.27 < 2.449: larger.
    ['staff 2025→2026', cell(6, 75, 250), cell(5, 95, 125), 20, 2.449, 8.83, 'larger'],
    // lived experience 2024 → 2025: no change at all, t = 0: within.
    // se² = 250/6 + 312.5/5 = 41.667 + 62.5 = 104.167; df = 104.167² / (41.667²/5 + 62.5²/4) = 10850.7 / 1323.8 = 8.20.
    ['lived 2024→2025', cell(6, 25, 250), cell(5, 25, 312.5), 0, 0, 8.2, 'within'],
    // lived experience 2025 → 2026: 62.5 + 208.33/7 = 62.5 + 29.762 = 92.262, se 9.605, t = 50/9.605 = 5.205,
    // df = 92.262² / (62.5²/4 + 29.762²/6) = 8512.3 / 1124.2 = 7.57; t(0.975, 7.57) ≈ 2.33: larger.
    ['lived 2025→2026', cell(5, 25, 312.5), cell(7, 75, 1250 / 6), 50, 5.205, 7.57, 'larger'],
    // everyone 2024 → 2025: 333.33/16 + 1455.73/16 = 20.833 + 90.983 = 111.816, se 10.574,
    // t = 4.6875/10.574 = 0.443, df = 111.816² / ((20.833² + 90.983²)/15) = 12502.8 / 580.8 = 21.53;
    // t(0.975, 21.5) ≈ 2.08 > 0.443: within.
    ['everyone 2024→2025', cell(16, 43.75, 5000 / 15), cell(16, 48.4375, 21835.9375 / 15), 4.6875, 0.443, 21.53, 'within'],
    // everyone 2025 → 2026: 90.983 + 330.882/17 = 90.983 + 19.464 = 110.447, se 10.509,
    // t = (79.4118 − 48.4375)/10.509 = 30.974/10.509 = 2.947, df = 110.447² / (90.983²/15 + 19.464²/16)
    // = 12198.5 / 575.5 = 21.2; t(0.975, 21) ≈ 2.08: larger.
    ['everyone 2025→2026', cell(16, 48.4375, 21835.9375 / 15), cell(17, 1350 / 17, (112500 - 1350 ** 2 / 17) / 16), 30.974, 2.947, 21.2, 'larger'],
  ])('%s', (_label, before, after, difference, t, df, verdict) => {
    const judged = judgeChange(before, after);
    expect(judged.difference).toBeCloseTo(difference, 3);
    expect(judged.welch!.t).toBeCloseTo(t, 2);
    expect(judged.welch!.df).toBeCloseTo(df, 1);
    expect(judged.verdict).toBe(verdict);
  });

  it('cannot judge a change without a spread on either side', () => {
    expect(judgeChange(cell(5, 50, null), cell(5, 70, 100)).verdict).toBe('untestable');
    expect(judgeChange(cell(5, 50, 0), cell(5, 70, 0))).toMatchObject({ difference: 20, welch: null, verdict: 'untestable' });
  });
});

const items = (...ids: string[]) => ids.map((id) => ({ id, text: `Question ${id}`, scale: 'practice:5' }));
const round = (roundId: number, overrides: Partial<TrendRoundInput> = {}): TrendRoundInput => ({
  roundId,
  name: `Round ${roundId}`,
  questionnaireId: 'q',
  questionnaireVersion: 1,
  form: 'full',
  published: true,
  total: 20,
  roles: [
    { roleId: 'staff', label: 'Staff' },
    { roleId: 'carer', label: 'Carers' },
  ],
  themes: [
    { themeId: 'a', title: 'Theme A', items: items('a1', 'a2'), overall: cell(20, 50, 100), groups: { staff: cell(10, 40, 100), carer: cell(10, 60, 100) } },
    { themeId: 'b', title: 'Theme B', items: items('b1'), overall: cell(20, 50, 100), groups: { staff: cell(10, 50, 100), carer: cell(10, 50, 100) } },
  ],
  flags: [],
  ...overrides,
});

describe('compareRounds', () => {
  it('refuses fewer than two rounds; compares rounds of different questionnaires by theme and question ids', () => {
    expect(() => compareRounds([round(1)])).toThrow(TrendRefusal);
    const out = compareRounds([round(1), round(2, { questionnaireId: 'other' })]);
    expect(out.mixedQuestionnaires).toBe(true);
    expect(out.themes.map((t) => [t.themeId, t.basis])).toEqual([['a', 'same'], ['b', 'same']]);
  });

  it('gives a change only for a group shown in both rounds, and a line only for a group shown in every round', () => {
    const hidden = round(2);
    hidden.themes[0].groups = { staff: cell(12, 45, 100), carer: null }; // carers hidden in round 2
    const out = compareRounds([round(1), hidden, round(3)]);
    const a = out.themes.find((t) => t.themeId === 'a')!;
    expect(a.series.map((s) => [s.groupId, s.inEveryRound])).toEqual([[EVERYONE, true], ['staff', true], ['carer', false]]);
    expect(a.series.find((s) => s.groupId === 'carer')!.points.map((p) => p?.mean ?? null)).toEqual([60, null, 60]);
    expect(a.changes.filter((c) => c.groupId === 'carer')).toEqual([]); // never 1→3 across the hidden year either
    expect(a.changes.filter((c) => c.groupId === 'staff').map((c) => [c.fromRoundId, c.toRoundId, c.difference])).toEqual([[1, 2, 5], [2, 3, -5]]);
  });

  it('lists items added and dropped, and does not compare a changed theme with fewer than 2 shared questions', () => {
    const v2 = round(2, { questionnaireVersion: 2 });
    v2.themes[0] = { ...v2.themes[0], items: items('a1', 'a3') }; // a2 dropped, a3 added: only a1 shared
    const out = compareRounds([round(1), v2]);
    expect(out.itemChanges).toEqual([{ fromRoundId: 1, toRoundId: 2, added: [{ id: 'a3', text: 'Question a3', themeId: 'a' }], dropped: [{ id: 'a2', text: 'Question a2', themeId: 'a' }] }]);
    const a = out.themes.find((t) => t.themeId === 'a')!;
    expect(a).toMatchObject({ basis: 'none', comparable: false, series: [], changes: [] });
    expect(a.reason).toBe('Its questions differ between these rounds and only 1 question is asked in every round; a theme is compared only on at least 2 shared questions.');
    expect(out.themes.find((t) => t.themeId === 'b')!.comparable).toBe(true);
  });

  it('compares a changed theme on its recomputed figures for every round, saying on which questions', () => {
    const v1 = round(1, { themes: [{ ...round(1).themes[0], items: items('a1', 'a2', 'a4') }] });
    const v2 = round(2, { questionnaireVersion: 2, themes: [{ ...round(2).themes[0], items: items('a1', 'a2', 'a3') }] });
    const recomputed = [
      { overall: cell(18, 52, 100), groups: { staff: cell(9, 42, 100), carer: null } },
      { overall: cell(19, 55, 100), groups: { staff: cell(9, 47, 100), carer: cell(10, 61, 100) } },
    ];
    const out = compareRounds([v1, v2], new Map([['a', recomputed]]));
    const a = out.themes[0];
    expect(a).toMatchObject({ basis: 'shared', comparable: true, sharedItems: [{ id: 'a1', text: 'Question a1' }, { id: 'a2', text: 'Question a2' }] });
    expect(a.leftOut).toEqual([{ id: 'a4', text: 'Question a4', askedIn: [1] }, { id: 'a3', text: 'Question a3', askedIn: [2] }]);
    expect(a.note).toBe(
      'Compared on 2 of 3 questions, the ones every round asks, recomputed for every round on those alone (so a score here can differ from that round’s report): Question a1; Question a2.',
    );
    // the recomputed figures, never the reports' (everyone 50 → 50 in the reports)
    expect(a.changes.map((c) => [c.groupId, c.before.mean, c.after.mean, c.difference])).toEqual([[EVERYONE, 52, 55, 3], ['staff', 42, 47, 5]]);
    expect(a.series.find((s) => s.groupId === 'carer')!.points.map((p) => p?.mean ?? null)).toEqual([null, 61]);
    // without its recomputed figures a changed theme is never compared on the reports' figures (other questions)
    expect(() => compareRounds([v1, v2])).toThrow(TOO_FEW_SHARED);
  });

  it('does not compare a theme missing from a round (e.g. the short form), and refuses when no theme can be compared', () => {
    const short = round(2, { form: 'short', themes: [round(2).themes[1]] });
    const out = compareRounds([round(1), short]);
    expect(out.themes.find((t) => t.themeId === 'a')).toMatchObject({ comparable: false, reason: 'This theme is not asked in “Round 2”.' });
    const changed = round(2, { themes: [{ ...round(2).themes[0], items: items('a9') }] });
    expect(() => compareRounds([round(1), changed])).toThrow(TOO_FEW_SHARED);
    expect(TOO_FEW_SHARED).toMatch(/at least 2 scored questions that every round asks/);
  });

  it('puts each flag raised in any round side by side with its status in every round', () => {
    const flag = (status: 'raised' | 'notRaised' | 'notEnough') => [{ flagId: 'gap', title: 'Seen differently', themeId: 'a', status }];
    const out = compareRounds([round(1, { flags: flag('raised') }), round(2, { flags: flag('notEnough') }), round(3, { flags: [] })]);
    expect(out.flags).toEqual([{ flagId: 'gap', title: 'Seen differently', themeId: 'a', themeTitle: 'Theme A', statuses: ['raised', 'notEnough', 'notAsked'] }]);
  });
});
