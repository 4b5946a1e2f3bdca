import http from 'node:http';

// Self-contained (no supertest, no jest), so the workshop benchmark can use it too.
const csrfFrom = (html: string) => {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('No CSRF token on the page');
  return match[1];
};

/** The cookies a Set-Cookie list sets, as one Cookie header. */
const cookieHeader = (setCookie: string[], prior = '') =>
  [prior, ...setCookie.map((c) => c.split(';')[0])].filter(Boolean).join('; ');

/** Signs in through the real login form over real HTTP; returns the Cookie header to send. */
export async function signInOverHttp(base: string, email: string, password: string): Promise<string> {
  const page = await fetch(`${base}/admin/login`);
  const first = cookieHeader(page.headers.getSetCookie());
  const token = csrfFrom(await page.text());
  const res = await fetch(`${base}/admin/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: first },
    body: new URLSearchParams({ email, password, _csrf: token }),
  });
  if (res.status !== 303) throw new Error(`Sign-in failed with ${res.status}`);
  return cookieHeader(res.headers.getSetCookie());
}

export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

/** A server-sent event stream read over a real connection, event by event. */
export interface SseClient {
  status: number;
  headers: http.IncomingHttpHeaders;
  events: SseEvent[];
  /** comment lines (heartbeats) seen so far */
  comments: string[];
  /** Resolves with the first event (from `from` on) that matches, or rejects after `timeoutMs`. */
  next(match?: (e: SseEvent) => boolean, timeoutMs?: number, from?: number): Promise<SseEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      const events: SseEvent[] = [];
      const comments: string[] = [];
      const waiters: (() => void)[] = [];
      let buffer = '';
      let endResolve: () => void = () => undefined;
      const ended = new Promise<void>((r) => (endResolve = r));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut;
        while ((cut = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const e: SseEvent = { event: 'message', data: '' };
          let any = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line);
            else if (line.startsWith('event: ')) {
              e.event = line.slice(7);
              any = true;
            } else if (line.startsWith('data: ')) {
              e.data += line.slice(6);
              any = true;
            } else if (line.startsWith('id: ')) e.id = line.slice(4);
          }
          if (any) events.push(e);
          for (const w of waiters.splice(0)) w();
        }
      });
      res.on('end', () => {
        endResolve();
        for (const w of waiters.splice(0)) w();
      });
      res.on('close', () => endResolve());
      const client: SseClient = {
        status: res.statusCode!,
        headers: res.headers,
        events,
        comments,
        ended,
        close: () => req.destroy(),
        next(match = () => true, timeoutMs = 3000, from = 0) {
          return new Promise((ok, fail) => {
            const timer = setTimeout(() => fail(new Error(`No matching event within ${timeoutMs} ms; got ${events.length}: ${events.map((x) => x.data.slice(0, 120)).join(' | ')}`)), timeoutMs);
            const check = () => {
              const found = events.slice(from).find(match);
              if (found) {
                clearTimeout(timer);
                ok(found);
              } else waiters.push(check);
            };
            check();
          });
        },
      };
      resolve(client);
    });
    req.on('error', reject);
  });
}
