import type { PendingResponse, Repositories, RoundRecord } from '../db';
import { releasable, type PendingSummary } from '../domain/release';
import type { EventBus } from './events';
import type { Clock, RandomSource } from './runtime';

/** What a round's page says about answers that are not in its results yet. */
export interface ReleaseStatus {
  mode: RoundRecord['resultsRelease'];
  /** sent answers not in the results yet */
  waiting: number;
  /** the round is open and its results stay hidden until it closes */
  hiddenUntilClose: boolean;
}

const summary = (p: PendingResponse): PendingSummary => ({
  role: p.response.role,
  themes: p.response.themeScores.map((t) => t.themeId),
  items: p.response.answers.filter((a) => a.value !== null).map((a) => a.itemId),
});

/**
 * Moves sent answers into a round's results only when that cannot single anyone out (see
 * domain/release.ts), in a shuffled order so that neither row ids nor the order of rows say who
 * answered when, or which answers and comments belong together beyond what the export shows.
 */
export function releaseService({ repos, random, clock, isClosed, events }: {
  repos: Repositories;
  random: RandomSource;
  clock: Clock;
  isClosed: (round: RoundRecord, now: number) => boolean;
  events: EventBus;
}) {
  const shuffle = <T>(xs: T[]): T[] => {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = random.bytes(4).readUInt32BE(0) % (i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };

  const release = (round: RoundRecord, firstRelease: boolean): number => {
    const pending = repos.responses.pendingFor(round.id);
    if (pending.length === 0) return 0;
    const ready = releasable(pending.map(summary), round.minGroupSize, firstRelease).map((i) => pending[i]);
    return moveIntoResults(round, ready);
  };

  const moveIntoResults = (round: RoundRecord, ready: PendingResponse[]): number => {
    const released = repos.responses.release(round.id, shuffle(ready));
    // The waiting copies are deleted (zeroed by secure_delete); move them out of the WAL too.
    if (released > 0) {
      repos.storage.checkpoint();
      events.publish({ roundId: round.id, kind: 'released' });
    }
    return released;
  };

  return {
    /**
     * Brings a round's results up to date: while it is open, in "batches" mode, releases the groups
     * whose waiting answers make a safe batch; once it has closed (by hand or by its closing time),
     * releases everything if nothing was published before, else the safe batches, holding back the
     * rest (an admin may add them with {@link releaseAll}).
     */
    settle(round: RoundRecord): number {
      if (isClosed(round, clock.now())) return release(round, round.releases === 0);
      return round.resultsRelease === 'batches' ? release(round, false) : 0;
    },
    /** The admin's explicit choice: every waiting answer joins the results now. */
    releaseAll(round: RoundRecord): number {
      return moveIntoResults(round, repos.responses.pendingFor(round.id));
    },
    status(round: RoundRecord): ReleaseStatus {
      return {
        mode: round.resultsRelease,
        waiting: repos.responses.countPending(round.id),
        hiddenUntilClose: round.resultsRelease === 'after-close' && !isClosed(round, clock.now()),
      };
    },
  };
}
export type ReleaseService = ReturnType<typeof releaseService>;
