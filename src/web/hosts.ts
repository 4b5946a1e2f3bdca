import net from 'node:net';
import os from 'node:os';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { isHostName, normaliseHostName, type Config } from '../config';

/**
 * Which `Host` headers the server answers to, and the origin links are built from.
 *
 * Links (round links, QR codes, share, observer and set-password links, the join address) are
 * built from PUBLIC_URL when it is set, and otherwise from the request's Host, but only a Host on
 * this list. A request naming any other host gets 400 "Unknown host" before anything else runs,
 * whatever it asks for. Refusing (rather than answering with relative links) is the safer choice:
 * it also stops DNS rebinding (a hostile web page whose name is made to point at 127.0.0.1, then
 * reads this server from the victim's browser), and a QR code cannot be relative anyway.
 *
 * Accepted: the loopback names; the listen address (HOST); when HOST is a wildcard (0.0.0.0, ::),
 * any IP address and this machine's name, so phones in a workshop room can use
 * http://<the laptop's address>:3000 (an IP address cannot be a rebinding name, and with Docker
 * or NAT the address people use is not one the process can see); PUBLIC_URL's host; ALLOWED_HOSTS.
 */

const LOOPBACK = ['localhost', '127.0.0.1', '::1'];
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

export interface ParsedHost {
  /** Normalised name (see normaliseHostName). */
  name: string;
  /** The header's value rebuilt from its parts (brackets kept for IPv6), safe to put in a link. */
  authority: string;
}

/** Splits a Host header into name and port; null when it is missing or not a well-formed host. */
export function parseHostHeader(value: string | undefined): ParsedHost | null {
  if (!value) return null;
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(value.trim());
  if (!m) return null;
  const name = normaliseHostName(m[1]);
  if (!isHostName(name)) return null;
  if (m[2] !== undefined && Number(m[2]) > 65535) return null;
  const shown = net.isIPv6(name) ? `[${name}]` : name;
  return { name, authority: m[2] === undefined ? shown : `${shown}:${m[2]}` };
}

export interface HostPolicy {
  /** True when a request with this (parsed) host may be answered and linked back to. */
  accepts(host: ParsedHost): boolean;
  /** The names accepted, for the start-up log and the docs' examples. */
  describe(): string;
}

/** The allow-list derived from the configuration (see the comment at the top). */
export function hostPolicy(config: Pick<Config, 'host' | 'publicUrl' | 'allowedHosts'>, machineName: string = os.hostname()): HostPolicy {
  const names = new Set(LOOPBACK);
  const wildcard = WILDCARDS.has(config.host);
  if (!wildcard) names.add(normaliseHostName(config.host));
  else if (isHostName(machineName)) {
    names.add(normaliseHostName(machineName));
    names.add(`${normaliseHostName(machineName)}.local`);
  }
  if (config.publicUrl) names.add(normaliseHostName(new URL(config.publicUrl).hostname));
  for (const h of config.allowedHosts) names.add(normaliseHostName(h));
  return {
    accepts: (host) => names.has(host.name) || (wildcard && net.isIP(host.name) !== 0),
    describe: () => [...names].join(', ') + (wildcard ? ', any IP address' : ''),
  };
}

/** The accepted Host's authority, kept on the request for `linkOrigin` (the scheme is read when a link is built). */
const AUTHORITY = Symbol('accepted host');
type WithAuthority = Request & { [AUTHORITY]?: string };

/**
 * Answers 400 to a request whose Host is missing, malformed or not accepted, and records the
 * authority of every other one for `linkOrigin`. Runs first, for every request.
 *
 * The verdict for a Host value is remembered (a server hears a handful of names): up to
 * KNOWN_HOSTS values, then it starts again, so a client sending endless names costs no memory.
 */
const KNOWN_HOSTS = 64;
export function refuseUnknownHosts(policy: HostPolicy): RequestHandler {
  const verdicts = new Map<string, ParsedHost | null>();
  const verdict = (value: string | undefined): ParsedHost | null => {
    if (value === undefined) return null;
    let found = verdicts.get(value);
    if (found === undefined) {
      const host = parseHostHeader(value);
      found = host && policy.accepts(host) ? host : null;
      if (verdicts.size >= KNOWN_HOSTS) verdicts.clear();
      verdicts.set(value, found);
    }
    return found;
  };
  return (req: Request, res: Response, next: NextFunction) => {
    const host = verdict(req.headers.host);
    if (!host) {
      // The refused name is not echoed back, and nothing else runs.
      res.status(400).type('text/plain').send('Unknown host. This server does not answer to the name in the address you used. If you run it, see "Addresses and links" in docs/operating.md (PUBLIC_URL, HOST and ALLOWED_HOSTS).\n');
      return;
    }
    (req as WithAuthority)[AUTHORITY] = host.authority;
    next();
  };
}

/**
 * The origin absolute links start with: PUBLIC_URL when set, otherwise the accepted Host this
 * request came to. Throws (a 500, never a link to a host nobody checked) if refuseUnknownHosts
 * did not run first.
 */
export function linkOrigin(req: Request, config: Pick<Config, 'publicUrl'>): string {
  if (config.publicUrl) return config.publicUrl;
  const authority = (req as WithAuthority)[AUTHORITY];
  if (!authority) throw new Error('No accepted Host for this request: refuseUnknownHosts must run before links are built');
  return `${req.protocol}://${authority}`;
}
