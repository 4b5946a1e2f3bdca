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

/** The most answers kept per language: far above the catalogue's keys, so the memory stays bounded. */
const REMEMBERED_MAX = 5000;

/**
 * i18next's `t` for one language, remembering its answers: the catalogue never changes while the
 * process runs, so the same key (and the same counts) always gives the same text. Looking a key
 * up in i18next (key splitting, fallbacks, plurals, nesting, interpolation) took about a fifth of
 * a respondent page's time (issue 12); a Map look-up takes almost none. Remembered: a key alone,
 * or a key with options whose values are all numbers, booleans (counts such as `{ n: 5 }`) or
 * placeholders of at most three characters (`{ code: '\u0000' }`, `{ n: '{n}' }`). Any other call
 * (longer text values, which might come from people's input, arrays of keys, objects) goes to
 * i18next every time, so nothing a person typed is kept.
 */
function remembering(fixedT: TFunction): TFunction {
  const t = fixedT as unknown as (...args: unknown[]) => unknown;
  const answers = new Map<string, string>();
  const remembered = (key: unknown, options?: unknown, ...rest: unknown[]): unknown => {
    const slot = typeof key === 'string' && rest.length === 0 ? slotOf(key, options) : undefined;
    if (slot === undefined) return t(key, options, ...rest);
    const known = answers.get(slot);
    if (known !== undefined) return known;
    const text = t(key, options);
    if (typeof text === 'string') {
      // Full (counts make many slots over a long run): start again, so keys first used later are
      // remembered too, and the memory stays bounded.
      if (answers.size >= REMEMBERED_MAX) answers.clear();
      answers.set(slot, text);
    }
    return text;
  };
  return remembered as unknown as TFunction;
}

/** Text values this short are placeholders the templates split on ('\u0000', '{n}'), never anything a person typed that could matter. */
const PLACEHOLDER_MAX = 3;

/** The memo key of a call, or undefined when the call must not be remembered. */
function slotOf(key: string, options: unknown): string | undefined {
  if (options === undefined) return key;
  if (typeof options !== 'object' || options === null || Object.getPrototypeOf(options) !== Object.prototype) return undefined;
  let slot = key;
  for (const [name, value] of Object.entries(options)) {
    const kind = typeof value === 'number' ? 'n' : typeof value === 'boolean' ? 'b' : typeof value === 'string' && value.length <= PLACEHOLDER_MAX ? 's' : undefined;
    if (kind === undefined) return undefined;
    // Text values quoted (JSON), so that no value can make two different calls share a slot.
    slot += `\u0000${name}\u0000${kind}${kind === 's' ? JSON.stringify(value) : String(value)}`;
  }
  return slot;
}

const fixed = new Map<PageLanguage, TFunction>(PAGE_LANGUAGES.map((l) => [l, remembering(instance.getFixedT(l))]));

/**
 * The same words in Easy Read: a key under `easyRead.` (same path) where the catalogue has one,
 * else the standard key. i18next takes the first key of a list that it finds.
 */
function easyReadT(standard: TFunction): TFunction {
  const t = (key: unknown, ...rest: unknown[]) =>
    (standard as unknown as (k: unknown, ...r: unknown[]) => string)(typeof key === 'string' ? [`easyRead.${key}`, key] : key, ...rest);
  return t as unknown as TFunction;
}
// Remembered on its own (the same key has other words in Easy Read), around the list look-up.
const easyRead = new Map<PageLanguage, TFunction>(PAGE_LANGUAGES.map((l) => [l, remembering(easyReadT(instance.getFixedT(l)))]));

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
