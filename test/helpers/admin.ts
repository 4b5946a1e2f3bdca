import type { Admin } from '../../src/services/accounts';
import { browserLike, csrfFrom, type TestContext } from './app';

export const OWNER_EMAIL = 'owner@example.org';
export const PASSWORD = 'violet-harbour-kettle-58';

/** The first owner, created directly through the service (as the CLI does). */
export function createOwner(ctx: Pick<TestContext, 'services'>, email = OWNER_EMAIL, password = PASSWORD): Promise<Admin> {
  return ctx.services.accounts.createFirstOwner(email, password);
}

/** An organisation member with a password, created the way an owner does it (one-time link). */
export async function createMember(
  ctx: Pick<TestContext, 'services'>,
  owner: Admin,
  organisationIds: number[],
  email = 'member@example.org',
  password = PASSWORD,
): Promise<Admin> {
  const { token } = ctx.services.accounts.createAccount(owner, { email, role: 'member', organisationIds });
  return ctx.services.accounts.setPasswordWithToken(token, password, password);
}

/** A cookie-keeping browser, signed in through the real login form. */
export async function signIn(ctx: Pick<TestContext, 'app'>, email = OWNER_EMAIL, password = PASSWORD) {
  const browser = browserLike(ctx.app);
  const res = await browser.submit('/admin/login', { email, password });
  if (res.status !== 303) throw new Error(`Sign-in failed with ${res.status}: ${res.text.slice(0, 500)}`);
  return {
    ...browser,
    /** POSTs a form of `pagePath` (fetched first for its CSRF token) to `action`. */
    post: (pagePath: string, action: string, fields: Record<string, string | string[]> = {}) => browser.submit(pagePath, fields, action),
    /** The CSRF token of any page the agent can see. */
    async token(pagePath = '/admin') {
      return csrfFrom((await browser.agent.get(pagePath)).text);
    },
  };
}

/** A fresh owner, signed in. */
export async function ownerSession(ctx: Pick<TestContext, 'app' | 'services'>) {
  const owner = await createOwner(ctx);
  return { owner, browser: await signIn(ctx) };
}
