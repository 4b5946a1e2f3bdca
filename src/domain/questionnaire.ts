// The questionnaire definition as data: one zod schema (structure plus cross-field rules), the types
// inferred from it, and the answer schemas derived from a definition so that form parsing can never
// drift from the questionnaire it serves.
import { z } from 'zod';

/** The two forms every questionnaire defines. */
export const FORM_IDS = ['full', 'short'] as const;
/** Which form of a questionnaire a round uses. */
export type FormId = (typeof FORM_IDS)[number];

/** The form-field value that means "Don't know". */
export const DONT_KNOW_VALUE = 'dk';

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** "Required" for a missing field, "Must be ..." for a value of the wrong type. */
const typeError = (expected: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'Required' : `Must be ${expected}`);
const idSchema = z
  .string({ error: typeError('text') })
  .max(64, 'Must be at most 64 characters')
  .regex(ID_PATTERN, 'Use lower-case letters, digits and single hyphens, e.g. "theme-1"');
const textSchema = z.string({ error: typeError('text') }).trim().min(1, 'Must not be empty');
const refSchema = z.string({ error: typeError('an id (text)') });
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
});

/**
 * The one schema for a questionnaire definition: structure and cross-field rules (ids unique,
 * references resolve, bands and ladder groups cover their range without gaps or overlaps...).
 * Use {@link parseQuestionnaire} to get every problem with a readable path.
 */
