import crypto from 'node:crypto';
import type { RandomSource } from '../services/runtime';

/** A 32-byte key for one purpose, derived from the server's secret (HKDF-SHA256). */
export function deriveKey(secret: string, purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', secret, Buffer.alloc(0), `powershare ${purpose}`, 32));
}

/** HMAC-SHA256 of `value`, base64url. */
export function mac(key: Buffer, value: string): string {
  return crypto.createHmac('sha256', key).update(value).digest('base64url');
}

/**
 * mac(key, value), remembering the last `max` answers: a respondent's pages each work out the
 * form token of the same CSRF cookie, and each HMAC was 2.5% of a theme page's time (issue 12).
 * The values are the server's own answers for cookies it was sent; the oldest goes first.
 */
export function rememberingMac(key: Buffer, max = 1024): (value: string) => string {
  const known = new Map<string, string>();
  return (value) => {
    let answer = known.get(value);
    if (answer === undefined) {
      answer = mac(key, value);
      if (known.size >= max) known.delete(known.keys().next().value!);
      known.set(value, answer);
    }
    return answer;
  };
}

/** Compares two strings in constant time (for their length). */
export function sameString(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

/**
 * Authenticated encryption (AES-256-GCM) of small JSON values kept by the browser, e.g. a
 * respondent's own scores between sending and the thank-you page: the server keeps nothing, the
 * browser cannot read or change what it carries, and a value sealed for one purpose never opens
 * for another.
 */
export function sealer(secret: string, purpose: string, random: RandomSource) {
  const key = deriveKey(secret, `sealed ${purpose}`);
  const aad = Buffer.from(purpose);
  return {
    seal(value: unknown): string {
      const iv = random.bytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad);
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    /** The sealed value, or undefined if it was changed, sealed with another key or purpose, or is not a seal at all. */
    open(sealed: string | undefined): unknown {
      if (!sealed || sealed.length > 8192) return undefined;
      const raw = Buffer.from(sealed, 'base64url');
      if (raw.length < 12 + 16) return undefined;
      try {
        const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAAD(aad);
        decipher.setAuthTag(raw.subarray(12, 28));
        const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
        return JSON.parse(text) as unknown;
      } catch {
        return undefined;
      }
    },
  };
}
export type Sealer = ReturnType<typeof sealer>;
