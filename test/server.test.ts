import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, testConfig } from '../src/config';
import { startServer } from '../src/server';

describe('startServer', () => {
  it('serves on 127.0.0.1 and shuts down gracefully, finishing a request in flight', async () => {
    const running = await startServer(testConfig({ port: 0, host: '127.0.0.1' }), () => undefined);
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // Recorded for the CLI's sign-in hint (issue 16, item 7), with the real port.
    expect(running.services.serverAddress.recorded()).toBe(running.url);
    const port = Number(new URL(running.url).port);

    // A request whose headers are still arriving when shutdown begins.
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n');
    await new Promise((r) => setTimeout(r, 50));
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    const closed = running.shutdown();
    socket.write('\r\n');
    await closed;
    expect(received).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(received).toContain('"database":"ok"');
    expect(running.db.open).toBe(false);
    expect(running.server.listening).toBe(false);
    socket.destroy();
  });

  it('empties the WAL into the database file at shutdown (issue 16: deleted means gone)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'powershare-shutdown-'));
    try {
      const file = path.join(dir, 'p.db');
      const running = await startServer(testConfig({ port: 0, host: '127.0.0.1', databasePath: file }), () => undefined);
      const checkpoint = jest.spyOn(running.services.maintenance, 'checkpoint');
      running.services.organisations.create('Written before shutdown');
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
      await running.shutdown();
      expect(checkpoint).toHaveBeenCalledTimes(1);
      expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('shutdown is bounded (issue 17.4)', () => {
  const connect = async (port: number) => {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())));
    socket.on('error', () => undefined);
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    return { socket, closed, received: () => received };
  };

  it('defaults to a grace under 10 seconds, and refuses 10 or more', () => {
    expect(loadConfig({}).shutdownGraceMs).toBe(5000);
    expect(loadConfig({ SHUTDOWN_GRACE_SECONDS: '2' }).shutdownGraceMs).toBe(2000);
    expect(() => loadConfig({ SHUTDOWN_GRACE_SECONDS: '10' })).toThrow(/SHUTDOWN_GRACE_SECONDS="10" must be at most 9/);
  });

  it('cuts off a stalled upload and an idle keep-alive connection instead of waiting for them', async () => {
    const grace = 400;
    const running = await startServer(testConfig({ port: 0, host: '127.0.0.1', shutdownGraceMs: grace }), () => undefined);
    const port = Number(new URL(running.url).port);

    // A keep-alive connection that has had its answer and now sits idle.
    const idle = await connect(port);
    idle.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
    for (let i = 0; i < 100 && !idle.received().includes('"status"'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(idle.received()).toMatch(/^HTTP\/1\.1 200 OK/);

    // An upload that promised 100 kB and sent 20 bytes, then stalled.
    const stalled = await connect(port);
    stalled.socket.write(
      'POST /join HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\ncode=ABCDEF&filler=x',
    );
    await new Promise((r) => setTimeout(r, 50));

    const started = Date.now();
    await running.shutdown();
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(grace - 20); // the stalled upload had its grace...
    expect(took).toBeLessThan(grace + 1500); // ...and no more
    expect(await idle.closed).toBeLessThan(started + 300); // idle: closed at once, not at the deadline
    expect(await stalled.closed).toBeLessThan(started + grace + 1500);
    expect(running.server.listening).toBe(false);
    expect(running.db.open).toBe(false);
  });
});