export const questionnaireSchema = questionnaireObjectSchema.superRefine((q, ctx) => {
  for (const p of crossFieldProblems(q)) ctx.addIssue({ code: 'custom', message: p.message, path: p.path });
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
  for (const p of crossFieldProblems(input)) problems.push({ path: formatPath(p.path), message: p.message });
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

type RawProblem = { path: (string | number)[]; message: string };

function rec(x: unknown): Record<string, unknown> | undefined {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;
}
function arr(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}
function str(x: unknown): string | undefined {
  return typeof x === 'string' ? x : undefined;
}
function int(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isInteger(x) ? x : undefined;
}

/** Check that ranges (sorted in the order given) cover from..to exactly, without gaps or overlaps. */
function checkCoverage(
  ranges: unknown[],
  minKey: string,
  maxKey: string,
  from: number,
  to: number | undefined,
  where: string,
  noun: string,
): RawProblem[] {
  const problems: RawProblem[] = [];
  let expected = from;
  let ok = true;
  ranges.forEach((r, i) => {
    const o = rec(r);
    const min = int(o?.[minKey]);
    const max = int(o?.[maxKey]);
    if (min === undefined || max === undefined) {
      ok = false;
      return;
    }
    if (min > max) {
      problems.push({ path: [where, i, maxKey], message: `${maxKey} (${max}) is below ${minKey} (${min})` });
      ok = false;
    }
    if (ok && min !== expected) {
      problems.push({
        path: [where, i, minKey],
        message:
          min > expected
            ? `Gap: nothing covers ${expected} to ${min - 1}; each ${noun} must start just after the previous one ends (list them from lowest to highest)`
            : `Overlap: ${min} is already covered; each ${noun} must start just after the previous one ends (list them from lowest to highest)`,
      });
      ok = false;
    }
    expected = max + 1;
  });
  if (ok && ranges.length > 0 && to !== undefined && expected - 1 !== to) {
    problems.push({
      path: [where, ranges.length - 1, maxKey],
      message: `The last ${noun} must end at ${to}, not ${expected - 1}`,
    });
  }
  return problems;
}

function checkUniqueIds(list: unknown[], where: string, noun: string): RawProblem[] {
  const problems: RawProblem[] = [];
  const first = new Map<string, number>();
  list.forEach((x, i) => {
    const id = str(rec(x)?.id);
    if (id === undefined) return;
    const at = first.get(id);
    if (at !== undefined) problems.push({ path: [where, i, 'id'], message: `The ${noun} id "${id}" is already used by ${where}[${at}]` });
    else first.set(id, i);
  });
  return problems;
}

/**
 * The cross-field rules, written against unvalidated data so that they can also run when the
 * structure is broken (every problem in one pass).
 */
function crossFieldProblems(input: unknown): RawProblem[] {
  const q = rec(input);
  if (!q) return [];
  const problems: RawProblem[] = [];
  const bands = arr(q.bands);
  const ladderGroups = arr(q.ladderGroups);
  const themes = arr(q.themes);
  const items = arr(q.items);
  const roles = arr(q.roles);
  const flags = arr(q.flags);

  problems.push(...checkUniqueIds(bands, 'bands', 'band'));
  problems.push(...checkUniqueIds(ladderGroups, 'ladderGroups', 'ladder group'));
  problems.push(...checkUniqueIds(themes, 'themes', 'theme'));
  problems.push(...checkUniqueIds(items, 'items', 'item'));
  problems.push(...checkUniqueIds(roles, 'roles', 'role'));
  problems.push(...checkUniqueIds(flags, 'flags', 'flag'));

  problems.push(...checkCoverage(bands, 'min', 'max', 0, 100, 'bands', 'band'));

  const bandIds = bands.map((b) => str(rec(b)?.id)).filter((x): x is string => x !== undefined);
  const themeIds = new Set(themes.map((t) => str(rec(t)?.id)).filter((x): x is string => x !== undefined));
  const roleIds = new Set(roles.map((r) => str(rec(r)?.id)).filter((x): x is string => x !== undefined));
  const groupIds = new Set(ladderGroups.map((g) => str(rec(g)?.id)).filter((x): x is string => x !== undefined));
  const itemsById = new Map<string, Record<string, unknown>>();
  for (const it of items) {
    const o = rec(it);
    const id = str(o?.id);
    if (o && id !== undefined && !itemsById.has(id)) itemsById.set(id, o);
  }

  // Ladder: every ladder item has one option per rung; the groups cover 0..rungs-1.
  const ladderItems = items
    .map((it, i) => ({ o: rec(it), i }))
    .filter((x) => x.o?.kind === 'ladder' && Array.isArray(x.o.options));
  let rungs: number | undefined;
  const lastGroupMax = int(rec(ladderGroups[ladderGroups.length - 1])?.maxRung);
  if (lastGroupMax !== undefined) rungs = lastGroupMax + 1;
  if (ladderItems.length > 0 && Array.isArray(q.ladderGroups) && ladderGroups.length === 0) {
    problems.push({ path: ['ladderGroups'], message: 'Ladder items need ladder groups (e.g. doing to, doing for, doing with)' });
  }
  if (rungs === undefined && ladderItems.length > 0) rungs = arr(ladderItems[0].o?.options).length;
  problems.push(...checkCoverage(ladderGroups, 'minRung', 'maxRung', 0, undefined, 'ladderGroups', 'ladder group'));
  for (const { o, i } of ladderItems) {
    const n = arr(o?.options).length;
    if (rungs !== undefined && n !== rungs) {
      problems.push({
        path: ['items', i, 'options'],
        message: `A ladder item needs one option per rung: ${rungs} options (rungs 0 to ${rungs - 1}), not ${n}`,
      });
    }
  }

  themes.forEach((t, i) => {
    const o = rec(t);
    if (!o) return;
    for (const key of ['bandText', 'nextSteps'] as const) {
      const map = rec(o[key]);
      if (!map) continue;
      if (!Array.isArray(q.bands)) continue;
      for (const b of bandIds) if (!(b in map)) problems.push({ path: ['themes', i, key, b], message: `Missing for band "${b}"` });
      for (const k of Object.keys(map)) if (!bandIds.includes(k)) problems.push({ path: ['themes', i, key, k], message: `There is no band "${k}"` });
    }
  });

  items.forEach((it, i) => {
    const theme = str(rec(it)?.theme);
    if (theme !== undefined && Array.isArray(q.themes) && !themeIds.has(theme)) problems.push({ path: ['items', i, 'theme'], message: `There is no theme "${theme}"` });
  });

  const forms = rec(q.forms);
  const formSets: Record<string, Set<string>> = {};
  for (const form of FORM_IDS) {
    const list = arr(forms?.[form]);
    const seen = new Set<string>();
    let scored = 0;
    list.forEach((id, i) => {
      if (typeof id !== 'string') return;
      const item = itemsById.get(id);
      if (!item) {
        if (Array.isArray(q.items)) problems.push({ path: ['forms', form, i], message: `There is no item "${id}"` });
      } else if (item.kind !== 'comment') scored++;
      if (seen.has(id)) problems.push({ path: ['forms', form, i], message: `Item "${id}" is listed twice` });
      seen.add(id);
    });
    formSets[form] = seen;
    if (list.length > 0 && scored === 0 && Array.isArray(q.items)) problems.push({ path: ['forms', form], message: 'A form needs at least one practice or ladder item' });
  }
  arr(forms?.short).forEach((id, i) => {
    // Short-form results must be comparable item by item with the full form.
    if (typeof id === 'string' && itemsById.has(id) && !formSets.full.has(id)) {
      problems.push({ path: ['forms', 'short', i], message: `Item "${id}" is in the short form but not in the full form` });
    }
  });

  const checkRoles = (list: unknown, path: (string | number)[]) => {
    if (!Array.isArray(q.roles)) return;
    arr(list).forEach((r, j) => {
      if (typeof r === 'string' && !roleIds.has(r)) problems.push({ path: [...path, j], message: `There is no role "${r}"` });
    });
  };
  const checkLadderItem = (id: unknown, path: (string | number)[]) => {
    if (typeof id !== 'string' || !Array.isArray(q.items)) return;
    const item = itemsById.get(id);
    if (!item) problems.push({ path, message: `There is no item "${id}"` });
    else if (item.kind !== 'ladder') problems.push({ path, message: `Item "${id}" is not a ladder item` });
  };
  const checkGroup = (id: unknown, path: (string | number)[]) => {
    if (typeof id === 'string' && Array.isArray(q.ladderGroups) && !groupIds.has(id)) problems.push({ path, message: `There is no ladder group "${id}"` });
  };
  flags.forEach((f, i) => {
    const o = rec(f);
    if (!o) return;
    const at = (...rest: (string | number)[]) => ['flags', i, ...rest];
    if (o.kind === 'ladderAtMost') {
      checkLadderItem(o.item, at('item'));
      checkRoles(o.roles, at('roles'));
      const maxRung = int(o.maxRung);
      if (maxRung !== undefined && rungs !== undefined && maxRung >= rungs) {
        problems.push({ path: at('maxRung'), message: `The ladder has rungs 0 to ${rungs - 1}` });
      }
    }
    if (o.kind === 'gap' || o.kind === 'ladderMismatch') {
      checkRoles(o.groupA, at('groupA'));
      checkRoles(o.groupB, at('groupB'));
      const a = new Set(arr(o.groupA));
      arr(o.groupB).forEach((r, j) => {
        if (a.has(r)) problems.push({ path: at('groupB', j), message: `Role "${String(r)}" cannot be on both sides` });
      });
    }
    if (o.kind === 'gap' && Array.isArray(o.themes)) {
      o.themes.forEach((t, j) => {
        if (typeof t === 'string' && Array.isArray(q.themes) && !themeIds.has(t)) problems.push({ path: at('themes', j), message: `There is no theme "${t}"` });
      });
    }
    if (o.kind === 'ladderMismatch') {
      checkLadderItem(o.item, at('item'));
      checkGroup(o.groupAAtLeast, at('groupAAtLeast'));
      checkGroup(o.groupBAtMost, at('groupBAtMost'));
    }
  });
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Lookups

/** The item ids of a form, in order. */
export function formItemIds(q: Questionnaire, form: FormId): string[] {
  return q.forms[form];
}

/** The items of a form, in the order the form lists them. */
export function formItems(q: Questionnaire, form: FormId): Item[] {
  const byId = new Map(q.items.map((i) => [i.id, i] as const));
  return q.forms[form].map((id) => byId.get(id)).filter((i): i is Item => i !== undefined);
}

/** A theme with the items of one form. */
export type FormTheme = { theme: Theme; items: Item[] };

/**
 * The themes of a form in definition order, each with its items in form order. Themes with no
 * item in the form are left out, so "Theme 2 of 8" counts only the pages a respondent sees.
 */
export function formThemes(q: Questionnaire, form: FormId): FormTheme[] {
  const items = formItems(q, form);
  return q.themes
    .map((theme) => ({ theme, items: items.filter((i) => i.theme === theme.id) }))
    .filter((t) => t.items.length > 0);
}

/** Find an item by id. */
export function findItem(q: Questionnaire, itemId: string): Item | undefined {
  return q.items.find((i) => i.id === itemId);
}

/** The theme's name as the people answering see it: its plain title if it has one. */
export function respondentTitle(theme: Theme): string {
  return theme.plainTitle ?? theme.title;
}

/** Find a theme by id. */
export function findTheme(q: Questionnaire, themeId: string): Theme | undefined {
  return q.themes.find((t) => t.id === themeId);
}

/** Whether an item is scored (practice or ladder). */
export function isScored(item: Item): item is ScoredItem {
  return item.kind === 'practice' || item.kind === 'ladder';
}

/**
 * The answer options of a scored item, lowest first: practice items use the questionnaire's
 * scale, ladder items their own rungs. "Don't know" is not in the list (see `scale.dontKnowLabel`).
 */
export function itemOptions(q: Questionnaire, item: ScoredItem): { value: number; label: string }[] {
  const labels = item.kind === 'practice' ? q.scale.practice : item.options;
  return labels.map((label, value) => ({ value, label }));
}

// ---------------------------------------------------------------------------------------------
// Answers

/** One answer. Unanswered questions have no entry at all (every question may be skipped). */
export const answerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('choice'), value: z.int().min(0) }),
  z.strictObject({ type: z.literal('dontKnow') }),
  z.strictObject({ type: z.literal('text'), text: z.string() }),
]);
export type Answer = z.infer<typeof answerSchema>;
/** A respondent's answers by item id. */
export type Answers = Record<string, Answer>;

