import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import type { Config } from '../config';
import { pageWords } from './wording';
import { randomToken, type RandomSource } from '../services/runtime';
import { readCookie, setCookie } from './cookies';
import { deriveKey, rememberingMac, sameString } from './sealed';

/**
 * Helmet with a strict CSP: our own scripts and styles only, nothing inline.
 *
 * Every directive is fixed (no nonces, nothing read from the request), so helmet's answer is the
 * same for every request: it is worked out once, here, and each request gets the recorded headers
 * (helmet rebuilt the policy string and ran a dozen middlewares per request; issue 12).
 */
export function securityHeaders(): RequestHandler {
  const recorded: { set: [string, string][]; removed: string[] } = { set: [], removed: [] };
  const recorder = {
    setHeader: (name: string, value: string) => void recorded.set.push([name, value]),
    removeHeader: (name: string) => void recorded.removed.push(name),
  };
  let done = false;
  helmetHeaders()({} as Request, recorder as unknown as Response, (err?: unknown) => {
    if (err) throw err;
    done = true;
  });
  // Helmet answers synchronously; if a later version did not, this would say so at start-up.
  if (!done) throw new Error('helmet did not set its headers synchronously');
  return (_req, res, next) => {
    for (const name of recorded.removed) res.removeHeader(name);
    for (const [name, value] of recorded.set) res.setHeader(name, value);
    next();
  };
}

/** Helmet itself, with our settings (securityHeaders replays what it sets). */
export function helmetHeaders(): RequestHandler {
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
/** The browser's CSRF secret for visitors without a signed-in session (a random value; the server keeps nothing). */
export const CSRF_COOKIE = 'ps_csrf';
const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;

export interface CsrfDeps {
  /** The server secret; the CSRF key is derived from it. */
  secret: string;
  random: RandomSource;
  config: Config;
}

/** Signed in: the session is stored anyway, so the token lives in it (bound to that session). */
const signedIn = (req: Request) => req.session?.adminId !== undefined;

/**
 * Synchroniser-token CSRF protection that stores nothing for people who are not signed in.
 *
 * - A signed-in admin's token lives in their server-side session.
 * - Everyone else (respondents, the sign-in and set-up pages) gets a signed double-submit token:
 *   a random value in an HttpOnly cookie, and in the form its HMAC under a key derived from the
 *   server secret. Another site can neither read the cookie nor compute the HMAC. So a
 *   cookie-less GET of a page with a form stores no session row, and respondents, who never
 *   sign in, never get a server-side session at all (issue 16: no submission times).
 *
 * Views call `csrfToken()`, which sets the cookie only when a form is actually rendered.
 * Forms carry the token in `_csrf` (or a client sends `X-CSRF-Token`).
 */
export function csrfProtection({ secret, random, config }: CsrfDeps): RequestHandler {
  const tokenOf = rememberingMac(deriveKey(secret, 'csrf'));
  const verify = (req: Request) => {
    const sent: unknown = req.body?._csrf ?? req.get('x-csrf-token');
    let expected: string | undefined;
    if (signedIn(req)) expected = req.session.csrfToken;
    else {
      const cookie = readCookie(req, CSRF_COOKIE);
      expected = cookie && COOKIE_VALUE.test(cookie) ? tokenOf(cookie) : undefined;
    }
    if (typeof sent !== 'string' || !expected || !sameString(sent, expected)) {
      throw new CsrfError('The form could not be checked');
    }
  };
  return (req: Request, res: Response, next: NextFunction) => {
    let fresh: string | undefined;
    // The cookie's token, worked out once a request: a page with two forms (a language switch
    // and its own) asks twice, and each answer is an HMAC.
    let token: string | undefined;
    res.locals.csrfToken = () => {
      if (signedIn(req)) {
        if (!req.session.csrfToken) req.session.csrfToken = randomToken(random, 32);
        return req.session.csrfToken;
      }
      if (token !== undefined) return token;
      const cookie = readCookie(req, CSRF_COOKIE);
      if (cookie && COOKIE_VALUE.test(cookie)) return (token = tokenOf(cookie));
      if (!fresh) {
        fresh = randomToken(random, 32);
        setCookie(req, res, config, CSRF_COOKIE, fresh, { path: '/' });
      }
      return (token = tokenOf(fresh));
    };
    res.locals.verifyCsrf = () => verify(req);
    if (SAFE_METHODS.has(req.method)) return next();
    // A multipart body is not parsed yet, so its token cannot be read here. Only the routes listed
    // in MULTIPART_CSRF_PATHS parse one, and each calls verifyCsrf right after its parser; any
    // other multipart request falls through to the check below and is refused.
    if (req.is('multipart/form-data') && MULTIPART_CSRF_PATHS.has(req.path)) return next();
    try {
      verify(req);
    } catch (err) {
      return next(err);
    }
    next();
  };
}

/** Routes that parse multipart bodies themselves and then call {@link verifyCsrf}. */
export const MULTIPART_CSRF_PATHS: ReadonlySet<string> = new Set(['/admin/questionnaires/import']);

/** Throws CsrfError unless the request carries its valid token (in `_csrf` or `X-CSRF-Token`). */
export function verifyCsrf(_req: Request, res: Response): void {
  const verify = res.locals.verifyCsrf as (() => void) | undefined;
  if (!verify) throw new CsrfError('The form could not be checked');
  verify();
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
    validate: {
      // Our keys are never raw IPv6 addresses when `key` is given; the default handles subnets.
      ...(options.key ? { keyGeneratorIpFallback: false } : {}),
      // These print a stack trace to the log for an ordinary request (any client can send the
      // headers). The app checks the proxy set-up itself and says so in one line (see
      // proxyHeaderWarning); trust proxy is one hop, never the permissive `true`.
      xForwardedForHeader: false,
      forwardedHeader: false,
      trustProxy: false,
    },
    handler: (req, res) => {
      const minutes = Math.max(1, Math.ceil(options.windowMs / 60_000));
      res.status(429);
      if (req.path.startsWith('/api/')) {
        res.json({ error: `Too many attempts to ${options.action}. Please wait ${minutes} minutes and try again.` });
        return;
      }
      res.render('errors/too-many', { title: pageWords(res)('tooMany.title'), action: options.action, minutes });
    },
  });
}

/**
 * One log line (once per app) when a request carries X-Forwarded-For but TRUST_PROXY is off: the
 * server is probably behind a proxy it does not trust, so every client shares the proxy's address
 * for rate limits. Never a stack trace, never the header's value or any client address.
 */
export function proxyHeaderWarning(trustProxy: boolean, log: (line: string) => void = (line) => console.warn(line)): RequestHandler {
  let warned = false;
  return (req, _res, next) => {
    if (!trustProxy && !warned && req.headers['x-forwarded-for'] !== undefined) {
      warned = true;
      log('[config] A request arrived with an X-Forwarded-For header but TRUST_PROXY is not set: if Powershare runs behind a reverse proxy, set TRUST_PROXY=true so rate limits apply per client. (Shown once.)');
    }
    next();
  };
}
