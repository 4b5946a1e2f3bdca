// The respondent pages' own words in Easy Read (issue 15): the catalogue's `easyRead` keys shadow
// the standard ones of the same path and are used whenever the wording is Easy Read. They are held
// to the questionnaire's Easy Read bound (test/questionnaires/power-sharing-texts.test.ts): at most
// 15 words a sentence, and Flesch reading ease 70 or more for every text of 4 words or more
// (shorter ones are labels the formula cannot measure), after putting a plain value in each {{slot}}.
import request from 'supertest';
import { isScored } from '../../src/domain/questionnaire';
import { translator } from '../../src/web/i18n';
import { en } from '../../src/web/locales/en';
import { cy } from '../../src/web/locales/cy';
import { browserLike, makeTestApp } from '../helpers/app';
import { readability, sentences, words } from '../helpers/readability';
import { openRound } from '../helpers/rounds';

const MAX_SENTENCE_WORDS = 15;
const MIN_EASE = 70;

type Tree = { [k: string]: string | Tree };
/** Every text of a tree of words, with its dotted path. */
const leaves = (tree: Tree, at = ''): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${at}${k}`, v] as [string, string]] : leaves(v, `${at}${k}.`)));
const slots = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
/** A plain value for each slot, as a reader meets it. */
const filled = (text: string) => text.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => ({ question: 'this question', address: 'this page', code: 'the code', round: 'the round', organisation: 'the team' })[name] ?? '5');

function easyReadProblems(tree: Tree): string[] {
  const out: string[] = [];
  for (const [where, raw] of leaves(tree)) {
    const text = filled(raw).trim();
    for (const s of sentences(text)) if (words(s).length > MAX_SENTENCE_WORDS) out.push(`${where}: sentence of ${words(s).length} words: "${s}"`);
    if (words(text).length >= 4) {
      const ease = readability(text).ease;
      if (!(ease >= MIN_EASE)) out.push(`${where}: Flesch reading ease ${ease.toFixed(1)} is below ${MIN_EASE}: "${text}"`);
    }
  }
  return out;
}

describe('the Easy Read words of the respondent pages', () => {
  const standard = new Map(leaves(en as unknown as Tree));

  it('shadow a standard key each, with the same {{slots}}, in English and in Welsh', () => {
    for (const [language, catalogue] of [['en', en], ['cy', cy]] as const) {
      const all = new Map(leaves(catalogue as unknown as Tree));
      for (const [path, text] of leaves(catalogue.easyRead as unknown as Tree)) {
        expect([language, path, all.has(path)]).toEqual([language, path, true]);
        expect([language, path, slots(text)]).toEqual([language, path, slots(standard.get(path)!)]);
      }
    }
  });

  it(`keep every sentence to ${MAX_SENTENCE_WORDS} words and every text at Flesch reading ease ${MIN_EASE} or more`, () => {
    expect(easyReadProblems(en.easyRead as unknown as Tree)).toEqual([]);
  });

  // Flesch reading ease is an English formula; the Welsh is held to the sentence bound.
  it(`keep every Welsh sentence to ${MAX_SENTENCE_WORDS} words too`, () => {
    const long = leaves(cy.easyRead as unknown as Tree).flatMap(([where, raw]) =>
      sentences(filled(raw)).filter((s) => words(s).length > MAX_SENTENCE_WORDS).map((s) => `${where}: sentence of ${words(s).length} words: "${s}"`),
    );
    expect(long).toEqual([]);
  });

  it('fail the bound when a long or hard text is put in', () => {
    const hard = structuredClone(en.easyRead) as unknown as Tree;
    (hard.theme as Tree).answerFor = 'Respond regarding organisational characteristics, disregarding inapplicable considerations entirely.';
    (hard.check as Tree).sendText = 'When you send your answers to us we add them to the answers of all the other people who took part.';
    expect(easyReadProblems(hard)).toEqual([
      expect.stringMatching(/^theme\.answerFor: Flesch reading ease -?\d+\.\d is below 70/),
      expect.stringMatching(/^check\.sendText: sentence of 21 words/),
    ]);
  });

  it('fall back to the standard words where Easy Read has no key of its own', () => {
    expect(translator('en', true)('theme.progress', { n: 2, total: 8 })).toBe('Part 2 of 8');
    expect(translator('en', true)('theme.later')).toBe('Save and come back later');
    expect(translator('en')('theme.progress', { n: 2, total: 8 })).toBe('Theme 2 of 8');
    expect(translator('cy', true)('theme.progress', { n: 2, total: 8 })).toBe('Rhan 2 o 8');
    expect(translator('cy', true)('check.sendButton')).toBe('Anfon fy atebion');
  });
});

describe('Easy Read pages speak Easy Read around the questions', () => {
  it('uses the Easy Read hints, buttons, progress, errors and check page, and the standard ones otherwise', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const b = browserLike(ctx.app);
    const base = `/r/${round.linkToken}`;
    await b.submit(base, { easyRead: '1', _return: '' }, `${base}/wording`);
    await b.submit(base, {}, `${base}/start`);
    const role = await b.agent.get(`${base}/role`).expect(200);
    expect(role.text).toContain('Which of these is most like you?');
    expect((await b.submit(`${base}/role`, {})).text).toContain('Choose the answer that is most like you');
    await b.submit(`${base}/role`, { role: 'staff' });
    const theme = await b.agent.get(`${base}/themes/1`).expect(200);
    expect(theme.text).toContain('<p class="progress" id="progress">Part 1 of 8</p>');
    expect(theme.text).toContain('Tell us what you think about our organisation. You can skip any question.');
    expect(theme.text).toContain('>Save and go on</button>');
    expect(theme.text).toContain('You can write up to 1000 letters and spaces.');
    expect(theme.text).not.toContain('Theme 1 of 8');
    const first = ctx.services.responding.pages(round)[0].items.find(isScored)!;
    const bad = await b.submit(`${base}/themes/1`, { [first.id]: ['1', '2'], _action: 'next' });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/Choose only 1 answer for “[^”]+”\./);
    const pages = ctx.services.responding.pages(round);
    for (let n = 1; n <= pages.length; n++) await b.submit(`${base}/themes/${n}`, { [pages[n - 1].items.find(isScored)!.id]: '3', _action: 'next' });
    const check = await b.agent.get(`${base}/check`).expect(200);
    expect(check.text).toContain('You answered 8 of');
    expect(check.text).toContain('We do not know who sent them.');
    expect(check.text).toContain('<h2>Send your answers</h2>');

    // The standard wording keeps the standard words.
    const plain = browserLike(ctx.app);
    await plain.submit(base, {}, `${base}/start`);
    await plain.submit(`${base}/role`, { role: 'staff' });
    expect((await plain.agent.get(`${base}/themes/1`).expect(200)).text).toContain('Theme 1 of 8');
    expect((await request(ctx.app).get(base).expect(200)).text).toContain('Start now');
  });
});

describe('Welsh Easy Read', () => {
  it('gives the Welsh Easy Read questionnaire and page words, all marked cy, and records the wording', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx, { defaultLanguage: 'cy' });
    const b = browserLike(ctx.app);
    const base = `/r/${round.linkToken}`;
    const welcome = await b.agent.get(base).expect(200);
    expect(welcome.text).toContain('Defnyddio Hawdd ei Ddeall');
    await b.submit(base, { easyRead: '1', _return: '' }, `${base}/wording`);
    const easy = await b.agent.get(base).expect(200);
    expect(easy.text).toContain('<html lang="cy">');
    expect(easy.text).toContain("Mae&#39;r cwestiynau hyn am ein sefydliad.");
    expect(easy.text).toContain('Mae 8 rhan fer.');
    await b.submit(base, {}, `${base}/start`);
    await b.submit(`${base}/role`, { role: 'lived' });
    const theme = await b.agent.get(`${base}/themes/1`).expect(200);
    expect(theme.text).toContain('<p class="progress" id="progress">Rhan 1 o 8</p>');
    expect(theme.text).toContain('<h1>Bod yn rhan o bethau o&#39;r dechrau</h1>');
    expect(theme.text).toContain('>Dw i ddim yn gwybod</label>');
    expect(theme.text).toContain('>Cadw a mynd ymlaen</button>');
    // Everything is Welsh: nothing on the page needs a lang of its own but the language buttons.
    expect([...theme.text.matchAll(/ lang="([^"]+)"/g)].map((m) => m[1])).toEqual(['cy', 'en-GB']);
  });
});
