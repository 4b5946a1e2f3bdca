import type { Questionnaire } from '../domain/questionnaire';
import { formThemes } from '../domain/questionnaire';
import { emptyGroup, type GroupResult, type RoundAggregate, type ThemeResult } from '../domain/rubric';
import type { FlagResult } from '../domain/flags';
import { buildRoundResults, type Disclosure, type RoundResults } from '../domain/round-results';
import type { Repositories, RoundRecord } from '../db';
import { normaliseMinGroupSize, wordingCounts, type WordingCounts } from '../domain/anonymity';
import { answerWayCounts, type AnswerWayCount } from '../domain/answer-ways';
import { NotFoundError } from './errors';
import type { ReleaseService, ReleaseStatus } from './release';
import type { RoundService } from './rounds';
import type { Clock } from './runtime';

/** The default highlight threshold when the questionnaire declares no gap flag. */
const DEFAULT_GAP_THRESHOLD = 15;

export interface RoleCount {
  roleId: string;
  label: string;
  /** null: not shown, to protect a small group */
  n: number | null;
}

export interface GroupThemeScore {
  roleId: string;
  label: string;
  n: number;
  mean: number | null;
  ci95: ThemeResult['ci95'];
  /** part of a gap of at least the threshold on this theme */
  highlighted: boolean;
}

export interface ThemeSection {
  themeId: string;
  title: string;
  description: string;
  overall: ThemeResult;
  groups: GroupThemeScore[];
  /** the largest gap between two shown groups, when it reaches the threshold */
  gap: { a: string; b: string; difference: number } | null;
  flags: FlagResult[];
  comments: { id: string; body: string; hidden: boolean }[];
  /** All the theme's comments; `comments` holds only the first `commentsPerTheme` when that is set. */
  commentCount: number;
}

/** A raised flag for the summary: once per flag, with the themes it was raised on, largest gap first. */
export interface RaisedFlag {
  id: string;
  title: string;
  description: string;
  /** at most {@link SUMMARY_THEMES_PER_FLAG} themes: for gap flags the largest gaps, otherwise in theme order */
  themes: { themeId: string; title: string; difference: number | null }[];
  /** themes it was also raised on, left out of the summary to keep it short (see each theme) */
  moreThemes: number;
}

/** A summary lists a flag on this many themes at most; the rest are counted and shown in each theme. */
export const SUMMARY_THEMES_PER_FLAG = 3;

export interface RoundReport {
  round: RoundRecord;
  organisationName: string;
  questionnaire: { id: string; version: number; title: string };
  generatedAt: number;
  minGroupSize: number;
  gapThreshold: number;
  /** people whose answers are in these results */
  total: number;
  /** answers not in these results yet, and whether the round shows results only once closed */
  release: ReleaseStatus;
  /** everyone who has sent answers: in these results or waiting to join them */
  received: number;
  belowMinimum: boolean;
  roles: RoleCount[];
  overall: GroupResult | null;
  groups: { roleId: string; label: string; result: GroupResult }[];
  themes: ThemeSection[];
  flags: FlagResult[];
  summary: { strongest: ThemeResult[]; weakest: ThemeResult[]; raised: RaisedFlag[] } | null;
  comments: { shown: boolean; count: number; minimum: number };
  /** How many answered in another language than the questionnaire's own, and in Easy Read (whole round, never by role). */
  wordings: WordingCounts;
  /**
   * How many of the people in these results answered online, on paper and with help, small
   * counts withheld (domain/answer-ways.ts); null while the round shows no results (until close).
   */
  answerWays: AnswerWayCount[] | null;
}

export interface ReportOptions {
  /** Comments are included only when asked for (admins; share links that allow them). */
  comments: 'none' | 'visible' | 'all';
  /** At most this many comments a theme (a page links to the rest); every comment when unset; 0: none, their counts only. */
  commentsPerTheme?: number;
}

/** One page of one theme's comments (the report page shows only the first few of each theme). */
export interface CommentPage {
  round: RoundRecord;
  organisationName: string;
  theme: { id: string; title: string; number: number };
  comments: { id: string; body: string; hidden: boolean }[];
  total: number;
  page: number;
  pages: number;
  perPage: number;
}

