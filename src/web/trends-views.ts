import { displayScore } from '../domain/rubric';
import { EVERYONE, type TrendCell, type TrendChange, type TrendComparison, type Verdict } from '../domain/trends';
import { SHARED_ITEMS_RULE } from '../domain/trend-items';
import type { ActionView } from '../services/actions';
import type { ChartSpec } from './report-views';

/** The verdict on a change, in plain words. */
export const VERDICT_WORDS: Record<Verdict, string> = {
  larger: 'Larger than the noise',
  within: 'Within the noise',
  untestable: 'Cannot be judged: too few people, or everyone gave the same score',
};

/**
 * A change in points with its sign, rounded to one decimal place: a change has no band, so it is
 * rounded like an interval, not cut like a score.
 */
export function signedChange(x: number): string {
  const rounded = (Math.round(Math.abs(x) * 10) / 10).toFixed(1);
  if (rounded === '0.0') return '0.0';
  return `${x > 0 ? '+' : '−'}${rounded}`;
}

/** The same line chart spec for public/js/charts.js, one per comparable theme. */
export function trendCharts(comparison: TrendComparison) {
  const labels = comparison.rounds.map((r) => r.name);
  return comparison.themes.map((theme) => {
    const lines = theme.series.filter((s) => s.inEveryRound);
    const chart: ChartSpec | null =
      theme.comparable && lines.length > 0
        ? {
            type: 'line',
            title: `${theme.title}: score over time (0 to 100)`,
            labels,
            series: lines.map((s) => ({ label: s.label, data: s.points.map((p) => displayScore(p?.mean)) })),
          }
        : null;
    return { theme, chart };
  });
}

/**
 * The board summary's radar: everyone's score on each compared theme, one line a round (null where
 * a round shows none). Themes not compared are left out: their scores do not measure the same thing.
 */
export function trendRadar(comparison: TrendComparison): ChartSpec | null {
  const themes = comparison.themes.filter((t) => t.comparable);
  if (themes.length < 3) return null; // a radar of fewer than three spokes says nothing a table does not
  const everyone = (t: (typeof themes)[number]) => t.series.find((s) => s.groupId === EVERYONE);
  return {
    type: 'radar',
    title: 'Theme scores for everyone, round by round (0 to 100)',
    labels: themes.map((t) => t.title),
    series: comparison.rounds.map((r, i) => ({ label: r.name, data: themes.map((t) => displayScore(everyone(t)?.points[i]?.mean)) })),
  };
}

/** A change's two rounds by name. */
export const roundName = (comparison: TrendComparison, roundId: number) => comparison.rounds.find((r) => r.roundId === roundId)?.name ?? String(roundId);

/** The JSON form of a comparison: every figure as the round reports publish it. */
export function trendsJson(organisation: { id: number; name: string }, comparison: TrendComparison, actions: { roundId: number; actions: ActionView[] }[] = []) {
  const cell = (c: TrendCell | null) => c && { n: c.n, mean: c.mean, sd: c.sd, ci95: c.ci95 };
  const change = (c: TrendChange) => ({
    group: c.groupId,
    label: c.label,
    fromRound: c.fromRoundId,
    toRound: c.toRoundId,
    before: cell(c.before),
    after: cell(c.after),
    difference: c.difference,
    welch: c.welch,
    verdict: c.verdict,
    verdictText: VERDICT_WORDS[c.verdict],
  });
  return {
    organisation,
    method: "Welch's t-test at 95%: a change is larger than the noise when p < 0.05",
    comparisonRule: SHARED_ITEMS_RULE,
    rounds: comparison.rounds,
    mixedQuestionnaires: comparison.mixedQuestionnaires,
    themes: comparison.themes.map((t) => ({
      themeId: t.themeId,
      title: t.title,
      basis: t.basis,
      comparable: t.comparable,
      reason: t.reason,
      note: t.note,
      sharedItems: t.sharedItems,
      leftOut: t.leftOut,
      series: t.series.map((s) => ({
        group: s.groupId,
        label: s.label,
        inEveryRound: s.inEveryRound,
        points: s.points.map((p, i) => ({ round: comparison.rounds[i].roundId, shown: p !== null, ...(p ? cell(p) : { n: null, mean: null, sd: null, ci95: null }) })),
      })),
      changes: t.changes.map(change),
      actions: actions.flatMap((r) =>
        r.actions
          .filter((a) => a.themeId === t.themeId)
          .map((a) => ({ round: r.roundId, what: a.what, lead: a.lead, dueOn: a.dueOn, status: a.status, note: a.note, overdue: a.overdue })),
      ),
    })),
    itemChanges: comparison.itemChanges,
    flags: comparison.flags.map((f) => ({ ...f, statuses: f.statuses.map((status, i) => ({ round: comparison.rounds[i].roundId, status })) })),
  };
}
