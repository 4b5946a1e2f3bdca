import { createRepositories, migrate, openDatabase } from '../../src/db';

function setup() {
  const db = openDatabase(':memory:');
  migrate(db);
  const repos = createRepositories(db);
  const orgId = repos.organisations.insert('Org', 0);
  const roundId = repos.rounds.insert({
    organisationId: orgId, name: 'R', questionnaireId: 'q', questionnaireVersion: 1, form: 'full', mode: 'survey',
    roles: [{ id: 'staff', label: 'Staff' }], minGroupSize: 5, opensAt: null, closesAt: null, intro: '', resultsRelease: 'after-close' as const,
    status: 'open', linkToken: 'tok', joinCode: 'ABCDEF', createdAt: 0,
  });
  repos.responses.createDraft({ id: 'd1', roundId, resumeCode: 'AAAABBBB', now: 0, expiresAt: 1000 });
  return { db, repos, roundId };
}

const count = (db: ReturnType<typeof openDatabase>, table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('responses repository', () => {
  it('writes a response with all its rows, exactly once', () => {
    const { db, repos, roundId } = setup();
    const response = {
      roundId, role: 'staff', questionnaireVersion: 1, submittedOn: '2026-11-22',
      answers: [{ themeId: 't', itemId: 'a', value: 3 }, { themeId: 't', itemId: 'b', value: null }],
      themeScores: [{ themeId: 't', score: 75 }],
      comments: [{ themeId: 't', itemId: 'c', body: 'hello' }],
    };
    expect(repos.responses.submitDraft('d1', response, 10)).toBe(true);
    expect(repos.responses.submitDraft('d1', response, 11)).toBe(false);
    // Sent, it waits whole until released.
    expect([count(db, 'pending_responses'), count(db, 'responses')]).toEqual([1, 0]);
    const pending = repos.responses.pendingFor(roundId);
    expect(pending.map((p) => p.response)).toEqual([response]);
    expect(pending[0].id).toMatch(/^[0-9a-f]{32}$/);
    expect(repos.responses.release(roundId, pending)).toBe(1);
    expect([count(db, 'responses'), count(db, 'answers'), count(db, 'response_theme_scores'), count(db, 'comments'), count(db, 'pending_responses')]).toEqual([1, 2, 1, 1, 0]);
    expect(repos.rounds.findById(roundId)!.releases).toBe(1);
    // Comment ids are random, not a sequence.
    expect((db.prepare('SELECT id FROM comments').get() as { id: string }).id).toMatch(/^[0-9a-f]{24}$/);
    // Released once only.
    expect(() => repos.responses.release(roundId, pending)).toThrow(/not waiting/);
    expect(count(db, 'responses')).toBe(1);
  });

  it('never leaves half a response: a failing row rolls everything back and keeps the draft open', () => {
    const { db, repos, roundId } = setup();
    const broken = {
      roundId, role: 'staff', questionnaireVersion: 1, submittedOn: '2026-11-22',
      answers: [{ themeId: 't', itemId: 'a', value: 3 }],
      themeScores: [{ themeId: 't', score: 175 }], // violates CHECK (score BETWEEN 0 AND 100)
      comments: [],
    };
    expect(repos.responses.submitDraft('d1', broken, 10)).toBe(true);
    const good = repos.responses.pendingFor(roundId);
    // A release is all or nothing: the failing row undoes the whole batch, which keeps waiting.
    expect(() => repos.responses.release(roundId, good)).toThrow(/CHECK constraint/);
    expect([count(db, 'responses'), count(db, 'answers'), count(db, 'response_theme_scores'), count(db, 'pending_responses')]).toEqual([0, 0, 0, 1]);
    expect(repos.rounds.findById(roundId)!.releases).toBe(0);
    // And a draft is marked sent only together with its waiting response.
    repos.responses.createDraft({ id: 'd2', roundId, resumeCode: 'CCCCDDDD', now: 0, expiresAt: 1000 });
    db.exec("CREATE TRIGGER fail BEFORE INSERT ON pending_responses BEGIN SELECT RAISE(ABORT, 'disk trouble'); END");
    expect(() => repos.responses.submitDraft('d2', broken, 10)).toThrow(/disk trouble/);
    expect(repos.responses.findDraft('d2', 5)?.submittedAt).toBeNull();
  });

  it('finds no expired draft, and deletes expired ones', () => {
    const { repos } = setup();
    expect(repos.responses.findDraft('d1', 999)).toBeDefined();
    expect(repos.responses.findDraft('d1', 1000)).toBeUndefined();
    expect(repos.responses.findDraftByResumeCode('AAAABBBB', 1000)).toBeUndefined();
    expect(repos.responses.deleteExpiredDrafts(1000)).toBe(1);
  });

  it('keeps join codes unique among rounds that are not closed', () => {
    const { repos, roundId } = setup();
    const base = {
      organisationId: repos.rounds.findById(roundId)!.organisationId, name: 'S', questionnaireId: 'q', questionnaireVersion: 1,
      form: 'full' as const, mode: 'survey' as const, roles: [{ id: 'x', label: 'X' }], minGroupSize: 5, opensAt: null,
      closesAt: null, intro: '', resultsRelease: 'after-close' as const, status: 'draft' as const, joinCode: 'ABCDEF', createdAt: 0,
    };
    expect(() => repos.rounds.insert({ ...base, linkToken: 't2' })).toThrow(/UNIQUE/);
    repos.rounds.setStatus(roundId, 'closed', 'ABCDEF', 1);
    expect(repos.rounds.insert({ ...base, linkToken: 't3' })).toBeGreaterThan(roundId);
  });
});
