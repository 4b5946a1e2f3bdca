import fc from 'fast-check';
import {
  answersSchema,
  formatPath,
  formThemes,
  itemOptions,
  mergeThemeAnswers,
  normaliseComment,
  parseQuestionnaire,
  parseThemeAnswers,
  questionnaireSchema,
  themeAnswersSchema,
  type QuestionnaireInput,
} from '../../src/domain/questionnaire';
import { miniDefinition, miniQuestionnaire } from '../fixtures/mini-questionnaire';

type Def = QuestionnaireInput & Record<string, unknown>;
// Tests break definitions in ways the types forbid; work on a loose copy.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
const broken = (change: (d: Loose) => void): unknown => {
  const d = structuredClone(miniDefinition()) as Def;
  change(d);
  return d;
};

describe('questionnaire definition', () => {
  it('accepts the fixture and fills defaults', () => {
    const d = miniDefinition() as Loose;
    delete d.commentMaxLength;
    delete d.flags;
    const r = parseQuestionnaire(d);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.questionnaire.commentMaxLength).toBe(1000);
      expect(r.questionnaire.flags).toEqual([]);
    }
  });

  it('parse() of the schema enforces the cross-field rules too', () => {
    expect(() => questionnaireSchema.parse(broken((d) => (d.items[0].theme = 'nope')))).toThrow(/There is no theme/);
  });

  it.each<[string, (d: Loose) => void, string, RegExp]>([
    ['a duplicate item id', (d) => (d.items[1].id = 'a1'), 'items[1].id', /already used by items\[0\]/],
    ['a duplicate theme id', (d) => (d.themes[1].id = 'alpha'), 'themes[1].id', /already used/],
    ['an item in a missing theme', (d) => (d.items[4].theme = 'delta'), 'items[4].theme', /no theme "delta"/],
    ['a form listing a missing item', (d) => d.forms.short.push('zz'), 'forms.short[3]', /no item "zz"/],
    ['an item listed twice in a form', (d) => d.forms.full.push('a1'), 'forms.full[7]', /listed twice/],
    ['a short-form item missing from the full form', (d) => (d.forms.full = d.forms.full.filter((i: string) => i !== 'b1')), 'forms.short[2]', /not in the full form/],
    ['a form of comments only', (d) => (d.forms.short = ['a4']), 'forms.short', /at least one practice or ladder item/],
    ['a gap between bands', (d) => (d.bands[1].min = 26), 'bands[1].min', /Gap: nothing covers 25 to 25/],
    ['overlapping bands', (d) => (d.bands[2].min = 45), 'bands[2].min', /Overlap/],
    ['bands that stop short of 100', (d) => (d.bands[3].max = 99), 'bands[3].max', /must end at 100/],
    ['bands that do not start at 0', (d) => (d.bands[0].min = 1), 'bands[0].min', /Gap: nothing covers 0 to 0/],
    ['a band upside down', (d) => (d.bands[3].max = 70), 'bands[3].max', /below min/],
    ['a band beyond 100', (d) => (d.bands[3].max = 101), 'bands[3].max', /100/],
    ['a fractional band edge', (d) => (d.bands[0].max = 24.5), 'bands[0].max', /whole number/],
    ['ladder groups with a gap', (d) => (d.ladderGroups[2].minRung = 5), 'ladderGroups[2].minRung', /Gap/],
    ['a ladder item with too few options', (d) => d.items[2].options.pop(), 'items[2].options', /7 options \(rungs 0 to 6\), not 6/],
    ['band text missing a band', (d) => delete d.themes[0].bandText.top, 'themes[0].bandText.top', /Missing for band "top"/],
    ['next steps for an unknown band', (d) => (d.themes[1].nextSteps.extra = ['a', 'b']), 'themes[1].nextSteps.extra', /no band "extra"/],
    ['only one next step', (d) => (d.themes[0].nextSteps.low = ['Only one.']), 'themes[0].nextSteps.low', /2 or 3/],
    ['four next steps', (d) => (d.themes[0].nextSteps.low = ['1', '2', '3', '4']), 'themes[0].nextSteps.low', /2 or 3/],
    ['an unknown item kind', (d) => (d.items[0].kind = 'slider'), 'items[0].kind', /kind must be/],
    ['an unknown field', (d) => (d.items[0].colour = 'red'), 'items[0].colour', /Unknown field/],
    ['an id with capitals', (d) => (d.items[0].id = 'A1'), 'items[0].id', /lower-case/],
    ['an empty title', (d) => (d.title = '   '), 'title', /empty/],
    ['version 0', (d) => (d.version = 0), 'version', /1/],
    ['a flag naming a missing role', (d) => (d.flags[1].groupA = ['lived', 'ghost']), 'flags[1].groupA[1]', /no role "ghost"/],
    ['a flag on a practice item', (d) => (d.flags[0].item = 'a1'), 'flags[0].item', /not a ladder item/],
    ['a flag on a missing item', (d) => (d.flags[2].item = 'zz'), 'flags[2].item', /no item "zz"/],
    ['a flag naming a missing ladder group', (d) => (d.flags[2].groupBAtMost = 'beside'), 'flags[2].groupBAtMost', /no ladder group "beside"/],
    ['a flag rung above the ladder', (d) => (d.flags[0].maxRung = 7), 'flags[0].maxRung', /rungs 0 to 6/],
    ['a role on both sides of a gap', (d) => (d.flags[1].groupB = ['staff', 'lived']), 'flags[1].groupB[1]', /both sides/],
    ['a gap flag on a missing theme', (d) => (d.flags[1].themes = ['alpha', 'omega']), 'flags[1].themes[1]', /no theme "omega"/],
    ['a share of 1', (d) => (d.flags[0].share = 1), 'flags[0].share', /less than 1/],
    ['a duplicate role', (d) => d.roles.push({ id: 'staff', label: 'Again' }), 'roles[5].id', /already used/],
  ])('reports %s at its path', (_name, change, path, message) => {
    const r = parseQuestionnaire(broken(change));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const problem = r.problems.find((p) => p.path === path);
      expect({ found: problem?.path, all: r.problems }).toMatchObject({ found: path });
      expect(problem!.message).toMatch(message);
    }
  });

  it('reports every problem at once, structural and cross-field together', () => {
    const r = parseQuestionnaire(
      broken((d) => {
        delete d.title; // structural
        d.items[3].text = 42; // structural
        d.items[4].theme = 'delta'; // cross-field
        d.bands[1].min = 30; // cross-field
        d.forms.short.push('zz'); // cross-field
      }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.map((p) => p.path)).toEqual(
        expect.arrayContaining(['title', 'items[3].text', 'items[4].theme', 'bands[1].min', 'forms.short[3]']),
      );
    }
  });

  it('does not pile up reference errors when a whole list is broken', () => {
    const r = parseQuestionnaire(broken((d) => (d.roles = 3)));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual([{ path: 'roles', message: 'Must be a list' }]);
  });

  it('says "Required" for a missing field', () => {
    const r = parseQuestionnaire(broken((d) => delete d.version));
    expect(r).toEqual({ ok: false, problems: [{ path: 'version', message: 'Required' }] });
  });

  it.each([[null], [42], ['text'], [[]]])('reports a definition that is not an object (%p)', (input) => {
    const r = parseQuestionnaire(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].path).toBe('(root)');
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const r = parseQuestionnaire(input);
        expect(r.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    [[], '(root)'],
    [['title'], 'title'],
    [['items', 3, 'theme'], 'items[3].theme'],
    [['themes', 0, 'bandText', 'on-the-way'], 'themes[0].bandText.on-the-way'],
  ])('formatPath(%j) = %p', (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });
});

