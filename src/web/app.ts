import express, { type Express, type Request, type RequestHandler } from 'express';
import session from 'express-session';
import type { Config } from '../config';
import { projectPath } from '../paths';
import type { Services } from '../services';
import { formShapedBody } from './body';
import { refuseWritesWhenFull } from './storage';
import { hostPolicy, refuseUnknownHosts } from './hosts';
import { requestLog } from './request-log';
import { assetUrls, PUBLIC_DIR, publicPathTest, setStaticCacheHeaders } from './assets';
import { isolateBidi } from './bidi';
import { compression } from './compression';
import { errorHandler, notFoundHandler } from './errors';
import { sessionAdmin } from './admin/session';
import { adminRoutes } from './routes/admin';
import { presenterHandlers } from './admin/presenter';
import { homeRoutes } from './routes/home';
import { publicReportRoutes } from './routes/report';
import { publicTrendRoutes } from './routes/trends';
import { isRespondentPath, respondRoutes } from './routes/respond';
import { csrfProtection, proxyHeaderWarning, securityHeaders } from './security';
import { SqliteSessionStore } from './session-store';
import { htmlLang, PAGE_LANGUAGES, translator } from './i18n';
import { languageChoices, pageLanguage } from './wording';
import { languageRoutes } from './routes/language';
import { readCookie } from './cookies';
import { renderWithSendHtml, ViewEngine } from './views';
import { series } from './series';
import { PageCache } from './page-cache';

export const VIEWS_DIR = projectPath('views');

const SESSION_COOKIE = 'ps_session';

/** A GET or HEAD outside /admin from a browser without a session cookie (see createApp). */
function needsNoSession(req: Request): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && !/^\/admin(?:\/|$)/i.test(req.path) && readCookie(req, SESSION_COOKIE) === undefined;
}

/** `handler` for every method but GET and HEAD. */
const unlessReading =
  (handler: RequestHandler): RequestHandler =>
  (req, res, next) =>
    req.method === 'GET' || req.method === 'HEAD' ? next() : handler(req, res, next);

