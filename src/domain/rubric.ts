// The rubric: item, theme and group scores, bands, ladder shares and flags. Generic: every scale,
// band, text and threshold comes from the questionnaire definition.
//
// Group results are built from additive aggregates (counts, sums, sums of squares) so that the
// services layer can aggregate in SQL and never load raw answers; `aggregateAnswers` builds the
// very same aggregates from raw answers (tests, property tests, a respondent's own view).
import { DEFAULT_MIN_GROUP_SIZE, decideVisibility, normaliseMinGroupSize, type VisibilityDecision } from './anonymity';
import {
  formItems,
  formThemes,
  isScored,
  itemOptions,
  type Answer,
  type Answers,
  type Band,
  type Flag,
  type FormId,
  type FormTheme,
  type Item,
  type LadderItem,
  type Questionnaire,
  type ScoredItem,
} from './questionnaire';
import { summaryFromMoments, welchTest, type Interval, type Summary, type WelchResult } from './stats';

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

function themeScores(q: Questionnaire, themes: FormTheme[], answers: Answers): Record<string, number | null> {
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
function addRespondent(q: Questionnaire, themes: FormTheme[], group: GroupAggregate, answers: Answers, scored: ScoredItem[]): void {
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

/** Merge the aggregates of some roles (absent roles count as empty). */
export function mergeRoles(aggregate: RoundAggregate, roles: readonly string[]): GroupAggregate {
  return mergeGroups(...roles.map((r) => aggregate[r]).filter((g): g is GroupAggregate => g !== undefined));
}

// ---------------------------------------------------------------------------------------------
// Group results

/** The band of a theme score, with the theme's own text and next steps for that band. */
export type BandResult = { id: string; label: string; text: string; nextSteps: string[] };

/** One answer option of an item with its count and share of the non-"Don't know" answers. */
export type OptionResult = { value: number; label: string; count: number; share: number | null };

/** Count and share of ladder answers in one ladder group (doing to / for / with). */
export type LadderGroupResult = { groupId: string; label: string; minRung: number; maxRung: number; count: number; share: number | null };

/** The distribution of answers to one scored item. */
export type ItemResult = {
  itemId: string;
  kind: 'practice' | 'ladder';
  text: string;
  /** answers other than "Don't know" */
  answered: number;
  dontKnow: number;
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
export type ThemeResult = Summary & {
  themeId: string;
  title: string;
  /** the t-based 95% interval clamped to 0..100 */
  ci95: Interval | null;
  band: BandResult | null;
  /** "Don't know" answers to the theme's items */
  dontKnow: number;
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
 * (ladder items also as doing to / for / with shares). Applies no suppression: call it only for
 * groups that {@link decideVisibility} shows.
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

// ---------------------------------------------------------------------------------------------
// Comparing groups

/** One side of a comparison: which roles were used and their summary on the theme. */
export type GapSide = { roles: string[]; label: string; summary: Summary };

/** The gap between two sets of roles on one theme. */
export type ThemeGap = {
  themeId: string;
  a: GapSide;
  b: GapSide;
  /** mean of a minus mean of b; null when either side has no score */
  difference: number | null;
  /** Welch's test of the difference; null when either side has n < 2 or no spread */
  welch: WelchResult | null;
};

function rolesLabel(q: Questionnaire, roles: readonly string[]): string {
  return roles.map((r) => q.roles.find((x) => x.id === r)?.label ?? r).join(', ');
}

/**
 * The gap between two sets of roles on each theme of the form (each side's aggregates merged).
 * Pass only roles that may be shown.
 */
export function themeGaps(
  q: Questionnaire,
  form: FormId,
  aggregate: RoundAggregate,
  rolesA: readonly string[],
  rolesB: readonly string[],
  labels: { a?: string; b?: string } = {},
): ThemeGap[] {
  const a = mergeRoles(aggregate, rolesA);
  const b = mergeRoles(aggregate, rolesB);
  return formThemes(q, form).map(({ theme }) => {
    const ma = a.themes[theme.id];
    const mb = b.themes[theme.id];
    const sa = summaryFromMoments(ma?.n ?? 0, ma?.sum ?? 0, ma?.sumSq ?? 0);
    const sb = summaryFromMoments(mb?.n ?? 0, mb?.sum ?? 0, mb?.sumSq ?? 0);
    const difference = sa.mean !== null && sb.mean !== null ? sa.mean - sb.mean : null;
    const welch =
      sa.mean !== null && sb.mean !== null && sa.sd !== null && sb.sd !== null
        ? welchTest({ n: sa.n, mean: sa.mean, sd: sa.sd }, { n: sb.n, mean: sb.mean, sd: sb.sd })
        : null;
    return {
      themeId: theme.id,
      a: { roles: [...rolesA], label: labels.a ?? rolesLabel(q, rolesA), summary: sa },
      b: { roles: [...rolesB], label: labels.b ?? rolesLabel(q, rolesB), summary: sb },
      difference,
      welch,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Flags

/**
 * raised / notRaised: evaluated; notEnoughPeople: a side (or the whole) had fewer than the minimum
 * group size of answers among the roles that may be shown, so the flag says nothing either way;
 * notInForm: the item or theme the flag needs is not in this form.
 */
export type FlagStatus = 'raised' | 'notRaised' | 'notEnoughPeople' | 'notInForm';

/** Evidence for a ladder share: how many answered, how many matched, the share. */
export type LadderShareEvidence = { roles: string[] | 'all'; label: string; answered: number; matching: number; share: number | null };

export type FlagEvidence =
  | { kind: 'ladderAtMost'; itemId: string; maxRung: number; maxRungLabel: string; threshold: number; side: LadderShareEvidence }
  | { kind: 'gap'; threshold: number; gap: ThemeGap }
  | {
      kind: 'ladderMismatch';
      itemId: string;
      threshold: number;
      groupAAtLeast: string;
      groupBAtMost: string;
      a: LadderShareEvidence;
      b: LadderShareEvidence;
    };

/** The outcome of one flag (on one theme, for gap flags). */
export type FlagResult = {
  /** the flag's id in the definition (gap flags give one result per theme, all with this id) */
  id: string;
  kind: Flag['kind'];
  title: string;
  description: string;
  /** the theme the result concerns: the ladder item's theme, or the theme of a gap */
  themeId: string;
  status: FlagStatus;
  raised: boolean;
  /** null when the flag's item or theme is not in the form */
  evidence: FlagEvidence | null;
};

/** What may be shown: the minimum group size and the roles that decideVisibility shows. */
export type FlagVisibility = { minGroupSize: number; shownRoles: readonly string[] };

function ladderSide(
  aggregate: RoundAggregate,
  roles: readonly string[] | 'all',
  label: string,
  itemId: string,
  match: (rung: number) => boolean,
): LadderShareEvidence {
  const group = roles === 'all' ? mergeGroups(...Object.values(aggregate)) : mergeRoles(aggregate, roles);
  const counts = group.items[itemId]?.counts ?? [];
  let answered = 0;
  let matching = 0;
  counts.forEach((c, rung) => {
    answered += c;
    if (match(rung)) matching += c;
  });
  return { roles: roles === 'all' ? 'all' : [...roles], label, answered, matching, share: answered > 0 ? matching / answered : null };
}

/**
 * Evaluate every flag the questionnaire declares.
 *
 * - `ladderAtMost`: raised when more than `share` of the ladder answers (excluding "Don't know")
 *   are at `maxRung` or below. Without `roles` it uses everyone (the round as a whole is shown when
 *   it has at least k respondents); with `roles`, only those that may be shown.
 * - `gap`: per theme, the shown roles of each side are merged; raised when the means differ by
 *   `threshold` points or more (either direction). Welch's test is in the evidence.
 * - `ladderMismatch`: raised when more than `share` of side A answer in `groupAAtLeast` or higher
 *   while more than `share` of side B answer in `groupBAtMost` or lower.
 *
 * Every side must have at least the minimum group size of answers (or theme scores), otherwise the
 * status is `notEnoughPeople`, never a silent "not raised".
 */
export function evaluateFlags(q: Questionnaire, form: FormId, aggregate: RoundAggregate, visibility: FlagVisibility): FlagResult[] {
  const k = normaliseMinGroupSize(visibility.minGroupSize);
  const shown = new Set(visibility.shownRoles);
  const inForm = new Set(q.forms[form]);
  const formThemeIds = formThemes(q, form).map((t) => t.theme.id);
  const visibleRoles = (roles: readonly string[]) => roles.filter((r) => shown.has(r));
  const out: FlagResult[] = [];
  const base = (flag: Flag, themeId: string) => ({ id: flag.id, kind: flag.kind, title: flag.title, description: flag.description, themeId });
  const finish = (status: FlagStatus) => ({ status, raised: status === 'raised' });

  for (const flag of q.flags) {
    if (flag.kind === 'gap') {
      const themes = flag.themes === 'all' ? formThemeIds : flag.themes;
      const a = visibleRoles(flag.groupA);
      const b = visibleRoles(flag.groupB);
      const gaps = new Map(themeGaps(q, form, aggregate, a, b, { a: flag.groupALabel, b: flag.groupBLabel }).map((g) => [g.themeId, g]));
      for (const themeId of themes) {
        const gap = gaps.get(themeId);
        if (!gap) {
          out.push({ ...base(flag, themeId), ...finish('notInForm'), evidence: null });
          continue;
        }
        let status: FlagStatus;
        if (gap.a.summary.n < k || gap.b.summary.n < k || gap.difference === null) status = 'notEnoughPeople';
        else status = Math.abs(gap.difference) >= flag.threshold ? 'raised' : 'notRaised';
        out.push({ ...base(flag, themeId), ...finish(status), evidence: { kind: 'gap', threshold: flag.threshold, gap } });
      }
      continue;
    }

    const item = q.items.find((i): i is LadderItem => i.id === flag.item && i.kind === 'ladder');
    // The schema guarantees the item exists and is a ladder item.
    if (!item) continue;
    if (!inForm.has(item.id)) {
      out.push({ ...base(flag, item.theme), ...finish('notInForm'), evidence: null });
      continue;
    }

    if (flag.kind === 'ladderAtMost') {
      const roles = flag.roles ? visibleRoles(flag.roles) : 'all';
      const label = flag.roles ? rolesLabel(q, roles as string[]) : 'Everyone';
      const side = ladderSide(aggregate, roles, label, item.id, (r) => r <= flag.maxRung);
      const total = Object.values(aggregate).reduce((s, g) => s + g.respondents, 0);
      let status: FlagStatus;
      if (total < k || side.answered < k || side.share === null) status = 'notEnoughPeople';
      else status = side.share > flag.share ? 'raised' : 'notRaised';
      out.push({
        ...base(flag, item.theme),
        ...finish(status),
        evidence: { kind: 'ladderAtMost', itemId: item.id, maxRung: flag.maxRung, maxRungLabel: item.options[flag.maxRung], threshold: flag.share, side },
      });
      continue;
    }

    // ladderMismatch
    const groupA = q.ladderGroups.find((g) => g.id === flag.groupAAtLeast);
    const groupB = q.ladderGroups.find((g) => g.id === flag.groupBAtMost);
    if (!groupA || !groupB) continue;
    const rolesA = visibleRoles(flag.groupA);
    const rolesB = visibleRoles(flag.groupB);
    const a = ladderSide(aggregate, rolesA, flag.groupALabel ?? rolesLabel(q, rolesA), item.id, (r) => r >= groupA.minRung);
    const b = ladderSide(aggregate, rolesB, flag.groupBLabel ?? rolesLabel(q, rolesB), item.id, (r) => r <= groupB.maxRung);
    let status: FlagStatus;
    if (a.answered < k || b.answered < k || a.share === null || b.share === null) status = 'notEnoughPeople';
    else status = a.share > flag.share && b.share > flag.share ? 'raised' : 'notRaised';
    out.push({
      ...base(flag, item.theme),
      ...finish(status),
      evidence: { kind: 'ladderMismatch', itemId: item.id, threshold: flag.share, groupAAtLeast: groupA.id, groupBAtMost: groupB.id, a, b },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// A whole round

/** One shown group's results. */
export type RoleResult = { roleId: string; label: string; result: GroupResult };

/** Everything a round report may show, with suppression applied. */
export type RoundResults = {
  visibility: VisibilityDecision;
  /** null when the round is below the minimum group size */
  overall: GroupResult | null;
  /** shown roles only, in the questionnaire's role order (unknown roles last) */
  groups: RoleResult[];
  flags: FlagResult[];
};

/**
 * Results of a round with anonymity applied: the visibility decision over respondents per role,
 * the overall results (unless the round is below the minimum), results for shown roles only, and
 * the flags evaluated on shown roles. When the round is below the minimum, only counts remain.
 */
export function buildRoundResults(q: Questionnaire, form: FormId, aggregate: RoundAggregate, minGroupSize: number = DEFAULT_MIN_GROUP_SIZE): RoundResults {
  const known = q.roles.map((r) => r.id);
  const order = [...known, ...Object.keys(aggregate).filter((r) => !known.includes(r)).sort()];
  const counts: Record<string, number> = {};
  for (const r of order) counts[r] = aggregate[r]?.respondents ?? 0;
  const visibility = decideVisibility(counts, minGroupSize);
  if (visibility.belowMinimum) {
    const flags = evaluateFlags(q, form, {}, { minGroupSize: visibility.minGroupSize, shownRoles: [] });
    return { visibility, overall: null, groups: [], flags: flags.map((f) => (f.status === 'notInForm' ? f : { ...f, status: 'notEnoughPeople', raised: false, evidence: null })) };
  }
  const overall = buildGroupResults(q, form, mergeGroups(...Object.values(aggregate)));
  const groups = visibility.shown.map((roleId) => ({
    roleId,
    label: q.roles.find((r) => r.id === roleId)?.label ?? roleId,
    result: buildGroupResults(q, form, aggregate[roleId]),
  }));
  const flags = evaluateFlags(q, form, aggregate, { minGroupSize: visibility.minGroupSize, shownRoles: visibility.shown });
  return { visibility, overall, groups, flags };
}
