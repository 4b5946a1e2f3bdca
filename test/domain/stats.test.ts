import fc from 'fast-check';
import {
  ci95,
  mean,
  regularizedIncompleteBeta,
  sampleSd,
  studentTCdf,
  summarise,
  summaryFromMoments,
  tQuantile,
  welchTest,
} from '../../src/domain/stats';

describe('mean', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[1, 2, 3, 4], 2.5],
    [[0, 25, 100], 125 / 3],
  ])('mean(%j) = %p', (xs, expected) => {
    if (expected === null) expect(mean(xs)).toBeNull();
    else expect(mean(xs)).toBeCloseTo(expected, 12);
  });
});

describe('sampleSd', () => {
  it.each([
    [[], null],
    [[5], null], // n = 1: no spread to estimate, null (never NaN)
    [[2, 4], Math.SQRT2], // mean 3, squares 1 + 1 = 2, / (2-1) = 2
    [[2, 4, 4, 4, 5, 5, 7, 9], Math.sqrt(32 / 7)], // mean 5, squares 9+1+1+1+0+0+4+16 = 32
    [[50, 50, 50], 0],
  ])('sampleSd(%j) = %p', (xs, expected) => {
    if (expected === null) expect(sampleSd(xs)).toBeNull();
    else expect(sampleSd(xs)).toBeCloseTo(expected, 12);
  });
});

describe('ci95', () => {
  it.each([
    [[], null],
    [[70], null],
    // n = 2: 3 ± t(0.975, 1) · √2/√2 = 3 ± 12.7062047361747
    [[2, 4], { low: 3 - 12.706204736174707, high: 3 + 12.706204736174707 }],
    // n = 8: 5 ± t(0.975, 7) · √(32/7)/√8 = 5 ± 2.364624251592785 · 0.7559289... = 5 ± 1.78748791823621
    [[2, 4, 4, 4, 5, 5, 7, 9], { low: 5 - 1.7874879182362098, high: 5 + 1.7874879182362098 }],
  ])('ci95(%j) = %p', (xs, expected) => {
    const ci = ci95(xs);
    if (expected === null) expect(ci).toBeNull();
    else {
      expect(ci!.low).toBeCloseTo(expected.low, 9);
      expect(ci!.high).toBeCloseTo(expected.high, 9);
    }
  });
});

describe('summaryFromMoments', () => {
  it.each([
    ['nobody', 0, 0, 0, { n: 0, mean: null, sd: null }],
    ['one person', 1, 75, 5625, { n: 1, mean: 75, sd: null }],
    ['two equal', 2, 100, 5000, { n: 2, mean: 50, sd: 0 }],
    // 50, 75, 100: sum 225, sumSq 2500 + 5625 + 10000 = 18125; ss = 18125 - 225²/3 = 1250; sd = √625 = 25
    ['three', 3, 225, 18125, { n: 3, mean: 75, sd: 25 }],
  ])('%s', (_name, n, sum, sumSq, expected) => {
    const s = summaryFromMoments(n, sum, sumSq);
    expect(s.n).toBe(expected.n);
    expect(s.mean).toEqual(expected.mean);
    if (expected.sd === null) {
      expect(s.sd).toBeNull();
      expect(s.ci95).toBeNull();
    } else {
      expect(s.sd).toBeCloseTo(expected.sd, 10);
      expect(s.ci95).not.toBeNull();
    }
  });

  it('gives the t interval for three values (75 ± 4.302653 · 25/√3 = 75 ± 62.1034)', () => {
    const s = summaryFromMoments(3, 225, 18125);
    expect(s.ci95!.low).toBeCloseTo(75 - 62.103442793758255, 9);
    expect(s.ci95!.high).toBeCloseTo(75 + 62.103442793758255, 9);
  });

  it('clamps a tiny negative variance from rounding to 0 instead of NaN', () => {
    const x = 100 / 3;
    const n = 7;
    const s = summaryFromMoments(n, x * n, x * x * n * (1 - 1e-16));
    expect(s.sd).toBe(0);
    expect(s.ci95).toEqual({ low: s.mean, high: s.mean });
  });

  it('refuses a negative or fractional n', () => {
    expect(() => summaryFromMoments(-1, 0, 0)).toThrow(RangeError);
    expect(() => summaryFromMoments(1.5, 0, 0)).toThrow(RangeError);
  });

  it('agrees with the two-pass functions on any sample', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 0, maxLength: 60 }), (xs) => {
        const a = summaryFromMoments(xs.length, xs.reduce((s, x) => s + x, 0), xs.reduce((s, x) => s + x * x, 0));
        const b = summarise(xs);
        expect(a.n).toBe(b.n);
        if (b.mean === null) expect(a.mean).toBeNull();
        else expect(a.mean!).toBeCloseTo(b.mean, 9);
        if (b.sd === null) expect(a.sd).toBeNull();
        else expect(a.sd!).toBeCloseTo(b.sd, 6);
      }),
    );
  });
});

