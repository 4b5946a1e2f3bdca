import { isCalendarDate, isOverdue, utcDay } from '../../src/domain/actions';

describe('actions', () => {
  it.each([
    ['2026-11-21', 'planned', true],
    ['2026-11-21', 'in-progress', true],
    ['2026-11-21', 'done', false],
    ['2026-11-21', 'dropped', false],
    ['2026-11-22', 'planned', false], // due today: not overdue yet
    ['2027-01-01', 'planned', false],
  ] as const)('due %s, %s: overdue on 2026-11-22 is %s', (dueOn, status, overdue) => {
    expect(isOverdue({ dueOn, status }, '2026-11-22')).toBe(overdue);
  });

  it('reads real calendar dates only, and the UTC day of a time', () => {
    expect(['2026-03-31', '2024-02-29'].map(isCalendarDate)).toEqual([true, true]);
    expect(['2026-02-30', '2025-02-29', '2026-13-01', '26-03-31', '2026-3-31', ''].map(isCalendarDate)).toEqual([false, false, false, false, false, false]);
    expect(utcDay(Date.UTC(2026, 10, 22, 23, 59))).toBe('2026-11-22');
  });
});
