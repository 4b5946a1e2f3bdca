import fc from 'fast-check';
import {
  DEFAULT_MIN_GROUP_SIZE,
  MIN_GROUP_SIZE_FLOOR,
  decideVisibility,
  normaliseMinGroupSize,
} from '../../src/domain/anonymity';

type Case = {
  name: string;
  counts: Record<string, number>;
  k?: number;
  shown: string[];
  hidden: Record<string, 'small' | 'complementary'>;
  belowMinimum?: boolean;
};

describe('decideVisibility', () => {
  it('uses 5 by default and never less than 3', () => {
    expect(DEFAULT_MIN_GROUP_SIZE).toBe(5);
    expect(MIN_GROUP_SIZE_FLOOR).toBe(3);
    expect(decideVisibility({ a: 5 }).minGroupSize).toBe(5);
  });

  it.each<Case>([
    { name: 'every group at k or more', counts: { lived: 5, staff: 7 }, shown: ['lived', 'staff'], hidden: {} },
    { name: 'a group of exactly k is shown', counts: { lived: 5, staff: 10, board: 5 }, shown: ['lived', 'staff', 'board'], hidden: {} },
    {
      name: 'a group of k - 1 is hidden, and the next smallest with it',
      counts: { lived: 4, staff: 10, board: 6 },
      shown: ['staff'],
      hidden: { lived: 'small', board: 'complementary' },
    },
    {
      name: 'two small groups that together reach k need no complementary group',
      counts: { lived: 3, carer: 2, staff: 10, board: 8 },
      shown: ['staff', 'board'],
      hidden: { lived: 'small', carer: 'small' },
    },
    {
      name: 'two small groups of 1 and 1 (a group of 2 by subtraction) hide the next smallest',
      counts: { lived: 1, carer: 1, staff: 10, board: 8 },
      shown: ['staff'],
      hidden: { lived: 'small', carer: 'small', board: 'complementary' },
    },
    {
      name: 'complementary suppression picks the smallest shown group',
      counts: { a: 1, b: 1, c: 9, d: 6, e: 7 },
      shown: ['c', 'e'],
      hidden: { a: 'small', b: 'small', d: 'complementary' },
    },
    {
      name: 'ties are broken by group id, whatever the input order',
      counts: { staff: 6, lived: 3, board: 6 },
      shown: ['staff'],
      hidden: { lived: 'small', board: 'complementary' },
    },
    {
      name: 'groups with nobody are empty: nothing to hide',
      counts: { lived: 0, staff: 6, board: 5, carer: 0 },
      shown: ['staff', 'board'],
      hidden: {},
    },
    {
      name: 'one small group beside one large one: both hidden, overall still shown',
      counts: { lived: 2, staff: 20 },
      shown: [],
      hidden: { lived: 'small', staff: 'complementary' },
    },
    {
      name: 'every group small but the round at k or more: overall only',
      counts: { lived: 2, staff: 2, board: 2 },
      shown: [],
      hidden: { lived: 'small', staff: 'small', board: 'small' },
    },
    {
      name: 'the whole round below k: counts only',
      counts: { lived: 2, staff: 2, board: 0 },
      shown: [],
      hidden: { lived: 'small', staff: 'small' },
      belowMinimum: true,
    },
    { name: 'nobody at all', counts: { lived: 0, staff: 0 }, shown: [], hidden: {}, belowMinimum: true },
    { name: 'k = 3 for a workshop', counts: { lived: 3, staff: 4, board: 2 }, k: 3, shown: ['staff'], hidden: { board: 'small', lived: 'complementary' } },
  ])('$name', ({ counts, k, shown, hidden, belowMinimum = false }) => {
    const d = decideVisibility(counts, k);
    expect(d.shown).toEqual(shown);
    expect(d.reasons).toEqual(hidden);
    expect(new Set(d.hidden)).toEqual(new Set(Object.keys(hidden)));
    expect(d.belowMinimum).toBe(belowMinimum);
    expect(d.overallShown).toBe(!belowMinimum);
    expect(d.total).toBe(Object.values(counts).reduce((s, n) => s + n, 0));
    expect(d.empty).toEqual(Object.keys(counts).filter((g) => counts[g] === 0));
  });

  it('shows exact counts only for shown groups; hidden and empty groups alike say "not shown"', () => {
    const d = decideVisibility({ lived: 4, staff: 10, board: 6, carer: 0 });
    expect(d.counts).toEqual({ lived: { shown: false }, staff: { shown: true, n: 10 }, board: { shown: false }, carer: { shown: false } });
  });

  it.each([
    [2, 3],
    [1, 3],
    [-4, 3],
    [3, 3],
    [3.2, 4],
    [5, 5],
    [10, 10],
  ])('normalises a minimum group size of %p to %p', (k, expected) => {
    expect(normaliseMinGroupSize(k)).toBe(expected);
    expect(decideVisibility({ a: 3 }, k).minGroupSize).toBe(expected);
  });

  it('with k below the floor, groups of 2 are still hidden', () => {
    const d = decideVisibility({ lived: 2, staff: 3, board: 9 }, 1);
    expect(d.minGroupSize).toBe(3);
    expect(d.reasons).toEqual({ lived: 'small', staff: 'complementary' });
  });

  it.each([[NaN], [Infinity], ['5' as unknown as number]])('refuses a minimum group size of %p', (k) => {
    expect(() => decideVisibility({ a: 5 }, k)).toThrow(RangeError);
  });

  it.each([[-1], [1.5], [NaN]])('refuses a count of %p', (n) => {
    expect(() => decideVisibility({ a: 5, b: n })).toThrow(RangeError);
  });
});

