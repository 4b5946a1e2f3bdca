import type { TFunction } from 'i18next';
import { formThemes, isScored, itemOptions, type Questionnaire } from '../domain/questionnaire';
import { displayScore } from '../domain/rubric';
import type { PresenterSnapshot } from '../services/presenter';
import type { RoundReport } from '../services/results';
import type { ChartSpec } from './report-views';
import { percent, score } from './report-views';
import { formatJoinCode } from './admin/view-models';

/** One question's answers as the room sees them: shares per option, or "not shown". */
export interface PresenterDistribution {
  text: string;
  shown: boolean;
  /** label and share ("40%"), in option order; for ladder items, doing to / for / with */
  parts: { label: string; share: string }[];
  dontKnow: number | null;
  /** the questionnaire's "don't know" answer, in the room's wording */
  dontKnowLabel: string;
}

export interface PresenterTheme {
  number: number;
  count: number;
  title: string;
  description: string;
  shown: boolean;
  score: string;
  band: string | null;
  n: number | null;
  distributions: PresenterDistribution[];
  /** the two sides of the questionnaire's gap comparison, when both are shown */
  gap: { a: { label: string; score: string; n: number }; b: { label: string; score: string; n: number }; difference: string; raised: boolean } | null;
  prompts: string[];
}

/** What the presenter page and its event stream show: no database rows, only what the room may see. */
export interface PresenterView {
  roundId: number;
  name: string;
  status: string;
  /** the status line as the room reads it ("Open: join now"), in the screen's language */
  statusLabel: string;
  joinCode: string;
  joinCodeSpelled: string;
  joinAddress: string;
  link: string;
  counts: { started: number; sent: number; waiting: number };
  revealed: boolean;
  themeIndex: number;
  themeCount: number;
  minGroupSize: number;
  results: null | {
    belowMinimum: boolean;
    total: number;
    overview: { radar: ChartSpec; rows: { title: string; score: string; band: string | null }[] } | null;
    theme: PresenterTheme | null;
  };
}

/**
 * Builds the presenter's view model from a snapshot of released results. `texts`: the round's
 * questionnaire in the room's wording (same ids; theme, item, option and band words come from it);
 * `t`: the catalogue's words in the screen's language.
 */
