import { DONT_KNOW_VALUE, formThemes, isScored, itemOptions, respondentTitle, type Answers, type FieldError, type FormId, type Questionnaire } from '../domain/questionnaire';
import { PAPER_ROLE_FIELD, type PaperForm } from '../domain/paper-form';
import type { RoundRole } from '../services/rounds';

/** Single keys on the data-entry page: the nth option is its number, "Don't know" D, left blank 0. */
export const DONT_KNOW_KEY = 'D';
export const BLANK_KEY = '0';

/** One question as printed on paper and keyed in on screen, numbered in one sequence. */
export interface PaperQuestion {
  id: string;
  number: number;
  kind: 'practice' | 'ladder' | 'comment';
  text: string;
  hint?: string;
  /** field values as the online pages send them ("0".."n-1"), with the key that picks each */
  options: { value: string; label: string; key: string }[];
  dontKnowLabel: string;
}

export interface PaperSection {
  themeId: string;
  number: number;
  title: string;
  questions: PaperQuestion[];
}

/**
 * The round's form as it is printed: themes in order, questions numbered 1..N across them. `q` may
 * be the questionnaire in any wording (same ids, order and options); `words.ladderHint` is the
 * printed hint of a ladder item without one of its own, in the form's language.
 */
export function paperSections(q: Questionnaire, form: FormId, words: { ladderHint: string } = { ladderHint: 'Tick the one that fits best.' }): PaperSection[] {
  let number = 0;
  return formThemes(q, form).map((page, i) => ({
    themeId: page.theme.id,
    number: i + 1,
    title: respondentTitle(page.theme),
    questions: page.items.map((item): PaperQuestion => {
      number += 1;
      const base = { id: item.id, number, kind: item.kind, text: item.text, hint: 'hint' in item ? item.hint : undefined, dontKnowLabel: q.scale.dontKnowLabel };
      if (!isScored(item)) return { ...base, options: [] };
      return {
        ...base,
        hint: base.hint ?? (item.kind === 'ladder' ? words.ladderHint : undefined),
        options: itemOptions(q, item).map((o, n) => ({ value: String(o.value), label: o.label, key: String(n + 1) })),
      };
    }),
  }));
}

/** The role question's choices, keyed 1..n like the answers. */
export const paperRoles = (roles: readonly RoundRole[]) => roles.map((r, n) => ({ id: r.id, label: r.label, key: String(n + 1) }));

/**
 * What the data-entry page shows in each field: after a refused check, what was sent (strings
 * only); after "change" from the check screen, the checked form. Blank fields stay blank.
 */
export function enteredValues(body: unknown): Record<string, string> {
  const b = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(b)) if (!k.startsWith('_') && typeof v === 'string') out[k] = v.slice(0, 6000);
  return out;
}

/** A checked form back as field values (for the hidden fields of the check screen and "change"). */
export function formValues(form: PaperForm): Record<string, string> {
  const out: Record<string, string> = { [PAPER_ROLE_FIELD]: form.role };
  for (const [id, a] of Object.entries(form.answers)) out[id] = a.type === 'choice' ? String(a.value) : a.type === 'dontKnow' ? DONT_KNOW_VALUE : a.text;
  return out;
}

/** The check screen: every question with its answer in words, as the keyer reads it against the paper. */
export function checkRows(sections: PaperSection[], answers: Answers) {
  return sections.map((s) => ({
    number: s.number,
    title: s.title,
    rows: s.questions.map((qn) => {
      const a = answers[qn.id];
      const answer =
        a === undefined ? (qn.kind === 'comment' ? 'No comment' : 'Left blank')
        : a.type === 'dontKnow' ? qn.dontKnowLabel
        : a.type === 'text' ? a.text
        : (qn.options[a.value]?.label ?? 'Left blank');
      return { number: qn.number, text: qn.text, answer, blank: a === undefined };
    }),
  }));
}

/** Errors in the order of the page, so the summary reads like the form. */
export function orderErrors(errors: FieldError[], sections: PaperSection[]): FieldError[] {
  const order = new Map<string, number>([[PAPER_ROLE_FIELD, 0], ...sections.flatMap((s) => s.questions.map((qn) => [qn.id, qn.number] as [string, number]))]);
  return [...errors].sort((a, b) => (order.get(a.field) ?? 1e6) - (order.get(b.field) ?? 1e6));
}
