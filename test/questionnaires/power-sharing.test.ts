// Holds the default questionnaire to its content rules: plain words, one practice per item, at most
// 25 words, no reverse wording, 4-6 scored items and one comment per theme, ladders in the first two
// themes, a short form of 10-12 items covering every theme, next steps written for each theme.
import { formThemes, parseQuestionnaire, type Questionnaire } from '../../src/domain/questionnaire';
import { BuiltInQuestionnaireError, DEFAULT_QUESTIONNAIRE_ID, loadBuiltInQuestionnaires } from '../../src/questionnaires';
import { powerSharingV1 } from '../../src/questionnaires/power-sharing.v1';

const loaded = loadBuiltInQuestionnaires();
const q: Questionnaire = loaded.find((x) => x.id === DEFAULT_QUESTIONNAIRE_ID)!;
const words = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
const scored = q.items.filter((i) => i.kind !== 'comment');

// Words that a tired or anxious reader should not have to decode.
const JARGON = [
  /co-?produc/i, /stakeholder/i, /empower/i, /engagement/i, /leverage/i, /paradigm/i, /holistic/i, /facilitat/i,
  /synerg/i, /service user/i, /agenda/i, /outcomes?\b/i, /co-?design/i, /capacity/i, /governance/i, /pathway/i,
  /\bKPI/i, /strategic/i, /deliverable/i, /\bi\.e\.|\be\.g\./i,
];

describe('the built-in questionnaires', () => {
  it('load and validate, with the default first among them', () => {
    expect(loaded.map((x) => `${x.id}@${x.version}`)).toEqual(['power-sharing@1']);
    expect(q.title).toBe('Power-sharing self-assessment');
    expect(q.version).toBe(1);
  });

  it('stop start-up with every problem listed when a built-in is broken', () => {
    const broken = structuredClone(powerSharingV1) as unknown as { items: { theme: string }[]; forms: { short: string[] } };
    broken.items[0].theme = 'nowhere';
    broken.forms.short.push('ghost');
    let error: unknown;
    try {
      loadBuiltInQuestionnaires([broken]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BuiltInQuestionnaireError);
    const e = error as BuiltInQuestionnaireError;
    expect(e.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['items[0].theme', 'forms.short[12]']));
    expect(e.message).toMatch(/power-sharing v1: items\[0\]\.theme: There is no theme "nowhere"/);
    expect(e.message).toMatch(/forms\.short\[12\]/);
  });

  it('refuse two built-ins with the same id and version', () => {
    expect(() => loadBuiltInQuestionnaires([powerSharingV1, powerSharingV1])).toThrow(BuiltInQuestionnaireError);
  });
});

