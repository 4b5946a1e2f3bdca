import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/db';

describe('openDatabase', () => {
  it("keeps SQLite's page cache to its own default of 2 MB, not better-sqlite3's 16 MB (issue 12: resident memory)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'powershare-connection-'));
    try {
      const db = openDatabase(path.join(dir, 'powershare.db'));
      // Negative: a size in KiB rather than in pages.
      expect(db.pragma('cache_size', { simple: true })).toBe(-2000);
      db.close();
      expect(openDatabase(':memory:').pragma('cache_size', { simple: true })).toBe(-2000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
