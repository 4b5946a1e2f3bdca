import fc from 'fast-check';
import { decideCell } from '../../src/domain/anonymity';
import { type Answer, type Answers } from '../../src/domain/questionnaire';
import { aggregateAnswers, displayScore, bandFor, type RespondentAnswers } from '../../src/domain/rubric';
import { buildRoundResults, decideDisclosure } from '../../src/domain/round-results';
import { miniQuestionnaire } from '../fixtures/mini-questionnaire';

const q = miniQuestionnaire();
const c = (value: number): Answer => ({ type: 'choice', value });
const dk: Answer = { type: 'dontKnow' };
const people = (role: string, n: number, answers: Answers): RespondentAnswers[] => Array.from({ length: n }, () => ({ role, answers }));

describe('decideCell: the rule inside a theme or an item', () => {
  it.each<[string, Record<string, number>, number, number, { overall: boolean; roles: string[] }]>([
    ['everyone large enough', { a: 5, b: 6 }, 11, 5, { overall: true, roles: ['a', 'b'] }],
    ['a cell with fewer than k people shows nothing', { a: 2, b: 2 }, 4, 5, { overall: false, roles: [] }],
    // b (1) is hidden; hidden people 1 < 5, so a (the smaller of a 5 and c 6) is hidden too
    ['a small group and its complement', { a: 5, b: 1, c: 6 }, 12, 5, { overall: true, roles: ['c'] }],
    // the rest of the cell (people of groups not shown for the round: 13 - 11 = 2) counts as hidden
    ['the rest of the cell is hidden from the start', { a: 5, c: 6 }, 13, 5, { overall: true, roles: ['c'] }],
    // rest 5 already protects b (1): 6 hidden people, nothing more to hide
    ['a large rest protects a small group', { a: 5, b: 1, c: 6 }, 17, 5, { overall: true, roles: ['a', 'c'] }],
    ['empty groups are neither shown nor hidden', { a: 0, b: 5 }, 5, 5, { overall: true, roles: ['b'] }],
    ['the floor of 3 applies', { a: 3, b: 3 }, 6, 1, { overall: true, roles: ['a', 'b'] }],
  ])('%s', (_name, counts, total, k, expected) => {
    expect(decideCell(counts, total, k)).toEqual(expected);
  });

  it('refuses groups that hold more people than the cell', () => {
    expect(() => decideCell({ a: 5 }, 4, 5)).toThrow(RangeError);
  });
});

describe('decideDisclosure and buildRoundResults: item level (audit finding)', () => {
  it('withholds a shown group\'s answers to a question when fewer than k of them chose an answer', () => {
    // Staff: 5 people, 4 of whom answered "Don't know" to a1 and one "Always"; lived: 6 people, all answered a1.
    // Everyone answered a2. Staff are shown for the round and for theme alpha (via a2), but their a1
    // distribution would be one person's answer under their role.
    const respondents = [
      ...people('staff', 4, { a1: dk, a2: c(2) }),
      ...people('staff', 1, { a1: c(4), a2: c(2) }),
      ...people('lived', 6, { a1: c(1), a2: c(1) }),
    ];
    const agg = aggregateAnswers(q, 'full', respondents);
    const d = decideDisclosure(q, 'full', agg, 5);
    expect(d.themes.alpha).toEqual({ overall: true, roles: ['lived', 'staff'] });
    // a1: staff 1 answer (hidden), lived 6; hidden people 1 < 5 so lived is hidden too; overall 7 shown
    expect(d.items.a1).toEqual({ overall: true, roles: [] });
    expect(d.items.a2).toEqual({ overall: true, roles: ['lived', 'staff'] });

    const r = buildRoundResults(q, 'full', agg, 5);
    const staffA1 = r.groups.find((g) => g.roleId === 'staff')!.result.themes[0].items.find((i) => i.itemId === 'a1')!;
    expect(staffA1).toMatchObject({ shown: false, answered: null, dontKnow: null, mean: null });
    expect(staffA1.options.map((o) => [o.count, o.share])).toEqual([[null, null], [null, null], [null, null], [null, null], [null, null]]);
    const staffA2 = r.groups.find((g) => g.roleId === 'staff')!.result.themes[0].items.find((i) => i.itemId === 'a2')!;
    expect(staffA2).toMatchObject({ shown: true, answered: 5, dontKnow: 0 });
    const everyoneA1 = r.overall!.themes[0].items.find((i) => i.itemId === 'a1')!;
    expect(everyoneA1).toMatchObject({ shown: true, answered: 7, dontKnow: 4 });
    expect(everyoneA1.options.map((o) => o.count)).toEqual([0, 6, 0, 0, 1]);
  });

  it('withholds the overall distribution of a question fewer than k answered', () => {
    const agg = aggregateAnswers(q, 'full', [...people('staff', 3, { a1: c(1), a2: c(3) }), ...people('lived', 3, { a2: c(1) })]);
    const r = buildRoundResults(q, 'full', agg, 5);
    const everyone = r.overall!.themes[0];
    expect(everyone).toMatchObject({ shown: true, n: 6 });
    expect(everyone.items.find((i) => i.itemId === 'a1')).toMatchObject({ shown: false, answered: null });
    expect(everyone.items.find((i) => i.itemId === 'a2')).toMatchObject({ shown: true, answered: 6 });
  });
});

