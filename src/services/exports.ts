import { formItems, isScored } from '../domain/questionnaire';
import type { Repositories } from '../db';
import { ConflictError } from './errors';
import type { ResultsService } from './results';
import type { RoundService } from './rounds';
import { csvChunks, PAUSE, toCsv, type CsvRow } from './csv';

const NOT_SHOWN = 'Not shown, to protect anonymity';
/** Responses read per page of the answers export (about 40 answers each). */
const EXPORT_PAGE_RESPONSES = 250;
/** The order of String#localeCompare (the same collation), many times faster on 20,000 rows. */
const byContent = new Intl.Collator();
const round1 = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);

/** CSV files built from the same results as the report, so suppression is identical. */
export function exportService({ repos, rounds, results }: { repos: Repositories; rounds: RoundService; results: ResultsService }) {
  const service = {
    /** One row per theme and group, as the report shows them; hidden groups say "not shown" and nothing else. */
    resultsCsv(roundId: number): { filename: string; body: string } {
      const report = results.forRound(roundId);
      const header = ['theme', 'group', 'respondents', 'mean', 'ci95_low', 'ci95_high', 'band', 'dont_know_answers', 'note'];
      const rows: (string | number | null)[][] = [];
      if (report.belowMinimum) {
        rows.push(['All themes', 'Everyone', report.total, null, null, null, null, null,
          `Fewer than ${report.minGroupSize} people answered, so only the count is shown`]);
      }
      for (const theme of report.themes) {
        const o = theme.overall;
        if (o.n === 0) {
          rows.push([theme.title, 'Everyone', null, null, null, null, null, null, NOT_SHOWN]);
        } else {
          rows.push([theme.title, 'Everyone', o.n, round1(o.mean), round1(o.ci95?.low), round1(o.ci95?.high), o.band?.label ?? null, o.dontKnow, '']);
        }
        for (const role of report.roles) {
          const group = report.groups.find((g) => g.roleId === role.roleId);
          const t = group?.result.themes.find((x) => x.themeId === theme.themeId);
          if (!group || !t || t.n === 0) {
            rows.push([theme.title, role.label, null, null, null, null, null, null, NOT_SHOWN]);
            continue;
          }
          rows.push([theme.title, role.label, t.n, round1(t.mean), round1(t.ci95?.low), round1(t.ci95?.high), t.band?.label ?? null, t.dontKnow, '']);
        }
      }
      return { filename: fileName(report.organisationName, report.round.name, 'results'), body: toCsv(header, rows) };
    },

    /**
     * One row per response, with roles that are not shown merged into "other" and no dates or
     * comments. Rows are sorted by content, so their order says nothing about when anyone answered.
     */
    answersCsv(roundId: number): { filename: string; body: string } {
      const file = answersExport(roundId);
      return { filename: file.filename, body: toCsv(file.header, file.rows) };
    },

    /**
     * The same file, for sending: chunks of text with a turn for other requests between them,
     * so 20,000 responses never hold up respondents. Refusals (too few answers) are thrown here,
     * before anything is sent.
     */
    answersCsvStream(roundId: number): { filename: string; chunks: AsyncGenerator<string> } {
      const file = answersExport(roundId);
      return { filename: file.filename, chunks: csvChunks(file.header, file.rows) };
    },
  };

  /** The answers export: checks first, then a generator of its rows that PAUSEs between pages of work. */
  function answersExport(roundId: number): { filename: string; header: string[]; rows: Generator<CsvRow | typeof PAUSE> } {
    const round = rounds.get(roundId);
    const q = rounds.questionnaireFor(round);
    // The same counts decision as the report and the round page; no need to build the report.
    const counts = rounds.visibleResponseCounts(roundId);
    if (counts.total < round.minGroupSize) {
      throw new ConflictError(`The answers can be exported once at least ${round.minGroupSize} people have answered.`);
    }
    const labelOf = new Map(counts.rows.filter((r) => r.n !== null).map((r) => [r.roleId, r.label] as const));
    const items = formItems(q, round.form).filter(isScored);
    const column = new Map(items.map((item, i) => [item.id, i] as const));

    function* answerRows(): Generator<CsvRow | typeof PAUSE> {
      // Each row with its sort key, computed once (the comparator used to stringify both rows every time).
      const body: { key: string; row: CsvRow }[] = [];
      // A page of responses and their answers at a time; nothing stays open between pages.
      for (let after = 0; ; ) {
        const page = repos.results.responsesPage(roundId, after, EXPORT_PAGE_RESPONSES);
        if (page.length === 0) break;
        const rows = new Map<number, { role: string; values: (string | number | null)[] }>();
        for (const r of page) {
          rows.set(r.id, { role: labelOf.get(r.role) ?? 'Other', values: items.map(() => null) });
        }
        for (const a of repos.results.answersBetween(roundId, page[0].id, page[page.length - 1].id)) {
          const i = column.get(a.itemId);
          const row = rows.get(a.responseId);
          if (i !== undefined && row) row.values[i] = a.value === null ? 'dont_know' : a.value;
        }
        for (const r of rows.values()) {
          const row = [r.role, ...r.values];
          body.push({ key: JSON.stringify(row), row });
        }
        after = page[page.length - 1].id;
        yield PAUSE;
      }
      body.sort((a, b) => byContent.compare(a.key, b.key));
      yield PAUSE;
      for (const { row } of body) yield row;
    }

    return {
      filename: fileName(repos.organisations.findById(round.organisationId)?.name ?? '', round.name, 'answers'),
      header: ['role', ...items.map((i) => i.id)],
      rows: answerRows(),
    };
  }

  return service;
}
export type ExportService = ReturnType<typeof exportService>;

function fileName(organisation: string, round: string, what: string): string {
  const slug = `${organisation}-${round}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  return `powershare-${slug || 'round'}-${what}.csv`;
}

