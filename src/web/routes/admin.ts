import { Router } from 'express';
import type { Config } from '../../config';
import type { Services } from '../../services';
import { accountHandlers } from '../admin/accounts';
import { actionHandlers } from '../admin/actions';
import { authHandlers } from '../admin/auth';
import { questionnaireHandlers } from '../admin/questionnaires';
import { roundCloseHandlers } from '../admin/round-close';
import { paperHandlers } from '../admin/paper';
import { presenterHandlers, type PresenterHandlers } from '../admin/presenter';
import { roundHandlers } from '../admin/rounds';
import { resultsPageHandlers } from '../admin/results-page';
import { requireAdmin } from '../admin/session';
import { adminWords } from '../admin/words';
import { adminReportRoutes } from './report';
import { adminTrendHandlers } from './trends';

/**
 * The admin area, mounted at /admin. One line a route: method, path, guards, handler.
 * Every POST is CSRF-checked by the app-wide middleware (the multipart import checks its token
 * right after parsing the upload). Pages outside an admin's organisations answer 404.
 */
export function adminRoutes(services: Services, config: Config, presenter: PresenterHandlers = presenterHandlers(services, config)): Router {
  const router = Router();
  const auth = authHandlers(services, config);
  const rounds = roundHandlers(services, config, presenter);
  const closing = roundCloseHandlers(services, config);
  const qs = questionnaireHandlers(services, config);
  const accounts = accountHandlers(services, config);
  const trends = adminTrendHandlers(services, config);
  const actions = actionHandlers(services);
  const resultsPage = resultsPageHandlers(services);
  const paper = paperHandlers(services, config);
  const { clientLimiter, accountLimiter, setupLimiter } = auth.limiters;
  const signedIn = requireAdmin(services, config);

  // Form messages in the page's language (admin/words.ts).
  router.use(adminWords());
  // Open to anyone (order matters: these come before the signed-in guard below).
  router.get('/setup', auth.setupPage);
  router.post('/setup', setupLimiter, auth.setup);
  router.get('/login', auth.loginPage);
  router.post('/login', clientLimiter, accountLimiter, auth.login);
  router.post('/logout', auth.logout);
  router.get('/set-password/:token', auth.setPasswordPage);
  router.post('/set-password/:token', setupLimiter, auth.setPassword);

  // Everything below needs a signed-in admin whose session has not timed out.
  router.use(signedIn);
  router.get('/', rounds.dashboard);
  router.get('/account', auth.accountPage);
  router.post('/account/password', auth.changePassword);

  router.post('/organisations', rounds.createOrganisation); // owners only
  router.get('/organisations/:orgId', rounds.organisation);
  router.post('/organisations/:orgId/name', rounds.renameOrganisation);
  router.get('/organisations/:orgId/rounds/new', rounds.newRound);
  router.post('/organisations/:orgId/rounds', rounds.createRound);
  router.get('/organisations/:orgId/trends', trends.page); // year on year (routes/trends.ts)
  router.get('/organisations/:orgId/trends.csv', trends.csv);
  router.post('/organisations/:orgId/trends/share-links', trends.createShareLink);
  router.post('/organisations/:orgId/trends/share-links/:linkId/revoke', trends.revokeShareLink);

  router.get('/rounds/:roundId', rounds.round);
  router.get('/rounds/:roundId/edit', rounds.editRound);
  router.post('/rounds/:roundId/edit', rounds.updateRound);
  router.post('/rounds/:roundId/open', rounds.openRound); // also reopens a closed round
  router.get('/rounds/:roundId/close', closing.closeRoundPage);
  router.post('/rounds/:roundId/close', closing.closeRound);
  router.post('/rounds/:roundId/release', rounds.releaseWaiting);
  router.post('/rounds/:roundId/duplicate', rounds.duplicateRound);
  router.post('/rounds/:roundId/delete', rounds.deleteRound);
  router.get('/rounds/:roundId/qr.svg', rounds.qrCode);
  // The round's action plan.
  router.get('/rounds/:roundId/actions/new', actions.newPage);
  router.post('/rounds/:roundId/actions', actions.create);
  router.get('/rounds/:roundId/actions/:actionId/edit', actions.editPage);
  router.post('/rounds/:roundId/actions/:actionId', actions.update);
  router.post('/rounds/:roundId/actions/:actionId/delete', actions.remove);
  // The workshop presenter (admin/presenter.ts): the projector page, its event stream, its controls.
  router.get('/rounds/:roundId/present', presenter.present);
  router.get('/rounds/:roundId/events', presenter.events);
  router.post('/rounds/:roundId/present/:action', presenter.control); // reveal, hide, next, previous, refresh
  router.get('/rounds/:roundId/handout', presenter.handout);
  router.post('/rounds/:roundId/observers', presenter.createObserverLink);
  router.post('/rounds/:roundId/observers/:linkId/revoke', presenter.revokeObserverLink);
  router.post('/rounds/:roundId/results-page/publish', resultsPage.publish); // closed rounds only
  router.post('/rounds/:roundId/results-page/unpublish', resultsPage.unpublish);
  // Paper forms (admin/paper.ts): the printable questionnaire, then keying in returned forms.
  router.get('/rounds/:roundId/paper', paper.print); // ?size=large for large print
  router.get('/rounds/:roundId/paper/entry', paper.entryPage);
  router.post('/rounds/:roundId/paper/entry', paper.check); // the check screen (or the form again)
  router.post('/rounds/:roundId/paper/save', paper.save);
  router.post('/rounds/:roundId/paper/undo', paper.undo); // the last form this admin saved, this session
  router.post('/rounds/:roundId/paper/finish', paper.finish);
  // The report, its exports, comment moderation and board share links (routes/report.ts).
  router.use(adminReportRoutes(services, config));

  router.get('/questionnaires', qs.list);
  // Importing is owners only (members get 403): an import is seen by every organisation.
  // ownerOnly comes before upload, so a member's file is never even parsed.
  router.get('/questionnaires/import', qs.ownerOnly, qs.importPage);
  router.post('/questionnaires/import', qs.ownerOnly, qs.upload, qs.importFile); // multipart: upload() checks CSRF
  router.get('/questionnaires/import/confirm', qs.ownerOnly, qs.confirmPage);
  router.post('/questionnaires/import/confirm', qs.ownerOnly, qs.confirm);
  router.post('/questionnaires/import/cancel', qs.ownerOnly, qs.cancel);
  router.get('/questionnaires/:qid/versions/:version', qs.show);
  router.get('/questionnaires/:qid/versions/:version/export', qs.exportJson);

  // Owners only (members get 403).
  router.get('/accounts', accounts.list);
  router.get('/accounts/new', accounts.newPage);
  router.post('/accounts', accounts.create);
  router.get('/accounts/:adminId', accounts.show);
  router.post('/accounts/:adminId/access', accounts.setAccess);
  router.post('/accounts/:adminId/link', accounts.newLink);
  router.post('/accounts/:adminId/delete', accounts.remove);
  return router;
}
