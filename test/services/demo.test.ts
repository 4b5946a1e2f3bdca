import { testConfig } from '../../src/config';
import { migrate, openDatabase } from '../../src/db';
import { createServices } from '../../src/services';
import { generateDemo, type DemoSummary } from '../../src/services/demo';

/** Builds the demo into a fresh in-memory database; returns its summary and every round's report. */
async function build() {
  const config = testConfig();
  const db = openDatabase(':memory:');
  migrate(db);
  const progress: string[] = [];
  const summary = await generateDemo(db, config, { onProgress: (line) => progress.push(line) });
  // Reports read with a fixed clock, so `generatedAt` is the same in both runs.
  const services = createServices({ db, config, clock: { now: () => Date.UTC(2026, 5, 1) } });
  const reports = summary.rounds.map((r) => services.results.forRound(r.id, { comments: 'visible' }));
  const trends = services.trends.forOrganisation(services.organisations.get(summary.organisationId), null, { closedOnly: true });
  db.close();
  return { summary, reports, trends, progress };
}

type Built = Awaited<ReturnType<typeof build>>;
let first: Built;
let second: Built;
beforeAll(async () => {
  first = await build();
  second = await build();
}, 60_000);

const byName = (b: Built, name: string) => b.reports[b.summary.rounds.findIndex((r) => r.name === name)];
const theme = (report: Built['reports'][number], group: string, themeId: string) =>
  report.themes.find((t) => t.themeId === themeId)?.groups.find((g) => g.roleId === group)?.mean ?? null;

describe('the demo', () => {
  it('is the same every run: every report, to the figure', () => {
    // Comment ids are random by design (src/db/responses.ts: they must not reveal the order of answers).
    const figures = (b: Built) => JSON.stringify(b.reports).replace(/"id":"[0-9a-f]{24}"/g, '"id":"comment"');
    expect(figures(second)).toBe(figures(first));
    expect(JSON.stringify(second.trends)).toBe(JSON.stringify(first.trends));
    expect(second.summary).toEqual(first.summary);
  });

  it('has three closed yearly surveys and two closed workshops, about 400 responses, comments and actions', () => {
    const s: DemoSummary = first.summary;
    expect(s.rounds.filter((r) => r.mode === 'survey')).toHaveLength(3);
    expect(s.rounds.filter((r) => r.mode === 'workshop')).toHaveLength(2);
    expect(first.reports.every((r) => r.round.status === 'closed')).toBe(true);
    expect(s.responses).toBe(400);
    expect(s.comments).toBeGreaterThan(20);
    expect(s.actions).toBe(8);
  });

  it('shows progress round by round, ending at the total', () => {
    expect(first.progress).toHaveLength(5);
    expect(first.progress[0]).toMatch(/\[110\/400\] Annual check 2024: 110 responses, 5 actions/);
    expect(first.progress[4]).toMatch(/\[400\/400\] Annual check 2026/);
  });

  it('refuses to fill a database that already has data', async () => {
    const db = openDatabase(':memory:');
    migrate(db);
    await generateDemo(db, testConfig());
    await expect(generateDemo(db, testConfig())).rejects.toThrow(/not empty.*Delete it/);
    db.close();
  }, 30_000);

  it('tells the story: consultation flag in 2024, not in 2026; staff above lived experience; small groups hidden', () => {
    const flag = (name: string) => byName(first, name).flags.find((f) => f.id === 'consultation-not-coproduction')?.status;
    expect(flag('Annual check 2024')).toBe('raised');
    expect(flag('Annual check 2026')).toBe('notRaised');
    // The gap narrows on co-production (worked on) and not on leadership.
    const gap = (name: string, t: string) => theme(byName(first, name), 'staff', t)! - theme(byName(first, name), 'lived', t)!;
    expect(gap('Annual check 2026', 'coproduction')).toBeLessThan(gap('Annual check 2024', 'coproduction') - 10);
    expect(gap('Annual check 2026', 'leadership')).toBeGreaterThan(gap('Annual check 2024', 'leadership') - 5);
    for (const name of ['Annual check 2024', 'Annual check 2025', 'Annual check 2026']) {
      const report = byName(first, name);
      for (const t of ['coproduction', 'leadership', 'power-risk']) expect(theme(report, 'staff', t)!).toBeGreaterThan(theme(report, 'lived', t)!);
      expect(report.roles.find((r) => r.roleId === 'unsaid')?.n).toBeNull();
    }
    expect(byName(first, 'Annual check 2024').roles.find((r) => r.roleId === 'board')?.n).toBeNull();
  });
});

