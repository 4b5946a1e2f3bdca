import type { RequestHandler } from 'express';
import type { Logger } from '../log';
import { routePattern } from './route-table';

/**
 * One structured line per request, once it is answered (or the client went away): method,
 * route pattern, status and duration, and nothing else. Not the URL (round and share links carry
 * tokens in the path), not the query, headers, cookies, body, client address or user agent: what
 * is never read cannot leak. test/security/logs.test.ts sends canary values through every route
 * and checks none reaches the log.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    // 'close' comes once for every response: after 'finish' when it was sent, alone when the
    // client went away first (then writableFinished is false).
    res.once('close', () => {
      const status = res.statusCode;
      // Nothing to write at this level (LOG_LEVEL=silent in tests, or warn): skip the route lookup.
      if (status < 500 ? !logger.isLevelEnabled('info') : !logger.isLevelEnabled('error')) return;
      const route = routePattern(req);
      const entry = {
        method: req.method,
        route,
        status,
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      // Static files and unknown paths (no route) are noise at info: debug unless they failed.
      if (status >= 500) logger.error(entry, 'request');
      else if (route === null && status < 400) logger.debug(entry, 'request');
      else logger.info(entry, 'request');
    });
    next();
  };
}