describe('formThemes', () => {
  const q = miniQuestionnaire();

  it('lists the themes in order with the items of the full form', () => {
    expect(formThemes(q, 'full').map((t) => [t.theme.id, t.items.map((i) => i.id)])).toEqual([
      ['alpha', ['a1', 'a2', 'a3', 'a4']],
      ['beta', ['b1', 'b2']],
      ['gamma', ['g1']],
    ]);
  });

  it('keeps the form order within a theme and drops themes with no items', () => {
    expect(formThemes(q, 'short').map((t) => [t.theme.id, t.items.map((i) => i.id)])).toEqual([
      ['alpha', ['a3', 'a1']],
      ['beta', ['b1']],
    ]);
  });

  it('works a form out once per questionnaire object, frozen, and again for another object', () => {
    const first = formThemes(q, 'full');
    expect(formThemes(q, 'full')).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first[0]) && Object.isFrozen(first[0].items)).toBe(true);
    expect(() => (first as unknown[]).push(1)).toThrow();
    expect(formThemes(q, 'short')).not.toBe(first);
    // A new version of a questionnaire is a new object: its own answer.
    const changed = { ...q, forms: { ...q.forms, full: q.forms.full.slice(0, 2) } };
    expect(formThemes(changed, 'full').map((t) => t.items.map((i) => i.id))).toEqual([['a1', 'a2']]);
  });

  it('gives the options of practice and ladder items', () => {
    const a3 = q.items.find((i) => i.id === 'a3')!;
    const a1 = q.items.find((i) => i.id === 'a1')!;
    if (a3.kind !== 'ladder' || a1.kind !== 'practice') throw new Error('fixture');
    expect(itemOptions(q, a1).map((o) => o.value)).toEqual([0, 1, 2, 3, 4]);
    expect(itemOptions(q, a3)[6]).toEqual({ value: 6, label: 'r6' });
  });
});

