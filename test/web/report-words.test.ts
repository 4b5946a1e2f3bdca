// The report's sentences made in the web layer (flags, wordings, ways of answering, trends
// reasons and leads) in English and Welsh, from the catalogue, with hand-written expectations.
import type { FlagResult } from '../../src/domain/flags';
import type { TrendComparison, TrendTheme } from '../../src/domain/trends';
import { answerWaysView } from '../../src/web/answer-ways-view';
import { translator } from '../../src/web/i18n';
import { flagStatement, wordingSentence } from '../../src/web/report-views';
import { refusalWords, sinceLastWords, themeLead, themeReason } from '../../src/web/trends-views';

const en = translator('en');
const cy = translator('cy');

const ladderFlag = (share: number, answered: number): FlagResult => ({
  id: 'doing-for',
  kind: 'ladderAtMost',
  title: 'Doing for',
  description: 'Why it matters.',
  themeId: 'coproduction',
  status: 'raised',
  raised: true,
  evidence: { kind: 'ladderAtMost', itemId: 'cp-ladder', maxRung: 2, maxRungLabel: 'Doing for', threshold: 0.5, side: { roles: 'all', label: 'Everyone', answered, matching: Math.round(share * answered), share } },
});

describe('flag sentences', () => {
  it('says a ladder flag in English and in Welsh', () => {
    expect(flagStatement(ladderFlag(0.6, 10), en)).toBe('Everyone: 60% of 10 answers are at “Doing for” or below.');
    expect(flagStatement(ladderFlag(0.6, 10), cy)).toBe('Pawb: mae 60% o 10 o atebion ar “Doing for” neu\'n is.');
  });
});

describe('wordings and ways of answering', () => {
  it('words the languages and Easy Read line', () => {
    const w = { languages: [{ language: 'cy', count: { kind: 'exact' as const, n: 12 } }], easyRead: { kind: 'fewerThan' as const, n: 5 } };
    expect(wordingSentence(w, en)).toBe('12 answered in Welsh (Cymraeg); fewer than 5 in Easy Read.');
    expect(wordingSentence(w, cy)).toBe('12 wedi ateb yn Gymraeg; llai na 5 yn Hawdd ei Ddeall.');
  });

  it('words the ways people answered, small counts as “fewer than”', () => {
    const report = {
      total: 14,
      minGroupSize: 5,
      answerWays: [
        { channel: 'online' as const, shown: true as const, n: 12 },
        { channel: 'paper' as const, shown: false as const, label: 'fewerThan' as const },
      ],
    };
    expect(answerWaysView(report, en)!.sentence).toBe('12 online, fewer than 5 on paper');
    expect(answerWaysView(report, cy)!.sentence).toBe('12 ar-lein, llai na 5 ar bapur');
  });
});

describe('Welsh plurals', () => {
  it('uses every form Welsh has (0, 1, 2, 3, 6, and other)', () => {
    const people = (n: number) => cy('report.round.hiddenSoFar', { count: n });
    expect(people(0)).toBe('Nid oes neb wedi ateb hyd yma.');
    expect(people(1)).toBe('Mae 1 person wedi ateb hyd yma.');
    for (const n of [2, 3, 6, 7, 20]) expect(people(n)).toBe(`Mae ${n} o bobl wedi ateb hyd yma.`);
    expect(en('report.round.hiddenSoFar', { count: 1 })).toBe('1 person has answered so far.');
    expect(en('report.round.hiddenSoFar', { count: 0 })).toBe('0 people have answered so far.');
  });
});

describe('trends reasons and leads', () => {
  const comparison = { rounds: [{ roundId: 1, name: 'County 2025' }, { roundId: 2, name: 'County 2026' }] } as unknown as TrendComparison;
  const theme = (over: Partial<TrendTheme>) => ({ reason: 'English', why: null, asked: null, sharedItems: null, ...over }) as TrendTheme;

  it('words why a theme is not compared', () => {
    expect(themeReason(theme({ why: { kind: 'notAsked', roundName: 'County 2026' } }), en)).toBe('This theme is not asked in “County 2026”.');
    expect(themeReason(theme({ why: { kind: 'notAsked', roundName: 'County 2026' } }), cy)).toBe("Nid yw'r thema hon yn cael ei gofyn yn “County 2026”.");
    expect(themeReason(theme({ why: { kind: 'fewShared', shared: 1, minimum: 2 } }), en)).toBe(
      'Its questions differ between these rounds and only 1 question is asked in every round; a theme is compared only on at least 2 shared questions.',
    );
  });

  it('words what a recomputed theme is compared on, as the domain does in English', () => {
    const items = [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }, { id: 'c', text: 'C' }, { id: 'd', text: 'D' }];
    expect(themeLead(theme({ asked: [5, 5], sharedItems: items }), comparison, en)).toBe(
      'Compared on 4 of 5 questions, the ones every round asks, recomputed for every round on those alone (so a score here can differ from that round’s report)',
    );
    expect(themeLead(theme({ asked: [5, 6], sharedItems: items }), comparison, cy)).toBe(
      "Wedi'i chymharu ar 4 o gwestiynau (o 5 yn “County 2025”, 6 yn “County 2026”), y rhai y mae pob rownd yn eu gofyn, wedi'i hailgyfrifo ar gyfer pob rownd ar y rheini'n unig (felly gall sgôr yma fod yn wahanol i adroddiad y rownd honno)",
    );
  });

  it('words refusals and the board summary’s missing change', () => {
    expect(refusalWords({ code: 'tooFewRounds' }, cy)).toBe("Dewiswch o leiaf dwy rownd i'w cymharu.");
    expect(sinceLastWords({ previous: null, message: 'English' }, cy)).toBe("Nid oes rownd gynharach wedi cau o'r holiadur hwn i'w chymharu, felly ni ddangosir newid.");
  });
});
