// Matching questions across rounds: which questions each round asks in a theme, which they
// share, and whether a theme can be compared at all. Pure: the rule that decides "how few is
// too few" lives here, and the page and docs quote it.

/** A question as one round asks it. */
export type TrendItem = {
  id: string;
  text: string;
  /**
   * How it is scored, e.g. "practice:5" or "ladder:7": a question is the same question in two
   * rounds only when its id and its scale are the same (scores are rescaled to 0..100 by the
   * number of options, so a question with another number of options measures something else).
   */
  scale: string;
};

/** A theme as one round asks it (its scored questions in the round's form). */
export type ThemeItemsInput = { themeId: string; title: string; items: TrendItem[] };

/** One round's themes, for matching. */
export type RoundItemsInput = { roundId: number; name: string; themes: ThemeItemsInput[] };

/**
 * The too-few rule. A theme whose questions changed between the rounds compared (a new version,
 * the other form, another questionnaire) is compared on the scored questions every round asks in
 * it, and only when there are at least this many of them: a single shared question is one
 * question's result, not the theme's. A theme whose questions are the same in every round is
 * compared as its reports give it, however many it has. A comparison needs at least one theme
 * that can be compared; otherwise it is refused.
 */
export const MIN_SHARED_ITEMS = 2;

/** The rule in plain words, for pages and messages. */
export const SHARED_ITEMS_RULE =
  `A theme whose questions changed between the rounds is compared on the questions every round asks in it, recomputed from each person’s answers to those questions only, and only when every round asks at least ${MIN_SHARED_ITEMS} of the same scored questions in it. Questions are matched by their id and must be scored on the same scale.`;

/** A question left out of a recomputed theme: asked in some rounds only (or on another scale). */
export type LeftOutItem = { id: string; text: string; askedIn: number[] };

/** Why a theme is not compared, as data: the web layer words it in the page's language. */
export type NotComparedWhy =
  | { kind: 'notAsked'; roundName: string }
  | { kind: 'fewShared'; shared: number; minimum: number }
  | { kind: 'notRecomputed' };

/** How a theme is compared across the rounds. */
export type ThemePlan =
  /** the same questions in every round: the reports' own figures are compared */
  | { themeId: string; title: string; basis: 'same'; items: TrendItem[] }
  /** compared on the shared questions only, recomputed for every round */
  | { themeId: string; title: string; basis: 'shared'; shared: TrendItem[]; leftOut: LeftOutItem[]; asked: number[] }
  /** not compared, and why */
  | { themeId: string; title: string; basis: 'none'; reason: string; why: NotComparedWhy };

const sameQuestion = (a: TrendItem, b: TrendItem) => a.id === b.id && a.scale === b.scale;

const sameItems = (a: readonly TrendItem[], b: readonly TrendItem[]) => a.length === b.length && a.every((x) => b.some((y) => sameQuestion(x, y)));

/** Themes in the order of the first round, then any that appear only later. */
export function themeOrder(rounds: readonly RoundItemsInput[]): string[] {
  const ids: string[] = [];
  for (const r of rounds) for (const t of r.themes) if (!ids.includes(t.themeId)) ids.push(t.themeId);
  return ids;
}

/**
 * How each theme is compared across `rounds` (oldest first), by {@link MIN_SHARED_ITEMS}:
 * "same" questions everywhere, the "shared" ones (at least the minimum), or "none" with a reason.
 */
export function planThemes(rounds: readonly RoundItemsInput[]): ThemePlan[] {
  return themeOrder(rounds).map((themeId): ThemePlan => {
    const perRound = rounds.map((r) => r.themes.find((t) => t.themeId === themeId) ?? null);
    const title = perRound.find((t) => t !== null)!.title;
    const missing = perRound.findIndex((t) => t === null);
    if (missing >= 0) return { themeId, title, basis: 'none', reason: `This theme is not asked in “${rounds[missing].name}”.`, why: { kind: 'notAsked', roundName: rounds[missing].name } };
    const themes = perRound as ThemeItemsInput[];
    const first = themes[0];
    if (themes.every((t) => sameItems(first.items, t.items))) return { themeId, title, basis: 'same', items: first.items };
    const shared = first.items.filter((item) => themes.every((t) => t.items.some((x) => sameQuestion(x, item))));
    if (shared.length < MIN_SHARED_ITEMS) {
      const count = shared.length === 0 ? 'no question is' : 'only 1 question is';
      return {
        themeId,
        title,
        basis: 'none',
        reason: `Its questions differ between these rounds and ${count} asked in every round; a theme is compared only on at least ${MIN_SHARED_ITEMS} shared questions.`,
        why: { kind: 'fewShared', shared: shared.length, minimum: MIN_SHARED_ITEMS },
      };
    }
    const leftOut: LeftOutItem[] = [];
    themes.forEach((t, i) => {
      for (const item of t.items) {
        if (shared.some((s) => sameQuestion(s, item))) continue;
        const entry = leftOut.find((l) => l.id === item.id);
        if (entry) entry.askedIn.push(rounds[i].roundId);
        else leftOut.push({ id: item.id, text: item.text, askedIn: [rounds[i].roundId] });
      }
    });
    return { themeId, title, basis: 'shared', shared, leftOut, asked: themes.map((t) => t.items.length) };
  });
}

/**
 * What a recomputed theme is compared on, before its list of questions: "Compared on 4 of 5
 * questions, the ones every round asks, recomputed […]" (the page lists the questions after it).
 */
export function sharedLead(plan: Extract<ThemePlan, { basis: 'shared' }>, rounds: readonly { roundId: number; name: string }[]): string {
  const counts = new Set(plan.asked);
  const of =
    counts.size === 1
      ? `${plan.shared.length} of ${plan.asked[0]} questions`
      : `${plan.shared.length} questions (of ${plan.asked.map((n, i) => `${n} in “${rounds[i].name}”`).join(', ')})`;
  return `Compared on ${of}, the ones every round asks, recomputed for every round on those alone (so a score here can differ from that round’s report)`;
}

/**
 * The whole sentence a recomputed theme carries in the CSV and the JSON, e.g. "Compared on 4 of 5
 * questions, the ones every round asks, recomputed […]: A; B; C; D."
 */
export function sharedNote(plan: Extract<ThemePlan, { basis: 'shared' }>, rounds: readonly { roundId: number; name: string }[]): string {
  const list = plan.shared.map((i) => i.text.trim().replace(/\.$/, '')).join('; ');
  return `${sharedLead(plan, rounds)}: ${list}${/[.?!]$/.test(list) ? '' : '.'}`;
}

/** Items added and dropped between two consecutive rounds. */
export type ItemChanges = {
  fromRoundId: number;
  toRoundId: number;
  added: { id: string; text: string; themeId: string }[];
  dropped: { id: string; text: string; themeId: string }[];
};

/** Questions added and dropped between consecutive rounds (by id; only pairs with a change). */
export function itemChanges(rounds: readonly RoundItemsInput[]): ItemChanges[] {
  const out: ItemChanges[] = [];
  const items = (r: RoundItemsInput) => r.themes.flatMap((t) => t.items.map((it) => ({ id: it.id, text: it.text, themeId: t.themeId })));
  for (let i = 1; i < rounds.length; i++) {
    const before = items(rounds[i - 1]);
    const after = items(rounds[i]);
    const added = after.filter((a) => !before.some((b) => b.id === a.id));
    const dropped = before.filter((b) => !after.some((a) => a.id === b.id));
    if (added.length || dropped.length) out.push({ fromRoundId: rounds[i - 1].roundId, toRoundId: rounds[i].roundId, added, dropped });
  }
  return out;
}