describe('Power-sharing self-assessment v1: structure', () => {
  it('has the eight themes, the product owner\'s four among them', () => {
    expect(q.themes.map((t) => t.id)).toEqual([
      'coproduction', 'tokenism', 'leadership', 'reciprocity', 'power-risk', 'inclusion', 'lived-expertise', 'purpose',
    ]);
    expect(q.themes.map((t) => t.title)).toEqual(
      expect.arrayContaining(['Consultation or co-production', 'Tokenism and representation', 'Heroic or shared leadership', 'Reciprocity']),
    );
  });

  it.each(q.themes.map((t) => [t.id]))('theme %s has 4 to 6 scored items and one comment', (themeId) => {
    const items = q.items.filter((i) => i.theme === themeId);
    const n = items.filter((i) => i.kind !== 'comment').length;
    expect(n).toBeGreaterThanOrEqual(4);
    expect(n).toBeLessThanOrEqual(6);
    const comments = items.filter((i) => i.kind === 'comment');
    expect(comments).toHaveLength(1);
    expect(comments[0].text).toBe("Anything to add about this theme? Please don't name anyone.");
  });

  it('has a ladder item in each of the first two themes, with the seven rungs', () => {
    for (const themeId of ['coproduction', 'tokenism']) {
      const ladders = q.items.filter((i) => i.theme === themeId && i.kind === 'ladder');
      expect(ladders.length).toBeGreaterThanOrEqual(1);
      for (const l of ladders) if (l.kind === 'ladder') expect(l.options).toHaveLength(7);
    }
    const first = q.items.find((i) => i.id === 'cp-last-change');
    expect(first?.kind === 'ladder' && first.options[2]).toBe('Asked for comments on a finished plan');
  });

  it('uses Never..Always with "Don\'t know"', () => {
    expect(q.scale.practice).toEqual(['Never', 'Rarely', 'Sometimes', 'Often', 'Always']);
    expect(q.scale.dontKnowLabel).toBe("Don't know");
  });

  it('groups the ladder into doing to, for and with', () => {
    expect(q.ladderGroups.map((g) => [g.label, g.minRung, g.maxRung])).toEqual([
      ['Doing to', 0, 1],
      ['Doing for', 2, 3],
      ['Doing with', 4, 6],
    ]);
  });

  it('has the default bands', () => {
    expect(q.bands.map((b) => [b.min, b.max, b.label])).toEqual([
      [0, 24, 'Not there yet'],
      [25, 49, 'Starting out'],
      [50, 74, 'On the way'],
      [75, 100, 'Going strong'],
    ]);
  });

  it('offers the default roles', () => {
    expect(q.roles.map((r) => r.id)).toEqual(['lived', 'carer', 'staff', 'leader', 'board', 'partner', 'unsaid']);
  });

  it('puts every item in the full form, in theme order', () => {
    expect(q.forms.full).toEqual(q.themes.flatMap((t) => q.items.filter((i) => i.theme === t.id).map((i) => i.id)));
  });

  it('has a short form of 10 to 12 scored items covering every theme, with both ladders', () => {
    const short = q.forms.short.map((id) => q.items.find((i) => i.id === id)!);
    expect(short.length).toBeGreaterThanOrEqual(10);
    expect(short.length).toBeLessThanOrEqual(12);
    expect(short.every((i) => i.kind !== 'comment')).toBe(true);
    expect(formThemes(q, 'short').map((t) => t.theme.id)).toEqual(q.themes.map((t) => t.id));
    expect(q.forms.short).toEqual(expect.arrayContaining(['cp-last-change', 'tk-last-decision']));
  });

  it('declares the three flags as data', () => {
    expect(q.flags.map((f) => [f.id, f.kind])).toEqual([
      ['consultation-not-coproduction', 'ladderAtMost'],
      ['seen-differently', 'gap'],
      ['tokenism-risk', 'ladderMismatch'],
    ]);
    const [consult, gap, token] = q.flags;
    expect(consult).toMatchObject({ item: 'cp-last-change', maxRung: 2, share: 0.5 });
    expect(gap).toMatchObject({ themes: 'all', groupA: ['lived', 'carer'], groupB: ['staff', 'leader', 'board'], threshold: 15 });
    expect(token).toMatchObject({ groupA: ['staff', 'leader'], groupAAtLeast: 'with', groupB: ['lived'], groupBAtMost: 'for' });
  });

  it('keeps item ids short, readable and prefixed by theme', () => {
    const prefix: Record<string, string> = {
      coproduction: 'cp-', tokenism: 'tk-', leadership: 'ld-', reciprocity: 'rc-', 'power-risk': 'pr-', inclusion: 'in-', 'lived-expertise': 'le-', purpose: 'hp-',
    };
    for (const i of q.items) {
      if (i.kind === 'comment') expect(i.id).toBe(`${i.theme}-comment`);
      else expect(i.id.startsWith(prefix[i.theme])).toBe(true);
      expect(i.id.length).toBeLessThanOrEqual(24);
    }
  });
});

