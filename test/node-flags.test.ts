import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SERVER_NODE_FLAGS } from '../src/node-flags';

describe('the Node flags the server runs with', () => {
  it('are the ones `npm start` passes, so the benchmark measures what is run', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe(`exec node ${SERVER_NODE_FLAGS.join(' ')} dist/server.js`);
  });

  it('are flags this Node accepts (it refuses to start with one it does not know)', () => {
    const run = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, '-e', '0'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
