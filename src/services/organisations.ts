import type { Repositories } from '../db';
import { NotFoundError } from './errors';
import type { Clock } from './runtime';

export function organisationService({ repos, clock }: { repos: Repositories; clock: Clock }) {
  const get = (id: number) => {
    const org = repos.organisations.findById(id);
    if (!org) throw new NotFoundError('That organisation was not found');
    return org;
  };
  return {
    get,
    listAll: () => repos.organisations.listAll(),
    create: (name: string) => get(repos.organisations.insert(name.trim(), clock.now())),
    rename(id: number, name: string) {
      get(id);
      repos.organisations.rename(id, name.trim());
      return get(id);
    },
  };
}
export type OrganisationService = ReturnType<typeof organisationService>;
