import crypto from 'node:crypto';
import type { AdminRecord, AdminRole, Repositories } from '../db';
import { ConflictError, ForbiddenError, GoneError, NotFoundError, ValidationError } from './errors';
import { hashPassword, passwordProblems, verifyPassword } from './passwords';
import { JOIN_CODE_ALPHABET } from './rounds';
import { randomFromAlphabet, randomToken, type Clock, type RandomSource } from './runtime';

export type { AdminRole };

/** An admin as the rest of the app sees one: never the password hash. */
export interface Admin {
  id: number;
  email: string;
  role: AdminRole;
  createdAt: number;
  passwordChangedAt: number | null;
  hasPassword: boolean;
}

/** How long a one-time set-password link works. */
export const PASSWORD_LINK_TTL_MS = 72 * 3_600_000;
/** 12 characters from a 31-letter alphabet: about 59 bits, and login-style rate limits on top. */
export const SETUP_CODE_LENGTH = 12;

const toAdmin = (r: AdminRecord): Admin => ({
  id: r.id,
  email: r.email,
  role: r.role,
  createdAt: r.createdAt,
  passwordChangedAt: r.passwordChangedAt,
  hasPassword: r.passwordHash !== null,
});

/** Lower-cased and trimmed: the one form in which an email is stored and compared. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const sameHash = (a: string, b: string) => a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));
const normaliseCode = (input: string) => input.toUpperCase().replace(/[\s-]+/g, '');
/** "ABCDEFGHJKMN" -> "ABCD-EFGH-JKMN", easier to read off a console. */
export const formatSetupCode = (code: string) => code.match(/.{1,4}/g)!.join('-');

interface Deps {
  repos: Repositories;
  clock: Clock;
  random: RandomSource;
}

/**
 * Admin accounts: the first owner (by one-time set-up code or the CLI), signing in, set-password
 * links, and what owners do to other accounts.
 */
