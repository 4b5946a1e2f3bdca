import type { Db } from './connection';
import type { Totals } from '../domain/totals';
import type { ItemCountRow, ThemeMomentRow } from './results';
import type { Channel } from '../domain/answer-ways';

/** "Don't know" is stored as option -1 (a key column cannot be null). */
const DONT_KNOW = -1;

/** How many times each connection has changed running totals (see `version`); every repository on it shares the count. */
const changes = new WeakMap<Db, { n: number }>();

/**
 * Running totals of each round's released results (migrations/013). {@link add} is called inside
 * the transactions that move responses into the results (responses.ts), so the totals never
 * differ from what a scan of the per-response tables gives (test/db/totals.test.ts compares them);
 * they are deleted with their round.
 */
export function totalsRepository(db: Db) {
  let changed = changes.get(db);
  if (!changed) changes.set(db, (changed = { n: 0 }));
  const count = changed;
  // Changes when another connection (another process: the CLI, say) commits anything to the file.
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  const addRole = db.prepare(`INSERT INTO round_role_totals (round_id, role, respondents) VALUES (@roundId, @role, @respondents)
    ON CONFLICT (round_id, role) DO UPDATE SET respondents = respondents + excluded.respondents`);
  const addTheme = db.prepare(`INSERT INTO round_theme_totals (round_id, role, theme_id, n, sum, sum_sq) VALUES (@roundId, @role, @themeId, @n, @sum, @sumSq)
    ON CONFLICT (round_id, theme_id, role) DO UPDATE SET n = n + excluded.n, sum = sum + excluded.sum, sum_sq = sum_sq + excluded.sum_sq`);
  const addItem = db.prepare(`INSERT INTO round_item_totals (round_id, role, item_id, option, n) VALUES (@roundId, @role, @itemId, @option, @n)
    ON CONFLICT (round_id, item_id, role, option) DO UPDATE SET n = n + excluded.n`);
  const addChannel = db.prepare(`INSERT INTO round_channel_totals (round_id, channel, n) VALUES (@roundId, @channel, @n)
    ON CONFLICT (round_id, channel) DO UPDATE SET n = n + excluded.n`);
  const addWording = db.prepare(`INSERT INTO round_wording_totals (round_id, language, easy_read, n) VALUES (@roundId, @language, @easyRead, @n)
    ON CONFLICT (round_id, language, easy_read) DO UPDATE SET n = n + excluded.n`);
  const channels = db.prepare('SELECT channel, n FROM round_channel_totals WHERE round_id = ? AND n > 0 ORDER BY channel');
  const wordings = db.prepare(`SELECT language, easy_read AS easyRead, n FROM round_wording_totals WHERE round_id = ? AND n > 0
    ORDER BY language, easy_read`);
  const roles = db.prepare('SELECT role, respondents AS n FROM round_role_totals WHERE round_id = ? AND respondents > 0 ORDER BY role');
  const themes = db.prepare('SELECT role, theme_id AS themeId, n, sum, sum_sq AS sumSq FROM round_theme_totals WHERE round_id = ? AND n > 0');
  // Rows as arrays: a full-form round has a couple of thousand of these, and objects cost more.
  const items = db.prepare('SELECT item_id, role, option, n FROM round_item_totals WHERE round_id = ? AND n > 0').raw();

  return {
    /** Adds a batch's totals (see domain/totals.ts); call it inside the transaction that releases the batch. */
    add(totals: Totals): void {
      count.n++;
      for (const r of totals.roles) addRole.run(r);
      for (const t of totals.themes) addTheme.run(t);
      for (const i of totals.items) addItem.run({ roundId: i.roundId, role: i.role, itemId: i.itemId, option: i.value ?? DONT_KNOW, n: i.n });
      for (const c of totals.channels) addChannel.run(c);
      for (const w of totals.wordings) addWording.run({ ...w, easyRead: w.easyRead ? 1 : 0 });
    },
    /**
     * A value that changes whenever any round's totals may have changed since it was last read:
     * added to on this connection (counted in {@link add}, rolled back or not) or anything
     * committed by another connection (SQLite's data_version). Read it before the totals, and
     * keep what was read under it. null inside a transaction, where what is read may yet be
     * rolled back: nothing read there may be kept.
     */
    version: (): string | null => (db.inTransaction ? null : `${count.n}:${String(dataVersion.get())}`),
    /** Released responses by channel, as `responses.countByChannel` counts them (migrations/017). */
    countByChannel: (roundId: number) => channels.all(roundId) as { channel: Channel; n: number }[],
    /** Released responses by wording, as `responses.countByWording` counts them (migrations/017). */
    countByWording: (roundId: number) =>
      (wordings.all(roundId) as { language: string; easyRead: number; n: number }[]).map((r) => ({ ...r, easyRead: r.easyRead === 1 })),
    /** Respondents by role, as `responses.countByRole` counts them. */
    countByRole: (roundId: number) => roles.all(roundId) as { role: string; n: number }[],
    /** Theme moments by role, as `results.themeMoments` computes them. */
    themeMoments: (roundId: number) => themes.all(roundId) as ThemeMomentRow[],
    /** Answer counts by item, role and option, as `results.itemCounts` computes them. */
    itemCounts: (roundId: number): ItemCountRow[] =>
      (items.all(roundId) as [string, string, number, number][]).map(([itemId, role, option, n]) => ({
        itemId,
        role,
        value: option === DONT_KNOW ? null : option,
        n,
      })),
  };
}
export type TotalsRepository = ReturnType<typeof totalsRepository>;
