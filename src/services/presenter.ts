import crypto from 'node:crypto';
import { formThemes } from '../domain/questionnaire';
import type { Repositories, RoundRecord } from '../db';
import { NotFoundError } from './errors';
import type { EventBus } from './events';
import type { ReleaseService } from './release';
import type { ResultsService, RoundReport } from './results';
import type { RoundService } from './rounds';
import { randomToken, type Clock, type RandomSource } from './runtime';

export interface PresenterState {
  revealed: boolean;
  /** -1: the overview (radar); 0..themeCount-1: one theme */
  themeIndex: number;
  themeCount: number;
}

/** Everything a presenter screen may show at one moment, from the round's released results only. */
export interface PresenterSnapshot {
  round: RoundRecord;
  state: PresenterState;
  counts: {
    /** people who have started: sent, or part-way (a role chosen or something answered) */
    started: number;
    /** people who have sent their answers (in the results or waiting for a safe batch) */
    sent: number;
    /** sent answers not in the figures yet (they join in batches, or on Refresh) */
    waiting: number;
  };
  /** The round's report, with its suppression, only once revealed. */
  report: RoundReport | null;
}

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

interface Deps {
  repos: Repositories;
  rounds: RoundService;
  results: ResultsService;
  release: ReleaseService;
  events: EventBus;
  clock: Clock;
  random: RandomSource;
}

/**
 * The workshop presenter: what the room sees (hidden or revealed, which theme), kept in the
 * database, and a snapshot of counts and released results for the screen. Every change is
 * published on the event bus so that every open screen follows.
 */
export function presenterService({ repos, rounds, results, release, events, clock, random }: Deps) {
  const themeCount = (round: RoundRecord) => formThemes(rounds.questionnaireFor(round), round.form).length;

  const state = (round: RoundRecord): PresenterState => {
    const stored = repos.presenter.find(round.id);
    const count = themeCount(round);
    return {
      revealed: stored?.revealed ?? false,
      themeIndex: Math.min(stored?.themeIndex ?? -1, count - 1),
      themeCount: count,
    };
  };

  const save = (round: RoundRecord, next: { revealed: boolean; themeIndex: number }): PresenterState => {
    repos.presenter.save({ roundId: round.id, ...next, now: clock.now() });
    events.publish({ roundId: round.id, kind: 'presenter' });
    return state(round);
  };

  return {
    state,

    snapshot(roundId: number): PresenterSnapshot {
      const round = rounds.get(roundId);
      const s = state(round);
      // forRound settles the round first (a closing time that passed releases what it may).
      const report = s.revealed ? results.forRound(roundId) : null;
      const inResults = repos.responses.countByRole(roundId).reduce((sum, r) => sum + r.n, 0);
      const waiting = repos.responses.countPending(roundId);
      const sent = inResults + waiting;
      return { round: rounds.get(roundId), state: s, counts: { started: sent + rounds.partWay(roundId), sent, waiting }, report };
    },

    reveal: (round: RoundRecord) => save(round, { ...state(round), revealed: true }),
    /** Hides the results; the screen goes back to the join code and counts. Reveal again comes back to the same theme. */
    hide: (round: RoundRecord) => save(round, { revealed: false, themeIndex: state(round).themeIndex }),
    /** Moves by `delta` themes; -1 is the overview, so Previous from the first theme goes back to it. */
    step(round: RoundRecord, delta: number): PresenterState {
      const s = state(round);
      return save(round, { revealed: s.revealed, themeIndex: Math.max(-1, Math.min(s.themeCount - 1, s.themeIndex + delta)) });
    },
    /**
     * The trainer's explicit choice: every waiting answer joins the figures now, even a batch
     * smaller than the minimum (the button says what that means). Returns how many joined.
     */
    refresh(round: RoundRecord): number {
      const added = release.releaseAll(round);
      events.publish({ roundId: round.id, kind: 'presenter' });
      return added;
    },

    /** A read-only presenter link for a co-facilitator; the token is shown once, only its hash is kept. */
    createObserverLink(round: RoundRecord): { id: number; token: string } {
      const token = randomToken(random, 24);
      return { id: repos.presenter.insertObserverLink(hash(token), round.id, clock.now()), token };
    },
    observerLinks: (round: RoundRecord) => repos.presenter.listObserverLinks(round.id),
    revokeObserverLink(round: RoundRecord, linkId: number): void {
      if (!repos.presenter.revokeObserverLink(linkId, round.id, clock.now())) throw new NotFoundError('That observer link was not found or is already revoked');
      // Open observer screens end at their next event; tell them now.
      events.publish({ roundId: round.id, kind: 'presenter' });
    },
    /** The round an observer token opens; unknown and revoked tokens are not found. */
    observedRound(token: string): RoundRecord {
      const link = TOKEN.test(token) ? repos.presenter.findObserverLink(hash(token)) : undefined;
      if (!link) throw new NotFoundError('This link is not valid. It may have been revoked.');
      return rounds.get(link.roundId);
    },
    /** Whether an observer token still works (open streams check it at each event). */
    observerLinkActive: (token: string) => TOKEN.test(token) && repos.presenter.findObserverLink(hash(token)) !== undefined,
  };
}
export type PresenterService = ReturnType<typeof presenterService>;
