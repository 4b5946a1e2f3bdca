// Other wordings of a questionnaire: an Easy Read overlay and full translations. Both are keyed by
// the ids of the base definition (themes, items, roles, bands...), never by position, so answers
// keep their item ids and score exactly as the standard wording does. A wording is all or nothing:
// one missing text would put a line of another language (or of standard wording) in front of the
// person answering, so every missing, unknown or miscounted text is a problem with its path.
import { z } from 'zod';
import { textSchema } from './definition-fields';
import { arr, rec, str, type RawProblem } from './questionnaire-rules';

/** A language code: "en", "cy", "pt-BR". */
export const LANGUAGE_PATTERN = /^[a-z]{2,3}(?:-[A-Z]{2})?$/;
export const languageSchema = z.string().regex(LANGUAGE_PATTERN, 'Use a language code such as "en" or "cy"');

const keyed = <T extends z.ZodType>(value: T) => z.record(z.string(), value);
const itemTextSchema = z.strictObject({
  text: textSchema.max(300, 'Must be at most 300 characters'),
  hint: textSchema.optional(),
  /** ladder items only: one per rung, same order as the base */
  options: z.array(textSchema).optional(),
});
const scaleTextSchema = z.strictObject({ practice: z.array(textSchema), dontKnowLabel: textSchema });

/** The Easy Read wording: what a respondent reads, in the definition's (or translation's) language. */
export const easyReadSchema = z.strictObject({
  /** the welcome text */
  intro: textSchema,
  scale: scaleTextSchema,
  /** title: the plain name shown to respondents; description: the theme's introduction */
  themes: keyed(z.strictObject({ title: textSchema.max(80, 'Must be at most 80 characters'), description: textSchema })),
  /** every item, comment items included */
  items: keyed(itemTextSchema),
  roles: keyed(textSchema),
});

/** A full translation: every text of the definition, under the base definition's ids. */
export const translationSchema = z.strictObject({
  title: textSchema,
  intro: textSchema,
  scale: scaleTextSchema,
  bands: keyed(textSchema),
  ladderGroups: keyed(textSchema),
  themes: keyed(
    z.strictObject({
      title: textSchema,
      plainTitle: textSchema.max(80, 'Must be at most 80 characters').optional(),
      description: textSchema,
      bandText: keyed(textSchema),
      nextSteps: keyed(z.array(textSchema)),
      discussionPrompts: z.array(textSchema.max(300, 'Must be at most 300 characters')).optional(),
    }),
  ),
  items: keyed(itemTextSchema),
  roles: keyed(textSchema),
  flags: keyed(
    z.strictObject({
      title: textSchema,
      description: textSchema,
      groupALabel: textSchema.optional(),
      groupBLabel: textSchema.optional(),
    }),
  ),
  /** Optional: the Easy Read wording in this language. */
  easyRead: easyReadSchema.optional(),
});

type Path = (string | number)[];

/** The ids of a list of objects with an `id`, in order. */
function idsOf(list: unknown): string[] {
  return arr(list)
    .map((x) => str(rec(x)?.id))
    .filter((x): x is string => x !== undefined);
}

/**
 * A map keyed by the base's ids: each id missing, and each key that is not an id of the base.
 * Returns the entries present for the ids, for the checks inside them.
 */
function checkKeys(map: unknown, ids: string[], path: Path, noun: string, problems: RawProblem[]): Map<string, unknown> {
  const found = new Map<string, unknown>();
  const o = rec(map);
  if (!o) return found; // the structure check reports a missing or wrong map
  for (const id of ids) {
    if (id in o) found.set(id, o[id]);
    else problems.push({ path: [...path, id], message: `Missing: no text for the ${noun} "${id}"` });
  }
  const known = new Set(ids);
  for (const k of Object.keys(o)) if (!known.has(k)) problems.push({ path: [...path, k], message: `There is no ${noun} "${k}" in the questionnaire` });
  return found;
}

/** A list that must have as many texts as the base's. */
function checkCount(list: unknown, expected: number, path: Path, what: string, problems: RawProblem[]) {
  if (!Array.isArray(list)) return;
  if (list.length !== expected) problems.push({ path, message: `Give ${expected} ${what}, one for each in the questionnaire, not ${list.length}` });
}

/** An optional text that the wording has exactly when the base has it. */
function checkPresence(base: Record<string, unknown>, text: Record<string, unknown>, key: string, path: Path, noun: string, problems: RawProblem[]) {
  const inBase = base[key] !== undefined;
  const inText = text[key] !== undefined;
  if (inBase && !inText) problems.push({ path: [...path, key], message: `Missing: the ${noun} has a ${key} in the questionnaire` });
  if (!inBase && inText) problems.push({ path: [...path, key], message: `The ${noun} has no ${key} in the questionnaire, so there is nothing to put here` });
}

function checkScale(q: Record<string, unknown>, scale: unknown, path: Path, problems: RawProblem[]) {
  const s = rec(scale);
  if (!s) return;
  checkCount(s.practice, arr(rec(q.scale)?.practice).length, [...path, 'practice'], 'answer labels', problems);
}

