import type { TFunction } from 'i18next';
import { displayScore } from '../domain/rubric';
import { EVERYONE, type TrendCell, type TrendChange, type TrendComparison, type TrendTheme, type Verdict } from '../domain/trends';
import { MIN_SHARED_ITEMS, SHARED_ITEMS_RULE } from '../domain/trend-items';
import type { ActionView } from '../services/actions';
import type { SinceLast } from '../services/trends';
import type { ChartSpec } from './report-views';

/** The verdict on a change, in plain English: the JSON's verdictText (pages use report.trends.verdict). */
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
export function trendCharts(comparison: TrendComparison, t: TFunction) {
  const labels = comparison.rounds.map((r) => r.name);
  return comparison.themes.map((theme) => {
    const lines = theme.series.filter((s) => s.inEveryRound);
    const chart: ChartSpec | null =
      theme.comparable && lines.length > 0
        ? {
            type: 'line',
            title: t('report.charts.trendLine', { title: theme.title }),
            labels,
            series: lines.map((s) => ({ label: groupLabel(s, t), data: s.points.map((p) => displayScore(p?.mean)) })),
          }
        : null;
    return { theme, chart };
  });
}

/**
 * The board summary's radar: everyone's score on each compared theme, one line a round (null where
 * a round shows none). Themes not compared are left out: their scores do not measure the same thing.
 */
export function trendRadar(comparison: TrendComparison, t: TFunction): ChartSpec | null {
  const themes = comparison.themes.filter((th) => th.comparable);
  if (themes.length < 3) return null; // a radar of fewer than three spokes says nothing a table does not
  const everyone = (th: (typeof themes)[number]) => th.series.find((s) => s.groupId === EVERYONE);
  return {
    type: 'radar',
    title: t('report.charts.trendRadar'),
    labels: themes.map((th) => th.title),
    series: comparison.rounds.map((r, i) => ({ label: r.name, data: themes.map((th) => displayScore(everyone(th)?.points[i]?.mean)) })),
  };
}

/** A change's two rounds by name. */
export const roundName = (comparison: TrendComparison, roundId: number) => comparison.rounds.find((r) => r.roundId === roundId)?.name ?? String(roundId);

/** A group's label in the page's words: "Everyone" is the page's; roles keep their own labels. */
export const groupLabel = (g: { groupId: string; label: string }, t: TFunction) => (g.groupId === EVERYONE ? t('report.common.everyone') : g.label);

/** Why a theme is not compared, in the page's words (the domain's `reason` is the JSON's English). */
export function themeReason(theme: TrendTheme, t: TFunction): string {
  const why = theme.why;
  if (!why) return theme.reason ?? '';
  if (why.kind === 'notAsked') return t('report.trends.reason.notAsked', { round: why.roundName });
  if (why.kind === 'notRecomputed') return t('report.trends.reason.notRecomputed');
  return t(why.shared === 0 ? 'report.trends.reason.noneShared' : 'report.trends.reason.oneShared', { n: why.minimum });
}

/**
 * What a recomputed theme is compared on, in the page's words, before its list of questions:
 * "Compared on 4 of 5 questions, the ones every round asks, […]" (see domain sharedLead).
 */
export function themeLead(theme: TrendTheme, comparison: TrendComparison, t: TFunction): string {
  const asked = theme.asked ?? [];
  const shared = theme.sharedItems?.length ?? 0;
  if (new Set(asked).size <= 1) return t('report.trends.lead.sameCount', { shared, asked: asked[0] ?? shared });
  const perRound = asked.map((n, i) => t('report.trends.lead.inRound', { n, round: comparison.rounds[i]?.name ?? '' })).join(t('report.common.listSeparator'));
  return t('report.trends.lead.perRound', { shared, asked: perRound });
}

/** Why there is no comparison (or no change since the last round), in the page's words. */
export function refusalWords(refusal: { code: 'noDefault' | 'tooFewRounds' | 'tooFewShared' }, t: TFunction): string {
  return t(`report.trends.refusal.${refusal.code}`, { n: MIN_SHARED_ITEMS });
}

/** The board summary's line when no change since the last round is shown, or null when one is. */
export function sinceLastWords(since: SinceLast, t: TFunction): string | null {
  if (since.previous === null) return t('report.summary.noEarlier');
  return since.code ? refusalWords({ code: since.code }, t) : since.message;
}

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
