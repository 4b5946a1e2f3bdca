// Holds the Easy Read wording and the Welsh translation of the default questionnaire to the
// standard definition (every theme, item, role, band, flag and ladder group; hints, options,
// prompts and next steps in the same numbers; no unknown ids), the Easy Read wording to its
// readability bound, and the theme pictures to plain, safe SVG (issue 15).
//
// The readability bound (docs/questionnaire.md, "Easy Read and Welsh"):
// - every sentence of every Easy Read text has at most 15 words;
// - every Easy Read text that is read as sentences (the welcome text, each theme intro, each item,
//   hint and answer option, each role) has a Flesch reading ease of at least 70, measured by
//   test/helpers/readability.ts; titles and the answer scale are held to at most 8 words instead
//   (a two-word title is not a sentence the formula can measure);
// - on average the Easy Read texts score at least 10 points easier than the standard ones.
import fs from 'node:fs';
import path from 'node:path';
import { powerSharingV1 as base } from '../../src/questionnaires/power-sharing.v1';
import { powerSharingV1EasyRead } from '../../src/questionnaires/power-sharing.v1.easy-read';
import { powerSharingV1Welsh } from '../../src/questionnaires/power-sharing.v1.cy';
import { powerSharingV1WelshEasyRead } from '../../src/questionnaires/power-sharing.v1.cy.easy-read';
import { readability, sentences, words } from '../helpers/readability';

type Texts = Record<string, unknown>;
const MAX_SENTENCE_WORDS = 15;
const MIN_EASE = 70;
const MIN_MEAN_GAIN = 10;

/** Paths where `actual` lacks a key of `expected` or holds one it does not (one level). */
function keyProblems(where: string, expected: readonly string[], actual: object | undefined): string[] {
  const have = Object.keys(actual ?? {});
  return [
    ...expected.filter((k) => !have.includes(k)).map((k) => `${where}.${k}: missing`),
    ...have.filter((k) => !expected.includes(k)).map((k) => `${where}.${k}: unknown id`),
  ];
}

const isText = (v: unknown) => typeof v === 'string' && v.trim().length > 0 && v.trim() === v;
const textProblem = (where: string, v: unknown) => (isText(v) ? [] : [`${where}: must be a non-empty trimmed text`]);

function listProblems(where: string, v: unknown, count: number): string[] {
  if (!Array.isArray(v)) return [`${where}: missing`];
  return [...(v.length === count ? [] : [`${where}: ${v.length} texts, expected ${count}`]), ...v.flatMap((x, i) => textProblem(`${where}[${i}]`, x))];
}

/** What the item texts of a translation or Easy Read wording lack or add, against the base items. */
function itemProblems(items: Record<string, { text?: unknown; hint?: unknown; options?: unknown }>): string[] {
  const out = keyProblems('items', base.items.map((i) => i.id), items);
  for (const item of base.items) {
    const t = items[item.id];
    if (!t) continue;
    out.push(...textProblem(`items.${item.id}.text`, t.text));
    const baseHint = 'hint' in item ? item.hint : undefined;
    if (baseHint !== undefined) out.push(...textProblem(`items.${item.id}.hint`, t.hint));
    else if (t.hint !== undefined) out.push(`items.${item.id}.hint: the standard item has no hint`);
    if (item.kind === 'ladder') out.push(...listProblems(`items.${item.id}.options`, t.options, item.options.length));
    else if (t.options !== undefined) out.push(`items.${item.id}.options: only ladder items have options`);
  }
  return out;
}

function roleProblems(roles: Record<string, unknown>): string[] {
  return [...keyProblems('roles', base.roles.map((r) => r.id), roles), ...Object.entries(roles).flatMap(([id, v]) => textProblem(`roles.${id}`, v))];
}

