import type { Action, ActionInput } from '../domain/actions';
import type { Db } from './connection';

const COLUMNS = 'id, round_id AS roundId, theme_id AS themeId, what, lead, due_on AS dueOn, status, note';

export function actionRepository(db: Db) {
  const byRound = db.prepare(`SELECT ${COLUMNS} FROM actions WHERE round_id = ? ORDER BY due_on, id`);
  const byId = db.prepare(`SELECT ${COLUMNS} FROM actions WHERE id = ? AND round_id = ?`);
  const insert = db.prepare(`INSERT INTO actions (round_id, theme_id, what, lead, due_on, status, note, created_at, updated_at)
    VALUES (@roundId, @themeId, @what, @lead, @dueOn, @status, @note, @now, @now)`);
  const update = db.prepare(`UPDATE actions SET theme_id = @themeId, what = @what, lead = @lead, due_on = @dueOn, status = @status,
    note = @note, updated_at = @now WHERE id = @id AND round_id = @roundId`);
  const remove = db.prepare('DELETE FROM actions WHERE id = ? AND round_id = ?');
  return {
    listForRound: (roundId: number) => byRound.all(roundId) as Action[],
    find: (roundId: number, id: number) => byId.get(id, roundId) as Action | undefined,
    insert: (roundId: number, a: ActionInput, now: number) => Number(insert.run({ ...a, roundId, now }).lastInsertRowid),
    update: (roundId: number, id: number, a: ActionInput, now: number) => update.run({ ...a, roundId, id, now }).changes === 1,
    remove: (roundId: number, id: number) => remove.run(id, roundId).changes === 1,
  };
}
export type ActionRepository = ReturnType<typeof actionRepository>;
