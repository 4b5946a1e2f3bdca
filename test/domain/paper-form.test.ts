import fc from 'fast-check';
import { answerWayCounts, CHANNELS } from '../../src/domain/answer-ways';
import { parsePaperForm } from '../../src/domain/paper-form';
import { parseThemeAnswers } from '../../src/domain/questionnaire';
import { respondentThemeScores } from '../../src/domain/rubric';
import { miniQuestionnaire } from '../fixtures/mini-questionnaire';

const q = miniQuestionnaire();
const ROLES = ['lived', 'staff'];

describe('parsePaperForm', () => {
  it('reads a whole form on one page: role, choices, "Don\'t know", comments; blanks are unanswered', () => {
    const r = parsePaperForm(q, 'full', ROLES, { _csrf: 't', role: 'staff', a1: '4', a2: '', a3: 'dk', a4: '  Good.  ', b1: '0', g1: 'dk' });
    expect(r).toEqual({
      ok: true,
      form: { role: 'staff', answers: { a1: { type: 'choice', value: 4 }, a3: { type: 'dontKnow' }, a4: { type: 'text', text: 'Good.' }, b1: { type: 'choice', value: 0 }, g1: { type: 'dontKnow' } } },
    });
    // Scored like the online pages: alpha = mean(100) = 100 (a3 is "don't know"), beta = 0, gamma unscored.
    if (r.ok) expect(respondentThemeScores(q, 'full', r.form.answers)).toEqual({ alpha: 100, beta: 0, gamma: null });
  });

  it.each([
    ['no role', { a1: '1' }, ['role']],
    ['a role the round does not offer', { role: 'board', a1: '1' }, ['role']],
    ['an option out of range', { role: 'staff', a1: '5' }, ['a1']],
    ['a ladder rung out of range', { role: 'staff', a3: '7' }, ['a3']],
    ['two ticks sent', { role: 'staff', b1: ['1', '2'] }, ['b1']],
    ['a question of another form', { role: 'staff', a1: '1', zz: '1' }, ['']],
    ['a comment too long', { role: 'staff', a4: 'x'.repeat(21) }, ['a4']],
    ['nothing keyed at all', { role: 'staff', a1: '', a4: '   ' }, ['a1']],
    ['an item not in the short form', { role: 'staff', a3: '1', g1: '1' }, ['']],
  ])('refuses %s, naming the field', (_label, body, fields) => {
    const form = _label === 'an item not in the short form' ? 'short' : 'full';
    const r = parsePaperForm(q, form, ROLES, body);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toEqual(fields);
  });

  it('reads a body that is not an object as an empty form (every error, no throw)', () => {
    for (const body of [undefined, null, 'x', ['a']]) {
      const r = parsePaperForm(q, 'full', ROLES, body);
      expect(r.ok).toBe(false);
    }
  });

  it('property: a paper form gives exactly the answers the online pages give for the same fields', () => {
    const value = fc.constantFrom('', '0', '1', '2', '3', '4', 'dk');
    fc.assert(
      fc.property(fc.record({ a1: value, a2: value, b1: value, b2: value, g1: value, a3: fc.constantFrom('', '0', '3', '6', 'dk') }), (fields) => {
        const paper = parsePaperForm(q, 'full', ROLES, { role: 'lived', ...fields });
        const online = {
          ...(parseThemeAnswers(q, 'full', 'alpha', { a1: fields.a1, a2: fields.a2, a3: fields.a3 }) as { answers: object }).answers,
          ...(parseThemeAnswers(q, 'full', 'beta', { b1: fields.b1, b2: fields.b2 }) as { answers: object }).answers,
          ...(parseThemeAnswers(q, 'full', 'gamma', { g1: fields.g1 }) as { answers: object }).answers,
        };
        if (Object.keys(online).length === 0) expect(paper.ok).toBe(false);
        else expect(paper).toEqual({ ok: true, form: { role: 'lived', answers: online } });
      }),
    );
  });
});

describe('answerWayCounts', () => {
  it.each([
    // online, paper, assisted, k -> what may be shown
    [{ online: 20, paper: 6, assisted: 5 }, 5, ['20', '6', '5']],
    [{ online: 20, paper: 0, assisted: 0 }, 5, ['20', '<k', '<k']],
    // 20 shown would give 2 away; and "fewer than 5" beside a withheld count would narrow it down.
    [{ online: 20, paper: 2 }, 5, ['not shown', 'not shown', 'not shown']],
    [{ online: 20, paper: 6, assisted: 2 }, 5, ['20', 'not shown', 'not shown']], // the smaller of the others goes
    [{ online: 5, paper: 1 }, 5, ['not shown', 'not shown', 'not shown']], // total 6: nothing says the 1
    [{ online: 3, paper: 1 }, 5, ['<k', '<k', '<k']], // fewer than 5 in all
    [{ online: 9, paper: 3, assisted: 3 }, 3, ['9', '3', '3']],
    [{}, 5, ['<k', '<k', '<k']],
  ])('%j with k = %i', (counts, k, expected) => {
    const text = answerWayCounts(counts, k).map((c) => (c.shown ? String(c.n) : c.label === 'fewerThan' ? '<k' : 'not shown'));
    expect(text).toEqual(expected);
  });

  it('property: no exact count under k is shown; the total minus the shown counts is 0 or at least k (a total under k shows nothing)', () => {
    fc.assert(
      fc.property(fc.nat(40), fc.nat(40), fc.nat(40), fc.integer({ min: 3, max: 10 }), (online, paper, assisted, k) => {
        const all = { online, paper, assisted };
        const out = answerWayCounts(all, k);
        expect(out.map((c) => c.channel)).toEqual([...CHANNELS]);
        const shown = out.filter((c) => c.shown);
        for (const c of shown) expect(c.shown && c.n).toBeGreaterThanOrEqual(k);
        const rest = online + paper + assisted - shown.reduce((s, c) => s + (c.shown ? c.n : 0), 0);
        if (online + paper + assisted < k) expect(shown).toEqual([]);
        else expect(rest === 0 || rest >= k).toBe(true);
        // "fewer than k" is only said when true.
        for (const c of out) if (!c.shown && c.label === 'fewerThan') expect(all[c.channel]).toBeLessThan(k);
        // Never "fewer than k" beside a withheld count.
        const labels = new Set(out.map((c) => (c.shown ? 'n' : c.label)));
        expect(labels.has('fewerThan') && labels.has('notShown')).toBe(false);
      }),
    );
  });
});
