import fc from 'fast-check';
import { parseQuestionnaire, type Answer, type Answers, type FormId, type Questionnaire } from '../../src/domain/questionnaire';
import {
  aggregateAnswers,
  bandFor,
  buildGroupResults,
  itemScore,
  mergeGroups,
  respondentThemeScores,
  type GroupAggregate,
  type RespondentAnswers,
  type RoundAggregate,
} from '../../src/domain/rubric';
import { evaluateFlags, themeGaps } from '../../src/domain/flags';
import { buildRoundResults, decideDisclosure } from '../../src/domain/round-results';
import { mean } from '../../src/domain/stats';
import { miniRoles, respondentArb } from '../fixtures/mini-answers';
import { miniDefinition, miniQuestionnaire } from '../fixtures/mini-questionnaire';

const q = miniQuestionnaire();
const item = (id: string) => q.items.find((i) => i.id === id)!;
const c = (value: number): Answer => ({ type: 'choice', value });
const dk: Answer = { type: 'dontKnow' };
const rungs = (role: string, values: (number | 'dk')[]): RespondentAnswers[] =>
  values.map((v) => ({ role, answers: { a3: v === 'dk' ? dk : c(v) } }));
const alphaAll = (role: string, n: number, value: number): RespondentAnswers[] =>
  Array.from({ length: n }, () => ({ role, answers: { a1: c(value) } }));

/** Round every number to 9 decimals, so sums added in a different order compare equal. */
function roundDeep<T>(x: T): T {
  if (typeof x === 'number') return (Number.isFinite(x) ? Math.round(x * 1e9) / 1e9 + 0 : x) as T;
  if (Array.isArray(x)) return x.map(roundDeep) as T;
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, roundDeep(v)])) as T;
  return x;
}

