import fs from 'node:fs';
import path from 'node:path';

/**
 * The folder holding package.json, found by walking up from this file, so views, public files
 * and migrations resolve the same from src/ (tests), dist/ (production) or a benchmark build.
 */
function findProjectRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findProjectRoot(__dirname);
export const projectPath = (...parts: string[]) => path.join(PROJECT_ROOT, ...parts);
