import crypto from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';

/** Helmet with a strict CSP: our own scripts and styles only, nothing inline. */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'form-action': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'frame-ancestors': ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    // HSTS only makes sense behind HTTPS; helmet sends it regardless and browsers ignore it on http.
    strictTransportSecurity: { maxAge: 15552000, includeSubDomains: false },
  });
}

export class CsrfError extends Error {
  override name = 'CsrfError';
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Synchroniser-token CSRF protection. The token lives in the server-side session; forms
 * carry it in `_csrf` (or a client sends `X-CSRF-Token`). Views call `csrfToken()`, which
 * creates the token (and so the session) only when a form is actually rendered.
 */
export function csrfProtection(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.csrfToken = () => {
      if (!req.session.csrfToken) req.session.csrfToken = crypto.randomBytes(32).toString('base64url');
      return req.session.csrfToken;
    };
    if (SAFE_METHODS.has(req.method)) return next();
    // A multipart body is not parsed yet, so its token cannot be read here. Only the routes listed
    // in MULTIPART_CSRF_PATHS parse one, and each calls verifyCsrf right after its parser; any
    // other multipart request falls through to the check below and is refused.
    if (req.is('multipart/form-data') && MULTIPART_CSRF_PATHS.has(req.path)) return next();
    try {
      verifyCsrf(req);
    } catch (err) {
      return next(err);
    }
    next();
  };
}

/** Routes that parse multipart bodies themselves and then call {@link verifyCsrf}. */
export const MULTIPART_CSRF_PATHS: ReadonlySet<string> = new Set(['/admin/questionnaires/import']);

/** Throws CsrfError unless the request carries the session's token (in `_csrf` or `X-CSRF-Token`). */
export function verifyCsrf(req: Request): void {
  const sent: unknown = req.body?._csrf ?? req.get('x-csrf-token');
  const expected = req.session?.csrfToken;
  if (typeof sent !== 'string' || !expected || !timingSafeEqualStrings(sent, expected)) {
    throw new CsrfError('The form could not be checked');
  }
}

function timingSafeEqualStrings(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

export interface RateLimitOptions {
  /** The window in milliseconds. */
  windowMs: number;
  /** Requests allowed per key in the window. */
  limit: number;
  /** What the person was trying to do, for the 429 page ("join a round"). */
  action: string;
  /** Defaults to the client address. Return a different key to limit per account, per code… */
  key?: (req: Request) => string;
  /** Count only failed attempts (responses with status >= 400). */
  skipSuccessfulRequests?: boolean;
}

/**
 * A rate limiter for a route. Over the limit the person gets a 429 page (or JSON for the API)
 * saying when to try again. Memory store: limits reset on restart, which is acceptable for
 * a single-process server; nothing is written to disk, so no client address is ever stored.
 */
export function rateLimiter(options: RateLimitOptions): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: options.skipSuccessfulRequests ?? false,
    keyGenerator: options.key,
    // Our keys are never raw IPv6 addresses when `key` is given; the default handles subnets.
    validate: options.key ? { keyGeneratorIpFallback: false } : undefined,
    handler: (req, res) => {
      const minutes = Math.max(1, Math.ceil(options.windowMs / 60_000));
      res.status(429);
      if (req.path.startsWith('/api/')) {
        res.json({ error: `Too many attempts to ${options.action}. Please wait ${minutes} minutes and try again.` });
        return;
      }
      res.render('errors/too-many', { title: 'Too many attempts', action: options.action, minutes });
    },
  });
}
