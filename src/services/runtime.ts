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
export const cryptoRandom: RandomSource = { bytes: (size) => crypto.randomBytes(size) };

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
