import fc from 'fast-check';
import { guardCount, wordingCounts } from '../../src/domain/anonymity';

const rows = (...r: [string, boolean, number][]) => r.map(([language, easyRead, n]) => ({ language, easyRead, n }));

describe('wordingCounts: how many answered in each language and in Easy Read', () => {
  it.each([
    // 30 English, 12 Welsh (3 of them Easy Read), 6 English Easy Read: Welsh 12 exact, Easy Read 9 exact.
    [rows(['en', false, 24], ['en', true, 6], ['cy', false, 9], ['cy', true, 3]), 5, { languages: [{ language: 'cy', count: { kind: 'exact', n: 12 } }], easyRead: { kind: 'exact', n: 9 } }],
    // 3 Welsh of 40: "fewer than 5"; nobody in Easy Read: nothing said.
    [rows(['en', false, 37], ['cy', false, 3]), 5, { languages: [{ language: 'cy', count: { kind: 'fewerThan', n: 5 } }], easyRead: null }],
    // 38 Welsh and 2 English: the exact 38 would give away the 2, so "at least 5".
    [rows(['en', false, 2], ['cy', false, 38]), 5, { languages: [{ language: 'cy', count: { kind: 'atLeast', n: 5 } }], easyRead: null }],
    // Everyone in Easy Read: nothing to subtract, so exact.
    [rows(['en', true, 7]), 5, { languages: [], easyRead: { kind: 'exact', n: 7 } }],
    // Minimum group size 3 (workshop): 3 Welsh is shown.
    [rows(['en', false, 10], ['cy', false, 3]), 3, { languages: [{ language: 'cy', count: { kind: 'exact', n: 3 } }], easyRead: null }],
    // A minimum below the floor is raised to 3.
    [rows(['en', false, 10], ['cy', false, 2]), 1, { languages: [{ language: 'cy', count: { kind: 'fewerThan', n: 3 } }], easyRead: null }],
  ])('%#: %j with minimum %i', (r, min, expected) => {
    expect(wordingCounts(r, 'en', min)).toEqual(expected);
  });

  it('never shows an exact count below the minimum, nor one whose complement is a small non-zero number', () => {
    fc.assert(
      fc.property(fc.nat(60), fc.nat(60), fc.integer({ min: 3, max: 10 }), (c, rest, min) => {
        const g = guardCount(c, c + rest, min);
        if (g.kind === 'exact') {
          expect(g.n).toBeGreaterThanOrEqual(min);
          expect(rest === 0 || rest >= min).toBe(true);
        } else expect(g.n).toBe(min);
      }),
    );
  });
});
