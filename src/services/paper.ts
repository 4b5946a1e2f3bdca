import { parsePaperForm, type PaperForm } from '../domain/paper-form';
import { chooseWording, type FieldError } from '../domain/questionnaire';
import type { Repositories, RoundRecord } from '../db';
import { ConflictError } from './errors';
import type { EventBus } from './events';
import type { ReleaseService } from './release';
import { buildResponse } from './response-build';
import type { RoundService } from './rounds';
import type { Clock } from './runtime';

/** Whether returned paper forms may be keyed into a round now, and if not, why not (for the page). */
export type KeyingState = { allowed: true; closed: boolean } | { allowed: false; reason: string };

/**
 * Returned paper forms, keyed in by an admin. Each form becomes one response that waits and is
 * released by the same rule as online answers (domain/release.ts), scored by the same rubric;
 * only its channel says "paper". Nothing records who keyed it: the response holds no admin, and
 * the only handle on it (for undo) is the random id of the waiting row, returned to the caller.
 */
export function paperService({ repos, rounds, release, clock, events, isClosed }: {
  repos: Repositories;
  rounds: RoundService;
  release: ReleaseService;
  clock: Clock;
  events: EventBus;
  isClosed: (round: RoundRecord, now: number) => boolean;
}) {
  /**
   * The rule: a round in draft takes no forms (nothing was sent out yet). An open round takes
   * them. A closed round still takes them (forms come back by post after the closing date) until
   * its results page is published to the people who answered: from then on the results are
   * final, and an admin who must add late forms unpublishes the page first.
   */
  const keying = (round: RoundRecord): KeyingState => {
    if (round.status === 'draft') return { allowed: false, reason: 'This round has not been opened yet. Open it before keying in paper forms.' };
    const closed = isClosed(round, clock.now());
    if (closed && repos.publishedResults.publishedAt(round.id) !== null) {
      return {
        allowed: false,
        reason: 'This round’s results have been published to the people who answered, so its figures are final and no more paper forms can be added. To add late forms, unpublish the results page on the round’s page first.',
      };
    }
    return { allowed: true, closed };
  };

  const requireKeying = (round: RoundRecord) => {
    const state = keying(round);
    if (!state.allowed) throw new ConflictError(state.reason);
  };

  return {
    keying,
    /** Parses a keyed-in form against the round's questionnaire, form and roles (writes nothing). */
    parse(round: RoundRecord, body: unknown): { ok: true; form: PaperForm } | { ok: false; errors: FieldError[] } {
      return parsePaperForm(rounds.questionnaireFor(round), round.form, round.roles.map((r) => r.id), body);
    },
    /**
     * Adds one checked paper form: it waits with the online answers and is released by the same
     * rule. Returns the waiting row's random id: the caller may keep it briefly to undo this form.
     * `printed`: the language and Easy Read of the printed version it was filled in on (the
     * questionnaire's own standard wording if not given or not one it has).
     * @throws ConflictError when the round does not take paper forms now (see `keying`)
     */
    enter(round: RoundRecord, form: PaperForm, printed: { language?: string; easyRead?: boolean } = {}): string {
      requireKeying(round);
      const q = rounds.questionnaireFor(round);
      const { response } = buildResponse(q, round, form.role, form.answers, 'paper', clock.now());
      // The printed version's wording (a paper form carries item ids only, so it scores the same):
      // counted for the whole round like an online answer's, never by role.
      const id = repos.responses.addPending({ ...response, ...chooseWording(q, printed.language ? [printed.language] : [], printed.easyRead ?? false) });
      release.settle(rounds.get(round.id));
      events.publish({ roundId: round.id, kind: 'submitted' });
      repos.storage.checkpoint();
      return id;
    },
    /**
     * Takes back a keyed form that is still waiting. Once released into the results it can no
     * longer be told apart from the others (that is the point), so undo then returns false.
     */
    undo(round: RoundRecord, pendingId: string): boolean {
      const undone = repos.responses.withdrawPending(round.id, pendingId);
      if (undone) {
        // The deleted row is zeroed by secure_delete; move it out of the WAL as well.
        repos.storage.checkpoint();
        events.publish({ roundId: round.id, kind: 'submitted' });
      }
      return undone;
    },
  };
}
export type PaperService = ReturnType<typeof paperService>;
