import { createLogger, type Logger } from '../log';
// One in-process event bus for live workshop screens. Services publish what happened to a
// round (someone started, someone sent, results were released, the presenter revealed, hid or
// moved to another theme, the round closed); the web layer turns it into server-sent events.
// Nothing here knows about HTTP: a listener is just a function.

export type RoundEventKind = 'started' | 'submitted' | 'released' | 'presenter' | 'closed' | 'opened';

export interface RoundEvent {
  roundId: number;
  kind: RoundEventKind;
}

/** The bus is shutting down: listeners should finish (an SSE stream ends its response). */
export type BusEnd = { kind: 'end' };

export type RoundListener = (event: RoundEvent | BusEnd) => void;

/** `logger`: where a failing listener is reported (the services' structured log). */
export function eventBus(logger: Pick<Logger, 'error'> = createLogger({ logLevel: 'info' })) {
  const byRound = new Map<number, Set<RoundListener>>();
  let ended = false;

  return {
    /** Calls `listener` for each event of one round, until the returned function is called. */
    subscribe(roundId: number, listener: RoundListener): () => void {
      if (ended) {
        listener({ kind: 'end' });
        return () => undefined;
      }
      let set = byRound.get(roundId);
      if (!set) byRound.set(roundId, (set = new Set()));
      set.add(listener);
      return () => {
        const current = byRound.get(roundId);
        if (!current) return;
        current.delete(listener);
        if (current.size === 0) byRound.delete(roundId);
      };
    },

    /** Tells every listener of the round; a listener that throws is reported and does not stop the others. */
    publish(event: RoundEvent): void {
      const set = byRound.get(event.roundId);
      if (!set) return;
      for (const listener of [...set]) {
        try {
          listener(event);
        } catch (err) {
          logger.error({ err, roundId: event.roundId }, '[events] a listener failed');
        }
      }
    },

    /** How many listeners are attached (all rounds, or one). */
    listenerCount(roundId?: number): number {
      if (roundId !== undefined) return byRound.get(roundId)?.size ?? 0;
      let n = 0;
      for (const set of byRound.values()) n += set.size;
      return n;
    },

    /** At shutdown: every listener hears "end" once and is dropped; later subscribers hear it at once. */
    end(): void {
      ended = true;
      const all = [...byRound.values()].flatMap((s) => [...s]);
      byRound.clear();
      for (const listener of all) {
        try {
          listener({ kind: 'end' });
        } catch (err) {
          logger.error({ err }, '[events] a listener failed at shutdown');
        }
      }
    },
  };
}
export type EventBus = ReturnType<typeof eventBus>;
