import fc from 'fast-check';
import request from 'supertest';
import { createRepositories } from '../../src/db';
import { csvCell, toCsv } from '../../src/services/csv';
import { makeTestApp, type TestContext } from '../helpers/app';
import { respond } from '../helpers/respond';
import { openRound } from '../helpers/rounds';
import { fillRound } from '../helpers/synthetic';

/** A round where staff (7) and lived (6) are shown, carer (1) is small and board (1) is hidden with it. */
function round(ctx: TestContext, counts: Record<string, number>, k = 5) {
  const r = openRound(ctx, { form: 'full', minGroupSize: k });
  let i = 0;
  for (const [role, n] of Object.entries(counts)) {
    for (let j = 0; j < n; j++, i++) {
      respond(ctx, r, role, { 'ld-shared': String(i % 5), 'tk-change': String((i + 2) % 5), 'coproduction-comment': `Comment number ${i} from someone` });
    }
  }
  return r;
}

const share = (ctx: TestContext, roundId: number, showComments = false) =>
  ctx.services.shareLinks.createForRound(roundId, { label: 'Board', showComments }).token;

describe('board share link', () => {
  it('shows the report read-only, with no admin controls and no comments unless chosen', async () => {
    const ctx = makeTestApp();
    const r = round(ctx, { staff: 7, lived: 6 });
    const token = share(ctx, r.id);
    const res = await request(ctx.app).get(`/share/${token}`).expect(200);
    expect(res.text).toContain('Annual check 2026: results');
    expect(res.text).toContain('Theme scores');
    expect(res.text).toContain('data-chart=');
    expect(res.text).not.toContain('Download anonymised answers');
    expect(res.text).not.toContain('Hide this comment');
    expect(res.text).not.toContain('Create a share link');
    expect(res.text).not.toContain('Comment number');
    expect(res.headers['x-robots-tag']).toBe('noindex');

    const withComments = share(ctx, r.id, true);
    const res2 = await request(ctx.app).get(`/share/${withComments}`).expect(200);
    expect(res2.text).toContain('Comment number 3 from someone');
    expect(res2.text).not.toContain('Hide this comment');
  });

  it('gives 404 once revoked, and for a made-up token', async () => {
    const ctx = makeTestApp();
    const r = round(ctx, { staff: 5 });
    const token = share(ctx, r.id);
    await request(ctx.app).get(`/share/${token}`).expect(200);
    const [link] = ctx.services.shareLinks.listForRound(r.id);
    ctx.services.shareLinks.revoke(r.id, link.id);
    await request(ctx.app).get(`/share/${token}`).expect(404);
    await request(ctx.app).get(`/share/${token}/results.csv`).expect(404);
    await request(ctx.app).get(`/api/rounds/${r.id}/results`).set('Authorization', `Bearer ${token}`).expect(404);
    await request(ctx.app).get('/share/not-a-token-at-all-0000').expect(404);
    await request(ctx.app).get('/share/<script>').expect(404);
  });

  it('hides comments the admin hid, in every output', async () => {
    const ctx = makeTestApp();
    const r = round(ctx, { staff: 10 });
    const comment = ctx.db.prepare("SELECT id FROM comments WHERE body = 'Comment number 4 from someone'").get() as { id: string };
    ctx.services.results.setCommentHidden(r.id, comment.id, true);
    const token = share(ctx, r.id, true);
    const page = await request(ctx.app).get(`/share/${token}`);
    expect(page.text).toContain('Comment number 5 from someone');
    expect(page.text).not.toContain('Comment number 4 from someone');
    const api = await request(ctx.app).get(`/api/rounds/${r.id}/results`).set('Authorization', `Bearer ${token}`).expect(200);
    expect(JSON.stringify(api.body)).toContain('Comment number 5');
    expect(JSON.stringify(api.body)).not.toContain('Comment number 4');
  });

  it('shows comments only at twice the minimum group size', async () => {
    const ctx = makeTestApp();
    const r = round(ctx, { staff: 9 });
    const token = share(ctx, r.id, true);
    expect((await request(ctx.app).get(`/share/${token}`)).text).not.toContain('Comment number');
    const api = await request(ctx.app).get(`/api/rounds/${r.id}/results`).set('Authorization', `Bearer ${token}`);
    expect(JSON.stringify(api.body)).not.toContain('Comment number');
  });
});

describe('JSON API', () => {
  it('needs a signed-in admin or a share token, and a token opens only its own round', async () => {
    const ctx = makeTestApp();
    const a = round(ctx, { staff: 5 });
    const b = round(ctx, { staff: 5 });
    await request(ctx.app).get(`/api/rounds/${a.id}/results`).expect(401);
    const token = share(ctx, a.id);
    const ok = await request(ctx.app).get(`/api/rounds/${a.id}/results`).set('Authorization', `Bearer ${token}`).expect(200);
    expect(ok.body.respondents.total).toBe(5);
    await request(ctx.app).get(`/api/rounds/${b.id}/results`).set('Authorization', `Bearer ${token}`).expect(404);
    await request(ctx.app).get('/api/rounds/abc/results').expect(404);
  });
});

