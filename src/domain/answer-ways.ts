// How many people answered each way (online, on paper, with a peer supporter's help), as the
// report may state it. A small count is never given exactly: it could point at the one person
// who asked for a paper form, or the two who were helped.
import { decideVisibility } from './anonymity';

/** How a response reached us. */
export const CHANNELS = ['online', 'paper', 'assisted'] as const;
export type Channel = (typeof CHANNELS)[number];

/** One way of answering, as the report may show it. */
export type AnswerWayCount =
  | { channel: Channel; shown: true; n: number }
  /**
   * `fewerThan`: fewer than k people (or nobody) answered this way. `notShown`: said of every
   * hidden count once one had to be withheld to protect a smaller one (see answerWayCounts).
   */
  | { channel: Channel; shown: false; label: 'fewerThan' | 'notShown' };

/**
 * Each channel's count for a round's released responses, with the same rule as groups
 * ({@link decideVisibility}): counts under k (0 included) are hidden, and where the total minus
 * the shown counts would give a small count, the next smallest is withheld too. So no exact
 * figure below k, shown or derived by subtraction, describes how anyone answered.
 *
 * Wording: hidden counts are "fewer than k" when nothing had to be withheld. Once something was,
 * every hidden count is just "not shown": marking one "fewer than k" beside one withheld (so at
 * least k) would narrow the small one down from the total (e.g. total 6, withheld >= 5: the other
 * is 0 or 1), which is the reason the group counts say "not shown" throughout.
 * @param counts released responses per channel (missing channels count 0)
 * @param minGroupSize the round's k (raised to the floor of 3)
 */
export function answerWayCounts(counts: Partial<Record<Channel, number>>, minGroupSize: number): AnswerWayCount[] {
  const all = Object.fromEntries(CHANNELS.map((c) => [c, counts[c] ?? 0])) as Record<Channel, number>;
  const decision = decideVisibility(all, minGroupSize);
  const withheld = Object.values(decision.reasons).includes('complementary');
  return CHANNELS.map((channel): AnswerWayCount => {
    if (decision.shown.includes(channel)) return { channel, shown: true, n: all[channel] };
    return { channel, shown: false, label: withheld ? 'notShown' : 'fewerThan' };
  });
}
