// Descriptive statistics and the small amount of inference Powershare needs: a t-based 95%
// confidence interval and Welch's unequal-variance t-test. Pure functions, no dependencies.
//
// The Student t distribution is computed through the regularized incomplete beta function
// (continued fraction, as in Numerical Recipes §6.4), so quantiles are exact to ~1e-10 for any
// positive degrees of freedom, including the non-integer df that Welch's test produces.

/** A 95% confidence interval. */
export type Interval = { low: number; high: number };

/** Summary of a sample: n, mean and sample standard deviation, with a 95% confidence interval. */
export type Summary = {
  n: number;
  /** null when n = 0 */
  mean: number | null;
  /** sample standard deviation (n - 1 denominator); null when n < 2 */
  sd: number | null;
  /** t-based 95% interval for the mean; null when n < 2 */
  ci95: Interval | null;
};

/** Result of Welch's t-test for two independent means. */
export type WelchResult = {
  /** mean of a minus mean of b */
  difference: number;
  /** standard error of the difference */
  se: number;
  t: number;
  /** Welch–Satterthwaite degrees of freedom (not an integer in general) */
  df: number;
  /** two-sided p-value */
  p: number;
  /** 95% confidence interval of the difference (a - b) */
  ci95: Interval;
  /** p < alpha (0.05 unless given) */
  significant: boolean;
};

/** Moments of one sample, enough for Welch's test. */
export type SampleMoments = { n: number; mean: number; sd: number };

/**
 * Arithmetic mean.
 * @returns null for an empty list (never NaN).
 */
export function mean(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/**
 * Sample standard deviation (denominator n - 1), computed in two passes for accuracy.
 * @returns null when n < 2 (a single answer has no spread to estimate).
 */
export function sampleSd(xs: readonly number[]): number | null {
  if (xs.length < 2) return null;
  const m = mean(xs) as number;
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (xs.length - 1));
}

/**
 * t-based 95% confidence interval for the mean of a sample.
 * @returns null when n < 2.
 */
export function ci95(xs: readonly number[]): Interval | null {
  const sd = sampleSd(xs);
  const m = mean(xs);
  if (sd === null || m === null) return null;
  return meanInterval(m, sd, xs.length);
}

/** Summary (n, mean, sd, 95% CI) of a list of numbers. */
export function summarise(xs: readonly number[]): Summary {
  const m = mean(xs);
  const sd = sampleSd(xs);
  return { n: xs.length, mean: m, sd, ci95: m !== null && sd !== null ? meanInterval(m, sd, xs.length) : null };
}

/**
 * Summary from additive moments (count, sum, sum of squares), as aggregated by SQL.
 * A tiny negative variance produced by floating-point cancellation is clamped to 0.
 * @param n number of values
 * @param sum sum of the values
 * @param sumSq sum of the squared values
 */
export function summaryFromMoments(n: number, sum: number, sumSq: number): Summary {
  if (!Number.isFinite(n) || n < 0 || !Number.isInteger(n)) throw new RangeError(`n must be a whole number >= 0, got ${n}`);
  if (n === 0) return { n: 0, mean: null, sd: null, ci95: null };
  const m = sum / n;
  if (n < 2) return { n, mean: m, sd: null, ci95: null };
  // (sumSq - sum^2/n) loses precision when the mean is large relative to the spread; scores live on
  // 0..100, so with n up to 1e6 the absolute error stays far below any displayed digit.
  const ss = Math.max(0, sumSq - (sum * sum) / n);
  const sd = Math.sqrt(ss / (n - 1));
  return { n, mean: m, sd, ci95: meanInterval(m, sd, n) };
}

/**
 * The t-based 95% interval mean ± t(0.975, n-1) · sd / √n.
 * @returns null when n < 2.
 */
export function meanInterval(m: number, sd: number, n: number): Interval | null {
  if (n < 2) return null;
  const half = tQuantile(0.975, n - 1) * (sd / Math.sqrt(n));
  return { low: m - half, high: m + half };
}

/**
 * Welch's t-test for the difference of two means with unequal variances.
 * @param alpha significance level for `significant`, default 0.05
 * @returns null when not computable: either sample has n < 2, or both have zero spread
 *   (the standard error is 0, so no test is meaningful).
 */
