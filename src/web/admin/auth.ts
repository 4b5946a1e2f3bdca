import type { Request, Response } from 'express';
import type { Config } from '../../config';
import type { Services } from '../../services';
import { normaliseEmail } from '../../services/accounts';
import { GoneError, ValidationError } from '../../services/errors';
import { rateLimiter } from '../security';
import { changePasswordSchema, loginSchema, parseForm, setPasswordSchema, setupSchema, type FieldError } from './forms';
import { clearCookie, readCookie } from '../cookies';
import { adminOf, flash, RETURN_COOKIE, regenerateSession, signIn } from './session';
import { pageWords } from '../wording';

/** Sign-in limits. Failures only; windows expire, so nobody is ever locked out for good. */
export const LOGIN_LIMITS = {
  windowMs: 15 * 60_000,
  /** failed sign-ins for one email address, from anywhere */
  perAccount: 5,
  /** failed sign-ins from one client address, whatever the email */
  perClient: 20,
  /** wrong set-up codes or set-password attempts from one client address */
  setup: 10,
};

/**
 * The per-account limiter's key: the email exactly as the login reads it (the same schema, so a
 * repeated `email` field counts against the first value, which is the one login tries).
 */
export const loginLimitKey = (body: unknown) => {
  const email = loginSchema.shape.email.safeParse((body as Record<string, unknown> | undefined)?.email);
  return `login:${email.success ? normaliseEmail(email.data) : ''}`;
};
const emailKey = (req: Request) => loginLimitKey(req.body);

