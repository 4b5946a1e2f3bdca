import request from 'supertest';
import { DEFAULT_QUESTIONNAIRE_ID } from '../../src/questionnaires';
import { defaultRoles } from '../../src/services/rounds';
import { isolateBidi } from '../../src/web/bidi';
import { browserLike, makeTestApp } from '../helpers/app';
import { createMember, ownerSession, signIn } from '../helpers/admin';
import { respond } from '../helpers/respond';
import { unisolated } from '../helpers/bidi';

const RLO = '\u202E'; // RIGHT-TO-LEFT OVERRIDE: "abc\u202Edef" shows as "abcfed"
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;


describe('bidirectional isolation of names and comments (issue 16, item 7)', () => {
  it('shows organisation and round names, role labels, share-link labels and comments isolated on every page', async () => {
    const ctx = makeTestApp();
    const { owner, browser } = await ownerSession(ctx);
    const org = ctx.services.organisations.create(`Riverside${RLO} Trust`);
    const q = ctx.services.questionnaires.get(DEFAULT_QUESTIONNAIRE_ID, 1);
    const round = ctx.services.rounds.open(ctx.services.rounds.create(org.id, {
      name: `Annual${RLO} check`, questionnaireId: q.id, questionnaireVersion: q.version, form: 'full', mode: 'survey',
      roles: [...defaultRoles(q), { id: 'peer', label: `Peer${RLO} worker` }], minGroupSize: 3, opensAt: null, closesAt: null, intro: '', resultsRelease: 'after-close',
    }).id);
    for (let i = 0; i < 6; i++) respond(ctx, round, i < 3 ? 'peer' : 'staff', { 'cp-early': '2', 'coproduction-comment': `Fine${RLO} ${i} enough` });
    const link = ctx.services.shareLinks.createForRound(round.id, { label: `Board${RLO} copy`, showComments: true });
    // A respondent's pages, in a round that takes answers.
    const b = browserLike(ctx.app);
    const base = `/r/${round.linkToken}`;
    const pages: [string, string][] = [['welcome', (await b.agent.get(base)).text]];
    await b.submit(base, {}, `${base}/start`);
    pages.push(['role', (await b.agent.get(`${base}/role`)).text]);
    await b.submit(`${base}/role`, { role: 'peer' });
    await b.submit(`${base}/themes/1`, { 'cp-early': '1' });
    pages.push(['check', (await b.agent.get(`${base}/check`)).text]);
    await b.submit(`${base}/check`, {}, `${base}/submit`);
    pages.push(['thanks', (await b.agent.get(`${base}/thanks`)).text]);
    // Closed: results are shown whatever the open-round rule is.
    ctx.services.rounds.close(round.id);
    pages.push(['closed', (await request(ctx.app).get(base)).text]);
    for (const path of ['/admin', `/admin/organisations/${org.id}`, `/admin/rounds/${round.id}`, `/admin/rounds/${round.id}/edit`,
      `/admin/rounds/${round.id}/report`, '/admin/accounts/new', `/admin/organisations/${org.id}/rounds/new`]) {
      const res = await browser.agent.get(path);
      expect([path, res.status]).toEqual([path, 200]);
      pages.push([path, res.text]);
    }
    pages.push(['share', (await request(ctx.app).get(`/share/${link.token}`).expect(200)).text]);
    await createMember(ctx, owner, [org.id], 'member@example.org');
    pages.push(['member account', (await (await signIn(ctx, 'member@example.org')).agent.get('/admin/account')).text]);

    for (const [name, html] of pages) {
      expect({ name, hasOverride: html.includes(RLO) }).toEqual({ name, hasOverride: true }); // the names are on the page…
      const rest = unisolated(html);
      const at = rest.search(BIDI_CONTROL);
      // …but never outside an isolate.
      expect({ name, unisolated: at === -1 ? '' : rest.slice(Math.max(0, at - 80), at + 40) }).toEqual({ name, unisolated: '' });
    }
    const report = pages.find(([n]) => n === `/admin/rounds/${round.id}/report`)![1];
    expect(report).toContain(`<p dir="auto">Fine${RLO} 0 enough</p>`);
    expect(report).toContain(`<title>\u2068\u2068Annual${RLO} check\u2069: results\u2069 – Powershare</title>`);
  });

  it('isolates a title only when it holds right-to-left text or direction controls', () => {
    expect(isolateBidi('Sign in')).toBe('Sign in');
    expect(isolateBidi(`a${RLO}b`)).toBe(`\u2068a${RLO}b\u2069`);
    expect(isolateBidi('مراجعة سنوية')).toBe('\u2068مراجعة سنوية\u2069');
  });
});
