import type { QuestionnaireInput } from '../../src/domain/questionnaire';
import { powerSharingV1 } from '../../src/questionnaires/power-sharing.v1';
import type { RoundInput } from '../../src/services/rounds';
import { withWordings } from '../fixtures/wordings';
import type { TestContext } from './app';
import { openRound } from './rounds';

/** The id of the imported copy of the default questionnaire with tagged Welsh and Easy Read ("CY …", "ER …", "CY-ER …"). */
export const WORDED_ID = 'worded';

/**
 * Imports the default questionnaire under another id, with a complete tagged Welsh translation
 * and Easy Read (English and Welsh), through the real import, and opens a round of it.
 */
export function openWordedRound(ctx: Pick<TestContext, 'services'>, overrides: Partial<RoundInput> = {}, status: 'open' | 'draft' | 'closed' = 'open') {
  if (!ctx.services.questionnaires.find(WORDED_ID, 1)) {
    const def = withWordings({ ...(powerSharingV1 as unknown as QuestionnaireInput), id: WORDED_ID, version: 1 });
    const imported = ctx.services.questionnaireImport.importDefinition(JSON.stringify(def));
    if (imported.status !== 'imported') throw new Error(`The worded questionnaire did not import: ${JSON.stringify(imported)}`);
  }
  return openRound(ctx, { questionnaireId: WORDED_ID, questionnaireVersion: 1, ...overrides }, status);
}

/** A copy of the default questionnaire in English only, without Easy Read, and a round of it. */
export function openPlainRound(ctx: Pick<TestContext, 'services'>, overrides: Partial<RoundInput> = {}) {
  if (!ctx.services.questionnaires.find('plain', 1)) {
    const { easyRead: _easyRead, translations: _translations, ...plain } = powerSharingV1 as unknown as QuestionnaireInput;
    const imported = ctx.services.questionnaireImport.importDefinition(JSON.stringify({ ...plain, id: 'plain', version: 1 }));
    if (imported.status !== 'imported') throw new Error(`The plain questionnaire did not import: ${JSON.stringify(imported)}`);
  }
  return openRound(ctx, { questionnaireId: 'plain', questionnaireVersion: 1, ...overrides });
}
