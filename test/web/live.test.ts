import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { eventBus } from '../../src/services/events';
import { liveStreams } from '../../src/web/live';
import { openSse } from '../helpers/sse';
import { captureLogs } from '../helpers/logs';

async function serve(app: express.Express) {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('live streams (the bus as server-sent events)', () => {
  it('sends heartbeats as comment lines, coalesces a burst into one computation, and lets go when the client leaves', async () => {
    const bus = eventBus();
    let computed = 0;
    const live = liveStreams(bus, async (roundId) => ({ roundId, n: ++computed }), { heartbeatMs: 30, coalesceMs: 20 });
    const app = express();
    app.get('/events/:id', (req, res) => void live.open(req, res, Number(req.params.id)));
    const server = await serve(app);
    try {
      const a = await openSse(`${server.base}/events/7`);
      const b = await openSse(`${server.base}/events/7`);
      await Promise.all([a.next(), b.next()]);
      expect(live.count(7)).toBe(2);
      expect(bus.listenerCount(7)).toBe(1); // one listener per round, however many screens
      const seen = computed;
      for (let i = 0; i < 50; i++) bus.publish({ roundId: 7, kind: 'submitted' });
      bus.publish({ roundId: 8, kind: 'submitted' }); // another round: nobody here hears it
      const msg = JSON.parse((await a.next(undefined, 1000, 1)).data) as { n: number };
      await b.next(undefined, 1000, 1);
      // Fifty events in a burst: computed once, sent to both screens.
      expect(computed).toBe(seen + 1);
      expect(msg.n).toBe(seen + 1);
      await new Promise((r) => setTimeout(r, 80));
      expect(a.comments.filter((c) => c.startsWith(': heartbeat')).length).toBeGreaterThanOrEqual(1);
      a.close();
      b.close();
      const until = Date.now() + 1000;
      while (live.count() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      expect(live.count()).toBe(0);
      expect(bus.listenerCount()).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('ends every stream when the bus ends, and ends new ones at once', async () => {
    const bus = eventBus();
    const live = liveStreams(bus, async () => ({ ok: true }));
    const app = express();
    app.get('/events/:id', (req, res) => void live.open(req, res, Number(req.params.id)));
    const server = await serve(app);
    try {
      const a = await openSse(`${server.base}/events/1`);
      await a.next();
      bus.end();
      await a.ended;
      const late = await openSse(`${server.base}/events/1`);
      await late.ended;
      expect(late.events).toHaveLength(0);
      expect(live.count()).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('a listener that throws does not stop the others', () => {
    const logs = captureLogs();
    const bus = eventBus(logs.logger);
    const heard: string[] = [];
    bus.subscribe(1, () => {
      throw new Error('boom');
    });
    bus.subscribe(1, (e) => heard.push(e.kind));
    bus.publish({ roundId: 1, kind: 'closed' });
    expect(heard).toEqual(['closed']);
    expect(logs.entries()).toEqual([expect.objectContaining({ level: 'error', roundId: 1, msg: '[events] a listener failed', err: expect.objectContaining({ message: 'boom' }) })]);
  });

  it('at each heartbeat, ends a stream that is no longer allowed and tells the others it beat', async () => {
    const bus = eventBus();
    const live = liveStreams(bus, async () => ({ ok: true }), { heartbeatMs: 20 });
    let allowed = true;
    let beats = 0;
    const app = express();
    app.get('/events/:id', (req, res) => void live.open(req, res, Number(req.params.id), () => allowed, () => void beats++));
    const server = await serve(app);
    try {
      const a = await openSse(`${server.base}/events/3`);
      await a.next();
      const until = Date.now() + 1000;
      while (beats < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      expect(beats).toBeGreaterThanOrEqual(2);
      allowed = false; // e.g. the admin's session reached its absolute limit
      await a.ended;
    } finally {
      await server.close();
    }
  });
});
