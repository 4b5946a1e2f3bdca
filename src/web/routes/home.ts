import type { IRouter } from 'express';
import type { Services } from '../../services';
import { languageChoices, pageWords } from '../wording';
import { PAGE_LANGUAGES } from '../i18n';
import type { PageCache } from '../page-cache';

/** The home page and /healthz, added to `router` (the app's own: see app.ts). */
export function homeRoutes(router: IRouter, services: Services, pages: PageCache): void {
  router.get('/', (_req, res) => {
    // The page languages switch (views/partials/wording.ejs): a GET of /join/wording that comes back here.
    res.locals.wordingChoices = { languages: languageChoices(PAGE_LANGUAGES).filter((l) => l.code !== res.locals.lang), easyRead: false };
    res.locals.joinSwitch = 'home';
    pages.send(res, 'home', { key: [], locals: () => ({ title: pageWords(res)('public.home.title') }) });
  });
  router.get('/healthz', (_req, res) => {
    const { database } = services.health.check();
    res.status(database === 'ok' ? 200 : 503).json({ status: database === 'ok' ? 'ok' : 'unavailable', database });
  });
}