/** Deep equality with numbers compared to 1e-9 (sums added in another order differ in the last bits). */
function expectDeepClose(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number' && Number.isFinite(expected)) {
    if (Math.abs(actual - expected) > 1e-9) throw new Error(`${path}: ${actual} is not close to ${expected}`);
    return;
  }
  if (expected && typeof expected === 'object' && actual && typeof actual === 'object') {
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    for (const key of Object.keys(expected)) {
      expectDeepClose((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
    }
    return;
  }
  expect(actual).toEqual(expected);
}

describe('itemScore', () => {
  it.each<[string, Answer | undefined, number | null]>([
    ['a1', c(0), 0],
    ['a1', c(1), 25],
    ['a1', c(2), 50],
    ['a1', c(3), 75],
    ['a1', c(4), 100],
    ['a3', c(0), 0],
    ['a3', c(1), 100 / 6],
    ['a3', c(2), 100 / 3],
    ['a3', c(3), 50],
    ['a3', c(5), 500 / 6],
    ['a3', c(6), 100],
    ['a1', dk, null],
    ['a3', dk, null],
    ['a1', undefined, null],
    ['a4', { type: 'text', text: 'hello' }, null],
  ])('%s answered %j scores %p', (id, answer, expected) => {
    const s = itemScore(q, item(id), answer);
    if (expected === null) expect(s).toBeNull();
    else expect(s).toBeCloseTo(expected, 12);
  });

  it.each([
    ['a1', 5],
    ['a3', 7],
    ['a1', -1],
    ['a1', 1.5],
  ])('refuses %s with a choice of %p', (id, value) => {
    expect(() => itemScore(q, item(id), c(value))).toThrow(RangeError);
  });

  it('follows the scale length of the definition', () => {
    const d = miniDefinition();
    d.scale.practice = ['No', 'Partly', 'Yes'];
    const r = parseQuestionnaire(d);
    if (!r.ok) throw new Error('fixture');
    expect(itemScore(r.questionnaire, r.questionnaire.items[0], c(1))).toBe(50);
  });
});

describe('respondentThemeScores', () => {
  it.each<[string, FormId, Answers, Record<string, number | null>]>([
    // alpha: (75 + 33.33)/2; a2 "Don't know" is left out; beta: b1 only; gamma: nothing
    ['a mixed respondent', 'full', { a1: c(3), a2: dk, a3: c(2), a4: { type: 'text', text: 'hi' }, b1: c(4) }, { alpha: (75 + 100 / 3) / 2, beta: 100, gamma: null }],
    ['only "Don\'t know"', 'full', { a1: dk, a2: dk, a3: dk }, { alpha: null, beta: null, gamma: null }],
    ['nothing answered', 'full', {}, { alpha: null, beta: null, gamma: null }],
    // short form: a2 and b2 are not in it, so they do not count
    ['the short form', 'short', { a1: c(0), a2: c(4), a3: c(6), b1: c(1), b2: c(4) }, { alpha: 50, beta: 25 }],
  ])('%s', (_name, form, answers, expected) => {
    const scores = respondentThemeScores(q, form, answers);
    expect(Object.keys(scores)).toEqual(Object.keys(expected));
    for (const [t, v] of Object.entries(expected)) {
      if (v === null) expect(scores[t]).toBeNull();
      else expect(scores[t]).toBeCloseTo(v, 12);
    }
  });
});

describe('bandFor', () => {
  it.each<[number | null, string | null]>([
    [0, 'low'],
    [24, 'low'],
    [24.5, 'low'], // a fractional score belongs to the band of its whole part: never lifted by rounding
    [24.999, 'low'],
    [25, 'mid'],
    [49.99, 'mid'],
    [50, 'high'],
    [74.9, 'high'],
    [75, 'top'],
    [100, 'top'],
    [null, null],
  ])('%p is in band %p', (score, expected) => {
    expect(bandFor(q, score)?.id ?? null).toBe(expected);
  });

  it.each([[-0.1], [100.1], [NaN]])('refuses %p', (score) => {
    expect(() => bandFor(q, score)).toThrow(RangeError);
  });
});

describe('aggregateAnswers and buildGroupResults', () => {
  // Three staff, computed by hand:
  //  R1: a1 75, a2 dk, a3 rung 2 (33.33), b1 100         -> alpha 54.1667, beta 100, gamma -
  //  R2: a1 50, a2 50, a3 dk, b1 dk, b2 dk, g1 0          -> alpha 50, beta -, gamma 0
  //  R3: a1 100, a2 100, a3 rung 6 (100), b1 50, b2 75, g1 100 -> alpha 100, beta 62.5, gamma 100
  const respondents: RespondentAnswers[] = [
    { role: 'staff', answers: { a1: c(3), a2: dk, a3: c(2), b1: c(4) } },
    { role: 'staff', answers: { a1: c(2), a2: c(2), a3: dk, b1: dk, b2: dk, g1: c(0) } },
    { role: 'staff', answers: { a1: c(4), a2: c(4), a3: c(6), b1: c(2), b2: c(3), g1: c(4) } },
  ];
  const agg = aggregateAnswers(q, 'full', respondents);

  it('builds additive moments and counts', () => {
    const alpha = (75 + 100 / 3) / 2;
    expect(agg.staff.respondents).toBe(3);
    expect(agg.staff.themes.alpha.n).toBe(3);
    expect(agg.staff.themes.alpha.sum).toBeCloseTo(alpha + 50 + 100, 10);
    expect(agg.staff.themes.alpha.sumSq).toBeCloseTo(alpha * alpha + 2500 + 10000, 8);
    expect(agg.staff.themes.alpha.dontKnow).toBe(2);
    expect(agg.staff.themes.beta).toEqual({ n: 2, sum: 162.5, sumSq: 10000 + 62.5 * 62.5, dontKnow: 2 });
    expect(agg.staff.themes.gamma).toEqual({ n: 2, sum: 100, sumSq: 10000, dontKnow: 0 });
    expect(agg.staff.items.a1).toEqual({ counts: [0, 0, 1, 1, 1], dontKnow: 0 });
    expect(agg.staff.items.a3).toEqual({ counts: [0, 0, 1, 0, 0, 0, 1], dontKnow: 1 });
    expect(agg.staff.items.a4).toBeUndefined();
  });

  it('gives n, mean, sd, clamped 95% CI, band and next steps per theme', () => {
    const r = buildGroupResults(q, 'full', agg.staff);
    expect(r.respondents).toBe(3);
    const [alpha, beta, gamma] = r.themes;
    expect(alpha.themeId).toBe('alpha');
    expect(alpha.n).toBe(3);
    expect(alpha.mean).toBeCloseTo((54.166666666666664 + 50 + 100) / 3, 10); // 68.06
    expect(alpha.band).toEqual({ id: 'high', label: 'High', text: 'High.', nextSteps: ['Step one.', 'Step two.'] });
    expect(alpha.dontKnow).toBe(2);
    // beta: 100 and 62.5 -> mean 81.25, sd 37.5/√2 = 26.5165; CI 81.25 ± 12.7062 · 18.75 = ±238.2, clamped
    expect(beta.mean).toBe(81.25);
    expect(beta.sd).toBeCloseTo(37.5 / Math.SQRT2, 10);
    expect(beta.ci95).toEqual({ low: 0, high: 100 });
    expect(beta.band!.id).toBe('top');
    // gamma: 0 and 100 -> mean 50 (band "high"), sd 70.71
    expect(gamma.mean).toBe(50);
    expect(gamma.sd).toBeCloseTo(Math.sqrt(5000), 10);
  });

  it('gives each item its distribution, "Don\'t know" apart', () => {
    const alpha = buildGroupResults(q, 'full', agg.staff).themes[0];
    expect(alpha.items.map((i) => i.itemId)).toEqual(['a1', 'a2', 'a3']); // the comment has no distribution
    const a2 = alpha.items[1];
    expect(a2).toMatchObject({ answered: 2, dontKnow: 1, dontKnowShare: 1 / 3, mean: 75 });
    expect(a2.options.map((o) => [o.label, o.count, o.share])).toEqual([
      ['Never', 0, 0],
      ['Rarely', 0, 0],
      ['Sometimes', 1, 0.5],
      ['Often', 0, 0],
      ['Always', 1, 0.5],
    ]);
    const a3 = alpha.items[2];
    expect(a3.ladder!.map((g) => [g.groupId, g.count, g.share])).toEqual([
      ['to', 0, 0],
      ['for', 1, 0.5],
      ['with', 1, 0.5],
    ]);
  });

  it('handles a group with nobody (no NaN anywhere)', () => {
    const r = buildGroupResults(q, 'full', { respondents: 0, themes: {}, items: {} });
    for (const t of r.themes) {
      expect(t).toMatchObject({ n: 0, mean: null, sd: null, ci95: null, band: null, dontKnow: 0 });
      for (const i of t.items) expect(i).toMatchObject({ answered: 0, mean: null, dontKnowShare: null });
    }
  });

  it('handles one person: a mean but no sd or CI', () => {
    const one = aggregateAnswers(q, 'full', [{ role: 'lived', answers: { a1: c(1) } }]);
    const alpha = buildGroupResults(q, 'full', one.lived).themes[0];
    expect(alpha).toMatchObject({ n: 1, mean: 25, sd: null, ci95: null });
    expect(alpha.band!.id).toBe('mid');
  });

  it('gives the CI for the hand-computed three (75 ± 62.1034)', () => {
    const three = aggregateAnswers(q, 'full', [2, 3, 4].map((v) => ({ role: 'staff', answers: { a1: c(v) } })));
    const alpha = buildGroupResults(q, 'full', three.staff).themes[0];
    expect(alpha.mean).toBe(75);
    expect(alpha.sd).toBeCloseTo(25, 10);
    expect(alpha.ci95!.low).toBeCloseTo(75 - 62.103442793758255, 8);
    expect(alpha.ci95!.high).toBe(100); // 137.1 clamped
  });

  it('merges groups by adding', () => {
    const two = aggregateAnswers(q, 'full', [...respondents, { role: 'lived', answers: { a1: c(0), b2: dk } }]);
    const merged = mergeGroups(two.staff, two.lived);
    expect(merged.respondents).toBe(4);
    expect(merged.themes.alpha.n).toBe(4);
    expect(merged.themes.beta.dontKnow).toBe(3);
    expect(merged.items.a1.counts).toEqual([1, 0, 1, 1, 1]);
  });
});

describe('themeGaps', () => {
  it('compares two sets of roles per theme, with Welch\'s test', () => {
    const agg = aggregateAnswers(q, 'full', [
      ...[1, 2, 2].map((v) => ({ role: 'lived', answers: { a1: c(v) } })), // 25, 50, 50 -> 41.67
      ...[3, 4].map((v) => ({ role: 'carer', answers: { a1: c(v) } })), // 75, 100
      ...[4, 4, 3].map((v) => ({ role: 'staff', answers: { a1: c(v) } })), // 100, 100, 75
    ]);
    const [alpha, beta] = themeGaps(q, 'full', agg, ['lived', 'carer'], ['staff']);
    // A: 25, 50, 50, 75, 100 -> mean 60; B: 100, 100, 75 -> mean 91.67; difference -31.67
    expect(alpha.a.summary.mean).toBe(60);
    expect(alpha.b.summary.mean).toBeCloseTo(275 / 3, 10);
    expect(alpha.difference).toBeCloseTo(60 - 275 / 3, 10);
    expect(alpha.a.label).toBe('Lived experience and Carer');
    expect(alpha.welch).not.toBeNull();
    expect(beta.difference).toBeNull();
    expect(beta.welch).toBeNull();
  });
});

describe('evaluateFlags', () => {
  // Flags see only what the report may show: the disclosure decided from the same aggregates.
  const flag = (agg: RoundAggregate, id: string, k = 5, form: FormId = 'full', quest: Questionnaire = q) =>
    evaluateFlags(quest, form, agg, decideDisclosure(quest, form, agg, k)).filter((f) => f.id === id);

  describe('ladderAtMost (consultation, not co-production)', () => {
    it.each<[string, (number | 'dk')[], string, number | null]>([
      ['4 of 6 at rung 2 or below', [0, 1, 2, 2, 5, 6], 'raised', 4 / 6],
      ['exactly half is not "most"', [0, 1, 2, 4, 5, 6], 'notRaised', 0.5],
      ['"Don\'t know" is left out: 3 of 5', [0, 0, 0, 5, 5, 'dk', 'dk', 'dk'], 'raised', 3 / 5],
      ['fewer answers than the minimum group size', [0, 0, 0, 0, 'dk', 'dk'], 'notEnoughPeople', 1],
    ])('%s', (_name, values, status, share) => {
      const [f] = flag(aggregateAnswers(q, 'full', rungs('staff', values)), 'consult');
      expect(f.status).toBe(status);
      expect(f.raised).toBe(status === 'raised');
      expect(f.themeId).toBe('alpha');
      if (status === 'notEnoughPeople') {
        // No verdict, so no figures: 4 answers of one group must not be published as evidence.
        expect(f.evidence).toBeNull();
        return;
      }
      expect(f.evidence).toMatchObject({ kind: 'ladderAtMost', maxRung: 2, maxRungLabel: 'r2', threshold: 0.5 });
      if (f.evidence?.kind === 'ladderAtMost') expect(f.evidence.side.share).toBeCloseTo(share!, 12);
    });

    it('counts everyone, including roles too small to show (the round as a whole is shown)', () => {
      const agg = aggregateAnswers(q, 'full', [...rungs('staff', [6, 6, 6]), ...rungs('board', [0, 0, 0, 0])]);
      const [f] = flag(agg, 'consult');
      expect(f.status).toBe('raised'); // 4 of 7
    });
  });

  describe('gap (seen differently)', () => {
    const moments = (n: number, mean: number, sd: number) => ({ n, sum: n * mean, sumSq: (n - 1) * sd * sd + n * mean * mean, dontKnow: 0 });
    const group = (alpha: ReturnType<typeof moments>): GroupAggregate => ({ respondents: alpha.n, themes: { alpha }, items: {} });

    it.each<[string, RoundAggregate, string, number | null]>([
      ['a gap of 25', { lived: group(moments(5, 50, 10)), staff: group(moments(5, 75, 10)) }, 'raised', -25],
      ['a gap of exactly 15 (threshold included)', { lived: group(moments(5, 65, 10)), staff: group(moments(5, 50, 10)) }, 'raised', 15],
      ['a gap of 14.9', { lived: group(moments(5, 64.9, 10)), staff: group(moments(5, 50, 10)) }, 'notRaised', 14.9],
      // carer (mean 90) joins lived: (5·50 + 5·90)/10 = 70 against staff 75
      ['the sides merge their roles', { lived: group(moments(5, 50, 10)), carer: group(moments(5, 90, 0)), staff: group(moments(5, 75, 10)) }, 'notRaised', -5],
      // lived (4) is too small and staff is then hidden to protect it: nobody left to compare
      ['one side below the minimum', { lived: group(moments(4, 50, 10)), staff: group(moments(5, 90, 10)) }, 'notEnoughPeople', null],
    ])('%s', (_name, agg, status, difference) => {
      const [alpha, beta, gamma] = flag(agg, 'differ');
      expect(alpha.themeId).toBe('alpha');
      expect(alpha.status).toBe(status);
      if (difference === null) expect(alpha.evidence).toBeNull();
      else if (alpha.evidence?.kind === 'gap') expect(alpha.evidence.gap.difference).toBeCloseTo(difference, 10);
      else throw new Error('gap evidence expected');
      expect(beta.status).toBe('notEnoughPeople'); // nobody answered beta
      expect(beta.evidence).toBeNull();
      expect(gamma.themeId).toBe('gamma');
    });

    it('uses only the roles that may be shown, and names them', () => {
      // carer 3 is hidden, and leader 5 (the smallest shown group) with it; lived 50 against staff 75.
      const agg = {
        lived: group(moments(6, 50, 10)),
        carer: group(moments(3, 100, 0)),
        staff: group(moments(6, 75, 10)),
        leader: group(moments(5, 0, 0)),
      };
      const [alpha] = flag(agg, 'differ');
      expect(alpha.status).toBe('raised');
      if (alpha.evidence?.kind !== 'gap') throw new Error('gap evidence expected');
      expect(alpha.evidence.gap.a).toMatchObject({ roles: ['lived'], label: 'Lived experience' });
      expect(alpha.evidence.gap.b).toMatchObject({ roles: ['staff'], label: 'Staff' });
      expect(alpha.evidence.gap.a.summary).toMatchObject({ n: 6, mean: 50 });
      expect(alpha.evidence.gap.difference).toBe(-25);
    });

    it('leaves out a group hidden within the theme, even when it is shown for the round (audit finding)', () => {
      // Carers are 5 for the round, but only 1 carer scored alpha (the others answered beta only).
      // Pooling that carer with lived experience would publish n, mean and sd from which "total minus
      // shown" recovers the one carer's 75 exactly. Within alpha, carer (1) is hidden, and lived (the
      // smaller of lived 5 and staff 6) with it: no side is left to compare.
      const respondents: RespondentAnswers[] = [
        ...Array.from({ length: 5 }, () => ({ role: 'lived', answers: { a1: c(1), b1: c(1) } })),
        { role: 'carer', answers: { a1: c(3), b1: c(3) } },
        ...Array.from({ length: 4 }, () => ({ role: 'carer', answers: { b1: c(3) } })),
        ...Array.from({ length: 6 }, () => ({ role: 'staff', answers: { a1: c(4), b1: c(4) } })),
      ];
      const agg = aggregateAnswers(q, 'full', respondents);
      const [alpha, beta] = flag(agg, 'differ');
      expect(alpha).toMatchObject({ status: 'notEnoughPeople', raised: false, evidence: null });
      // On beta all three groups are shown; carers count with lived experience: (5·25 + 5·75)/10 = 50.
      expect(beta.status).toBe('raised');
      if (beta.evidence?.kind !== 'gap') throw new Error('gap evidence expected');
      expect(beta.evidence.gap.a).toMatchObject({ roles: ['lived', 'carer'], label: 'Lived experience and Carer' });
      expect(beta.evidence.gap.a.summary.mean).toBe(50);
      expect(beta.evidence.gap.difference).toBe(-50);
    });

    it('covers only the themes of the form', () => {
      const results = flag({}, 'differ', 5, 'short');
      expect(results.map((f) => f.themeId)).toEqual(['alpha', 'beta']);
    });
  });

  describe('ladderMismatch (tokenism risk)', () => {
    it.each<[string, RespondentAnswers[], string]>([
      // A (staff + leader): 8 of 10 at "with"; B (lived): 1, 2, 3, 3 at most "for", 5 not -> 4/5
      ['staff see "with", people see "for"', [...rungs('staff', [4, 5, 6, 5, 1]), ...rungs('leader', [6, 4, 5, 5, 2]), ...rungs('lived', [1, 2, 3, 3, 5])], 'raised'],
      ['people also see "with"', [...rungs('staff', [4, 5, 6, 5, 1]), ...rungs('leader', [6, 4, 5, 5, 2]), ...rungs('lived', [4, 4, 4, 2, 2])], 'notRaised'],
      ['staff see "for" too', [...rungs('staff', [2, 3, 2, 3, 1]), ...rungs('leader', [2, 1, 3, 5, 6]), ...rungs('lived', [1, 2, 3, 3, 5])], 'notRaised'],
      // lived: 5 people but 3 answers on the ladder, so their ladder answers are not shown
      ['too few people with lived experience answered', [...rungs('staff', [4, 5, 6, 5, 1]), ...rungs('leader', [6, 4, 5, 5, 2]), ...rungs('lived', [1, 2, 3, 'dk', 'dk'])], 'notEnoughPeople'],
    ])('%s', (_name, respondents, status) => {
      const [f] = flag(aggregateAnswers(q, 'full', respondents), 'token');
      expect(f.status).toBe(status);
      expect(f.themeId).toBe('alpha');
      if (status === 'notEnoughPeople') expect(f.evidence).toBeNull();
    });

    it('does not use a hidden role, and names the roles it used', () => {
      // leader (2) is hidden, and board (5, the smallest shown group) with it.
      const agg = aggregateAnswers(q, 'full', [
        ...rungs('staff', [4, 5, 6, 4, 5, 6, 4]),
        ...rungs('leader', [5, 6]),
        ...rungs('lived', [1, 2, 3, 3, 5, 1]),
        ...rungs('board', [3, 3, 3, 3, 3]),
      ]);
      const [f] = flag(agg, 'token');
      expect(f.status).toBe('raised'); // staff 7 of 7 "with"; lived 5 of 6 "for" or lower
      if (f.evidence?.kind !== 'ladderMismatch') throw new Error('evidence expected');
      expect(f.evidence.a).toMatchObject({ roles: ['staff'], label: 'Staff', answered: 7, matching: 7 });
      expect(f.evidence.b).toMatchObject({ roles: ['lived'], answered: 6, matching: 5 });
    });

    it('publishes no figures when a side is hidden (a hidden group\'s ladder answers stay hidden)', () => {
      // Lived experience: 6 people, 4 of whom chose "Don't know" on the ladder: 2 ladder answers.
      const agg = aggregateAnswers(q, 'full', [...rungs('staff', [4, 5, 6, 4, 5]), ...rungs('lived', [1, 1, 'dk', 'dk', 'dk', 'dk'])]);
      const [f] = flag(agg, 'token');
      expect(f).toMatchObject({ status: 'notEnoughPeople', raised: false, evidence: null });
    });
  });

  it('says when a flag\'s item is not in the form', () => {
    const d = miniDefinition();
    d.forms.short = ['a1', 'b1'];
    const r = parseQuestionnaire(d);
    if (!r.ok) throw new Error('fixture');
    const results = evaluateFlags(r.questionnaire, 'short', {}, decideDisclosure(r.questionnaire, 'short', {}, 5));
    expect(results.filter((f) => f.id !== 'differ').map((f) => [f.id, f.status, f.raised])).toEqual([
      ['consult', 'notInForm', false],
      ['token', 'notInForm', false],
    ]);
  });
});

describe('buildRoundResults', () => {
  it('shows counts only when the round is below the minimum', () => {
    const agg = aggregateAnswers(q, 'full', rungs('staff', [0, 0, 0, 0]));
    const r = buildRoundResults(q, 'full', agg, 5);
    expect(r.visibility.belowMinimum).toBe(true);
    expect(r.visibility.total).toBe(4);
    expect(r.overall).toBeNull();
    expect(r.groups).toEqual([]);
    expect(r.flags.every((f) => !f.raised && f.evidence === null)).toBe(true);
  });

  it('shows overall and the shown roles, suppressing small and complementary groups', () => {
    const agg = aggregateAnswers(q, 'full', [...alphaAll('lived', 5, 1), ...alphaAll('staff', 6, 3), ...alphaAll('board', 2, 4)]);
    const r = buildRoundResults(q, 'full', agg, 5);
    expect(r.visibility.shown).toEqual(['staff']);
    expect(r.visibility.reasons).toEqual({ lived: 'complementary', board: 'small' });
    expect(r.groups.map((g) => [g.roleId, g.label, g.result.themes[0].mean])).toEqual([['staff', 'Staff', 75]]);
    // overall: (5·25 + 6·75 + 2·100)/13
    expect(r.overall!.themes[0].mean).toBeCloseTo((125 + 450 + 200) / 13, 10);
    expect(r.overall!.respondents).toBe(13);
  });

  it('applies the floor of 3 to the minimum group size', () => {
    const agg = aggregateAnswers(q, 'full', [...alphaAll('lived', 2, 1), ...alphaAll('staff', 3, 3), ...alphaAll('board', 9, 4)]);
    expect(buildRoundResults(q, 'full', agg, 1).visibility.shown).toEqual(['board']);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const roundArb = fc.array(respondentArb, { minLength: 0, maxLength: 40 });

describe('rubric properties', () => {
  it('keeps every score, mean and interval within 0..100', () => {
    fc.assert(
      fc.property(roundArb, (respondents) => {
        for (const r of respondents) {
          for (const s of Object.values(respondentThemeScores(q, 'full', r.answers))) {
            if (s !== null) expect(s >= 0 && s <= 100).toBe(true);
          }
        }
        const agg = aggregateAnswers(q, 'full', respondents);
        const result = buildGroupResults(q, 'full', mergeGroups(...Object.values(agg)));
        for (const t of result.themes) {
          for (const x of [t.mean, t.ci95?.low, t.ci95?.high]) if (x != null) expect(x >= 0 && x <= 100).toBe(true);
          if (t.mean !== null) expect(t.band).not.toBeNull();
          for (const i of t.items) {
            if (i.mean !== null) expect(i.mean >= 0 && i.mean <= 100).toBe(true);
            if (i.answered! > 0) expect(i.options.reduce((s, o) => s + o.share!, 0)).toBeCloseTo(1, 12);
          }
        }
      }),
    );
  });

  it('gives group means equal to the mean of the respondents\' theme scores', () => {
    fc.assert(
      fc.property(roundArb, (respondents) => {
        const agg = aggregateAnswers(q, 'full', respondents);
        const result = buildGroupResults(q, 'full', mergeGroups(...Object.values(agg)));
        for (const t of result.themes) {
          const direct = respondents.map((r) => respondentThemeScores(q, 'full', r.answers)[t.themeId]).filter((s): s is number => s !== null);
          expect(t.n).toBe(direct.length);
          if (direct.length === 0) expect(t.mean).toBeNull();
          else expect(t.mean!).toBeCloseTo(mean(direct)!, 9);
        }
      }),
    );
  });

  it('never changes a result when the order of respondents changes', () => {
    fc.assert(
      fc.property(roundArb.chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length }))), ([a, b]) => {
        const ra = buildRoundResults(q, 'full', aggregateAnswers(q, 'full', a), 3);
        const rb = buildRoundResults(q, 'full', aggregateAnswers(q, 'full', b), 3);
        expectDeepClose(rb, ra);
      }),
    );
  });

  it('never moves a mean when a "Don\'t know" is added', () => {
    const scoredIds = ['a1', 'a2', 'a3', 'b1', 'b2', 'g1'];
    fc.assert(
      fc.property(roundArb, fc.nat(), fc.constantFrom(...scoredIds), (respondents, pick, itemId) => {
        fc.pre(respondents.length > 0);
        const i = pick % respondents.length;
        fc.pre(respondents[i].answers[itemId] === undefined);
        const after = respondents.map((r, j) => (j === i ? { ...r, answers: { ...r.answers, [itemId]: dk } } : r));
        expect(respondentThemeScores(q, 'full', after[i].answers)).toEqual(respondentThemeScores(q, 'full', respondents[i].answers));
        const before = buildGroupResults(q, 'full', mergeGroups(...Object.values(aggregateAnswers(q, 'full', respondents))));
        const withDk = buildGroupResults(q, 'full', mergeGroups(...Object.values(aggregateAnswers(q, 'full', after))));
        before.themes.forEach((t, j) => {
          expect(withDk.themes[j].mean).toEqual(t.mean);
          expect(withDk.themes[j].n).toBe(t.n);
          const themeOfItem = q.items.find((x) => x.id === itemId)!.theme;
          expect(withDk.themes[j].dontKnow).toBe(t.dontKnow! + (t.themeId === themeOfItem ? 1 : 0));
        });
      }),
    );
  });

  /** Everything a reader of the report can see. */
  const published = (respondents: RespondentAnswers[], k: number) => {
    const r = buildRoundResults(q, 'full', aggregateAnswers(q, 'full', respondents), k);
    return { r, view: { total: r.visibility.total, counts: r.visibility.counts, overall: r.overall, groups: r.groups, flags: r.flags } };
  };

  it('never lets a suppressed group\'s count or mean be derived from what is shown', () => {
    fc.assert(
      fc.property(roundArb, fc.integer({ min: 3, max: 6 }), (respondents, k) => {
        const { r, view } = published(respondents, k);
        const counts = Object.fromEntries(miniRoles.map((role) => [role, respondents.filter((x) => x.role === role).length]));
        // 1. No count: a hidden group's count is never displayed, and subtraction only gives the hidden
        //    union, which holds at least k people and at least two groups.
        for (const g of r.visibility.hidden) expect(r.visibility.counts[g]).toEqual({ shown: false });
        if (!r.visibility.belowMinimum && r.visibility.hidden.length > 0) {
          expect(r.visibility.hidden.length).toBeGreaterThanOrEqual(2);
          expect(r.visibility.hidden.reduce((s, g) => s + counts[g], 0)).toBeGreaterThanOrEqual(r.visibility.minGroupSize);
        }
        // 2. No mean: swapping the answers of two people in different hidden groups changes those
        //    groups' results but leaves everything published exactly as it was.
        const hidden = r.visibility.hidden;
        fc.pre(hidden.length >= 2);
        const i = respondents.findIndex((x) => x.role === hidden[0]);
        const j = respondents.findIndex((x) => x.role === hidden[1]);
        const swapped = respondents.map((x, idx) => (idx === i ? { ...x, answers: respondents[j].answers } : idx === j ? { ...x, answers: respondents[i].answers } : x));
        expectDeepClose(published(swapped, k).view, view);
        const themeOf = (rs: RespondentAnswers[], role: string) =>
          roundDeep(buildGroupResults(q, 'full', aggregateAnswers(q, 'full', rs)[role]).themes.map((t) => [t.n, t.mean]));
        // Compared to 9 decimals: 41.666666666666664 and 41.66666666666667 are the same score.
        const theSame =
          JSON.stringify(roundDeep(respondentThemeScores(q, 'full', respondents[i].answers))) ===
          JSON.stringify(roundDeep(respondentThemeScores(q, 'full', respondents[j].answers)));
        if (!theSame) expect(themeOf(swapped, hidden[0])).not.toEqual(themeOf(respondents, hidden[0]));
      }),
      { numRuns: 300 },
    );
    // 300 generated rounds: seconds on a busy 2-core machine, so more than jest's default 5 s.
  }, 60_000);
});
