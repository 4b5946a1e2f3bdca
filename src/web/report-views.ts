import type { TFunction } from 'i18next';
import type { GuardedCount, WordingCounts } from '../domain/anonymity';
import type { FlagResult } from '../domain/flags';
import { displayScore } from '../domain/rubric';
import type { RoundReport } from '../services/results';
import { zonedTime } from './time-zone';

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

// One formatter a language for the process: toLocaleDateString builds a new one on every call
// (about 1.5 ms, a tenth of a report page's time at 10,000 responses; issue 12).
const utc = zonedTime('UTC');

/** A report's date as the page's language writes it: "6 December 2026", "6 Rhagfyr 2026" (UTC). */
export const reportDay = (ms: number, language = 'en') => utc.formatDate(ms, language);

/**
 * The lang of questionnaire texts (themes, questions, bands, flags) on a page in another
 * language, e.g. "en" on a Welsh report of an English questionnaire; null when they agree.
 */
export const questionnaireLang = (languages: readonly string[], pageLanguage: unknown): string | null => {
  const distinct = [...new Set(languages)];
  return distinct.length === 1 && distinct[0] !== pageLanguage ? distinct[0] : null;
};

/** A whole number as the page's language writes it: 12,345 (en-GB) or 12,345 (cy). */
const numberFormats = new Map(['en-GB', 'cy'].map((l) => [l, new Intl.NumberFormat(l)]));
export const formatNumber = (n: number, language: string) => numberFormats.get(language === 'cy' ? 'cy' : 'en-GB')!.format(n);

/**
 * One sentence saying what a raised flag found, naming the groups actually compared and their
 * figures (the flag's own description says why it matters), in the page's words `t`. null when
 * the flag was not raised.
 */
export function flagStatement(flag: FlagResult, t: TFunction): string | null {
  const e = flag.evidence;
  if (!flag.raised || !e) return null;
  if (e.kind === 'gap') {
    const { a, b, difference, welch } = e.gap;
    const [hi, lo] = (difference ?? 0) >= 0 ? [a, b] : [b, a];
    const noise = welch ? t(welch.significant ? 'report.flag.larger' : 'report.flag.within') : '';
    const words = { hi: hi.label, hiScore: score(hi.summary.mean), hiN: hi.summary.n, lo: lo.label, loScore: score(lo.summary.mean), loN: lo.summary.n, gap: score(Math.abs(difference ?? 0)) };
    return `${t('report.flag.gap', words)}${noise}`;
  }
  // The whole round's side is the page's "Everyone"; a side of roles keeps the roles' own labels.
  const side = (s: { roles: string[] | 'all'; label: string }) => (s.roles === 'all' ? t('report.common.everyone') : s.label);
  if (e.kind === 'ladderAtMost') {
    return t('report.flag.ladderAtMost', { group: side(e.side), share: percent(e.side.share), answered: e.side.answered, rung: e.maxRungLabel });
  }
  return t('report.flag.ladderSplit', { a: side(e.a), aShare: percent(e.a.share), aAnswered: e.a.answered, b: side(e.b), bShare: percent(e.b.share), bAnswered: e.b.answered });
}

/** Everything the report page draws, built from the one results object. */
export function reportCharts(report: RoundReport, t: TFunction) {
  if (!report.overall) return null;
  const radar: ChartSpec = {
    type: 'radar',
    title: t('report.charts.radar'),
    labels: report.overall.themes.map((th) => th.title),
    series: [
      { label: t('report.common.everyone'), data: report.overall.themes.map((th) => displayScore(th.mean)) },
      ...report.groups.map((g) => ({ label: g.label, data: g.result.themes.map((th) => displayScore(th.mean)) })),
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
            title: t('report.charts.distribution', { title: section.title }),
            labels: practice.map((i) => i.text),
            series: practice[0].options.map((o, k) => ({ label: o.label, data: practice.map((i) => pct(i.options[k].share)) })),
            palette: 'sequential',
          };
    const ladders = items
      .filter((i) => i.kind === 'ladder' && i.ladder)
      .map((item) => {
        const rows = [
          { label: t('report.common.everyone'), shown: item.shown, ladder: item.ladder!, answered: item.answered },
          ...report.groups.map((g) => {
            const gi = g.result.themes.find((th) => th.themeId === section.themeId)?.items.find((x) => x.itemId === item.itemId);
            return { label: g.label, shown: gi?.shown ?? false, ladder: gi?.ladder ?? [], answered: gi?.answered ?? null };
          }),
        ];
        const chart: ChartSpec = {
          type: 'stacked',
          title: t('report.charts.ladder', { text: item.text }),
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
export function respondentRadar(page: { belowMinimum: boolean; themes: { title: string; score: number | null }[] }, t: TFunction): ChartSpec | null {
  if (page.belowMinimum || page.themes.every((theme) => theme.score === null)) return null;
  return {
    type: 'radar',
    title: t('results.chartTitle'),
    labels: page.themes.map((theme) => theme.title),
    series: [{ label: t('report.common.everyone'), data: page.themes.map((theme) => displayScore(theme.score)) }],
  };
}

/** "12", "fewer than 5", "at least 5": a guarded count in the page's words. */
export function guardedCount(c: GuardedCount, t: TFunction): string {
  return c.kind === 'exact' ? String(c.n) : t(c.kind === 'fewerThan' ? 'report.wordings.fewerThan' : 'report.wordings.atLeast', { n: c.n });
}

/**
 * The report's line on wordings: "12 answered in Welsh (Cymraeg); fewer than 5 in Easy Read.", or
 * null when everyone answered in the questionnaire's own language and standard wording.
 */
export function wordingSentence(w: WordingCounts, t: TFunction): string | null {
  const parts = w.languages.map((l) => t('report.wordings.answeredIn', { number: guardedCount(l.count, t), language: languageName(l.language, t) }));
  if (w.easyRead) parts.push(t(parts.length ? 'report.wordings.inEasyRead' : 'report.wordings.answeredInEasyRead', { number: guardedCount(w.easyRead, t) }));
  if (!parts.length) return null;
  // A sentence of its own on the page: "Fewer than 5 answered in Easy Read.", not "fewer than 5 ...".
  const sentence = `${parts.join(t('report.wordings.separator'))}.`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

const NAMED_LANGUAGES = ['cy', 'en'] as const;
const languageName = (code: string, t: TFunction) =>
  (NAMED_LANGUAGES as readonly string[]).includes(code) ? t(`report.wordings.language.${code}`) : t('report.wordings.language.other', { code });
