import zlib from 'node:zlib';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Compresses responses with brotli or gzip, whichever the browser prefers (brotli on a tie),
 * using Node's own zlib: the report page with Chart.js shrinks from about 300 KB to about 90 KB.
 * The `compression` package is not a dependency; this is the part of it we need.
 *
 * Hooks `writeHead` (which Node also calls implicitly on the first write or end), so the decision
 * is taken once the route has set its headers and before any are sent. Skipped for bodies under
 * `threshold` bytes, types that are already compressed, event streams, HEAD, 204 and 304, `no-transform`, and
 * responses that set their own Content-Encoding.
 */
export function compression(options: { threshold?: number; brotliQuality?: number } = {}): RequestHandler {
  const threshold = options.threshold ?? 1024;
  const brotliQuality = options.brotliQuality ?? 5; // fast enough for pages built per request
  return (req: Request, res: Response, next: NextFunction) => {
    // A client that takes neither (most scripts, some proxies) gets the body as it is: nothing to
    // hook. The answer still varies by Accept-Encoding, so caches keep the versions apart.
    if (!acceptsAny(req.headers['accept-encoding'])) {
      res.vary('Accept-Encoding');
      return next();
    }
    const write = res.write as (this: Response, ...args: unknown[]) => boolean;
    const end = res.end as (this: Response, ...args: unknown[]) => Response;
    const on = res.on;
    const writeHead = res.writeHead;
    let stream: zlib.BrotliCompress | zlib.Gzip | undefined;
    let decided = false;
    // Listeners for 'drain' registered before the decision, moved to the stream if one is made.
    const drainListeners: ((...args: unknown[]) => void)[] = [];

    const decide = (endChunk?: unknown) => {
      if (decided) return;
      decided = true;
      res.vary('Accept-Encoding');
      const encoding = chooseEncoding(req, res, endChunk, threshold);
      if (!encoding) {
        for (const l of drainListeners) on.call(res, 'drain', l);
        return;
      }
      stream =
        encoding === 'br'
          ? zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: brotliQuality } })
          : zlib.createGzip({ level: zlib.constants.Z_DEFAULT_COMPRESSION });
      res.setHeader('Content-Encoding', encoding);
      res.removeHeader('Content-Length');
      const etag = res.getHeader('ETag');
      // The compressed bytes differ from the original: a strong validator would be a lie.
      if (typeof etag === 'string' && !etag.startsWith('W/')) res.setHeader('ETag', `W/${etag}`);
      for (const l of drainListeners) stream.on('drain', l);
      stream.on('data', (chunk: Buffer) => {
        if (!write.call(res, chunk)) stream!.pause();
      });
      on.call(res, 'drain', () => stream!.resume());
      stream.on('end', () => end.call(res));
    };

    res.writeHead = function (this: Response, ...args: unknown[]) {
      decide();
      return (writeHead as (...a: unknown[]) => Response).apply(this, args);
    } as Response['writeHead'];

    res.on = function (this: Response, event: string | symbol, listener: (...args: unknown[]) => void) {
      if (event !== 'drain') return on.call(this, event, listener);
      if (!decided) drainListeners.push(listener);
      else if (stream) stream.on('drain', listener);
      else on.call(this, event, listener);
      return this;
    } as Response['on'];

    res.write = function (this: Response, chunk: unknown, encodingOrCb?: unknown, cb?: unknown) {
      if (!this.headersSent) decide();
      if (!stream) return write.call(this, chunk, encodingOrCb, cb);
      return stream.write(toBuffer(chunk, encodingOrCb), typeof encodingOrCb === 'function' ? (encodingOrCb as () => void) : (cb as () => void));
    } as Response['write'];

    res.end = function (this: Response, chunk?: unknown, encodingOrCb?: unknown, cb?: unknown) {
      const data = typeof chunk === 'function' ? undefined : chunk;
      if (!this.headersSent) decide(data);
      if (!stream) return end.call(this, chunk, encodingOrCb, cb);
      const done = [chunk, encodingOrCb, cb].find((x) => typeof x === 'function') as (() => void) | undefined;
      if (done) this.once('finish', done);
      // Headers go out now (implicitly, through the hooked writeHead); the body follows from the stream.
      if (!this.headersSent) this.writeHead(this.statusCode);
      if (data !== undefined && data !== null) stream.end(toBuffer(data, encodingOrCb));
      else stream.end();
      return this;
    } as Response['end'];

    next();
  };
}

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|ld\+json|manifest\+json)|image\/svg\+xml)/i;

function chooseEncoding(req: Request, res: Response, endChunk: unknown, threshold: number): 'br' | 'gzip' | undefined {
  if (req.method === 'HEAD') return undefined;
  if (res.statusCode < 200 || res.statusCode === 204 || res.statusCode === 304) return undefined;
  // A byte range of a file is a range of its uncompressed bytes: send it as it is.
  if (res.statusCode === 206 || res.getHeader('Content-Range') !== undefined) return undefined;
  if (res.getHeader('Content-Encoding')) return undefined;
  if (/\bno-transform\b/.test(String(res.getHeader('Cache-Control') ?? ''))) return undefined;
  const type = String(res.getHeader('Content-Type') ?? '');
  // Server-sent events must reach the browser as each event is written: a compressor would hold
  // them back until its buffer fills (and Node's zlib does not flush per write).
  if (/^text\/event-stream\b/i.test(type)) return undefined;
  if (!COMPRESSIBLE.test(type)) return undefined;
  const declared = res.getHeader('Content-Length');
  const length =
    declared !== undefined ? Number(declared) : endChunk !== undefined && endChunk !== null ? Buffer.byteLength(endChunk as string | Buffer) : undefined;
  // A body of unknown length (streamed without Content-Length) is worth compressing.
  if (length !== undefined && length < threshold) return undefined;
  const q = acceptedQualities(String(req.headers['accept-encoding'] ?? ''));
  const br = q.get('br') ?? q.get('*') ?? 0;
  const gzip = q.get('gzip') ?? q.get('*') ?? 0;
  // Browsers list gzip first but brotli is smaller: prefer it whenever it is wanted as much.
  if (br > 0 && br >= gzip) return 'br';
  return gzip > 0 ? 'gzip' : undefined;
}

/** Whether an Accept-Encoding header could choose brotli or gzip at all (a quick first look). */
function acceptsAny(header: string | undefined): boolean {
  return header !== undefined && /br|gzip|\*/i.test(header);
}

/** `gzip, deflate, br;q=0.5` -> gzip 1, deflate 1, br 0.5. */
function acceptedQualities(header: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    out.set(name, Number.isFinite(value) ? value : 0);
  }
  return out;
}

function toBuffer(chunk: unknown, encoding: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  return Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
}
