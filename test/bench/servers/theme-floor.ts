/**
 * The least a theme page must do on this stack, for `npm run bench:compare` (test/bench/compare.ts):
 * Express with helmet's headers, the draft's cookie read, the draft read through the app's own
 * data layer (one indexed query, its answers parsed), a fixed page of the theme page's size sent
 * with no-store, and the app's request log line. None of the rest: no page language, hosts check,
 * CSRF token, round look-up, wording, questions or holes. The distance between this and the app is
 * what the app's own work costs a theme page. Usage: node theme-floor.js <database file> <page bytes>
 */
import express from 'express';
import helmet from 'helmet';
import { createRepositories, openDatabase } from '../../../src/db';
import { createLogger } from '../../../src/log';
import { createHttpServer } from '../../../src/web/http-server';
import { requestLog } from '../../../src/web/request-log';
import { announce } from './listen';

const repos = createRepositories(openDatabase(process.argv[2]));
const PAGE = Buffer.alloc(Number(process.argv[3]), 'x');
const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.use(requestLog(createLogger({ logLevel: 'info' })));
app.use(helmet());
app.get('/r/:token/themes/:n', (req, res) => {
  const id = /(?:^|;\s*)ps_draft=([^;]*)/.exec(req.headers.cookie ?? '')?.[1];
  const draft = id === undefined ? undefined : repos.responses.findDraft(decodeURIComponent(id), Date.now());
  if (!draft) {
    res.status(404).end();
    return;
  }
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Length', PAGE.length);
  res.end(PAGE);
});
// On the app's own HTTP server (src/web/http-server.ts), as the app is: the floor of this stack.
const server = createHttpServer(app).listen(0, '127.0.0.1', () => announce(server));
