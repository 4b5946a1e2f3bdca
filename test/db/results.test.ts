import { migrate, openDatabase } from '../../src/db';
import { ANSWERS_BETWEEN_SQL, RESPONSES_PAGE_SQL } from '../../src/db/results';

/** The answers export reads a round a page at a time: each page must cost a page, not the round. */
describe('the answers export page queries', () => {
  const plan = (sql: string, ...args: number[]) => {
    const db = openDatabase(':memory:');
    migrate(db);
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[];
    db.close();
    return rows.map((r) => r.detail).join('; ');
  };

  it('reads a page of answers through the primary key range, not the whole round index', () => {
    expect(plan(ANSWERS_BETWEEN_SQL, 1, 250, 1)).toMatch(/^SEARCH answers USING PRIMARY KEY \(response_id>\? AND response_id<\?\)$/);
  });

  it('reads a page of responses through the rowid range, with no sort', () => {
    expect(plan(RESPONSES_PAGE_SQL, 0, 1, 250)).toMatch(/^SEARCH responses USING INTEGER PRIMARY KEY \(rowid>\?\)$/);
  });
});
