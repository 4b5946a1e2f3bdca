import type { Request, Response } from 'express';
import { createLogger, type Logger } from '../log';
import type { EventBus } from '../services/events';

/** What one server-sent event carries: computed once per round per change, sent to every screen. */
export type LiveMessage = Record<string, unknown>;

interface Stream {
  res: Response;
  /** Checked before each message and heartbeat (a link revoked, a session ended): false ends the stream. */
  allowed: () => boolean;
  /** Called at each heartbeat while the stream is allowed (an admin's open screen counts as activity). */
  onHeartbeat?: () => void;
}

interface RoundHub {
  streams: Set<Stream>;
  unsubscribe: () => void;
  timer: NodeJS.Timeout | undefined;
}

export interface LiveOptions {
  /** comment lines this often keep proxies from closing a quiet stream */
  heartbeatMs?: number;
  /** changes within this window are sent as one message (a room pressing Send together) */
  coalesceMs?: number;
  /** where failures are reported (the services' structured log) */
  logger?: Pick<Logger, 'error'>;
}

/**
 * Turns the service event bus into server-sent event streams. Per round, it listens to the bus
 * while at least one screen is open, and computes the message once per burst of events for all
 * that round's screens. Each stream gets the current state as soon as it connects (which is also
 * what a browser's automatic reconnect gets), heartbeats, and is released when the client goes.
 * When the bus ends (shutdown), every stream is ended, so a graceful stop does not wait on them.
 */
export function liveStreams(events: EventBus, compute: (roundId: number) => Promise<LiveMessage>, options: LiveOptions = {}) {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const coalesceMs = options.coalesceMs ?? 100;
  const logger = options.logger ?? createLogger({ logLevel: 'info' });
  const hubs = new Map<number, RoundHub>();
  let sequence = 0;

  const write = (stream: Stream, message: LiveMessage) => {
    if (!stream.allowed()) {
      stream.res.end();
      return;
    }
    sequence += 1;
    stream.res.write(`id: ${sequence}\nevent: state\ndata: ${JSON.stringify(message)}\n\n`);
  };

  const endRound = (roundId: number) => {
    const hub = hubs.get(roundId);
    if (!hub) return;
    hubs.delete(roundId);
    clearTimeout(hub.timer);
    hub.unsubscribe();
    for (const s of hub.streams) s.res.end();
    hub.streams.clear();
  };

  const broadcast = async (roundId: number) => {
    const hub = hubs.get(roundId);
    if (!hub) return;
    hub.timer = undefined;
    let message: LiveMessage;
    try {
      message = await compute(roundId);
    } catch (err) {
      // The round was deleted, or something broke: the screens end and the browser retries.
      logger.error({ err, roundId }, '[live] could not build the state of a round');
      endRound(roundId);
      return;
    }
    for (const s of hub.streams) write(s, message);
  };

  const heartbeat = setInterval(() => {
    for (const hub of hubs.values()) {
      for (const s of hub.streams) {
        if (!s.allowed()) {
          s.res.end();
          continue;
        }
        s.res.write(': heartbeat\n\n');
        s.onHeartbeat?.();
      }
    }
  }, heartbeatMs);
  heartbeat.unref();

  const hubFor = (roundId: number): RoundHub => {
    const hub = hubs.get(roundId);
    if (hub) return hub;
    const created: RoundHub = { streams: new Set(), unsubscribe: () => undefined, timer: undefined };
    hubs.set(roundId, created);
    created.unsubscribe = events.subscribe(roundId, (event) => {
      if (event.kind === 'end') return endRound(roundId);
      created.timer ??= setTimeout(() => void broadcast(roundId), coalesceMs);
    });
    return created;
  };

  return {
    /** Serves one stream for a round; resolves once the first message is written. */
    async open(req: Request, res: Response, roundId: number, allowed: () => boolean = () => true, onHeartbeat?: () => void): Promise<void> {
      res.status(200);
      res.set({
        'Content-Type': 'text/event-stream; charset=utf-8',
        // no-transform: no proxy (nor our compression) may buffer or rewrite the stream.
        'Cache-Control': 'no-store, no-transform',
        'X-Accel-Buffering': 'no',
      });
      res.flushHeaders();
      req.socket.setNoDelay(true);
      // Reconnect after 3 s if the connection drops (a restart, Wi-Fi).
      res.write('retry: 3000\n\n');
      const hub = hubFor(roundId);
      const stream: Stream = { res, allowed, onHeartbeat };
      if (!hubs.has(roundId)) {
        // The bus ended while subscribing (shutdown): nothing more will come.
        res.end();
        return;
      }
      hub.streams.add(stream);
      const release = () => {
        hub.streams.delete(stream);
        if (hub.streams.size === 0 && hubs.get(roundId) === hub) {
          hubs.delete(roundId);
          clearTimeout(hub.timer);
          hub.unsubscribe();
        }
      };
      res.on('close', release);
      try {
        write(stream, await compute(roundId));
      } catch (err) {
        logger.error({ err, roundId }, '[live] could not build the state of a round');
        res.end();
      }
    },
    /** Open streams (all rounds, or one). */
    count(roundId?: number): number {
      if (roundId !== undefined) return hubs.get(roundId)?.streams.size ?? 0;
      let n = 0;
      for (const hub of hubs.values()) n += hub.streams.size;
      return n;
    },
  };
}
export type LiveStreams = ReturnType<typeof liveStreams>;
