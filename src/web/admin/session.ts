import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Config } from '../../config';
import type { Services } from '../../services';
import type { Admin } from '../../services/accounts';
import type { TFunction } from 'i18next';
import { setCookie } from '../cookies';
import { pageWords } from '../wording';
import { translateMessage } from './words';

/** Adds a message shown once on the next page. */
export function flash(req: Request, kind: 'success' | 'error', text: string): void {
  req.session.flash = [...(req.session.flash ?? []), { kind, text }];
}

/** A new session id with nothing in it: the old session is destroyed in the store. */
export function regenerateSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
}

/**
 * Where a signed-out admin was going, kept in a cookie rather than a session: a cookie-less GET
 * of an admin page must not store a session row (issue 16, item 5).
 */
export const RETURN_COOKIE = 'ps_return';
const RETURN_TTL_MS = 30 * 60_000;

/** Signs an admin in on a new session id (no session fixation); returns where to go next (`returnTo` if it is an admin path). */
export async function signIn(req: Request, admin: Admin, now: number, returnTo?: string): Promise<string> {
  await regenerateSession(req);
  req.session.adminId = admin.id;
  req.session.loginAt = now;
  req.session.lastSeenAt = now;
  return returnTo && isAdminPath(returnTo) ? returnTo : '/admin';
}

/** Only our own admin pages: never another host ("//evil", "/\\evil") or a non-admin path. */
export const isAdminPath = (p: string) => /^\/admin(\/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)?$/.test(p) && !p.includes('//') && !p.includes('\\');

/** The signed-in admin (set by requireAdmin). */
export const adminOf = (res: Response): Admin => res.locals.admin as Admin;

interface NavItem {
  href: string;
  label: string;
  current: boolean;
}

export function adminNav(admin: Admin, path: string, t: TFunction): NavItem[] {
  const items = [
    { href: '/admin', label: t('admin.nav.organisations'), match: (p: string) => p === '/admin' || p.startsWith('/admin/organisations') || p.startsWith('/admin/rounds') },
    { href: '/admin/questionnaires', label: t('admin.nav.questionnaires'), match: (p: string) => p.startsWith('/admin/questionnaires') },
    ...(admin.role === 'owner' ? [{ href: '/admin/accounts', label: t('admin.nav.accounts'), match: (p: string) => p.startsWith('/admin/accounts') }] : []),
    { href: '/admin/account', label: t('admin.nav.account'), match: (p: string) => p === '/admin/account' },
  ];
  return items.map(({ href, label, match }) => ({ href, label, current: match(path) }));
}

/**
 * The admin signed in on this request's session, if the session is still good: not idle past
 * the idle timeout, not older than the absolute timeout, and signed in after the account's
 * password last changed. Otherwise the reason to show them. Used by the page guard and the API.
 */
export function sessionAdmin(services: Services, config: Config, req: Request): { admin: Admin } | { problem?: string } {
  // No session at all (a GET outside /admin without a session cookie, see app.ts): nobody signed in.
  const s = req.session as Request['session'] | undefined;
  if (s?.adminId === undefined) return {};
  const now = services.clock.now();
  const admin = services.accounts.find(s.adminId);
  const loginAt = s.loginAt ?? 0;
  if (!admin) return { problem: 'Your admin account is no longer available. Ask an owner if you need access.' };
  if (now - loginAt >= config.sessionAbsoluteMs) {
    const hours = Math.round((config.sessionAbsoluteMs / 3_600_000) * 10) / 10;
    return { problem: `For your security you were signed out ${hours} hours after signing in. Please sign in again.` };
  }
  if (now - (s.lastSeenAt ?? loginAt) >= config.sessionIdleMs) {
    const minutes = Math.round(config.sessionIdleMs / 60_000);
    return { problem: `For your security you were signed out after ${minutes} minutes without activity. Please sign in again.` };
  }
  if (!services.accounts.sessionStillValid(admin, loginAt)) {
    return { problem: 'Your password was changed, so you were signed out. Please sign in with the new password.' };
  }
  return { admin };
}

/**
 * Lets a request through only with a signed-in admin whose session has not timed out (see
 * sessionAdmin); otherwise sends them to sign in, saying why.
 */
export function requireAdmin(services: Services, config: Config): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const toLogin = async (message?: string) => {
      const returnTo = req.method === 'GET' ? req.originalUrl : undefined;
      if (message) await regenerateSession(req);
      if (returnTo && isAdminPath(returnTo.split('?')[0])) setCookie(req, res, config, RETURN_COOKIE, returnTo, { path: '/admin', maxAgeMs: RETURN_TTL_MS });
      if (message) flash(req, 'error', translateMessage(pageWords(res), message));
      res.redirect(303, '/admin/login');
    };
    const found = sessionAdmin(services, config, req);
    if (!('admin' in found)) return toLogin(found.problem);
    req.session.lastSeenAt = services.clock.now();
    res.locals.admin = found.admin;
    res.locals.nav = adminNav(found.admin, (req.baseUrl + req.path).replace(/\/$/, ''), pageWords(res));
    res.locals.brandHref = '/admin';
    next();
  };
}
