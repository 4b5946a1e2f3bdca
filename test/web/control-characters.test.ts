import { makeTestApp } from '../helpers/app';
import { ownerSession } from '../helpers/admin';
import { openRound } from '../helpers/rounds';
import { loginSchema } from '../../src/web/admin/forms';

const roundFields = (overrides: Record<string, string | string[]> = {}) => ({
  name: 'Annual check 2026',
  questionnaire: 'power-sharing@1',
  form: 'full',
  mode: 'survey',
  roles: ['lived', 'staff'],
  customRoles: '',
  minGroupSize: '',
  opensAt: '',
  closesAt: '',
  intro: '',
  ...overrides,
});

describe('control characters in names (issue 17.5)', () => {
  it.each([
    ['NUL', 'Riverside\u0000Trust'],
    ['escape', 'Riverside \u001b[31mTrust'],
    ['a tab in a one-line name', 'Riverside\tTrust'],
    ['DEL', 'Riverside\u007fTrust'],
    ['a C1 control', 'Riverside\u0085Trust'],
  ])('refuses %s in an organisation name, on create and rename', async (_what, name) => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const created = await browser.submit('/admin', { name }, '/admin/organisations');
    expect(created.status).toBe(400);
    expect(created.text).toContain('Remove the hidden control characters');
    expect(created.text).toContain('href="#name"');
    expect(ctx.services.organisations.listAll()).toEqual([]);

    const org = ctx.services.organisations.create('Riverside Trust');
    const renamed = await browser.submit(`/admin/organisations/${org.id}`, { name }, `/admin/organisations/${org.id}/name`);
    expect(renamed.status).toBe(400);
    expect(renamed.text).toContain('Remove the hidden control characters');
    expect(ctx.services.organisations.get(org.id).name).toBe('Riverside Trust');
  });

  it('refuses a NUL in a round name on create, edit and duplicate; tabs and line breaks stay allowed in the introduction', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const org = ctx.services.organisations.create('Org');
    const newPage = `/admin/organisations/${org.id}/rounds/new`;
    const bad = await browser.submit(newPage, roundFields({ name: 'Annual\u0000check' }), `/admin/organisations/${org.id}/rounds`);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Remove the hidden control characters');
    expect(bad.text).toContain('href="#name"');
    const badIntro = await browser.submit(newPage, roundFields({ intro: 'Hello\u0000there' }), `/admin/organisations/${org.id}/rounds`);
    expect(badIntro.status).toBe(400);
    expect(badIntro.text).toContain('href="#intro"');
    const badRoles = await browser.submit(newPage, roundFields({ customRoles: 'Peer\u0007worker' }), `/admin/organisations/${org.id}/rounds`);
    expect(badRoles.status).toBe(400);
    expect(badRoles.text).toContain('href="#customRoles"');
    expect(ctx.services.rounds.listByOrganisation(org.id)).toEqual([]);

    const good = await browser.submit(newPage, roundFields({ intro: 'Line one\r\n\tLine two', customRoles: 'Peer worker\r\nVolunteer' }), `/admin/organisations/${org.id}/rounds`);
    expect(good.status).toBe(303);
    const roundId = Number(/(\d+)$/.exec(good.headers.location)![1]);
    expect(ctx.services.rounds.get(roundId).intro).toBe('Line one\r\n\tLine two');

    const edit = await browser.submit(`/admin/rounds/${roundId}/edit`, roundFields({ name: 'Renamed\u0000' }));
    expect(edit.status).toBe(400);
    expect(ctx.services.rounds.get(roundId).name).toBe('Annual check 2026');
    const copy = await browser.post(`/admin/rounds/${roundId}`, `/admin/rounds/${roundId}/duplicate`, { name: 'Copy\u0000' });
    expect(copy.status).toBe(400);
    expect(copy.text).toContain('Remove the hidden control characters');
    expect(ctx.services.rounds.listByOrganisation(org.id)).toHaveLength(1);
  });

  it('refuses control characters in a share link label', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = openRound(ctx);
    const report = `/admin/rounds/${round.id}/report`;
    const res = await browser.post(report, `/admin/rounds/${round.id}/share-links`, { label: 'Board\u0000' });
    expect(res.status).toBe(303);
    expect((await browser.agent.get(report)).text).toContain('Remove the hidden control characters');
    expect(ctx.services.shareLinks.listForRound(round.id)).toEqual([]);
  });

  it('still accepts passwords with any characters (they are never shown)', () => {
    expect(loginSchema.safeParse({ email: 'a@example.org', password: 'pass\u0001word' }).success).toBe(true);
  });
});
