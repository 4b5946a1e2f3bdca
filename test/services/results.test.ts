import { makeTestApp, type TestContext } from '../helpers/app';
import { respond } from '../helpers/respond';
import { openRound } from '../helpers/rounds';

/**
 * The hand-computed fixture (short form, minimum group size 3):
 *   lived x3  ld-shared 1,2,3   ld-challenge 1,dk,3   cp-last-change 1,2,2   tk-last-decision 2,2,2
 *   staff x3  ld-shared 4,4,3   ld-challenge 4,3,3    cp-last-change 4,5,6   tk-last-decision 5,5,5
 * Leadership theme scores (mean of scored items, "Don't know" left out):
 *   lived 25, 50, 75 -> mean 50, sd 25, 95% CI 50 ± 4.302653 × 25/√3 = 50 ± 62.10 -> [0, 100] (clamped)
 *   staff 100, 87.5, 75 -> mean 87.5, sd 12.5, CI 87.5 ± 4.302653 × 12.5/√3 = 87.5 ± 31.05 -> [56.45, 100]
 *   everyone: sum 412.5, mean 68.75; squared deviations sum 3671.875, variance 734.375, sd 27.0993,
 *   CI 68.75 ± 2.570582 × 27.0993/√6 = 68.75 ± 28.439 -> [40.311, 97.189]
 */
function fixture(): { ctx: TestContext; round: ReturnType<typeof openRound> } {
  const ctx = makeTestApp();
  const round = openRound(ctx, { form: 'short', minGroupSize: 3 });
  const lived = [['1', '1', '1'], ['2', 'dk', '2'], ['3', '3', '2']];
  const staff = [['4', '4', '4'], ['4', '3', '5'], ['3', '3', '6']];
  for (const [shared, challenge, ladder] of lived) respond(ctx, round, 'lived', { 'ld-shared': shared, 'ld-challenge': challenge, 'cp-last-change': ladder, 'tk-last-decision': '2' });
  for (const [shared, challenge, ladder] of staff) respond(ctx, round, 'staff', { 'ld-shared': shared, 'ld-challenge': challenge, 'cp-last-change': ladder, 'tk-last-decision': '5' });
  return { ctx, round };
}

