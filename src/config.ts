import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/**
 * All configuration comes from environment variables, parsed here and only here.
 * Every other module receives the typed `Config` object (tests build one with `testConfig`).
 */

const positiveInt = (max: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: 'must be a whole number' })
    .transform(Number)
    .pipe(z.number().int().min(1, { error: 'must be at least 1' }).max(max, { error: `must be at most ${max}` }));

/** Names Express knows for whole address ranges of proxies. */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);
/** An address, an address with a prefix length (CIDR), or one of Express's range names. */
const isProxyAddress = (entry: string): boolean => {
  if (PROXY_RANGES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = net.isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
};

/**
 * Which proxies to trust for the client's address (X-Forwarded-For): none; a number of hops (the
 * client is that many addresses from the right, so it cannot choose its own); or the proxies'
 * addresses. `true` means one hop, the usual single reverse proxy.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((v, ctx): false | number | string[] => {
    if (['false', '0', 'no', ''].includes(v)) return false;
    if (['true', 'yes'].includes(v)) return 1;
    if (/^\d+$/.test(v) && Number(v) <= 10) return Number(v);
    const list = v.split(',').map((s) => s.trim()).filter(Boolean);
    if (list.length > 0 && list.every(isProxyAddress)) return list;
    ctx.addIssue({ code: 'custom', message: 'must be true, false, a number of proxy hops (1 to 10) or a comma-separated list of proxy addresses (for example 10.0.0.2, 192.168.1.0/24, loopback)' });
    return z.NEVER;
  });

/** A DNS name (labels of letters, digits and inner hyphens) with an optional final dot. */
const HOSTNAME = /^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/;

/** Lower case, no brackets around IPv6, no final dot: the form names are compared in. */
export function normaliseHostName(name: string): string {
  const lower = name.trim().toLowerCase();
  const bare = lower.startsWith('[') && lower.endsWith(']') ? lower.slice(1, -1) : lower;
  return bare.endsWith('.') ? bare.slice(0, -1) : bare;
}

/** True for a host name or an IP address (IPv6 with or without brackets), without a port. */
export function isHostName(name: string): boolean {
  const n = normaliseHostName(name);
  return net.isIP(n) !== 0 || HOSTNAME.test(n);
}

/** Host names (or IP addresses) besides HOST and PUBLIC_URL's that requests may name; no ports or schemes. */
const allowedHosts = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
  .refine((list) => list.every(isHostName), { error: 'must be a comma-separated list of host names or IP addresses, without ports or http:// (for example powershare.example.org, 192.168.1.23)' });

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const envSchema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test'], { error: 'must be production, development or test' }).default('production'),
  PORT: z
    .string()
    .regex(/^\d+$/, { error: 'must be a port number (0-65535)' })
    .transform(Number)
    .pipe(z.number().int().min(0).max(65535, { error: 'must be a port number (0-65535)' }))
    .default(3000),
  HOST: z.string().min(1, { error: 'must not be empty' }).default('127.0.0.1'),
  DATABASE_PATH: z.string().min(1, { error: 'must not be empty' }).default(path.join('data', 'powershare.db')),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL, e.g. https://powershare.example.org' })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  SESSION_SECRET: z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false'], { error: 'must be auto, true or false' }).default('auto'),
  TRUST_PROXY: trustProxy.default(false),
  ALLOWED_HOSTS: allowedHosts.default([]),
  // Unset: info, except under NODE_ENV=test (silent, so test output stays readable).
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).optional(),
  SESSION_IDLE_MINUTES: positiveInt(24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: positiveInt(24 * 30).default(12),
  DRAFT_TTL_DAYS: positiveInt(365).default(30),
  TIME_ZONE: z.string().refine(isTimeZone, { error: 'must be a time zone name such as Europe/London or UTC' }).optional(),
  // The C library's variable; used when TIME_ZONE is not set, and ignored unless it names a zone.
  TZ: z.string().optional(),
  // Below systemd's and Docker's 10 s stop timeouts, so we finish before being killed.
  SHUTDOWN_GRACE_SECONDS: positiveInt(9).default(5),
  // Unset: rounds are kept until an admin deletes them.
  ROUND_RETENTION_MONTHS: positiveInt(1200).optional(),
  // Unset: on, except under NODE_ENV=test (audit: every page from the cache is checked against a fresh rendering).
  PAGE_CACHE: z.enum(['on', 'off', 'audit'], { error: 'must be on, off or audit' }).optional(),
});

