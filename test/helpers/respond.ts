import type { Wording } from '../../src/domain/questionnaire';
import type { RoundRecord } from '../../src/services/rounds';
import type { TestContext } from './app';

/**
 * Submits one response through the real responding service (draft, role, each theme page,
 * submit), with answers as a theme page would send them: item id -> "0".."6" | "dk" | text.
 * The answers then join the results at once, as when an admin chooses "add them now", so that a
 * fixture's report shows what it was given (tests of batching itself submit without this helper).
 */
export function respond(
  ctx: Pick<TestContext, 'services'>,
  round: RoundRecord,
  role: string,
  answers: Record<string, string>,
  options: { addNow: boolean; wording?: Wording } = { addNow: true },
) {
  const { responding } = ctx.services;
  const draft = responding.startDraft(round, options.wording);
  responding.saveRole(round, draft.id, role);
  for (const page of responding.pages(round)) {
    const body = Object.fromEntries(page.items.filter((i) => i.id in answers).map((i) => [i.id, answers[i.id]]));
    const saved = responding.saveThemeAnswers(round, draft.id, page.theme.id, body);
    if (!saved.ok) throw new Error(`Bad fixture answers: ${JSON.stringify(saved.errors)}`);
  }
  const result = responding.submit(round, draft.id);
  if (result.status !== 'submitted') throw new Error('Fixture response was not submitted');
  if (options.addNow) ctx.services.release.releaseAll(ctx.services.rounds.get(round.id));
}
