// Which language the pages speak and which wording the questionnaire is read in, per request.
// The choice travels in a cookie (a language code and an Easy Read mark, nothing else) and, once
// a draft exists, in the draft too, so that a resume code brings it back on another device.
import type { Request, RequestHandler, Response } from 'express';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import type { Config } from '../config';
import { chooseWording, LANGUAGE_PATTERN, type Questionnaire, type Wording } from '../domain/questionnaire';
import { readCookie, setCookie } from './cookies';
import { acceptedLanguages, htmlLang, isPageLanguage, PAGE_LANGUAGES, translator, type PageLanguage } from './i18n';

export const WORDING_COOKIE = 'ps_wording';

/** What a person asked for: a language (maybe none yet) and Easy Read. */
export interface WordingWish {
  language?: string;
  easyRead: boolean;
}

/** The cookie: "cy" or "cy.er" (Easy Read). Anything else counts as no wish. */
export function readWordingCookie(req: Request): WordingWish {
  const raw = readCookie(req, WORDING_COOKIE);
  const m = raw === undefined ? null : /^([a-zA-Z-]{2,10})(\.er)?$/.exec(raw);
  if (!m || !LANGUAGE_PATTERN.test(m[1])) return { easyRead: false };
  return { language: m[1], easyRead: m[2] !== undefined };
}

export function setWordingCookie(req: Request, res: Response, config: Config, wish: { language: string; easyRead: boolean }) {
  setCookie(req, res, config, WORDING_COOKIE, `${wish.language}${wish.easyRead ? '.er' : ''}`, { path: '/', maxAgeMs: config.draftTtlMs });
}

/** The catalogue's words for this response (English before any language was chosen). */
export const pageWords = (res: Response): TFunction => (res.locals.t as TFunction | undefined) ?? translator('en');

/** Sets the page language for the views: `lang`, `htmlLang` and the catalogue's `t` (Easy Read words if asked). */
export function usePageLanguage(res: Response, language: PageLanguage, easyRead = false) {
  res.locals.lang = language;
  res.locals.htmlLang = htmlLang(language);
  res.locals.t = translator(language, easyRead);
}

/** A visitor's page language: their own choice (cookie), then their browser's, then English. */
export function visitorLanguage(req: Request): PageLanguage {
  const wish = readWordingCookie(req).language;
  return wish !== undefined && isPageLanguage(wish) ? wish : (acceptedLanguages(req.headers['accept-language'])[0] ?? 'en');
}

/**
 * The page language before any round is known, on every page (home, join, resume, admin,
 * reports, errors): the visitor's own choice (cookie), then the browser's Accept-Language, then
 * English. A round's pages may choose again from the round's languages (wordingFor).
 */
export function pageLanguage(): RequestHandler {
  return (req, res, next) => {
    usePageLanguage(res, visitorLanguage(req));
    next();
  };
}

/**
 * A round's wording for this request: the person's own choice, then the round's default, then
 * the browser's languages, of those the questionnaire has; Easy Read where that language has it.
 */
export function wordingFor(req: Request, q: Questionnaire, roundDefault: string | null): Wording {
  const wish = readWordingCookie(req);
  const languages = [wish.language, roundDefault, ...acceptedLanguages(req.headers['accept-language'])].filter((l): l is string => !!l);
  return chooseWording(q, languages, wish.easyRead);
}

/** The page language for a wording: its own if the pages have it, else English. */
export const pageLanguageOf = (wording: Wording): PageLanguage => (isPageLanguage(wording.language) ? wording.language : 'en');

/** A posted change of wording: `language` and/or `easyRead` ("1" or "0"), from a button or form. */
export const wordingForm = z.object({
  language: z.string().regex(LANGUAGE_PATTERN).optional().catch(undefined),
  easyRead: z.enum(['0', '1']).optional().catch(undefined),
});

/** The language choices to offer: the questionnaire's languages the pages can show, in their own names. */
export function languageChoices(languages: readonly string[]): { code: PageLanguage; name: string }[] {
  return PAGE_LANGUAGES.filter((l) => languages.includes(l)).map((code) => ({ code, name: translator(code)('language.name') }));
}
