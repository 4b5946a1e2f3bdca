/// <reference lib="dom" />
import { createRepositories } from '../../src/db';
import { DEFAULT_QUESTIONNAIRE_ID } from '../../src/questionnaires';
import { defaultRoles } from '../../src/services/rounds';
import { fillRound } from '../helpers/synthetic';
import { describeInBrowser, newContext, screenshot, startRig, type BrowserRig, signInAs } from './harness';

jest.setTimeout(60_000);

const EMAIL = 'owner@example.org';
const PASSWORD = 'copper-lantern-meadow-41';

interface ChartFacts {
  type: string;
  canvasWidth: number;
  canvasHeight: number;
  /** Radar: the radius of the plot. */
  radius: number | null;
  /** Radar: every point label's box lies inside the canvas. */
  labelsInside: boolean;
  /** The labels as drawn (lines joined with spaces). */
  labels: string[];
  /** Bars: the share of the canvas width left for the bars. */
  barShare: number | null;
}

describeInBrowser('charts on a phone (issue 19.4)', () => {
  let rig: BrowserRig;
  let reportPath: string;
  let fullLabels: string[];
  beforeAll(async () => {
    rig = await startRig();
    const { services, db } = rig.server;
    await services.accounts.createFirstOwner(EMAIL, PASSWORD);
    const org = services.organisations.create('Riverside Mental Health Trust');
    const q = services.questionnaires.get(DEFAULT_QUESTIONNAIRE_ID, 1);
    const round = services.rounds.open(
      services.rounds.create(org.id, { name: 'Annual check 2026', questionnaireId: q.id, questionnaireVersion: q.version, form: 'full', mode: 'survey', roles: defaultRoles(q), minGroupSize: 5, opensAt: null, closesAt: null, intro: '', resultsRelease: 'batches' }).id,
    );
    fillRound(createRepositories(db), q, round, 150, 5);
    reportPath = `/admin/rounds/${round.id}/report`;
    fullLabels = [...q.themes.map((t) => t.title), ...q.items.map((i) => i.text)];
  });
  afterAll(async () => rig?.close());

  async function chartsAt(width: number, height = 800) {
    const context = await newContext(rig, { viewport: { width, height }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await signInAs(page, EMAIL, PASSWORD);
    await page.goto(reportPath);
    await page.waitForSelector('canvas[data-drawn="true"]');
    const facts = await page.evaluate(() => {
      type AnyChart = {
        config: { type: string };
        width: number;
        height: number;
        chartArea: { left: number; right: number };
        scales: Record<string, { drawingArea?: number; _pointLabelItems?: { left: number; right: number; top: number; bottom: number }[]; ticks: { label: string | string[] }[] }>;
      };
      const Chart = (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): AnyChart } }).Chart;
      return Array.from(document.querySelectorAll<HTMLCanvasElement>('canvas[data-drawn]')).map((c) => {
        const chart = Chart.getChart(c);
        const radar = chart.config.type === 'radar';
        const r = chart.scales.r;
        const labels = radar
          ? (r._pointLabelItems ?? []).map((_, i) => (r as unknown as { _pointLabels: (string | string[])[] })._pointLabels[i])
          : chart.scales.y.ticks.map((t) => t.label);
        return {
          type: chart.config.type,
          canvasWidth: chart.width,
          canvasHeight: chart.height,
          radius: radar ? (r.drawingArea ?? 0) : null,
          labelsInside: radar ? (r._pointLabelItems ?? []).every((b) => b.left >= 0 && b.right <= chart.width && b.top >= 0 && b.bottom <= chart.height) : true,
          labels: labels.map((l) => (Array.isArray(l) ? l.join(' ') : l)),
          barShare: radar ? null : (chart.chartArea.right - chart.chartArea.left) / chart.width,
        };
      });
    });
    return { context, page, facts: facts as ChartFacts[] };
  }

  it.each([360, 1280])('at %i px the radar is large, and no label is cut or shortened', async (width) => {
    const { context, page, facts } = await chartsAt(width);
    const radar = facts.find((f) => f.type === 'radar')!;
    expect(radar.canvasWidth).toBeGreaterThanOrEqual(300);
    expect(radar.radius).toBeGreaterThanOrEqual(width < 500 ? 95 : 130);
    console.log(`radar at ${width} px: canvas ${radar.canvasWidth}x${radar.canvasHeight}, radius ${Math.round(radar.radius!)} px`);
    expect(radar.labelsInside).toBe(true);
    const bars = facts.filter((f) => f.type === 'bar');
    expect(bars.length).toBeGreaterThan(8);
    for (const f of facts) {
      for (const label of f.labels) {
        expect(label).not.toMatch(/…$/);
        if (f.type === 'radar' || f.labels.length > 7) expect(fullLabels).toContain(label);
      }
    }
    for (const b of bars) expect(b.barShare).toBeGreaterThanOrEqual(0.4);
    await page.locator('.chart-radar').scrollIntoViewIfNeeded();
    await screenshot(page, `report-radar-${width}`, false);
    await page.locator('canvas[data-chart]').nth(1).scrollIntoViewIfNeeded();
    await screenshot(page, `report-bars-${width}`, false);
    await context.close();
  });
});
