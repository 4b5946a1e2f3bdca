import crypto from 'node:crypto';

/** Time, passed in so tests can be exact. Milliseconds since the epoch. */
export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };

/** Randomness, passed in so tests can be repeatable. */
export interface RandomSource {
  bytes(size: number): Buffer;
}
/**
 * The operating system's randomness (crypto.randomBytes), drawn 4 KB at a time: most requests
 * that need any want 32 bytes (a CSRF cookie, a session id), and one call per request cost more
 * than the bytes (issue 12). Each byte is handed out once, as a copy; larger asks go straight
 * to crypto.
 */
const POOL_SIZE = 4096;
const pool = Buffer.alloc(POOL_SIZE);
let poolUsed = POOL_SIZE;
export const cryptoRandom: RandomSource = {
  bytes(size) {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`Cannot draw ${size} random bytes`);
    if (size > 256) return crypto.randomBytes(size);
    if (poolUsed + size > POOL_SIZE) {
      crypto.randomFillSync(pool);
      poolUsed = 0;
    }
    const out = Buffer.from(pool.subarray(poolUsed, poolUsed + size));
    pool.fill(0, poolUsed, poolUsed + size);
    poolUsed += size;
    return out;
  },
};

/** A URL-safe random token with `bytes` bytes of entropy. */
export function randomToken(random: RandomSource, bytes = 32): string {
  return random.bytes(bytes).toString('base64url');
}

/**
 * A string of `length` characters drawn uniformly from `alphabet`
 * (rejection sampling, so no character is favoured).
 */
export function randomFromAlphabet(random: RandomSource, alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of random.bytes(length * 2)) {
      if (byte < limit && out.length < length) out += alphabet[byte % alphabet.length];
    }
  }
  return out;
}
