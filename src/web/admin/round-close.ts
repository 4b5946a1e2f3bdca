import type { Request, Response } from 'express';
import { pageWords } from '../wording';
import type { Config } from '../../config';
import type { Services } from '../../services';
import type { RoundRecord } from '../../services/rounds';
import { idParam } from '../params';
import { zonedTime } from '../time-zone';
import { closeRoundSchema, parseForm, type FieldError } from './forms';
import { adminOf, flash } from './session';

/**
 * Closing a round: a confirmation page that says how many people are part-way (started, not
 * sent) and offers them a short grace period, then the close itself.
 */
export function roundCloseHandlers(services: Services, config: Config) {
  const { access, rounds } = services;
  const zone = zonedTime(config.timeZone);

  const render = (res: Response, round: RoundRecord, status: number, errors: FieldError[]) => {
    res.status(status).render('admin/round-close', { title: pageWords(res)('admin.roundClose.title', { name: round.name }), round, partWay: rounds.partWay(round.id), errors });
  };

  return {
    closeRoundPage(req: Request, res: Response) {
      const round = access.round(adminOf(res), idParam(req, 'roundId'));
      if (round.status !== 'open') return res.redirect(303, `/admin/rounds/${round.id}`);
      render(res, round, 200, []);
    },

    closeRound(req: Request, res: Response) {
      const round = access.round(adminOf(res), idParam(req, 'roundId'));
      if (round.status !== 'open') return res.redirect(303, `/admin/rounds/${round.id}`);
      const body = (req.body ?? {}) as Record<string, unknown>;
      // Not confirmed (an old form, a replayed request): ask, and change nothing.
      if (body.confirm === undefined) return res.redirect(303, `/admin/rounds/${round.id}/close`);
      const form = parseForm(closeRoundSchema, body);
      if (!form.ok) return render(res, round, 400, form.errors);
      const partWay = rounds.partWay(round.id);
      const closed = rounds.close(round.id, partWay > 0 ? Number(form.data.grace) * 60_000 : 0);
      const t = pageWords(res);
      const people = t('admin.roundClose.people', { count: partWay });
      const note =
        partWay === 0
          ? ''
          : closed.graceUntil !== null
            ? t('admin.roundClose.canSend', { people, when: zone.formatDateTime(closed.graceUntil, String(res.locals.lang)) })
            : t('admin.roundClose.willBeTold', { people });
      flash(req, 'success', `${t('admin.roundClose.closed', { name: round.name })}${note}`);
      res.redirect(303, `/admin/rounds/${round.id}`);
    },
  };
}
