// The texts a respondent sees: a questionnaire in one of its languages, in standard or Easy Read
// wording. The result is an ordinary questionnaire with the same ids, forms, bands, flags and
// thresholds; only words change, so every answer scores exactly as it would in the standard
// wording and all answers land in the same report.
import type { EasyRead, Questionnaire, Translation } from './questionnaire-schema';

/** Which wording: a language the questionnaire has, and whether in Easy Read. */
export interface Wording {
  language: string;
  easyRead: boolean;
}

/** The languages a questionnaire is written in: its own first, then its translations. */
export function languagesOf(q: Questionnaire): string[] {
  return [q.language, ...Object.keys(q.translations ?? {})];
}

/** The Easy Read overlay in a language, if the questionnaire has one there. */
function easyReadIn(q: Questionnaire, language: string): EasyRead | undefined {
  return language === q.language ? q.easyRead : q.translations?.[language]?.easyRead;
}

/** Whether the questionnaire has an Easy Read wording in this language. */
export function hasEasyRead(q: Questionnaire, language: string): boolean {
  return easyReadIn(q, language) !== undefined;
}

/**
 * The wording to use, from what was asked for: the first of `languages` (in order of preference)
 * that the questionnaire has, else its own language; Easy Read only where that language has it.
 */
export function chooseWording(q: Questionnaire, languages: readonly string[], easyRead: boolean): Wording {
  const offered = languagesOf(q);
  const language = languages.find((l) => offered.includes(l)) ?? q.language;
  return { language, easyRead: easyRead && hasEasyRead(q, language) };
}

function translate(q: Questionnaire, t: Translation): Questionnaire {
  return {
    ...q,
    title: t.title,
    intro: t.intro,
    scale: { practice: [...t.scale.practice], dontKnowLabel: t.scale.dontKnowLabel },
    bands: q.bands.map((b) => ({ ...b, label: t.bands[b.id] ?? b.label })),
    ladderGroups: q.ladderGroups.map((g) => ({ ...g, label: t.ladderGroups[g.id] ?? g.label })),
    themes: q.themes.map((theme) => {
      const tt = t.themes[theme.id];
      if (!tt) return theme;
      return {
        ...theme,
        title: tt.title,
        plainTitle: tt.plainTitle,
        description: tt.description,
        bandText: { ...tt.bandText },
        nextSteps: Object.fromEntries(Object.entries(tt.nextSteps).map(([band, steps]) => [band, [...steps]])),
        discussionPrompts: tt.discussionPrompts && [...tt.discussionPrompts],
      };
    }),
    items: q.items.map((item) => {
      const it = t.items[item.id];
      if (!it) return item;
      return item.kind === 'ladder'
        ? { ...item, text: it.text, hint: it.hint, options: it.options ? [...it.options] : item.options }
        : { ...item, text: it.text, hint: it.hint };
    }),
    roles: q.roles.map((r) => ({ ...r, label: t.roles[r.id] ?? r.label })),
    flags: q.flags.map((f) => {
      const ft = t.flags[f.id];
      if (!ft) return f;
      return 'groupALabel' in f || 'groupBLabel' in f
        ? { ...f, title: ft.title, description: ft.description, groupALabel: ft.groupALabel, groupBLabel: ft.groupBLabel }
        : { ...f, title: ft.title, description: ft.description };
    }),
  };
}

function easyReadWording(q: Questionnaire, e: EasyRead): Questionnaire {
  return {
    ...q,
    intro: e.intro,
    scale: { practice: [...e.scale.practice], dontKnowLabel: e.scale.dontKnowLabel },
    // The Easy Read title is the theme's name for the people answering; the report keeps `title`.
    themes: q.themes.map((theme) => {
      const et = e.themes[theme.id];
      return et ? { ...theme, plainTitle: et.title, description: et.description } : theme;
    }),
    items: q.items.map((item) => {
      const it = e.items[item.id];
      if (!it) return item;
      return item.kind === 'ladder'
        ? { ...item, text: it.text, hint: it.hint, options: it.options ? [...it.options] : item.options }
        : { ...item, text: it.text, hint: it.hint };
    }),
    roles: q.roles.map((r) => ({ ...r, label: e.roles[r.id] ?? r.label })),
  };
}

/**
 * The questionnaire in one wording: every text replaced, every id, form, band range, flag rule and
 * threshold kept, so scoring cannot tell the wordings apart. The result's `language` is the
 * wording's language; it carries no translations or Easy Read of its own.
 * @throws RangeError when the questionnaire has no such wording (a programming error: use
 *   {@link chooseWording} on anything a person asked for)
 */
export function localise(q: Questionnaire, wording: Wording): Questionnaire {
  let out = q;
  if (wording.language !== q.language) {
    const t = q.translations?.[wording.language];
    if (!t) throw new RangeError(`Questionnaire ${q.id} has no translation into "${wording.language}"`);
    out = translate(q, t);
  }
  if (wording.easyRead) {
    const e = easyReadIn(q, wording.language);
    if (!e) throw new RangeError(`Questionnaire ${q.id} has no Easy Read wording in "${wording.language}"`);
    out = easyReadWording(out, e);
  }
  const { easyRead: _easyRead, translations: _translations, ...texts } = out;
  return { ...texts, language: wording.language };
}
