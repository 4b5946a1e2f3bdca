import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Services } from '../services';
import { StorageFullError } from '../services/errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * While the database cannot save, requests that would save get a 503 at once (see
 * services/storage.ts), and pages say so before anyone fills in a form that cannot be sent.
 */
export function refuseWritesWhenFull(storage: Pick<Services['storage'], 'writable' | 'problem'>): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const writable = storage.writable();
    if (SAFE_METHODS.has(req.method)) {
      res.locals.cannotSave = writable ? false : (storage.problem() ?? 'full');
      return next();
    }
    if (writable) return next();
    next(new StorageFullError('The database cannot save right now', storage.problem() ?? 'full'));
  };
}