const groupNames = ['lived', 'carer', 'staff', 'leader', 'board', 'partner', 'unsaid'];
const countsArb = fc
  .array(fc.integer({ min: 0, max: 14 }), { minLength: 1, maxLength: groupNames.length })
  .map((ns) => Object.fromEntries(ns.map((n, i) => [groupNames[i], n])) as Record<string, number>);
const kArb = fc.integer({ min: 1, max: 8 });

describe('decideVisibility properties', () => {
  it('never shows a group below k, and partitions the groups', () => {
    fc.assert(
      fc.property(countsArb, kArb, (counts, k) => {
        const d = decideVisibility(counts, k);
        for (const g of d.shown) expect(counts[g]).toBeGreaterThanOrEqual(d.minGroupSize);
        for (const g of Object.keys(counts)) {
          if (counts[g] > 0 && counts[g] < d.minGroupSize) expect(d.hidden).toContain(g);
        }
        const all = [...d.shown, ...d.hidden, ...d.empty].sort();
        expect(all).toEqual(Object.keys(counts).sort());
      }),
    );
  });

  it('leaves nothing fewer than k people to recover by subtraction', () => {
    fc.assert(
      fc.property(countsArb, kArb, (counts, k) => {
        const d = decideVisibility(counts, k);
        if (d.belowMinimum) {
          expect(d.shown).toEqual([]);
          return;
        }
        // What a reader can compute: total (or overall n) minus every shown group = the hidden union.
        const residual = d.total - d.shown.reduce((s, g) => s + counts[g], 0);
        expect(residual === 0 || residual >= d.minGroupSize).toBe(true);
        // ...and never one hidden group on its own.
        expect(d.hidden.length).not.toBe(1);
        for (const g of d.hidden) expect(d.counts[g]).toEqual({ shown: false });
      }),
    );
  });

  it('hides a complementary group only when needed', () => {
    fc.assert(
      fc.property(countsArb, kArb, (counts, k) => {
        const d = decideVisibility(counts, k);
        const comp = d.hidden.filter((g) => d.reasons[g] === 'complementary');
        if (comp.length === 0) return;
        const hiddenTotal = d.hidden.reduce((s, g) => s + counts[g], 0);
        const last = Math.max(...comp.map((g) => counts[g]));
        expect(hiddenTotal - last).toBeLessThan(d.minGroupSize);
      }),
    );
  });

  it('does not depend on the order of the groups', () => {
    fc.assert(
      fc.property(countsArb, kArb, (counts, k) => {
        const reversed = Object.fromEntries(Object.entries(counts).reverse());
        const a = decideVisibility(counts, k);
        const b = decideVisibility(reversed, k);
        expect(new Set(b.shown)).toEqual(new Set(a.shown));
        expect(b.reasons).toEqual(a.reasons);
      }),
    );
  });
});
