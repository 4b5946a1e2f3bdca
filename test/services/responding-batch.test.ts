import { DEFAULT_QUESTIONNAIRE_ID } from '../../src/questionnaires';
import { defaultRoles } from '../../src/services/rounds';
import { makeTestApp } from '../helpers/app';

/** Sends that arrive together share one commit (issue 12); each still succeeds or fails alone. */
describe('responding.submitSoon', () => {
  function setUp() {
    const ctx = makeTestApp();
    const { services, db } = ctx;
    const q = services.questionnaires.get(DEFAULT_QUESTIONNAIRE_ID, 1);
    const org = services.organisations.create('Riverside Trust');
    const round = services.rounds.open(services.rounds.create(org.id, {
      name: 'Spring', questionnaireId: q.id, questionnaireVersion: q.version, form: 'full', mode: 'survey',
      roles: defaultRoles(q), minGroupSize: 3, opensAt: null, closesAt: null, intro: '', resultsRelease: 'after-close',
    }).id);
    const page = services.responding.pages(round)[0];
    const body = Object.fromEntries(page.items.filter((i) => i.kind !== 'comment').map((i) => [i.id, '2']));
    const draft = () => {
      const d = services.responding.startDraft(round);
      services.responding.saveRole(round, d.id, 'staff');
      services.responding.saveThemeAnswers(round, d.id, page.theme.id, body);
      return d.id;
    };
    return { ctx, services, db, round, draft };
  }

  it('stores every send of one turn in one commit, and answers only after it', async () => {
    const { services, db, round, draft } = setUp();
    const ids = [draft(), draft(), draft()];
    // Each turn's batch opens one transaction (db.transaction); the sends inside are its savepoints.
    const transactions = jest.spyOn(db, 'transaction');
    const before = services.responding.submitSoon(round, ids[0]);
    const others = ids.slice(1).map((id) => services.responding.submitSoon(round, id));
    // Nothing is written before the turn ends: no send is answered before its commit.
    expect(db.prepare('SELECT COUNT(*) AS n FROM pending_responses').get()).toEqual({ n: 0 });
    const results = await Promise.all([before, ...others]);
    expect(results.map((r) => r.status)).toEqual(['submitted', 'submitted', 'submitted']);
    expect(transactions).toHaveBeenCalledTimes(1);
    expect(db.prepare('SELECT COUNT(*) AS n FROM pending_responses').get()).toEqual({ n: 3 });
    expect(services.release.status(round).waiting).toBe(3);
  });

  it('sends the same draft once when it comes twice in one turn', async () => {
    const { services, db, round, draft } = setUp();
    const id = draft();
    const results = await Promise.all([services.responding.submitSoon(round, id), services.responding.submitSoon(round, id)]);
    expect(results.map((r) => r.status)).toEqual(['submitted', 'alreadySubmitted']);
    expect(db.prepare('SELECT COUNT(*) AS n FROM pending_responses').get()).toEqual({ n: 1 });
    // A later send of it changes nothing either.
    expect((await services.responding.submitSoon(round, id)).status).toBe('alreadySubmitted');
  });

  it('fails one send alone: the others of its turn are stored', async () => {
    const { services, db, round, draft } = setUp();
    const [a, b] = [draft(), draft()];
    // The second draft's row refuses the write (as a failing statement would), inside the turn's transaction.
    db.prepare(`CREATE TRIGGER refuse BEFORE UPDATE OF submitted_at ON drafts WHEN NEW.id = ? BEGIN SELECT RAISE(ABORT, 'refused'); END`.replace('?', `'${b}'`)).run();
    const first = services.responding.submitSoon(round, a);
    const second = services.responding.submitSoon(round, b);
    const got = await second.catch((err: Error) => err.message);
    expect(got).toBe('refused');
    expect((await first).status).toBe('submitted');
    expect(db.prepare('SELECT COUNT(*) AS n FROM pending_responses').get()).toEqual({ n: 1 });
    expect(services.responding.findDraft(round, b)?.submitted).toBe(false);
  });

  it('checks again when it writes: a round closed in between takes no queued send, and nobody is told "sent"', async () => {
    const { services, db, round, draft } = setUp();
    const ids = [draft(), draft()];
    const sends = ids.map((id) => services.responding.submitSoon(round, id).then((r) => r.status, (err: Error) => err.message));
    // Handled in the same turn, before the queued sends are written.
    services.rounds.close(round.id, 0);
    expect(await Promise.all(sends)).toEqual(['This round has closed, so it no longer takes answers.', 'This round has closed, so it no longer takes answers.']);
    expect(db.prepare('SELECT COUNT(*) AS n FROM pending_responses').get()).toEqual({ n: 0 });
    expect(ids.map((id) => services.responding.findDraft(round, id)?.submitted)).toEqual([false, false]);
  });

  it('sends the draft as it is when written: a page saved in between is part of the response', async () => {
    const { services, db, round, draft } = setUp();
    const id = draft();
    const sent = services.responding.submitSoon(round, id);
    // Another tab saves the second theme page after the send was asked for, in the same turn.
    const second = services.responding.pages(round)[1];
    const item = second.items.find((i) => i.kind !== 'comment')!;
    services.responding.saveThemeAnswers(round, id, second.theme.id, { [item.id]: '4' });
    expect((await sent).status).toBe('submitted');
    const { body } = db.prepare('SELECT body FROM pending_responses').get() as { body: string };
    expect(body).toContain(`"${item.id}"`);
  });

  it('checks at once, before waiting for the turn: a draft without answers is refused', () => {
    const { services, round } = setUp();
    const d = services.responding.startDraft(round);
    services.responding.saveRole(round, d.id, 'staff');
    expect(() => services.responding.submitSoon(round, d.id)).toThrow('Answer at least one question');
  });
});
