import express, { type RequestHandler } from 'express';
import request from 'supertest';
import { series } from '../../src/web/series';

/** An app with one series in front of a route that lists what ran; errors answer "error: <message>". */
function appWith(...handlers: RequestHandler[]) {
  const app = express();
  app.use((_req, res, next) => {
    res.locals.ran = [];
    next();
  });
  app.use(series(...handlers));
  app.get('/', (_req, res) => res.json(res.locals.ran));
  app.use(((err: Error, _req, res, _next) => res.status(500).send(`error: ${err.message}`)) as express.ErrorRequestHandler);
  return app;
}
const mark = (name: string): RequestHandler => (_req, res, next) => {
  (res.locals.ran as string[]).push(name);
  next();
};

describe('series', () => {
  it('runs each middleware in order, then the routes', async () => {
    expect((await request(appWith(mark('a'), mark('b'), mark('c'))).get('/').expect(200)).body).toEqual(['a', 'b', 'c']);
  });

  it('waits for a middleware that calls next later', async () => {
    const later: RequestHandler = (_req, res, next) => void setTimeout(() => ((res.locals.ran as string[]).push('later'), next()), 5);
    expect((await request(appWith(mark('a'), later, mark('b'))).get('/').expect(200)).body).toEqual(['a', 'later', 'b']);
  });

  it('ends where a middleware answers', async () => {
    const answer: RequestHandler = (_req, res) => void res.status(400).send('refused');
    const res = await request(appWith(mark('a'), answer, mark('never'))).get('/').expect(400);
    expect(res.text).toBe('refused');
  });

  it('treats next(\'route\') as the next middleware, as separate layers do', async () => {
    const skip: RequestHandler = (_req, res, next) => ((res.locals.ran as string[]).push('skip'), next('route'));
    expect((await request(appWith(mark('a'), skip, mark('b'))).get('/').expect(200)).body).toEqual(['a', 'skip', 'b']);
  });

  it('sends errors, thrown, passed or rejected, to the error handlers and skips the rest', async () => {
    const passed: RequestHandler = (_req, _res, next) => next(new Error('passed'));
    const thrown: RequestHandler = () => {
      throw new Error('thrown');
    };
    const rejected: RequestHandler = async () => Promise.reject(new Error('rejected'));
    for (const [handler, message] of [[passed, 'passed'], [thrown, 'thrown'], [rejected, 'rejected']] as const) {
      expect((await request(appWith(mark('a'), handler, mark('never'))).get('/').expect(500)).text).toBe(`error: ${message}`);
    }
  });
});
