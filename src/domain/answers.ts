// Answer schemas derived from a definition, so that form parsing can never drift from the
// questionnaire it serves: stored answers for a form, and the body of one theme page.
import { z } from 'zod';
import { FORM_IDS, rec, type FormId } from './questionnaire-rules';
import { formItems, formThemes, itemOptions } from './questionnaire-lookups';
import type { Questionnaire } from './questionnaire-schema';

/** The form-field value that means "Don't know". */
export const DONT_KNOW_VALUE = 'dk';

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
 * Answer schemas built once per questionnaire object (definitions, and the wordings made from them,
 * are never changed once parsed): building them again for every page shown or saved was measurable
 * (issue 12).
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
      ctx.addIssue({ code: 'custom', path: [], message: 'The form could not be read. Please try again.', params: { reason: 'formUnreadable' } });
      return z.NEVER;
    }
    const out: Answers = {};
    for (const [key, value] of Object.entries(fields)) {
      if (key.startsWith('_')) continue;
      const item = items.get(key);
      if (!item) {
        ctx.addIssue({ code: 'custom', path: [key], message: `${quoted(key)} is not a question on this page.`, params: { reason: 'notOnPage' } });
        continue;
      }
      if (value === undefined) continue;
      if (Array.isArray(value)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: item.kind === 'comment' ? `Your comment for ${quoted(item.text)} was sent more than once. Please send it once.` : `Choose only one answer for ${quoted(item.text)}.`,
          params: { reason: item.kind === 'comment' ? 'commentTwice' : 'chooseOnlyOne' },
        });
        continue;
      }
      if (typeof value !== 'string') {
        ctx.addIssue({ code: 'custom', path: [key], message: `The answer for ${quoted(item.text)} could not be read. Please try again.`, params: { reason: 'unreadable' } });
        continue;
      }
      if (item.kind === 'comment') {
        const text = normaliseComment(value);
        if (text === '') continue;
        if (text.length > q.commentMaxLength) {
          ctx.addIssue({ code: 'custom', path: [key], message: tooLongMessage(text.length, q.commentMaxLength), params: { reason: 'tooLong', length: text.length, max: q.commentMaxLength } });
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
      ctx.addIssue({ code: 'custom', path: [key], message: `Choose one of the options for ${quoted(item.text)}.`, params: { reason: 'chooseOption' } });
    }
    return out;
  });
}

/** Why a theme page's answer was refused: a key the web layer words in the page's language. */
export type AnswerErrorReason = 'formUnreadable' | 'notOnPage' | 'commentTwice' | 'chooseOnlyOne' | 'unreadable' | 'tooLong' | 'chooseOption';

/**
 * An error on a theme page, for the error summary: the field (item id), a plain message in the
 * questionnaire's wording, and for theme pages the reason and its numbers, so a page in another
 * language can word it.
 */
export type FieldError = { field: string; message: string; reason?: AnswerErrorReason; values?: Record<string, number> };

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
    errors: result.error.issues.map((i) => {
      const params = (i as { params?: { reason?: AnswerErrorReason; length?: number; max?: number } }).params;
      const values = params?.reason === 'tooLong' ? { length: params.length ?? 0, max: params.max ?? 0 } : undefined;
      return { field: i.path.length > 0 ? String(i.path[0]) : '', message: i.message, ...(params?.reason ? { reason: params.reason } : {}), ...(values ? { values } : {}) };
    }),
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
