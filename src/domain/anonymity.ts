// Which groups' results may be shown. Every output (page, chart, table, CSV, API, live view) asks
// this one function, so the rule cannot drift between them.
//
// The guarantee: every figure we publish describes either a shown group of at least k people, the
// whole round (at least k people), or, by subtraction (overall minus the shown groups), the union of
// the hidden groups, which also holds at least k people. So no published figure, nor any figure
// derived from published ones by adding or subtracting, describes fewer than k people.

/** The minimum group size can never be set below this. */
export const MIN_GROUP_SIZE_FLOOR = 3;
/** The minimum group size when a round does not say. */
export const DEFAULT_MIN_GROUP_SIZE = 5;

/** Why a group is hidden. */
export type HiddenReason = 'small' | 'complementary';

/** How a group's respondent count may be displayed. */
export type CountDisplay = { shown: true; n: number } | { shown: false };

/** The outcome of {@link decideVisibility}. */
export type VisibilityDecision = {
  /** the minimum group size actually applied (never below {@link MIN_GROUP_SIZE_FLOOR}) */
  minGroupSize: number;
  /** respondents in the round; always displayable */
  total: number;
  /** the whole round has fewer than minGroupSize respondents: show the total count and nothing else */
  belowMinimum: boolean;
  /** results for the whole round may be shown (= !belowMinimum) */
  overallShown: boolean;
  /** groups whose results (and exact count) may be shown, in input order */
  shown: string[];
  /** non-empty groups whose results and count must not be shown, in input order */
  hidden: string[];
  /** groups nobody answered as; nothing to show or to hide */
  empty: string[];
  /** why each hidden group is hidden; for logs and tests, never for display (see docs) */
  reasons: Record<string, HiddenReason>;
  /**
   * What each group's count may show: the exact n for shown groups; for every other group,
   * hidden or empty, only "not shown". Distinguishing "fewer than k" from "hidden to protect a
   * smaller group" (or from 0) would let a reader narrow a small group's count from the total.
   */
  counts: Record<string, CountDisplay>;
};

/**
 * Apply the floor to a minimum group size: never below 3; fractions round up (stricter).
 * @throws RangeError for a value that is not a finite number
 */
export function normaliseMinGroupSize(minGroupSize: number = DEFAULT_MIN_GROUP_SIZE): number {
  if (typeof minGroupSize !== 'number' || !Number.isFinite(minGroupSize)) {
    throw new RangeError(`The minimum group size must be a number, got ${String(minGroupSize)}`);
  }
  return Math.max(MIN_GROUP_SIZE_FLOOR, Math.ceil(minGroupSize));
}

/**
 * Decide which groups' results may be shown, given respondents per group.
 *
 * 1. If the round has fewer than k respondents, nothing is shown but the total count.
 * 2. Groups with 0 < n < k are hidden ("small"). Groups with n = 0 are simply empty.
 * 3. Complementary suppression: while the hidden groups together hold fewer than k people, the
 *    smallest shown group is hidden too (ties broken by group id, so the input order never matters).
 *    Otherwise overall minus the shown groups would reveal the hidden people, alone (one hidden group)
 *    or together (e.g. two hidden groups of 1 recovered as a group of 2).
 *
 * @param counts respondents per group id (whole numbers >= 0)
 * @param minGroupSize k, default 5, raised to 3 if lower
 * @throws RangeError for a negative or fractional count
 */
export function decideVisibility(counts: Record<string, number>, minGroupSize: number = DEFAULT_MIN_GROUP_SIZE): VisibilityDecision {
  const k = normaliseMinGroupSize(minGroupSize);
  const ids = Object.keys(counts);
  let total = 0;
  for (const id of ids) {
    const n = counts[id];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      throw new RangeError(`The count for group "${id}" must be a whole number >= 0, got ${String(n)}`);
    }
    total += n;
  }
  const empty = ids.filter((id) => counts[id] === 0);
  const reasons: Record<string, HiddenReason> = {};
  const belowMinimum = total < k;
  if (belowMinimum) {
    for (const id of ids) if (counts[id] > 0) reasons[id] = 'small';
  } else {
    let hiddenTotal = 0;
    for (const id of ids) {
      if (counts[id] > 0 && counts[id] < k) {
        reasons[id] = 'small';
        hiddenTotal += counts[id];
      }
    }
    while (hiddenTotal > 0 && hiddenTotal < k) {
      const candidates = ids
        .filter((id) => counts[id] > 0 && !(id in reasons))
        .sort((a, b) => counts[a] - counts[b] || (a < b ? -1 : a > b ? 1 : 0));
      // There is always a candidate: the hidden groups hold fewer than k of total >= k people.
      const next = candidates[0];
      reasons[next] = 'complementary';
      hiddenTotal += counts[next];
    }
  }
  const hidden = ids.filter((id) => id in reasons);
  const shown = ids.filter((id) => counts[id] > 0 && !(id in reasons));
  const countsOut: Record<string, CountDisplay> = {};
  for (const id of ids) countsOut[id] = shown.includes(id) ? { shown: true, n: counts[id] } : { shown: false };
  return { minGroupSize: k, total, belowMinimum, overallShown: !belowMinimum, shown, hidden, empty, reasons, counts: countsOut };
}

