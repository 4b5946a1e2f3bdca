// Running totals of released results: what a batch of responses adds to a round's counts by role,
// theme moments and answer counts, and (whole round) channels and wordings. Pure, so the data layer only has to add them up in SQL.

/** What a released response adds to the totals (the shape the data layer stores). */
export interface ResponseForTotals {
  roundId: number;
  role: string;
  /** value null: "Don't know" */
  answers: readonly { itemId: string; value: number | null }[];
  themeScores: readonly { themeId: string; score: number }[];
  /** How it reached us; absent: online (bodies from before migration 015) */
  channel?: string;
  /** The wording it was read in; absent: English, standard (bodies from before migration 014) */
  language?: string;
  easyRead?: boolean;
}

export interface RoleTotal {
  roundId: number;
  role: string;
  respondents: number;
}
export interface ThemeTotal {
  roundId: number;
  role: string;
  themeId: string;
  n: number;
  sum: number;
  sumSq: number;
}
export interface ItemTotal {
  roundId: number;
  role: string;
  itemId: string;
  /** null: "Don't know" */
  value: number | null;
  n: number;
}

/** Responses by channel, for the whole round (never by role). */
export interface ChannelTotal {
  roundId: number;
  channel: string;
  n: number;
}
/** Responses by wording, for the whole round (never by role). */
export interface WordingTotal {
  roundId: number;
  language: string;
  easyRead: boolean;
  n: number;
}

export interface Totals {
  roles: RoleTotal[];
  themes: ThemeTotal[];
  items: ItemTotal[];
  channels: ChannelTotal[];
  wordings: WordingTotal[];
}

/**
 * The totals a batch of responses adds: one row per round and role, per round, role and theme,
 * and per round, role, item and option chosen. Adding the totals of two batches gives the totals
 * of both (the order of responses never matters, up to floating-point rounding of the sums).
 */
export function totalsOf(responses: readonly ResponseForTotals[]): Totals {
  const roles = new Map<string, RoleTotal>();
  const themes = new Map<string, ThemeTotal>();
  const items = new Map<string, ItemTotal>();
  const channels = new Map<string, ChannelTotal>();
  const wordings = new Map<string, WordingTotal>();
  for (const r of responses) {
    const channel = r.channel ?? 'online';
    const channelKey = JSON.stringify([r.roundId, channel]);
    const c = channels.get(channelKey) ?? { roundId: r.roundId, channel, n: 0 };
    c.n += 1;
    channels.set(channelKey, c);
    const language = r.language ?? 'en';
    const easyRead = r.easyRead ?? false;
    const wordingKey = JSON.stringify([r.roundId, language, easyRead]);
    const w = wordings.get(wordingKey) ?? { roundId: r.roundId, language, easyRead, n: 0 };
    w.n += 1;
    wordings.set(wordingKey, w);
    const roleKey = JSON.stringify([r.roundId, r.role]);
    const role = roles.get(roleKey) ?? { roundId: r.roundId, role: r.role, respondents: 0 };
    role.respondents += 1;
    roles.set(roleKey, role);
    for (const t of r.themeScores) {
      const key = JSON.stringify([r.roundId, r.role, t.themeId]);
      const theme = themes.get(key) ?? { roundId: r.roundId, role: r.role, themeId: t.themeId, n: 0, sum: 0, sumSq: 0 };
      theme.n += 1;
      theme.sum += t.score;
      theme.sumSq += t.score * t.score;
      themes.set(key, theme);
    }
    for (const a of r.answers) {
      const key = JSON.stringify([r.roundId, r.role, a.itemId, a.value]);
      const item = items.get(key) ?? { roundId: r.roundId, role: r.role, itemId: a.itemId, value: a.value, n: 0 };
      item.n += 1;
      items.set(key, item);
    }
  }
  return {
    roles: [...roles.values()], themes: [...themes.values()], items: [...items.values()],
    channels: [...channels.values()], wordings: [...wordings.values()],
  };
}
