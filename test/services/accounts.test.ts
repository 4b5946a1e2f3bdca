import { migrate, openDatabase } from '../../src/db';
import { testConfig } from '../../src/config';
import { createServices } from '../../src/services';
import { ConflictError, ForbiddenError, GoneError, NotFoundError, ValidationError } from '../../src/services/errors';
import { fakeClock, makeTestApp } from '../helpers/app';
import { createMember, createOwner, PASSWORD } from '../helpers/admin';
import { openRound } from '../helpers/rounds';

describe('the one-time set-up code', () => {
  it('works once, and a new code replaces the old one (as at each restart)', async () => {
    const { services } = makeTestApp();
    const first = services.accounts.issueSetupCode()!;
    const second = services.accounts.issueSetupCode()!;
    expect(second).not.toBe(first);
    await expect(services.accounts.setupOwner({ code: first, email: 'a@example.org', password: PASSWORD, confirm: PASSWORD })).rejects.toThrow(ValidationError);
    const owner = await services.accounts.setupOwner({ code: second, email: 'a@example.org', password: PASSWORD, confirm: PASSWORD });
    expect(owner.role).toBe('owner');
    await expect(services.accounts.setupOwner({ code: second, email: 'b@example.org', password: PASSWORD, confirm: PASSWORD })).rejects.toThrow(GoneError);
    expect(services.accounts.issueSetupCode()).toBeUndefined();
  });

  it('lives only in the memory of one process: another process on the same database does not know it', async () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const a = createServices({ db, config: testConfig() });
    const b = createServices({ db, config: testConfig() });
    const code = a.accounts.issueSetupCode()!;
    await expect(b.accounts.setupOwner({ code, email: 'a@example.org', password: PASSWORD, confirm: PASSWORD })).rejects.toThrow(ValidationError);
    expect(JSON.stringify(db.prepare('SELECT * FROM settings').all())).not.toContain(code.replace(/-/g, ''));
  });

  it('makes only one owner when two set-ups race', async () => {
    const { services } = makeTestApp();
    const code = services.accounts.issueSetupCode()!;
    const results = await Promise.allSettled([
      services.accounts.setupOwner({ code, email: 'a@example.org', password: PASSWORD, confirm: PASSWORD }),
      services.accounts.setupOwner({ code, email: 'b@example.org', password: PASSWORD, confirm: PASSWORD }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(services.accounts.list()).toHaveLength(1);
  });
});

describe('accounts', () => {
  it('createFirstOwner refuses once an owner exists', async () => {
    const ctx = makeTestApp();
    await createOwner(ctx);
    await expect(createOwner(ctx, 'second@example.org')).rejects.toThrow(ConflictError);
  });

  it('authenticates by email in any case, never with a wrong password or an account without one', async () => {
    const ctx = makeTestApp();
    const owner = await createOwner(ctx);
    expect((await ctx.services.accounts.authenticate(' OWNER@Example.org ', PASSWORD))?.id).toBe(owner.id);
    expect(await ctx.services.accounts.authenticate('owner@example.org', 'wrong-wrong-wrong')).toBeUndefined();
    ctx.services.accounts.createAccount(owner, { email: 'nopass@example.org', role: 'member', organisationIds: [] });
    expect(await ctx.services.accounts.authenticate('nopass@example.org', '')).toBeUndefined();
    expect(await ctx.services.accounts.authenticate('nobody@example.org', PASSWORD)).toBeUndefined();
  });

  it('never hands the password hash to callers', async () => {
    const ctx = makeTestApp();
    const owner = await createOwner(ctx);
    expect(JSON.stringify([owner, ctx.services.accounts.list(), ctx.services.accounts.get(owner.id)])).not.toContain('argon2');
  });

  it('only owners manage accounts', async () => {
    const ctx = makeTestApp();
    const owner = await createOwner(ctx);
    const member = await createMember(ctx, owner, []);
    expect(() => ctx.services.accounts.createAccount(member, { email: 'x@example.org', role: 'owner', organisationIds: [] })).toThrow(ForbiddenError);
    expect(() => ctx.services.accounts.newPasswordLink(member, owner.id)).toThrow(ForbiddenError);
    expect(() => ctx.services.accounts.setAccess(member, member.id, { role: 'owner', organisationIds: [] })).toThrow(ForbiddenError);
    expect(() => ctx.services.accounts.delete(member, owner.id)).toThrow(ForbiddenError);
  });

  it('a set-password link works once and ends sessions that signed in before it was used', async () => {
    const clock = fakeClock();
    const ctx = makeTestApp({ clock });
    const owner = await createOwner(ctx);
    const member = await createMember(ctx, owner, []);
    const loginAt = clock.now();
    clock.advance(1000);
    const token = ctx.services.accounts.newPasswordLink(owner, member.id);
    const updated = await ctx.services.accounts.setPasswordWithToken(token, 'amber-tractor-lantern-77', 'amber-tractor-lantern-77');
    expect(ctx.services.accounts.sessionStillValid(updated, loginAt)).toBe(false);
    expect(ctx.services.accounts.sessionStillValid(updated, clock.now())).toBe(true);
    await expect(ctx.services.accounts.setPasswordWithToken(token, 'amber-tractor-lantern-78', 'amber-tractor-lantern-78')).rejects.toThrow(GoneError);
  });

  it('removes expired links in maintenance', async () => {
    const clock = fakeClock();
    const ctx = makeTestApp({ clock });
    const owner = await createOwner(ctx);
    ctx.services.accounts.createAccount(owner, { email: 'x@example.org', role: 'member', organisationIds: [] });
    clock.advance(73 * 3_600_000);
    expect(ctx.services.maintenance.run().passwordLinks).toBe(1);
  });
});

describe('access', () => {
  it('a member reaches only their organisations; anything else is not found', async () => {
    const ctx = makeTestApp();
    const owner = await createOwner(ctx);
    const round = openRound(ctx);
    const other = ctx.services.organisations.create('Other');
    const member = await createMember(ctx, owner, [other.id]);
    expect(ctx.services.access.organisations(member).map((o) => o.name)).toEqual(['Other']);
    expect(() => ctx.services.access.round(member, round.id)).toThrow(NotFoundError);
    expect(() => ctx.services.access.organisation(member, round.organisationId)).toThrow(NotFoundError);
    expect(() => ctx.services.access.round(member, 12345)).toThrow(NotFoundError);
    expect(ctx.services.access.round(owner, round.id).id).toBe(round.id);
    expect(ctx.services.access.organisations(owner)).toHaveLength(2);
    expect(() => ctx.services.access.requireOwner(member)).toThrow(ForbiddenError);
  });
});
