import type { GuardedCount, WordingCounts } from '../domain/anonymity';
import type { FlagResult } from '../domain/flags';
import { displayScore } from '../domain/rubric';
import type { RoundReport } from '../services/results';

/** Chart descriptions passed to public/js/charts.js in a data-chart attribute (data only, no code). */
export type ChartSpec =
  | { type: 'radar'; title: string; labels: string[]; series: { label: string; data: (number | null)[] }[]; /** for a projector: larger, darker labels */ large?: boolean }
  | { type: 'stacked'; title: string; labels: string[]; series: { label: string; data: (number | null)[] }[]; palette: 'sequential' }
  | { type: 'line'; title: string; labels: string[]; series: { label: string; data: (number | null)[] }[] };

/** A share as a percentage with one decimal for a chart; null (a gap in the chart) where withheld or nobody answered. */
const pct = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/** Formats a score for people: cut to one decimal place (so it never shows the next band's number), or a dash. */
export const score = (x: number | null | undefined) => (x === null || x === undefined ? '–' : displayScore(x)!.toFixed(1));
/** Formats an interval's end: rounded to one decimal place, or a dash. */
export const bound = (x: number | null | undefined) => (x === null || x === undefined ? '–' : (Math.round(x * 10) / 10).toFixed(1));
export const percent = (share: number | null | undefined) => (share === null || share === undefined ? '–' : `${Math.round(share * 100)}%`);

/**
 * One sentence saying what a raised flag found, naming the groups actually compared and their
 * figures (the flag's own description says why it matters). null when the flag was not raised.
 */
export function flagStatement(flag: FlagResult): string | null {
  const e = flag.evidence;
  if (!flag.raised || !e) return null;
  const share = (x: number | null) => percent(x);
  if (e.kind === 'gap') {
    const { a, b, difference, welch } = e.gap;
    const [hi, lo] = (difference ?? 0) >= 0 ? [a, b] : [b, a];
    const noise = welch ? (welch.significant ? ' This is larger than the noise (Welch\'s t-test at 95%).' : ' This is within the noise (Welch\'s t-test at 95%): it may be chance.') : '';
    return `${hi.label} score this theme ${score(hi.summary.mean)} (${hi.summary.n} people) and ${lo.label} ${score(lo.summary.mean)} (${lo.summary.n} people): a gap of ${score(Math.abs(difference ?? 0))} points.${noise}`;
  }
  if (e.kind === 'ladderAtMost') {
    return `${e.side.label}: ${share(e.side.share)} of ${e.side.answered} answers are at “${e.maxRungLabel}” or below.`;
  }
  return `${e.a.label}: ${share(e.a.share)} of ${e.a.answered} answers place it at “doing with”; ${e.b.label}: ${share(e.b.share)} of ${e.b.answered} at “doing for” or lower.`;
}

/** Everything the report page draws, built from the one results object. */
export function reportCharts(report: RoundReport) {
  if (!report.overall) return null;
  const radar: ChartSpec = {
    type: 'radar',
    title: 'Theme scores (0 to 100)',
    labels: report.overall.themes.map((t) => t.title),
    series: [
      { label: 'Everyone', data: report.overall.themes.map((t) => displayScore(t.mean)) },
      ...report.groups.map((g) => ({ label: g.label, data: g.result.themes.map((t) => displayScore(t.mean)) })),
    ],
  };
  const themes = report.themes.map((section) => {
    const items = section.overall.items;
    const practice = items.filter((i) => i.kind === 'practice');
    const distribution: ChartSpec | null =
      practice.length === 0
        ? null
        : {
            type: 'stacked',
            title: `How people answered: ${section.title}`,
            labels: practice.map((i) => i.text),
            series: practice[0].options.map((o, k) => ({ label: o.label, data: practice.map((i) => pct(i.options[k].share)) })),
            palette: 'sequential',
          };
    const ladders = items
      .filter((i) => i.kind === 'ladder' && i.ladder)
      .map((item) => {
        const rows = [
          { label: 'Everyone', shown: item.shown, ladder: item.ladder!, answered: item.answered },
          ...report.groups.map((g) => {
            const gi = g.result.themes.find((t) => t.themeId === section.themeId)?.items.find((x) => x.itemId === item.itemId);
            return { label: g.label, shown: gi?.shown ?? false, ladder: gi?.ladder ?? [], answered: gi?.answered ?? null };
          }),
        ];
        const chart: ChartSpec = {
          type: 'stacked',
          title: `Doing to, for or with: ${item.text}`,
          labels: rows.map((r) => r.label),
          series: item.ladder!.map((g, k) => ({ label: g.label, data: rows.map((r) => pct(r.ladder[k]?.share ?? null)) })),
          palette: 'sequential',
        };
        return { item, rows, chart };
      });
    return { section, distribution, ladders };
  });
  return { radar, themes };
}

/** The radar of the respondents' results page: everyone's score on each theme, under its plain title. */
export function respondentRadar(page: { belowMinimum: boolean; themes: { title: string; score: number | null }[] }): ChartSpec | null {
  if (page.belowMinimum || page.themes.every((t) => t.score === null)) return null;
  return {
    type: 'radar',
    title: 'Scores for each theme (0 to 100)',
    labels: page.themes.map((t) => t.title),
    series: [{ label: 'Everyone', data: page.themes.map((t) => displayScore(t.score)) }],
  };
}

/** "12", "fewer than 5", "at least 5": a guarded count in words. */
export function guardedCount(c: GuardedCount): string {
  return c.kind === 'exact' ? String(c.n) : c.kind === 'fewerThan' ? `fewer than ${c.n}` : `at least ${c.n}`;
}

/**
 * The report's line on wordings: "12 answered in Welsh (Cymraeg); fewer than 5 in Easy Read.", or
 * null when everyone answered in the questionnaire's own language and standard wording.
 */
export function wordingSentence(w: WordingCounts): string | null {
  const parts = w.languages.map((l) => `${guardedCount(l.count)} answered in ${languageName(l.language)}`);
  if (w.easyRead) parts.push(`${guardedCount(w.easyRead)} ${parts.length ? 'in' : 'answered in'} Easy Read`);
  if (!parts.length) return null;
  // A sentence of its own on the page: "Fewer than 5 answered in Easy Read.", not "fewer than 5 ...".
  const sentence = `${parts.join('; ')}.`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

const LANGUAGE_NAMES: Record<string, string> = { cy: 'Welsh (Cymraeg)', en: 'English' };
const languageName = (code: string) => LANGUAGE_NAMES[code] ?? `the language "${code}"`;