describe('Power-sharing self-assessment v1: wording', () => {
  it.each(q.items.map((i) => [i.id, i.text]))('%s has at most 25 words', (_id, text) => {
    expect(words(text).length).toBeLessThanOrEqual(25);
  });

  it.each(scored.map((i) => [i.id, i.text]))('%s names one practice (no "and"/"or" joining two)', (_id, text) => {
    expect(text).not.toMatch(/\b(and|or|as well as|along with)\b|&|\//i);
  });

  it.each(scored.map((i) => [i.id, i.text]))('%s is worded so that more sharing scores higher (no negatives)', (_id, text) => {
    expect(text).not.toMatch(/\b(not|no|never|nor|without|none|nobody|rarely|seldom|fail\w*|lack\w*|only)\b|n't|\bun[a-z]{3,}/i);
  });

  it.each(q.items.map((i) => [i.id, i.text]))('%s uses plain words, no jargon', (_id, text) => {
    for (const j of JARGON) expect(text).not.toMatch(j);
    // Long words slow a tired reader; allow the few the subject needs.
    const long = words(text).map((w) => w.replace(/[^\p{L}-]/gu, '')).filter((w) => w.length > 12);
    expect(long.filter((w) => !['organisation', 'organisations', 'professionals'].includes(w))).toEqual([]);
  });

  it.each(q.items.filter((i) => i.hint).map((i) => [i.id, i.hint!]))('the hint of %s is short and plain', (_id, hint) => {
    expect(words(hint).length).toBeLessThanOrEqual(25);
    for (const j of JARGON) expect(hint).not.toMatch(j);
  });

  it('speaks with one voice: "this organisation" and "people who use services", never "we" or "you"', () => {
    for (const i of scored) expect(i.text).not.toMatch(/\b(we|our|us|you|your)\b/i);
  });

  it('has ladder options of at most 12 words, each different', () => {
    for (const i of q.items) {
      if (i.kind !== 'ladder') continue;
      for (const o of i.options) expect(words(o).length).toBeLessThanOrEqual(12);
      expect(new Set(i.options).size).toBe(i.options.length);
    }
  });

  it('has no two items with the same text', () => {
    const texts = scored.map((i) => i.text.toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
  });
});

describe('Power-sharing self-assessment v1: band texts and next steps', () => {
  it.each(q.themes.map((t) => [t.id]))('theme %s has its own text and 2-3 next steps for every band', (themeId) => {
    const t = q.themes.find((x) => x.id === themeId)!;
    for (const b of q.bands) {
      expect(words(t.bandText[b.id]).length).toBeGreaterThanOrEqual(8);
      expect(words(t.bandText[b.id]).length).toBeLessThanOrEqual(40);
      expect(t.nextSteps[b.id].length).toBeGreaterThanOrEqual(2);
      expect(t.nextSteps[b.id].length).toBeLessThanOrEqual(3);
      for (const step of t.nextSteps[b.id]) {
        expect(words(step).length).toBeGreaterThanOrEqual(6);
        expect(words(step).length).toBeLessThanOrEqual(30);
        expect(step).toMatch(/\.$/);
      }
    }
  });

  it('writes every band text and next step for one theme only (no copy-paste across themes)', () => {
    const seen = new Map<string, string>();
    for (const t of q.themes) {
      for (const text of [...Object.values(t.bandText), ...Object.values(t.nextSteps).flat()]) {
        expect({ text, alsoIn: seen.get(text) }).toEqual({ text, alsoIn: undefined });
        seen.set(text, t.id);
      }
    }
  });

  it('is valid when parsed again from JSON (as an export/import round trip)', () => {
    const r = parseQuestionnaire(JSON.parse(JSON.stringify(q)));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.questionnaire).toEqual(q);
  });
});

describe('discussion prompts for workshops', () => {
  it('every theme of the default questionnaire has one or two short questions for the room', () => {
    for (const theme of q.themes) {
      const prompts = theme.discussionPrompts ?? [];
      expect([theme.id, prompts.length >= 1 && prompts.length <= 2]).toEqual([theme.id, true]);
      for (const p of prompts) {
        expect(p.trim().endsWith('?')).toBe(true);
        expect(words(p).length).toBeLessThanOrEqual(30);
      }
    }
  });

  it('are optional (older and imported definitions still validate) and limited to two per theme', () => {
    const without = structuredClone(powerSharingV1) as unknown as {
      themes: { discussionPrompts?: string[] }[];
      translations: Record<string, { themes: Record<string, { discussionPrompts?: string[] }> }>;
    };
    for (const t of without.themes) delete t.discussionPrompts;
    // A translation has prompts exactly where the base has them (questionnaire-texts.ts).
    for (const tr of Object.values(without.translations)) for (const t of Object.values(tr.themes)) delete t.discussionPrompts;
    expect(parseQuestionnaire(without).ok).toBe(true);
    const three = structuredClone(powerSharingV1) as unknown as { themes: { discussionPrompts?: string[] }[] };
    three.themes[2].discussionPrompts = ['One?', 'Two?', 'Three?'];
    const parsed = parseQuestionnaire(three);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(JSON.stringify(parsed.problems)).toContain("discussionPrompts");
    const empty = structuredClone(powerSharingV1) as unknown as { themes: { discussionPrompts?: string[] }[] };
    empty.themes[0].discussionPrompts = [];
    expect(parseQuestionnaire(empty).ok).toBe(false);
  });
});
