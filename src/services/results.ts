import type { Questionnaire } from '../domain/questionnaire';
import { formThemes } from '../domain/questionnaire';
import {
  buildRoundResults,
  emptyGroup,
  type FlagResult,
  type GroupResult,
  type RoundAggregate,
  type ThemeResult,
} from '../domain/rubric';
import type { Repositories, RoundRecord } from '../db';
import { decideVisibility, normaliseMinGroupSize } from '../domain/anonymity';
import { NotFoundError } from './errors';
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
  comments: { id: number; body: string; hidden: boolean }[];
  /** All the theme's comments; `comments` holds only the first `commentsPerTheme` when that is set. */
  commentCount: number;
}

/** A raised flag for the summary: once per flag, with every theme it was raised on. */
export interface RaisedFlag {
  id: string;
  title: string;
  description: string;
  themes: string[];
}

export interface RoundReport {
  round: RoundRecord;
  organisationName: string;
  questionnaire: { id: string; version: number; title: string };
  generatedAt: number;
  minGroupSize: number;
  gapThreshold: number;
  total: number;
  belowMinimum: boolean;
  roles: RoleCount[];
  overall: GroupResult | null;
  groups: { roleId: string; label: string; result: GroupResult }[];
  themes: ThemeSection[];
  flags: FlagResult[];
  summary: { strongest: ThemeResult[]; weakest: ThemeResult[]; raised: RaisedFlag[] } | null;
  comments: { shown: boolean; count: number; minimum: number };
}

export interface ReportOptions {
  /** Comments are included only when asked for (admins; share links that allow them). */
  comments: 'none' | 'visible' | 'all';
  /** At most this many comments a theme (a page links to the rest); every comment when unset. */
  commentsPerTheme?: number;
}

/** One page of one theme's comments (the report page shows only the first few of each theme). */
export interface CommentPage {
  round: RoundRecord;
  organisationName: string;
  theme: { id: string; title: string; number: number };
  comments: { id: number; body: string; hidden: boolean }[];
  total: number;
  page: number;
  pages: number;
  perPage: number;
}

/**
 * One results service: every output (report page, CSV, JSON API, later the live workshop view
 * and trends) is built from this, so suppression cannot differ between them.
 */
