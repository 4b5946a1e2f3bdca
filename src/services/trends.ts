import type { CellDisclosure } from '../domain/anonymity';
import { formThemes, isScored, itemOptions, type Answers } from '../domain/questionnaire';
import { compareRounds, EVERYONE, TrendRefusal, type TrendCell, type TrendChange, type TrendComparison, type TrendRoundInput } from '../domain/trends';
import { planThemes, type TrendItem } from '../domain/trend-items';
import { recomputeThemes, type SubsetThemeCells } from '../domain/trend-subsets';
import type { ThemeResult } from '../domain/rubric';
import type { OrganisationRecord, RoundRecord, TrendAnswersRepository } from '../db';
import { displayScore } from '../domain/rubric';
import { toCsv } from './csv';
import { ValidationError } from './errors';
import type { ActionService, ActionView } from './actions';
import type { ResultsService, RoundReport } from './results';
import { roundAvailability, type RoundService } from './rounds';
import type { Clock } from './runtime';

/** More rounds than this make a chart nobody can read. */
export const MAX_TREND_ROUNDS = 10;

/** A round offered for comparison on the trends page. */
export type TrendCandidate = { id: number; name: string; status: RoundRecord['status']; mode: RoundRecord['mode']; questionnaire: string; questionnaireTitle: string; questionnaireVersion: number; form: string; selected: boolean };

export type TrendsResult =
  | {
      ok: true;
      organisation: OrganisationRecord;
      candidates: TrendCandidate[];
      comparison: TrendComparison;
      minGroupSizes: number[];
      /** each compared round's action plan, in round order, so a board sees what was agreed beside what moved */
      actions: { roundId: number; actions: ActionView[] }[];
    }
  /** a comparison that cannot be made (too few rounds chosen, too few shared questions): the page says why */
  | { ok: false; reason: 'tooFew' | 'refused'; organisation: OrganisationRecord; candidates: TrendCandidate[]; message: string; code: TrendRefusalCode };

/** Which refusal, for pages in any language: no default choice, too few rounds chosen, too few shared questions. */
export type TrendRefusalCode = 'noDefault' | 'tooFewRounds' | 'tooFewShared';

/** Oldest first: by opening time where set, else creation, then id. */
const byAge = (a: RoundRecord, b: RoundRecord) => (a.opensAt ?? a.createdAt) - (b.opensAt ?? b.createdAt) || a.createdAt - b.createdAt || a.id - b.id;

const cell = (t: ThemeResult | undefined): TrendCell | null =>
  t && t.shown && t.n !== null && t.mean !== null ? { n: t.n, mean: t.mean, sd: t.sd, ci95: t.ci95 } : null;

/**
 * A round as its published report shows it, and nothing more: the trend is made only of figures
 * that `results.forRound` publishes (with every suppression applied), never of answers.
 */
export function trendInput(report: RoundReport, items: Map<string, TrendItem[]>): TrendRoundInput {
  const overall = report.overall;
  return {
    roundId: report.round.id,
    name: report.round.name,
    questionnaireId: report.questionnaire.id,
    questionnaireVersion: report.questionnaire.version,
    form: report.round.form,
    published: overall !== null,
    total: report.total,
    roles: report.roles.map((r) => ({ roleId: r.roleId, label: r.label })),
    themes: [...items.entries()].map(([themeId, themeItems]) => {
      const o = overall?.themes.find((t) => t.themeId === themeId);
      return {
        themeId,
        title: o?.title ?? report.themes.find((t) => t.themeId === themeId)?.title ?? themeId,
        items: themeItems,
        overall: cell(o),
        groups: Object.fromEntries(report.groups.map((g) => [g.roleId, cell(g.result.themes.find((t) => t.themeId === themeId))])),
      };
    }),
    flags: report.flags.flatMap((f) =>
      f.status === 'notInForm' ? [] : [{ flagId: f.id, title: f.title, themeId: f.themeId, status: f.status === 'notEnoughPeople' ? ('notEnough' as const) : f.status }],
    ),
  };
}

/** What a round's report shows of each theme (everyone; the groups), for the recomputation to stay within. */
function reportDisclosure(report: RoundReport): Record<string, CellDisclosure> {
  const out: Record<string, CellDisclosure> = {};
  for (const t of report.overall?.themes ?? []) {
    out[t.themeId] = t.shown
      ? { overall: true, roles: report.groups.filter((g) => g.result.themes.some((x) => x.themeId === t.themeId && x.shown)).map((g) => g.roleId) }
      : { overall: false, roles: [] };
  }
  return out;
}

/**
 * Year on year for an organisation: its rounds compared. Themes with the same questions in every
 * round come from the rounds' published reports; themes whose questions changed are recomputed on
 * the shared questions from the released answers (see domain/trend-subsets.ts).
 */
