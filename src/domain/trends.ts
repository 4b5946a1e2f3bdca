// Year on year: themes matched across rounds, and the change between consecutive rounds with a
// verdict on whether it is larger than the noise.
//
// A theme whose questions are the same in every round is compared on the figures its reports
// publish (n, mean, standard deviation, 95% interval), never on answers. A theme whose questions
// changed is compared on the questions every round shares, recomputed for every round from each
// person's answers by `recomputeThemes` (trend-subsets.ts), under the report's own disclosure rule
// and one more guard. See "Trends across rounds" in docs/questionnaire.md for the argument.
import { itemChanges as listItemChanges, planThemes, sharedLead, sharedNote, themeOrder, MIN_SHARED_ITEMS, type ItemChanges, type LeftOutItem, type NotComparedWhy, type TrendItem } from './trend-items';
import type { SubsetThemeCells } from './trend-subsets';
import { welchTest, type Interval } from './stats';

export type { ItemChanges } from './trend-items';

/** A published theme figure for one group in one round. */
export type TrendCell = { n: number; mean: number; sd: number | null; ci95: Interval | null };

/** What a round's published report says about one theme. */
export type TrendThemeInput = {
  themeId: string;
  title: string;
  /** the scored items of the theme in the round's form (ids are stable across versions) */
  items: TrendItem[];
  /** null: not shown for everyone (or the round publishes no results) */
  overall: TrendCell | null;
  /** per role id: the group's figure where the report shows it; absent or null where it does not */
  groups: Record<string, TrendCell | null>;
};

/** A flag as one round's report states it. */
export type TrendFlagInput = { flagId: string; title: string; themeId: string; status: 'raised' | 'notRaised' | 'notEnough' };

/** One round as its published report shows it. */
export type TrendRoundInput = {
  roundId: number;
  name: string;
  questionnaireId: string;
  questionnaireVersion: number;
  form: string;
  /** false: the report publishes no theme figures (too few people, or results wait for the close) */
  published: boolean;
  total: number;
  /** labels of the roles the round offers, in its order */
  roles: { roleId: string; label: string }[];
  themes: TrendThemeInput[];
  flags: TrendFlagInput[];
};

/** The group id used for everyone in a round. */
export const EVERYONE = 'everyone';

export type Verdict = 'larger' | 'within' | 'untestable';

/** The change of one group on one theme between two consecutive rounds. */
export type TrendChange = {
  groupId: string;
  label: string;
  fromRoundId: number;
  toRoundId: number;
  before: TrendCell;
  after: TrendCell;
  /** after minus before, in points */
  difference: number;
  /** Welch's t-test of after against before; null when it cannot be computed (n < 2 or no spread) */
  welch: { t: number; df: number; p: number; ci95: Interval } | null;
  verdict: Verdict;
};

/** One line of a theme's chart: a group's figure in each round (null where not shown). */
export type TrendSeries = { groupId: string; label: string; points: (TrendCell | null)[]; inEveryRound: boolean };

export type TrendTheme = {
  themeId: string;
  title: string;
  /**
   * same: the same questions in every round, the reports' figures; shared: recomputed on the
   * questions every round asks; none: not compared (see `reason`)
   */
  basis: 'same' | 'shared' | 'none';
  /** false: not compared (missing from a round, or too few shared questions): no figure at all */
  comparable: boolean;
  /** why it is not compared, in plain English (the JSON and CSV); null when comparable */
  reason: string | null;
  /** the same as data, for pages in any language; null when comparable */
  why: NotComparedWhy | null;
  /** for a recomputed theme: how many scored questions each round asks in it (with sharedItems, what a page words as "Compared on 4 of 5 questions"); else null */
  asked: number[] | null;
  /** for a recomputed theme: what it is compared on, in plain words ("Compared on 4 of 5 questions…: A; B; C; D."); else null */
  note: string | null;
  /** the same without its list of questions (the page lists `sharedItems` after it); else null */
  noteLead: string | null;
  /** for a recomputed theme: the questions it is compared on, and those left out (with the rounds that ask them) */
  sharedItems: { id: string; text: string }[] | null;
  leftOut: LeftOutItem[];
  /** everyone first, then groups in role order: every group shown in at least one round */
  series: TrendSeries[];
  changes: TrendChange[];
};

