import type { Request } from 'express';
import type { TFunction } from 'i18next';
import type { Config } from '../../config';
import type { Services } from '../../services';
import { linkOrigin } from '../hosts';

type Round = ReturnType<Services['rounds']['get']>;

import type { ZonedTime } from '../time-zone';

/** "AB3K7Q" -> "AB3 K7Q": easier to read aloud and off a projector. Typed with or without the space. */
export const formatJoinCode = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`;

/** The address people use: PUBLIC_URL when set, otherwise the accepted Host this request came to (web/hosts.ts). */
export const publicBase = (req: Request, config: Config) => linkOrigin(req, config);

export const roundLink = (req: Request, config: Config, round: Round) => `${publicBase(req, config)}/r/${round.linkToken}`;

export const STATUS_LABELS = { draft: 'Draft', open: 'Open', closed: 'Closed' } as const;
export const FORM_LABELS = { full: 'Full form', short: 'Short form' } as const;
export const MODE_LABELS = { survey: 'Survey', workshop: 'Workshop' } as const;

/** What a respondent would meet now, in words for the admin (the page's language). */
export function availabilityText(services: Services, round: Round, zone: ZonedTime, t: TFunction, language: string): string {
  const a = services.rounds.availability(round);
  switch (a.state) {
    case 'open':
      return t('admin.round.availability.open');
    case 'draft':
      return t('admin.round.availability.draft');
    case 'notYetOpen':
      return t('admin.round.availability.notYetOpen', { when: zone.formatDateTime(a.opensAt, language) });
    case 'closed': {
      const grace = services.rounds.graceUntil(round);
      if (grace !== null) return t('admin.round.availability.grace', { when: zone.formatDateTime(grace, language) });
      return round.status === 'closed' ? t('admin.round.availability.closed') : t('admin.round.availability.autoClosed', { when: zone.formatDateTime(a.closedAt ?? 0, language) });
    }
  }
}

/** Response counts in the round's role order, every role listed (0 included), and the total. */
/** Responses by role as the report shows them: small groups say "not shown" here too. */
export function countsByRole(services: Services, round: Round) {
  const { rows, total, waiting } = services.rounds.visibleResponseCounts(round.id);
  return { rows: rows.map((r) => ({ id: r.roleId, label: r.label, n: r.n })), total, waiting };
}
