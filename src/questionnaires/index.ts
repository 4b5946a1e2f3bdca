// The built-in questionnaires, validated when the server starts: a broken built-in stops start-up
// with every problem listed, instead of failing later in front of a respondent.
import { parseQuestionnaire, type DefinitionProblem, type Questionnaire } from '../domain/questionnaire';
import { powerSharingV1 } from './power-sharing.v1';

/** The questionnaire a new round uses unless told otherwise. */
export const DEFAULT_QUESTIONNAIRE_ID = 'power-sharing';

/** The raw built-in definitions, oldest version first within an id. */
export const BUILT_IN_DEFINITIONS: readonly unknown[] = [powerSharingV1];

/** A built-in questionnaire failed validation. `problems` lists every problem of every definition. */
export class BuiltInQuestionnaireError extends Error {
  readonly problems: { definition: string; path: string; message: string }[];

  constructor(problems: { definition: string; path: string; message: string }[]) {
    super(
      `A built-in questionnaire is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  ${p.definition}: ${p.path}: ${p.message}`).join('\n'),
    );
    this.name = 'BuiltInQuestionnaireError';
    this.problems = problems;
  }
}

function describe(definition: unknown, index: number): string {
  const o = typeof definition === 'object' && definition !== null ? (definition as Record<string, unknown>) : {};
  return typeof o.id === 'string' ? `${o.id} v${String(o.version)}` : `built-in #${index + 1}`;
}

/**
 * Validate and return the given definitions (the built-ins by default).
 * @throws BuiltInQuestionnaireError listing every problem, with its path, of every broken definition;
 *   also when two definitions share an id and version
 */
export function loadBuiltInQuestionnaires(definitions: readonly unknown[] = BUILT_IN_DEFINITIONS): Questionnaire[] {
  const out: Questionnaire[] = [];
  const problems: { definition: string; path: string; message: string }[] = [];
  const seen = new Set<string>();
  definitions.forEach((definition, index) => {
    const name = describe(definition, index);
    const result = parseQuestionnaire(definition);
    if (!result.ok) {
      problems.push(...result.problems.map((p: DefinitionProblem) => ({ definition: name, ...p })));
      return;
    }
    const key = `${result.questionnaire.id}@${result.questionnaire.version}`;
    if (seen.has(key)) problems.push({ definition: name, path: '(root)', message: 'Another built-in has the same id and version' });
    seen.add(key);
    out.push(result.questionnaire);
  });
  if (problems.length > 0) throw new BuiltInQuestionnaireError(problems);
  return out;
}
