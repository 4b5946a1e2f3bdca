// The printable paper form in any wording the round's questionnaire has (issue 15): Welsh, Easy
// Read, Welsh Easy Read, each in standard or large print. The questionnaire's texts come from its
// overlays (same ids and option order, so a keyed form scores exactly as before); the form's own
// words from the catalogue (public.paper, with Easy Read keys) in the printed language.
import type { TFunction } from 'i18next';
import { hasEasyRead, languagesOf, type Questionnaire, type Wording } from '../domain/questionnaire';
import { inWording } from '../services/questionnaires';
import type { RoundRecord } from '../services/rounds';
import { htmlLang, translator } from './i18n';
import { paperRoles, paperSections } from './paper-views';
import { languageChoices, pageLanguageOf } from './wording';

type Size = 'standard' | 'large';

/** The printed version as a code the keyer picks on the entry page: "cy", "cy.er", "en". */
export const versionCode = (w: Wording) => `${w.language}${w.easyRead ? '.er' : ''}`;

/** The printed version's name in its own words: "Cymraeg, Hawdd ei Ddeall". */
export function versionName(w: Wording): string {
  const t = translator(pageLanguageOf(w));
  return w.easyRead ? `${t('language.name')}, ${t('wording.easyReadOn')}` : t('language.name');
}

/** Every version a questionnaire can be printed (and keyed) in, its own standard wording first. */
export function printedVersions(q: Questionnaire): Wording[] {
  return languagesOf(q).flatMap((language) => [{ language, easyRead: false }, ...(hasEasyRead(q, language) ? [{ language, easyRead: true }] : [])]);
}

/**
 * What the form itself shows: the questionnaire's texts in the wording, the round's roles (a label
 * as the questionnaire has it is worded; one an admin changed is the round's own), the form's
 * words (`pt`), and which fragments need a lang attribute against the page's (`pageLang`).
 */
export function printedForm(q: Questionnaire, round: RoundRecord, wording: Wording, pageLang: string) {
  const texts = inWording(q, wording);
  const formLanguage = pageLanguageOf(wording);
  const pt = translator(formLanguage, wording.easyRead);
  const roles = paperRoles(round.roles).map((r) => {
    const own = q.roles.find((b) => b.id === r.id)?.label !== r.label;
    return { ...r, label: own ? r.label : (texts.roles.find((b) => b.id === r.id)?.label ?? r.label), own };
  });
  const roundLanguage = round.defaultLanguage ?? q.language;
  return {
    questionnaire: { title: texts.title, intro: texts.intro },
    sections: paperSections(texts, round.form, { ladderHint: pt('public.paper.ladderHint') }),
    roles,
    pt,
    formLang: formLanguage === pageLang ? null : htmlLang(formLanguage),
    textLang: wording.language === formLanguage ? null : wording.language,
    roundLang: roundLanguage === formLanguage ? null : roundLanguage,
    version: { code: versionCode(wording), name: versionName(wording) },
  };
}

/** The print page's choices (links that keep the other two): language, wording and size. */
export function printChoices(q: Questionnaire, round: RoundRecord, wording: Wording, size: Size, t: TFunction) {
  const href = (w: Wording, s: Size) => {
    const params = new URLSearchParams();
    if (w.language !== q.language) params.set('language', w.language);
    if (w.easyRead) params.set('easyRead', '1');
    if (s === 'large') params.set('size', 'large');
    const query = params.toString();
    return `/admin/rounds/${round.id}/paper${query ? `?${query}` : ''}`;
  };
  return {
    languages: languageChoices(languagesOf(q)).map((l) => ({
      name: l.name,
      lang: htmlLang(l.code),
      href: href({ language: l.code, easyRead: wording.easyRead && hasEasyRead(q, l.code) }, size),
      current: l.code === wording.language,
    })),
    wordings: hasEasyRead(q, wording.language)
      ? [
          { label: t('public.paper.print.standardWording'), href: href({ ...wording, easyRead: false }, size), current: !wording.easyRead },
          { label: t('public.paper.print.easyRead'), href: href({ ...wording, easyRead: true }, size), current: wording.easyRead },
        ]
      : [],
    sizes: [
      { label: t('public.paper.print.standardPrint'), href: href(wording, 'standard'), current: size === 'standard' },
      { label: t('public.paper.print.largePrint'), href: href(wording, 'large'), current: size === 'large' },
    ],
  };
}