/** Normalise free text from a form: CRLF to LF (as the browser counts it), no control characters, trimmed. */
export function normaliseComment(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .trim();
}

function quoted(text: string): string {
  return `\u201c${text}\u201d`;
}

function tooLongMessage(length: number, max: number): string {
  return `Your comment is ${length} characters long. Please keep it to ${max} characters or fewer.`;
}

/**
 * Answer schemas built once per questionnaire object (definitions are never changed once parsed):
 * building them again for every page shown or saved was measurable (issue 12).
 */
const schemaMemo = new WeakMap<Questionnaire, Map<string, unknown>>();
function memoised<T>(q: Questionnaire, key: string, build: () => T): T {
  let forQ = schemaMemo.get(q);
  if (!forQ) schemaMemo.set(q, (forQ = new Map()));
  if (!forQ.has(key)) forQ.set(key, build());
  return forQ.get(key) as T;
}

function requireForm(form: string): asserts form is FormId {
  if (!(FORM_IDS as readonly string[]).includes(form)) throw new RangeError(`Unknown form "${form}"`);
}

/**
 * Schema for a whole set of stored answers for one form (e.g. a saved draft): every key is an item
 * of the form, choices are within the item's options, "Don't know" only on scored items, comments
 * non-empty and within the length limit. Comment text is trimmed in the output.
 */