/** True when Intl knows the zone name (e.g. "Europe/London", "UTC"). */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const DEFAULT_TIME_ZONE = 'Europe/London';

export type Env = Record<string, string | undefined>;

export interface Config {
  env: 'production' | 'development' | 'test';
  /** Show error messages and stacks in pages; only in development. */
  exposeErrors: boolean;
  port: number;
  host: string;
  databasePath: string;
  publicUrl?: string;
  sessionSecret?: string;
  cookieSecure: 'auto' | boolean;
  /** How much the structured log (src/log.ts) writes: request lines at info, failures at error. */
  logLevel: LogLevel;
  /** Host names accepted besides HOST's and PUBLIC_URL's (see web/hosts.ts). */
  allowedHosts: string[];
  /** false: no proxy; a number of hops; or the proxies' addresses (`true`, from tests, means one hop). */
  trustProxy: boolean | number | string[];
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  draftTtlMs: number;
  /** The organisation's time zone: admin forms take and show times in it. */
  timeZone: string;
  /** On SIGTERM, how long requests in flight may take before their connections are cut. */
  shutdownGraceMs: number;
  /**
   * Whole rounds that finished more than this many calendar months ago are deleted, with every
   * answer, comment, draft and share link (undefined: kept until an admin deletes them).
   */
  roundRetentionMonths?: number;
  /** Limits on starting and sending answers (see routes/respond.ts); not set by the environment. */
  answerLimits: AnswerLimits;
  /** Respondent pages rendered once and kept with holes for each person's values (web/page-cache.ts). */
  pageCache: 'on' | 'off' | 'audit';
}

/**
 * How often answers may be started or sent. A survey's respondents are spread out, so one address
 * gets `perAddress` in 15 minutes. A workshop room of 300 may share one venue address, so in a
 * workshop round one address gets `workshopPerAddress` for that round; and whatever the addresses,
 * a round takes at most `startsPerRoundPerMinute` new starts a minute, so that a script cannot
 * stuff a round from many addresses either.
 */
export interface AnswerLimits {
  perAddress: number;
  workshopPerAddress: number;
  startsPerRoundPerMinute: number;
}
export const DEFAULT_ANSWER_LIMITS: AnswerLimits = { perAddress: 300, workshopPerAddress: 1000, startsPerRoundPerMinute: 400 };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment. Throws ConfigError naming every bad variable. */
export function loadConfig(env: Env = process.env): Config {
  // Treat empty strings as unset, so `PORT= npm start` means the default.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        return `${name}=${JSON.stringify(cleaned[name] ?? '')} ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    exposeErrors: e.NODE_ENV === 'development',
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    publicUrl: e.PUBLIC_URL,
    sessionSecret: e.SESSION_SECRET,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    trustProxy: e.TRUST_PROXY,
    allowedHosts: e.ALLOWED_HOSTS,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    draftTtlMs: e.DRAFT_TTL_DAYS * 86_400_000,
    timeZone: e.TIME_ZONE ?? (e.TZ && isTimeZone(e.TZ.replace(/^:/, '')) ? e.TZ.replace(/^:/, '') : DEFAULT_TIME_ZONE),
    shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
    roundRetentionMonths: e.ROUND_RETENTION_MONTHS,
    answerLimits: DEFAULT_ANSWER_LIMITS,
    pageCache: e.PAGE_CACHE ?? (e.NODE_ENV === 'test' ? 'audit' : 'on'),
  };
}

/** The configuration tests use: defaults with an in-memory database, overridable. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: 'test', DATABASE_PATH: ':memory:' }), ...overrides };
}

/**
 * The address to type into a browser on this machine for a server listening on `host`:`port`
 * (a wildcard address becomes the loopback one; IPv6 goes in brackets).
 */
export function localUrl(host: string, port: number): string {
  const h = host === '0.0.0.0' ? '127.0.0.1' : host === '::' || host === '[::]' ? '::1' : host;
  return `http://${h.includes(':') && !h.startsWith('[') ? `[${h}]` : h}:${port}`;
}
