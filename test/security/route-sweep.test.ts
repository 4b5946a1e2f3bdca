import { fillPath, isStream, listRoutes, makeWorld, tableChecksums, type Agent, type Signed, type World } from '../helpers/world';

/**
 * Issue 13, item 3: access, route by route. The routes come from the app's own router
 * (listRoutes), and every one must be classified below, so a new route cannot escape the sweep.
 *
 * - public:     anyone (sign-in, set-up, join, health).
 * - respondent: anyone holding the round's link token (the token is the access).
 * - share:      anyone holding a board share token.
 * - api:        a signed-in admin of the round's organisation, or a share token; else 401.
 * - admin:      any signed-in admin; `scoped` routes carry an organisation's ids and answer 404
 *               outside the admin's organisations.
 * - owner:      owners only (a member gets 403).
 */
type Access =
  | { kind: 'public' | 'respondent' | 'share' }
  | { kind: 'api' }
  | { kind: 'admin' | 'owner'; scoped: boolean };

const pub = { kind: 'public' } as const;
const resp = { kind: 'respondent' } as const;
const admin = (scoped: boolean) => ({ kind: 'admin', scoped }) as const;
const owner = { kind: 'owner', scoped: false } as const;

const ACCESS: Record<string, Access> = {
  'GET /': pub,
  'GET /healthz': pub,
  'GET /join': pub,
  'POST /join': pub,
  'GET /join/wording': pub,
  'POST /language': pub,
  'GET /resume': pub,
  'POST /resume': pub,
  'GET /r/:token': resp,
  'POST /r/:token/start': resp,
  'POST /r/:token/wording': resp,
  'GET /r/:token/role': resp,
  'POST /r/:token/role': resp,
  'GET /r/:token/themes/:n': resp,
  'POST /r/:token/themes/:n': resp,
  'GET /r/:token/saved': resp,
  'GET /r/:token/check': resp,
  'POST /r/:token/submit': resp,
  'GET /r/:token/thanks': resp,
  'GET /r/:token/results': resp,
  'GET /share/:token': { kind: 'share' },
  'GET /share/:token/results.csv': { kind: 'share' },
  'GET /share/:token/comments/:themeId': { kind: 'share' },
  'GET /share/:token/trends.csv': { kind: 'share' },
  'GET /observe/:token': { kind: 'share' },
  'GET /observe/:token/events': { kind: 'share' },
  'GET /observe/:token/qr.svg': { kind: 'share' },
  'GET /api/rounds/:id/results': { kind: 'api' },
  'GET /api/organisations/:id/trends': { kind: 'api' },
  'GET /setup': pub,
  'GET /admin/setup': pub,
  'POST /admin/setup': pub,
  'GET /admin/login': pub,
  'POST /admin/login': pub,
  'POST /admin/logout': pub,
  'GET /admin/set-password/:token': pub,
  'POST /admin/set-password/:token': pub,
  'GET /admin': admin(false),
  'GET /admin/account': admin(false),
  'POST /admin/account/password': admin(false),
  'POST /admin/organisations': owner,
  'GET /admin/organisations/:orgId': admin(true),
  'POST /admin/organisations/:orgId/name': admin(true),
  'GET /admin/organisations/:orgId/rounds/new': admin(true),
  'GET /admin/organisations/:orgId/trends': admin(true),
  'GET /admin/organisations/:orgId/trends.csv': admin(true),
  'POST /admin/organisations/:orgId/trends/share-links': admin(true),
  'POST /admin/organisations/:orgId/trends/share-links/:linkId/revoke': admin(true),
  'POST /admin/organisations/:orgId/rounds': admin(true),
  'GET /admin/rounds/:roundId': admin(true),
  'GET /admin/rounds/:roundId/edit': admin(true),
  'POST /admin/rounds/:roundId/edit': admin(true),
  'POST /admin/rounds/:roundId/open': admin(true),
  'GET /admin/rounds/:roundId/close': admin(true),
  'GET /admin/rounds/:roundId/present': admin(true),
  'GET /admin/rounds/:roundId/events': admin(true),
  'POST /admin/rounds/:roundId/present/:action': admin(true),
  'GET /admin/rounds/:roundId/handout': admin(true),
  'POST /admin/rounds/:roundId/results-page/publish': admin(true),
  'POST /admin/rounds/:roundId/results-page/unpublish': admin(true),
  'GET /admin/rounds/:roundId/paper': admin(true),
  'GET /admin/rounds/:roundId/paper/entry': admin(true),
  'POST /admin/rounds/:roundId/paper/entry': admin(true),
  'POST /admin/rounds/:roundId/paper/save': admin(true),
  'POST /admin/rounds/:roundId/paper/undo': admin(true),
  'POST /admin/rounds/:roundId/paper/finish': admin(true),
  'POST /admin/rounds/:roundId/observers': admin(true),
  'POST /admin/rounds/:roundId/observers/:linkId/revoke': admin(true),
  'POST /admin/rounds/:roundId/close': admin(true),
  'GET /admin/rounds/:roundId/actions/new': admin(true),
  'POST /admin/rounds/:roundId/actions': admin(true),
  'GET /admin/rounds/:roundId/actions/:actionId/edit': admin(true),
  'POST /admin/rounds/:roundId/actions/:actionId': admin(true),
  'POST /admin/rounds/:roundId/actions/:actionId/delete': admin(true),
  'POST /admin/rounds/:roundId/release': admin(true),
  'POST /admin/rounds/:roundId/duplicate': admin(true),
  'POST /admin/rounds/:roundId/delete': admin(true),
  'GET /admin/rounds/:roundId/qr.svg': admin(true),
  'GET /admin/rounds/:id/report': admin(true),
  'GET /admin/rounds/:id/report/comments/:themeId': admin(true),
  'GET /admin/rounds/:id/results.csv': admin(true),
  'GET /admin/rounds/:id/answers.csv': admin(true),
  'GET /admin/rounds/:id/answers-dictionary.csv': admin(true),
  'POST /admin/rounds/:id/comments/:commentId': admin(true),
  'POST /admin/rounds/:id/share-links': admin(true),
  'POST /admin/rounds/:id/share-links/:linkId/revoke': admin(true),
  'GET /admin/questionnaires': admin(false),
  'GET /admin/questionnaires/import': owner,
  'POST /admin/questionnaires/import': owner,
  'GET /admin/questionnaires/import/confirm': owner,
  'POST /admin/questionnaires/import/confirm': owner,
  'POST /admin/questionnaires/import/cancel': owner,
  'GET /admin/questionnaires/:qid/versions/:version': admin(false),
  'GET /admin/questionnaires/:qid/versions/:version/export': admin(false),
  'GET /admin/accounts': owner,
  'GET /admin/accounts/new': owner,
  'POST /admin/accounts': owner,
  'GET /admin/accounts/:adminId': owner,
  'POST /admin/accounts/:adminId/access': owner,
  'POST /admin/accounts/:adminId/link': owner,
  'POST /admin/accounts/:adminId/delete': owner,
};