export function answersSchema(q: Questionnaire, form: FormId) {
  return memoised(q, `answers:${form}`, () => buildAnswersSchema(q, form));
}
function buildAnswersSchema(q: Questionnaire, form: FormId) {
  requireForm(form);
  const items = new Map(formItems(q, form).map((i) => [i.id, i] as const));
  return z.record(z.string(), answerSchema).transform((answers, ctx): Answers => {
    const out: Answers = {};
    for (const [id, answer] of Object.entries(answers)) {
      const item = items.get(id);
      if (!item) {
        ctx.addIssue({ code: 'custom', path: [id], message: `"${id}" is not an item of the ${form} form` });
        continue;
      }
      if (item.kind === 'comment') {
        if (answer.type !== 'text') {
          ctx.addIssue({ code: 'custom', path: [id], message: 'A comment answer must be text' });
          continue;
        }
        const text = normaliseComment(answer.text);
        if (text === '') ctx.addIssue({ code: 'custom', path: [id], message: 'An empty comment is stored as no answer' });
        else if (text.length > q.commentMaxLength) ctx.addIssue({ code: 'custom', path: [id], message: tooLongMessage(text.length, q.commentMaxLength) });
        else out[id] = { type: 'text', text };
        continue;
      }
      if (answer.type === 'text') {
        ctx.addIssue({ code: 'custom', path: [id], message: 'This question takes a choice, not text' });
        continue;
      }
      if (answer.type === 'choice' && answer.value >= itemOptions(q, item).length) {
        ctx.addIssue({ code: 'custom', path: [id], message: `Choice ${answer.value} is out of range for this item` });
        continue;
      }
      out[id] = answer;
    }
    return out;
  });
}

