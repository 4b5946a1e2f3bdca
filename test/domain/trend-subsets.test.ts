import fc from 'fast-check';
import { decideCell, type CellDisclosure } from '../../src/domain/anonymity';
import type { Answer, Answers } from '../../src/domain/questionnaire';
import { buildRoundResults } from '../../src/domain/round-results';
import { aggregateAnswers, type RespondentAnswers } from '../../src/domain/rubric';
import { planThemes, MIN_SHARED_ITEMS, type RoundItemsInput } from '../../src/domain/trend-items';
import { guardChangedPeople, recomputeThemes, restrictForm, type SubsetRoundInput } from '../../src/domain/trend-subsets';
import { miniQuestionnaire } from '../fixtures/mini-questionnaire';

const q = miniQuestionnaire();
const choice = (value: number): Answer => ({ type: 'choice', value });
const dk: Answer = { type: 'dontKnow' };
const person = (role: string, answers: Answers): RespondentAnswers => ({ role, answers });
const ALPHA_SHARED = new Map([['alpha', new Set(['a1', 'a2'])]]);

/** What the report itself shows per theme, computed by the report's own code. */
function reportCells(respondents: readonly RespondentAnswers[], k: number, roles = ['lived', 'staff']): Record<string, CellDisclosure> {
  const agg = aggregateAnswers(q, 'full', respondents);
  for (const r of roles) agg[r] ??= { respondents: 0, themes: {}, items: {} };
  return buildRoundResults(q, 'full', agg, k).disclosure.themes;
}

const input = (respondents: RespondentAnswers[], k = 3, roles = ['lived', 'staff']): SubsetRoundInput => ({
  questionnaire: q,
  form: 'full',
  minGroupSize: k,
  roles,
  respondents,
  report: reportCells(respondents, k, roles),
});

describe('planThemes: the too-few rule', () => {
  const item = (id: string, scale = 'practice:5') => ({ id, text: `Q ${id}`, scale });
  const rounds = (...themes: RoundItemsInput['themes'][]): RoundItemsInput[] => themes.map((t, i) => ({ roundId: i + 1, name: `R${i + 1}`, themes: t }));
  it.each([
    ['same questions, even only one', [[item('a')], [item('a')]], 'same'],
    [`${MIN_SHARED_ITEMS} shared of 3`, [[item('a'), item('b'), item('c')], [item('a'), item('b'), item('d')]], 'shared'],
    ['1 shared', [[item('a'), item('b')], [item('a'), item('c')]], 'none'],
    ['none shared', [[item('a')], [item('b')]], 'none'],
    ['same id on another scale is not the same question', [[item('a'), item('b')], [item('a'), item('b', 'ladder:7')]], 'none'],
  ])('%s', (_label, [first, second], basis) => {
    const plan = planThemes(rounds([{ themeId: 't', title: 'T', items: first }], [{ themeId: 't', title: 'T', items: second }]));
    expect(plan[0].basis).toBe(basis);
  });

  it('takes the questions every round asks, over three rounds, and says which are left out where', () => {
    const plan = planThemes(
      rounds(
        [{ themeId: 't', title: 'T', items: [item('a'), item('b'), item('c')] }],
        [{ themeId: 't', title: 'T', items: [item('a'), item('b'), item('c'), item('d')] }],
        [{ themeId: 't', title: 'T', items: [item('a'), item('b'), item('d')] }],
      ),
    )[0];
    expect(plan).toMatchObject({ basis: 'shared', asked: [3, 4, 3] });
    if (plan.basis !== 'shared') throw new Error('expected shared');
    expect(plan.shared.map((i) => i.id)).toEqual(['a', 'b']);
    expect(plan.leftOut).toEqual([
      { id: 'c', text: 'Q c', askedIn: [1, 2] },
      { id: 'd', text: 'Q d', askedIn: [2, 3] },
    ]);
  });
});

describe('guardChangedPeople', () => {
  const cell = (...roles: string[]): CellDisclosure => ({ overall: true, roles });
  it.each([
    ['nobody changed: as decided', cell('lived', 'staff', 'carer'), {}, cell('lived', 'staff', 'carer')],
    ['a whole group changed (6 >= 5), the rest none', cell('lived', 'staff'), { staff: 6 }, cell('lived', 'staff')],
    ['4 people changed in the whole round: nothing shown', cell('lived', 'staff'), { staff: 4 }, { overall: false, roles: [] }],
    // staff 2 (< 5) hidden; the rest then holds 2, so the group with the fewest changed (lived, 5) goes too.
    ['a group with 2 changed, and complementary suppression', cell('lived', 'staff', 'carer'), { staff: 2, lived: 5 }, cell('carer')],
    // 3 changed in a hidden group, 6 in staff: the rest holds 3 < 5, so staff is hidden too.
    ['changed people in a hidden group', cell('lived', 'staff'), { staff: 6, carer: 3 }, cell('lived')],
    ['an overall already hidden stays hidden', { overall: false, roles: [] }, {}, { overall: false, roles: [] }],
  ])('%s', (_label, before, changed, after) => {
    expect(guardChangedPeople(before, changed as Record<string, number>, 5)).toEqual(after);
  });
});