describe('suppression in every output', () => {
  // Each case: respondents per role, the roles whose figures may appear, and those that must not.
  const cases: [string, Record<string, number>, string[], string[]][] = [
    ['k-1 in the round: counts only', { staff: 2, lived: 2 }, [], ['staff', 'lived']],
    ['exactly k in one group', { staff: 5 }, ['staff'], []],
    ['one small group and its complement', { staff: 7, lived: 6, carer: 1 }, ['staff'], ['lived', 'carer']],
    ['two small groups that together reach k', { staff: 7, lived: 6, carer: 2, board: 3 }, ['staff', 'lived'], ['carer', 'board']],
  ];

  it.each(cases)('%s', async (_name, counts, shown, hidden) => {
    const ctx = makeTestApp();
    const r = round(ctx, counts);
    const token = share(ctx, r.id, true);
    const labels = Object.fromEntries(r.roles.map((x) => [x.id, x.label]));
    const html = (await request(ctx.app).get(`/share/${token}`)).text;
    const csv = (await request(ctx.app).get(`/share/${token}/results.csv`)).text;
    const api = (await request(ctx.app).get(`/api/rounds/${r.id}/results`).set('Authorization', `Bearer ${token}`)).body;

    for (const role of shown) {
      expect(api.groups.map((g: { roleId: string }) => g.roleId)).toContain(role);
      expect(csv).toMatch(new RegExp(`"${labels[role]}","${counts[role]}","\\d`));
    }
    for (const role of hidden) {
      // The group's label may appear (every offered role is listed), but never with a figure.
      expect(api.groups.map((g: { roleId: string }) => g.roleId)).not.toContain(role);
      expect(api.respondents.byRole.find((x: { role: string }) => x.role === role).n).toBeNull();
      expect(csv).not.toMatch(new RegExp(`"${labels[role]}","\\d`));
      const rowsForRole = html.split('<tr').filter((row) => row.includes(`>${labels[role]}<`));
      for (const row of rowsForRole) expect(row).not.toMatch(/class="num">\d/);
      // Chart data names only shown groups.
      for (const m of html.matchAll(/data-chart="([^"]+)"/g)) expect(m[1]).not.toContain(labels[role]);
    }
    if (shown.length === 0) {
      expect(api.belowMinimum).toBe(true);
      expect(api.overall).toBeNull();
      expect(html).toContain('Not enough people have answered yet to show results');
      expect(html).not.toContain('data-chart=');
    }
  });
});

describe('CSV', () => {
  it('neutralises formula injection and quotes every cell', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+1')).toBe('"\'+1"');
    expect(csvCell('-2')).toBe('"\'-2"');
    expect(csvCell('@SUM(A1)')).toBe('"\'@SUM(A1)"');
    expect(csvCell('\tcmd')).toBe('"\'\tcmd"');
    // Issue 13, item 2: also after leading spaces or quotes.
    expect(csvCell('  =1+1')).toBe('"\'  =1+1"');
    expect(csvCell('"=cmd|\' /C calc\'!A0')).toBe('"\'""=cmd|\' /C calc\'!A0"');
    expect(csvCell(' "+SUM(1)')).toBe('"\' ""+SUM(1)"');
    expect(csvCell("'@x")).toBe('"\'\'@x"');
    expect(csvCell('a=1')).toBe('"a=1"');
    expect(csvCell('plain, "quoted"\nline')).toBe('"plain, ""quoted""\nline"');
    expect(csvCell(42.5)).toBe('"42.5"');
    expect(csvCell(null)).toBe('""');
    expect(toCsv(['a'], [['b']])).toBe('\uFEFF"a"\r\n"b"\r\n');
  });

  it('never lets any text start a formula (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const cell = csvCell(s);
        const inner = cell.slice(1, -1).replace(/""/g, '"');
        // Also after leading spaces or quotes (issue 13, item 2).
        expect(/^[\s"]*[=+\-@]|^[\t\r]/.test(inner)).toBe(false);
        expect(inner).toBe(/^[\s"']*[=+\-@]|^[\t\r]/.test(s) ? `'${s}` : s);
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[ "'\t]{0,3}[=+\-@][a-z(]{0,5}$/), (s) => {
        expect(csvCell(s).slice(1, 2)).toBe("'");
      }),
    );
  });

  it('exports results with a BOM, as a download, with suppression', async () => {
    const ctx = makeTestApp();
    const r = round(ctx, { staff: 7, lived: 6, carer: 1 });
    const res = await request(ctx.app).get(`/share/${share(ctx, r.id)}/results.csv`).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="powershare-riverside-mental-health-trust-annual-check-2026-results\.csv"$/);
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    expect(res.text).toContain('"Heroic or shared leadership","Everyone","14"');
    expect(res.text).toContain('"Family member or carer","","","","","","","Not shown, to protect anonymity"');
  });

  it('exports anonymised answers with small roles merged into Other and no comments', () => {
    const ctx = makeTestApp();
    const r = round(ctx, { staff: 7, lived: 6, carer: 1 });
    const { body } = ctx.services.exports.answersCsv(r.id);
    const lines = body.trim().split('\r\n');
    expect(lines).toHaveLength(15);
    expect(lines[0]).toContain('"role","cp-last-change"');
    const roles = lines.slice(1).map((l) => l.split(',')[0]);
    expect(roles.filter((x) => x === '"Other"')).toHaveLength(7);
    expect(roles.filter((x) => x === '"Staff member or volunteer"')).toHaveLength(7);
    expect(body).not.toContain('Comment number');
    expect(body).not.toMatch(/2026-\d\d-\d\d/);
  });

  it('refuses the answers export below the minimum', () => {
    const ctx = makeTestApp();
    const r = round(ctx, { staff: 3 });
    expect(() => ctx.services.exports.answersCsv(r.id)).toThrow(/at least 5 people/);
  });
});

