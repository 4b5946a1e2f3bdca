import type { Repositories, RoundRecord, NewResponse } from '../../src/db';
import { formItems, isScored, itemOptions, type Answers, type Questionnaire } from '../../src/domain/questionnaire';
import { respondentThemeScores } from '../../src/domain/rubric';

/** A small seeded PRNG (mulberry32), so synthetic rounds are the same every run. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How generous each role tends to be (staff and leaders see more sharing than people with lived experience). */
const LEAN: Record<string, number> = { lived: -0.12, carer: -0.08, staff: 0.08, leader: 0.15, board: 0.12, partner: 0, unsaid: 0 };

/**
 * Synthetic answers for one respondent: each scored item answered with a probability, biased by role,
 * "Don't know" now and then, a comment rarely.
 */
export function syntheticAnswers(q: Questionnaire, form: RoundRecord['form'], role: string, rand: () => number): Answers {
  const answers: Answers = {};
  const lean = LEAN[role] ?? 0;
  for (const item of formItems(q, form)) {
    if (isScored(item)) {
      const r = rand();
      if (r < 0.05) continue;
      if (r < 0.12) {
        answers[item.id] = { type: 'dontKnow' };
        continue;
      }
      const n = itemOptions(q, item).length;
      const x = Math.min(0.999, Math.max(0, (rand() + rand()) / 2 + lean));
      answers[item.id] = { type: 'choice', value: Math.floor(x * n) };
    } else if (rand() < 0.04) {
      answers[item.id] = { type: 'text', text: 'Synthetic comment: more notice before meetings would help.' };
    }
  }
  return answers;
}

/** Writes `count` synthetic responses to a round, in batches, as the responding service would. */
export function fillRound(repos: Repositories, q: Questionnaire, round: RoundRecord, count: number, seed: number, roleWeights?: Record<string, number>) {
  const rand = seeded(seed);
  const weights = roleWeights ?? { lived: 30, carer: 10, staff: 35, leader: 10, board: 5, partner: 6, unsaid: 4 };
  const roles = Object.entries(weights).filter(([id]) => round.roles.some((r) => r.id === id));
  const totalWeight = roles.reduce((s, [, w]) => s + w, 0);
  const pickRole = () => {
    let x = rand() * totalWeight;
    for (const [id, w] of roles) if ((x -= w) < 0) return id;
    return roles[roles.length - 1][0];
  };
  const items = new Map(q.items.map((i) => [i.id, i] as const));
  const batch: NewResponse[] = [];
  const flush = () => {
    repos.responses.insertResponses(batch);
    batch.length = 0;
  };
  for (let i = 0; i < count; i++) {
    const role = pickRole();
    const answers = syntheticAnswers(q, round.form, role, rand);
    const scores = respondentThemeScores(q, round.form, answers);
    const day = new Date(Date.UTC(2026, 9, 1) + Math.floor(rand() * 28) * 86_400_000).toISOString().slice(0, 10);
    batch.push({
      roundId: round.id,
      role,
      questionnaireVersion: q.version,
      submittedOn: day,
      answers: Object.entries(answers)
        .filter(([id, a]) => a.type !== 'text' && isScored(items.get(id)!))
        .map(([id, a]) => ({ themeId: items.get(id)!.theme, itemId: id, value: a.type === 'choice' ? a.value : null })),
      themeScores: Object.entries(scores)
        .filter((e): e is [string, number] => e[1] !== null)
        .map(([themeId, score]) => ({ themeId, score })),
      comments: Object.entries(answers)
        .filter(([, a]) => a.type === 'text')
        .map(([id, a]) => ({ themeId: items.get(id)!.theme, itemId: id, body: (a as { text: string }).text })),
    });
    if (batch.length === 500) flush();
  }
  flush();
}