/** Everything the Easy Read wording lacks or adds. */
function easyReadCompleteness(er: Texts): string[] {
  const e = er as typeof powerSharingV1EasyRead;
  const out = [...keyProblems('(root)', ['intro', 'scale', 'themes', 'items', 'roles'], er), ...textProblem('intro', e.intro)];
  out.push(...listProblems('scale.practice', e.scale?.practice, base.scale.practice.length), ...textProblem('scale.dontKnowLabel', e.scale?.dontKnowLabel));
  out.push(...keyProblems('themes', base.themes.map((t) => t.id), e.themes));
  for (const [id, t] of Object.entries(e.themes ?? {})) {
    out.push(...keyProblems(`themes.${id}`, ['title', 'description'], t), ...textProblem(`themes.${id}.title`, t.title), ...textProblem(`themes.${id}.description`, t.description));
  }
  return [...out, ...itemProblems(e.items ?? {}), ...roleProblems(e.roles ?? {})];
}

/** Everything the Welsh translation lacks or adds. */
function translationCompleteness(cy: Texts): string[] {
  const c = cy as typeof powerSharingV1Welsh;
  const out = [
    ...keyProblems('(root)', ['title', 'intro', 'scale', 'bands', 'ladderGroups', 'themes', 'items', 'roles', 'flags'], cy),
    ...textProblem('title', c.title),
    ...textProblem('intro', c.intro),
    ...listProblems('scale.practice', c.scale?.practice, base.scale.practice.length),
    ...textProblem('scale.dontKnowLabel', c.scale?.dontKnowLabel),
    ...keyProblems('bands', base.bands.map((b) => b.id), c.bands),
    ...Object.entries(c.bands ?? {}).flatMap(([id, v]) => textProblem(`bands.${id}`, v)),
    ...keyProblems('ladderGroups', base.ladderGroups.map((g) => g.id), c.ladderGroups),
    ...Object.entries(c.ladderGroups ?? {}).flatMap(([id, v]) => textProblem(`ladderGroups.${id}`, v)),
    ...keyProblems('themes', base.themes.map((t) => t.id), c.themes),
  ];
  for (const theme of base.themes) {
    const t = (c.themes ?? {})[theme.id as keyof typeof c.themes] as (typeof c.themes)['coproduction'] | undefined;
    if (!t) continue;
    const at = `themes.${theme.id}`;
    out.push(...keyProblems(at, ['title', 'description', 'bandText', 'nextSteps', ...('plainTitle' in theme ? ['plainTitle'] : []), ...('discussionPrompts' in theme ? ['discussionPrompts'] : [])], t));
    out.push(...textProblem(`${at}.title`, t.title), ...textProblem(`${at}.description`, t.description));
    if ('plainTitle' in theme) out.push(...textProblem(`${at}.plainTitle`, t.plainTitle));
    if ('discussionPrompts' in theme) out.push(...listProblems(`${at}.discussionPrompts`, t.discussionPrompts, theme.discussionPrompts.length));
    out.push(...keyProblems(`${at}.bandText`, Object.keys(theme.bandText), t.bandText), ...keyProblems(`${at}.nextSteps`, Object.keys(theme.nextSteps), t.nextSteps));
    for (const [band, text] of Object.entries(t.bandText ?? {})) out.push(...textProblem(`${at}.bandText.${band}`, text));
    for (const [band, steps] of Object.entries(theme.nextSteps)) {
      if (t.nextSteps?.[band as keyof typeof t.nextSteps]) out.push(...listProblems(`${at}.nextSteps.${band}`, t.nextSteps[band as keyof typeof t.nextSteps], steps.length));
    }
  }
  out.push(...itemProblems(c.items ?? {}), ...roleProblems(c.roles ?? {}), ...keyProblems('flags', base.flags.map((f) => f.id), c.flags));
  for (const flag of base.flags) {
    const f = (c.flags ?? {})[flag.id as keyof typeof c.flags] as { title?: string; description?: string; groupALabel?: string; groupBLabel?: string } | undefined;
    if (!f) continue;
    const labels = (['groupALabel', 'groupBLabel'] as const).filter((k) => k in flag);
    out.push(...keyProblems(`flags.${flag.id}`, ['title', 'description', ...labels], f));
    out.push(...textProblem(`flags.${flag.id}.title`, f.title), ...textProblem(`flags.${flag.id}.description`, f.description));
    for (const k of labels) out.push(...textProblem(`flags.${flag.id}.${k}`, f[k]));
  }
  return out;
}

