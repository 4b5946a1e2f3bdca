/**
 * Baseline (a) of `npm run bench`: bare Express with helmet's default headers, answering every GET
 * with one fixed 2 KB HTML page. No templates, cookies, sessions or database: the ceiling a page
 * of this server could reach on this machine, listening as Express's own app.listen does.
 *
 * With the argument `--express-prototypes`, the same app on the server the app itself uses
 * (src/web/http-server.ts: requests made with Express's prototypes from the start): a row of its
 * own in the table, for comparison, so that what that server alone buys is not taken for the
 * app's own speed.
 */
import express from 'express';
import helmet from 'helmet';
import { createHttpServer } from '../../../src/web/http-server';
import { announce } from './listen';

const HEAD = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Baseline</title></head><body><main><h1>Baseline</h1><p>';
const TAIL = '</p></main></body></html>';
const filler = 'Power is shared when the people who use a service help decide what it does. '.repeat(30);
/** Exactly 2,048 bytes. */
const PAGE = HEAD + filler.slice(0, 2048 - HEAD.length - TAIL.length) + TAIL;

const app = express();
app.disable('x-powered-by');
app.use(helmet());
app.get('/', (_req, res) => {
  res.type('html').send(PAGE);
});
const server = process.argv.includes('--express-prototypes')
  ? createHttpServer(app).listen(0, '127.0.0.1', () => announce(server))
  : app.listen(0, '127.0.0.1', () => announce(server));
