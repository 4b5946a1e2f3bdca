import type { TFunction } from 'i18next';
import { isScored, itemOptions, respondentTitle, type Answers, type FieldError, type FormTheme, type Item, type Questionnaire } from '../domain/questionnaire';

/** One question on a theme page, ready for the view. */
export interface QuestionView {
  id: string;
  kind: Item['kind'];
  text: string;
  hint?: string;
  /** the hint is the questionnaire's (in its wording), not the page's own */
  ownHint: boolean;
  /** `checked` is a hole (web/page-cache.ts): ' checked' for the chosen option, else ''. */
  options: { id: string; value: string; label: string; checked: string }[];
  dontKnow?: { id: string; label: string; checked: string };
  /** `value` is a hole: the comment's text. */
  comment?: { value: string; maxLength: number };
  error?: string;
}

/**
 * The holes of a theme page that hold answers: one per radio (by item and value: an item id
 * never has a colon, so no two radios share one, whatever their element ids), one per comment box.
 */
const checkedHole = (itemId: string, value: string) => `checked:${itemId}:${value}`;
const commentHole = (itemId: string) => `comment:${itemId}`;
/**
 * The element id of an option's radio: the first carries the question's id, so the error summary
 * can link to it; the others, like every id derived from a question's (hint, error, "no answer",
 * character count), add "--", which no item id contains, so no two elements share an id.
 */
const optionId = (itemId: string, value: string, first: boolean) => (first ? itemId : `${itemId}--${value}`);

/**
 * Builds a theme page's questions, the same for everyone; what a person chose or typed goes
 * through `hole` (see themeAnswers). Errors come only with a refused submission.
 */
export function themeQuestions(q: Questionnaire, page: FormTheme, t: TFunction, hole: (name: string) => string, errors: FieldError[] = []): QuestionView[] {
  const errorFor = new Map(errors.map((e) => [e.field, e.message]));
  return page.items.map((item) => {
    const hint = 'hint' in item ? item.hint : undefined;
    const base = { id: item.id, kind: item.kind, text: item.text, hint, ownHint: hint !== undefined, error: errorFor.get(item.id) };
    if (!isScored(item)) return { ...base, options: [], comment: { value: hole(commentHole(item.id)), maxLength: q.commentMaxLength } };
    return {
      ...base,
      hint: base.hint ?? (item.kind === 'ladder' ? t('question.ladderHint') : undefined),
      options: itemOptions(q, item).map((o, i) => {
        const id = optionId(item.id, String(o.value), i === 0);
        return { id, value: String(o.value), label: o.label, checked: hole(checkedHole(item.id, String(o.value))) };
      }),
      dontKnow: { id: `${item.id}--dk`, label: q.scale.dontKnowLabel, checked: hole(checkedHole(item.id, 'dk')) },
    };
  });
}

/**
 * What fills a theme page's answer holes: the draft's answers, or after a refused submission
 * what was sent (`entered`), so nothing is lost.
 */
export function themeAnswers(page: FormTheme, answers: Answers, entered?: Record<string, unknown>): Map<string, string> {
  const values = new Map<string, string>();
  const raw = (id: string): string | undefined => {
    const v = entered?.[id];
    return typeof v === 'string' ? v : undefined;
  };
  for (const item of page.items) {
    const answer = answers[item.id];
    if (!isScored(item)) {
      const text = entered ? (raw(item.id) ?? '') : answer?.type === 'text' ? answer.text : '';
      values.set(commentHole(item.id), text);
      continue;
    }
    const chosen = entered ? raw(item.id) : answer?.type === 'choice' ? String(answer.value) : answer?.type === 'dontKnow' ? 'dk' : undefined;
    if (chosen !== undefined) values.set(checkedHole(item.id, chosen), ' checked');
  }
  return values;
}

/** The check-your-answers summary: each question with the answer in words. */
export function answerSummary(q: Questionnaire, page: FormTheme, answers: Answers, t: TFunction) {
  return page.items.map((item) => {
    const answer = answers[item.id];
    const scored = isScored(item);
    let text = scored ? t('check.notAnswered') : t('check.noComment');
    if (answer?.type === 'dontKnow') text = q.scale.dontKnowLabel;
    else if (answer?.type === 'text') text = answer.text;
    else if (answer?.type === 'choice' && scored) text = itemOptions(q, item)[answer.value]?.label ?? text;
    return { id: item.id, question: item.text, answer: text, answered: answer !== undefined, scored };
  });
}

/**
 * The check page's sections: per theme, how many questions are answered (comment boxes are
 * optional extras and not counted as questions) and the rows, each unanswered question linked.
 */
export function checkSections(q: Questionnaire, pages: readonly FormTheme[], answers: Answers, t: TFunction) {
  return pages.map((page, i) => {
    const rows = answerSummary(q, page, answers, t);
    const questions = rows.filter((r) => r.scored);
    return {
      n: i + 1,
      title: respondentTitle(page.theme),
      rows,
      questions: questions.length,
      answered: questions.filter((r) => r.answered).length,
    };
  });
}

/** A rough time to answer, for the welcome page: about 20 seconds a question, a minute a comment. */
export function minutesToAnswer(pages: readonly FormTheme[]): number {
  const seconds = pages.flatMap((p) => p.items).reduce((s, i) => s + (i.kind === 'comment' ? 30 : 20), 0);
  return Math.max(2, Math.round(seconds / 60));
}
