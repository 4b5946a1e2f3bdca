// The wording side of the respondent journey (issue 15): which language and Easy Read a round's
// pages use, the switch between them, and the texts that depend on the choice (role labels,
// theme-page errors, theme pictures). Routes stay in routes/respond.ts.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Request, RequestHandler, Response } from 'express';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import type { Config } from '../config';
import { hasEasyRead, languagesOf, type FieldError, type Questionnaire, type Wording } from '../domain/questionnaire';
import type { Services } from '../services';
import { inWording } from '../services/questionnaires';
import type { RoundRecord } from '../services/rounds';
import { PUBLIC_DIR } from './assets';
import { isPageLanguage, PAGE_LANGUAGES } from './i18n';
import { languageChoices, pageLanguageOf, readWordingCookie, setWordingCookie, usePageLanguage, wordingFor, wordingForm } from './wording';

/** The catalogue's words for this response's page language. */
export const wordsOf = (res: Response) => res.locals.t as TFunction;
/** The round's questionnaire in the reader's wording (same ids as the base). */
export const textsOf = (res: Response) => res.locals.texts as Questionnaire;
export const wordingOf = (res: Response) => res.locals.wording as Wording;

/** Where a wording switch may send the person back to (paths of the journey only). */
export const returnPath = z.string().regex(/^(?:\/(?:role|check|saved|thanks|results|themes\/\d{1,3}))?$/).catch('');

/** The theme ids that have a picture in public/img/themes (read once, at start-up). */
function themePictures(): Set<string> {
  try {
    return new Set(readdirSync(path.join(PUBLIC_DIR, 'img', 'themes')).filter((f) => f.endsWith('.svg')).map((f) => f.slice(0, -4)));
  } catch {
    return new Set();
  }
}

export function respondWording(services: Services, config: Config, draftIdOf: (req: Request) => string | undefined) {
  const { responding } = services;
  const pictures = themePictures();

  return {
    /** /join and /resume offer the pages' other languages (the round's questionnaire decides later). */
    joinLocals: ((req, res, next) => {
      res.locals.wordingChoices = { languages: languageChoices(PAGE_LANGUAGES).filter((l) => l.code !== res.locals.lang), easyRead: false };
      res.locals.joinSwitch = req.baseUrl === '/resume' ? 'resume' : 'join';
      next();
    }) as RequestHandler,

    /**
     * GET /join/wording?language=cy&_return=home: the language switch on the home page, /join
     * and /resume, before any round is known. A GET (a form like a link) because all it does is
     * choose the language pages are shown in, in this browser's cookie: no stored data changes,
     * so there is nothing for another site to forge (SECURITY.md), and those pages then need no
     * form token, so merely visiting them sets no cookie. In a round the switch is a POST: it is
     * kept with the draft.
     */
    switchPageLanguage: ((req, res) => {
      const query = req.query as Record<string, unknown>;
      const form = wordingForm.safeParse({ language: query.language });
      const language = form.success ? form.data.language : undefined;
      if (language !== undefined && isPageLanguage(language)) setWordingCookie(req, res, config, { language, easyRead: readWordingCookie(req).easyRead });
      res.redirect(303, query._return === 'resume' ? '/resume' : query._return === 'home' ? '/' : '/join');
    }) as RequestHandler,

    /**
     * A round's wording for this request, and the locals the views need: the page language,
     * the questionnaire's texts, which fragments need a lang attribute, and the choices offered.
     */
    useRoundWording(req: Request, res: Response, round: RoundRecord) {
      const q = responding.questionnaireFor(round);
      const wording = wordingFor(req, q, round.defaultLanguage);
      const texts = inWording(q, wording);
      usePageLanguage(res, pageLanguageOf(wording), wording.easyRead);
      res.locals.wording = wording;
      res.locals.texts = texts;
      res.locals.questionnaire = texts;
      // Texts of the questionnaire and of the round (name, introduction, own role labels) carry
      // a lang attribute wherever their language is not the page's.
      res.locals.textLang = wording.language === res.locals.lang ? null : wording.language;
      const roundLanguage = round.defaultLanguage ?? q.language;
      res.locals.roundLang = roundLanguage === res.locals.lang ? null : roundLanguage;
      res.locals.wordingChoices = {
        languages: languageChoices(languagesOf(q)).filter((l) => l.code !== wording.language),
        easyRead: hasEasyRead(q, wording.language),
      };
    },

    /** Records a switch of language or Easy Read: in the cookie, and with the draft when there is one. */
    switchWording(req: Request, res: Response, round: RoundRecord, language: unknown, easyRead: unknown) {
      const form = wordingForm.safeParse({ language, easyRead });
      const current = wordingOf(res);
      const wish = {
        language: (form.success ? form.data.language : undefined) ?? current.language,
        easyRead: form.success && form.data.easyRead !== undefined ? form.data.easyRead === '1' : current.easyRead,
      };
      setWordingCookie(req, res, config, responding.saveWording(round, draftIdOf(req), wish));
    },

    /**
     * The round's roles in the reader's wording: a label as the questionnaire has it is worded;
     * one an admin changed is the round's own text (in the round's language).
     */
    roleLabels(res: Response, round: RoundRecord) {
      const base = responding.questionnaireFor(round).roles;
      const texts = textsOf(res).roles;
      return round.roles.map((r) => {
        const own = base.find((b) => b.id === r.id)?.label !== r.label;
        return { id: r.id, label: own ? r.label : (texts.find((b) => b.id === r.id)?.label ?? r.label), lang: own ? res.locals.roundLang : res.locals.textLang };
      });
    },

    /** Theme-page errors in the page's language, quoting the question in the reader's wording. */
    wordErrors(res: Response, errors: FieldError[]) {
      const t = wordsOf(res);
      const items = textsOf(res).items;
      return errors.map((e) => ({
        field: e.field,
        message: e.reason ? t(`answerErrors.${e.reason}`, { ...e.values, field: e.field, question: items.find((i) => i.id === e.field)?.text ?? e.field }) : e.message,
      }));
    },

    /** The theme's picture on Easy Read pages, when it has one. */
    pictureFor: (res: Response, themeId: string) => (wordingOf(res).easyRead && pictures.has(themeId) ? `/img/themes/${themeId}.svg` : null),
  };
}
