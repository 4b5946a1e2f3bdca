import type { RoundRecord } from '../../src/db';
import { DEFAULT_QUESTIONNAIRE_ID } from '../../src/questionnaires';
import { defaultRoles, type RoundInput } from '../../src/services/rounds';
import type { TestContext } from './app';

/**
 * Creates an open round of the default questionnaire through the services, in a new organisation
 * unless `organisationId` names one.
 */
export function openRound(
  ctx: Pick<TestContext, 'services'>,
  overrides: Partial<RoundInput> = {},
  status: 'open' | 'draft' | 'closed' = 'open',
  organisationId?: number,
): RoundRecord {
  const org = organisationId === undefined ? ctx.services.organisations.create('Riverside Mental Health Trust') : ctx.services.organisations.get(organisationId);
  const q = ctx.services.questionnaires.get(DEFAULT_QUESTIONNAIRE_ID, 1);
  const round = ctx.services.rounds.create(org.id, {
    name: 'Annual check 2026',
    questionnaireId: q.id,
    questionnaireVersion: q.version,
    form: 'full',
    mode: 'survey',
    roles: defaultRoles(q),
    minGroupSize: 5,
    opensAt: null,
    closesAt: null,
    intro: 'Please tell us honestly how it feels from where you stand.',
    // Results show while open, in batches; the respond() helper adds each answer at once.
    resultsRelease: 'batches',
    ...overrides,
  });
  if (status === 'draft') return round;
  const opened = ctx.services.rounds.open(round.id);
  return status === 'closed' ? ctx.services.rounds.close(opened.id) : opened;
}
