// Action plans: what an organisation agreed to do after a round, per theme, and how it went.

export const ACTION_STATUSES = ['planned', 'in-progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  planned: 'Planned',
  'in-progress': 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

/** An action as people write it. */
export type ActionInput = { themeId: string; what: string; lead: string; dueOn: string; status: ActionStatus; note: string };

/** The same with its round and id. */
export type Action = ActionInput & { id: number; roundId: number };

/**
 * Overdue: its date has passed (the day after `dueOn`, both YYYY-MM-DD in UTC) and it is neither
 * done nor dropped. An action due today is not overdue yet.
 */
export function isOverdue(action: Pick<Action, 'dueOn' | 'status'>, today: string): boolean {
  return (action.status === 'planned' || action.status === 'in-progress') && action.dueOn < today;
}

/** A clock reading as the UTC day, YYYY-MM-DD. */
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** True for a real calendar date written YYYY-MM-DD (not 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = m.slice(1).map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
