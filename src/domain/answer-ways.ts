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
  /** `fewerThan`: fewer than k people (or nobody) answered this way; `withheld`: hidden so that a smaller count cannot be worked out from the total */
  | { channel: Channel; shown: false; reason: 'fewerThan' | 'withheld' };

/**
 * Each channel's count for a round's released responses, with the same rule as groups
 * ({@link decideVisibility}): counts under k (0 included) are "fewer than k", and where the total
 * minus the shown counts would give a small count, the next smallest is withheld too. So no
 * exact figure below k, shown or derived by subtraction, describes how anyone answered.
 * @param counts released responses per channel (missing channels count 0)
 * @param minGroupSize the round's k (raised to the floor of 3)
 */
export function answerWayCounts(counts: Partial<Record<Channel, number>>, minGroupSize: number): AnswerWayCount[] {
  const all = Object.fromEntries(CHANNELS.map((c) => [c, counts[c] ?? 0])) as Record<Channel, number>;
  const decision = decideVisibility(all, minGroupSize);
  return CHANNELS.map((channel): AnswerWayCount => {
    if (decision.shown.includes(channel)) return { channel, shown: true, n: all[channel] };
    return { channel, shown: false, reason: decision.reasons[channel] === 'complementary' ? 'withheld' : 'fewerThan' };
  });
}