/** Builds the Express app. Tests use exactly this, on an in-memory database. */
export function createApp(services: Services, config: Config): Express {
  const app = express();
  app.disable('x-powered-by');
  // No ETag on what res.send answers: every such answer is Cache-Control: no-store (below), so no
  // browser keeps it to revalidate, and hashing each page body was wasted work (issue 12).
  // Static files keep theirs (express.static makes its own).
  app.set('etag', false);
  // One hop (the reverse proxy in front of us), never `true`: with `true` the client's own
  // X-Forwarded-For entries would choose its address, and so sidestep per-client rate limits.
  // Never Express's `true` (trust every hop): the client could then choose its own address.
  app.set('trust proxy', config.trustProxy === true ? 1 : config.trustProxy);
  app.set('view engine', 'ejs');
  // EJS templates with includes that neither copy every local nor look for their file per
  // request (web/views.ts; issue 12).
  const engine = new ViewEngine();
  app.engine('ejs', engine.renderFile);
  renderWithSendHtml(app);
  // Respondent pages rendered once per state, with holes for each person's values (web/page-cache.ts).
  const pages = new PageCache(engine, VIEWS_DIR, config.pageCache);
  app.set('views', VIEWS_DIR);
  // Compiled templates (and their includes) are kept, whatever NODE_ENV says: compiling them again
  // on every request took about half of a theme page's time (issue 12; see docs/performance.md).
  app.set('view cache', true);
  app.locals.asset = assetUrls();
  app.locals.appName = 'Powershare';
  app.locals.isolate = isolateBidi;
  // Defaults for pages rendered before the per-request middleware ran (e.g. early errors).
  app.locals.flash = [];
  app.locals.csrfToken = () => '';
  // The pages' language: English unless a respondent's page chooses another (see wording.ts).
  app.locals.lang = 'en';
  app.locals.htmlLang = htmlLang('en');
  app.locals.t = translator('en');
  app.locals.textLang = null;
  app.locals.roundLang = null;
  app.locals.wordingChoices = null;
  // The language switch of the pages outside a round (views/partials/language-switch.ejs).
  app.locals.pageLanguages = languageChoices(PAGE_LANGUAGES);

  const serveStatic = express.static(PUBLIC_DIR, { index: false, setHeaders: setStaticCacheHeaders });
  const isPublicPath = publicPathTest(PUBLIC_DIR);
  const publicFiles: RequestHandler = (req, res, next) => (isPublicPath(req.path) ? serveStatic(req, res, next) : next());
  // Pages are personal or time-sensitive by default; public assets were served before. Set before
  // anything can fail (body limits, CSRF), so 400, 403 and 413 answers are not cached either.
  const noStore: RequestHandler = (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  };

  const sessions = session({
    name: SESSION_COOKIE,
    secret: services.sessions.secret(),
    store: new SqliteSessionStore(services.sessions, services.clock, services.storage),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.cookieSecure,
      maxAge: config.sessionAbsoluteMs,
    },
  });
  // Respondents never get a server-side session: it is neither read, written nor touched on
  // their pages, so no stored row (nor its expiry) can tell when someone answered. Their CSRF
  // token, draft and own scores travel in cookies (see security.ts and routes/respond.ts).
  // Outside the admin area, a GET or HEAD without a session cookie has no session to read, and
  // no such page writes one: express-session would only make a session id (random bytes and a
  // hash) to throw away. The home page, share links and observer screens skip it; admin
  // pages, every other method and anyone with a session cookie still get it.
  const sessionUnlessRespondent: RequestHandler = (req, res, next) => (isRespondentPath(req.path) || needsNoSession(req) ? next() : sessions(req, res, next));
  const pageLocals: RequestHandler = (req, res, next) => {
    res.locals.flash = req.session?.flash ?? [];
    if (req.session?.flash) delete req.session.flash;
    res.locals.currentPath = req.path;
    // The page with its query (a trends page's chosen rounds): where the language switch goes back to.
    res.locals.currentUrl = req.originalUrl;
    next();
  };

  // Every middleware, in the order written, as one router layer (web/series.ts): each layer of
  // Express's router costs a request a match, a closure and a look at its path (issue 12).
  app.use(
    series(
      // First: every request gets one structured log line, refused ones too (web/request-log.ts).
      requestLog(services.logger),
      pageLanguage(),
      securityHeaders(),
      // Before everything else: a request naming a host we do not answer to gets 400 (web/hosts.ts).
      refuseUnknownHosts(hostPolicy(config)),
      proxyHeaderWarning(config.trustProxy !== false && config.trustProxy !== 0, (line) => services.logger.warn({ event: 'trust-proxy-unset' }, line)),
      // Before static files, so Chart.js (210 KB) and the stylesheets are compressed too.
      compression(),
      publicFiles,
      noStore,
      sessionUnlessRespondent,
      // A GET or HEAD has no body to read (Node reads and drops one a client sent anyway).
      unlessReading(
        series(
          express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 500 }),
          express.json({ limit: '64kb' }),
          // Before anything reads a body: only form-shaped bodies reach the handlers (web/body.ts).
          formShapedBody(),
        ),
      ),
      // Before the CSRF check: with a full disk the form's token may never have been saved, and
      // "cannot save right now" is the truth where "this form has expired" would mislead.
      refuseWritesWhenFull(services.storage),
      csrfProtection({ secret: services.sessions.secret(), random: services.random, config }),
      pageLocals,
    ),
  );

  // Routes, one line an area. Order matters only where noted. The respondent's routes are the
  // app's own, not routers of their own: each router a request passes through costs it a few
  // microseconds of matching, path trimming and restoring (issue 12; with the round's pages as
  // routes of their full path, routes/respond.ts, a theme page took 12% less CPU a request).
  homeRoutes(app, services, pages);
  languageRoutes(app, config); // POST /language
  respondRoutes(app, services, config, pages);
  const currentAdmin = (req: Request) => {
    const found = sessionAdmin(services, config, req);
    return 'admin' in found ? found.admin : undefined;
  };
  app.use(publicTrendRoutes(services, currentAdmin)); // before the round report: /share/<token> falls through for round links
  app.use(publicReportRoutes(services, currentAdmin));
  // One presenter for the admin screens and the read-only observer screens (/observe/<token>).
  const presenter = presenterHandlers(services, config);
  app.use(presenter.observerRoutes());
  // The set-up page lives with the admin area; /setup is the short address to type.
  app.get('/setup', (_req, res) => res.redirect(303, '/admin/setup'));
  app.use('/admin', adminRoutes(services, config, presenter));

  app.use(notFoundHandler());
  app.use(errorHandler(config, services.storage, services.logger));
  return app;
}