export function resultsService({ repos, rounds, clock }: { repos: Repositories; rounds: RoundService; clock: Clock }) {
  /** Per-role aggregates from SQL, in the shape the rubric works on. */
  const aggregate = (round: RoundRecord, q: Questionnaire): RoundAggregate => {
    const out: RoundAggregate = {};
    const group = (role: string) => (out[role] ??= emptyGroup());
    for (const r of repos.responses.countByRole(round.id)) group(r.role).respondents = r.n;
    for (const m of repos.results.themeMoments(round.id)) {
      group(m.role).themes[m.themeId] = { n: m.n, sum: m.sum, sumSq: m.sumSq, dontKnow: 0 };
    }
    const themeOf = new Map(q.items.map((i) => [i.id, i.theme] as const));
    const optionCount = new Map(
      q.items.map((i) => [i.id, i.kind === 'practice' ? q.scale.practice.length : i.kind === 'ladder' ? i.options.length : 0] as const),
    );
    for (const c of repos.results.itemCounts(round.id)) {
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

  const build = (round: RoundRecord, options: ReportOptions): RoundReport => {
    const q = rounds.questionnaireFor(round);
    const org = repos.organisations.findById(round.organisationId);
    if (!org) throw new NotFoundError('That organisation was not found');
    const agg = aggregate(round, q);
    // Every role the round offers takes part in the decision, so an empty role is known to be empty.
    for (const role of round.roles) agg[role.id] ??= emptyGroup();
    const results = buildRoundResults(q, round.form, agg, round.minGroupSize);
    const { visibility } = results;
    const labelOf = (roleId: string) => round.roles.find((r) => r.id === roleId)?.label ?? q.roles.find((r) => r.id === roleId)?.label ?? roleId;
    const gapThreshold = q.flags.find((f) => f.kind === 'gap')?.threshold ?? DEFAULT_GAP_THRESHOLD;

    const roleIds = [...round.roles.map((r) => r.id), ...Object.keys(agg).filter((id) => !round.roles.some((r) => r.id === id))];
    const roles: RoleCount[] = roleIds.map((roleId) => {
      const display = visibility.counts[roleId];
      return { roleId, label: labelOf(roleId), n: display?.shown ? display.n : null };
    });
    const { overall, groups } = suppressThemes(results.overall, results.groups.map((g) => ({ ...g, label: labelOf(g.roleId) })), visibility.minGroupSize);

    const commentsMinimum = visibility.minGroupSize * 2;
    const commentsShown = options.comments !== 'none' && visibility.total >= commentsMinimum;
    const includeHidden = options.comments === 'all';
    const comments = !commentsShown
      ? []
      : options.commentsPerTheme === undefined
        ? repos.results.comments(round.id, includeHidden)
        : repos.results.firstComments(round.id, includeHidden, options.commentsPerTheme);
    const commentCounts = !commentsShown
      ? new Map<string, number>()
      : options.commentsPerTheme === undefined
        ? comments.reduce((m, c) => m.set(c.themeId, (m.get(c.themeId) ?? 0) + 1), new Map<string, number>())
        : repos.results.commentCounts(round.id, includeHidden);

    const themes: ThemeSection[] = overall
      ? formThemes(q, round.form).map(({ theme }, i) => {
          const scores = groups.filter((g) => g.result.themes[i].n > 0).map((g) => {
            const t = g.result.themes[i];
            return { roleId: g.roleId, label: g.label, n: t.n, mean: t.mean, ci95: t.ci95, highlighted: false };
          });
          const withMean = scores.filter((s) => s.mean !== null && s.n >= visibility.minGroupSize);
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
    return {
      round,
      organisationName: org.name,
      questionnaire: { id: q.id, version: q.version, title: q.title },
      generatedAt: clock.now(),
      minGroupSize: visibility.minGroupSize,
      gapThreshold,
      total: visibility.total,
      belowMinimum: visibility.belowMinimum,
      roles,
      overall,
      groups,
      themes,
      flags: results.flags,
      summary: overall ? { ...strongestAndWeakest(ranked), raised: groupRaisedFlags(results.flags, themeTitle) } : null,
      comments: { shown: commentsShown, count: [...commentCounts.values()].reduce((a, b) => a + b, 0), minimum: commentsMinimum },
    };
  };

  return {
    /** The round's report with suppression applied. */
    forRound: (roundId: number, options: ReportOptions = { comments: 'none' }) => build(rounds.get(roundId), options),
    /**
     * One page of a theme's comments, under the same rule as the report: none unless at least
     * twice the minimum group size answered. NotFoundError for a theme outside the round's form,
     * or when comments are not shown.
     */
    commentPage(roundId: number, themeId: string, options: { comments: 'visible' | 'all'; page: number; perPage: number }): CommentPage {
      const round = rounds.get(roundId);
      const q = rounds.questionnaireFor(round);
      const index = formThemes(q, round.form).findIndex(({ theme }) => theme.id === themeId);
      if (index < 0) throw new NotFoundError('That theme is not in this round’s questionnaire');
      const { total: respondents } = rounds.visibleResponseCounts(roundId);
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
    /** Hides or shows a comment; hidden comments are gone from every output. */
    setCommentHidden(roundId: number, commentId: number, hidden: boolean): void {
      if (!repos.results.setCommentHidden(roundId, commentId, hidden)) throw new NotFoundError('That comment was not found');
    },
  };
}
export type ResultsService = ReturnType<typeof resultsService>;

/** Up to two strongest and two weakest themes, never the same theme in both lists. */
export function strongestAndWeakest(ranked: ThemeResult[]): { strongest: ThemeResult[]; weakest: ThemeResult[] } {
  const k = ranked.length >= 4 ? 2 : ranked.length >= 2 ? 1 : ranked.length;
  return { strongest: ranked.slice(0, k), weakest: ranked.length >= 2 ? ranked.slice(-k).reverse() : [] };
}

/** Raised flags once each, in definition order, listing the themes they were raised on. */
export function groupRaisedFlags(flags: FlagResult[], themeTitle: (id: string) => string): RaisedFlag[] {
  const byId = new Map<string, RaisedFlag>();
  for (const f of flags) {
    if (!f.raised) continue;
    const entry = byId.get(f.id) ?? { id: f.id, title: f.title, description: f.description, themes: [] };
    entry.themes.push(themeTitle(f.themeId));
    byId.set(f.id, entry);
  }
  return [...byId.values()];
}

/** A theme result with nothing in it: what is shown where too few people answered that theme. */
function withheld(t: ThemeResult): ThemeResult {
  return { ...t, n: 0, mean: null, sd: null, ci95: null, band: null, dontKnow: 0, items: [] };
}

/**
 * Anonymity per theme. People may skip whole themes, so a group shown for the round may have
 * fewer than k answers on one theme. For each theme the same rule as for the round is applied to
 * the shown groups' theme counts, with the hidden groups together as one more group (what a
 * reader could get by subtracting the shown groups from everyone), so complementary suppression
 * holds per theme too. Withheld cells keep their place but carry no figures.
 */
export function suppressThemes<G extends { roleId: string; result: GroupResult }>(
  overall: GroupResult | null,
  groups: G[],
  minGroupSize: number,
): { overall: GroupResult | null; groups: G[] } {
  if (!overall) return { overall, groups };
  const REST = '\u0000rest';
  const outOverall = { ...overall, themes: [...overall.themes] };
  const outGroups = groups.map((g) => ({ ...g, result: { ...g.result, themes: [...g.result.themes] } }));
  overall.themes.forEach((theme, i) => {
    const counts: Record<string, number> = {};
    for (const g of groups) counts[g.roleId] = g.result.themes[i].n;
    counts[REST] = theme.n - groups.reduce((sum, g) => sum + g.result.themes[i].n, 0);
    const decision = decideVisibility(counts, minGroupSize);
    if (decision.belowMinimum) outOverall.themes[i] = withheld(theme);
    for (const g of outGroups) {
      if (!decision.shown.includes(g.roleId)) g.result.themes[i] = withheld(g.result.themes[i]);
    }
  });
  return { overall: outOverall, groups: outGroups };
}
