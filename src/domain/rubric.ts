// The rubric: item, theme and group scores, bands, ladder shares and flags. Generic: every scale,
// band, text and threshold comes from the questionnaire definition.
//
// Group results are built from additive aggregates (counts, sums, sums of squares) so that the
// services layer can aggregate in SQL and never load raw answers; `aggregateAnswers` builds the
// very same aggregates from raw answers (tests, property tests, a respondent's own view).
import {
  formItems,
  formThemes,
  isScored,
  itemOptions,
  type Answer,
  type Answers,
  type Band,
  type FormId,
  type FormTheme,
  type Item,
  type Questionnaire,
  type ScoredItem,
} from './questionnaire';
import { summaryFromMoments, type Interval } from './stats';

// ---------------------------------------------------------------------------------------------
// Scores

/**
 * The score of one answer on 0..100: practice value i of L options scores 100·i/(L−1)
 * (0, 25, 50, 75, 100 on the default five-point scale); ladder rung r of R rungs scores
 * 100·r/(R−1). "Don't know", text and comment items score nothing (null).
 * @throws RangeError for a choice outside the item's options (never a score outside 0..100)
 */
export function itemScore(q: Questionnaire, item: Item, answer: Answer | undefined): number | null {
  if (!answer || answer.type !== 'choice' || !isScored(item)) return null;
  const count = itemOptions(q, item).length;
  if (!Number.isInteger(answer.value) || answer.value < 0 || answer.value >= count) {
    throw new RangeError(`Choice ${answer.value} is out of range for item "${item.id}" (0..${count - 1})`);
  }
  return (100 * answer.value) / (count - 1);
}

/**
 * A respondent's score per theme of the form: the mean of their scored items in that theme
 * ("Don't know" and skipped items left out); null when they scored none.
 */
export function respondentThemeScores(q: Questionnaire, form: FormId, answers: Answers): Record<string, number | null> {
  return themeScores(q, formThemes(q, form), answers);
}

function themeScores(q: Questionnaire, themes: readonly FormTheme[], answers: Answers): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const { theme, items } of themes) {
    let sum = 0;
    let n = 0;
    for (const item of items) {
      const s = itemScore(q, item, answers[item.id]);
      if (s !== null) {
        sum += s;
        n++;
      }
    }
    out[theme.id] = n > 0 ? sum / n : null;
  }
  return out;
}

/**
 * The band a score falls in. Bands are whole-number ranges; a fractional score belongs to the band
 * of its whole part (24.9 is in 0–24), so a score is never lifted into a better band by rounding
 * (noise below 1e-9 is ignored: 49.99999999999999 from float sums is 50).
 * @returns null for a null score
 * @throws RangeError for a score outside 0..100
 */
export function bandFor(q: Questionnaire, score: number | null): Band | null {
  if (score === null) return null;
  if (!(score >= 0 && score <= 100)) throw new RangeError(`A score must be within 0..100, got ${score}`);
  // Absorb floating-point noise first: a mean of exactly 50 summed in another order can come out
  // as 49.99999999999999 and must not drop a band.
  const whole = Math.floor(Math.round(score * 1e9) / 1e9);
  return q.bands.find((b) => whole >= b.min && whole <= b.max) ?? null;
}

/**
 * A score as people read it: cut (never rounded) to one decimal place, so the number shown and its
 * band always agree (49.985 shows as 49.9, "Starting out", never 50.0). Float noise below 1e-9 is
 * absorbed first, as in {@link bandFor}, so a mean of exactly 50 summed in another order is 50.0.
 * @returns null for a null score
 */
export function displayScore(score: number | null | undefined): number | null {
  if (score === null || score === undefined) return null;
  return Math.floor(Math.round(score * 1e9) / 1e8) / 10;
}

// ---------------------------------------------------------------------------------------------
// Aggregates

/** Additive moments of respondents' theme scores, plus "Don't know" answers to the theme's items. */
export type ThemeMoments = {
  /** respondents with a score for the theme */
  n: number;
  /** sum of their theme scores */
  sum: number;
  /** sum of their squared theme scores */
  sumSq: number;
  /** "Don't know" answers to the theme's items (answers, not respondents) */
  dontKnow: number;
};

/** Answer counts for one scored item. */
export type ItemCounts = {
  /** index = choice value */
  counts: number[];
  dontKnow: number;
};

/** Everything the rubric needs about one group; all fields add up across groups. */
export type GroupAggregate = {
  respondents: number;
  themes: Record<string, ThemeMoments>;
  items: Record<string, ItemCounts>;
};

/** Aggregates per role id. */
export type RoundAggregate = Record<string, GroupAggregate>;

/** A respondent's role and answers. */
export type RespondentAnswers = { role: string; answers: Answers };

/** An aggregate of nobody. */
export function emptyGroup(): GroupAggregate {
  return { respondents: 0, themes: {}, items: {} };
}