describe('displayScore: what people read never crosses a band edge', () => {
  it.each<[number | null, number | null, string | null]>([
    [49.985, 49.9, 'mid'], // the audit's case: not "50.0, Starting out"
    [49.99999999999999, 50, 'high'], // float noise from summing in another order is absorbed, as by bandFor
    [57.3, 57.3, 'high'],
    [24.96, 24.9, 'low'],
    [0, 0, 'low'],
    [100, 100, 'top'],
    [200 / 3, 66.6, 'high'],
    [null, null, null],
  ])('%s shows as %s', (x, shown, band) => {
    expect(displayScore(x)).toBe(shown);
    expect(bandFor(q, x)?.id ?? null).toBe(band);
    if (shown !== null) expect(bandFor(q, shown)?.id).toBe(band);
  });

  it('never shows a number in another band than the score (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), (x) => {
        expect(bandFor(q, displayScore(x))?.id).toBe(bandFor(q, x)?.id);
        expect(displayScore(x)!).toBeLessThanOrEqual(x + 1e-9);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Properties: every published figure is made of shown cells of at least k people

const roles = ['lived', 'carer', 'staff', 'leader', 'board'];
const answerArb = (max: number) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant<Answer>(dk) },
    { weight: 3, arbitrary: fc.integer({ min: 0, max }).map((value): Answer => c(value)) },
  );
const respondentArb = fc.record({
  role: fc.constantFrom(...roles),
  answers: fc
    .record({ a1: answerArb(4), a2: answerArb(4), a3: answerArb(6), b1: answerArb(4), b2: answerArb(4), g1: answerArb(4) })
    .map((a) => Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as Answers),
});
const roundArb = fc.array(respondentArb, { minLength: 0, maxLength: 60 });

describe('disclosure properties', () => {
  it('shows a cell only for k or more people, and leaves k or more (or nobody) hidden in it', () => {
    fc.assert(
      fc.property(roundArb, fc.integer({ min: 3, max: 6 }), (respondents, k) => {
        const agg = aggregateAnswers(q, 'full', respondents);
        const d = decideDisclosure(q, 'full', agg, k);
        const answered = (role: string | null, itemId: string) =>
          respondents.filter((r) => (role === null || r.role === role) && r.answers[itemId]?.type === 'choice').length;
        const scored = (role: string | null, themeId: string) => (role === null ? Object.values(agg) : [agg[role]]).reduce((s, g) => s + (g?.themes[themeId]?.n ?? 0), 0);
        for (const [themeId, cell] of Object.entries(d.themes)) {
          if (!cell.overall) continue;
          expect(scored(null, themeId)).toBeGreaterThanOrEqual(k);
          for (const role of cell.roles) expect(scored(role, themeId)).toBeGreaterThanOrEqual(k);
          const hidden = scored(null, themeId) - cell.roles.reduce((s, role) => s + scored(role, themeId), 0);
          expect(hidden === 0 || hidden >= k).toBe(true);
        }
        for (const [itemId, cell] of Object.entries(d.items)) {
          if (!cell.overall) continue;
          expect(answered(null, itemId)).toBeGreaterThanOrEqual(k);
          for (const role of cell.roles) expect(answered(role, itemId)).toBeGreaterThanOrEqual(k);
          const hidden = answered(null, itemId) - cell.roles.reduce((s, role) => s + answered(role, itemId), 0);
          expect(hidden === 0 || hidden >= k).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
    // 300 generated rounds: seconds on a busy 2-core machine, so more than jest's default 5 s.
  }, 60_000);

  it('builds flag evidence only from cells the report shows', () => {
    fc.assert(
      fc.property(roundArb, fc.integer({ min: 3, max: 6 }), (respondents, k) => {
        const r = buildRoundResults(q, 'full', aggregateAnswers(q, 'full', respondents), k);
        const group = (role: string) => r.groups.find((g) => g.roleId === role)?.result;
        for (const f of r.flags) {
          if (f.status === 'notEnoughPeople' || f.status === 'notInForm') expect(f.evidence).toBeNull();
          const e = f.evidence;
          if (!e) continue;
          if (e.kind === 'gap') {
            for (const side of [e.gap.a, e.gap.b]) {
              const cells = side.roles.map((role) => group(role)?.themes.find((t) => t.themeId === e.gap.themeId));
              expect(cells.every((t) => t?.shown)).toBe(true);
              expect(side.summary.n).toBe(cells.reduce((s, t) => s + t!.n!, 0));
            }
          } else {
            const sides = e.kind === 'ladderAtMost' ? [e.side] : [e.a, e.b];
            for (const side of sides) {
              const items =
                side.roles === 'all'
                  ? [r.overall!.themes.flatMap((t) => t.items).find((i) => i.itemId === e.itemId)]
                  : side.roles.map((role) => group(role)?.themes.flatMap((t) => t.items).find((i) => i.itemId === e.itemId));
              expect(items.every((i) => i?.shown)).toBe(true);
              expect(side.answered).toBe(items.reduce((s, i) => s + i!.answered!, 0));
            }
          }
        }
      }),
      { numRuns: 300 },
    );
    // 300 generated rounds: seconds on a busy 2-core machine, so more than jest's default 5 s.
  }, 60_000);
});