/** What may be shown of one cell (a theme or an item) of a report. */
export type CellDisclosure = {
  /** the figure for everyone together may be shown (at least k people in the cell) */
  overall: boolean;
  /** the groups whose figure for this cell may be shown, in input order */
  roles: string[];
};

/**
 * The same rule as {@link decideVisibility}, applied inside one cell of a report (a theme, an
 * item), where fewer people may count than in the round: people skip themes and answer "Don't
 * know". `counts` holds the cell's count for each group that is shown for the round (or for the
 * enclosing cell); everyone else in the cell (`total` minus those) is treated as one more group,
 * because that is what a reader gets by subtracting the shown groups from the overall figure. So a
 * group is shown for the cell only when it has at least k people in it, and complementary
 * suppression holds with the rest of the cell as well as with the other groups.
 */
export function decideCell(counts: Record<string, number>, total: number, minGroupSize: number = DEFAULT_MIN_GROUP_SIZE): CellDisclosure {
  const k = normaliseMinGroupSize(minGroupSize);
  const ids = Object.keys(counts);
  for (const id of ids) {
    const n = counts[id];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      throw new RangeError(`The count for group "${id}" must be a whole number >= 0, got ${String(n)}`);
    }
  }
  const rest = total - ids.reduce((s, id) => s + counts[id], 0);
  if (!Number.isInteger(total) || rest < 0) throw new RangeError(`The cell total ${total} must be a whole number >= the groups' sum`);
  if (total < k) return { overall: false, roles: [] };
  // The rest of the cell is never shown, so it counts as hidden from the start.
  const hidden = new Set(ids.filter((id) => counts[id] > 0 && counts[id] < k));
  let hiddenTotal = rest + [...hidden].reduce((s, id) => s + counts[id], 0);
  while (hiddenTotal > 0 && hiddenTotal < k) {
    const next = ids
      .filter((id) => counts[id] > 0 && !hidden.has(id))
      .sort((a, b) => counts[a] - counts[b] || (a < b ? -1 : a > b ? 1 : 0))[0];
    // There is always one: the hidden people number fewer than k of total >= k.
    hidden.add(next);
    hiddenTotal += counts[next];
  }
  return { overall: true, roles: ids.filter((id) => counts[id] > 0 && !hidden.has(id)) };
}

/**
 * A count about the whole round that could single people out when small: exact, or only "fewer
 * than" the minimum group size, or only "at least" it (when the exact figure would give away a
 * small complement by subtraction from the total).
 */
export type GuardedCount = { kind: 'exact'; n: number } | { kind: 'fewerThan'; n: number } | { kind: 'atLeast'; n: number };

/**
 * Guards a count `c` of the round's `total` responses: below the minimum it is "fewer than"; when
 * what is left (`total - c`, or `complement` if given) is a small non-zero number it is "at least
 * the minimum", so that neither side of the split can be worked out exactly.
 */
export function guardCount(c: number, total: number, minGroupSize: number, complement: number = total - c): GuardedCount {
  if (c < minGroupSize) return { kind: 'fewerThan', n: minGroupSize };
  if (complement > 0 && complement < minGroupSize) return { kind: 'atLeast', n: minGroupSize };
  return { kind: 'exact', n: c };
}

/** How many answered in each language (other than the questionnaire's own) and in Easy Read. */
export interface WordingCounts {
  languages: { language: string; count: GuardedCount }[];
  easyRead: GuardedCount | null;
}

/**
 * The wording counts a report may show, for the whole round and never by role: a count for each
 * language other than `ownLanguage` that anyone answered in, and for Easy Read, each guarded by
 * {@link guardCount}. The own language's count is never given: it is the total minus the others,
 * and a language is shown exactly only when the own language's count is not a small number.
 */
export function wordingCounts(rows: readonly { language: string; easyRead: boolean; n: number }[], ownLanguage: string, minGroupSize: number): WordingCounts {
  const min = Math.max(minGroupSize, MIN_GROUP_SIZE_FLOOR);
  const total = rows.reduce((s, r) => s + r.n, 0);
  const byLanguage = new Map<string, number>();
  for (const r of rows) byLanguage.set(r.language, (byLanguage.get(r.language) ?? 0) + r.n);
  const own = byLanguage.get(ownLanguage) ?? 0;
  const others = [...byLanguage].filter(([l, n]) => l !== ownLanguage && n > 0).sort(([a], [b]) => a.localeCompare(b));
  // With one other language, its complement is the own language; with more, the own language's
  // count is still what subtraction would reveal.
  const languages = others.map(([language, n]) => ({ language, count: guardCount(n, total, min, others.length === 1 ? total - n : own) }));
  const easy = rows.filter((r) => r.easyRead).reduce((s, r) => s + r.n, 0);
  return { languages, easyRead: easy > 0 ? guardCount(easy, total, min) : null };
}
