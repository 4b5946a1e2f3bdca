import fc from 'fast-check';
import {
  chooseWording,
  formThemes,
  hasEasyRead,
  languagesOf,
  localise,
  parseQuestionnaire,
  parseThemeAnswers,
  type Answer,
  type Questionnaire,
  type QuestionnaireInput,
} from '../../src/domain/questionnaire';
import { aggregateAnswers, buildGroupResults, mergeGroups, respondentThemeScores } from '../../src/domain/rubric';
import { buildRoundResults } from '../../src/domain/round-results';
import { powerSharingV1 } from '../../src/questionnaires/power-sharing.v1';
import { answersArb, respondentArb } from '../fixtures/mini-answers';
import { miniDefinition } from '../fixtures/mini-questionnaire';
import { easyReadOf, translationOf, withWordings } from '../fixtures/wordings';

const parsed = (def: unknown): Questionnaire => {
  const r = parseQuestionnaire(def);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.questionnaire;
};
const problemsOf = (def: unknown) => {
  const r = parseQuestionnaire(def);
  return r.ok ? [] : r.problems;
};
const paths = (def: unknown) => problemsOf(def).map((p) => p.path);
const q = parsed(withWordings(miniDefinition()));
/** A definition as loose JSON, for breaking one text at a time. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

describe('translations and Easy Read in a definition', () => {
  it('accepts complete wordings and defaults the language to English', () => {
    expect(q.language).toBe('en');
    expect(languagesOf(q)).toEqual(['en', 'cy']);
    expect(hasEasyRead(q, 'en')).toBe(true);
    expect(hasEasyRead(q, 'cy')).toBe(true);
    expect(languagesOf(parsed(miniDefinition()))).toEqual(['en']);
  });

  it('lists every missing text of a translation with its path, and saves nothing', () => {
    const def = withWordings(miniDefinition()) as Loose;
    const cy = def.translations.cy;
    delete cy.intro;
    delete cy.bands.mid;
    delete cy.themes.beta.nextSteps.top;
    delete cy.themes.alpha.bandText.low;
    delete cy.items.a4;
    delete cy.roles.board;
    delete cy.flags.token;
    delete cy.easyRead.items.b2;
    expect(paths(def).sort()).toEqual(
      [
        'translations.cy.intro',
        'translations.cy.bands.mid',
        'translations.cy.themes.beta.nextSteps.top',
        'translations.cy.themes.alpha.bandText.low',
        'translations.cy.items.a4',
        'translations.cy.roles.board',
        'translations.cy.flags.token',
        'translations.cy.easyRead.items.b2',
      ].sort(),
    );
    expect(problemsOf(def).find((p) => p.path === 'translations.cy.items.a4')?.message).toBe('Missing: no text for the item "a4"');
  });

  it('refuses unknown ids, unknown fields, wrong counts and texts the base does not have', () => {
    const def = withWordings(miniDefinition()) as Loose;
    const cy = def.translations.cy;
    cy.items.zz = { text: 'Nothing' };
    cy.themes.alpha.colour = 'red';
    cy.scale.practice.pop();
    cy.items.a3.options = ['only one'];
    cy.items.a1.hint = 'A hint the base lacks';
    cy.items.a1.options = ['x', 'y'];
    cy.themes.beta.nextSteps.low = ['one'];
    cy.themes.alpha.plainTitle = 'Plain';
    def.easyRead.roles.nobody = 'Nobody';
    def.easyRead.scale.practice.push('Extra');
    expect(paths(def).sort()).toEqual(
      [
        'translations.cy.items.zz',
        'translations.cy.themes.alpha.colour',
        'translations.cy.scale.practice',
        'translations.cy.items.a3.options',
        'translations.cy.items.a1.hint',
        'translations.cy.items.a1.options',
        'translations.cy.themes.beta.nextSteps.low',
        'translations.cy.themes.alpha.plainTitle',
        'easyRead.roles.nobody',
        'easyRead.scale.practice',
      ].sort(),
    );
    expect(problemsOf(def).find((p) => p.path === 'translations.cy.scale.practice')?.message).toBe('Give 5 answer labels, one for each in the questionnaire, not 4');
  });

  it('refuses an empty text, a bad language code and a translation into the definition\'s own language', () => {
    const def = withWordings(miniDefinition()) as Loose;
    def.easyRead.items.a1.text = '   ';
    def.translations.Welsh = translationOf(miniDefinition(), 'W');
    def.translations.en = translationOf(miniDefinition(), 'E');
    const problems = problemsOf(def);
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'easyRead.items.a1.text', message: 'Must not be empty' },
        expect.objectContaining({ path: 'translations.Welsh' }),
        { path: 'translations.en', message: 'The questionnaire is already written in "en"' },
      ]),
    );
  });

  it('checks the wordings even when the rest of the definition is broken (one pass, every problem)', () => {
    const def = withWordings(miniDefinition()) as Loose;
    def.version = 'one';
    delete def.translations.cy.roles.lived;
    expect(paths(def)).toEqual(expect.arrayContaining(['version', 'translations.cy.roles.lived']));
  });

  it('refuses a ladder item\'s Easy Read without its options', () => {
    const def = { ...miniDefinition(), easyRead: easyReadOf(miniDefinition()) } as Loose;
    delete def.easyRead.items.a3.options;
    expect(problemsOf(def)).toEqual([{ path: 'easyRead.items.a3.options', message: 'Missing: a ladder item needs its options (one per rung)' }]);
  });
});

describe('localise', () => {
  it('puts the Welsh texts in place and keeps every id, form, range and rule', () => {
    const cy = localise(q, { language: 'cy', easyRead: false });
    expect(cy.language).toBe('cy');
    expect(cy.title).toBe('CY Mini');
    expect(cy.items.find((i) => i.id === 'a3')).toEqual({ id: 'a3', theme: 'alpha', kind: 'ladder', text: 'CY Alpha ladder.', hint: undefined, options: ['CY r0', 'CY r1', 'CY r2', 'CY r3', 'CY r4', 'CY r5', 'CY r6'] });
    expect(cy.bands.map((b) => [b.id, b.label, b.min, b.max])).toEqual([['low', 'CY Low', 0, 24], ['mid', 'CY Mid', 25, 49], ['high', 'CY High', 50, 74], ['top', 'CY Top', 75, 100]]);
    expect(cy.themes[0].nextSteps.low).toEqual(['CY Step one.', 'CY Step two.']);
    expect(cy.flags.map((f) => f.title)).toEqual(['CY Consultation', 'CY Seen differently', 'CY Tokenism risk']);
    expect(cy.forms).toEqual(q.forms);
    expect(cy.translations).toBeUndefined();
    expect(cy.easyRead).toBeUndefined();
  });

  it('gives the Easy Read wording as the respondent\'s title, keeping the report\'s title', () => {
    const er = localise(q, { language: 'en', easyRead: true });
    expect(er.intro).toBe('ER A small questionnaire for tests.');
    expect(er.themes[0]).toMatchObject({ title: 'Alpha', plainTitle: 'ER Alpha', description: 'ER First theme.' });
    expect(er.scale.practice[0]).toBe('ER Never');
    expect(er.roles[0].label).toBe('ER Lived experience');
    const cyEr = localise(q, { language: 'cy', easyRead: true });
    expect(cyEr.themes[1]).toMatchObject({ title: 'CY Beta', plainTitle: 'CY-ER Beta', description: 'CY-ER Second theme.' });
    expect(cyEr.bands[0].label).toBe('CY Low');
  });

  it('refuses a wording the questionnaire does not have', () => {
    expect(() => localise(q, { language: 'fr', easyRead: false })).toThrow(RangeError);
    expect(() => localise(parsed(miniDefinition()), { language: 'en', easyRead: true })).toThrow(RangeError);
  });

  it.each([
    [['cy', 'en'], true, { language: 'cy', easyRead: true }],
    [['fr', 'cy'], false, { language: 'cy', easyRead: false }],
    [['fr'], true, { language: 'en', easyRead: true }],
    [[], false, { language: 'en', easyRead: false }],
  ])('chooses the wording from %j (Easy Read %s)', (languages, easyRead, expected) => {
    expect(chooseWording(q, languages, easyRead)).toEqual(expected);
  });

  it('drops Easy Read in a language that has none', () => {
    const def: QuestionnaireInput = { ...miniDefinition(), translations: { cy: translationOf(miniDefinition(), 'CY', false) } };
    expect(chooseWording(parsed(def), ['cy'], true)).toEqual({ language: 'cy', easyRead: false });
  });
});

// ---------------------------------------------------------------------------------------------
// Answers in any wording score exactly as in the standard one.

const wordingArb = fc.record({ language: fc.constantFrom('en', 'cy'), easyRead: fc.boolean() });

/** What a result says in numbers and ids: every string that is a text of the wording is left out. */
const numbersOf = (results: ReturnType<typeof buildRoundResults>) => ({
  visibility: results.visibility,
  overall: results.overall?.themes.map((t) => ({ id: t.themeId, mean: t.mean, sd: t.sd, n: t.n, ci: t.ci95, items: t.items.map((i) => [i.itemId, i.mean, i.answered, i.dontKnow]) })),
  groups: results.groups.map((g) => [g.roleId, g.result.themes.map((t) => [t.themeId, t.mean, t.n])]),
  flags: results.flags.map((f) => [f.id, f.themeId, f.status]),
});

