import type { Request, Response } from 'express';
import type { Services } from '../../services';
import type { Admin } from '../../services/accounts';
import { ConflictError } from '../../services/errors';
import { idParam } from '../params';
import { flash } from './session';

/** "You said, we did": publish or unpublish a closed round's results page for the people who answered. */
export function resultsPageHandlers(services: Services) {
  const roundOf = (req: Request, res: Response) => services.access.round(res.locals.admin as Admin, idParam(req, 'roundId'));
  const back = (id: number) => `/admin/rounds/${id}#results-page`;
  return {
    publish(req: Request, res: Response) {
      const round = roundOf(req, res);
      try {
        services.resultsPage.publish(round);
        flash(req, 'success', 'The results page is published: people who follow the round’s link can read it.');
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
        flash(req, 'error', err.message);
      }
      res.redirect(303, back(round.id));
    },
    unpublish(req: Request, res: Response) {
      const round = roundOf(req, res);
      services.resultsPage.unpublish(round);
      flash(req, 'success', 'The results page is no longer published: its address now answers “page not found”.');
      res.redirect(303, back(round.id));
    },
  };
}
