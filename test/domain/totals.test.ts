import fc from 'fast-check';
import { totalsOf, type ResponseForTotals } from '../../src/domain/totals';

describe('totalsOf', () => {
  it('adds up a batch by round, role, theme and option (hand-computed)', () => {
    const batch: ResponseForTotals[] = [
      { roundId: 1, role: 'staff', answers: [{ itemId: 'a', value: 3 }, { itemId: 'b', value: null }], themeScores: [{ themeId: 't', score: 75 }] },
      { roundId: 1, role: 'staff', answers: [{ itemId: 'a', value: 3 }], themeScores: [{ themeId: 't', score: 25 }] },
      { roundId: 1, role: 'lived', answers: [{ itemId: 'a', value: 0 }], themeScores: [{ themeId: 't', score: 0 }] },
      { roundId: 2, role: 'staff', answers: [], themeScores: [], channel: 'paper', language: 'cy', easyRead: true },
    ];
    const t = totalsOf(batch);
    expect(t.roles).toEqual([
      { roundId: 1, role: 'staff', respondents: 2 },
      { roundId: 1, role: 'lived', respondents: 1 },
      { roundId: 2, role: 'staff', respondents: 1 },
    ]);
    // staff: 75 + 25 = 100; 75² + 25² = 5625 + 625 = 6250.
    expect(t.themes).toEqual([
      { roundId: 1, role: 'staff', themeId: 't', n: 2, sum: 100, sumSq: 6250 },
      { roundId: 1, role: 'lived', themeId: 't', n: 1, sum: 0, sumSq: 0 },
    ]);
    expect(t.items).toEqual([
      { roundId: 1, role: 'staff', itemId: 'a', value: 3, n: 2 },
      { roundId: 1, role: 'staff', itemId: 'b', value: null, n: 1 },
      { roundId: 1, role: 'lived', itemId: 'a', value: 0, n: 1 },
    ]);
    // Without a channel or wording a response counts as online, English, standard (older bodies).
    expect(t.channels).toEqual([{ roundId: 1, channel: 'online', n: 3 }, { roundId: 2, channel: 'paper', n: 1 }]);
    expect(t.wordings).toEqual([{ roundId: 1, language: 'en', easyRead: false, n: 3 }, { roundId: 2, language: 'cy', easyRead: true, n: 1 }]);
  });

  it('gives nothing for no responses', () => {
    expect(totalsOf([])).toEqual({ roles: [], themes: [], items: [], channels: [], wordings: [] });
  });

  const response = fc.record({
    roundId: fc.integer({ min: 1, max: 3 }),
    role: fc.constantFrom('staff', 'lived', 'board'),
    answers: fc.uniqueArray(fc.record({ itemId: fc.constantFrom('a', 'b', 'c'), value: fc.option(fc.integer({ min: 0, max: 6 })) }), { selector: (a) => a.itemId }),
    themeScores: fc.uniqueArray(fc.record({ themeId: fc.constantFrom('t', 'u'), score: fc.integer({ min: 0, max: 100 }) }), { selector: (s) => s.themeId }),
  });
  const byKey = (t: ReturnType<typeof totalsOf>) => ({
    roles: Object.fromEntries(t.roles.map((r) => [`${r.roundId}|${r.role}`, r.respondents])),
    themes: Object.fromEntries(t.themes.map((r) => [`${r.roundId}|${r.role}|${r.themeId}`, [r.n, r.sum, r.sumSq]])),
    items: Object.fromEntries(t.items.map((r) => [`${r.roundId}|${r.role}|${r.itemId}|${r.value}`, r.n])),
  });

  it('splitting a batch in two and adding the halves gives the same totals, in any order', () => {
    fc.assert(
      fc.property(fc.array(response, { maxLength: 30 }), fc.nat(), (responses, cut) => {
        const at = responses.length === 0 ? 0 : cut % responses.length;
        const whole = byKey(totalsOf(responses));
        const a = byKey(totalsOf(responses.slice(0, at)));
        const b = byKey(totalsOf([...responses.slice(at)].reverse()));
        const add = (x: Record<string, number>, y: Record<string, number>) => {
          const out = { ...x };
          for (const [k, v] of Object.entries(y)) out[k] = (out[k] ?? 0) + v;
          return out;
        };
        expect(add(a.roles, b.roles)).toEqual(whole.roles);
        expect(add(a.items, b.items)).toEqual(whole.items);
        const themes: Record<string, number[]> = { ...a.themes };
        for (const [k, v] of Object.entries(b.themes)) themes[k] = themes[k] ? themes[k].map((x, i) => x + v[i]) : v;
        // Integer scores: the sums are exact.
        expect(themes).toEqual(whole.themes);
        // Every respondent is counted once, in their own round and role.
        expect(Object.values(whole.roles).reduce((s, n) => s + n, 0)).toBe(responses.length);
      }),
    );
  });
});