/**
 * Schema for the urlencoded body of one theme page: field name = item id; choices are "0".."n-1"
 * or "dk"; a comment is trimmed and limited to `commentMaxLength`. Missing or blank = unanswered.
 * Keys starting with "_" (e.g. `_csrf`, `_action`) are control fields and ignored; any other key
 * that is not an item of this theme in this form is refused, as is a name sent twice.
 * @throws RangeError when the theme has no items in the form (a programming error)
 */
export function themeAnswersSchema(q: Questionnaire, form: FormId, themeId: string) {
  return memoised(q, `theme:${form}:${themeId}`, () => buildThemeAnswersSchema(q, form, themeId));
}
function buildThemeAnswersSchema(q: Questionnaire, form: FormId, themeId: string) {
  requireForm(form);
  const page = formThemes(q, form).find((t) => t.theme.id === themeId);
  if (!page) throw new RangeError(`Theme "${themeId}" has no items in the ${form} form`);
  const items = new Map(page.items.map((i) => [i.id, i] as const));
  return z.unknown().transform((body, ctx): Answers => {
    const fields = body === undefined || body === null ? {} : rec(body);
    if (!fields) {
      ctx.addIssue({ code: 'custom', path: [], message: 'The form could not be read. Please try again.' });
      return z.NEVER;
    }
    const out: Answers = {};
    for (const [key, value] of Object.entries(fields)) {
      if (key.startsWith('_')) continue;
      const item = items.get(key);
      if (!item) {
        ctx.addIssue({ code: 'custom', path: [key], message: `${quoted(key)} is not a question on this page.` });
        continue;
      }
      if (value === undefined) continue;
      if (Array.isArray(value)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: item.kind === 'comment' ? `Your comment for ${quoted(item.text)} was sent more than once. Please send it once.` : `Choose only one answer for ${quoted(item.text)}.`,
        });
        continue;
      }
      if (typeof value !== 'string') {
        ctx.addIssue({ code: 'custom', path: [key], message: `The answer for ${quoted(item.text)} could not be read. Please try again.` });
        continue;
      }
      if (item.kind === 'comment') {
        const text = normaliseComment(value);
        if (text === '') continue;
        if (text.length > q.commentMaxLength) {
          ctx.addIssue({ code: 'custom', path: [key], message: tooLongMessage(text.length, q.commentMaxLength) });
          continue;
        }
        out[key] = { type: 'text', text };
        continue;
      }
      const v = value.trim();
      if (v === '') continue;
      if (v === DONT_KNOW_VALUE) {
        out[key] = { type: 'dontKnow' };
        continue;
      }
      const count = itemOptions(q, item).length;
      if (/^(0|[1-9]\d?)$/.test(v) && Number(v) < count) {
        out[key] = { type: 'choice', value: Number(v) };
        continue;
      }
      ctx.addIssue({ code: 'custom', path: [key], message: `Choose one of the options for ${quoted(item.text)}.` });
    }
    return out;
  });
}

/** An error on a theme page, for the error summary: the field (item id) and a plain message. */
export type FieldError = { field: string; message: string };

/**
 * Parse the body of one theme page (see {@link themeAnswersSchema}).
 * @returns the answers given on the page (unanswered items absent), or every error.
 */
export function parseThemeAnswers(
  q: Questionnaire,
  form: FormId,
  themeId: string,
  body: unknown,
): { ok: true; answers: Answers } | { ok: false; errors: FieldError[] } {
  const result = themeAnswersSchema(q, form, themeId).safeParse(body);
  if (result.success) return { ok: true, answers: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((i) => ({ field: i.path.length > 0 ? String(i.path[0]) : '', message: i.message })),
  };
}

/**
 * Replace one theme's answers in a draft with the answers from its page: the theme's items that
 * the page left blank become unanswered; other themes are untouched.
 */
export function mergeThemeAnswers(q: Questionnaire, form: FormId, themeId: string, draft: Answers, page: Answers): Answers {
  const themeItems = new Set(formItems(q, form).filter((i) => i.theme === themeId).map((i) => i.id));
  const out: Answers = {};
  for (const [id, a] of Object.entries(draft)) if (!themeItems.has(id)) out[id] = a;
  for (const [id, a] of Object.entries(page)) if (themeItems.has(id)) out[id] = a;
  return out;
}