function checkItems(q: Record<string, unknown>, items: unknown, path: Path, problems: RawProblem[]) {
  const base = new Map(arr(q.items).map((it) => [str(rec(it)?.id), rec(it)] as const));
  for (const [id, entry] of checkKeys(items, idsOf(q.items), path, 'item', problems)) {
    const item = base.get(id);
    const text = rec(entry);
    if (!item || !text) continue;
    checkPresence(item, text, 'hint', [...path, id], 'item', problems);
    if (item.kind === 'ladder') {
      if (text.options === undefined) problems.push({ path: [...path, id, 'options'], message: 'Missing: a ladder item needs its options (one per rung)' });
      else checkCount(text.options, arr(item.options).length, [...path, id, 'options'], 'options', problems);
    } else if (text.options !== undefined) {
      problems.push({ path: [...path, id, 'options'], message: 'Only ladder items have their own options' });
    }
  }
}

/** Problems of an Easy Read overlay against its base definition. */
function easyReadProblems(q: Record<string, unknown>, overlay: unknown, path: Path): RawProblem[] {
  const problems: RawProblem[] = [];
  const e = rec(overlay);
  if (!e) return problems;
  checkScale(q, e.scale, [...path, 'scale'], problems);
  checkKeys(e.themes, idsOf(q.themes), [...path, 'themes'], 'theme', problems);
  checkItems(q, e.items, [...path, 'items'], problems);
  checkKeys(e.roles, idsOf(q.roles), [...path, 'roles'], 'role', problems);
  return problems;
}

/** Problems of a full translation against its base definition. */
function translationProblems(q: Record<string, unknown>, translation: unknown, path: Path): RawProblem[] {
  const problems: RawProblem[] = [];
  const t = rec(translation);
  if (!t) return problems;
  const bandIds = idsOf(q.bands);
  checkScale(q, t.scale, [...path, 'scale'], problems);
  checkKeys(t.bands, bandIds, [...path, 'bands'], 'band', problems);
  checkKeys(t.ladderGroups, idsOf(q.ladderGroups), [...path, 'ladderGroups'], 'ladder group', problems);
  const themes = new Map(arr(q.themes).map((x) => [str(rec(x)?.id), rec(x)] as const));
  for (const [id, entry] of checkKeys(t.themes, idsOf(q.themes), [...path, 'themes'], 'theme', problems)) {
    const theme = themes.get(id);
    const text = rec(entry);
    if (!theme || !text) continue;
    const at: Path = [...path, 'themes', id];
    checkPresence(theme, text, 'plainTitle', at, 'theme', problems);
    checkPresence(theme, text, 'discussionPrompts', at, 'theme', problems);
    if (theme.discussionPrompts !== undefined) checkCount(text.discussionPrompts, arr(theme.discussionPrompts).length, [...at, 'discussionPrompts'], 'discussion prompts', problems);
    checkKeys(text.bandText, bandIds, [...at, 'bandText'], 'band', problems);
    const steps = rec(theme.nextSteps) ?? {};
    for (const [band, list] of checkKeys(text.nextSteps, bandIds, [...at, 'nextSteps'], 'band', problems)) {
      checkCount(list, arr(steps[band]).length, [...at, 'nextSteps', band], 'next steps', problems);
    }
  }
  checkItems(q, t.items, [...path, 'items'], problems);
  checkKeys(t.roles, idsOf(q.roles), [...path, 'roles'], 'role', problems);
  const flags = new Map(arr(q.flags).map((x) => [str(rec(x)?.id), rec(x)] as const));
  for (const [id, entry] of checkKeys(t.flags, idsOf(q.flags), [...path, 'flags'], 'flag', problems)) {
    const flag = flags.get(id);
    const text = rec(entry);
    if (!flag || !text) continue;
    checkPresence(flag, text, 'groupALabel', [...path, 'flags', id], 'flag', problems);
    checkPresence(flag, text, 'groupBLabel', [...path, 'flags', id], 'flag', problems);
  }
  if (t.easyRead !== undefined) problems.push(...easyReadProblems(q, t.easyRead, [...path, 'easyRead']));
  return problems;
}

/**
 * Completeness of a definition's other wordings, on unvalidated data (like the cross-field
 * rules): every text present, no unknown ids, lists as long as the base's.
 */
export function textProblems(input: unknown): RawProblem[] {
  const q = rec(input);
  if (!q) return [];
  const problems: RawProblem[] = [];
  if (q.easyRead !== undefined) problems.push(...easyReadProblems(q, q.easyRead, ['easyRead']));
  const translations = rec(q.translations);
  if (translations) {
    const own = str(q.language) ?? 'en';
    for (const [language, translation] of Object.entries(translations)) {
      if (language === own) problems.push({ path: ['translations', language], message: `The questionnaire is already written in "${language}"` });
      else problems.push(...translationProblems(q, translation, ['translations', language]));
    }
  }
  return problems;
}
