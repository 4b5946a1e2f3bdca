// A round's results as they may be published: which cells may be shown (round, theme, item),
// the results with everything else withheld, and the flags evaluated on what is shown.
import { decideCell, decideVisibility, DEFAULT_MIN_GROUP_SIZE, type CellDisclosure, type VisibilityDecision } from './anonymity';
import { evaluateFlags, type FlagResult, type RoleLabeller } from './flags';
import { formThemes, isScored, type FormId, type Questionnaire } from './questionnaire';
import { buildGroupResults, mergeGroups, withheldItem, withheldTheme, type GroupAggregate, type GroupResult, type RoundAggregate } from './rubric';

/** What may be shown: per round (groups), per theme and per scored item of the form. */
export type Disclosure = {
  visibility: VisibilityDecision;
  /** per theme id: whether the overall figure and which groups' figures may be shown */
  themes: Record<string, CellDisclosure>;
  /** per scored item id: the same for the item's distribution (counts of answers other than "Don't know") */
  items: Record<string, CellDisclosure>;
};

const answeredCount = (counts: readonly number[] | undefined) => (counts ?? []).reduce((s, c) => s + c, 0);

/**
 * Decide what a round's report may show, level by level, each level inside the one above:
 *
 * 1. Round: {@link decideVisibility} over respondents per role.
 * 2. Theme: among the groups shown for the round, a group's theme figures are shown only when at
 *    least k of its people scored the theme (people skip themes), with everyone else who scored
 *    it as one more hidden group, so complementary suppression holds per theme ({@link decideCell}).
 * 3. Item: among the groups shown for the theme, a group's answer distribution is shown only when
 *    at least k of its people chose an answer other than "Don't know": a group of 5 where 4 said
 *    "Don't know" must not show the fifth person's answer. The overall distribution needs k too.
 */
export function decideDisclosure(q: Questionnaire, form: FormId, aggregate: RoundAggregate, minGroupSize: number = DEFAULT_MIN_GROUP_SIZE): Disclosure {
  return decide(q, form, aggregate, minGroupSize, mergeGroups(...Object.values(aggregate)));
}

/** {@link decideDisclosure}, given everyone's merged aggregate (the results merge it once for both). */
function decide(q: Questionnaire, form: FormId, aggregate: RoundAggregate, minGroupSize: number, everyone: GroupAggregate): Disclosure {
  const known = q.roles.map((r) => r.id);
  const order = [...known, ...Object.keys(aggregate).filter((r) => !known.includes(r)).sort()];
  const counts: Record<string, number> = {};
  for (const r of order) counts[r] = aggregate[r]?.respondents ?? 0;
  const visibility = decideVisibility(counts, minGroupSize);
  const k = visibility.minGroupSize;
  const themes: Record<string, CellDisclosure> = {};
  const items: Record<string, CellDisclosure> = {};
  for (const { theme, items: themeItems } of formThemes(q, form)) {
    const themeCounts = Object.fromEntries(visibility.shown.map((r) => [r, aggregate[r]?.themes[theme.id]?.n ?? 0]));
    const t = visibility.belowMinimum ? { overall: false, roles: [] } : decideCell(themeCounts, everyone.themes[theme.id]?.n ?? 0, k);
    themes[theme.id] = t;
    for (const item of themeItems.filter(isScored)) {
      const itemCounts = Object.fromEntries(t.roles.map((r) => [r, answeredCount(aggregate[r]?.items[item.id]?.counts)]));
      items[item.id] = t.overall ? decideCell(itemCounts, answeredCount(everyone.items[item.id]?.counts), k) : { overall: false, roles: [] };
    }
  }
  return { visibility, themes, items };
}

/** Withholds every theme and item of a group's results that the disclosure does not show. */
function applyDisclosure(result: GroupResult, disclosure: Disclosure, shows: (cell: CellDisclosure) => boolean): GroupResult {
  return {
    ...result,
    themes: result.themes.map((theme) => {
      if (!shows(disclosure.themes[theme.themeId])) return withheldTheme(theme);
      return { ...theme, items: theme.items.map((item) => (shows(disclosure.items[item.itemId]) ? item : withheldItem(item))) };
    }),
  };
}

/** One shown group's results. */
export type RoleResult = { roleId: string; label: string; result: GroupResult };

/** Everything a round report may show, with suppression applied. */
export type RoundResults = {
  visibility: VisibilityDecision;
  disclosure: Disclosure;
  /** null when the round is below the minimum group size */
  overall: GroupResult | null;
  /** roles shown for the round, in the questionnaire's role order (unknown roles last); cells they may not show are withheld */
  groups: RoleResult[];
  flags: FlagResult[];
};

/**
 * Results of a round with anonymity applied at every level (see {@link decideDisclosure}): the
 * overall results (unless the round is below the minimum), results for shown roles only with
 * withheld cells marked, and the flags evaluated on shown cells only. When the round is below the
 * minimum, only counts remain.
 */
export function buildRoundResults(
  q: Questionnaire,
  form: FormId,
  aggregate: RoundAggregate,
  minGroupSize: number = DEFAULT_MIN_GROUP_SIZE,
  labelOf: RoleLabeller = (id) => q.roles.find((r) => r.id === id)?.label ?? id,
): RoundResults {
  const everyone = mergeGroups(...Object.values(aggregate));
  const disclosure = decide(q, form, aggregate, minGroupSize, everyone);
  const { visibility } = disclosure;
  const flags = evaluateFlags(q, form, aggregate, disclosure, labelOf);
  if (visibility.belowMinimum) return { visibility, disclosure, overall: null, groups: [], flags };
  const overall = applyDisclosure(buildGroupResults(q, form, everyone), disclosure, (cell) => cell.overall);
  const groups = visibility.shown.map((roleId) => ({
    roleId,
    label: labelOf(roleId),
    result: applyDisclosure(buildGroupResults(q, form, aggregate[roleId]), disclosure, (cell) => cell.roles.includes(roleId)),
  }));
  return { visibility, disclosure, overall, groups, flags };
}