export function trendsService({
  rounds,
  results,
  actions,
  answers,
  clock,
}: {
  rounds: RoundService;
  results: ResultsService;
  actions: ActionService;
  answers: TrendAnswersRepository;
  clock: Clock;
}) {
  /** Closed by hand, or its closing time has passed (its report then publishes everything). */
  const isClosed = (r: RoundRecord) => roundAvailability(r, clock.now()).state === 'closed';

  /** The scored items of each theme in the round's form: the questionnaire's definition, not data. */
  const themeItems = (round: RoundRecord) => {
    const q = rounds.questionnaireFor(round);
    return {
      title: q.title,
      items: new Map(
        formThemes(q, round.form).map(({ theme, items }) => [
          theme.id,
          items.filter(isScored).map((i): TrendItem => ({ id: i.id, text: i.text, scale: `${i.kind}:${itemOptions(q, i).length}` })),
        ]),
      ),
    };
  };

  /**
   * The themes in `shared` recomputed for one round on the shared questions, from its released
   * answers (none while its report publishes nothing), within what its report shows.
   */
  const recompute = (round: RoundRecord, report: RoundReport, shared: Map<string, Set<string>>): Map<string, SubsetThemeCells> => {
    if (report.overall === null) return new Map([...shared.keys()].map((id) => [id, { overall: null, groups: {} }]));
    const q = rounds.questionnaireFor(round);
    // Every scored question of those themes in the round's form: the guard needs the left-out ones too.
    const itemIds = formThemes(q, round.form).flatMap(({ theme, items }) => (shared.has(theme.id) ? items.filter(isScored).map((i) => i.id) : []));
    const respondents = answers.respondents(round.id, itemIds).map((r) => ({
      role: r.role,
      answers: Object.fromEntries(r.answers.map((a) => [a.itemId, a.value === null ? { type: 'dontKnow' } : { type: 'choice', value: a.value }])) as Answers,
    }));
    return recomputeThemes(
      { questionnaire: q, form: round.form, minGroupSize: round.minGroupSize, roles: round.roles.map((r) => r.id), respondents, report: reportDisclosure(report) },
      shared,
    );
  };

  /**
   * The default choice: closed survey rounds of the questionnaire (and form) of the latest closed
   * survey round, so that the default comparison is one that can be made.
   */
  const defaults = (all: RoundRecord[]): RoundRecord[] => {
    const closed = all.filter((r) => isClosed(r) && r.mode === 'survey');
    if (closed.length === 0) return [];
    const latest = closed[closed.length - 1];
    return closed.filter((r) => r.questionnaireId === latest.questionnaireId && r.form === latest.form);
  };

  const service = {
    /**
     * Compares the organisation's rounds `roundIds` (null: the default choice), oldest first;
     * with `closedOnly` (a board's share link), among its closed rounds only.
     * @throws ValidationError when a chosen id is not one of the organisation's rounds, or too many are chosen
     */
    forOrganisation(organisation: OrganisationRecord, roundIds: number[] | null, options: { closedOnly?: boolean } = {}): TrendsResult {
      // A board's share link covers closed rounds only: an open or draft round is still the admins' business.
      const all = rounds
        .listByOrganisation(organisation.id)
        .filter((r) => !options.closedOnly || isClosed(r))
        .sort(byAge);
      if (roundIds !== null) {
        const unknown = roundIds.filter((id) => !all.some((r) => r.id === id));
        if (unknown.length > 0) {
          throw new ValidationError(
            options.closedOnly
              ? `Not a closed round of this organisation: ${unknown.join(', ')}. Choose from the rounds listed on the page.`
              : `Not a round of this organisation: ${unknown.join(', ')}. Choose from the organisation's own rounds.`,
          );
        }
        if (roundIds.length > MAX_TREND_ROUNDS) throw new ValidationError(`Choose at most ${MAX_TREND_ROUNDS} rounds to compare.`);
      }
      const chosen = roundIds === null ? defaults(all) : all.filter((r) => roundIds.includes(r.id));
      const candidates = all.map((r) => ({
        id: r.id,
        name: r.name,
        status: r.status,
        mode: r.mode,
        questionnaire: `${themeItems(r).title} (version ${r.questionnaireVersion})`,
        questionnaireTitle: themeItems(r).title,
        questionnaireVersion: r.questionnaireVersion,
        form: r.form,
        selected: chosen.some((c) => c.id === r.id),
      }));
      if (chosen.length < 2) {
        const message =
          roundIds === null
            ? 'This organisation has fewer than two closed survey rounds of one questionnaire, so there is nothing to compare yet. Choose two or more rounds below.'
            : 'Choose at least two rounds to compare.';
        return { ok: false, reason: 'tooFew', organisation, candidates, message, code: roundIds === null ? 'noDefault' : 'tooFewRounds' };
      }
      const reports = chosen.map((r) => results.forRound(r.id));
      const inputs = reports.map((report, i) => trendInput(report, themeItems(chosen[i]).items));
      const shared = new Map(planThemes(inputs).flatMap((p) => (p.basis === 'shared' ? [[p.themeId, new Set(p.shared.map((i) => i.id))] as const] : [])));
      const recomputed = new Map<string, SubsetThemeCells[]>();
      if (shared.size > 0) {
        const perRound = chosen.map((round, i) => recompute(round, reports[i], shared));
        for (const themeId of shared.keys()) recomputed.set(themeId, perRound.map((m) => m.get(themeId) ?? { overall: null, groups: {} }));
      }
      try {
        const comparison = compareRounds(inputs, recomputed);
        return {
          ok: true,
          organisation,
          candidates,
          comparison,
          minGroupSizes: reports.map((r) => r.minGroupSize),
          actions: chosen.map((r) => ({ roundId: r.id, actions: actions.list(r) })),
        };
      } catch (err) {
        if (err instanceof TrendRefusal) return { ok: false, reason: 'refused', organisation, candidates, message: err.message, code: err.code };
        throw err;
      }
    },

    /**
     * The change of each theme since the previous closed survey round of the same questionnaire
     * and form (the board summary's "change since the last round"), or why there is none.
     */
    sinceLast(organisation: OrganisationRecord, round: RoundRecord): SinceLast {
      const all = rounds.listByOrganisation(organisation.id).sort(byAge);
      const at = all.findIndex((r) => r.id === round.id);
      const previous = all
        .slice(0, Math.max(at, 0))
        .filter((r) => isClosed(r) && r.mode === 'survey' && r.questionnaireId === round.questionnaireId && r.form === round.form)
        .pop();
      if (!previous) return { previous: null, message: 'There is no earlier closed round of this questionnaire to compare with, so no change is shown.' };
      const result = service.forOrganisation(organisation, [previous.id, round.id]);
      if (!result.ok) return { previous: { id: previous.id, name: previous.name }, message: result.message, code: result.code, themes: new Map() };
      return {
        previous: { id: previous.id, name: previous.name },
        message: null,
        code: null,
        themes: new Map(
          result.comparison.themes.map((t) => [
            t.themeId,
            { comparable: t.comparable, reason: t.reason, shared: t.basis === 'shared', everyone: t.changes.find((c) => c.groupId === EVERYONE) ?? null },
          ]),
        ),
      };
    },
  };
  return service;
}