export type FlagRow = { flagId: string; title: string; themeId: string; themeTitle: string; statuses: (TrendFlagInput['status'] | 'notAsked')[] };

export type TrendComparison = {
  rounds: { roundId: number; name: string; questionnaireId: string; questionnaireVersion: number; form: string; published: boolean; total: number }[];
  /** the rounds use more than one questionnaire: themes and questions are matched by their ids */
  mixedQuestionnaires: boolean;
  themes: TrendTheme[];
  itemChanges: ItemChanges[];
  /** every flag raised in at least one round, with its status in each round */
  flags: FlagRow[];
};

/** Why rounds cannot be compared at all. */
export class TrendRefusal extends Error {
  override name = 'TrendRefusal';
  constructor(
    message: string,
    /** which refusal, for pages that word it in their own language */
    readonly code: 'tooFewRounds' | 'tooFewShared',
  ) {
    super(message);
  }
}

/**
 * The verdict on a change: Welch's t-test at 95% of the two rounds' published figures for the
 * group (n, mean and standard deviation). The two rounds are separate sets of answers, so the
 * samples are independent as the test assumes (some people may answer both years; the test then
 * errs on the side of "within the noise").
 */
export function judgeChange(before: TrendCell, after: TrendCell): Pick<TrendChange, 'difference' | 'welch' | 'verdict'> {
  const difference = after.mean - before.mean;
  const w =
    before.sd !== null && after.sd !== null
      ? welchTest({ n: after.n, mean: after.mean, sd: after.sd }, { n: before.n, mean: before.mean, sd: before.sd })
      : null;
  return {
    difference,
    welch: w && { t: w.t, df: w.df, p: w.p, ci95: w.ci95 },
    verdict: w === null ? 'untestable' : w.significant ? 'larger' : 'within',
  };
}

/** The refusal when no theme can be compared: the too-few rule in plain words. */
export const TOO_FEW_SHARED =
  `These rounds share too few questions to be compared: no theme has the same questions in every round, or at least ${MIN_SHARED_ITEMS} scored questions that every round asks. Choose rounds of one questionnaire, or versions and forms that share more questions.`;

/**
 * Compares rounds (oldest first).
 *
 * - Themes are matched by id and questions by id and scale ({@link planThemes}), also across
 *   versions, forms and questionnaires.
 * - A theme with the same questions in every round is compared on its reports' figures.
 * - A theme whose questions changed is compared on the questions every round asks, when there are
 *   at least {@link MIN_SHARED_ITEMS}: `recomputed` holds its figures for every round (from
 *   `recomputeThemes`), so both ends of every change use the same questions. Otherwise it is not
 *   compared, and says why. When no theme can be compared, the comparison is refused.
 * - A change is given only for a group shown on that theme in both rounds; lines run only for
 *   groups shown in every round. Nothing is derived from hidden or merged groups.
 * @param recomputed per recomputed theme id, its figures in each round (in round order)
 * @throws TrendRefusal with a message a person can act on
 */
