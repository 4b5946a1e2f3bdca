import type { Request, Response } from 'express';
import type { Services } from '../../services';
import type { Admin } from '../../services/accounts';
import { ConflictError } from '../../services/errors';
import { idParam } from '../params';
import { flash } from './session';
import { pageWords } from '../wording';
import { translateMessage } from './words';

/** "You said, we did": publish or unpublish a closed round's results page for the people who answered. */
export function resultsPageHandlers(services: Services) {
  const roundOf = (req: Request, res: Response) => services.access.round(res.locals.admin as Admin, idParam(req, 'roundId'));
  const back = (id: number) => `/admin/rounds/${id}#results-page`;
  return {
    publish(req: Request, res: Response) {
      const round = roundOf(req, res);
      try {
        services.resultsPage.publish(round);
        flash(req, 'success', pageWords(res)('admin.round.flash.published'));
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
        flash(req, 'error', translateMessage(pageWords(res), err.message));
      }
      res.redirect(303, back(round.id));
    },
    unpublish(req: Request, res: Response) {
      const round = roundOf(req, res);
      services.resultsPage.unpublish(round);
      flash(req, 'success', pageWords(res)('admin.round.flash.unpublished'));
      res.redirect(303, back(round.id));
    },
  };
}
