import type { OrganisationRecord, Repositories, RoundRecord } from '../db';
import type { Admin } from './accounts';
import { ForbiddenError, NotFoundError } from './errors';

/**
 * Who may see what. An owner sees everything; a member sees only their organisations. Anything
 * outside an admin's organisations is "not found" (404), never "forbidden": an admin must not be
 * able to learn which organisations or rounds exist elsewhere on the server.
 */
export function accessService({ repos }: { repos: Repositories }) {
  const canSee = (admin: Admin, organisationId: number) => admin.role === 'owner' || repos.admins.isMember(admin.id, organisationId);

  const organisation = (admin: Admin, organisationId: number): OrganisationRecord => {
    const org = repos.organisations.findById(organisationId);
    if (!org || !canSee(admin, organisationId)) throw new NotFoundError('That organisation was not found');
    return org;
  };

  return {
    canSee,
    organisation,
    /** The organisations an admin works with, by name. */
    organisations(admin: Admin): OrganisationRecord[] {
      const all = repos.organisations.listAll();
      return admin.role === 'owner' ? all : all.filter((o) => repos.admins.isMember(admin.id, o.id));
    },
    round(admin: Admin, roundId: number): RoundRecord {
      const round = repos.rounds.findById(roundId);
      if (!round || !canSee(admin, round.organisationId)) throw new NotFoundError('That round was not found');
      return round;
    },
    requireOwner(admin: Admin): void {
      if (admin.role !== 'owner') throw new ForbiddenError('Only an owner can do this.');
    },
  };
}
export type AccessService = ReturnType<typeof accessService>;