/** Change since the previous round, per theme (everyone together); `message` says why there is none. */
export type SinceLast =
  | { previous: null; message: string }
  | {
      previous: { id: number; name: string };
      message: string | null;
      /** why no change is shown, for pages in any language; null with a comparison */
      code: TrendRefusalCode | null;
      /** `shared`: recomputed on the questions both rounds ask (a new version), so `everyone` may differ from this report's score */
      themes: Map<string, { comparable: boolean; reason: string | null; shared: boolean; everyone: TrendChange | null }>;
    };
export type TrendsService = ReturnType<typeof trendsService>;

const round1 = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);
const VERDICTS = { larger: 'larger than the noise', within: 'within the noise', untestable: 'cannot be judged' } as const;

/**
 * The comparison as CSV: one row per theme, group and round, as the page shows it (scores cut to
 * one decimal like every score; the change from the previous round where the group is shown in
 * both). Groups not shown in a round say so and nothing else. A theme recomputed on shared
 * questions says so in the note of each of its rows. Questions added and dropped between rounds
 * follow, a row each.
 */
export function trendsCsv(organisationName: string, comparison: TrendComparison): { filename: string; body: string } {
  const header = ['theme', 'group', 'round', 'respondents', 'mean', 'ci95_low', 'ci95_high', 'change_from_previous', 'p_value', 'verdict', 'note'];
  const rows: (string | number | null)[][] = [];
  for (const theme of comparison.themes) {
    if (!theme.comparable) {
      rows.push([theme.title, null, null, null, null, null, null, null, null, null, theme.reason]);
      continue;
    }
    for (const s of theme.series) {
      s.points.forEach((p, i) => {
        const round = comparison.rounds[i];
        if (!p) {
          rows.push([theme.title, s.label, round.name, null, null, null, null, null, null, null, ['Not shown, to protect anonymity', theme.note].filter(Boolean).join('. ')]);
          return;
        }
        const change = theme.changes.find((c) => c.groupId === s.groupId && c.toRoundId === round.roundId);
        rows.push([
          theme.title,
          s.label,
          round.name,
          p.n,
          displayScore(p.mean),
          round1(p.ci95?.low),
          round1(p.ci95?.high),
          change ? round1(change.difference) : null,
          change?.welch ? Number(change.welch.p.toFixed(4)) : null,
          change ? VERDICTS[change.verdict] : null,
          theme.note ?? '',
        ]);
      });
    }
  }
  // Questions added and dropped between consecutive rounds, one row each, after the figures.
  const name = (id: number) => comparison.rounds.find((r) => r.roundId === id)?.name ?? String(id);
  const themeTitle = (id: string) => comparison.themes.find((t) => t.themeId === id)?.title ?? id;
  for (const change of comparison.itemChanges) {
    for (const [kind, list] of [['added', change.added], ['dropped', change.dropped]] as const) {
      for (const item of list) {
        rows.push([themeTitle(item.themeId), null, name(change.toRoundId), null, null, null, null, null, null, null, `Question ${kind} since “${name(change.fromRoundId)}”: ${item.text} (${item.id})`]);
      }
    }
  }
  const slug = organisationName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  return { filename: `powershare-${slug || 'organisation'}-trends.csv`, body: toCsv(header, rows) };
}