/** Add one respondent to a group aggregate (mutates `group`). */
function addRespondent(q: Questionnaire, themes: readonly FormTheme[], group: GroupAggregate, answers: Answers, scored: ScoredItem[]): void {
  group.respondents++;
  const scores = themeScores(q, themes, answers);
  for (const [themeId, score] of Object.entries(scores)) {
    const t = (group.themes[themeId] ??= { n: 0, sum: 0, sumSq: 0, dontKnow: 0 });
    if (score !== null) {
      t.n++;
      t.sum += score;
      t.sumSq += score * score;
    }
  }
  for (const item of scored) {
    const a = answers[item.id];
    if (!a) continue;
    const c = (group.items[item.id] ??= { counts: itemOptions(q, item).map(() => 0), dontKnow: 0 });
    if (a.type === 'dontKnow') {
      c.dontKnow++;
      group.themes[item.theme].dontKnow++;
    } else if (a.type === 'choice') {
      itemScore(q, item, a); // range check
      c.counts[a.value]++;
    }
  }
}

/**
 * Build per-role aggregates from raw answers, exactly as the SQL aggregation must: a respondent's
 * theme scores (see {@link respondentThemeScores}) feed n/sum/sumSq; item answers feed counts.
 * Only items of the form count; roles appear as they occur.
 */
export function aggregateAnswers(q: Questionnaire, form: FormId, respondents: readonly RespondentAnswers[]): RoundAggregate {
  const scored = formItems(q, form).filter(isScored);
  const themes = formThemes(q, form);
  const out: RoundAggregate = {};
  for (const r of respondents) addRespondent(q, themes, (out[r.role] ??= emptyGroup()), r.answers, scored);
  return out;
}

/** Combine group aggregates (all moments and counts are additive). */
export function mergeGroups(...groups: GroupAggregate[]): GroupAggregate {
  const out = emptyGroup();
  for (const g of groups) {
    out.respondents += g.respondents;
    for (const [id, t] of Object.entries(g.themes)) {
      const o = (out.themes[id] ??= { n: 0, sum: 0, sumSq: 0, dontKnow: 0 });
      o.n += t.n;
      o.sum += t.sum;
      o.sumSq += t.sumSq;
      o.dontKnow += t.dontKnow;
    }
    for (const [id, c] of Object.entries(g.items)) {
      const o = (out.items[id] ??= { counts: [], dontKnow: 0 });
      c.counts.forEach((v, i) => (o.counts[i] = (o.counts[i] ?? 0) + v));
      o.dontKnow += c.dontKnow;
    }
  }
  return out;
}

/**
 * One theme's moments merged over some roles: the same as `mergeRoles(aggregate, roles).themes[themeId]`
 * (the same sums in the same order), without merging every other theme and item (issue 12: the
 * flags asked for one theme of a whole merge, twice per theme). undefined when no role has the theme.
 */
export function mergeThemeMoments(aggregate: RoundAggregate, roles: readonly string[], themeId: string): ThemeMoments | undefined {
  let out: ThemeMoments | undefined;
  for (const role of roles) {
    const t = aggregate[role]?.themes[themeId];
    if (!t) continue;
    out ??= { n: 0, sum: 0, sumSq: 0, dontKnow: 0 };
    out.n += t.n;
    out.sum += t.sum;
    out.sumSq += t.sumSq;
    out.dontKnow += t.dontKnow;
  }
  return out;
}

/** One item's answer counts summed over some groups: the same as `mergeGroups(...groups).items[itemId]?.counts ?? []`. */
export function mergeItemCounts(groups: readonly GroupAggregate[], itemId: string): number[] {
  const out: number[] = [];
  for (const g of groups) g.items[itemId]?.counts.forEach((v, i) => (out[i] = (out[i] ?? 0) + v));
  return out;
}

/** Merge the aggregates of some roles (absent roles count as empty). */
export function mergeRoles(aggregate: RoundAggregate, roles: readonly string[]): GroupAggregate {
  return mergeGroups(...roles.map((r) => aggregate[r]).filter((g): g is GroupAggregate => g !== undefined));
}

// ---------------------------------------------------------------------------------------------
// Group results

/** The band of a theme score, with the theme's own text and next steps for that band. */
export type BandResult = { id: string; label: string; text: string; nextSteps: string[] };

/**
 * One answer option of an item with its count and share of the non-"Don't know" answers; both
 * null where the item is withheld for the group.
 */
export type OptionResult = { value: number; label: string; count: number | null; share: number | null };

/** Count and share of ladder answers in one ladder group (doing to / for / with); null where withheld. */
export type LadderGroupResult = { groupId: string; label: string; minRung: number; maxRung: number; count: number | null; share: number | null };

/** The distribution of answers to one scored item. */
export type ItemResult = {
  itemId: string;
  kind: 'practice' | 'ladder';
  text: string;
  /**
   * false: fewer than the minimum group size answered this item in this group (or hiding it
   * protects another group), so every figure below is null and the page says "not shown"
   */
  shown: boolean;
  /** answers other than "Don't know" */
  answered: number | null;
  dontKnow: number | null;
  /** dontKnow / (answered + dontKnow); null when nobody answered */
  dontKnowShare: number | null;
  /** mean item score on 0..100 over `answered`; null when 0 */
  mean: number | null;
  /** shares are of `answered` (excluding "Don't know") */
  options: OptionResult[];
  /** ladder items only: shares of `answered` per ladder group */
  ladder?: LadderGroupResult[];
};