export function compareRounds(rounds: readonly TrendRoundInput[], recomputed: ReadonlyMap<string, readonly SubsetThemeCells[]> = new Map()): TrendComparison {
  if (rounds.length < 2) throw new TrendRefusal('Choose at least two rounds to compare.', 'tooFewRounds');

  const themeIds = themeOrder(rounds);
  const roleOrder: string[] = [];
  const labels = new Map<string, string>();
  for (const r of [...rounds].reverse()) {
    for (const role of r.roles) if (!labels.has(role.roleId)) labels.set(role.roleId, role.label);
  }
  for (const r of rounds) for (const role of r.roles) if (!roleOrder.includes(role.roleId)) roleOrder.push(role.roleId);

  const themes: TrendTheme[] = planThemes(rounds).map((plan) => {
    const { themeId, title } = plan;
    const notCompared = (reason: string, why: NotComparedWhy): TrendTheme =>
      ({ themeId, title, basis: 'none', comparable: false, reason, why, asked: null, note: null, noteLead: null, sharedItems: null, leftOut: [], series: [], changes: [] });
    if (plan.basis === 'none') return notCompared(plan.reason, plan.why);
    const figures = plan.basis === 'shared' ? recomputed.get(themeId) : null;
    if (plan.basis === 'shared' && (!figures || figures.length !== rounds.length)) {
      return notCompared('Its questions differ between these rounds, and it could not be recomputed on the shared questions.', { kind: 'notRecomputed' });
    }
    const perRound = rounds.map((r, i) => figures?.[i] ?? r.themes.find((t) => t.themeId === themeId)!);
    const cells = (groupId: string) => perRound.map((t) => (groupId === EVERYONE ? t.overall : (t.groups[groupId] ?? null)));
    const groups = [EVERYONE, ...roleOrder];
    const series: TrendSeries[] = groups
      .map((groupId) => {
        const points = cells(groupId);
        return { groupId, label: groupId === EVERYONE ? 'Everyone' : (labels.get(groupId) ?? groupId), points, inEveryRound: points.every((p) => p !== null) };
      })
      .filter((s) => s.groupId === EVERYONE || s.points.some((p) => p !== null));
    const changes: TrendChange[] = [];
    for (const s of series) {
      for (let i = 1; i < rounds.length; i++) {
        const before = s.points[i - 1];
        const after = s.points[i];
        if (!before || !after) continue; // never a change for a group hidden in either round
        changes.push({ groupId: s.groupId, label: s.label, fromRoundId: rounds[i - 1].roundId, toRoundId: rounds[i].roundId, before, after, ...judgeChange(before, after) });
      }
    }
    return plan.basis === 'shared'
      ? {
          themeId,
          title,
          basis: 'shared',
          comparable: true,
          reason: null,
          why: null,
          asked: plan.asked,
          note: sharedNote(plan, rounds),
          noteLead: sharedLead(plan, rounds),
          sharedItems: plan.shared.map(({ id, text }) => ({ id, text })),
          leftOut: plan.leftOut,
          series,
          changes,
        }
      : { themeId, title, basis: 'same', comparable: true, reason: null, why: null, asked: null, note: null, noteLead: null, sharedItems: null, leftOut: [], series, changes };
  });

  if (!themes.some((t) => t.comparable)) throw new TrendRefusal(TOO_FEW_SHARED, 'tooFewShared');

  const flagRows: FlagRow[] = [];
  for (const r of rounds) {
    for (const f of r.flags) {
      if (f.status !== 'raised' || flagRows.some((x) => x.flagId === f.flagId && x.themeId === f.themeId)) continue;
      flagRows.push({
        flagId: f.flagId,
        title: f.title,
        themeId: f.themeId,
        themeTitle: themes.find((t) => t.themeId === f.themeId)?.title ?? f.themeId,
        statuses: rounds.map((x) => x.flags.find((y) => y.flagId === f.flagId && y.themeId === f.themeId)?.status ?? 'notAsked'),
      });
    }
  }
  flagRows.sort((a, b) => themeIds.indexOf(a.themeId) - themeIds.indexOf(b.themeId));

  return {
    rounds: rounds.map((r) => ({
      roundId: r.roundId,
      name: r.name,
      questionnaireId: r.questionnaireId,
      questionnaireVersion: r.questionnaireVersion,
      form: r.form,
      published: r.published,
      total: r.total,
    })),
    mixedQuestionnaires: new Set(rounds.map((r) => r.questionnaireId)).size > 1,
    themes,
    itemChanges: listItemChanges(rounds),
    flags: flagRows,
  };
}
