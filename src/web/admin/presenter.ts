import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Config } from '../../config';
import type { Services } from '../../services';
import type { RoundRecord } from '../../services/rounds';
import { idParam } from '../params';
import { liveStreams, type LiveOptions } from '../live';
import { chooseWording } from '../../domain/questionnaire';
import { inWording } from '../../services/questionnaires';
import { isPageLanguage, translator, type PageLanguage } from '../i18n';
import { handoutView, presenterView, type PresenterView } from '../presenter-views';
import { pageWords, usePageLanguage } from '../wording';
import { adminOf, flash, sessionAdmin } from './session';
import { publicBase, roundLink } from './view-models';
import { qrSvg } from './rounds';
import { zonedTime } from '../time-zone';

type Where = { joinAddress: string; link: string };
/** What one round's screens are shown: the addresses the room is told, and the language they read. */
type Room = Where & { language: PageLanguage };

const SCRIPTS = ['/vendor/chart.umd.min.js', '/js/charts.js', '/js/presenter.js'];
const actionSchema = z.enum(['reveal', 'hide', 'next', 'previous', 'refresh']);

/** The results part of the presenter page, also sent whole in each server-sent event. */
const LIVE_PARTIAL = 'admin/partials/presenter-live';

/**
 * The workshop presenter: a projector page for a round (join code, QR code, live counts, results
 * revealed on cue theme by theme), its server-sent event stream, and the trainer's controls
 * (CSRF-checked POSTs that work as plain forms, or from public/js/presenter.js with the token header).
 */
