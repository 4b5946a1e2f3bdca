// Hand-computed checks of the readability helper that holds the Easy Read wording to its bound.
import { readability, sentences, syllables, words } from './readability';

describe('syllables (the heuristic in test/helpers/readability.ts)', () => {
  it.each([
    ['cat', 1], // 3 letters or fewer
    ['the', 1],
    ['you', 1],
    ['year', 1], // leading y dropped: "ear", one vowel group
    ['people', 2], // "-le" is not a silent e: eo, e
    ['make', 1], // silent e dropped: "mak"
    ['there', 1], // silent e dropped: "ther"
    ['makes', 1], // "-kes" dropped to "ma"
    ['places', 2], // "-ces" kept: a, e
    ['services', 3], // e, i, e
    ['changed', 1], // "-ged" dropped: "chan"
    ['asked', 1],
    ['decided', 3], // "-ded" kept: e, i, e
    ['needed', 2], // ee, e
    ['organisation', 5], // o, a, i, a, io
    ['co-chair', 2], // letters only: "cochair"
    ['don\u2019t', 1], // letters only: "dont"
    ['2', 1], // a number in digits
    ['2026', 1],
    ['Leaders,', 2], // punctuation and case ignored
  ])('%s has %i', (word, n) => {
    expect(syllables(word)).toBe(n);
  });
});

describe('sentences and words', () => {
  it('splits after . ! ? and \u2026, keeping a closing quote with its sentence', () => {
    expect(sentences('One. Two words! Three? \u201cQuoted.\u201d Next\u2026 Last')).toEqual([
      'One.', 'Two words!', 'Three?', '\u201cQuoted.\u201d', 'Next\u2026', 'Last',
    ]);
  });

  it('does not split inside a sentence or on a lone dash', () => {
    expect(sentences('Pay could be money, vouchers or thanks: people choose.')).toHaveLength(1);
    expect(words('Leaders \u2013 all of them \u2013 listen.')).toEqual(['Leaders', 'all', 'of', 'them', 'listen.']);
  });
});

describe('readability (Flesch reading ease)', () => {
  it('scores "The cat sat on the mat." as 116.145 (6 words, 6 syllables, 1 sentence)', () => {
    const r = readability('The cat sat on the mat.');
    expect(r).toMatchObject({ words: 6, sentences: 1, syllables: 6, longestSentence: 6 });
    // 206.835 - 1.015 * 6 - 84.6 * 1
    expect(r.ease).toBeCloseTo(116.145, 6);
  });

  it('scores an item sentence by hand: 8 words, 11 syllables -> 82.39', () => {
    const r = readability('People who use services help choose new staff.');
    // People 2, who 1, use 1, services 3, help 1, choose 1, new 1, staff 1
    expect(r).toMatchObject({ words: 8, sentences: 1, syllables: 11 });
    // 206.835 - 1.015 * 8 - 84.6 * 11 / 8 = 206.835 - 8.12 - 116.325
    expect(r.ease).toBeCloseTo(82.39, 6);
  });

  it('averages sentence length over the sentences: 6 words in 2 sentences -> 119.19', () => {
    const r = readability('We help. They learn new things.');
    expect(r).toMatchObject({ words: 6, sentences: 2, syllables: 6, longestSentence: 4 });
    // 206.835 - 1.015 * 3 - 84.6 * 1
    expect(r.ease).toBeCloseTo(119.19, 6);
  });

  it('scores long words and long sentences lower', () => {
    const plain = readability('We tell people what changed.').ease;
    const hard = readability('Organisational stakeholders are systematically informed regarding consequential modifications.').ease;
    expect(hard).toBeLessThan(0);
    expect(plain).toBeGreaterThan(hard + 100);
  });

  it('gives NaN for a text with no words', () => {
    expect(readability(' \u2026 ').ease).toBeNaN();
  });
});
