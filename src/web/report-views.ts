import type { RoundReport } from '../services/results';

/** Chart descriptions passed to public/js/charts.js in a data-chart attribute (data only, no code). */
export type ChartSpec =
  | { type: 'radar'; title: string; labels: string[]; series: { label: string; data: (number | null)[] }[] }
  | { type: 'stacked'; title: string; labels: string[]; series: { label: string; data: number[] }[]; palette: 'sequential' };

const one = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);
const pct = (share: number | null) => (share === null ? 0 : Math.round(share * 1000) / 10);

/** Formats a score for people: one decimal place, or a dash. */
export const score = (x: number | null | undefined) => (x === null || x === undefined ? '–' : (Math.round(x * 10) / 10).toFixed(1));
export const percent = (share: number | null | undefined) => (share === null || share === undefined ? '–' : `${Math.round(share * 100)}%`);

/** Everything the report page draws, built from the one results object. */
export function reportCharts(report: RoundReport) {
  if (!report.overall) return null;
  const radar: ChartSpec = {
    type: 'radar',
    title: 'Theme scores (0 to 100)',
    labels: report.overall.themes.map((t) => t.title),
    series: [
      { label: 'Everyone', data: report.overall.themes.map((t) => one(t.mean)) },
      ...report.groups.map((g) => ({ label: g.label, data: g.result.themes.map((t) => one(t.mean)) })),
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
          { label: 'Everyone', ladder: item.ladder!, answered: item.answered },
          ...report.groups.map((g) => {
            const gi = g.result.themes.find((t) => t.themeId === section.themeId)?.items.find((x) => x.itemId === item.itemId);
            return { label: g.label, ladder: gi?.ladder ?? [], answered: gi?.answered ?? 0 };
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
