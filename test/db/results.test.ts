import { createRepositories, migrate, openDatabase } from '../../src/db';
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

describe('the first comments of each theme', () => {
  it('reads the same comments theme by theme (through the text index) as by ranking the whole round', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    db.exec(`INSERT INTO organisations (id, name, created_at) VALUES (1, 'Trust', 0);
      INSERT INTO rounds (id, organisation_id, name, questionnaire_id, questionnaire_version, form, mode, roles, link_token, join_code, created_at, updated_at)
        VALUES (1, 1, 'Round', 'power-sharing', 1, 'full', 'survey', '[{"id":"staff","label":"Staff"}]', 'tok', 'ABCDEF', 0, 0);`);
    const insert = db.prepare('INSERT INTO comments (id, round_id, theme_id, item_id, body, hidden) VALUES (?, 1, ?, ?, ?, ?)');
    const bodies = ['Zebra crossings', 'apples', 'Apples', 'More notice', 'More notice', 'b', 'Ärger'];
    let n = 0;
    for (const theme of ['tokenism', 'consultation', 'reciprocity']) {
      for (const body of bodies) insert.run((n++).toString(16).padStart(24, '0'), theme, `${theme}-c`, body, n % 3 === 0 ? 1 : 0);
    }
    const repos = createRepositories(db);
    for (const hidden of [false, true]) {
      for (const per of [1, 3, 20]) {
        const ranked = repos.results.firstComments(1, hidden, per);
        expect(repos.results.firstComments(1, hidden, per, ['tokenism', 'consultation', 'reciprocity', 'no-comments'])).toEqual(ranked);
        const shown = (theme: string) => (db.prepare('SELECT COUNT(*) AS n FROM comments WHERE theme_id = ? AND (hidden = 0 OR ?)').get(theme, hidden ? 1 : 0) as { n: number }).n;
        expect(ranked.length).toBe(['tokenism', 'consultation', 'reciprocity'].reduce((sum, t) => sum + Math.min(per, shown(t)), 0));
      }
    }
    expect(db.prepare('EXPLAIN QUERY PLAN SELECT id FROM comments WHERE round_id = 1 AND theme_id = ? AND (hidden = 0 OR 0) ORDER BY body, id LIMIT 20').all('x'))
      .toEqual([expect.objectContaining({ detail: expect.stringContaining('comments_round_theme_text') })]);
    db.close();
  });
});