describe('scoring in every wording', () => {
  it('gives every respondent the same theme scores in Welsh, Easy Read and standard wording', () => {
    fc.assert(
      fc.property(answersArb, wordingArb, fc.constantFrom('full' as const, 'short' as const), (answers, wording, form) => {
        const inForm = Object.fromEntries(Object.entries(answers).filter(([id]) => q.forms[form].includes(id)));
        expect(respondentThemeScores(localise(q, wording), form, inForm)).toEqual(respondentThemeScores(q, form, inForm));
      }),
    );
  });

  it('gives a round of answers given in mixed wordings the same report figures as the standard wording', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(respondentArb, wordingArb), { maxLength: 40 }), fc.integer({ min: 3, max: 6 }), (rows, min) => {
        const respondents = rows.map(([r]) => r);
        const standard = buildRoundResults(q, 'full', aggregateAnswers(q, 'full', respondents), min);
        // Each wording scores its own respondents; the aggregates are merged by ids alone.
        for (const wording of [{ language: 'cy', easyRead: false }, { language: 'en', easyRead: true }, { language: 'cy', easyRead: true }]) {
          const lq = localise(q, wording);
          expect(numbersOf(buildRoundResults(lq, 'full', aggregateAnswers(lq, 'full', respondents), min))).toEqual(numbersOf(standard));
          expect(buildGroupResults(lq, 'full', mergeGroups(...Object.values(aggregateAnswers(lq, 'full', respondents)))).themes.map((t) => t.mean)).toEqual(
            buildGroupResults(q, 'full', mergeGroups(...Object.values(aggregateAnswers(q, 'full', respondents)))).themes.map((t) => t.mean),
          );
        }
      }),
      { numRuns: 50 },
    );
  });

  it('reads the same page body into the same answers in every wording', () => {
    const bodyArb = fc.record({ a1: fc.constantFrom('0', '2', '4', 'dk', ''), a3: fc.constantFrom('0', '6', 'dk', ''), a4: fc.constantFrom('', 'A comment') });
    fc.assert(
      fc.property(bodyArb, wordingArb, (body, wording) => {
        expect(parseThemeAnswers(localise(q, wording), 'full', 'alpha', body)).toEqual(parseThemeAnswers(q, 'full', 'alpha', body));
      }),
    );
  });

  it('keeps the pages of a form the same in every wording', () => {
    const ids = (x: Questionnaire) => formThemes(x, 'full').map((p) => [p.theme.id, p.items.map((i) => i.id)]);
    expect(ids(localise(q, { language: 'cy', easyRead: true }))).toEqual(ids(q));
  });
});

