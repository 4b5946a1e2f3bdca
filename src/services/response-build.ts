import { isScored, type Answers, type Questionnaire } from '../domain/questionnaire';
import { respondentThemeScores } from '../domain/rubric';
import type { Channel, NewResponse, RoundRecord } from '../db';

/**
 * One sent response, scored by the rubric, as it waits for release. Online, assisted and paper
 * answers all go through here, so they are scored and stored alike; only `channel` differs.
 */
export function buildResponse(q: Questionnaire, round: RoundRecord, role: string, given: Answers, channel: Channel, now: number):
  { response: NewResponse; themeScores: Record<string, number | null> } {
  const scores = respondentThemeScores(q, round.form, given);
  const items = new Map(q.items.map((i) => [i.id, i] as const));
  const answers: NewResponse['answers'] = [];
  const comments: NewResponse['comments'] = [];
  for (const [itemId, answer] of Object.entries(given)) {
    const item = items.get(itemId);
    if (!item) continue;
    if (isScored(item) && answer.type !== 'text') {
      answers.push({ themeId: item.theme, itemId, value: answer.type === 'choice' ? answer.value : null });
    } else if (item.kind === 'comment' && answer.type === 'text') {
      comments.push({ themeId: item.theme, itemId, body: answer.text });
    }
  }
  return {
    themeScores: scores,
    response: {
      roundId: round.id,
      role,
      questionnaireVersion: q.version,
      // The day only: a time of day could tie a response to a person.
      submittedOn: new Date(now).toISOString().slice(0, 10),
      answers,
      themeScores: Object.entries(scores)
        .filter((e): e is [string, number] => e[1] !== null)
        .map(([themeId, score]) => ({ themeId, score })),
      comments,
      channel,
    },
  };
}