export function presenterHandlers(services: Services, config: Config, options: LiveOptions = {}) {
  const { access, presenter, rounds } = services;
  const zone = zonedTime(config.timeZone);

  /** The addresses the room is told (PUBLIC_URL, or the host this request came to). */
  const addresses = (req: Request, round: RoundRecord): Where => {
    const base = publicBase(req, config);
    return { joinAddress: `${base.replace(/^https?:\/\//, '')}/join`, link: roundLink(req, config, round) };
  };
  /**
   * The screen's language: the round's default where the pages have it, else the questionnaire's
   * own, else English. Never the visitor's: every screen of a room (the presenter's, each
   * observer's) shows the same live fragments, so one language for all of them, whoever opened
   * one last. The questionnaire's words follow it where it has them.
   */
  const roomLanguage = (round: RoundRecord): PageLanguage => {
    const own = rounds.questionnaireFor(round).language;
    return round.defaultLanguage !== null && isPageLanguage(round.defaultLanguage) ? round.defaultLanguage : isPageLanguage(own) ? own : 'en';
  };
  const textsIn = (round: RoundRecord, language: PageLanguage) => {
    const q = rounds.questionnaireFor(round);
    return inWording(q, chooseWording(q, [language], false));
  };
  const view = (round: RoundRecord, room: Room): PresenterView => presenterView(presenter.snapshot(round.id), textsIn(round, room.language), room, translator(room.language));
  /** The locals the presenter views need besides the view: the words, and which fragments need a lang of their own. */
  const words = (round: RoundRecord, language: PageLanguage) => {
    const textLanguage = textsIn(round, language).language;
    return { t: translator(language), lang: language, textLang: textLanguage === language ? null : textLanguage };
  };

  /** The message every screen of a round gets: the counts, where the presenter is, and the results part as HTML. */
  const message = async (roundId: number, room: Room) => {
    const round = rounds.get(roundId);
    const v = view(round, room);
    const html = await new Promise<string>((resolve, reject) => render(LIVE_PARTIAL, { view: v, ...words(round, room.language) }, (err, out) => (err ? reject(err) : resolve(out))));
    return { counts: v.counts, revealed: v.revealed, themeIndex: v.themeIndex, themeCount: v.themeCount, status: v.status, statusLabel: v.statusLabel, html };
  };

  // The app's renderer (with its locals) and each round's room (addresses, language), taken from the requests that open streams.
  let render: Request['app']['render'] = () => undefined;
  const roomByRound = new Map<number, Room>();
  const live = liveStreams(services.events, (roundId) => message(roundId, roomByRound.get(roundId) ?? { joinAddress: '', link: '', language: 'en' }), { logger: services.logger, ...options });
  const roomOf = (req: Request, res: Response, round: RoundRecord): Room => ({ ...addresses(req, round), language: roomLanguage(round) });
  /** Renders the presenter page for a round, in the room's language. */
  const renderScreen = (req: Request, res: Response, round: RoundRecord, title: string, paths: { events: string; controls: string | null; qrSrc: string; selfHref: string }) => {
    const room = roomOf(req, res, round);
    usePageLanguage(res, room.language);
    const w = words(round, room.language);
    res.locals.textLang = w.textLang;
    res.render('admin/present', { title: w.t(title, { round: round.name }), view: view(round, room), scripts: SCRIPTS, ...paths });
  };

  const wantsNoPage = (req: Request) => req.get('x-csrf-token') !== undefined;

  return {
    live,

    present(req: Request, res: Response) {
      const round = access.round(adminOf(res), idParam(req, 'roundId'));
      renderScreen(req, res, round, 'public.presenter.title', {
        events: `/admin/rounds/${round.id}/events`,
        controls: `/admin/rounds/${round.id}/present`,
        qrSrc: `/admin/rounds/${round.id}/qr.svg`,
        selfHref: `/admin/rounds/${round.id}/present`,
      });
    },

    async events(req: Request, res: Response) {
      const round = access.round(adminOf(res), idParam(req, 'roundId'));
      render = req.app.render.bind(req.app);
      roomByRound.set(round.id, roomOf(req, res, round));
      // The stream lasts only as long as the admin's session: still stored (not signed out),
      // not past its absolute limit, password unchanged. An open presenter screen counts as
      // activity: each heartbeat renews the stored session's idle timer, so a trainer is not
      // signed out while the room answers. A session that is gone is never written back: the
      // request lets go of req.session (saved first), or express-session would save it again
      // when the stream ends, bringing back a session signed out in the meantime.
      const sid = req.sessionID;
      const adminId = req.session.adminId;
      await new Promise<void>((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
      delete (req as Partial<Request>).session;
      const stored = () => {
        const row = services.sessions.find(sid);
        if (!row || row.expiresAt <= services.clock.now()) return undefined;
        const data = JSON.parse(row.data) as Request['session'];
        return data.adminId === adminId ? { row, data } : undefined;
      };
      await live.open(
        req,
        res,
        round.id,
        () => {
          const found = stored();
          return found !== undefined && 'admin' in sessionAdmin(services, config, { session: found.data } as Request);
        },
        () => {
          const found = stored();
          if (found) services.sessions.save(sid, JSON.stringify({ ...found.data, lastSeenAt: services.clock.now() }), found.row.expiresAt);
        },
      );
    },

    control(req: Request, res: Response) {
      const round = access.round(adminOf(res), idParam(req, 'roundId'));
      const parsed = actionSchema.safeParse(req.params.action);
      if (!parsed.success) return res.status(404).render('errors/not-found', { title: pageWords(res)('notFound.title') });
      switch (parsed.data) {
        case 'reveal':
          presenter.reveal(round);
          break;
        case 'hide':
          presenter.hide(round);
          break;
        case 'next':
          presenter.step(round, 1);
          break;
        case 'previous':
          presenter.step(round, -1);
          break;
        case 'refresh': {
          const added = presenter.refresh(round);
          // Shown on the presenter screen, so in the room's language.
          const t = translator(roomLanguage(round));
          if (!wantsNoPage(req)) flash(req, 'success', added === 0 ? t('public.presenter.refreshNone') : t(added === 1 ? 'public.presenter.refreshAddedOne' : 'public.presenter.refreshAdded', { n: added }));
          break;
        }
      }
      if (wantsNoPage(req)) return res.status(204).end();
      res.redirect(303, `/admin/rounds/${round.id}/present`);
    },

    /** A one-page printable handout of the room's results (released figures, with suppression). */
    handout(req: Request, res: Response) {
      const round = access.round(adminOf(res), idParam(req, 'roundId'));
      const report = services.results.forRound(round.id);
      const date = zone.formatDate(services.clock.now(), String(res.locals.lang));
      const view = handoutView(report, rounds.questionnaireFor(round), date);
      res.render('admin/handout', { title: pageWords(res)('admin.handout.title', { round: round.name }), view, back: `/admin/rounds/${round.id}`, scripts: view.radar ? ['/vendor/chart.umd.min.js', '/js/charts.js'] : [] });
    },

    /** A new read-only observer link; shown once on the round page. */
    createObserverLink(req: Request, res: Response) {
      const round = access.round(adminOf(res), idParam(req, 'roundId'));
      const link = presenter.createObserverLink(round);
      req.session.newObserverLink = { roundId: round.id, token: link.token };
      res.redirect(303, `/admin/rounds/${round.id}#observers`);
    },

    revokeObserverLink(req: Request, res: Response) {
      const round = access.round(adminOf(res), idParam(req, 'roundId'));
      presenter.revokeObserverLink(round, idParam(req, 'linkId'));
      flash(req, 'success', pageWords(res)('admin.handout.observerRevoked'));
      res.redirect(303, `/admin/rounds/${round.id}#observers`);
    },

    /**
     * Read-only presenter routes for a co-facilitator's screen, by an observer link's token (no
     * sign-in, no controls). Unknown and revoked tokens are 404; an open stream ends at the next
     * event after its link is revoked (revoking publishes one).
     */
    observerRoutes(): Router {
      const router = Router();
      const roundOf = (req: Request) => presenter.observedRound(String(req.params.token));
      router.get('/observe/:token', (req, res) => {
        const round = roundOf(req);
        const base = `/observe/${String(req.params.token)}`;
        renderScreen(req, res, round, 'public.presenter.observerTitle', { events: `${base}/events`, controls: null, qrSrc: `${base}/qr.svg`, selfHref: base });
      });
      router.get('/observe/:token/events', async (req, res) => {
        const token = String(req.params.token);
        const round = roundOf(req);
        render = req.app.render.bind(req.app);
        roomByRound.set(round.id, roomOf(req, res, round));
        await live.open(req, res, round.id, () => presenter.observerLinkActive(token));
      });
      router.get('/observe/:token/qr.svg', async (req, res) => {
        const round = roundOf(req);
        res.type('image/svg+xml').send(await qrSvg(roundLink(req, config, round)));
      });
      return router;
    },

    /** What the round page shows about observer links (a new one once, with its address). */
    observerSection(req: Request, round: RoundRecord) {
      const token = req.session.newObserverLink?.roundId === round.id ? req.session.newObserverLink.token : null;
      delete req.session.newObserverLink;
      return {
        newUrl: token ? `${publicBase(req, config)}/observe/${token}` : null,
        links: presenter.observerLinks(round).map((l) => ({ id: l.id, created: new Date(l.createdAt).toISOString().slice(0, 16).replace('T', ' '), revoked: l.revokedAt !== null })),
      };
    },
  };
}
export type PresenterHandlers = ReturnType<typeof presenterHandlers>;
