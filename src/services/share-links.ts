import crypto from 'node:crypto';
import type { Repositories } from '../db';
import { NotFoundError } from './errors';
import type { RoundService } from './rounds';
import { randomToken, type Clock, type RandomSource } from './runtime';

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** Read-only links for boards. Only the token's hash is kept, so a database copy cannot be used to read reports. */
export function shareLinkService({ repos, rounds, clock, random }: { repos: Repositories; rounds: RoundService; clock: Clock; random: RandomSource }) {
  return {
    /** Makes a link for a round's report; returns the token, which is shown once. */
    createForRound(roundId: number, options: { label: string; showComments: boolean }): { id: number; token: string } {
      const round = rounds.get(roundId);
      const token = randomToken(random, 24);
      const id = repos.shareLinks.insert({
        tokenHash: hash(token),
        organisationId: round.organisationId,
        roundId: round.id,
        scope: 'round',
        label: options.label.trim(),
        showComments: options.showComments,
        now: clock.now(),
      });
      return { id, token };
    },
    listForRound: (roundId: number) => repos.shareLinks.listForRound(roundId),
    /**
     * Makes a link to an organisation's trends (scope "trends"): read only, over its closed rounds;
     * returns the token, which is shown once.
     */
    createForTrends(organisationId: number, options: { label: string }): { id: number; token: string } {
      const token = randomToken(random, 24);
      const id = repos.shareLinks.insert({
        tokenHash: hash(token),
        organisationId,
        roundId: null,
        scope: 'trends',
        label: options.label.trim(),
        showComments: false,
        now: clock.now(),
      });
      return { id, token };
    },
    listForTrends: (organisationId: number) => repos.shareLinks.listTrendsForOrganisation(organisationId),
    revokeTrends(organisationId: number, linkId: number): void {
      if (!repos.shareLinks.revokeTrends(linkId, organisationId, clock.now())) throw new NotFoundError('That share link was not found or is already revoked');
    },
    revoke(roundId: number, linkId: number): void {
      if (!repos.shareLinks.revoke(linkId, roundId, clock.now())) throw new NotFoundError('That share link was not found or is already revoked');
    },
    /** The live link for a token; revoked and unknown tokens are simply not found. */
    resolve(token: string) {
      if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) throw new NotFoundError('This link is not valid. It may have been revoked.');
      const link = repos.shareLinks.findActiveByHash(hash(token));
      if (!link) throw new NotFoundError('This link is not valid. It may have been revoked.');
      return link;
    },
  };
}
export type ShareLinkService = ReturnType<typeof shareLinkService>;