describe('results service: every figure by hand', () => {
  const { ctx, round } = fixture();
  const report = ctx.services.results.forRound(round.id);
  const leadership = report.themes.find((t) => t.themeId === 'leadership')!;

  it('counts people by role, hiding nothing that is large enough', () => {
    expect(report.total).toBe(6);
    expect(report.belowMinimum).toBe(false);
    expect(report.roles.find((r) => r.roleId === 'lived')!.n).toBe(3);
    expect(report.roles.find((r) => r.roleId === 'staff')!.n).toBe(3);
    expect(report.roles.find((r) => r.roleId === 'carer')!.n).toBeNull();
    expect(report.groups.map((g) => g.roleId)).toEqual(['lived', 'staff']);
  });

  it('computes the overall theme score, sd, interval and band', () => {
    const o = leadership.overall;
    expect(o.n).toBe(6);
    expect(o.mean).toBeCloseTo(68.75, 10);
    expect(o.sd).toBeCloseTo(27.0993, 3);
    expect(o.ci95!.low).toBeCloseTo(40.311, 2);
    expect(o.ci95!.high).toBeCloseTo(97.189, 2);
    expect(o.band!.label).toBe('On the way');
    expect(o.dontKnow).toBe(1);
  });

  it('computes each group, clamping intervals to 0..100', () => {
    const lived = leadership.groups.find((g) => g.roleId === 'lived')!;
    const staff = leadership.groups.find((g) => g.roleId === 'staff')!;
    expect(lived.mean).toBe(50);
    expect(lived.ci95).toEqual({ low: 0, high: 100 });
    expect(staff.mean).toBe(87.5);
    expect(staff.ci95!.low).toBeCloseTo(56.448, 2);
    expect(staff.ci95!.high).toBe(100);
  });

  it('highlights the 37.5-point gap between the groups', () => {
    expect(leadership.gap).toEqual({ a: 'Staff member or volunteer', b: 'Someone who uses services or has lived experience', difference: 37.5 });
    expect(leadership.groups.every((g) => g.highlighted)).toBe(true);
  });

  it('gives the answer distribution, with "Don\'t know" apart', () => {
    const shared = leadership.overall.items.find((i) => i.itemId === 'ld-shared')!;
    expect(shared.options.map((o) => o.count)).toEqual([0, 1, 1, 2, 2]);
    expect(shared.options.map((o) => o.share)).toEqual([0, 1 / 6, 1 / 6, 2 / 6, 2 / 6]);
    const challenge = leadership.overall.items.find((i) => i.itemId === 'ld-challenge')!;
    expect(challenge.options.map((o) => o.count)).toEqual([0, 1, 0, 3, 1]);
    expect(challenge.answered).toBe(5);
    expect(challenge.dontKnow).toBe(1);
  });

  it('shows the ladder as doing to / for / with', () => {
    const cp = report.themes.find((t) => t.themeId === 'coproduction')!.overall.items.find((i) => i.itemId === 'cp-last-change')!;
    expect(cp.ladder!.map((g) => [g.label, g.count])).toEqual([['Doing to', 1], ['Doing for', 2], ['Doing with', 3]]);
    // Coproduction theme scores are the ladder rungs rescaled: (1+2+2+4+5+6)/6 rungs = 20/36 of 100.
    expect(report.themes.find((t) => t.themeId === 'coproduction')!.overall.mean).toBeCloseTo((20 / 36) * 100, 10);
  });

  it('evaluates the flags: seen differently and tokenism raised, consultation not (exactly half)', () => {
    const status = (id: string, theme?: string) => report.flags.find((f) => f.id === id && (!theme || f.themeId === theme))!;
    expect(status('seen-differently', 'leadership').raised).toBe(true);
    expect(status('tokenism-risk').raised).toBe(true);
    expect(status('consultation-not-coproduction').status).toBe('notRaised');
  });

  it('lists each raised flag once in the summary, with its themes', () => {
    // Gaps (staff minus lived): coproduction 83.3 - 27.8, tokenism 83.3 - 33.3, leadership 87.5 - 50.
    // Largest gap first: 55.6, 50.0, 37.5.
    expect(report.summary!.raised.map((f) => [f.id, f.themes.map((t) => t.title), f.moreThemes])).toEqual([
      ['seen-differently', ['Consultation or co-production', 'Tokenism and representation', 'Heroic or shared leadership'], 0],
      ['tokenism-risk', ['Tokenism and representation'], 0],
    ]);
    expect(report.summary!.raised[0].themes[2].difference).toBe(-37.5);
    expect(report.summary!.raised[0].themes[0].difference).toBeCloseTo(250 / 9 - 750 / 9, 10);
    expect(report.summary!.raised[0].themes[1].difference).toBeCloseTo(100 / 3 - 250 / 3, 10);
  });

  it('summarises strongest and weakest themes without repeating one', () => {
    // Leadership 68.75, tokenism (3×33.3 + 3×83.3)/6 = 58.3, coproduction 55.6.
    expect(report.summary!.strongest.map((t) => t.themeId)).toEqual(['leadership']);
    expect(report.summary!.weakest.map((t) => t.themeId)).toEqual(['coproduction']);
  });
});

describe('suppression at the edges', () => {
  const build = (counts: Record<string, number>, k = 5) => {
    const ctx = makeTestApp();
    const round = openRound(ctx, { form: 'short', minGroupSize: k });
    for (const [role, n] of Object.entries(counts)) for (let i = 0; i < n; i++) respond(ctx, round, role, { 'ld-shared': String(i % 5), 'tk-change': '2' });
    return { ctx, round, report: ctx.services.results.forRound(round.id, { comments: 'all' }) };
  };

  it('k-1 people: counts only', () => {
    const { report } = build({ lived: 2, staff: 2 });
    expect(report.belowMinimum).toBe(true);
    expect(report.overall).toBeNull();
    expect(report.groups).toEqual([]);
    expect(report.themes).toEqual([]);
    expect(report.roles.every((r) => r.n === null)).toBe(true);
  });

  it('exactly k in one group: that group and everyone shown', () => {
    const { report } = build({ staff: 5 });
    expect(report.belowMinimum).toBe(false);
    expect(report.groups.map((g) => g.roleId)).toEqual(['staff']);
  });

  it('one small group hidden: the next smallest is hidden too (complementary)', () => {
    const { report } = build({ lived: 6, staff: 7, carer: 1 });
    expect(report.groups.map((g) => g.roleId)).toEqual(['staff']);
    expect(report.roles.find((r) => r.roleId === 'lived')!.n).toBeNull();
    expect(report.roles.find((r) => r.roleId === 'carer')!.n).toBeNull();
  });

  it('two small groups that together reach k: both hidden, the rest shown', () => {
    const { report } = build({ lived: 6, staff: 7, carer: 2, board: 3 });
    expect(report.groups.map((g) => g.roleId)).toEqual(['lived', 'staff']);
  });
});
