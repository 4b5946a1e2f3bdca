import type { Express, Request } from 'express';

/** One route as the app's router holds it: method and full path pattern. */
export interface RouteEntry {
  method: string;
  path: string;
}

interface LayerLike {
  rawPath?: unknown;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
}

/** Each route object of the app's router (and the routers mounted in it), with its full path. */
function eachRoute(app: Express | Request['app'], visit: (route: NonNullable<LayerLike['route']>, path: string) => void): void {
  const walk = (stack: LayerLike[], prefix: string) => {
    for (const layer of stack) {
      const own = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      if (layer.route) visit(layer.route, `${prefix}${layer.route.path}`.replace(/(.)\/$/, '$1'));
      else if (layer.handle?.stack) walk(layer.handle.stack, prefix + own);
    }
  };
  walk((app as unknown as { router: { stack: LayerLike[] } }).router.stack, '');
}

/**
 * Every route of the app, read from Express's own router (router 2.x keeps each layer's path
 * as `rawPath`), so a route added anywhere appears here without anyone listing it. The request
 * log names routes by these patterns; test/security sweeps them.
 */
export function listRoutes(app: Express | Request['app']): RouteEntry[] {
  const out: RouteEntry[] = [];
  eachRoute(app, (route, path) => {
    for (const [method, on] of Object.entries(route.methods)) if (on && method !== '_all') out.push({ method: method.toUpperCase(), path });
  });
  const seen = new Set<string>();
  return out.filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
}

interface CompiledRoute {
  method: string;
  pattern: string;
  regex: RegExp;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `/r/:token/themes/:n` -> a regex; every route here uses only `:name` segments. */
function compile({ method, path }: RouteEntry): CompiledRoute {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : escape(segment)))
    .join('/');
  // Like Express: case-insensitive, a trailing slash allowed.
  return { method, pattern: path, regex: new RegExp(`^${source}/?$`, 'i') };
}

const TABLES = new WeakMap<object, { routes: CompiledRoute[]; patterns: Map<object, string> }>();

function tableOf(req: Request) {
  let table = TABLES.get(req.app);
  if (!table) {
    const patterns = new Map<object, string>();
    eachRoute(req.app, (route, path) => patterns.set(route, path));
    table = { routes: listRoutes(req.app).map(compile), patterns };
    TABLES.set(req.app, table);
  }
  return table;
}

/** The request's path, decoded where it can be. originalUrl: inside a mounted router (and when a response ends there) req.path is relative to it. */
function fullPath(req: Request): string {
  const raw = req.originalUrl.split('?')[0];
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * The route pattern a request matches (`/admin/rounds/:roundId`), in router order, or null
 * (a static file, an unknown path). Never the raw URL: that holds tokens. HEAD matches GET.
 */
export function routePattern(req: Request): string | null {
  const table = tableOf(req);
  // The route that answered, as Express's router noted it: its pattern is known. Testing the
  // path against every route's pattern in turn was a twentieth of a theme page's time (issue 12).
  const route = (req as { route?: object }).route;
  const known = route && table.patterns.get(route);
  if (known !== undefined) return known;
  // Answered before any route (a refused host or form token, a static file): the first route
  // the path and method match.
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  const path = fullPath(req);
  return table.routes.find((r) => r.method === method && r.regex.test(path))?.pattern ?? null;
}

/** The methods some route answers at the request's path, HEAD beside GET, in order (what OPTIONS lists); none for an unknown path. */
export function allowedMethods(req: Request): string[] {
  const path = fullPath(req);
  const methods = new Set(tableOf(req).routes.filter((r) => r.regex.test(path)).map((r) => r.method));
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}
