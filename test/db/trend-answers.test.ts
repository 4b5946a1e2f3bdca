import { createRepositories, migrate, openDatabase } from '../../src/db';
import { RESPONDENT_ANSWERS_SQL } from '../../src/db/trend-answers';

function setup() {
  const db = openDatabase(':memory:');
  migrate(db);
  db.prepare("INSERT INTO organisations (id, name, created_at) VALUES (1, 'Org', 0)").run();
  for (const id of [1, 2]) {
    db.prepare(`INSERT INTO rounds (id, organisation_id, name, questionnaire_id, questionnaire_version, form, mode, roles, link_token, join_code, created_at, updated_at)
      VALUES (?, 1, 'R', 'q', 1, 'full', 'survey', '[{"id":"staff","label":"Staff"}]', ?, ?, 0, 0)`).run(id, `token-${id}`, `ABCDE${id}`);
  }
  const repos = createRepositories(db);
  const response = (roundId: number, role: string, answers: [string, number | null][]) => ({
    roundId,
    role,
    questionnaireVersion: 1,
    submittedOn: '2026-01-01',
    answers: answers.map(([itemId, value]) => ({ themeId: 't', itemId, value })),
    themeScores: [],
    comments: [],
  });
  repos.responses.insertResponses([
    response(1, 'staff', [['a', 2], ['b', null], ['c', 4]]),
    response(1, 'lived', [['c', 1]]),
    response(1, 'lived', []),
    response(2, 'staff', [['a', 0]]),
  ]);
  // A sent response still waiting to be released: never read.
  db.prepare("INSERT INTO pending_responses (id, round_id, body) VALUES ('p1', 1, ?)").run(JSON.stringify(response(1, 'carer', [['a', 4]])));
  return { db, repos };
}

describe('trend answers: every released response of a round with its answers to some questions', () => {
  it('gives each released response once with its answers to the questions asked ("Don’t know" as null), also one with none', () => {
    const { db, repos } = setup();
    // In no meaningful order (the role index's): sorted here to compare.
    const rows = repos.trendAnswers.respondents(1, ['a', 'b']).sort((x, y) => y.role.localeCompare(x.role));
    expect(rows).toEqual([
      { role: 'staff', answers: [{ itemId: 'a', value: 2 }, { itemId: 'b', value: null }] },
      { role: 'lived', answers: [] },
      { role: 'lived', answers: [] },
    ]);
    expect(repos.trendAnswers.respondents(2, ['a'])).toEqual([{ role: 'staff', answers: [{ itemId: 'a', value: 0 }] }]);
    expect(repos.trendAnswers.respondents(1, [])).toHaveLength(3);
    db.close();
  });

  it('reads responses through their round index and each answer by its primary key', () => {
    const { db } = setup();
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${RESPONDENT_ANSWERS_SQL}`).all('["a"]', 1) as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan).toMatch(/SEARCH r USING (COVERING )?INDEX responses_round_role \(round_id=\?\)/);
    expect(plan).toMatch(/SEARCH a USING PRIMARY KEY \(response_id=\? AND item_id=\?\)/);
    db.close();
  });
});
