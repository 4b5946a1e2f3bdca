// The questionnaire definition as data: one zod schema (structure here, cross-field rules in
// questionnaire-rules.ts, translations and Easy Read in questionnaire-texts.ts) and the types
// inferred from it.
import { z } from 'zod';
import { idSchema, refSchema, textSchema } from './definition-fields';
import { easyReadSchema, languageSchema, textProblems, translationSchema } from './questionnaire-texts';
import { crossFieldProblems } from './questionnaire-rules';

const roleListSchema = z.array(refSchema).min(1, 'List at least one role');
const shareSchema = z
  .number()
  .gt(0, 'Must be more than 0')
  .lt(1, 'Must be less than 1')
  .default(0.5);

const bandSchema = z.strictObject({
  id: idSchema,
  label: textSchema,
  min: z.int().min(0).max(100),
  max: z.int().min(0).max(100),
});

const ladderGroupSchema = z.strictObject({
  id: idSchema,
  label: textSchema,
  minRung: z.int().min(0).max(20),
  maxRung: z.int().min(0).max(20),
});

const themeSchema = z.strictObject({
  id: idSchema,
  title: textSchema,
  /**
   * Optional: the theme's name in everyday words, shown to the people answering (the report and
   * the admin pages keep `title`). Definitions without it show `title` to everyone.
   */
  plainTitle: textSchema.max(80, 'Must be at most 80 characters').optional(),
  description: textSchema,
  /** band id -> what a score in that band means for this theme */
  bandText: z.record(z.string(), textSchema),
  /** band id -> 2 or 3 concrete next steps for this theme */
  nextSteps: z.record(z.string(), z.array(textSchema).min(2, 'Give 2 or 3 next steps').max(3, 'Give 2 or 3 next steps')),
  /**
   * Optional: one or two questions for a workshop room to talk about when the presenter shows
   * this theme's results. Definitions without them show no prompt.
   */
  discussionPrompts: z.array(textSchema.max(300, 'Must be at most 300 characters')).min(1, 'Give 1 or 2 discussion prompts').max(2, 'Give 1 or 2 discussion prompts').optional(),
});

const itemBase = {
  id: idSchema,
  theme: refSchema,
  text: textSchema.max(300, 'Must be at most 300 characters'),
  hint: textSchema.optional(),
};

const practiceItemSchema = z.strictObject({ ...itemBase, kind: z.literal('practice') });
const ladderItemSchema = z.strictObject({
  ...itemBase,
  kind: z.literal('ladder'),
  /** one option per rung, lowest rung first */
  options: z.array(textSchema).min(2).max(21),
});
const commentItemSchema = z.strictObject({ ...itemBase, kind: z.literal('comment') });

const itemSchema = z.discriminatedUnion('kind', [practiceItemSchema, ladderItemSchema, commentItemSchema], {
  error: 'kind must be "practice", "ladder" or "comment"',
});

const roleSchema = z.strictObject({
  id: idSchema,
  label: textSchema,
  /** which side of the table the role usually sits on; informative only, flags name roles */
  side: z.enum(['people', 'organisation', 'other']).optional(),
});

const flagBase = {
  id: idSchema,
  title: textSchema,
  /** what the flag means and what to do about it, shown when it is raised */
  description: textSchema,
};

const ladderAtMostFlagSchema = z.strictObject({
  ...flagBase,
  kind: z.literal('ladderAtMost'),
  /** a ladder item */
  item: refSchema,
  /** raised when more than `share` of the answers are at this rung or below */
  maxRung: z.int().min(0),
  share: shareSchema,
  /** restrict to these roles; default: everyone */
  roles: roleListSchema.optional(),
});

const gapFlagSchema = z.strictObject({
  ...flagBase,
  kind: z.literal('gap'),
  themes: z.union([z.literal('all'), z.array(refSchema).min(1)]),
  groupA: roleListSchema,
  groupALabel: textSchema.optional(),
  groupB: roleListSchema,
  groupBLabel: textSchema.optional(),
  /** raised when the two groups' theme means differ by at least this many points */
  threshold: z.number().gt(0).max(100),
});

const ladderMismatchFlagSchema = z.strictObject({
  ...flagBase,
  kind: z.literal('ladderMismatch'),
  item: refSchema,
  groupA: roleListSchema,
  groupALabel: textSchema.optional(),
  /** a ladder group id: group A is "at least" here when more than `share` answer in it or above */
  groupAAtLeast: refSchema,
  groupB: roleListSchema,
  groupBLabel: textSchema.optional(),
  /** a ladder group id: group B is "at most" here when more than `share` answer in it or below */
  groupBAtMost: refSchema,
  share: shareSchema,
});

const flagSchema = z.discriminatedUnion('kind', [ladderAtMostFlagSchema, gapFlagSchema, ladderMismatchFlagSchema], {
  error: 'kind must be "ladderAtMost", "gap" or "ladderMismatch"',
});