/**
 * One results service: every output (report page, CSV, JSON API, later the live workshop view
 * and trends) is built from this, so suppression cannot differ between them.
 */
export function resultsService({ repos, rounds, release, clock }: { repos: Repositories; rounds: RoundService; release: ReleaseService; clock: Clock }) {
  /**
   * Per-role aggregates in the shape the rubric works on, from the round's running totals (a few
   * hundred rows whatever the number of responses). The scan over every answer that gives the same
   * rows (repos.responses.countByRole, repos.results.themeMoments and itemCounts) stays as the
   * reference the totals are tested against (test/db/totals.test.ts).
   */
  const readAggregate = (round: RoundRecord, q: Questionnaire): RoundAggregate => {
    const out: RoundAggregate = {};
    const group = (role: string) => (out[role] ??= emptyGroup());
    for (const r of repos.totals.countByRole(round.id)) group(r.role).respondents = r.n;
    for (const m of repos.totals.themeMoments(round.id)) {
      group(m.role).themes[m.themeId] = { n: m.n, sum: m.sum, sumSq: m.sumSq, dontKnow: 0 };
    }
    const themeOf = new Map(q.items.map((i) => [i.id, i.theme] as const));
    const optionCount = new Map(
      q.items.map((i) => [i.id, i.kind === 'practice' ? q.scale.practice.length : i.kind === 'ladder' ? i.options.length : 0] as const),
    );
    for (const c of repos.totals.itemCounts(round.id)) {
      const size = optionCount.get(c.itemId);
      if (!size) continue; // an item no longer in this version: cannot be scored here
      const g = group(c.role);
      const item = (g.items[c.itemId] ??= { counts: new Array<number>(size).fill(0), dontKnow: 0 });
      if (c.value === null) {
        item.dontKnow += c.n;
        const themeId = themeOf.get(c.itemId)!;
        (g.themes[themeId] ??= { n: 0, sum: 0, sumSq: 0, dontKnow: 0 }).dontKnow += c.n;
      } else if (c.value < size) item.counts[c.value] += c.n;
    }
    return out;
  };

  /**
   * The aggregates last read, by round: every report, API answer, export and live view of a
   * round asks for them, and they change only when responses are released (issue 12: reading and
   * shaping the item totals was 14% of a report page's time, and 550 KB of its garbage).
   * An entry is used only while the totals' version is the one it was read under (any change to
   * any round's totals, on this connection or by another process, moves it on), for the same
   * round (its link token: a deleted round's id can be used again) and questionnaire. Frozen,
   * so that nothing can change what the next report reads; callers get a copy they may add
   * empty groups to.
   */
  const kept = new Map<number, KeptRound>();
  /** The round's aggregate as kept (frozen), and its entry; no entry inside a transaction. */
  const keptAggregate = (round: RoundRecord, q: Questionnaire): { aggregate: RoundAggregate; entry?: KeptRound } => {
    // Read before the totals: a change in between makes the entry stale at once, never wrong.
    const version = repos.totals.version();
    const hit = kept.get(round.id);
    if (version !== null && hit && hit.version === version && hit.linkToken === round.linkToken && hit.q === q) return { aggregate: hit.aggregate, entry: hit };
    const out = readAggregate(round, q);
    if (version === null) return { aggregate: out };
    kept.delete(round.id);
    if (kept.size >= KEPT_ROUNDS) kept.delete(kept.keys().next().value!);
    const entry: KeptRound = { version, linkToken: round.linkToken, q, aggregate: freezeAggregate(out) };
    kept.set(round.id, entry);
    return { aggregate: entry.aggregate, entry };
  };
  /**
   * The round's results (domain/round-results.ts) over its aggregate, every role it offers taking
   * part (so an empty role is known to be empty), and that aggregate. Kept with the aggregate
   * they were built from, while the round's form, minimum group size and roles are the same:
   * building them again for every report page was half of what a report page allocated (800 KB
   * at 100,000 responses; issue 12). Frozen, so no caller can change what the next one reads.
   */
  const resultsOf = (round: RoundRecord, q: Questionnaire, hidden: boolean) => {
    const compute = (base: RoundAggregate) => {
      const agg = { ...base };
      for (const role of round.roles) agg[role.id] ??= emptyGroup();
      return { agg, results: buildRoundResults(q, round.form, agg, round.minGroupSize, roleLabeller(round, q)) };
    };
    // While results wait for the round to close, nothing but the number of answers is published.
    if (hidden) return compute({});
    const { aggregate: base, entry } = keptAggregate(round, q);
    if (!entry) return compute(base);
    const key = JSON.stringify([round.form, round.minGroupSize, round.roles]);
    if (entry.built?.key !== key) entry.built = { key, ...deepFreeze(compute(base)) };
    return entry.built;
  };

  const build = (round: RoundRecord, options: ReportOptions): RoundReport => {
    const q = rounds.questionnaireFor(round);
    const org = repos.organisations.findById(round.organisationId);
    if (!org) throw new NotFoundError('That organisation was not found');
    const releaseStatus = release.status(round);
    const labelOf = roleLabeller(round, q);
    const { agg, results } = resultsOf(round, q, releaseStatus.hiddenUntilClose);
    const { visibility } = results;
    const gapThreshold = q.flags.find((f) => f.kind === 'gap')?.threshold ?? DEFAULT_GAP_THRESHOLD;

    const roleIds = [...round.roles.map((r) => r.id), ...Object.keys(agg).filter((id) => !round.roles.some((r) => r.id === id))];
    const roles: RoleCount[] = roleIds.map((roleId) => {
      const display = visibility.counts[roleId];
      return { roleId, label: labelOf(roleId), n: display?.shown ? display.n : null };
    });
    const { overall, groups } = results;

    const commentsMinimum = visibility.minGroupSize * 2;
    const commentsShown = options.comments !== 'none' && visibility.total >= commentsMinimum;
    const includeHidden = options.comments === 'all';
    const comments = !commentsShown || options.commentsPerTheme === 0
      ? []
      : options.commentsPerTheme === undefined
        ? repos.results.comments(round.id, includeHidden)
        : repos.results.firstComments(round.id, includeHidden, options.commentsPerTheme, formThemes(q, round.form).map(({ theme }) => theme.id));
    const commentCounts = !commentsShown
      ? new Map<string, number>()
      : options.commentsPerTheme === undefined
        ? comments.reduce((m, c) => m.set(c.themeId, (m.get(c.themeId) ?? 0) + 1), new Map<string, number>())
        : repos.results.commentCounts(round.id, includeHidden);

    const themes: ThemeSection[] = overall
      ? formThemes(q, round.form).map(({ theme }, i) => {
          const scores: GroupThemeScore[] = groups.flatMap((g) => {
            const t = g.result.themes[i];
            return t.shown && t.n !== null ? [{ roleId: g.roleId, label: g.label, n: t.n, mean: t.mean, ci95: t.ci95, highlighted: false }] : [];
          });
          const withMean = scores.filter((s) => s.mean !== null);
          let gap: ThemeSection['gap'] = null;
          if (withMean.length >= 2) {
            const hi = withMean.reduce((a, b) => (b.mean! > a.mean! ? b : a));
            const lo = withMean.reduce((a, b) => (b.mean! < a.mean! ? b : a));
            const difference = hi.mean! - lo.mean!;
            if (difference >= gapThreshold) {
              gap = { a: hi.label, b: lo.label, difference };
              hi.highlighted = true;
              lo.highlighted = true;
            }
          }
          return {
            themeId: theme.id,
            title: theme.title,
            description: theme.description,
            overall: overall.themes[i],
            groups: scores,
            gap,
            flags: results.flags.filter((f) => f.themeId === theme.id && f.status !== 'notInForm'),
            comments: comments.filter((c) => c.themeId === theme.id).map((c) => ({ id: c.id, body: c.body, hidden: c.hidden })),
            commentCount: commentCounts.get(theme.id) ?? 0,
          };
        })
      : [];

    const themeTitle = (id: string) => q.themes.find((t) => t.id === id)?.title ?? id;
    const ranked = overall ? overall.themes.filter((t) => t.mean !== null).sort((a, b) => b.mean! - a.mean!) : [];
    const themeOrder = formThemes(q, round.form).map(({ theme }) => theme.id);
    return {
      round,
      organisationName: org.name,
      questionnaire: { id: q.id, version: q.version, title: q.title },
      generatedAt: clock.now(),
      minGroupSize: visibility.minGroupSize,
      gapThreshold,
      total: visibility.total,
      release: releaseStatus,
      received: repos.totals.countByRole(round.id).reduce((sum, r) => sum + r.n, 0) + releaseStatus.waiting,
      belowMinimum: visibility.belowMinimum,
      roles,
      overall,
      groups,
      themes,
      flags: results.flags,
      summary: overall ? { ...strongestAndWeakest(ranked), raised: groupRaisedFlags(results.flags, themeTitle, themeOrder) } : null,
      comments: { shown: commentsShown, count: [...commentCounts.values()].reduce((a, b) => a + b, 0), minimum: commentsMinimum },
      wordings: wordingCounts(repos.totals.countByWording(round.id), q.language, visibility.minGroupSize),
      // Released responses only: waiting ones are in no figure yet.
      answerWays: releaseStatus.hiddenUntilClose
        ? null
        : answerWayCounts(Object.fromEntries(repos.totals.countByChannel(round.id).map((c) => [c.channel, c.n])), visibility.minGroupSize),
    };
  };

  return {
    /**
     * What the round's report may show (round, theme and item level): the answers export asks
     * this so that it withholds exactly what the report withholds.
     */
    disclosure(roundId: number): Disclosure {
      const round = rounds.get(roundId);
      const q = rounds.questionnaireFor(round);
      return resultsOf(round, q, release.status(round).hiddenUntilClose).results.disclosure;
    },
    /** The round's report with suppression applied. */
    forRound(roundId: number, options: ReportOptions = { comments: 'none' }): RoundReport {
      // A round whose closing time passed since the last look releases its waiting answers now.
      release.settle(rounds.get(roundId));
      return build(rounds.get(roundId), options);
    },
    /**
     * One page of a theme's comments, under the same rule as the report: none unless at least
     * twice the minimum group size answered. NotFoundError for a theme outside the round's form,
     * or when comments are not shown.
     */
    commentPage(roundId: number, themeId: string, options: { comments: 'visible' | 'all'; page: number; perPage: number }): CommentPage {
      release.settle(rounds.get(roundId));
      const round = rounds.get(roundId);
      const q = rounds.questionnaireFor(round);
      const index = formThemes(q, round.form).findIndex(({ theme }) => theme.id === themeId);
      if (index < 0) throw new NotFoundError('That theme is not in this round’s questionnaire');
      // The people in the published results, as on the report (nothing while results wait for closing).
      const respondents = release.status(round).hiddenUntilClose ? 0 : repos.totals.countByRole(round.id).reduce((sum, r) => sum + r.n, 0);
      if (respondents < normaliseMinGroupSize(round.minGroupSize) * 2) throw new NotFoundError('Comments are not shown for this round yet');
      const includeHidden = options.comments === 'all';
      const total = repos.results.commentCounts(round.id, includeHidden).get(themeId) ?? 0;
      const pages = Math.max(1, Math.ceil(total / options.perPage));
      if (options.page > pages) throw new NotFoundError('There is no such page of comments');
      const comments = repos.results.themeComments(round.id, themeId, includeHidden, (options.page - 1) * options.perPage, options.perPage);
      return {
        round,
        organisationName: repos.organisations.findById(round.organisationId)?.name ?? '',
        theme: { id: themeId, title: q.themes.find((t) => t.id === themeId)?.title ?? themeId, number: index + 1 },
        comments: comments.map((c) => ({ id: c.id, body: c.body, hidden: c.hidden })),
        total,
        page: options.page,
        pages,
        perPage: options.perPage,
      };
    },
    /**
     * The texts of one theme's comments that `report` may show (none are hidden), a page of at
     * most `perPage` at a time, in the report's order: for answers too large to build at once
     * (the JSON API with every comment). Nothing when the report shows no comments. Each page
     * is read when it is asked for, with no statement left open in between, so other requests run
     * between pages; a comment hidden meanwhile is left out of the pages not yet read.
     */
    *shownCommentTexts(report: RoundReport, themeId: string, perPage: number): Generator<string[], void, undefined> {
      if (!report.comments.shown || !report.themes.some((t) => t.themeId === themeId)) return;
      let after: { id: string; body: string } | null = null;
      for (;;) {
        const page = repos.results.shownCommentsAfter(report.round.id, themeId, after, perPage);
        if (page.length === 0) return;
        yield page.map((c) => c.body);
        if (page.length < perPage) return;
        after = page[page.length - 1];
      }
    },
    /** Hides or shows a comment; hidden comments are gone from every output. */
    setCommentHidden(roundId: number, commentId: string, hidden: boolean): void {
      if (!repos.results.setCommentHidden(roundId, commentId, hidden)) throw new NotFoundError('That comment was not found');
    },
  };
}
export type ResultsService = ReturnType<typeof resultsService>;

