/** The table `npm run bench` prints, and the aims beside each figure (reported, never enforced). */

export interface Row {
  scenario: string;
  /** requests a second */
  rps: number;
  p50: number;
  p99: number;
  /** connection errors and timeouts */
  errors: number;
  /** answers with another status than expected */
  unexpected: number;
  /** server RSS after the scenario, MB */
  rssMb: number | null;
  /** the server's high-water mark (VmHWM) after the scenario: the most it was resident at any moment so far, MB */
  highWaterMb?: number | null;
  /** the baseline row this one is compared with */
  baseline?: string;
  /** rps / the baseline's rps */
  ratio?: number;
  aim?: string;
  met?: boolean;
  /** the server's CPU time per answered request, µs */
  cpuUs?: number;
  /** the baseline's cpuUs / this row's: like `ratio`, but moved less by the machine's load */
  cpuRatio?: number;
  /** what was checked besides speed (rows stored, statuses) */
  check?: string;
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const ms = (x: number | null) => (x === null || Number.isNaN(x) ? '' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));

export function formatTable(rows: Row[]): string {
  const head = `${pad('scenario', 44)} ${lpad('req/s', 8)} ${lpad('p50 ms', 7)} ${lpad('p99 ms', 7)} ${lpad('err', 4)} ${lpad('bad', 4)} ${lpad('RSS MB', 7)} ${lpad('ratio', 6)}  aim`;
  const lines = rows.map((r) => {
    const aim = r.aim ? `${r.aim}: ${r.met ? 'met' : 'NOT MET'}` : '';
    return `${pad(r.scenario, 44)} ${lpad(r.rps.toFixed(0), 8)} ${lpad(ms(r.p50), 7)} ${lpad(ms(r.p99), 7)} ${lpad(String(r.errors), 4)} ${lpad(String(r.unexpected), 4)} ${lpad(r.rssMb === null ? '' : r.rssMb.toFixed(0), 7)} ${lpad(r.ratio === undefined ? '' : r.ratio.toFixed(2), 6)}  ${aim}`;
  });
  return [head, '-'.repeat(head.length + 20), ...lines].join('\n');
}

/** "+12%" style changes against an earlier run's rows of the same name. */
export function compareRuns(now: Row[], before: Row[]): string[] {
  const old = new Map(before.map((r) => [r.scenario, r] as const));
  return now.flatMap((r) => {
    const o = old.get(r.scenario);
    if (!o || o.rps === 0) return [];
    const change = (r.rps / o.rps - 1) * 100;
    return [`${pad(r.scenario, 44)} req/s ${o.rps.toFixed(0)} -> ${r.rps.toFixed(0)} (${change >= 0 ? '+' : ''}${change.toFixed(0)}%), p50 ${ms(o.p50)} -> ${ms(r.p50)} ms`];
  });
}
