// Lookups over a validated questionnaire: the items and themes of a form, options of an item.
import type { FormId } from './questionnaire-rules';
import type { Item, Questionnaire, ScoredItem, Theme } from './questionnaire-schema';


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
export function formThemes(q: Questionnaire, form: FormId): readonly FormTheme[] {
  let byForm = FORM_THEMES.get(q);
  if (!byForm) FORM_THEMES.set(q, (byForm = new Map()));
  let found = byForm.get(form);
  if (!found) {
    const items = formItems(q, form);
    found = Object.freeze(
      q.themes
        .map((theme) => Object.freeze({ theme, items: Object.freeze(items.filter((i) => i.theme === theme.id)) as Item[] }))
        .filter((t) => t.items.length > 0),
    );
    byForm.set(form, found);
  }
  return found;
}
/**
 * formThemes' answers, per questionnaire object and form: a questionnaire is never changed once
 * parsed (a new version is a new object), and a respondent page asked for them on every request.
 * Frozen, so no caller can change what the next one gets.
 */
const FORM_THEMES = new WeakMap<Questionnaire, Map<FormId, readonly FormTheme[]>>();

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

