// The documentation keeps its promises: example files validate with the real schema, every
// `npm run X` the README names exists, and every image the README shows is in git.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseQuestionnaire } from '../src/domain/questionnaire';

const root = path.join(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const inGit = new Set(execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n'));
const docs = fs.readdirSync(path.join(root, 'docs'), { recursive: true, encoding: 'utf8' });
const markdown = ['README.md', ...docs.filter((f) => f.endsWith('.md')).map((f) => path.join('docs', f))];

describe('docs', () => {
  const examples = docs.filter((f) => f.endsWith('.json'));
  it('has at least one example questionnaire', () => expect(examples.length).toBeGreaterThan(0));

  it.each(examples)('docs/%s is a valid questionnaire definition', (file) => {
    const result = parseQuestionnaire(JSON.parse(read(path.join('docs', file))));
    if (!result.ok) throw new Error(JSON.stringify(result, null, 2));
    expect(result.ok).toBe(true);
  });

  it.each(markdown)('every `npm run X` named in %s is a script in package.json', (file) => {
    const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
    const named = [...read(file).matchAll(/npm run ([a-z][\w:-]*)/g)].map((m) => m[1]);
    for (const name of named) expect(scripts).toContain(name);
  });

  it.each(markdown)('every image and local link in %s exists in git', (file) => {
    const dir = path.dirname(file);
    const targets = [...read(file).matchAll(/!?\[[^\]]*\]\(([^)\s#]+)(?:#[^)]*)?\)/g)].map((m) => m[1]).filter((t) => !/^[a-z]+:/.test(t));
    for (const target of targets) expect(inGit).toContain(path.posix.normalize(path.posix.join(dir, target)));
  });
});
