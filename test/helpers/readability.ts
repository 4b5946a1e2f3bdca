// A small, pure readability measure for English text, used to hold the Easy Read wording to its
// bound (test/questionnaires/power-sharing-texts.test.ts). Hand-computed tests of each part are in
// test/helpers/readability.test.ts.
//
// Flesch reading ease (Flesch 1948):
//   206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words)
// Higher is easier: 90-100 very easy, 80-89 easy, 70-79 fairly easy, 60-69 plain English.
//
// Syllables are counted by a simple heuristic, not a dictionary (so figures can differ by a few
// points from other tools):
//   1. a number written in digits ("2", "2026") counts as 1 syllable;
//   2. keep the letters only, in lower case ("don't" -> "dont", "co-chair" -> "cochair");
//      3 letters or fewer is 1 syllable;
//   3. drop a silent ending: "-e" after a consonant other than l ("make", "there"; not "people"),
//      "-es" after a consonant other than l, c, g, s, x or z ("makes"; not "places", "services"),
//      "-ed" after a letter other than t or d ("asked", "changed"; not "decided", "needed");
//   4. drop a leading "y" (a consonant there: "you", "year");
//   5. count the groups of consecutive vowels (a, e, i, o, u, y); at least 1.
// Known errors: it undercounts vowels that meet across syllables ("being", "idea") and overcounts
// a few silent endings it does not know ("roles", "whole"). Both are small on everyday words.

/** The sentences of a text: split after ".", "!", "?" or "…" (closing quotes kept with them). */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?\u2026]["'\u201d\u2019)]*)\s+/u)
    .map((s) => s.trim())
    .filter((s) => words(s).length > 0);
}

/** The words of a text: runs of non-space that hold a letter or a digit. */
export function words(text: string): string[] {
  return text.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w));
}

/** The syllables of one word, by the heuristic above. */
export function syllables(word: string): number {
  if (/^\p{N}[\p{N},.]*$/u.test(word.replace(/[^\p{L}\p{N},.]/gu, ''))) return 1;
  let w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length === 0) return 1;
  if (w.length <= 3) return 1;
  w = w.replace(/(?:([^laeiouy])e|([^laeiouycgsxz])es|([^td])ed)$/, '$1$2$3');
  w = w.replace(/^y/, '');
  const groups = w.match(/[aeiouy]+/g);
  return Math.max(1, groups ? groups.length : 0);
}

/** Words, sentences and syllables of a text, and its Flesch reading ease. */
export interface Readability {
  words: number;
  sentences: number;
  syllables: number;
  /** Flesch reading ease; NaN for a text with no words */
  ease: number;
  /** the number of words in the longest sentence */
  longestSentence: number;
}

/** Measure a text. */
export function readability(text: string): Readability {
  const ss = sentences(text);
  const ws = ss.flatMap(words);
  const syl = ws.reduce((sum, w) => sum + syllables(w), 0);
  const ease = ws.length === 0 ? NaN : 206.835 - 1.015 * (ws.length / ss.length) - 84.6 * (syl / ws.length);
  return {
    words: ws.length,
    sentences: ss.length,
    syllables: syl,
    ease,
    longestSentence: ss.reduce((m, s) => Math.max(m, words(s).length), 0),
  };
}