export function authHandlers(services: Services, config: Config) {
  const { accounts } = services;
  const clientLimiter = rateLimiter({ windowMs: LOGIN_LIMITS.windowMs, limit: LOGIN_LIMITS.perClient, action: 'sign in', skipSuccessfulRequests: true });
  const accountLimiter = rateLimiter({ windowMs: LOGIN_LIMITS.windowMs, limit: LOGIN_LIMITS.perAccount, action: 'sign in to this account', key: emailKey, skipSuccessfulRequests: true });
  const setupLimiter = rateLimiter({ windowMs: LOGIN_LIMITS.windowMs, limit: LOGIN_LIMITS.setup, action: 'set up this server', skipSuccessfulRequests: true });

  const renderSetup = (res: Response, status: number, values: { code: string; email: string }, errors: FieldError[]) =>
    res.status(status).render('admin/setup', { title: pageWords(res)('admin.setup.title'), values, errors });

  const renderLogin = (res: Response, status: number, email: string, errors: FieldError[]) =>
    res.status(status).render('admin/login', { title: pageWords(res)('admin.login.title'), email, errors, hasOwner: accounts.hasOwner() });

  const renderSetPassword = (req: Request, res: Response, status: number, email: string, errors: FieldError[]) =>
    res.status(status).render('admin/set-password', { title: pageWords(res)('admin.setPassword.title'), email, action: req.originalUrl, errors });

  const renderAccount = (res: Response, status: number, errors: FieldError[]) =>
    res.status(status).render('admin/account', { title: pageWords(res)('admin.account.title'), errors, organisations: services.access.organisations(adminOf(res)) });

  return {
    limiters: { clientLimiter, accountLimiter, setupLimiter },

    setupPage(_req: Request, res: Response) {
      if (accounts.hasOwner()) return res.status(410).render('admin/setup-done', { title: pageWords(res)('admin.setupDone.title') });
      renderSetup(res, 200, { code: '', email: '' }, []);
    },

    async setup(req: Request, res: Response) {
      if (accounts.hasOwner()) return res.status(410).render('admin/setup-done', { title: pageWords(res)('admin.setupDone.title') });
      const form = parseForm(setupSchema, req.body);
      const raw = req.body as Record<string, unknown> | undefined;
      const values = { code: typeof raw?.code === 'string' ? raw.code.slice(0, 40) : '', email: typeof raw?.email === 'string' ? raw.email.slice(0, 320) : '' };
      if (!form.ok) {
        // A blank field stops the form early; the password problems (e.g. the two not matching)
        // are still reported with it, in the form's order.
        const str = (v: unknown) => (typeof v === 'string' ? v.slice(0, 1024) : '');
        const reported = new Set(form.errors.map((e) => e.field));
        const more = accounts.newPasswordProblems(str(raw?.password), str(raw?.confirm), values.email).filter((e) => !reported.has(e.field));
        const order = ['code', 'email', 'password', 'confirm'];
        const errors = [...form.errors, ...more].sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
        return renderSetup(res, 400, values, errors);
      }
      try {
        const admin = await accounts.setupOwner(form.data);
        await signIn(req, admin, services.clock.now());
        flash(req, 'success', pageWords(res)('admin.setup.ready'));
        res.redirect(303, '/admin');
      } catch (err) {
        if (err instanceof GoneError) return res.status(410).render('admin/setup-done', { title: pageWords(res)('admin.setupDone.title') });
        if (!(err instanceof ValidationError)) throw err;
        renderSetup(res, 400, values, err.fieldErrors);
      }
    },

    loginPage(req: Request, res: Response) {
      if (req.session.adminId !== undefined && accounts.find(req.session.adminId)) return res.redirect(303, '/admin');
      renderLogin(res, 200, '', []);
    },

    async login(req: Request, res: Response) {
      const form = parseForm(loginSchema, req.body);
      const email = typeof (req.body as Record<string, unknown>)?.email === 'string' ? String((req.body as Record<string, unknown>).email).slice(0, 320) : '';
      // 400 counts as a failure for the limiters, like a wrong password.
      if (!form.ok) return renderLogin(res, 400, email, form.errors);
      const admin = await accounts.authenticate(form.data.email, form.data.password);
      if (!admin) {
        return renderLogin(res, 401, email, [{ field: 'email', message: 'The email address or password is not right' }]);
      }
      const returnTo = readCookie(req, RETURN_COOKIE);
      if (returnTo !== undefined) clearCookie(req, res, config, RETURN_COOKIE, '/admin');
      res.redirect(303, await signIn(req, admin, services.clock.now(), returnTo));
    },

    async logout(req: Request, res: Response) {
      // Nobody signed in: nothing to end, and no session row to create for a message.
      if (req.session.adminId === undefined) return res.redirect(303, '/admin/login');
      // Regenerating destroys the old session in the store; the new one only carries the message.
      await regenerateSession(req);
      flash(req, 'success', pageWords(res)('admin.login.signedOut'));
      res.redirect(303, '/admin/login');
    },

    setPasswordPage(req: Request, res: Response) {
      const admin = accounts.accountForToken(String(req.params.token));
      if (!admin) throw new GoneError(pageWords(res)('admin.setPassword.expired'));
      renderSetPassword(req, res, 200, admin.email, []);
    },

    async setPassword(req: Request, res: Response) {
      const token = String(req.params.token);
      const admin = accounts.accountForToken(token);
      if (!admin) throw new GoneError(pageWords(res)('admin.setPassword.expired'));
      const form = parseForm(setPasswordSchema, req.body);
      if (!form.ok) return renderSetPassword(req, res, 400, admin.email, form.errors);
      try {
        await accounts.setPasswordWithToken(token, form.data.password, form.data.confirm);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return renderSetPassword(req, res, 400, admin.email, err.fieldErrors);
      }
      await regenerateSession(req);
      flash(req, 'success', pageWords(res)('admin.setPassword.done'));
      res.redirect(303, '/admin/login');
    },

    accountPage(_req: Request, res: Response) {
      renderAccount(res, 200, []);
    },

    async changePassword(req: Request, res: Response) {
      const form = parseForm(changePasswordSchema, req.body);
      if (!form.ok) return renderAccount(res, 400, form.errors);
      let admin;
      try {
        admin = await accounts.changePassword(adminOf(res), form.data.current, form.data.password, form.data.confirm);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return renderAccount(res, 400, err.fieldErrors);
      }
      // Every other session of this account ends (it signed in before the change); this one goes on, on a new id.
      await signIn(req, admin, services.clock.now());
      flash(req, 'success', pageWords(res)('admin.account.changed'));
      res.redirect(303, '/admin/account');
    },
  };
}