describe('parseThemeAnswers', () => {
  const q = miniQuestionnaire(); // commentMaxLength 20

  it.each<[string, Record<string, unknown> | undefined, Record<string, unknown>]>([
    ['practice choices', { a1: '0', a2: '4' }, { a1: { type: 'choice', value: 0 }, a2: { type: 'choice', value: 4 } }],
    ['ladder rungs up to 6', { a3: '6' }, { a3: { type: 'choice', value: 6 } }],
    ["Don't know", { a1: 'dk', a3: 'dk' }, { a1: { type: 'dontKnow' }, a3: { type: 'dontKnow' } }],
    ['blank means unanswered', { a1: '', a2: '  ', a4: '' }, {}],
    ['a missing body', undefined, {}],
    ['control fields are ignored', { _csrf: 'token', _action: 'next', a1: '2' }, { a1: { type: 'choice', value: 2 } }],
    ['a comment, trimmed', { a4: '  Good work.  ' }, { a4: { type: 'text', text: 'Good work.' } }],
    ['a comment of exactly the limit', { a4: 'x'.repeat(20) }, { a4: { type: 'text', text: 'x'.repeat(20) } }],
    ['CRLF counts as one character, as in the browser', { a4: `${'x'.repeat(9)}\r\n${'y'.repeat(10)}` }, { a4: { type: 'text', text: `${'x'.repeat(9)}\n${'y'.repeat(10)}` } }],
  ])('accepts %s', (_name, body, expected) => {
    expect(parseThemeAnswers(q, 'full', 'alpha', body)).toEqual({ ok: true, answers: expected });
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['a practice value above the scale', { a1: '5' }, 'a1', /Choose one of the options for “Alpha one\.”/],
    ['a ladder value above the ladder', { a3: '7' }, 'a3', /Choose one of the options/],
    ['a negative value', { a1: '-1' }, 'a1', /Choose one of the options/],
    ['a fractional value', { a2: '2.5' }, 'a2', /Choose one of the options/],
    ['a word', { a2: 'often' }, 'a2', /Choose one of the options/],
    ['a leading zero', { a2: '03' }, 'a2', /Choose one of the options/],
    ['a repeated field', { a1: ['1', '2'] }, 'a1', /Choose only one answer/],
    ['a repeated comment', { a4: ['a', 'b'] }, 'a4', /sent more than once/],
    ['an object', { a1: { x: '1' } }, 'a1', /could not be read/],
    ['a comment over the limit', { a4: 'x'.repeat(21) }, 'a4', /21 characters long\. Please keep it to 20 characters or fewer/],
    ['an item of another theme', { b1: '2' }, 'b1', /not a question on this page/],
    ['an unknown field', { hack: '1' }, 'hack', /not a question on this page/],
  ])('refuses %s', (_name, body, field, message) => {
    const r = parseThemeAnswers(q, 'full', 'alpha', body);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0].field).toBe(field);
      expect(r.errors[0].message).toMatch(message);
    }
  });

  it('refuses an item that is in the theme but not in the form', () => {
    const r = parseThemeAnswers(q, 'short', 'alpha', { a2: '1' });
    expect(r).toEqual({ ok: false, errors: [{ field: 'a2', message: expect.stringMatching(/not a question on this page/), reason: 'notOnPage' }] });
  });

  it('reports every error on the page', () => {
    const r = parseThemeAnswers(q, 'full', 'alpha', { a1: '9', a2: ['1', '1'], a4: 'x'.repeat(50), zz: '1' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field).sort()).toEqual(['a1', 'a2', 'a4', 'zz']);
  });

  it('refuses a theme with no items in the form (a programming error)', () => {
    expect(() => themeAnswersSchema(q, 'short', 'gamma')).toThrow(RangeError);
    expect(() => themeAnswersSchema(q, 'full', 'nope')).toThrow(RangeError);
  });

  it('never throws and never accepts a value out of range, whatever the body', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('a1', 'a2', 'a3', 'a4', '_csrf', 'b1'), fc.oneof(fc.string(), fc.array(fc.string()))), (body) => {
        const r = parseThemeAnswers(q, 'full', 'alpha', body);
        if (r.ok) {
          for (const [id, a] of Object.entries(r.answers)) {
            if (a.type === 'choice') expect(a.value).toBeLessThanOrEqual(id === 'a3' ? 6 : 4);
            if (a.type === 'text') expect(a.text.length).toBeLessThanOrEqual(20);
          }
        }
      }),
    );
  });
});

