import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { ZodError } from 'zod';
import type { Config } from '../config';
import { pageWords, usePageLanguage, visitorLanguage } from './wording';
import { ConflictError, ForbiddenError, GoneError, NotFoundError, ValidationError } from '../services/errors';
import { isStorageFull, storageProblemOf, type StorageService } from '../services/storage';
import { MalformedBodyError, UnsupportedBodyError } from './body';
import type { Logger } from '../log';
import { allowedMethods, routePattern } from './route-table';
import { MIN_SHARED_ITEMS } from '../domain/trend-items';
import { CsrfError } from './security';

interface ErrorView {
  status: number;
  title: string;
  message: string;
  /** the page catalogue's words for it (errors.<key>.title and .message), where it has them */
  key?: 'csrf' | 'storage' | 'readOnly' | 'tooLarge' | 'badRequest' | 'server';
  /** otherwise the catalogue's title (report.errors.<titleKey>); the message is the service's own */
  titleKey?: 'notFound' | 'gone' | 'conflict' | 'forbidden' | 'invalid' | 'badRequest';
}

/**
 * Services' messages (English) that non-respondent pages meet most, and their catalogue keys
 * (mostly report.errors.known.*), so a Welsh page says them in Welsh. Any other message is shown as it
 * is, marked lang="en" on a page in another language.
 */
const KNOWN_MESSAGES: [RegExp, string][] = [
  [/^This link is not valid\. It may have been revoked\.$/, 'report.errors.known.linkInvalid'],
  [/^That round was not found$/, 'report.errors.known.roundNotFound'],
  [/^That organisation was not found$/, 'report.errors.known.organisationNotFound'],
  [/^That theme is not in this round’s questionnaire$/, 'report.errors.known.themeNotInRound'],
  [/^Comments are not shown for this round yet$/, 'report.errors.known.commentsNotYet'],
  [/^There is no such page of comments$/, 'report.errors.known.noCommentPage'],
  [/^Choose at most (?<n>\d+) rounds to compare\.$/, 'report.errors.known.chooseAtMost'],
  [/^Some of what was sent could not be understood\.$/, 'report.errors.unreadable'],
  [/^The rounds could not be read\. List the rounds/, 'report.errors.known.roundsUnreadable'],
  [/^Send each field as text or as a list of text, as a form does\.$/, 'report.errors.known.fieldsAsText'],
  [/^Say whether to hide or show the comment$/, 'report.errors.known.hideOrShow'],
  [/^This organisation has fewer than two closed survey rounds/, 'report.trends.refusal.noDefault'],
  [/^Choose at least two rounds to compare\.$/, 'report.trends.refusal.tooFewRounds'],
  [/^These rounds share too few questions to be compared/, 'report.trends.refusal.tooFewShared'],
];

/** A service's message in the page's words where the catalogue has it; `lang` marks one left in English. */
export function wordMessage(message: string, t: (key: string, values?: Record<string, string>) => string, language: string): { text: string; lang: string | null } {
  for (const [pattern, key] of KNOWN_MESSAGES) {
    const m = pattern.exec(message);
    if (m) return { text: t(key, { n: String(MIN_SHARED_ITEMS), ...m.groups }), lang: null };
  }
  return { text: message, lang: language === 'en' ? null : 'en' };
}

