// Year on year: matching themes and items across rounds, and the change between consecutive
// rounds with a verdict on whether it is larger than the noise.
//
// Everything here works on figures a round's report already publishes (per theme and shown
// group: n, mean, standard deviation, 95% interval), never on answers. So no figure in a trend
// can tell more than the round reports it is made of: see "Trends across rounds" in
// docs/questionnaire.md for the argument.
import { welchTest, type Interval } from './stats';

/** A published theme figure for one group in one round. */
export type TrendCell = { n: number; mean: number; sd: number | null; ci95: Interval | null };

/** What a round's published report says about one theme. */
export type TrendThemeInput = {
  themeId: string;
  title: string;
  /** the items of the theme in the round's form (ids are stable across versions) */
  items: { id: string; text: string }[];
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
  /** false: the theme's items differ between the rounds (or it is missing from one), so no figure is compared */
  comparable: boolean;
  /** why it is not compared, in plain words; null when comparable */
  reason: string | null;
  /** everyone first, then groups in role order: every group shown in at least one round */
  series: TrendSeries[];
  changes: TrendChange[];
};

/** Items added and dropped between two consecutive rounds. */
export type ItemChanges = { fromRoundId: number; toRoundId: number; added: { id: string; text: string; themeId: string }[]; dropped: { id: string; text: string; themeId: string }[] };

export type FlagRow = { flagId: string; title: string; themeId: string; themeTitle: string; statuses: (TrendFlagInput['status'] | 'notAsked')[] };

export type TrendComparison = {
  rounds: { roundId: number; name: string; questionnaireVersion: number; form: string; published: boolean; total: number }[];
  themes: TrendTheme[];
  itemChanges: ItemChanges[];
  /** every flag raised in at least one round, with its status in each round */
  flags: FlagRow[];
};

/** Why rounds cannot be compared at all. */
export class TrendRefusal extends Error {
  override name = 'TrendRefusal';
}

const sameItems = (a: readonly { id: string }[], b: readonly { id: string }[]) => {
  const ids = new Set(a.map((i) => i.id));
  return a.length === b.length && b.every((i) => ids.has(i.id));
};

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

/**
 * Compares rounds (oldest first) from their published reports.
 *
 * - Rounds of different questionnaires are refused: item ids are only stable within one.
 * - A theme is compared only when its items are the same in every round (same ids): a theme
 *   score is a mean of each person's item scores, so a theme whose items changed cannot be
 *   recomputed on the shared items without each person's answers, which reports never publish.
 *   When no theme can be compared, the comparison is refused.
 * - A change is given only for a group shown on that theme in both rounds; lines run only for
 *   groups shown in every round. Nothing is derived from hidden or merged groups.
 * @throws TrendRefusal with a message a person can act on
 */
export function compareRounds(rounds: readonly TrendRoundInput[]): TrendComparison {
  if (rounds.length < 2) throw new TrendRefusal('Choose at least two rounds to compare.');
  const questionnaires = new Set(rounds.map((r) => r.questionnaireId));
  if (questionnaires.size > 1) {
    throw new TrendRefusal(
      'These rounds use different questionnaires, so their scores cannot be compared: item ids are only kept the same within one questionnaire. Choose rounds of one questionnaire.',
    );
  }

  const itemChanges: ItemChanges[] = [];
  for (let i = 1; i < rounds.length; i++) {
    const items = (r: TrendRoundInput) => r.themes.flatMap((t) => t.items.map((it) => ({ ...it, themeId: t.themeId })));
    const before = items(rounds[i - 1]);
    const after = items(rounds[i]);
    const added = after.filter((a) => !before.some((b) => b.id === a.id));
    const dropped = before.filter((b) => !after.some((a) => a.id === b.id));
    if (added.length || dropped.length) itemChanges.push({ fromRoundId: rounds[i - 1].roundId, toRoundId: rounds[i].roundId, added, dropped });
  }

  // Themes in the order of the first round, then any that appear later.
  const themeIds: string[] = [];
  for (const r of rounds) for (const t of r.themes) if (!themeIds.includes(t.themeId)) themeIds.push(t.themeId);
  const roleOrder: string[] = [];
  const labels = new Map<string, string>();
  for (const r of [...rounds].reverse()) {
    for (const role of r.roles) if (!labels.has(role.roleId)) labels.set(role.roleId, role.label);
  }
  for (const r of rounds) for (const role of r.roles) if (!roleOrder.includes(role.roleId)) roleOrder.push(role.roleId);

  const themes: TrendTheme[] = themeIds.map((themeId) => {
    const perRound = rounds.map((r) => r.themes.find((t) => t.themeId === themeId) ?? null);
    const title = perRound.find((t) => t !== null)!.title;
    const missing = perRound.findIndex((t) => t === null);
    if (missing >= 0) {
      return { themeId, title, comparable: false, reason: `This theme is not asked in “${rounds[missing].name}”.`, series: [], changes: [] };
    }
    const first = perRound[0]!;
    if (!perRound.every((t) => sameItems(first.items, t!.items))) {
      return {
        themeId,
        title,
        comparable: false,
        reason:
          'The questions in this theme differ between these rounds (a new questionnaire version or the other form). A theme score is the mean of each person’s answers to its questions, so it could only be recomputed on the shared questions from each person’s answers, which reports never publish. So this theme is not compared.',
        series: [],
        changes: [],
      };
    }
    const cells = (groupId: string) => perRound.map((t) => (groupId === EVERYONE ? t!.overall : (t!.groups[groupId] ?? null)));
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
    return { themeId, title, comparable: true, reason: null, series, changes };
  });

  if (!themes.some((t) => t.comparable)) {
    throw new TrendRefusal(
      'These rounds share no theme whose questions are the same in every round (they use different versions or forms of the questionnaire), so nothing can be compared honestly. Choose rounds of the same version and form.',
    );
  }

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
    rounds: rounds.map((r) => ({ roundId: r.roundId, name: r.name, questionnaireVersion: r.questionnaireVersion, form: r.form, published: r.published, total: r.total })),
    themes,
    itemChanges,
    flags: flagRows,
  };
}
