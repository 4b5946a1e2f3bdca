import type { AnswerWayCount, Channel } from '../domain/answer-ways';
import type { RoundReport } from '../services/results';

/** One way of answering as the report words it; a later row kind (language, Easy Read) can join the same list. */
export interface AnswerWayRow {
  id: string;
  /** e.g. "12 online", "fewer than 5 on paper" */
  text: string;
}

const WAY_WORDS: Record<Channel, string> = { online: 'online', paper: 'on paper', assisted: 'with help' };

function countText(c: AnswerWayCount, k: number): string {
  if (c.shown) return String(c.n);
  return c.label === 'fewerThan' ? `fewer than ${k}` : '(not shown)';
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The report block on how people answered: "N online, N on paper, N with help", from released
 * responses only, never per role, small counts as "fewer than k". Null when the report shows no results.
 */
export function answerWaysView(report: Pick<RoundReport, 'answerWays' | 'minGroupSize' | 'total'>) {
  if (!report.answerWays || report.total === 0) return null;
  const rows: AnswerWayRow[] = report.answerWays.map((c) => ({ id: c.channel, text: `${countText(c, report.minGroupSize)} ${WAY_WORDS[c.channel]}` }));
  return {
    rows,
    // A sentence of its own on the page: "Fewer than 5 online, ...", with a capital.
    sentence: capitalise(rows.map((r) => r.text).join(', ')),
    withheld: report.answerWays.some((c) => !c.shown && c.label === 'notShown'),
    minGroupSize: report.minGroupSize,
  };
}
export type AnswerWaysView = NonNullable<ReturnType<typeof answerWaysView>>;