const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

/** Sends one request with the token a form would carry (and fields that would pass a form's checks where it matters). */
function send(agent: Agent, method: string, url: string, token: string, fields: Record<string, string> = {}) {
  return method === 'GET' ? agent.get(url) : agent.post(url).type('form').send({ _csrf: token, ...fields });
}

/** Fields that make each POST a real attempt (so a refusal is the guard's, not the form's). */
const FIELDS: Record<string, (w: World) => Record<string, string>> = {
  'POST /admin/organisations/:orgId/name': () => ({ name: 'Renamed by someone else' }),
  'POST /admin/rounds/:roundId/delete': () => ({ confirmName: 'Organisation B round' }),
  'POST /admin/rounds/:id/comments/:commentId': () => ({ hidden: 'true' }),
  'POST /admin/rounds/:id/share-links': () => ({ label: 'sneaky' }),
  'POST /admin/rounds/:roundId/paper/save': () => ({ role: 'staff', 'ld-shared': '4' }),
  'POST /admin/organisations': () => ({ name: 'New organisation' }),
  'POST /admin/accounts': () => ({ email: 'new@example.org', role: 'owner' }),
  'POST /admin/accounts/:adminId/access': (w) => ({ role: 'owner', organisations: String(w.b.orgId) }),
};

describe('access, route by route (issue 13, item 3)', () => {
  let w: World;
  let routes: { method: string; path: string; access: Access }[];
  beforeAll(async () => {
    w = await makeWorld();
    routes = listRoutes(w.app).map((r) => ({ ...r, access: ACCESS[key(r)] }));
  });

  it('classifies every route the router holds, and only those', () => {
    const found = listRoutes(w.app).map(key).sort();
    expect(found).toEqual(Object.keys(ACCESS).sort());
    expect(found.length).toBeGreaterThan(60);
  });

  it('sends every admin route to sign-in without a session (API: 401), writing nothing', async () => {
    const anon = await w.anonymous();
    const before = tableChecksums(w.db);
    const seen: string[] = [];
    for (const r of routes) {
      const url = fillPath(r.path, w, w.a);
      if (r.access.kind === 'admin' || r.access.kind === 'owner') {
        const res = await send(anon.agent, r.method, url, anon.token, FIELDS[key(r)]?.(w));
        seen.push(`${key(r)} -> ${res.status} ${res.headers.location ?? ''}`);
        expect(`${key(r)} -> ${res.status} ${res.headers.location ?? ''}`).toBe(`${key(r)} -> 303 /admin/login`);
      } else if (r.access.kind === 'api') {
        const res = await anon.agent.get(url);
        expect(res.status).toBe(401);
        expect(res.body.error).toMatch(/Sign in/);
      }
    }
    expect(seen.length).toBeGreaterThan(35);
    expect(tableChecksums(w.db)).toEqual(before);
  });

  it('answers 404 for tokens that open nothing', async () => {
    const anon = await w.anonymous();
    for (const r of routes.filter((x) => x.access.kind === 'respondent' || x.access.kind === 'share')) {
      const url = r.path.replace(':token', 'x'.repeat(43)).replace(':n', '1');
      const res = await send(anon.agent, r.method, url, anon.token);
      expect(`${key(r)} -> ${res.status}`).toBe(`${key(r)} -> 404`);
    }
    // A share token of one round does not open another round's JSON.
    await anon.agent.get(`/api/rounds/${w.b.roundId}/results`).set('Authorization', `Bearer ${w.a.shareToken}`).expect(404);
    await anon.agent.get(`/api/rounds/${w.b.roundId}/results`).set('Authorization', `Bearer ${w.a.shareToken}`).expect(404);
    await anon.agent.get(`/api/rounds/${w.a.roundId}/results`).set('Authorization', `Bearer ${w.a.shareToken}`).expect(200);
  });

  it("answers 404 to a member for every id of another organisation, and changes nothing", async () => {
    const before = tableChecksums(w.db, ['sessions']);
    const scoped = routes.filter((r) => r.access.kind === 'admin' && r.access.scoped);
    expect(scoped.length).toBeGreaterThan(15);
    for (const r of scoped) {
      const res = await send(w.member.agent, r.method, fillPath(r.path, w, w.b), w.member.token, FIELDS[key(r)]?.(w));
      expect(`${key(r)} -> ${res.status}`).toBe(`${key(r)} -> 404`);
    }
    // Own round, another organisation's comment or share link.
    const crossed = [
      `/admin/rounds/${w.a.roundId}/comments/${w.b.commentId}`,
      `/admin/rounds/${w.a.roundId}/share-links/${w.b.shareLinkId}/revoke`,
    ];
    for (const url of crossed) {
      const res = await send(w.member.agent, 'POST', url, w.member.token, { hidden: 'true' });
      expect(`${url} -> ${res.status}`).toBe(`${url} -> 404`);
    }
    const api = await w.member.agent.get(`/api/rounds/${w.b.roundId}/results`);
    expect(api.status).toBe(404);
    expect(tableChecksums(w.db, ['sessions'])).toEqual(before);
  });

  it('lets the member see its own organisation through the same routes (so the 404s above are about the organisation)', async () => {
    for (const r of routes.filter((x) => x.method === 'GET' && x.access.kind === 'admin' && x.access.scoped && !isStream(x))) {
      const res = await w.member.agent.get(fillPath(r.path, w, w.a));
      // One round per organisation: the trends CSV has nothing to compare and says so with a 400.
      const expected = key(r) === 'GET /admin/organisations/:orgId/trends.csv' ? 400 : 200;
      expect(`${key(r)} -> ${res.status}`).toBe(`${key(r)} -> ${expected}`);
    }
    await w.member.agent.get(`/api/rounds/${w.a.roundId}/results`).expect(200);
  });

  it('refuses a member (403) on every owner-only route, and changes nothing', async () => {
    const before = tableChecksums(w.db, ['sessions']);
    const ownerOnly = routes.filter((r) => r.access.kind === 'owner');
    expect(ownerOnly.length).toBeGreaterThanOrEqual(12);
    for (const r of ownerOnly) {
      const res = await send(w.member.agent, r.method, fillPath(r.path, w, w.a, { adminId: String(w.ownerId) }), w.member.token, FIELDS[key(r)]?.(w));
      expect(`${key(r)} -> ${res.status}`).toBe(`${key(r)} -> 403`);
    }
    expect(tableChecksums(w.db, ['sessions'])).toEqual(before);
  });

  describe('no GET changes any table', () => {
    /** The admin's own session row is the one thing a signed-in GET writes (its expiry rolls on): compare its ids only. */
    const sessionIds = () => w.db.prepare('SELECT sid FROM sessions ORDER BY sid').pluck().all();

    const sweep = async (who: string, signed: () => Promise<Signed>, filter: (r: { access: Access }) => boolean) => {
      const s = await signed();
      const before = tableChecksums(w.db, ['sessions']);
      const sessions = sessionIds();
      let n = 0;
      for (const r of routes.filter((x) => x.method === 'GET' && filter(x) && !isStream(x))) {
        for (const org of [w.a, w.b]) {
          const res = await s.agent.get(fillPath(r.path, w, org));
          expect(`${who} ${key(r)} -> ${res.status < 500}`).toBe(`${who} ${key(r)} -> true`);
          n++;
          expect(tableChecksums(w.db, ['sessions'])).toEqual(before);
        }
      }
      expect(sessionIds()).toEqual(sessions);
      return n;
    };

    it('as the owner', async () => {
      expect(await sweep('owner', async () => w.owner, () => true)).toBeGreaterThanOrEqual(70);
    }, 30_000); // every GET route, with a checksum of every table before and after each: seconds on a loaded machine
    it('as a member', async () => {
      expect(await sweep('member', async () => w.member, () => true)).toBeGreaterThanOrEqual(70);
    });
    it('as an anonymous visitor', async () => {
      expect(await sweep('anonymous', w.anonymous, () => true)).toBeGreaterThanOrEqual(70);
    });
    it('as a respondent part-way through (draft, role chosen)', async () => {
      expect(await sweep('respondent', w.respondent, (r) => r.access.kind === 'respondent')).toBeGreaterThan(10);
    });
  });
});
