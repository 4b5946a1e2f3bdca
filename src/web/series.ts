import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Several middlewares as one: each runs when the one before calls next(), as they would as
 * separate app.use() layers (an error skips the rest and goes to Express's error handlers; a
 * thrown error too; one that answers without calling next ends the series). One router layer
 * instead of one each: Express's router spends a few microseconds on every layer of every request
 * (issue 12).
 */
export function series(...handlers: RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    let at = 0;
    const step = (err?: unknown): void => {
      // As between separate layers: 'route' (and no error) goes on to the next middleware,
      // 'router' leaves the router, anything else is an error.
      if (err === 'router') return next(err);
      if (err && err !== 'route') return next(err);
      const handler = handlers[at++];
      if (!handler) return next();
      try {
        const result: unknown = handler(req, res, step);
        // Express 5 sends a rejected promise to the error handlers; so does this.
        if (result instanceof Promise) result.catch((e: unknown) => next(e ?? new Error('Rejected without a reason')));
      } catch (e) {
        next(e);
      }
    };
    step();
  };
}