/** Rounds whose aggregates are kept (a few hundred KB each at most). */
const KEPT_ROUNDS = 16;

/** A role's label: the round's own wording, else the questionnaire's, else its id. */
const roleLabeller = (round: RoundRecord, q: Questionnaire) => (roleId: string) =>
  round.roles.find((r) => r.id === roleId)?.label ?? q.roles.find((r) => r.id === roleId)?.label ?? roleId;

/** A round's aggregate as read under one version of the totals, and the results last built from it. */
interface KeptRound {
  version: string;
  linkToken: string;
  q: Questionnaire;
  aggregate: RoundAggregate;
  built?: { key: string; agg: RoundAggregate; results: RoundResults };
}

/** Freezes a tree of plain objects and arrays, so that sharing it between requests is safe. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function freezeAggregate(aggregate: RoundAggregate): RoundAggregate {
  for (const group of Object.values(aggregate)) {
    for (const moments of Object.values(group.themes)) Object.freeze(moments);
    for (const item of Object.values(group.items)) Object.freeze(Object.freeze(item).counts);
    Object.freeze(group.themes);
    Object.freeze(group.items);
    Object.freeze(group);
  }
  return Object.freeze(aggregate);
}

/** Up to two strongest and two weakest themes, never the same theme in both lists. */
export function strongestAndWeakest(ranked: ThemeResult[]): { strongest: ThemeResult[]; weakest: ThemeResult[] } {
  const k = ranked.length >= 4 ? 2 : ranked.length >= 2 ? 1 : ranked.length;
  return { strongest: ranked.slice(0, k), weakest: ranked.length >= 2 ? ranked.slice(-k).reverse() : [] };
}

