import type { Request, Response } from 'express';
import type { Config } from '../config';

/** Reads one cookie from the request (express-session parses only its own). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
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
