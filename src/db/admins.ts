import type { Db } from './connection';

export type AdminRole = 'owner' | 'member';

export interface AdminRecord {
  id: number;
  email: string;
  /** argon2id PHC string; null until the person has set a password. */
  passwordHash: string | null;
  role: AdminRole;
  createdAt: number;
  passwordChangedAt: number | null;
}

const COLUMNS = `id, email, password_hash AS passwordHash, role, created_at AS createdAt,
  password_changed_at AS passwordChangedAt`;

/** Admin accounts, their organisation memberships and their one-time set-password tokens. */
export function adminRepository(db: Db) {
  const byId = db.prepare(`SELECT ${COLUMNS} FROM admins WHERE id = ?`);
  const byEmail = db.prepare(`SELECT ${COLUMNS} FROM admins WHERE email = ?`);
  const all = db.prepare(`SELECT ${COLUMNS} FROM admins ORDER BY email`);
  const countOwners = db.prepare(`SELECT COUNT(*) AS n FROM admins WHERE role = 'owner'`);
  const insert = db.prepare(`INSERT INTO admins (email, password_hash, role, created_at, password_changed_at)
    VALUES (@email, @passwordHash, @role, @now, CASE WHEN @passwordHash IS NULL THEN NULL ELSE @now END)`);
  const setPassword = db.prepare('UPDATE admins SET password_hash = ?, password_changed_at = ? WHERE id = ?');
  const setRole = db.prepare('UPDATE admins SET role = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM admins WHERE id = ?');

  const orgIds = db.prepare('SELECT organisation_id AS id FROM memberships WHERE admin_id = ? ORDER BY organisation_id');
  const isMember = db.prepare('SELECT 1 FROM memberships WHERE admin_id = ? AND organisation_id = ?');
  const clearMemberships = db.prepare('DELETE FROM memberships WHERE admin_id = ?');
  const addMembership = db.prepare('INSERT OR IGNORE INTO memberships (admin_id, organisation_id) VALUES (?, ?)');
  const membersOf = db.prepare(`SELECT a.id, a.email, a.password_hash AS passwordHash, a.role, a.created_at AS createdAt,
      a.password_changed_at AS passwordChangedAt
    FROM admins a JOIN memberships m ON m.admin_id = a.id WHERE m.organisation_id = ? ORDER BY a.email`);

  const insertToken = db.prepare('INSERT INTO password_tokens (token_hash, admin_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
  const tokenOwner = db.prepare('SELECT admin_id AS adminId FROM password_tokens WHERE token_hash = ? AND expires_at > ?');
  const deleteTokensOf = db.prepare('DELETE FROM password_tokens WHERE admin_id = ?');
  const pruneTokens = db.prepare('DELETE FROM password_tokens WHERE expires_at <= ?');

  return {
    findById: (id: number) => byId.get(id) as AdminRecord | undefined,
    findByEmail: (email: string) => byEmail.get(email) as AdminRecord | undefined,
    listAll: () => all.all() as AdminRecord[],
    ownerCount: () => (countOwners.get() as { n: number }).n,
    insert: (a: { email: string; passwordHash: string | null; role: AdminRole }, now: number) =>
      Number(insert.run({ ...a, now }).lastInsertRowid),
    setPassword: (id: number, passwordHash: string, now: number) => void setPassword.run(passwordHash, now, id),
    setRole: (id: number, role: AdminRole) => void setRole.run(role, id),
    delete: (id: number) => void remove.run(id),

    organisationIds: (adminId: number) => (orgIds.all(adminId) as { id: number }[]).map((r) => r.id),
    isMember: (adminId: number, organisationId: number) => isMember.get(adminId, organisationId) !== undefined,
    /** Replaces an admin's memberships in one transaction. */
    setMemberships: db.transaction((adminId: number, organisationIds: readonly number[]) => {
      clearMemberships.run(adminId);
      for (const id of organisationIds) addMembership.run(adminId, id);
    }),
    membersOf: (organisationId: number) => membersOf.all(organisationId) as AdminRecord[],

    /** Stores a token hash, replacing any earlier token of the same admin (only the newest link works). */
    replaceToken: db.transaction((adminId: number, tokenHash: string, now: number, expiresAt: number) => {
      deleteTokensOf.run(adminId);
      insertToken.run(tokenHash, adminId, now, expiresAt);
    }),
    findTokenAdmin: (tokenHash: string, now: number) => (tokenOwner.get(tokenHash, now) as { adminId: number } | undefined)?.adminId,
    /** Sets a password and spends every token of that admin, atomically. */
    setPasswordSpendingTokens: db.transaction((adminId: number, passwordHash: string, now: number) => {
      setPassword.run(passwordHash, now, adminId);
      deleteTokensOf.run(adminId);
    }),
    deleteTokensOf: (adminId: number) => void deleteTokensOf.run(adminId),
    pruneExpiredTokens: (now: number) => pruneTokens.run(now).changes,
  };
}
export type AdminRepository = ReturnType<typeof adminRepository>;
