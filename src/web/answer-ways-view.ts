import type { TFunction } from 'i18next';
import type { AnswerWayCount } from '../domain/answer-ways';
import type { RoundReport } from '../services/results';

/** One way of answering as the report words it; a later row kind (language, Easy Read) can join the same list. */
export interface AnswerWayRow {
  id: string;
  /** e.g. "12 online", "fewer than 5 on paper" */
  text: string;
}

function countText(c: AnswerWayCount, k: number, t: TFunction): string {
  if (c.shown) return String(c.n);
  return c.label === 'fewerThan' ? t('report.wordings.fewerThan', { n: k }) : t('report.answerWays.notShown');
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The report block on how people answered: "N online, N on paper, N with help", from released
 * responses only, never per role, small counts as "fewer than k", in the page's words `t`. Null when
 * the report shows no results.
 */
export function answerWaysView(report: Pick<RoundReport, 'answerWays' | 'minGroupSize' | 'total'>, t: TFunction) {
  if (!report.answerWays || report.total === 0) return null;
  const rows: AnswerWayRow[] = report.answerWays.map((c) => ({ id: c.channel, text: t(`report.answerWays.${c.channel}`, { number: countText(c, report.minGroupSize, t) }) }));
  return {
    rows,
    // A sentence of its own on the page: "Fewer than 5 online, ...", with a capital.
    sentence: capitalise(rows.map((r) => r.text).join(t('report.common.listSeparator'))),
    withheld: report.answerWays.some((c) => !c.shown && c.label === 'notShown'),
    minGroupSize: report.minGroupSize,
  };
}
export type AnswerWaysView = NonNullable<ReturnType<typeof answerWaysView>>;
