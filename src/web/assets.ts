import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Response } from 'express';
import { projectPath } from '../paths';

export const PUBLIC_DIR = projectPath('public');

/**
 * Asset URLs carry a hash of the file's content, so browsers may cache them for a year
 * and still see a new version at once after an upgrade.
 */
export function assetUrls(publicDir: string = PUBLIC_DIR) {
  const cache = new Map<string, string>();
  return (urlPath: string): string => {
    let url = cache.get(urlPath);
    if (!url) {
      let version = 'missing';
      try {
        version = crypto.createHash('sha256').update(fs.readFileSync(path.join(publicDir, urlPath))).digest('hex').slice(0, 12);
      } catch {
        // A missing asset still gets a URL; the 404 shows up in the browser and in tests.
      }
      url = `${urlPath}?v=${version}`;
      cache.set(urlPath, url);
    }
    return url;
  };
}

/** Versioned requests are immutable; anything else is cached briefly. */
export function setStaticCacheHeaders(res: Response): void {
  const versioned = typeof res.req.query?.v === 'string';
  res.setHeader('Cache-Control', versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
}

/**
 * Whether a request path can name a file in public/ (its top-level folders and files, read once at
 * start; vendor/ always, as the build writes it). Other paths skip the static middleware, which
 * would otherwise ask the file system (a stat in the thread pool) for every page before its route.
 */
export function publicPathTest(publicDir: string = PUBLIC_DIR): (urlPath: string) => boolean {
  let entries: fs.Dirent[] = [];
  try {
    entries = fs.readdirSync(publicDir, { withFileTypes: true });
  } catch {
    // No public folder: nothing to serve.
  }
  const folders = new Set(['vendor', ...entries.filter((e) => e.isDirectory()).map((e) => e.name)]);
  const files = new Set(entries.filter((e) => e.isFile()).map((e) => e.name));
  return (urlPath) => {
    const slash = urlPath.indexOf('/', 1);
    return slash === -1 ? files.has(urlPath.slice(1)) : folders.has(urlPath.slice(1, slash));
  };
}
