import fs from 'node:fs';
import path from 'node:path';

/**
 * SECURITY.md names, for every claim, the test that proves it (issue 13, item 10). This keeps the
 * page honest: every file it names exists, and every test name it quotes is in one of the files
 * named in the same bullet, so renaming or deleting a test breaks this test, not the page.
 */
const ROOT = path.join(__dirname, '..', '..');
const page = fs.readFileSync(path.join(ROOT, 'SECURITY.md'), 'utf8');
const claims = page
  .slice(page.indexOf('## Claims'), page.indexOf('## What is not promised'))
  .split(/\n(?=- )/)
  .filter((b) => b.startsWith('- '))
  .map((b) => b.replace(/\s*\n\s*/g, ' '));

describe('SECURITY.md (issue 13, item 10)', () => {
  it('backs every claim with a test file', () => {
    expect(claims.length).toBeGreaterThan(15);
    for (const claim of claims) expect({ claim: claim.slice(0, 60), files: /`(test|scripts)\/[^`]+`/.test(claim) }).toEqual({ claim: claim.slice(0, 60), files: true });
  });

  it.each(claims.map((c) => [c.slice(2, 70), c]))('names files and tests that exist: %s', (_short, claim) => {
    const files = [...claim.matchAll(/`((?:test|scripts)\/[^`\s]+)`/g)].map((m) => m[1]);
    const texts = files.map((f) => {
      expect({ file: f, exists: fs.existsSync(path.join(ROOT, f)) }).toEqual({ file: f, exists: true });
      return fs.readFileSync(path.join(ROOT, f), 'utf8');
    });
    // Quoted names: "…" (with \" for a quote inside a name).
    for (const m of claim.matchAll(/"((?:[^"\\]|\\")+)"/g)) {
      const name = m[1].replace(/\\"/g, '"');
      if (name === 'Security' || name === 'Report a vulnerability') continue;
      expect({ name, found: texts.some((t) => t.includes(name)) }).toEqual({ name, found: true });
    }
  });
});