describe('recomputeThemes: hand-computed', () => {
  // Alpha in the full form: a1, a2 (practice) and a3 (ladder, 7 rungs). Recomputed on a1 and a2.
  // staff: (100, 50) 75; (75, 75) 75; (50, DK) 50; (25, 25) 25. Three answered a3 (changed people: 3 = k).
  // lived: (0, 50) 25; (50, 50) 50; (100, 100) 100; (DK, DK): no score, still a respondent.
  const respondents = [
    person('staff', { a1: choice(4), a2: choice(2), a3: choice(3) }),
    person('staff', { a1: choice(3), a2: choice(3), a3: choice(6) }),
    person('staff', { a1: choice(2), a2: dk, a3: choice(0) }),
    person('staff', { a1: choice(1), a2: choice(1) }),
    person('lived', { a1: choice(0), a2: choice(2) }),
    person('lived', { a1: choice(2), a2: choice(2) }),
    person('lived', { a1: choice(4), a2: choice(4) }),
    person('lived', { a1: dk, a2: dk }),
  ];

  it('gives n, mean, sd and the 95% interval of the scores on the shared questions only', () => {
    const out = recomputeThemes(input(respondents), ALPHA_SHARED).get('alpha')!;
    // staff: mean 225/4 = 56.25; SS = 2·18.75² + 6.25² + 31.25² = 1718.75, var 572.917, sd 23.936;
    // t(0.975, 3) = 3.182446, half-width 3.182446 · 23.936/2 = 38.087: 18.163 to 94.337.
    expect(out.groups.staff!.n).toBe(4);
    expect(out.groups.staff!.mean).toBeCloseTo(56.25, 9);
    expect(out.groups.staff!.sd).toBeCloseTo(23.936, 3);
    expect(out.groups.staff!.ci95!.low).toBeCloseTo(18.163, 2);
    expect(out.groups.staff!.ci95!.high).toBeCloseTo(94.337, 2);
    // lived: 3 scores (the "Don't know" person has none): mean 175/3 = 58.333, var 2916.67/2 = 1458.33, sd 38.188;
    // t(0.975, 2) = 4.302653, half-width 94.86: clamped to 0 to 100.
    expect(out.groups.lived).toMatchObject({ n: 3, ci95: { low: 0, high: 100 } });
    expect(out.groups.lived!.mean).toBeCloseTo(58.333, 3);
    expect(out.groups.lived!.sd).toBeCloseTo(38.188, 3);
    // everyone: 7 scores, sum 400, mean 57.143; sumSq 27500, SS 27500 − 400²/7 = 4642.86, var 773.81, sd 27.817;
    // t(0.975, 6) = 2.446912, half-width 2.446912 · 27.817/√7 = 25.727: 31.416 to 82.870.
    expect(out.overall!.n).toBe(7);
    expect(out.overall!.mean).toBeCloseTo(57.143, 3);
    expect(out.overall!.sd).toBeCloseTo(27.817, 3);
    expect(out.overall!.ci95!.low).toBeCloseTo(31.416, 2);
    expect(out.overall!.ci95!.high).toBeCloseTo(82.87, 2);
  });

  it('hides a group with 1 to k−1 people whose score the left-out question changes, and the next to protect it', () => {
    // One more lived person answers only a3, the left-out ladder: the report counts them (lived n 4 on
    // alpha), the recomputation cannot (lived n 3). Their a3 answer would be the difference of the two
    // sums, so lived is hidden (1 changed person < 3), and staff (3 changed) too, as the rest would hold 1.
    const out = recomputeThemes(input([...respondents, person('lived', { a3: choice(5) })]), ALPHA_SHARED).get('alpha')!;
    expect(input([...respondents, person('lived', { a3: choice(5) })]).report.alpha).toEqual({ overall: true, roles: ['lived', 'staff'] });
    expect(out.groups).toEqual({ lived: null, staff: null });
    // Everyone holds 4 changed people (>= k = 3), so everyone's figure may be shown.
    expect(out.overall).toMatchObject({ n: 7 });
  });

  it('shows nothing for a round whose report shows nothing for the theme', () => {
    const few = respondents.slice(0, 2);
    const out = recomputeThemes(input(few), ALPHA_SHARED).get('alpha')!;
    expect(out).toEqual({ overall: null, groups: { staff: null, lived: null } });
  });

  it('cuts the form down to the kept questions, in form order', () => {
    expect(restrictForm(q, 'full', new Set(['b1', 'a2'])).forms).toEqual({ full: ['a2', 'b1'], short: q.forms.short });
  });
});

