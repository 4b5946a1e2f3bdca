import type { Request, Response } from 'express';
import type { Config } from '../config';

/** A request's Cookie header, split once: each name's first value, as sent (see readCookie). */
const PARSED = Symbol('cookies');
type WithCookies = Request & { [PARSED]?: { header: string; values: Map<string, string> } };

function cookiesOf(req: Request, header: string): Map<string, string> {
  const kept = (req as WithCookies)[PARSED];
  if (kept && kept.header === header) return kept.values;
  const values = new Map<string, string>();
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!values.has(name)) values.set(name, part.slice(eq + 1).trim());
  }
  (req as WithCookies)[PARSED] = { header, values };
  return values;
}

/**
 * Reads one cookie from the request (express-session parses only its own): the first one of that
 * name, decoded; undefined if it cannot be decoded. The header is split once a request, however
 * many cookies a page reads (a theme page reads four, some twice).
 */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  const raw = cookiesOf(req, header).get(name);
  if (raw === undefined) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** An HttpOnly, SameSite=Lax cookie, Secure by the same rule as the session cookie; without maxAgeMs it ends with the browser session. */
export function setCookie(req: Request, res: Response, config: Config, name: string, value: string, options: { path: string; maxAgeMs?: number }) {
  res.cookie(name, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure === 'auto' ? req.secure : config.cookieSecure,
    path: options.path,
    maxAge: options.maxAgeMs,
  });
}

/** Removes a cookie set with {@link setCookie} (same path). */
export function clearCookie(req: Request, res: Response, config: Config, name: string, path: string) {
  res.clearCookie(name, { httpOnly: true, sameSite: 'lax', secure: config.cookieSecure === 'auto' ? req.secure : config.cookieSecure, path });
}
