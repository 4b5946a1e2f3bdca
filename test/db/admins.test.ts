import { migrate, openDatabase, createRepositories } from '../../src/db';

function repos() {
  const db = openDatabase(':memory:');
  migrate(db);
  return { db, repos: createRepositories(db) };
}

describe('admin repository', () => {
  it('stores admins with a unique email, whatever its case', () => {
    const { repos: r } = repos();
    const id = r.admins.insert({ email: 'a@example.org', passwordHash: 'h', role: 'owner' }, 1000);
    expect(r.admins.findById(id)).toEqual({ id, email: 'a@example.org', passwordHash: 'h', role: 'owner', createdAt: 1000, passwordChangedAt: 1000 });
    expect(r.admins.findByEmail('A@EXAMPLE.ORG')?.id).toBe(id);
    expect(() => r.admins.insert({ email: 'A@example.org', passwordHash: null, role: 'member' }, 1)).toThrow(/UNIQUE/);
    expect(r.admins.ownerCount()).toBe(1);
  });

  it('refuses an unknown role', () => {
    const { db } = repos();
    expect(() => db.prepare("INSERT INTO admins (email, role, created_at) VALUES ('x@y.org', 'god', 1)").run()).toThrow(/CHECK/);
  });

  it('replaces memberships, and drops them with the admin or the organisation', () => {
    const { repos: r } = repos();
    const a = r.organisations.insert('A', 1);
    const b = r.organisations.insert('B', 1);
    const id = r.admins.insert({ email: 'm@example.org', passwordHash: null, role: 'member' }, 1);
    r.admins.setMemberships(id, [a, b]);
    expect(r.admins.organisationIds(id)).toEqual([a, b]);
    expect(r.admins.membersOf(a).map((m) => m.email)).toEqual(['m@example.org']);
    r.admins.setMemberships(id, [b]);
    expect(r.admins.isMember(id, a)).toBe(false);
    expect(r.admins.isMember(id, b)).toBe(true);
    r.admins.delete(id);
    expect(r.admins.membersOf(b)).toEqual([]);
  });

  it('keeps one token per admin; setting the password spends it', () => {
    const { repos: r } = repos();
    const id = r.admins.insert({ email: 'm@example.org', passwordHash: null, role: 'member' }, 1);
    r.admins.replaceToken(id, 'hash1', 10, 100);
    r.admins.replaceToken(id, 'hash2', 10, 100);
    expect(r.admins.findTokenAdmin('hash1', 50)).toBeUndefined();
    expect(r.admins.findTokenAdmin('hash2', 50)).toBe(id);
    expect(r.admins.findTokenAdmin('hash2', 100)).toBeUndefined(); // expired
    r.admins.setPasswordSpendingTokens(id, 'h', 60);
    expect(r.admins.findTokenAdmin('hash2', 50)).toBeUndefined();
    expect(r.admins.findById(id)).toMatchObject({ passwordHash: 'h', passwordChangedAt: 60 });
    r.admins.replaceToken(id, 'hash3', 10, 100);
    expect(r.admins.pruneExpiredTokens(100)).toBe(1);
  });
});
