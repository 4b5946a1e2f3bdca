import { formItems, isScored, itemOptions } from '../domain/questionnaire';
import { displayScore } from '../domain/rubric';
import type { Repositories } from '../db';
import { ConflictError } from './errors';
import type { ResultsService } from './results';
import type { ReleaseService } from './release';
import type { RoundService } from './rounds';
import { csvChunks, PAUSE, toCsv, type CsvRow } from './csv';

const NOT_SHOWN = 'Not shown, to protect anonymity';
/** Responses read per page of the answers export (about 40 answers each). */
const EXPORT_PAGE_RESPONSES = 250;
/** The order of String#localeCompare (the same collation), many times faster on 20,000 rows. */
const byContent = new Intl.Collator();
const round1 = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);
/** What the answers export writes in a cell the report withholds for that row's group. */
export const NOT_SHOWN_CELL = 'not_shown';

/** CSV files built from the same results as the report, so suppression is identical. */
export function exportService({ repos, rounds, results, release }: { repos: Repositories; rounds: RoundService; results: ResultsService; release: ReleaseService }) {
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
        if (!o.shown) {
          rows.push([theme.title, 'Everyone', null, null, null, null, null, null, NOT_SHOWN]);
        } else {
          rows.push([theme.title, 'Everyone', o.n, displayScore(o.mean), round1(o.ci95?.low), round1(o.ci95?.high), o.band?.label ?? null, o.dontKnow, '']);
        }
        for (const role of report.roles) {
          const group = report.groups.find((g) => g.roleId === role.roleId);
          const t = group?.result.themes.find((x) => x.themeId === theme.themeId);
          if (!group || !t || !t.shown) {
            rows.push([theme.title, role.label, null, null, null, null, null, null, NOT_SHOWN]);
            continue;
          }
          rows.push([theme.title, role.label, t.n, displayScore(t.mean), round1(t.ci95?.low), round1(t.ci95?.high), t.band?.label ?? null, t.dontKnow, '']);
        }
      }
      return { filename: fileName(report.organisationName, report.round.name, 'results'), body: toCsv(header, rows) };
    },

    /**
     * One row per response, with roles that are not shown merged into "Other" and no dates or
     * comments. Rows are sorted by content, so their order says nothing about when anyone answered.
     *
     * A group's answers to a question appear only where the report shows that group's answers to
     * it (at least k of the group answered it, see `decideDisclosure`); elsewhere every row of the
     * group says "not_shown" in that column, whether or not that person answered. "Other" is held
     * to the same minimum per question. So no column ties fewer than k people's answers to a group.
     */
    answersCsv(roundId: number): { filename: string; body: string } {
      const file = answersExport(roundId);
      return { filename: file.filename, body: toCsv(file.header, file.rows) };
    },

    /**
     * The data dictionary of the answers export: one row per column and code, built from the
     * questionnaire definition and the round's form, so an analyst can read the answers CSV in R,
     * Python or a spreadsheet without the questionnaire beside it. It holds no answers, so it is
     * the same before and after anyone answers.
     */
    answersDictionaryCsv(roundId: number): { filename: string; body: string } {
      const round = rounds.get(roundId);
      const q = rounds.questionnaireFor(round);
      const themeTitle = new Map(q.themes.map((t) => [t.id, t.title] as const));
      const header = ['column', 'question', 'theme_id', 'theme', 'kind', 'code', 'meaning'];
      const rows: (string | number | null)[][] = [];
      const roleText = 'The group the person chose (groups too small to show are merged into "Other")';
      for (const role of round.roles) rows.push(['role', roleText, null, null, 'role', role.label, `${role.label} (role id ${role.id})`]);
      rows.push(['role', roleText, null, null, 'role', 'Other', 'Groups too small to show on their own, merged']);
      for (const item of formItems(q, round.form).filter(isScored)) {
        const base = [item.id, item.text, item.theme, themeTitle.get(item.theme) ?? item.theme, item.kind] as const;
        const options = itemOptions(q, item);
        for (const o of options) {
          rows.push([...base, o.value, o.value === options.length - 1 ? `${o.label} (highest)` : o.value === 0 ? `${o.label} (lowest)` : o.label]);
        }
        rows.push([...base, 'dont_know', `${q.scale.dontKnowLabel}: answered, but not scored`]);
        rows.push([...base, NOT_SHOWN_CELL, 'Withheld for this group, to protect anonymity (the person may or may not have answered)']);
        rows.push([...base, '', 'No answer (the question was skipped)']);
      }
      const org = repos.organisations.findById(round.organisationId)?.name ?? '';
      return { filename: fileName(org, round.name, 'answers-dictionary'), body: toCsv(header, rows) };
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

  /**
   * The answers export: checks first, then a generator of its rows that PAUSEs between pages of work.
   * Rows are labelled and masked by the same decision as the report, down to each question.
   */
  function answersExport(roundId: number): { filename: string; header: string[]; rows: Generator<CsvRow | typeof PAUSE> } {
    const round = rounds.get(roundId);
    const q = rounds.questionnaireFor(round);
    const disclosure = results.disclosure(roundId);
    const { visibility } = disclosure;
    if (release.status(round).hiddenUntilClose) throw new ConflictError('The answers can be exported once the round closes.');
    if (visibility.belowMinimum) {
      throw new ConflictError(`The answers can be exported once at least ${visibility.minGroupSize} people have answered.`);
    }
    const OTHER = '\u0000other'; // no role id can be this
    const labelOf = (roleId: string) =>
      roleId === OTHER ? 'Other' : (round.roles.find((r) => r.id === roleId)?.label ?? q.roles.find((r) => r.id === roleId)?.label ?? roleId);
    const items = formItems(q, round.form).filter(isScored);
    const column = new Map(items.map((item, i) => [item.id, i] as const));
    const k = visibility.minGroupSize;

    function* answerRows(): Generator<CsvRow | typeof PAUSE> {
      const body: { roleId: string; values: (string | number | null)[] }[] = [];
      // Answers other than "Don't know" in "Other" rows, per question: Other is a group too.
      const otherAnswered = items.map(() => 0);
      // A page of responses and their answers at a time; nothing stays open between pages.
      for (let after = 0; ; ) {
        const page = repos.results.responsesPage(roundId, after, EXPORT_PAGE_RESPONSES);
        if (page.length === 0) break;
        const rows = new Map<number, { roleId: string; values: (string | number | null)[] }>();
        for (const r of page) rows.set(r.id, { roleId: visibility.shown.includes(r.role) ? r.role : OTHER, values: items.map(() => null) });
        for (const a of repos.results.answersBetween(roundId, page[0].id, page[page.length - 1].id)) {
          const i = column.get(a.itemId);
          const row = rows.get(a.responseId);
          if (i === undefined || !row) continue;
          row.values[i] = a.value === null ? 'dont_know' : a.value;
          if (row.roleId === OTHER && a.value !== null) otherAnswered[i]++;
        }
        body.push(...rows.values());
        after = page[page.length - 1].id;
        yield PAUSE;
      }
      // A group's column says not_shown in every row of the group where the report withholds it.
      const cellShown = items.map((item, i) => {
        const cell = disclosure.items[item.id];
        return (roleId: string) =>
          cell?.overall === true && (roleId === OTHER ? otherAnswered[i] === 0 || otherAnswered[i] >= k : cell.roles.includes(roleId));
      });
      // Each row with its sort key, computed once.
      const keyed = body.map((r) => {
        const row: CsvRow = [labelOf(r.roleId), ...r.values.map((v, i) => (cellShown[i](r.roleId) ? v : NOT_SHOWN_CELL))];
        return { key: JSON.stringify(row), row };
      });
      keyed.sort((a, b) => byContent.compare(a.key, b.key));
      yield PAUSE;
      for (const { row } of keyed) yield row;
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