describe('recomputeThemes: properties', () => {
  const value: fc.Arbitrary<Answer | undefined> = fc.oneof(fc.constant(undefined), fc.constant(dk), fc.integer({ min: 0, max: 4 }).map(choice));
  const rung: fc.Arbitrary<Answer | undefined> = fc.oneof(fc.constant(undefined), fc.constant(dk), fc.integer({ min: 0, max: 6 }).map(choice));
  const respondent = fc.record({ role: fc.constantFrom('lived', 'carer', 'staff'), a1: value, a2: value, a3: rung }).map(({ role, ...answers }) =>
    person(role, Object.fromEntries(Object.entries(answers).filter(([, a]) => a !== undefined)) as Answers),
  );
  const roles = ['lived', 'carer', 'staff'];
  const keptSets: fc.Arbitrary<string[]> = fc.constantFrom<string[]>(['a1', 'a2'], ['a1', 'a3'], ['a2', 'a3'], ['a1']);
  const answered = (r: RespondentAnswers, id: string) => r.answers[id]?.type === 'choice';

  it('never shows more than the report, and every figure a reader can derive differs from the report by 0 or at least k people', () => {
    fc.assert(
      fc.property(fc.array(respondent, { maxLength: 40 }), keptSets, fc.integer({ min: 3, max: 6 }), (people, kept, k) => {
        const round = input(people, k, roles);
        const out = recomputeThemes(round, new Map([['alpha', new Set(kept)]])).get('alpha')!;
        const report = round.report.alpha;
        const shown = roles.filter((r) => out.groups[r]);
        // within the report
        if (out.overall) expect(report.overall).toBe(true);
        for (const r of shown) expect(report.roles).toContain(r);
        if (!out.overall) {
          expect(shown).toEqual([]);
          return;
        }
        // each shown cell and the rest (everyone minus the shown groups): 0 or >= k recomputed scores
        const scored = (p: RespondentAnswers) => kept.some((id) => answered(p, id));
        const rest = people.filter((p) => !shown.includes(p.role));
        for (const r of shown) expect(out.groups[r]!.n).toBeGreaterThanOrEqual(k);
        const restN = rest.filter(scored).length;
        expect(restN === 0 || restN >= k).toBe(true);
        // ... and 0 or >= k people whose score the left-out questions change
        const changed = (p: RespondentAnswers) => ['a1', 'a2', 'a3'].some((id) => !kept.includes(id) && answered(p, id));
        const cells = [people, rest, ...shown.map((r) => people.filter((p) => p.role === r))];
        for (const c of cells) {
          const n = c.filter(changed).length;
          expect(n === 0 || n >= k).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('on all of the theme’s questions, gives exactly the report’s figures', () => {
    fc.assert(
      fc.property(fc.array(respondent, { maxLength: 30 }), fc.integer({ min: 3, max: 5 }), (people, k) => {
        const round = input(people, k, roles);
        const out = recomputeThemes(round, new Map([['alpha', new Set(['a1', 'a2', 'a3'])]])).get('alpha')!;
        const agg = aggregateAnswers(q, 'full', people);
        for (const r of roles) agg[r] ??= { respondents: 0, themes: {}, items: {} };
        const report = buildRoundResults(q, 'full', agg, k);
        const alpha = (t: { themes: { themeId: string; shown: boolean; n: number | null; mean: number | null }[] } | undefined) => {
          const x = t?.themes.find((y) => y.themeId === 'alpha');
          return x?.shown && x.n ? { n: x.n, mean: Number(x.mean!.toFixed(9)) } : null;
        };
        const cut = (c: { n: number; mean: number } | null) => c && { n: c.n, mean: Number(c.mean.toFixed(9)) };
        expect(cut(out.overall)).toEqual(alpha(report.overall ?? undefined));
        for (const r of roles) expect(cut(out.groups[r] ?? null)).toEqual(alpha(report.groups.find((g) => g.roleId === r)?.result));
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('hides groups as the report’s own cell rule does (decideCell), keeping everyone', () => {
    // staff 4 and lived 3 recomputed scores, k = 4: lived (3) hidden; the rest holds 3 < 4, so staff too.
    const people = [
      ...[0, 1, 2, 3].map(() => person('staff', { a1: choice(2), a2: choice(2) })),
      ...[0, 1, 2].map(() => person('lived', { a1: choice(1), a2: choice(1) })),
      person('lived', { a3: dk }),
    ];
    expect(decideCell({ lived: 3, staff: 4 }, 7, 4)).toEqual({ overall: true, roles: [] });
    const out = recomputeThemes(input(people, 4), ALPHA_SHARED).get('alpha')!;
    expect(out).toEqual({ overall: { n: 7, mean: expect.closeTo(275 / 7, 9), sd: expect.any(Number), ci95: expect.any(Object) }, groups: { lived: null, staff: null } });
  });
});