/** Maps what was thrown to a status and words a person can act on. */
export function describeError(err: unknown): ErrorView {
  if (err instanceof CsrfError) {
    return {
      status: 403,
      key: 'csrf',
      title: 'This form has expired',
      message:
        'For your security we could not accept this form: it may have been open for a long time, or sent from another site. Go back, reload the page and try again.',
    };
  }
  const problem = storageProblemOf(err);
  if (problem) {
    const why = problem === 'full' ? 'The server has run out of storage space' : 'The server cannot write to its database at the moment';
    return {
      status: 503,
      key: problem === 'full' ? 'storage' : 'readOnly',
      title: 'Cannot save right now',
      message: `${why}, so what you sent was not saved. Everything saved before is safe. Please try again later; if this keeps happening, tell the person who runs this site.`,
    };
  }
  if (err instanceof NotFoundError) return { status: 404, titleKey: 'notFound', title: 'Page not found', message: err.message };
  if (err instanceof GoneError) return { status: 410, titleKey: 'gone', title: 'No longer available', message: err.message };
  if (err instanceof ConflictError) return { status: 409, titleKey: 'conflict', title: 'That could not be done', message: err.message };
  if (err instanceof ForbiddenError) return { status: 403, titleKey: 'forbidden', title: 'Not allowed', message: err.message };
  if (err instanceof ValidationError) return { status: 400, titleKey: 'invalid', title: 'There is a problem', message: err.message };
  if (err instanceof MalformedBodyError) return { status: 400, titleKey: 'badRequest', title: 'There is a problem with the request', message: err.message };
  if (err instanceof UnsupportedBodyError) return { status: 415, titleKey: 'badRequest', title: 'There is a problem with the request', message: err.message };
  // A backstop: handlers parse with safeParse and answer properly; anything unparsed is still a 400.
  if (err instanceof ZodError) return { status: 400, titleKey: 'badRequest', title: 'There is a problem with the request', message: 'Some of what was sent could not be understood.' };
  const status = (err as { status?: unknown; statusCode?: unknown })?.status ?? (err as { statusCode?: unknown })?.statusCode;
  const type = (err as { type?: unknown })?.type;
  if (type === 'entity.too.large' || status === 413) {
    return { status: 413, key: 'tooLarge', title: 'Too much to send', message: 'What you sent is larger than this server accepts.' };
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, key: 'badRequest', title: 'There is a problem with the request', message: 'The request could not be understood.' };
  }
  return {
    status: 500,
    key: 'server',
    title: 'Sorry, something went wrong',
    message: 'Something went wrong on our side. Nothing you did caused it. Please try again in a few minutes.',
  };
}

function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/') || req.path === '/healthz';
}

export function notFoundHandler(): RequestHandler {
  return (req, res) => {
    // OPTIONS answers with the methods of the routes at that path, wherever they are mounted
    // (Express's router does that only for the routes of the router that saw the request).
    const allowed = req.method === 'OPTIONS' ? allowedMethods(req) : [];
    if (allowed.length > 0) {
      res.setHeader('Allow', allowed.join(', '));
      res.type('text/plain').send(allowed.join(', '));
      return;
    }
    res.status(404);
    if (wantsJson(req)) {
      res.json({ error: 'Not found' });
      return;
    }
    // Someone who mistyped an address may be a respondent: their language, unless it is the admin area.
    if (!/^\/(?:admin|share|observe)(?:\/|$)/.test(req.path)) usePageLanguage(res, visitorLanguage(req));
    res.render('errors/not-found', { title: pageWords(res)('notFound.title') });
  };
}

/** Seconds a client should wait before retrying when nothing can be saved. */
const STORAGE_RETRY_AFTER_S = 60;

/**
 * The one error handler: hides details unless `exposeErrors` (development) is set. A full disk
 * is reported to `storage`, which then refuses further writes clearly until space is freed.
 */
export function errorHandler(config: Config, storage: Pick<StorageService, 'noteFailure'> | undefined, logger: Pick<Logger, 'error'>): ErrorRequestHandler {
  return (err: unknown, req: Request, res: Response, next) => {
    const full = isStorageFull(err);
    if (full) storage?.noteFailure(err);
    // A session that could not be saved after its page was sent: the storage mark above makes
    // the next request that would save answer 503. Do not pass it on: that would cut the connection.
    if (res.headersSent && full) return;
    if (res.headersSent) return next(err);
    // The client went away mid-request (e.g. an upload cut off at shutdown): nobody to answer.
    if (res.destroyed || (err as { type?: unknown })?.type === 'request.aborted') return;
    const view = describeError(err);
    if (full) res.setHeader('Retry-After', String(STORAGE_RETRY_AFTER_S));
    if (view.status >= 500 && !full) {
      // Method and route pattern only: never the URL (it may hold a token), body, address or user agent.
      logger.error({ err, method: req.method, route: routePattern(req) }, 'request failed');
    }
    const detail = config.exposeErrors && err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : undefined;
    res.status(view.status);
    if (wantsJson(req)) {
      res.json({ error: view.status >= 500 && !full ? view.title : view.message, ...(detail ? { detail } : {}) });
      return;
    }
    const t = pageWords(res);
    const title = view.key ? t(`errors.${view.key}.title`) : view.titleKey ? t(`report.errors.${view.titleKey}`) : view.title;
    const message = view.key ? { text: t(`errors.${view.key}.message`), lang: null } : wordMessage(view.message, t, String(res.locals.lang ?? 'en'));
    res.render('errors/error', { title, message: message.text, messageLang: message.lang, detail, status: view.status }, (renderErr, html) => {
      if (renderErr) {
        logger.error({ err: renderErr }, 'the error page failed to render');
        res.type('text/plain').send(`${view.title}\n\n${view.message}`);
        return;
      }
      res.send(html);
    });
  };
}