describe('answersSchema', () => {
  const q = miniQuestionnaire();

  it('accepts a whole draft of the form', () => {
    const draft = { a1: { type: 'choice', value: 4 }, a3: { type: 'dontKnow' }, a4: { type: 'text', text: ' ok ' }, g1: { type: 'choice', value: 0 } };
    expect(answersSchema(q, 'full').parse(draft)).toEqual({ ...draft, a4: { type: 'text', text: 'ok' } });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an item outside the form', { a2: { type: 'choice', value: 1 } }, 'a2'],
    ['a choice out of range', { a3: { type: 'choice', value: 7 } }, 'a3'],
    ['text for a practice item', { a1: { type: 'text', text: 'hi' } }, 'a1'],
    ["Don't know for a comment", { a4: { type: 'dontKnow' } }, 'a4'],
    ['an empty comment', { a4: { type: 'text', text: '  ' } }, 'a4'],
    ['a comment too long', { a4: { type: 'text', text: 'x'.repeat(21) } }, 'a4'],
    ['a malformed answer', { a1: { type: 'choice', value: 1.5 } }, 'a1'],
  ])('refuses %s', (_name, draft, path) => {
    const r = answersSchema(q, 'short').safeParse(draft);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0].path[0]).toBe(path);
  });
});

describe('mergeThemeAnswers', () => {
  const q = miniQuestionnaire();
  it("replaces one theme's answers and keeps the others", () => {
    const draft = { a1: { type: 'choice', value: 1 }, a2: { type: 'dontKnow' }, b1: { type: 'choice', value: 3 } } as const;
    const merged = mergeThemeAnswers(q, 'full', 'alpha', { ...draft }, { a1: { type: 'choice', value: 4 } });
    expect(merged).toEqual({ a1: { type: 'choice', value: 4 }, b1: { type: 'choice', value: 3 } });
  });
});

describe('normaliseComment', () => {
  it.each([
    ['  a  ', 'a'],
    ['a\r\nb', 'a\nb'],
    ['a\rb', 'a\nb'],
    ['a\u0000b\u0007', 'ab'],
    ['tab\there', 'tab\there'],
  ])('%j -> %j', (input, expected) => expect(normaliseComment(input)).toBe(expected));
});
