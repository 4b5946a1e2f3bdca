// The pages' words: one i18next instance, set up once at start-up from the catalogues in
// web/locales, and one fixed translation function per language, so a request only picks one.
import i18next, { type TFunction } from 'i18next';
import { cy } from './locales/cy';
import { en } from './locales/en';

/** The languages the pages are written in; English first, the fallback. */
export const PAGE_LANGUAGES = ['en', 'cy'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

export const isPageLanguage = (code: string): code is PageLanguage => (PAGE_LANGUAGES as readonly string[]).includes(code);

/** The value of an `lang` attribute for a page language (English pages say en-GB). */
export const htmlLang = (code: string) => (code === 'en' ? 'en-GB' : code);

const instance = i18next.createInstance();
void instance.init({
  resources: { en: { translation: en }, cy: { translation: cy } },
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...PAGE_LANGUAGES],
  // Synchronous: the resources are in memory, and the app must not serve a page before this.
  initAsync: false,
  // The templates escape every value (<%= %>): escaping here too would show &amp; on the page.
  interpolation: { escapeValue: false },
  returnNull: false,
});

const fixed = new Map<PageLanguage, TFunction>(PAGE_LANGUAGES.map((l) => [l, instance.getFixedT(l)]));

/**
 * The same words in Easy Read: a key under `easyRead.` (same path) where the catalogue has one,
 * else the standard key. i18next takes the first key of a list that it finds.
 */
function easyReadT(standard: TFunction): TFunction {
  const t = (key: unknown, ...rest: unknown[]) =>
    (standard as unknown as (k: unknown, ...r: unknown[]) => string)(typeof key === 'string' ? [`easyRead.${key}`, key] : key, ...rest);
  return t as unknown as TFunction;
}
const easyRead = new Map<PageLanguage, TFunction>(PAGE_LANGUAGES.map((l) => [l, easyReadT(fixed.get(l)!)]));

/** The translation function for a page language, in Easy Read wording where the catalogue has it. */
export function translator(language: PageLanguage, easyReadWording = false): TFunction {
  return (easyReadWording ? easyRead : fixed).get(language)!;
}

/**
 * The page languages a browser asks for (Accept-Language), best first: "cy-GB,cy;q=0.9,en;q=0.8"
 * gives ["cy", "en"]. Unknown languages, malformed parts and q=0 are left out.
 */
export function acceptedLanguages(header: string | undefined): PageLanguage[] {
  if (!header) return [];
  const wanted: { code: PageLanguage; q: number; at: number }[] = [];
  header
    .slice(0, 500)
    .split(',')
    .forEach((part, at) => {
      const [tag, ...params] = part.trim().split(';');
      const code = tag.trim().toLowerCase().split('-')[0];
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const q = qParam === undefined ? 1 : Number(qParam.slice(2));
      if (!isPageLanguage(code) || !Number.isFinite(q) || q <= 0 || q > 1) return;
      if (!wanted.some((w) => w.code === code)) wanted.push({ code, q, at });
    });
  return wanted.sort((a, b) => b.q - a.q || a.at - b.at).map((w) => w.code);
}