export function presenterView(snapshot: PresenterSnapshot, texts: Questionnaire, where: { joinAddress: string; link: string }, t: TFunction): PresenterView {
  const { round, state, counts, report } = snapshot;
  const base = {
    roundId: round.id,
    name: round.name,
    status: round.status,
    statusLabel: t(`public.presenter.status.${round.status}`),
    joinCode: formatJoinCode(round.joinCode),
    joinCodeSpelled: round.joinCode.split('').join(' '),
    joinAddress: where.joinAddress,
    link: where.link,
    counts,
    revealed: state.revealed,
    themeIndex: state.themeIndex,
    themeCount: state.themeCount,
    minGroupSize: round.minGroupSize,
  };
  if (!report) return { ...base, results: null };
  if (!report.overall) return { ...base, results: { belowMinimum: true, total: report.total, overview: null, theme: null } };

  const notShown = t('public.presenter.notShown');
  const themeText = (id: string) => texts.themes.find((x) => x.id === id);
  const bandLabel = (band: { id: string; label: string } | null | undefined) => (band ? (texts.bands.find((b) => b.id === band.id)?.label ?? band.label) : null);
  const overall = report.overall;
  if (state.themeIndex < 0) {
    return {
      ...base,
      results: {
        belowMinimum: false,
        total: report.total,
        overview: {
          radar: {
            type: 'radar',
            title: t('public.presenter.chartTitle'),
            large: true,
            labels: overall.themes.map((x) => themeText(x.themeId)?.title ?? x.title),
            series: [{ label: t('public.presenter.everyone'), data: overall.themes.map((x) => (x.shown ? displayScore(x.mean) : null)) }],
          },
          rows: overall.themes.map((x) => ({ title: themeText(x.themeId)?.title ?? x.title, score: x.shown ? score(x.mean) : notShown, band: x.shown ? bandLabel(x.band) : null })),
        },
        theme: null,
      },
    };
  }

  const i = state.themeIndex;
  const th = overall.themes[i];
  const section = report.themes[i];
  const definition = formThemes(texts, round.form)[i]?.theme;
  const gapFlag = report.flags.find((f) => f.themeId === th.themeId && f.evidence?.kind === 'gap');
  const evidence = gapFlag?.evidence?.kind === 'gap' ? gapFlag.evidence.gap : null;
  // A flag's own group names are questionnaire text (worded); role labels are the round's own.
  const gapWords = gapFlag ? (texts.flags.find((f) => f.id === gapFlag.id) as { groupALabel?: string; groupBLabel?: string } | undefined) : undefined;
  const gap =
    evidence && evidence.difference !== null && evidence.a.summary.mean !== null && evidence.b.summary.mean !== null
      ? {
          a: { label: gapWords?.groupALabel ?? evidence.a.label, score: score(evidence.a.summary.mean), n: evidence.a.summary.n },
          b: { label: gapWords?.groupBLabel ?? evidence.b.label, score: score(evidence.b.summary.mean), n: evidence.b.summary.n },
          difference: score(Math.abs(evidence.difference)),
          raised: gapFlag!.raised,
        }
      : null;
  const distributions: PresenterDistribution[] = th.items.map((item) => {
    const worded = texts.items.find((x) => x.id === item.itemId);
    const options = worded && isScored(worded) ? itemOptions(texts, worded) : [];
    return {
      text: worded?.text ?? item.text,
      shown: item.shown,
      parts:
        item.kind === 'ladder' && item.ladder
          ? item.ladder.map((g) => ({ label: texts.ladderGroups.find((x) => x.id === g.groupId)?.label ?? g.label, share: percent(g.share) }))
          : item.options.map((o) => ({ label: options.find((x) => x.value === o.value)?.label ?? o.label, share: percent(o.share) })),
      dontKnow: item.dontKnow,
      dontKnowLabel: texts.scale.dontKnowLabel,
    };
  });
  return {
    ...base,
    results: {
      belowMinimum: false,
      total: report.total,
      overview: null,
      theme: {
        number: i + 1,
        count: state.themeCount,
        title: definition?.title ?? th.title,
        description: definition?.description ?? section?.description ?? '',
        shown: th.shown,
        score: th.shown ? score(th.mean) : notShown,
        band: th.shown ? bandLabel(th.band) : null,
        n: th.shown ? th.n : null,
        distributions,
        gap,
        prompts: definition?.discussionPrompts ?? [],
      },
    },
  };
}

/** The one-page handout of a room's results, for participants to take away. */
export interface HandoutView {
  name: string;
  organisation: string;
  date: string;
  total: number;
  minGroupSize: number;
  belowMinimum: boolean;
  radar: ChartSpec | null;
  themes: { title: string; score: string; band: string | null; bandText: string | null; nextStep: string | null; prompts: string[] }[];
}

/** Builds the handout from the round's report (the same released, suppressed figures as the screen). */
export function handoutView(report: RoundReport, q: Questionnaire, date: string): HandoutView {
  const overall = report.overall;
  const definitions = formThemes(q, report.round.form).map((f) => f.theme);
  return {
    name: report.round.name,
    organisation: report.organisationName,
    date,
    total: report.total,
    minGroupSize: report.minGroupSize,
    belowMinimum: !overall,
    radar: overall
      ? {
          type: 'radar',
          title: 'Theme scores (0 to 100)',
          labels: overall.themes.map((t) => t.title),
          series: [{ label: 'Everyone', data: overall.themes.map((t) => (t.shown ? displayScore(t.mean) : null)) }],
        }
      : null,
    themes: overall
      ? overall.themes.map((t, i) => ({
          title: t.title,
          score: t.shown ? score(t.mean) : 'not shown',
          band: t.shown ? (t.band?.label ?? null) : null,
          bandText: t.shown ? (t.band?.text ?? null) : null,
          nextStep: t.shown ? (t.band?.nextSteps[0] ?? null) : null,
          prompts: definitions[i]?.discussionPrompts ?? [],
        }))
      : [],
  };
}