describe('suppression property', () => {
  it('no output ever contains a hidden group figure, and what is hidden adds up to 0 or at least k', async () => {
    const roles = ['lived', 'carer', 'staff', 'leader', 'board'];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: 8 }), { minLength: 5, maxLength: 5 }), fc.constantFrom(3, 5), async (ns, k) => {
        const ctx = makeTestApp();
        const r = openRound(ctx, { form: 'short', minGroupSize: k });
        const q = ctx.services.rounds.questionnaireFor(r);
        const repos = createRepositories(ctx.db);
        roles.forEach((role, i) => ns[i] > 0 && fillRound(repos, q, r, ns[i], 7 + i, { [role]: 1 }));
        const token = share(ctx, r.id);
        const api = (await request(ctx.app).get(`/api/rounds/${r.id}/results`).set('Authorization', `Bearer ${token}`)).body;
        const csv = (await request(ctx.app).get(`/share/${token}/results.csv`)).text;
        const total = ns.reduce((a, b) => a + b, 0);
        const shown = api.respondents.byRole.filter((x: { n: number | null }) => x.n !== null);
        const hiddenTotal = total - shown.reduce((s: number, x: { n: number }) => s + x.n, 0);
        // Whatever a reader can derive by subtraction describes nobody or at least k people.
        // (Below the minimum only the total is published, and nothing is derived from it.)
        if (!api.belowMinimum) expect(hiddenTotal === 0 || hiddenTotal >= k).toBe(true);
        else expect(shown).toEqual([]);
        for (const x of shown) expect(x.n).toBeGreaterThanOrEqual(k);
        const shownIds = new Set(shown.map((x: { role: string }) => x.role));
        for (const g of api.groups) expect(shownIds.has(g.roleId)).toBe(true);
        for (const x of api.respondents.byRole.filter((y: { n: number | null }) => y.n === null)) {
          expect(csv).not.toMatch(new RegExp(`"${x.label}","\\d`));
        }
        if (total < k) expect(api.overall).toBeNull();
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 40) },
    );
  }, 120_000);
});

describe('share tokens stay out of addresses (issue 13, item 4)', () => {
  it('refuses ?token= on the JSON APIs with a clear 400 and no data, and takes the Authorization header', async () => {
    const ctx = makeTestApp();
    const r = round(ctx, { staff: 7, lived: 6 });
    const token = share(ctx, r.id);
    const inAddress = await request(ctx.app).get(`/api/rounds/${r.id}/results?token=${token}`).expect(400);
    expect(inAddress.body.error).toMatch(/Authorization: Bearer/);
    expect(JSON.stringify(inAddress.body)).not.toMatch(/themes|respondents/);
    // Even alongside a valid header: the token in the address is what must not be sent.
    await request(ctx.app).get(`/api/rounds/${r.id}/results?token=x`).set('Authorization', `Bearer ${token}`).expect(400);
    await request(ctx.app).get(`/api/organisations/${r.organisationId}/trends?token=${token}`).expect(400);
    const ok = await request(ctx.app).get(`/api/rounds/${r.id}/results`).set('Authorization', `Bearer ${token}`).expect(200);
    expect(ok.body.respondents.total).toBe(13);
  });
});
