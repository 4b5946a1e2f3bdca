/**
 * The load generator of `npm run bench`, run as its own process so that it does not share a core's
 * event loop with the server it measures. Reads one scenario from the JSON file named by argv[2], drives the server
 * with autocannon for a bounded time (and, for one-shot pools such as drafts to send, a bounded
 * number of requests), and prints autocannon's result as one JSON line on stdout.
 */
import fs from 'node:fs';
import autocannon from 'autocannon';

export interface LoadSpec {
  url: string;
  method?: 'GET' | 'POST';
  connections: number;
  /** seconds */
  duration: number;
  /** Stop after this many requests (each variant used once); `duration` still bounds the time. */
  amount?: number;
  headers?: Record<string, string>;
  /** Per-request variants, used in turn: each sets the Cookie header and, for a POST, the body. */
  variants?: { cookie?: string; body?: string }[];
  body?: string;
}

function main() {
  const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as LoadSpec;
  const variants = spec.variants ?? [];
  let next = 0;
  const instance = autocannon(
    {
      url: spec.url,
      method: spec.method ?? 'GET',
      connections: spec.connections,
      duration: spec.duration,
      amount: spec.amount,
      headers: spec.headers,
      body: spec.body,
      // No pipelining, like a browser; every request waits for its answer.
      pipelining: 1,
      timeout: 10,
      requests: [
        {
          setupRequest: (req: Record<string, unknown>) => {
            if (variants.length === 0) return req;
            const v = variants[next++ % variants.length];
            return {
              ...req,
              headers: { ...(req.headers as Record<string, string>), ...(v.cookie ? { cookie: v.cookie } : {}) },
              ...(v.body !== undefined ? { body: v.body } : {}),
            };
          },
        },
      ],
    },
    (err, result) => {
      clearTimeout(guard);
      if (err) {
        console.error(err);
        process.exit(1);
      }
      process.stdout.write(`${JSON.stringify(result)}\n`);
    },
  );
  // amount= makes autocannon ignore duration: keep a time bound all the same.
  const guard = setTimeout(() => instance.stop(), (spec.duration + 5) * 1000);
}

main();
