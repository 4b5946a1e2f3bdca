import { COMMON_PASSWORDS, COMMON_WORDS } from './common-passwords';

/** OWASP's current minimum for argon2id: 19 MiB, 2 passes, 1 lane (argon2id is the library's default). */
export const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

const commonPasswords = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));
const commonWords = new Set(COMMON_WORDS.map((w) => w.toLowerCase()));

/** Counts characters as people do (an emoji is one), so the length rule matches what they typed. */
const length = (s: string) => [...s].length;

/**
 * Why a password would be refused, in words for the person choosing it; empty when it is fine.
 * Rules follow NIST SP 800-63B: length, no known-common passwords, nothing tied to the account;
 * no composition rules (they push people to "Password1!").
 */
export function passwordProblems(password: string, email = ''): string[] {
  const n = length(password);
  if (n < PASSWORD_MIN_LENGTH) return [`Use at least ${PASSWORD_MIN_LENGTH} characters (this has ${n})`];
  if (n > PASSWORD_MAX_LENGTH) return [`Use at most ${PASSWORD_MAX_LENGTH} characters`];
  const lower = password.toLowerCase();
  const stem = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  if (commonPasswords.has(lower) || commonWords.has(stem) || commonPasswords.has(stem)) {
    return ['This password is too common: attackers try it first. Choose something less predictable, e.g. three or four unrelated words'];
  }
  if (new Set(lower).size < 4) return ['This password repeats too few different characters. Choose something less predictable'];
  if (isSequence(lower)) return ['This password is a simple sequence. Choose something less predictable'];
  const local = email.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 3 && lower.includes(local)) return ['The password must not contain the first part of your email address'];
  return [];
}

/** True for runs like "abcdefghijkl" or "987654321098" (steps of +1 or -1 throughout). */
function isSequence(s: string): boolean {
  const codes = [...s].map((c) => c.codePointAt(0)!);
  const step = codes[1] - codes[0];
  if (Math.abs(step) !== 1) return false;
  return codes.every((c, i) => i === 0 || c - codes[i - 1] === step || (step === 1 && c === 48 && codes[i - 1] === 57));
}

/**
 * The argon2 binding, loaded when a password is first hashed or checked: a server that only ever
 * serves respondents never needs it, and loading it was 3.6 MB of resident memory (issue 12).
 */
type Argon2 = typeof import('@node-rs/argon2');
let argon2: Argon2 | undefined;
// A require, not import(): under "module": "nodenext" tsc leaves import() as a real dynamic
// import, which jest's module sandbox refuses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadArgon2 = (): Argon2 => (argon2 ??= require('@node-rs/argon2') as Argon2);

export const hashPassword = (password: string): Promise<string> => loadArgon2().hash(password, ARGON2_OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await loadArgon2().verify(passwordHash, password);
  } catch {
    // A malformed stored hash must never let anyone in, nor crash the login page.
    return false;
  }
}