/** Every Easy Read text with where it is, and whether it is read as sentences (or is a label). */
function easyReadTexts(er: typeof powerSharingV1EasyRead): { where: string; text: string; prose: boolean }[] {
  const out = [{ where: 'intro', text: er.intro, prose: true }];
  er.scale.practice.forEach((text, i) => out.push({ where: `scale.practice[${i}]`, text, prose: false }));
  out.push({ where: 'scale.dontKnowLabel', text: er.scale.dontKnowLabel, prose: false });
  for (const [id, t] of Object.entries(er.themes)) {
    out.push({ where: `themes.${id}.title`, text: t.title, prose: false }, { where: `themes.${id}.description`, text: t.description, prose: true });
  }
  for (const [id, it] of Object.entries(er.items) as [string, { text: string; hint?: string; options?: string[] }][]) {
    out.push({ where: `items.${id}.text`, text: it.text, prose: true });
    if (it.hint) out.push({ where: `items.${id}.hint`, text: it.hint, prose: true });
    (it.options ?? []).forEach((text, i) => out.push({ where: `items.${id}.options[${i}]`, text, prose: true }));
  }
  for (const [id, text] of Object.entries(er.roles)) out.push({ where: `roles.${id}`, text, prose: true });
  return out;
}

// Words a reader of Easy Read should not meet: the standard wording's jargon list and the
// questionnaire's own technical terms, which the Easy Read wording says in everyday words.
const HARD_WORDS = [
  /co-?produc/i, /stakeholder/i, /empower/i, /engagement/i, /leverage/i, /paradigm/i, /holistic/i, /facilitat/i,
  /synerg/i, /service user/i, /agenda/i, /outcomes?\b/i, /co-?design/i, /capacity/i, /governance/i, /pathway/i,
  /strategic/i, /deliverable/i, /lived experience/i, /expertise/i, /professional/i, /consult/i, /token/i,
  /reciproc/i, /representa/i, /inclusion/i, /diversity/i, /priorit/i, /commission/i, /ethnic/i, /budget/i, /peer\b/i,
];
const ABBREVIATION = /\b[A-Z]{2,}\b|\b(?:e\.g|i\.e|etc|approx|incl)\b\.?/;

/** Every way the Easy Read wording breaks the readability bound or the plain-words rules. */
function easyReadProblems(er: typeof powerSharingV1EasyRead): string[] {
  const out: string[] = [];
  for (const { where, text, prose } of easyReadTexts(er)) {
    for (const s of sentences(text)) {
      if (words(s).length > MAX_SENTENCE_WORDS) out.push(`${where}: sentence of ${words(s).length} words: "${s}"`);
    }
    if (prose) {
      const ease = readability(text).ease;
      if (!(ease >= MIN_EASE)) out.push(`${where}: Flesch reading ease ${ease.toFixed(1)} is below ${MIN_EASE}: "${text}"`);
    } else if (words(text).length > 8) out.push(`${where}: a label of ${words(text).length} words`);
    for (const hard of HARD_WORDS) if (hard.test(text)) out.push(`${where}: hard word ${hard}: "${text}"`);
    if (ABBREVIATION.test(text)) out.push(`${where}: abbreviation: "${text}"`);
  }
  return out;
}

