import zlib from 'node:zlib';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Compresses responses with brotli or gzip, whichever the browser prefers (brotli on a tie),
 * using Node's own zlib: the report page with Chart.js shrinks from about 300 KB to about 90 KB.
 * The `compression` package is not a dependency; this is the part of it we need.
 *
 * Hooks `writeHead` (which Node also calls implicitly on the first write or end), so the decision
 * is taken once the route has set its headers and before any are sent. A body given whole to
 * `res.end` is compressed in one call (see ONE_SHOT_MAX); one written in pieces, through a
 * stream. Skipped for bodies under `threshold` bytes, types that are already compressed, event
 * streams, HEAD, 204 and 304, `no-transform`, and responses that set their own Content-Encoding.
 */
export function compression(options: { threshold?: number; brotliQuality?: number; oneShotMax?: number } = {}): RequestHandler {
  const threshold = options.threshold ?? 1024;
  const brotliQuality = options.brotliQuality ?? 5; // for streamed bodies; a body given whole: see ONE_SHOT_MAX
  const oneShotMax = options.oneShotMax ?? ONE_SHOT_MAX;
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
    let encoding: 'br' | 'gzip' | undefined;
    let stream: zlib.BrotliCompress | zlib.Gzip | undefined;
    let decided = false;
    // Listeners for 'drain' registered before the stream is made, moved to it if one is made.
    const drainListeners: ((...args: unknown[]) => void)[] = [];

    const decide = (endChunk?: unknown) => {
      if (decided) return;
      decided = true;
      res.vary('Accept-Encoding');
      encoding = chooseEncoding(req, res, endChunk, threshold);
      if (!encoding) {
        for (const l of drainListeners.splice(0)) on.call(res, 'drain', l);
        return;
      }
      res.setHeader('Content-Encoding', encoding);
      res.removeHeader('Content-Length');
      const etag = res.getHeader('ETag');
      // The compressed bytes differ from the original: a strong validator would be a lie.
      if (typeof etag === 'string' && !etag.startsWith('W/')) res.setHeader('ETag', `W/${etag}`);
    };

    /** The compressing stream, for a body written in pieces (made at the first write). */
    const streamed = (): zlib.BrotliCompress | zlib.Gzip => {
      if (stream) return stream;
      const made =
        encoding === 'br'
          ? zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: brotliQuality } })
          : zlib.createGzip({ level: zlib.constants.Z_DEFAULT_COMPRESSION });
      stream = made;
      for (const l of drainListeners.splice(0)) made.on('drain', l);
      made.on('data', (chunk: Buffer) => {
        if (!write.call(res, chunk)) made.pause();
      });
      on.call(res, 'drain', () => made.resume());
      made.on('end', () => end.call(res));
      return made;
    };

    res.writeHead = function (this: Response, ...args: unknown[]) {
      decide();
      return (writeHead as (...a: unknown[]) => Response).apply(this, args);
    } as Response['writeHead'];

    res.on = function (this: Response, event: string | symbol, listener: (...args: unknown[]) => void) {
      if (event !== 'drain') return on.call(this, event, listener);
      if (!decided || (encoding && !stream)) drainListeners.push(listener);
      else if (stream) stream.on('drain', listener);
      else on.call(this, event, listener);
      return this;
    } as Response['on'];

    res.write = function (this: Response, chunk: unknown, encodingOrCb?: unknown, cb?: unknown) {
      if (!this.headersSent) decide();
      if (!encoding) return write.call(this, chunk, encodingOrCb, cb);
      return streamed().write(toBuffer(chunk, encodingOrCb), typeof encodingOrCb === 'function' ? (encodingOrCb as () => void) : (cb as () => void));
    } as Response['write'];

    res.end = function (this: Response, chunk?: unknown, encodingOrCb?: unknown, cb?: unknown) {
      const data = typeof chunk === 'function' ? undefined : chunk;
      if (!this.headersSent) decide(data);
      if (!encoding) return end.call(this, chunk, encodingOrCb, cb);
      const done = [chunk, encodingOrCb, cb].find((x) => typeof x === 'function') as (() => void) | undefined;
      const body = data === undefined || data === null ? undefined : toBuffer(data, encodingOrCb);
      if (!stream && body !== undefined && body.length <= oneShotMax) {
        // The whole body at once (a page, a JSON answer): compressed here in one call and sent
        // with its length (see ONE_SHOT_MAX).
        for (const l of drainListeners.splice(0)) on.call(this, 'drain', l);
        const packed = compressWhole(encoding, body);
        if (!this.headersSent) this.setHeader('Content-Length', packed.length);
        return done ? end.call(this, packed, done) : end.call(this, packed);
      }
      if (done) this.once('finish', done);
      const out = streamed();
      // Headers go out now (implicitly, through the hooked writeHead); the body follows from the stream.
      if (!this.headersSent) this.writeHead(this.statusCode);
      if (body !== undefined) out.end(body);
      else out.end();
      return this;
    } as Response['end'];

    next();
  };
}

/**
 * Bodies up to this size given whole to res.end (every page, most JSON answers) are compressed
 * in one synchronous call, at each format's fastest setting: brotli 1 makes a 12 KB theme page
 * 2.8 KB in about 50 µs, where quality 5 made it 2.1 KB in 130 µs (same machine, one call each).
 * Either fits in the first round trip of a connection, so the smaller answer would not reach a
 * phone any sooner. Under 50 connections the server's CPU a compressed theme page went from 686
 * to 722 µs (a stream at quality 5) to 286 to 307 (one call, quality 1), against 166 to 204
 * uncompressed (issue 12). Larger bodies (a report page, the JSON API with every comment,
 * Chart.js) go through a stream at `brotliQuality`, on zlib's threads: smaller there matters,
 * and a synchronous call would hold every other request back.
 */
const ONE_SHOT_MAX = 64 * 1024;

function compressWhole(encoding: 'br' | 'gzip', body: Buffer): Buffer {
  if (encoding === 'gzip') return zlib.gzipSync(body, { level: 1 });
  return zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
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
