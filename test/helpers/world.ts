import crypto from 'node:crypto';
import request from 'supertest';
import type { Db } from '../../src/db';
import type { Logger } from '../../src/log';
import { DEFAULT_QUESTIONNAIRE_ID } from '../../src/questionnaires';
import { csrfFrom, fakeClock, makeTestApp, type TestContext } from './app';
import { createMember, createOwner, PASSWORD, signIn } from './admin';
import { respond } from './respond';
import { openRound } from './rounds';

export { listRoutes, type RouteEntry } from '../../src/web/route-table';

/**
 * Server-sent event streams never end on their own: a sweep that opens one as someone allowed to
 * see it would wait for ever. Their access is swept where it is refused (no session, another
 * organisation, a made-up token); what they send is tested through a real connection in
 * test/web/presenter-stream.test.ts.
 */
export const STREAM_ROUTES: ReadonlySet<string> = new Set(['GET /admin/rounds/:roundId/events', 'GET /observe/:token/events']);
export const isStream = (r: { method: string; path: string }) => STREAM_ROUTES.has(`${r.method} ${r.path}`);

/**
 * A hash of every row of every table (sorted, so WITHOUT ROWID tables need no rowid):
 * equal checksums mean nothing was written.
 */
export function tableChecksums(db: Db, except: readonly string[] = []): Record<string, string> {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables
      // The health check proves the database can write by updating its heartbeat row: that write is its job.
      .filter((t) => t !== 'heartbeat' && !except.includes(t))
      .map((t) => {
        const rows = (db.prepare(`SELECT * FROM "${t}"`).raw().all() as unknown[][]).map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).sort();
        return [t, `${rows.length}:${crypto.createHash('sha256').update(rows.join('\n')).digest('hex').slice(0, 16)}`];
      }),
  );
}

export type Agent = ReturnType<typeof request.agent>;

/** A signed-in admin: a cookie-keeping agent and a CSRF token good for its session. */
export interface Signed {
  agent: Agent;
  token: string;
}

/** One organisation's things in the world below. */
export interface OrgFixture {
  orgId: number;
  roundId: number;
  linkToken: string;
  commentId: string;
  shareLinkId: number;
  shareToken: string;
  actionId: number;
}

export interface World extends TestContext {
  clock: ReturnType<typeof fakeClock>;
  a: OrgFixture;
  b: OrgFixture;
  /** Owner: sees every organisation. */
  owner: Signed;
  /** Member of organisation A only. */
  member: Signed;
  ownerId: number;
  memberId: number;
  /** An anonymous browser with a CSRF cookie and its token (respondent and sign-in forms). */
  anonymous: () => Promise<Signed>;
  /** A respondent of round A who has started a draft and chosen a role. */
  respondent: () => Promise<Signed>;
  questionnaire: { id: string; version: number };
}

const scored = (n: number) => String(n % 5);

/**
 * Two organisations, each with an open round that has released answers and comments and a board
 * share link; an owner, and a member of organisation A only. Built through the real services.
 */
export async function makeWorld(options: { logger?: Logger } = {}): Promise<World> {
  const clock = fakeClock();
  const ctx = makeTestApp({ clock, logger: options.logger });
  const owner = await createOwner(ctx);
  const orgFixture = (name: string): OrgFixture => {
    const round = openRound(ctx, { name: `${name} round` });
    ctx.services.organisations.rename(round.organisationId, name);
    const items = ctx.services.responding.pages(round).flatMap((p) => p.items);
    // Ten people, so that comments are shown (twice the minimum group size of 5).
    for (let i = 0; i < 10; i++) {
      const answers: Record<string, string> = {};
      items.forEach((item, j) => (answers[item.id] = item.kind === 'comment' ? `${name} comment ${i}-${j}` : item.kind === 'ladder' ? String((i + j) % 2) : scored(i + j)));
      respond(ctx, round, i % 2 === 0 ? 'staff' : 'carer', answers);
    }
    const commentId = ctx.db.prepare('SELECT id FROM comments WHERE round_id = ? ORDER BY id LIMIT 1').pluck().get(round.id) as string;
    const link = ctx.services.shareLinks.createForRound(round.id, { label: `${name} board`, showComments: true });
    const shareLinkId = ctx.db.prepare('SELECT id FROM share_links WHERE round_id = ?').pluck().get(round.id) as number;
    const actionId = ctx.services.actions.create(round, { themeId: 'coproduction', what: `${name} action`, lead: 'Chair', dueOn: '2030-01-31', status: 'planned', note: '' });
    return { orgId: round.organisationId, roundId: round.id, linkToken: round.linkToken, commentId, shareLinkId, shareToken: link.token, actionId };
  };
  const a = orgFixture('Organisation A');
  const b = orgFixture('Organisation B');
  const member = await createMember(ctx, owner, [a.orgId]);
  const signed = async (email: string): Promise<Signed> => {
    const s = await signIn(ctx, email, PASSWORD);
    return { agent: s.agent, token: await s.token() };
  };
  const anonymous = async (): Promise<Signed> => {
    const agent = request.agent(ctx.app);
    const page = await agent.get('/join');
    return { agent, token: csrfFrom(page.text) };
  };
  const respondent = async (): Promise<Signed> => {
    const s = await anonymous();
    const base = `/r/${a.linkToken}`;
    await s.agent.post(`${base}/start`).type('form').send({ _csrf: s.token }).expect(303);
    await s.agent.post(`${base}/role`).type('form').send({ _csrf: s.token, role: 'staff' }).expect(303);
    return s;
  };
  return {
    ...ctx,
    clock,
    a,
    b,
    owner: await signed(owner.email),
    member: await signed(member.email),
    ownerId: owner.id,
    memberId: member.id,
    anonymous,
    respondent,
    questionnaire: { id: DEFAULT_QUESTIONNAIRE_ID, version: 1 },
  };
}

/** Fills a route pattern with the ids of one organisation's fixture. */
export function fillPath(pattern: string, world: World, org: OrgFixture, extra: Record<string, string> = {}): string {
  const values: Record<string, string> = {
    orgId: String(org.orgId),
    roundId: String(org.roundId),
    id: String(org.roundId),
    commentId: org.commentId,
    linkId: String(org.shareLinkId),
    actionId: String(org.actionId),
    themeId: 'coproduction',
    action: 'reveal',
    adminId: String(world.memberId),
    qid: world.questionnaire.id,
    version: String(world.questionnaire.version),
    n: '1',
    ...extra,
  };
  return pattern.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    if (name === 'token') {
      if (pattern.startsWith('/r/')) return org.linkToken;
      if (pattern.startsWith('/share/')) return org.shareToken;
      return 'not-a-real-token-0000000000000000';
    }
    if (!(name in values)) throw new Error(`No value for :${name} in ${pattern}`);
    return values[name];
  });
}