describe('the Easy Read wording of power-sharing v1', () => {
  const er = powerSharingV1EasyRead;

  it('gives every theme, item (comments too), hint, ladder option and role, and no unknown id', () => {
    expect(easyReadCompleteness(er)).toEqual([]);
  });

  it('is refused, with its path, when a text is missing or an id is unknown', () => {
    const broken = structuredClone(er) as unknown as {
      themes: Record<string, unknown>; items: Record<string, { hint?: string; options?: string[] }>; roles: Record<string, string>;
    };
    delete broken.themes.inclusion;
    delete broken.items['rc-paid'].hint;
    broken.items['cp-last-change'].options!.pop();
    broken.items['cp-topics'].hint = 'A hint the standard item lacks.';
    broken.roles.ghost = 'Someone else';
    expect(easyReadCompleteness(broken as unknown as Texts)).toEqual(
      expect.arrayContaining([
        'themes.inclusion: missing',
        'items.rc-paid.hint: must be a non-empty trimmed text',
        'items.cp-last-change.options: 6 texts, expected 7',
        'items.cp-topics.hint: the standard item has no hint',
        'roles.ghost: unknown id',
      ]),
    );
  });

  it(`keeps every sentence to ${MAX_SENTENCE_WORDS} words, every text at Flesch reading ease ${MIN_EASE} or more, with no hard words or abbreviations`, () => {
    expect(easyReadProblems(er)).toEqual([]);
  });

  it('fails when a long or a hard sentence is put in', () => {
    const long = structuredClone(er);
    long.items['cp-early'].text = 'People who use services are involved before any plans are written down by the staff or by the board.';
    expect(easyReadProblems(long)).toEqual([expect.stringMatching(/^items\.cp-early\.text: sentence of 19 words/)]);
    const hard = structuredClone(er);
    hard.items['ld-lasts'].text = 'Organisational transformation continues irrespective of executive departures.';
    expect(easyReadProblems(hard)).toEqual([expect.stringMatching(/^items\.ld-lasts\.text: Flesch reading ease -?\d+\.\d is below 70/)]);
    const jargon = structuredClone(er);
    jargon.themes.coproduction.description += ' This is co-production.';
    expect(easyReadProblems(jargon)).toEqual([expect.stringMatching(/^themes\.coproduction\.description: hard word/)]);
    const abbreviated = structuredClone(er);
    abbreviated.items['in-costs'].text = 'We pay the costs people have when they take part, e.g. travel.';
    expect(easyReadProblems(abbreviated)).toEqual([expect.stringMatching(/^items\.in-costs\.text: abbreviation/)]);
  });

  it(`is on average at least ${MIN_MEAN_GAIN} points easier to read than the standard wording`, () => {
    const mean = (xs: string[]) => xs.reduce((s, t) => s + readability(t).ease, 0) / xs.length;
    const easy = [er.intro, ...Object.values(er.themes).map((t) => t.description), ...Object.values(er.items).map((i) => i.text)];
    const standard = [base.intro, ...base.themes.map((t) => t.description), ...base.items.map((i) => i.text)];
    expect(mean(easy)).toBeGreaterThanOrEqual(mean(standard) + MIN_MEAN_GAIN);
  });

  it('words every scored item so that agreeing still means more sharing (no negatives)', () => {
    for (const item of base.items.filter((i) => i.kind !== 'comment')) {
      const text = er.items[item.id as keyof typeof er.items].text;
      expect([item.id, text]).toEqual([item.id, expect.not.stringMatching(/\b(not|no|never|nor|without|none|nobody|rarely|seldom|fail\w*|lack\w*)\b|n't|n\u2019t/i)]);
    }
  });

  it('keeps the answer scale in order from least to most, and names the "don\'t know" answer in the welcome text', () => {
    expect(er.scale.practice[0]).toBe('Never');
    expect(er.scale.practice[er.scale.practice.length - 1]).toBe('Always');
    expect(er.intro).toContain(`\u201c${er.scale.dontKnowLabel}\u201d`);
  });

  it('puts the ladder rungs in the standard order: the top rung is leading, the bottom is no part at all', () => {
    for (const id of ['cp-last-change', 'tk-last-decision'] as const) {
      const options = er.items[id].options;
      expect(options[0]).toMatch(/no part/);
      expect(options[options.length - 1]).toMatch(/^They led/);
      expect(new Set(options).size).toBe(options.length);
    }
  });
});

describe('the Welsh translation of power-sharing v1', () => {
  const cy = powerSharingV1Welsh;

  it('translates every text: title, welcome, scale, bands, ladder groups, themes, items, roles and flags, with no unknown id', () => {
    expect(translationCompleteness(cy)).toEqual([]);
  });

  it('is refused, with every missing path, when texts are missing or an id is unknown', () => {
    const broken = structuredClone(cy) as unknown as {
      bands: Record<string, string>; themes: Record<string, { nextSteps: Record<string, string[]>; discussionPrompts?: string[]; plainTitle?: string }>;
      flags: Record<string, { groupALabel?: string }>; items: Record<string, unknown>;
    };
    delete broken.bands.strong;
    broken.themes.tokenism.nextSteps.starting.pop();
    delete broken.themes.purpose.discussionPrompts;
    delete broken.themes.leadership.plainTitle;
    delete broken.flags['seen-differently'].groupALabel;
    broken.items['no-such-item'] = { text: 'Dim' };
    expect(translationCompleteness(broken as unknown as Texts)).toEqual(
      expect.arrayContaining([
        'bands.strong: missing',
        'themes.tokenism.nextSteps.starting: 1 texts, expected 2',
        'themes.purpose.discussionPrompts: missing',
        'themes.leadership.plainTitle: missing',
        'flags.seen-differently.groupALabel: missing',
        'items.no-such-item: unknown id',
      ]),
    );
  });

  it('uses the usual Welsh answer scale and names its "don\'t know" answer in the welcome text', () => {
    expect(cy.scale.practice).toEqual(['Byth', 'Anaml', 'Weithiau', 'Yn aml', 'Bob amser']);
    expect(cy.scale.dontKnowLabel).toBe('Ddim yn gwybod');
    expect(cy.intro).toContain(`\u201c${cy.scale.dontKnowLabel}\u201d`);
  });

  it('leaves no English text untranslated, and ends each text as the English one ends (question, full stop, ellipsis)', () => {
    const pairs: [string, string, string][] = [
      ['title', base.title, cy.title],
      ['intro', base.intro, cy.intro],
      ...base.themes.flatMap((t) => {
        const w = cy.themes[t.id as keyof typeof cy.themes];
        return [
          [`themes.${t.id}.description`, t.description, w.description],
          ...t.discussionPrompts.map((p, i): [string, string, string] => [`themes.${t.id}.discussionPrompts[${i}]`, p, w.discussionPrompts[i]]),
          ...Object.entries(t.bandText).map(([b, text]): [string, string, string] => [`themes.${t.id}.bandText.${b}`, text, w.bandText[b as keyof typeof w.bandText]]),
          ...Object.entries(t.nextSteps).flatMap(([b, steps]) => steps.map((s, i): [string, string, string] => [`themes.${t.id}.nextSteps.${b}[${i}]`, s, w.nextSteps[b as keyof typeof w.nextSteps][i]])),
        ] as [string, string, string][];
      }),
      ...base.items.map((i): [string, string, string] => [`items.${i.id}.text`, i.text, cy.items[i.id as keyof typeof cy.items].text]),
      ...base.flags.map((f): [string, string, string] => [`flags.${f.id}.description`, f.description, cy.flags[f.id as keyof typeof cy.flags].description]),
    ];
    const ending = (s: string) => (/[?.\u2026]$/.exec(s.trim()) ?? [''])[0];
    for (const [where, english, welsh] of pairs) {
      expect([where, welsh === english]).toEqual([where, false]);
      expect([where, ending(welsh)]).toEqual([where, ending(english)]);
    }
  });
});

describe('the Welsh Easy Read wording of power-sharing v1', () => {
  const cyEr = powerSharingV1WelshEasyRead;

  it('gives every theme, item (comments too), hint, ladder option and role, and no unknown id', () => {
    expect(easyReadCompleteness(cyEr as unknown as Texts)).toEqual([]);
  });

  // Flesch reading ease is an English formula (its syllable weights do not carry to Welsh), so the
  // Welsh is held to the sentence bound and to the English Easy Read's shape, text for text.
  it(`keeps every sentence to ${MAX_SENTENCE_WORDS} words and labels to 8, and has as many sentences as the English Easy Read in each text`, () => {
    const welsh = easyReadTexts(cyEr as unknown as typeof powerSharingV1EasyRead);
    const english = new Map(easyReadTexts(powerSharingV1EasyRead).map((t) => [t.where, t.text]));
    const problems: string[] = [];
    for (const { where, text, prose } of welsh) {
      for (const s of sentences(text)) if (words(s).length > MAX_SENTENCE_WORDS) problems.push(`${where}: sentence of ${words(s).length} words: "${s}"`);
      if (!prose && words(text).length > 8) problems.push(`${where}: a label of ${words(text).length} words`);
      if (prose && sentences(text).length !== sentences(english.get(where)!).length) problems.push(`${where}: ${sentences(text).length} sentences, the English Easy Read has ${sentences(english.get(where)!).length}`);
      if (text === english.get(where)) problems.push(`${where}: left in English`);
    }
    expect(problems).toEqual([]);
  });

  it('is not the standard Welsh, keeps the scale in order and names its "don\'t know" answer in the welcome text', () => {
    expect(cyEr.intro).not.toBe(powerSharingV1Welsh.intro);
    expect(cyEr.scale.practice[0]).toBe('Byth');
    expect(cyEr.scale.practice[cyEr.scale.practice.length - 1]).toBe('Bob amser');
    expect(cyEr.intro).toContain(`\u201c${cyEr.scale.dontKnowLabel}\u201d`);
    for (const id of ['cp-last-change', 'tk-last-decision'] as const) {
      expect(cyEr.items[id].options[0]).toMatch(/dim rhan/);
      expect(cyEr.items[id].options[6]).toMatch(/^Nhw wnaeth arwain/);
    }
  });
});

/** Problems of one SVG file: not well formed, scripted, linked to anything outside, or holding text. */
function svgProblems(src: string): string[] {
  const out: string[] = [];
  const token = /<!--[\s\S]*?-->|<(\/?)([A-Za-z][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*="[^"<]*")*)\s*(\/?)>/g;
  const stack: string[] = [];
  let roots = 0;
  let at = 0;
  for (let m = token.exec(src); m; m = token.exec(src)) {
    if (src.slice(at, m.index).trim() !== '') out.push(`text outside a tag at ${at}: "${src.slice(at, m.index).trim().slice(0, 20)}"`);
    at = token.lastIndex;
    const [, close, name, , selfClose] = m;
    if (!name) continue;
    if (close) {
      if (stack.pop() !== name) out.push(`</${name}> closes nothing open`);
    } else {
      if (stack.length === 0) roots += 1;
      if (!selfClose) stack.push(name);
    }
  }
  if (src.slice(at).trim() !== '') out.push('text or a broken tag after the last tag');
  if (stack.length > 0) out.push(`unclosed: ${stack.join(', ')}`);
  if (roots !== 1 || !/^<svg\s/.test(src.trim())) out.push('must be a single <svg> element');
  if (!/^<svg[^>]*\sxmlns="http:\/\/www\.w3\.org\/2000\/svg"/.test(src.trim())) out.push('no SVG namespace');
  if (!/^<svg[^>]*\sviewBox="0 0 \d+ \d+"/.test(src.trim())) out.push('no viewBox');
  if (/<script|<foreignObject|<text|<image|<use\b|<style/i.test(src)) out.push('holds a script, text, a style or a reference');
  if (/\son\w+\s*=|href|url\(|javascript:|data:|@import/i.test(src)) out.push('holds a handler or a link');
  if (Buffer.byteLength(src) > 4096) out.push('larger than 4 KB');
  return out;
}

describe('the theme pictures (public/img/themes)', () => {
  const dir = path.join(__dirname, '..', '..', 'public', 'img', 'themes');

  it('has one picture per theme and no other', () => {
    expect(fs.readdirSync(dir).sort()).toEqual(base.themes.map((t) => `${t.id}.svg`).sort());
  });

  it.each(base.themes.map((t) => [t.id]))('%s.svg is well-formed, small SVG with a viewBox, no script, no text and no link out', (id) => {
    expect(svgProblems(fs.readFileSync(path.join(dir, `${id}.svg`), 'utf8'))).toEqual([]);
  });

  it('the checker finds a script, an outside link, a missing viewBox, text and a broken tag', () => {
    const ok = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>';
    expect(svgProblems(ok)).toEqual([]);
    expect(svgProblems(ok.replace('<rect', '<script>alert(1)</script><rect'))).not.toEqual([]);
    expect(svgProblems(ok.replace('<rect', '<image href="https://example.org/a.png"/><rect'))).not.toEqual([]);
    expect(svgProblems(ok.replace(' viewBox="0 0 10 10"', ''))).toEqual(['no viewBox']);
    expect(svgProblems(ok.replace('<rect', '<g>Hello<rect').replace('</svg>', '</g></svg>'))).toEqual([expect.stringMatching(/^text outside a tag/)]);
    expect(svgProblems(ok.replace('</svg>', ''))).toEqual(['unclosed: svg']);
    expect(svgProblems(ok.replace('<rect width="10"', '<rect onload="x()" width="10"'))).toEqual(['holds a handler or a link']);
  });
});