/** A group's result on one theme. */
export type ThemeResult = {
  themeId: string;
  title: string;
  /**
   * false: too few people in this group scored the theme (or hiding it protects another group),
   * so every figure is null and its items are withheld too
   */
  shown: boolean;
  /** respondents with a score for the theme */
  n: number | null;
  mean: number | null;
  /** sample standard deviation; null when n < 2 */
  sd: number | null;
  /** the t-based 95% interval clamped to 0..100 */
  ci95: Interval | null;
  band: BandResult | null;
  /** "Don't know" answers to the theme's items */
  dontKnow: number | null;
  items: ItemResult[];
};

/** A group's results on every theme of the form. */
export type GroupResult = { respondents: number; themes: ThemeResult[] };

function clamp(x: number): number {
  return Math.min(100, Math.max(0, x));
}

/** Shares of ladder answers per ladder group, from the counts per rung. */
export function ladderShares(q: Questionnaire, counts: readonly number[]): LadderGroupResult[] {
  const answered = counts.reduce((s, c) => s + c, 0);
  return q.ladderGroups.map((g) => {
    let count = 0;
    for (let r = g.minRung; r <= g.maxRung; r++) count += counts[r] ?? 0;
    return { groupId: g.id, label: g.label, minRung: g.minRung, maxRung: g.maxRung, count, share: answered > 0 ? count / answered : null };
  });
}

/** An item's place in a table with no figures: withheld to protect anonymity. */
export function withheldItem(item: ItemResult): ItemResult {
  return {
    ...item,
    shown: false,
    answered: null,
    dontKnow: null,
    dontKnowShare: null,
    mean: null,
    options: item.options.map((o) => ({ ...o, count: null, share: null })),
    ...(item.ladder ? { ladder: item.ladder.map((g) => ({ ...g, count: null, share: null })) } : {}),
  };
}

/** A theme's place in a table with no figures (its items withheld too). */
export function withheldTheme(theme: ThemeResult): ThemeResult {
  return { ...theme, shown: false, n: null, mean: null, sd: null, ci95: null, band: null, dontKnow: null, items: theme.items.map(withheldItem) };
}

/** The distribution of answers to a scored item. */
export function itemResult(q: Questionnaire, item: ScoredItem, c: ItemCounts | undefined): ItemResult {
  const options = itemOptions(q, item);
  const counts = options.map((o) => c?.counts[o.value] ?? 0);
  const answered = counts.reduce((s, x) => s + x, 0);
  const dontKnow = c?.dontKnow ?? 0;
  const last = options.length - 1;
  const sum = counts.reduce((s, x, i) => s + (x * 100 * i) / last, 0);
  const result: ItemResult = {
    itemId: item.id,
    kind: item.kind,
    text: item.text,
    shown: true,
    answered,
    dontKnow,
    dontKnowShare: answered + dontKnow > 0 ? dontKnow / (answered + dontKnow) : null,
    mean: answered > 0 ? sum / answered : null,
    options: options.map((o, i) => ({ value: o.value, label: o.label, count: counts[i], share: answered > 0 ? counts[i] / answered : null })),
  };
  if (item.kind === 'ladder') result.ladder = ladderShares(q, counts);
  return result;
}

/**
 * A group's results per theme of the form: n, mean, sd, 95% CI (clamped to 0..100), band with the
 * theme's text and next steps, "Don't know" count, and the distribution of every scored item
 * (ladder items also as doing to / for / with shares). Applies no suppression: see
 * `buildRoundResults` in round-results.ts, which withholds what may not be shown.
 */
export function buildGroupResults(q: Questionnaire, form: FormId, group: GroupAggregate): GroupResult {
  const themes = formThemes(q, form).map(({ theme, items }): ThemeResult => {
    const m = group.themes[theme.id];
    const s = summaryFromMoments(m?.n ?? 0, m?.sum ?? 0, m?.sumSq ?? 0);
    // Guard against float drift (e.g. 100.00000000000001) before banding.
    const mean = s.mean === null ? null : clamp(s.mean);
    const band = bandFor(q, mean);
    return {
      themeId: theme.id,
      title: theme.title,
      shown: true,
      n: s.n,
      mean,
      sd: s.sd,
      ci95: s.ci95 ? { low: clamp(s.ci95.low), high: clamp(s.ci95.high) } : null,
      band: band ? { id: band.id, label: band.label, text: theme.bandText[band.id], nextSteps: theme.nextSteps[band.id] } : null,
      dontKnow: m?.dontKnow ?? 0,
      items: items.filter(isScored).map((item) => itemResult(q, item, group.items[item.id])),
    };
  });
  return { respondents: group.respondents, themes };
}