describe('the default questionnaire\'s wordings', () => {
  const builtIn = parsed(powerSharingV1);
  it('offers English and Welsh, each in standard and Easy Read wording', () => {
    expect(languagesOf(builtIn)).toEqual(['en', 'cy']);
    expect(hasEasyRead(builtIn, 'en')).toBe(true);
    expect(hasEasyRead(builtIn, 'cy')).toBe(true);
    expect(chooseWording(builtIn, ['cy'], true)).toEqual({ language: 'cy', easyRead: true });
    const welshEasy = localise(builtIn, { language: 'cy', easyRead: true });
    expect(welshEasy.scale.dontKnowLabel).toBe('Dw i ddim yn gwybod');
    expect(welshEasy.themes[0].plainTitle).toBe("Bod yn rhan o bethau o'r dechrau");
    // The report's theme title stays the Welsh standard one; bands and flags come from the Welsh translation.
    expect(welshEasy.themes[0].title).toBe('Ymgynghori neu gyd-gynhyrchu');
    expect(welshEasy.bands.map((b) => b.label)).toEqual(localise(builtIn, { language: 'cy', easyRead: false }).bands.map((b) => b.label));
  });

  it('scores random answers identically in every wording it has', () => {
    const scored = builtIn.items.filter((i) => i.kind !== 'comment');
    const answers = fc.dictionary(
      fc.constantFrom(...scored.map((i) => i.id)),
      fc.oneof(fc.constant<Answer>({ type: 'dontKnow' }), fc.integer({ min: 0, max: 4 }).map((value): Answer => ({ type: 'choice', value }))),
    );
    const wordings = [{ language: 'cy', easyRead: false }, { language: 'en', easyRead: true }, { language: 'cy', easyRead: true }].map((w) => localise(builtIn, w));
    fc.assert(
      fc.property(answers, (a) => {
        for (const lq of wordings) expect(respondentThemeScores(lq, 'full', a)).toEqual(respondentThemeScores(builtIn, 'full', a));
      }),
    );
  });
});