export function accountService({ repos, clock, random }: Deps) {
  // The set-up code lives only in this process's memory (its hash, in fact): a new one at each
  // start while no owner exists, and none in any copy of the database.
  let setupCodeHash: string | undefined;
  // Verifying against a real hash when the email is unknown keeps the answer time the same,
  // so timing does not reveal which emails have accounts.
  let dummyHash: Promise<string> | undefined;

  const hasOwner = () => repos.admins.ownerCount() > 0;

  const get = (id: number): Admin => {
    const a = repos.admins.findById(id);
    if (!a) throw new NotFoundError('That admin account was not found');
    return toAdmin(a);
  };

  const requireOwner = (actor: Admin) => {
    if (actor.role !== 'owner') throw new ForbiddenError('Only an owner can manage admin accounts.');
  };

  const newPasswordErrors = (password: string, confirm: string | undefined, email: string) => {
    const errors = passwordProblems(password, email).map((message) => ({ field: 'password', message }));
    // Said at once with any other problem, so nobody fixes one thing only to meet the next.
    if (confirm !== undefined && confirm !== password && password !== '') {
      errors.push({ field: 'confirm', message: 'The two passwords are not the same' });
    }
    return errors;
  };

  const emailErrors = (email: string) => {
    if (!EMAIL_PATTERN.test(email) || email.length > 254) return [{ field: 'email', message: 'Enter an email address like name@example.org' }];
    if (repos.admins.findByEmail(email)) return [{ field: 'email', message: 'An admin account with this email already exists' }];
    return [];
  };

  const fail = (errors: { field: string; message: string }[]) => {
    if (errors.length > 0) throw new ValidationError(errors[0].message, errors);
  };

  const checkOrganisations = (ids: readonly number[]) => {
    for (const id of ids) {
      if (!repos.organisations.findById(id)) throw new ValidationError('Choose organisations that exist', [{ field: 'organisations', message: 'Choose organisations that exist' }]);
    }
  };

  const find = (id: number): Admin | undefined => {
    const a = repos.admins.findById(id);
    return a && toAdmin(a);
  };

  /** A new one-time set-password link for an account; earlier links stop working. */
  const newPasswordLink = (actor: Admin, adminId: number): string => {
    requireOwner(actor);
    get(adminId);
    const token = randomToken(random, 32);
    const now = clock.now();
    repos.admins.replaceToken(adminId, sha256(token), now, now + PASSWORD_LINK_TTL_MS);
    return token;
  };

  /** The account a set-password token belongs to, if the token is still valid. */
  const accountForToken = (token: string): Admin | undefined => {
    const id = repos.admins.findTokenAdmin(sha256(token), clock.now());
    return id === undefined ? undefined : find(id);
  };

  return {
    get,
    find,
    hasOwner,
    list: () => repos.admins.listAll().map((a) => ({ ...toAdmin(a), organisationIds: repos.admins.organisationIds(a.id) })),
    organisationIds: (adminId: number) => repos.admins.organisationIds(adminId),
    membersOf: (organisationId: number) => repos.admins.membersOf(organisationId).map(toAdmin),
    passwordProblems,

    /** A fresh one-time set-up code, or undefined once an owner exists. Replaces any earlier code. */
    issueSetupCode(): string | undefined {
      if (hasOwner()) {
        setupCodeHash = undefined;
        return undefined;
      }
      const code = randomFromAlphabet(random, JOIN_CODE_ALPHABET, SETUP_CODE_LENGTH);
      setupCodeHash = sha256(code);
      return formatSetupCode(code);
    },

    /** Problems with a new password and its confirmation, for a form that has other problems too. */
    newPasswordProblems: (password: string, confirm: string, email: string) => newPasswordErrors(password, confirm, normaliseEmail(email)),

    /** Creates the first owner with the set-up code printed at start. The code then stops working. */
    async setupOwner(input: { code: string; email: string; password: string; confirm: string }): Promise<Admin> {
      if (hasOwner()) throw new GoneError('This server already has an owner. Sign in instead.');
      const email = normaliseEmail(input.email);
      const codeOk = (code: string) => setupCodeHash !== undefined && sameHash(sha256(normaliseCode(code)), setupCodeHash);
      fail([
        ...(codeOk(input.code) ? [] : [{ field: 'code', message: 'That set-up code is not right. Use the code printed when the server most recently started' }]),
        ...emailErrors(email),
        ...newPasswordErrors(input.password, input.confirm, email),
      ]);
      const passwordHash = await hashPassword(input.password);
      // Re-check after the await: two set-up forms sent at once must not make two owners.
      if (hasOwner() || !codeOk(input.code)) throw new GoneError('This server already has an owner. Sign in instead.');
      const id = repos.admins.insert({ email, passwordHash, role: 'owner' }, clock.now());
      setupCodeHash = undefined;
      return get(id);
    },

    /** The CLI's way to create the first owner: refused once an owner exists. */
    async createFirstOwner(emailInput: string, password: string): Promise<Admin> {
      if (hasOwner()) throw new ConflictError('An owner account already exists: sign in and add admins from the Admin accounts page.');
      const email = normaliseEmail(emailInput);
      fail([...emailErrors(email), ...newPasswordErrors(password, undefined, email)]);
      const passwordHash = await hashPassword(password);
      if (hasOwner()) throw new ConflictError('An owner account already exists.');
      const id = repos.admins.insert({ email, passwordHash, role: 'owner' }, clock.now());
      setupCodeHash = undefined;
      return get(id);
    },

    /** The admin with this email and password, or undefined (never says which was wrong). */
    async authenticate(emailInput: string, password: string): Promise<Admin | undefined> {
      const record = repos.admins.findByEmail(normaliseEmail(emailInput));
      if (!record?.passwordHash || password.length > 1024) {
        dummyHash ??= hashPassword(randomToken(random, 16));
        await verifyPassword(await dummyHash, password.slice(0, 1024));
        return undefined;
      }
      return (await verifyPassword(record.passwordHash, password)) ? toAdmin(record) : undefined;
    },

    /** False when the password changed after this session signed in (sign every other session out). */
    /**
     * A session is valid only for the account it signed in to: one created before the sign-in
     * (SQLite can reuse a deleted account's id) whose password has not changed since.
     */
    sessionStillValid: (admin: Admin, loginAt: number) =>
      admin.createdAt <= loginAt && (admin.passwordChangedAt === null || admin.passwordChangedAt <= loginAt),

    /** An owner adds an account; the person sets their own password through the returned one-time token. */
    createAccount(actor: Admin, input: { email: string; role: AdminRole; organisationIds: number[] }): { admin: Admin; token: string } {
      requireOwner(actor);
      const email = normaliseEmail(input.email);
      fail(emailErrors(email));
      checkOrganisations(input.organisationIds);
      const id = repos.admins.insert({ email, passwordHash: null, role: input.role }, clock.now());
      repos.admins.setMemberships(id, input.role === 'owner' ? [] : input.organisationIds);
      return { admin: get(id), token: newPasswordLink(actor, id) };
    },

    /** A new one-time set-password link for an account; earlier links stop working. */
    newPasswordLink,

    /** The account a set-password token belongs to, if the token is still valid. */
    accountForToken,

    async setPasswordWithToken(token: string, password: string, confirm: string): Promise<Admin> {
      const admin = accountForToken(token);
      if (!admin) throw new GoneError('This link has expired or has already been used. Ask an owner for a new one.');
      fail(newPasswordErrors(password, confirm, admin.email));
      const passwordHash = await hashPassword(password);
      // The link may have been used in the meantime (a double click): spend it only once.
      if (repos.admins.findTokenAdmin(sha256(token), clock.now()) !== admin.id) {
        throw new GoneError('This link has expired or has already been used. Ask an owner for a new one.');
      }
      repos.admins.setPasswordSpendingTokens(admin.id, passwordHash, clock.now());
      return get(admin.id);
    },

    async changePassword(admin: Admin, current: string, password: string, confirm: string): Promise<Admin> {
      const record = repos.admins.findById(admin.id);
      if (!record?.passwordHash || !(await verifyPassword(record.passwordHash, current))) {
        throw new ValidationError('Your current password is not right', [{ field: 'current', message: 'Your current password is not right' }]);
      }
      if (password === current) {
        throw new ValidationError('Choose a new password', [{ field: 'password', message: 'The new password must be different from the current one' }]);
      }
      fail(newPasswordErrors(password, confirm, record.email));
      repos.admins.setPasswordSpendingTokens(admin.id, await hashPassword(password), clock.now());
      return get(admin.id);
    },

    /** An owner sets another account's role and organisations. */
    setAccess(actor: Admin, adminId: number, input: { role: AdminRole; organisationIds: number[] }): Admin {
      requireOwner(actor);
      const target = get(adminId);
      if (target.id === actor.id && input.role !== actor.role) {
        throw new ValidationError('You cannot change your own role', [{ field: 'role', message: 'You cannot change your own role: ask another owner' }]);
      }
      checkOrganisations(input.organisationIds);
      repos.admins.setRole(adminId, input.role);
      repos.admins.setMemberships(adminId, input.role === 'owner' ? [] : input.organisationIds);
      return get(adminId);
    },

    delete(actor: Admin, adminId: number): void {
      requireOwner(actor);
      get(adminId);
      if (adminId === actor.id) throw new ConflictError('You cannot delete your own account. Ask another owner to do it.');
      repos.admins.delete(adminId);
    },

    pruneExpiredTokens: () => repos.admins.pruneExpiredTokens(clock.now()),
  };
}
export type AccountService = ReturnType<typeof accountService>;
