import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { testConfig } from '../src/config';
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
