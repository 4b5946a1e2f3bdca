// A theme score recomputed on a subset of its questions (the ones every round compared asks), for
// one round, from each person's released answers, under the same disclosure rule as the report.
//
// Why more than the report's rule is needed: the round's report already publishes the theme on
// all its questions. A recomputed figure for the same group describes nearly the same people on
// nearly the same questions, and the two differ only by the people who answered a question that
// is left out. If those are fewer than k, subtracting one figure from the other narrows down
// their answers (a person who answered only a dropped question leaves the group, and the two
// sums differ by exactly their score). So a recomputed figure is shown only where the people it
// changes number 0 or at least k, in every figure a reader can derive: see "Versions and forms"
// in docs/questionnaire.md for the whole argument.
import { normaliseMinGroupSize, type CellDisclosure } from './anonymity';
import { isScored, formThemes, type FormId, type Questionnaire } from './questionnaire';
import { decideDisclosure } from './round-results';
import { aggregateAnswers, buildGroupResults, emptyGroup, mergeGroups, type RespondentAnswers, type ThemeResult } from './rubric';
import type { Interval } from './stats';

/** A figure for one group on one theme: as the report gives it (n, mean, sd, 95% interval). */
export type SubsetCell = { n: number; mean: number; sd: number | null; ci95: Interval | null };

/** A theme recomputed for one round: everyone, and each group that may be shown (others null). */
export type SubsetThemeCells = { overall: SubsetCell | null; groups: Record<string, SubsetCell | null> };

/** One round, as the recomputation needs it. */
export type SubsetRoundInput = {
  questionnaire: Questionnaire;
  form: FormId;
  minGroupSize: number;
  /** the roles the round offers (an empty role is known to be empty, as in the report) */
  roles: readonly string[];
  /**
   * every released response of the round (pending ones never): its role and its answers to the
   * scored questions of the recomputed themes, all of them as the round's form asks them
   */
  respondents: readonly RespondentAnswers[];
  /** per theme: what the round's own report shows (a recomputed figure never shows more) */
  report: Record<string, CellDisclosure>;
};

/** The round's questionnaire with its form cut down to `itemIds`. */
export function restrictForm(q: Questionnaire, form: FormId, itemIds: ReadonlySet<string>): Questionnaire {
  return { ...q, forms: { ...q.forms, [form]: q.forms[form].filter((id) => itemIds.has(id)) } };
}

/**
 * Keeps only figures that change 0 or at least k people against the round's report. `changed`
 * counts, per group, the people who answered (other than "Don't know") a question of the theme
 * that the recomputation leaves out: their scores are the only ones that differ between the
 * report's figure and the recomputed one. Every figure a reader can take the difference of (a
 * shown group, everyone, and everyone minus the shown groups) must hold 0 or at least k of them,
 * so a group with 1 to k−1 is hidden, and then the group with the fewest such people while the
 * rest holds 1 to k−1 (complementary suppression again). Everyone is hidden (and so every group)
 * when the whole round has 1 to k−1 of them.
 */
export function guardChangedPeople(cell: CellDisclosure, changed: Record<string, number>, minGroupSize: number): CellDisclosure {
  const k = normaliseMinGroupSize(minGroupSize);
  const total = Object.values(changed).reduce((s, n) => s + n, 0);
  if (!cell.overall || (total > 0 && total < k)) return { overall: false, roles: [] };
  const of = (r: string) => changed[r] ?? 0;
  const roles = cell.roles.filter((r) => !(of(r) > 0 && of(r) < k));
  let rest = total - roles.reduce((s, r) => s + of(r), 0);
  while (rest > 0 && rest < k) {
    // There is always one: total >= k, and the shown groups' people make up the difference.
    const next = roles.filter((r) => of(r) > 0).sort((a, b) => of(a) - of(b) || (a < b ? -1 : a > b ? 1 : 0))[0];
    roles.splice(roles.indexOf(next), 1);
    rest += of(next);
  }
  return { overall: true, roles };
}

/** Only what both may show: hiding more than the subset's own rule never reveals anything. */
function within(cell: CellDisclosure, report: CellDisclosure | undefined): CellDisclosure {
  if (!report?.overall || !cell.overall) return { overall: false, roles: [] };
  return { overall: true, roles: cell.roles.filter((r) => report.roles.includes(r)) };
}

const toCell = (t: ThemeResult | undefined): SubsetCell | null =>
  t && t.n !== null && t.n > 0 && t.mean !== null ? { n: t.n, mean: t.mean, sd: t.sd, ci95: t.ci95 } : null;

/**
 * Recomputes the themes in `shared` (theme id -> the ids of the questions to keep) for one round:
 *
 * 1. Each person's theme score is the mean of their scored answers to the kept questions of the
 *    theme ("Don't know" left out; no score without at least one), by the rubric itself
 *    (`aggregateAnswers` on the questionnaire cut down to the kept questions).
 * 2. What may be shown is decided by the report's own rule, {@link decideDisclosure}, on those
 *    scores (round: minimum group size and complementary suppression; theme: per-theme counts,
 *    the rest of the theme as one more hidden group), then kept within what the round's report
 *    shows for the theme, then {@link guardChangedPeople}.
 * 3. Figures (n, mean, sd, 95% interval) as the report computes them (`buildGroupResults`).
 */
export function recomputeThemes(input: SubsetRoundInput, shared: ReadonlyMap<string, ReadonlySet<string>>): Map<string, SubsetThemeCells> {
  const { questionnaire: q, form } = input;
  const kept = new Set([...shared.values()].flatMap((s) => [...s]));
  const restricted = restrictForm(q, form, kept);
  const aggregate = aggregateAnswers(restricted, form, input.respondents);
  for (const role of input.roles) aggregate[role] ??= emptyGroup();
  const disclosure = decideDisclosure(restricted, form, aggregate, input.minGroupSize);
  const everyone = buildGroupResults(restricted, form, mergeGroups(...Object.values(aggregate)));
  const byRole = new Map(Object.entries(aggregate).map(([role, g]) => [role, buildGroupResults(restricted, form, g)] as const));

  const out = new Map<string, SubsetThemeCells>();
  for (const { theme, items } of formThemes(q, form)) {
    const keep = shared.get(theme.id);
    if (!keep) continue;
    const leftOut = items.filter((i) => isScored(i) && !keep.has(i.id)).map((i) => i.id);
    const changed: Record<string, number> = {};
    for (const r of input.respondents) {
      if (leftOut.some((id) => r.answers[id]?.type === 'choice')) changed[r.role] = (changed[r.role] ?? 0) + 1;
    }
    const cell = guardChangedPeople(within(disclosure.themes[theme.id] ?? { overall: false, roles: [] }, input.report[theme.id]), changed, input.minGroupSize);
    const find = (g: { themes: ThemeResult[] } | undefined) => g?.themes.find((t) => t.themeId === theme.id);
    out.set(theme.id, {
      overall: cell.overall ? toCell(find(everyone)) : null,
      groups: Object.fromEntries(Object.keys(aggregate).map((role) => [role, cell.roles.includes(role) ? toCell(find(byRole.get(role))) : null])),
    });
  }
  return out;
}