/**
 * Raised flags once each, in definition order, with the themes each was raised on: gap flags
 * largest gap first, others in theme order; at most {@link SUMMARY_THEMES_PER_FLAG} themes each,
 * so that a flag raised on every theme reads as one finding, not as noise.
 */
export function groupRaisedFlags(flags: FlagResult[], themeTitle: (id: string) => string, themeOrder: readonly string[] = []): RaisedFlag[] {
  const byId = new Map<string, { flag: FlagResult; themes: RaisedFlag['themes'] }>();
  for (const f of flags) {
    if (!f.raised) continue;
    const entry = byId.get(f.id) ?? { flag: f, themes: [] };
    entry.themes.push({ themeId: f.themeId, title: themeTitle(f.themeId), difference: f.evidence?.kind === 'gap' ? f.evidence.gap.difference : null });
    byId.set(f.id, entry);
  }
  const place = (id: string) => (themeOrder.includes(id) ? themeOrder.indexOf(id) : themeOrder.length);
  return [...byId.values()].map(({ flag, themes }) => {
    const ranked = [...themes].sort((a, b) => Math.abs(b.difference ?? 0) - Math.abs(a.difference ?? 0) || place(a.themeId) - place(b.themeId));
    return {
      id: flag.id,
      title: flag.title,
      description: flag.description,
      themes: ranked.slice(0, SUMMARY_THEMES_PER_FLAG),
      moreThemes: Math.max(0, ranked.length - SUMMARY_THEMES_PER_FLAG),
    };
  });
}