const questionnaireObjectSchema = z.strictObject({
  id: idSchema,
  version: z.int().min(1),
  title: textSchema,
  intro: textSchema,
  commentMaxLength: z.int().min(1).max(10000).default(1000),
  scale: z.strictObject({
    /** labels for the practice answers, lowest first; value i scores 100 * i / (length - 1) */
    practice: z.array(textSchema).min(2).max(11),
    dontKnowLabel: textSchema,
  }),
  bands: z.array(bandSchema).min(1),
  ladderGroups: z.array(ladderGroupSchema),
  themes: z.array(themeSchema).min(1),
  items: z.array(itemSchema).min(1),
  forms: z.strictObject({
    full: z.array(refSchema).min(1, 'List at least one item'),
    short: z.array(refSchema).min(1, 'List at least one item'),
  }),
  roles: z.array(roleSchema).min(1),
  flags: z.array(flagSchema).default([]),
  /** The language the definition is written in (a code such as "en" or "cy"). */
  language: languageSchema.default('en'),
  /**
   * Optional: the Easy Read wording, in the definition's own language. When given it is
   * complete: every theme, item and role has one (see questionnaire-texts.ts).
   */
  easyRead: easyReadSchema.optional(),
  /** Optional: complete translations by language code, each with its own optional Easy Read. */
  translations: z.record(languageSchema, translationSchema).optional(),
});

/**
 * The one schema for a questionnaire definition: structure and cross-field rules (ids unique,
 * references resolve, bands and ladder groups cover their range without gaps or overlaps...).
 * Use {@link parseQuestionnaire} to get every problem with a readable path.
 */
export const questionnaireSchema = questionnaireObjectSchema.superRefine((q, ctx) => {
  for (const p of [...crossFieldProblems(q), ...textProblems(q)]) ctx.addIssue({ code: 'custom', message: p.message, path: p.path });
});

/** A validated questionnaire definition. */
export type Questionnaire = z.infer<typeof questionnaireSchema>;
/** A definition as written (fields with defaults may be left out). */
export type QuestionnaireInput = z.input<typeof questionnaireSchema>;
export type Theme = Questionnaire['themes'][number];
export type Item = Questionnaire['items'][number];
export type PracticeItem = Extract<Item, { kind: 'practice' }>;
export type LadderItem = Extract<Item, { kind: 'ladder' }>;
export type CommentItem = Extract<Item, { kind: 'comment' }>;
export type ScoredItem = PracticeItem | LadderItem;
export type Band = Questionnaire['bands'][number];
export type LadderGroup = Questionnaire['ladderGroups'][number];
export type Role = Questionnaire['roles'][number];
export type Flag = Questionnaire['flags'][number];
export type EasyRead = NonNullable<Questionnaire['easyRead']>;
export type Translation = NonNullable<Questionnaire['translations']>[string];

/** One problem in a definition: a readable path such as `items[3].theme` and a message. */
export type DefinitionProblem = { path: string; message: string };

/** Result of {@link parseQuestionnaire}. */
export type ParseQuestionnaireResult =
  | { ok: true; questionnaire: Questionnaire }
  | { ok: false; problems: DefinitionProblem[] };

/**
 * Validate a questionnaire definition, collecting every problem (structure and cross-field
 * rules), not just the first, each with a readable path.
 */
export function parseQuestionnaire(input: unknown): ParseQuestionnaireResult {
  const result = questionnaireSchema.safeParse(input, { error: definitionErrorMap });
  if (result.success) return { ok: true, questionnaire: result.data };
  const problems: DefinitionProblem[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problems.push({ path: formatPath([...issue.path, key]), message: 'Unknown field' });
    } else {
      problems.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  // When the structure is broken zod skips the cross-field rules; run them on the raw input
  // (they are written defensively) so that one pass reports everything.
  for (const p of [...crossFieldProblems(input), ...textProblems(input)]) problems.push({ path: formatPath(p.path), message: p.message });
  const seen = new Set<string>();
  return {
    ok: false,
    problems: problems.filter((p) => {
      const key = `${p.path}\u0000${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
  };
}

/** Plainer wording than zod's defaults for the commonest problems in a hand-written definition. */
function definitionErrorMap(issue: { code?: string; input?: unknown; expected?: unknown }): string | undefined {
  if (issue.code !== 'invalid_type') return undefined;
  if (issue.input === undefined) return 'Required';
  if (issue.expected === 'int') return 'Must be a whole number';
  if (issue.expected === 'array') return 'Must be a list';
  if (issue.expected === 'object') return 'Must be an object';
  return `Must be ${String(issue.expected)}`;
}

/** Format a zod-style path as `items[3].theme`; the root is `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out === '' ? '(root)' : out;
}