describe('Student t distribution', () => {
  // Reference values from published tables (and scipy.stats.t to more digits).
  it.each([
    [0.975, 1, 12.706204736174694],
    [0.975, 2, 4.302652729749462],
    [0.975, 3, 3.182446305283708],
    [0.975, 10, 2.228138851986274],
    [0.975, 30, 2.0422724563012378],
    [0.975, 100, 1.9839715185235518],
    [0.025, 5, -2.5705818356363155],
    [0.95, 3.7, 2.1824938039146007],
    [0.999, 4, 7.173182219782307],
    [0.5, 7, 0],
  ])('tQuantile(%p, df=%p) = %p', (p, df, expected) => {
    expect(tQuantile(p, df)).toBeCloseTo(expected, 9);
  });

  it.each([
    [0, 3, 0.5],
    [1, 1, 0.75], // Cauchy: 1/2 + atan(1)/π
    [2, 5, 0.9490302605850708],
    [-1.5, 2.5, 0.12391822654314809],
    [-3, 4, 0.019970984035859413],
    [2.5, 50, 0.99212752086344],
    [Infinity, 3, 1],
    [-Infinity, 3, 0],
  ])('studentTCdf(%p, df=%p) = %p', (t, df, expected) => {
    expect(studentTCdf(t, df)).toBeCloseTo(expected, 12);
  });

  it('refuses df <= 0 and p outside [0, 1]', () => {
    expect(() => tQuantile(0.5, 0)).toThrow(RangeError);
    expect(() => tQuantile(1.5, 3)).toThrow(RangeError);
    expect(() => studentTCdf(1, -1)).toThrow(RangeError);
  });

  it('quantile inverts the CDF, and the CDF is symmetric', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.double({ min: 0.5, max: 500, noNaN: true }), (p, df) => {
        const t = tQuantile(p, df);
        expect(studentTCdf(t, df)).toBeCloseTo(p, 12);
        expect(studentTCdf(t, df) + studentTCdf(-t, df)).toBeCloseTo(1, 12);
      }),
    );
  });

  it.each([
    [0.5, 2, 3, 0.6875], // I_0.5(2, 3) = 11/16 by the binomial sum
    [0.3, 1, 1, 0.3], // uniform
    [0, 2, 2, 0],
    [1, 2, 2, 1],
  ])('regularizedIncompleteBeta(%p, %p, %p) = %p', (x, a, b, expected) => {
    expect(regularizedIncompleteBeta(x, a, b)).toBeCloseTo(expected, 12);
  });
});

describe('welchTest', () => {
  it.each([
    // a: n 5, mean 60, sd 10 -> va = 100/5 = 20; b: n 8, mean 50, sd 20 -> vb = 400/8 = 50
    // se = √70 = 8.36660; t = 10/√70 = 1.195229; df = 70² / (20²/4 + 50²/7) = 4900 / 457.142857 = 10.71875
    ['unequal spread', { n: 5, mean: 60, sd: 10 }, { n: 8, mean: 50, sd: 20 }, { t: 10 / Math.sqrt(70), df: 10.71875, p: 0.2577723544047308, significant: false, half: 2.208051789017934 * Math.sqrt(70) }],
    // both n 10, sd 15 -> va = vb = 22.5; se = √45; t = 15/√45 = √5; df = 45² / (2 · 22.5²/9) = 18
    ['equal spread', { n: 10, mean: 70, sd: 15 }, { n: 10, mean: 55, sd: 15 }, { t: Math.sqrt(5), df: 18, p: 0.03824961451611385, significant: true, half: 2.1009220402410382 * Math.sqrt(45) }],
  ])('%s', (_name, a, b, expected) => {
    const r = welchTest(a, b)!;
    expect(r.t).toBeCloseTo(expected.t, 10);
    expect(r.df).toBeCloseTo(expected.df, 10);
    expect(r.p).toBeCloseTo(expected.p, 10);
    expect(r.significant).toBe(expected.significant);
    expect(r.difference).toBeCloseTo(a.mean - b.mean, 12);
    expect(r.ci95.low).toBeCloseTo(r.difference - expected.half, 8);
    expect(r.ci95.high).toBeCloseTo(r.difference + expected.half, 8);
  });

  it('is symmetric: swapping the groups flips t and keeps p', () => {
    const a = { n: 5, mean: 60, sd: 10 };
    const b = { n: 8, mean: 50, sd: 20 };
    const ab = welchTest(a, b)!;
    const ba = welchTest(b, a)!;
    expect(ba.t).toBeCloseTo(-ab.t, 12);
    expect(ba.p).toBeCloseTo(ab.p, 12);
  });

  it.each([
    ['n = 1 on one side', { n: 1, mean: 60, sd: 0 }, { n: 8, mean: 50, sd: 20 }],
    ['no spread on either side', { n: 4, mean: 60, sd: 0 }, { n: 4, mean: 50, sd: 0 }],
    ['a non-finite sd', { n: 4, mean: 60, sd: NaN }, { n: 4, mean: 50, sd: 3 }],
  ])('is null when not computable: %s', (_name, a, b) => {
    expect(welchTest(a, b)).toBeNull();
  });
});
