import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testConfig } from '../src/config';
import { startServer } from '../src/server';

describe('set-up code at start', () => {
  it('prints a fresh one-time code and the set-up address at each start while no owner exists, and none after', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'powershare-setup-'));
    const config = testConfig({ port: 0, host: '127.0.0.1', databasePath: path.join(dir, 'p.db') });
    const start = async () => {
      const lines: string[] = [];
      const running = await startServer(config, (line) => lines.push(line));
      return { running, text: lines.join('\n') };
    };
    try {
      const first = await start();
      const code1 = /set-up code: ([A-Z0-9-]+)/.exec(first.text)?.[1];
      expect(code1).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      expect(first.text).toContain(`${first.running.url}/setup`);
      await first.running.shutdown();

      const second = await start();
      const code2 = /set-up code: ([A-Z0-9-]+)/.exec(second.text)?.[1];
      expect(code2).toBeDefined();
      expect(code2).not.toBe(code1);
      await second.running.services.accounts.setupOwner({ code: code2!, email: 'o@example.org', password: 'violet-harbour-kettle-58', confirm: 'violet-harbour-kettle-58' });
      await second.running.shutdown();

      const third = await start();
      expect(third.text).not.toContain('set-up code');
      await third.running.shutdown();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
