import { formThemes, respondentTitle, type Questionnaire } from '../domain/questionnaire';
import type { ActionStatus } from '../domain/actions';
import type { Repositories, RoundRecord } from '../db';
import type { ActionService } from './actions';
import { ConflictError, NotFoundError } from './errors';
import type { ResultsService } from './results';
import type { RoundService } from './rounds';
import type { Clock } from './runtime';

/** One theme's score as the people who answered see it: its plain title, score and band. */
export interface PublicThemeScore {
  themeId: string;
  title: string;
  /** null: not shown (too few people scored it) */
  score: number | null;
  band: string | null;
  bandText: string | null;
}

/** The "you said, we did" page: only what the report shows without comments, in the respondents' words. */
export interface PublicResults {
  round: { name: string; linkToken: string };
  organisationName: string;
  minGroupSize: number;
  total: number;
  /** fewer than the minimum answered: only the count is shown */
  belowMinimum: boolean;
  strongest: PublicThemeScore[];
  weakest: PublicThemeScore[];
  flags: { title: string; description: string; themes: string[] }[];
  themes: PublicThemeScore[];
  /** groups exactly as the report shows them (never one hidden there) */
  groups: { label: string; themes: { score: number | null; band: string | null }[] }[];
  actions: { theme: string; what: string; lead: string; dueOn: string; status: ActionStatus; statusLabel: string; note: string }[];
  publishedAt: number;
}

/**
 * Publishing a closed round's results to the people who answered ("you said, we did").
 * The page is built only from the report without comments, so it can show nothing the report hides.
 */
export function resultsPageService(deps: {
  repos: Repositories;
  rounds: RoundService;
  results: ResultsService;
  actions: ActionService;
  clock: Clock;
  isClosed: (round: RoundRecord, now: number) => boolean;
}) {
  const { repos, rounds, results, actions, clock, isClosed } = deps;
  const closed = (round: RoundRecord) => isClosed(round, clock.now());

  /** Plain titles of the round's themes, by id, in the wording given. */
  const plainTitles = (round: RoundRecord, texts: Questionnaire) =>
    new Map(formThemes(texts, round.form).map(({ theme }) => [theme.id, respondentTitle(theme)] as const));

  return {
    /** When published, or null; a reopened round's page is not shown until it closes again, but stays published. */
    publishedAt: (round: RoundRecord) => repos.publishedResults.publishedAt(round.id),
    /** Whether the round may be published now: closed, and any grace period over. */
    canPublish: (round: RoundRecord) => closed(round),
    /** Whether people following the round's link can read its results page now. */
    isVisible: (round: RoundRecord) => closed(round) && repos.publishedResults.publishedAt(round.id) !== null,
    publish(round: RoundRecord): void {
      if (!closed(round)) {
        throw new ConflictError('Close the round before publishing its results: while it is open (or people who had started can still send answers), the results can still change.');
      }
      repos.publishedResults.publish(round.id, clock.now());
    },
    unpublish: (round: RoundRecord) => repos.publishedResults.unpublish(round.id),

    /**
     * The page, or NotFoundError when it is not published (or the round is not closed). `texts`:
     * the questionnaire in the reader's wording (same ids); theme, band and flag words come from it.
     */
    forRespondents(round: RoundRecord, texts: Questionnaire = rounds.questionnaireFor(round)): PublicResults {
      const publishedAt = repos.publishedResults.publishedAt(round.id);
      if (publishedAt === null || !closed(round)) throw new NotFoundError('The results of this round have not been published.');
      // Same suppression as every other output: the one results service, with no comments at all.
      const report = results.forRound(round.id, { comments: 'none' });
      const titles = plainTitles(round, texts);
      const bandLabel = (id: string, fallback: string) => texts.bands.find((b) => b.id === id)?.label ?? fallback;
      const bandText = (themeId: string, id: string, fallback: string) => texts.themes.find((t) => t.id === themeId)?.bandText[id] ?? fallback;
      const flagText = (id: string) => texts.flags.find((f) => f.id === id);
      const roleLabel = (id: string, fallback: string) => texts.roles.find((r) => r.id === id)?.label ?? fallback;
      const title = (themeId: string, fallback: string) => titles.get(themeId) ?? fallback;
      const overall = report.overall?.themes ?? [];
      const themeScore = (t: (typeof overall)[number]): PublicThemeScore => ({
        themeId: t.themeId,
        title: title(t.themeId, t.title),
        score: t.shown ? t.mean : null,
        band: t.shown && t.band ? bandLabel(t.band.id, t.band.label) : null,
        bandText: t.shown && t.band ? bandText(t.themeId, t.band.id, t.band.text) : null,
      });
      const summary = report.summary;
      return {
        round: { name: round.name, linkToken: round.linkToken },
        organisationName: report.organisationName,
        minGroupSize: report.minGroupSize,
        total: report.total,
        belowMinimum: report.belowMinimum || report.overall === null,
        strongest: summary ? summary.strongest.map(themeScore) : [],
        weakest: summary ? summary.weakest.map(themeScore) : [],
        flags: summary
          ? summary.raised.map((f) => ({
              title: flagText(f.id)?.title ?? f.title,
              description: flagText(f.id)?.description ?? f.description,
              themes: [...f.themes.map((t) => title(t.themeId, t.title)), ...(f.moreThemes > 0 ? [`${f.moreThemes} more`] : [])],
            }))
          : [],
        themes: overall.map(themeScore),
        groups: report.overall
          ? report.groups.map((g) => ({
              // A round's own role label (changed by an admin) is kept; the questionnaire's is worded.
              label: g.label === rounds.questionnaireFor(round).roles.find((r) => r.id === g.roleId)?.label ? roleLabel(g.roleId, g.label) : g.label,
              themes: g.result.themes.map((t) => ({ score: t.shown ? t.mean : null, band: t.shown && t.band ? bandLabel(t.band.id, t.band.label) : null })),
            }))
          : [],
        actions: actions.list(round).map((a) => ({
          theme: title(a.themeId, a.themeTitle),
          what: a.what,
          lead: a.lead,
          dueOn: a.dueOn,
          // The page words the status in its own language (catalogue results.status); the label is English.
          status: a.status,
          statusLabel: a.statusLabel,
          note: a.note,
        })),
        publishedAt,
      };
    },
  };
}
export type ResultsPageService = ReturnType<typeof resultsPageService>;
