// Synthetic responses: seeded, so the same seed writes the same answers every run. Used by the demo
// (`npm run demo`), the benchmarks and the tests. Responses are written straight into the results
// (as the responding service would on submit), in batches, without drafts or HTTP.
import type { NewResponse, Repositories, RoundRecord } from '../db';
import { formItems, isScored, itemOptions, type Answers, type Questionnaire } from '../domain/questionnaire';
import { respondentThemeScores } from '../domain/rubric';
import type { RandomSource } from './runtime';

/** A small seeded PRNG (mulberry32): numbers in [0, 1), the same sequence for the same seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A `RandomSource` (tokens, join codes) drawn from a seeded PRNG: repeatable, so never for real secrets. */
export function seededRandomSource(seed: number): RandomSource {
  const rand = seeded(seed);
  return { bytes: (size) => Buffer.from(Array.from({ length: size }, () => Math.floor(rand() * 256))) };
}

/** How generous each role tends to be (staff and leaders see more sharing than people with lived experience). */
export const ROLE_LEAN: Readonly<Record<string, number>> = { lived: -0.12, carer: -0.08, staff: 0.08, leader: 0.15, board: 0.12, partner: 0, unsaid: 0 };

/** How far a role's answers on a theme lean up (positive) or down, as a share of the scale. */
export type Lean = (role: string, themeId: string) => number;
const roleLean: Lean = (role) => ROLE_LEAN[role] ?? 0;

export interface SyntheticOptions {
  /** Default: by role only (`ROLE_LEAN`). */
  lean?: Lean;
  /** Comment texts to choose from (default one fixed text). */
  comments?: readonly string[];
  /** First day of answering (UTC, YYYY-MM-DD); answers spread over 28 days from it. Default 2026-10-01. */
  firstDay?: string;
  /** Called after each batch is written, with the number written so far. */
  onProgress?: (written: number) => void;
}

/**
 * Synthetic answers for one respondent: each scored item answered with a probability, biased by role
 * (and theme, with `lean`), "Don't know" now and then, a comment rarely.
 */
export function syntheticAnswers(
  q: Questionnaire,
  form: RoundRecord['form'],
  role: string,
  rand: () => number,
  options: Pick<SyntheticOptions, 'lean' | 'comments'> = {},
): Answers {
  const answers: Answers = {};
  const lean = options.lean ?? roleLean;
  for (const item of formItems(q, form)) {
    if (isScored(item)) {
      const r = rand();
      if (r < 0.05) continue;
      if (r < 0.12) {
        answers[item.id] = { type: 'dontKnow' };
        continue;
      }
      const n = itemOptions(q, item).length;
      const x = Math.min(0.999, Math.max(0, (rand() + rand()) / 2 + lean(role, item.theme)));
      answers[item.id] = { type: 'choice', value: Math.floor(x * n) };
    } else if (rand() < 0.04) {
      const text = options.comments ? options.comments[Math.floor(rand() * options.comments.length)] : 'Synthetic comment: more notice before meetings would help.';
      answers[item.id] = { type: 'text', text };
    }
  }
  return answers;
}

/** One response as the responding service stores it. */
function toResponse(q: Questionnaire, round: RoundRecord, role: string, answers: Answers, submittedOn: string): NewResponse {
  const items = new Map(q.items.map((i) => [i.id, i] as const));
  const scores = respondentThemeScores(q, round.form, answers);
  return {
    roundId: round.id,
    role,
    questionnaireVersion: q.version,
    submittedOn,
    answers: Object.entries(answers)
      .filter(([id, a]) => a.type !== 'text' && isScored(items.get(id)!))
      .map(([id, a]) => ({ themeId: items.get(id)!.theme, itemId: id, value: a.type === 'choice' ? a.value : null })),
    themeScores: Object.entries(scores)
      .filter((e): e is [string, number] => e[1] !== null)
      .map(([themeId, score]) => ({ themeId, score })),
    comments: Object.entries(answers)
      .filter(([, a]) => a.type === 'text')
      .map(([id, a]) => ({ themeId: items.get(id)!.theme, itemId: id, body: (a as { text: string }).text })),
  };
}

/**
 * Writes synthetic responses to a round, in batches of 500. `roles` is either weights (each
 * respondent's role drawn at random, `count` of them) or exact counts per role (`count` ignored).
 */
export function fillRound(
  repos: Repositories,
  q: Questionnaire,
  round: RoundRecord,
  count: number,
  seed: number,
  roles?: Record<string, number> | { exact: Record<string, number> },
  options: SyntheticOptions = {},
): { responses: number; comments: number } {
  const rand = seeded(seed);
  let pickRole: (i: number) => string;
  if (roles && 'exact' in roles) {
    const list = Object.entries(roles.exact).flatMap(([id, n]) => new Array<string>(n).fill(id));
    count = list.length;
    pickRole = (i) => list[i];
  } else {
    const weights = roles ?? { lived: 30, carer: 10, staff: 35, leader: 10, board: 5, partner: 6, unsaid: 4 };
    const offered = Object.entries(weights).filter(([id]) => round.roles.some((r) => r.id === id));
    const totalWeight = offered.reduce((s, [, w]) => s + w, 0);
    pickRole = () => {
      let x = rand() * totalWeight;
      for (const [id, w] of offered) if ((x -= w) < 0) return id;
      return offered[offered.length - 1][0];
    };
  }
  const start = Date.parse(`${options.firstDay ?? '2026-10-01'}T00:00:00Z`);
  const batch: NewResponse[] = [];
  let written = 0;
  let comments = 0;
  const flush = () => {
    repos.responses.insertResponses(batch);
    written += batch.length;
    batch.length = 0;
    options.onProgress?.(written);
  };
  for (let i = 0; i < count; i++) {
    const role = pickRole(i);
    const answers = syntheticAnswers(q, round.form, role, rand, options);
    const day = new Date(start + Math.floor(rand() * 28) * 86_400_000).toISOString().slice(0, 10);
    // About 1 in 10 on paper and 1 in 25 with help, by position (the random draws, and so every
    // figure, stay as they were before responses had a channel).
    const response = { ...toResponse(q, round, role, answers, day), channel: i % 10 === 3 ? ('paper' as const) : i % 25 === 7 ? ('assisted' as const) : ('online' as const) };
    comments += response.comments.length;
    batch.push(response);
    if (batch.length === 500) flush();
  }
  flush();
  return { responses: written, comments };
}
