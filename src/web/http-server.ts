import http, { IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Express } from 'express';

/**
 * The HTTP server for `app`, whose requests and responses Node makes with Express's own
 * prototypes (app.request, app.response) from the start.
 *
 * app.listen (http.createServer(app)) lets Node make plain IncomingMessage and ServerResponse
 * objects, and Express gives each its prototype with Object.setPrototypeOf at the start of every
 * request (express/lib/application.js, app.handle). In V8 that change of prototype costs far more
 * than it looks: minor collections then moved about 8 KB a request to the old generation (from
 * --trace-gc-nvp; plain Node moves 10 bytes a request), so the old generation filled and was
 * collected every 700 requests or so. Made with the right prototype, the objects die young, and
 * Express's own Object.setPrototypeOf finds the prototype already set and changes nothing.
 * Measured (issue 12, docs/performance.md): bare Express with helmet, the same server otherwise,
 * served 36,100 requests a second instead of 14,400, with no major collection in 20,000 requests
 * instead of 21.
 *
 * Nothing else differs: the objects are the same objects with the same prototype chain Express
 * gives them, made by Node's own constructors.
 */
export function createHttpServer(app: Express): Server {
  // Node's constructors are plain functions (in Node 20, which this project runs on), so they
  // can be called on an object of ours. Were they ever classes, that call would throw: then Node
  // makes the objects as app.listen's server does. (Reflect.construct with our function as
  // new.target works for both, but cost more than the change of prototype saves: 223 µs of CPU
  // a theme page.)
  if (isClass(IncomingMessage) || isClass(ServerResponse)) return http.createServer(app);
  function ExpressRequest(this: IncomingMessage, socket: Socket) {
    IncomingMessage.call(this, socket);
  }
  ExpressRequest.prototype = app.request;
  function ExpressResponse(this: ServerResponse, ...args: ConstructorParameters<typeof ServerResponse>) {
    ServerResponse.apply(this, args);
  }
  ExpressResponse.prototype = app.response;
  return http.createServer(
    { IncomingMessage: ExpressRequest as unknown as typeof IncomingMessage, ServerResponse: ExpressResponse as unknown as typeof ServerResponse },
    app,
  );
}

/** Whether `f` was written as a class (which cannot be called without `new`). */
export function isClass(f: object): boolean {
  return /^class[\s{]/.test(Function.prototype.toString.call(f));
}
