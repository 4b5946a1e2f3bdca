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

/** How the catalogue's i18next is set up (tests set up their reference i18next the same way). */
export const I18NEXT_OPTIONS = {
  resources: { en: { translation: en }, cy: { translation: cy } },
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...PAGE_LANGUAGES],
  // Synchronous: the resources are in memory, and the app must not serve a page before this.
  initAsync: false,
  // The templates escape every value (<%= %>): escaping here too would show &amp; on the page.
  interpolation: { escapeValue: false },
  returnNull: false,
} as const;

const instance = i18next.createInstance();
void instance.init(I18NEXT_OPTIONS);

/** The most answers kept per language: far above the catalogue's keys, so the memory stays bounded. */
const REMEMBERED_MAX = 5000;

/**
 * i18next's `t` for one language, remembering its answers: the catalogue never changes while the
 * process runs, so the same key (and the same counts) always gives the same text. Looking a key
 * up in i18next (key splitting, fallbacks, plurals, nesting, interpolation) took about a fifth of
 * a respondent page's time (issue 12); a Map look-up takes almost none.
 *
 * Remembered: a key alone, or a key with options whose values are numbers or booleans (counts
 * such as `{ n: 5 }`: part of what is remembered) and text. Text values are not remembered: the
 * key's sentence is, with a marker where each text goes (i18next asked once with the markers as
 * the values), and a call puts its own texts in place of the markers. That is what i18next does
 * with them here (no escaping, no formats, and no interpolation or nesting inside a value), and
 * the first call of each key checks it: the sentence is kept only when filling it in gives
 * exactly i18next's own answer, else that key always goes to i18next. So the report's
 * `t('report.common.range', { low: '12.3', high: '45.6' })` costs a look-up and a join, not an
 * i18next call (about 1.6 MB of garbage a report page, and a tenth of its time; issue 12), and
 * nothing a person typed is kept. Any other call (arrays of keys, objects as values, the i18next
 * options that choose what is looked up, such as `context` or `lng`) goes to i18next every time.
 */
function remembering(fixedT: TFunction): TFunction {
  const t = fixedT as unknown as (...args: unknown[]) => unknown;
  const answers = new Map<string, Remembered>();
  const remembered = (key: unknown, options?: unknown, ...rest: unknown[]): unknown => {
    const call = typeof key === 'string' && rest.length === 0 ? callOf(key, options) : undefined;
    if (call === undefined) return t(key, options, ...rest);
    const known = answers.get(call.slot);
    if (known !== undefined) {
      if (typeof known === 'string') return known;
      if (known !== ASK) return fill(known, call.texts);
      return t(key, options);
    }
    const text = t(key, options);
    if (typeof text === 'string') {
      // Full (counts make many slots over a long run): start again, so keys first used later are
      // remembered too, and the memory stays bounded.
      if (answers.size >= REMEMBERED_MAX) answers.clear();
      answers.set(call.slot, call.texts.length === 0 ? text : sentenceOf(t, key as string, options as Record<string, unknown>, call.texts, text));
    }
    return text;
  };
  return remembered as unknown as TFunction;
}

/** A remembered answer: the text itself, a sentence with texts to put in, or ASK (always ask i18next). */
type Remembered = string | Sentence | typeof ASK;
/** A sentence cut at its markers: parts[0], texts[at[0]], parts[1], texts[at[1]], ..., parts[last]. */
type Sentence = { parts: string[]; at: number[] };
const ASK = Symbol('ask i18next');

/** Marks where the i-th text value goes; private-use characters that no catalogue sentence holds. */
const marker = (i: number) => `\uE000${i}\uE001`;
const MARKERS = /\uE000(\d+)\uE001/g;

/** The key's sentence with markers, kept only if filling it in with `texts` gives i18next's own answer. */
function sentenceOf(t: (...args: unknown[]) => unknown, key: string, options: Record<string, unknown>, texts: string[], answer: string): Sentence | typeof ASK {
  const marked: Record<string, unknown> = {};
  let i = 0;
  for (const [name, value] of Object.entries(options)) marked[name] = isWords(name, value) ? marker(i++) : value;
  const text = t(key, marked);
  if (typeof text !== 'string' || /[\uE000\uE001]/.test(text.replace(MARKERS, ''))) return ASK;
  const parts: string[] = [];
  const at: number[] = [];
  let from = 0;
  for (const m of text.matchAll(MARKERS)) {
    parts.push(text.slice(from, m.index));
    at.push(Number(m[1]));
    from = m.index + m[0].length;
  }
  parts.push(text.slice(from));
  const sentence = { parts, at };
  return fill(sentence, texts) === answer ? sentence : ASK;
}

function fill(sentence: Sentence, texts: readonly string[]): string {
  let out = sentence.parts[0];
  for (let k = 0; k < sentence.at.length; k++) out += texts[sentence.at[k]] + sentence.parts[k + 1];
  return out;
}

/** Text values this short are placeholders the templates split on ('\u0000', '{n}'), never anything a person typed that could matter. */
const PLACEHOLDER_MAX = 3;

/**
 * i18next options whose text chooses what is looked up or how, not words to put in: with one of
 * these as text the call is remembered only for a short placeholder (as a whole), else not at all.
 */
const LOOKUP_OPTIONS = new Set([
  'context', 'lng', 'lngs', 'fallbackLng', 'ns', 'keyPrefix', 'nsSeparator', 'keySeparator', 'defaultValue', 'postProcess', 'joinArrays',
  'replace', 'interpolation', 'ordinal', 'returnObjects', 'returnDetails', 'skipInterpolation', 'nest', 'count',
]);

/** A text value to put in the sentence (not one of the options above). */
const isWords = (name: string, value: unknown): value is string => typeof value === 'string' && !LOOKUP_OPTIONS.has(name) && !name.startsWith('defaultValue');

/**
 * The memo key of a call and its text values in order, or undefined when the call must not be
 * remembered. Numbers and booleans are part of the key; text values are not (see remembering).
 */
function callOf(key: string, options: unknown): { slot: string; texts: string[] } | undefined {
  const texts: string[] = [];
  if (options === undefined) return { slot: key, texts };
  if (typeof options !== 'object' || options === null || Object.getPrototypeOf(options) !== Object.prototype) return undefined;
  let slot = key;
  for (const [name, value] of Object.entries(options)) {
    let kind: string;
    if (typeof value === 'number') kind = `n${String(value)}`;
    else if (typeof value === 'boolean') kind = `b${String(value)}`;
    else if (isWords(name, value)) {
      kind = 't';
      texts.push(value);
    } else if (typeof value === 'string' && value.length <= PLACEHOLDER_MAX) kind = `s${JSON.stringify(value)}`;
    else return undefined;
    // Names and short texts quoted (JSON), so that no value can make two different calls share a slot.
    slot += `\u0000${JSON.stringify(name)}\u0000${kind}`;
  }
  return { slot, texts };
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