export function welchTest(a: SampleMoments, b: SampleMoments, alpha = 0.05): WelchResult | null {
  if (a.n < 2 || b.n < 2) return null;
  if (![a.mean, a.sd, b.mean, b.sd].every(Number.isFinite)) return null;
  const va = (a.sd * a.sd) / a.n;
  const vb = (b.sd * b.sd) / b.n;
  const se2 = va + vb;
  if (!(se2 > 0)) return null;
  const se = Math.sqrt(se2);
  const difference = a.mean - b.mean;
  const t = difference / se;
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const p = Math.min(1, 2 * studentTCdf(-Math.abs(t), df));
  const half = tQuantile(0.975, df) * se;
  return { difference, se, t, df, p, ci95: { low: difference - half, high: difference + half }, significant: p < alpha };
}

/**
 * Cumulative distribution function of Student's t distribution.
 * @param t the value
 * @param df degrees of freedom, any positive real number
 */
export function studentTCdf(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be > 0, got ${df}`);
  if (Number.isNaN(t)) return NaN;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  if (t === 0) return 0.5;
  // P(T < -|t|) = I_x(df/2, 1/2) / 2 with x = df / (df + t²)
  // 1 - x is passed as well, computed without cancellation (x is close to 1 when t is near 0).
  const x = df / (df + t * t);
  const y = (t * t) / (df + t * t);
  const tail = 0.5 * regularizedIncompleteBeta(x, df / 2, 0.5, y);
  return t > 0 ? 1 - tail : tail;
}

/**
 * Quantile (inverse CDF) of Student's t distribution.
 * Closed forms for df = 1 and df = 2; otherwise Newton steps safeguarded by bisection.
 * @param p probability in (0, 1)
 * @param df degrees of freedom, any positive real number
 */
export function tQuantile(p: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be > 0, got ${df}`);
  // A report asks for the same few (p, df) pairs many times (one a group and theme): remember them.
  const key = `${p}|${df}`;
  let q = quantileMemo.get(key);
  if (q === undefined) {
    if (quantileMemo.size >= 10_000) quantileMemo.clear();
    q = computeTQuantile(p, df);
    quantileMemo.set(key, q);
  }
  return q;
}
const quantileMemo = new Map<string, number>();

function computeTQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  // Solve for the upper tail and use symmetry: t(p) = -t(1 - p).
  const upper = p > 0.5;
  const q = upper ? p : 1 - p; // q in (0.5, 1)
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, df) < q) {
    lo = hi;
    hi *= 2;
    if (hi > 1e300) break;
  }
  let x = (lo + hi) / 2;
  for (let i = 0; i < 100; i++) {
    const f = studentTCdf(x, df) - q;
    if (f === 0) break;
    if (f > 0) hi = x;
    else lo = x;
    const step = f / studentTPdf(x, df);
    let next = x - step;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    // The CDF is accurate to ~1e-15, so steps below 1e-13·|x| are noise: stop there.
    if (Math.abs(next - x) <= 1e-13 * Math.max(1, Math.abs(x)) || hi - lo <= 1e-13 * Math.max(1, Math.abs(x))) {
      x = next;
      break;
    }
    x = next;
  }
  return upper ? x : -x;
}

/** Density of Student's t distribution. */
export function studentTPdf(t: number, df: number): number {
  const logC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * Natural logarithm of the gamma function for x > 0 (Lanczos approximation, g = 7, n = 9),
 * accurate to about 15 significant digits.
 */
export function logGamma(x: number): number {
  if (x < 0.5) {
    // Reflection formula keeps the approximation in its accurate range.
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * Regularized incomplete beta function I_x(a, b) for 0 <= x <= 1, a, b > 0.
 * @param y 1 - x, when the caller can compute it more accurately than `1 - x`
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number, y: number = 1 - x): number {
  if (x <= 0) return 0;
  if (x >= 1 || y <= 0) return 1;
  const lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(y);
  const front = Math.exp(lnFront);
  // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(y, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const eps = 1e-16;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < eps) break;
  }
  return h;
}
