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
  options: { id: string; value: string; label: string; checked: boolean }[];
  dontKnow?: { id: string; label: string; checked: boolean };
  comment?: { value: string; maxLength: number };
  error?: string;
}

/**
 * Builds a theme page's questions. After a refused submission `entered` holds what was typed,
 * so nothing is lost; otherwise the draft's answers fill the page.
 */
export function themeQuestions(
  q: Questionnaire,
  page: FormTheme,
  answers: Answers,
  t: TFunction,
  entered?: Record<string, unknown>,
  errors: FieldError[] = [],
): QuestionView[] {
  const errorFor = new Map(errors.map((e) => [e.field, e.message]));
  const raw = (id: string): string | undefined => {
    if (!entered) return undefined;
    const v = entered[id];
    return typeof v === 'string' ? v : undefined;
  };
  return page.items.map((item) => {
    const answer = answers[item.id];
    const hint = 'hint' in item ? item.hint : undefined;
    const base = { id: item.id, kind: item.kind, text: item.text, hint, ownHint: hint !== undefined, error: errorFor.get(item.id) };
    if (!isScored(item)) {
      const value = entered ? (raw(item.id) ?? '') : answer?.type === 'text' ? answer.text : '';
      return { ...base, options: [], comment: { value, maxLength: q.commentMaxLength } };
    }
    const chosen = entered ? raw(item.id) : answer?.type === 'choice' ? String(answer.value) : answer?.type === 'dontKnow' ? 'dk' : undefined;
    return {
      ...base,
      hint: base.hint ?? (item.kind === 'ladder' ? t('question.ladderHint') : undefined),
      options: itemOptions(q, item).map((o, i) => ({
        // The first option carries the question's id, so the error summary can link to it.
        id: i === 0 ? item.id : `${item.id}-${o.value}`,
        value: String(o.value),
        label: o.label,
        checked: chosen === String(o.value),
      })),
      dontKnow: { id: `${item.id}-dk`, label: q.scale.dontKnowLabel, checked: chosen === 'dk' },
    };
  });
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
export function checkSections(q: Questionnaire, pages: FormTheme[], answers: Answers, t: TFunction) {
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
export function minutesToAnswer(pages: FormTheme[]): number {
  const seconds = pages.flatMap((p) => p.items).reduce((s, i) => s + (i.kind === 'comment' ? 30 : 20), 0);
  return Math.max(2, Math.round(seconds / 60));
}
