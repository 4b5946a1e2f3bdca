import fc from 'fast-check';
import { testConfig } from '../../src/config';
import { createRepositories, migrate, openDatabase, readMigrations, type Db, type Repositories, type RoundRecord } from '../../src/db';
import { DEFAULT_QUESTIONNAIRE_ID } from '../../src/questionnaires';
import { createServices, type Services } from '../../src/services';
import { defaultRoles } from '../../src/services/rounds';
import { seededRandomSource } from '../../src/services/synthetic';
import { fillRound } from '../helpers/synthetic';
import { fakeClock } from '../helpers/app';

/** The totals of a round and the scan that is their reference, in one comparable shape. */
function bothWays(repos: Repositories, roundId: number) {
  const sortBy = <T>(rows: T[], key: (r: T) => string) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));
  const itemKey = (r: { itemId: string; role: string; value: number | null }) => `${r.itemId}|${r.role}|${r.value}`;
  const themeKey = (r: { themeId: string; role: string }) => `${r.themeId}|${r.role}`;
  return {
    totals: {
      roles: repos.totals.countByRole(roundId),
      items: sortBy(repos.totals.itemCounts(roundId), itemKey),
      themes: sortBy(repos.totals.themeMoments(roundId), themeKey),
      channels: repos.totals.countByChannel(roundId),
      wordings: repos.totals.countByWording(roundId),
    },
    scan: {
      roles: repos.responses.countByRole(roundId),
      items: sortBy(repos.results.itemCounts(roundId), itemKey),
      themes: sortBy(repos.results.themeMoments(roundId), themeKey),
      channels: repos.responses.countByChannel(roundId),
      wordings: repos.responses.countByWording(roundId),
    },
  };
}

function expectSame(repos: Repositories, roundId: number) {
  const { totals, scan } = bothWays(repos, roundId);
  expect(totals.roles).toEqual(scan.roles);
  expect(totals.items).toEqual(scan.items);
  expect(totals.channels).toEqual(scan.channels);
  expect(totals.wordings).toEqual(scan.wordings);
  expect(totals.themes.map(({ role, themeId, n }) => ({ role, themeId, n }))).toEqual(scan.themes.map(({ role, themeId, n }) => ({ role, themeId, n })));
  // Sums are added in another order than the scan adds them: equal up to rounding.
  totals.themes.forEach((t, i) => {
    expect(t.sum).toBeCloseTo(scan.themes[i].sum, 6);
    expect(t.sumSq).toBeCloseTo(scan.themes[i].sumSq, 4);
  });
}

type Op =
  | { kind: 'submit'; round: number; role: number; pages: number[]; values: number[]; welsh: boolean; easyRead: boolean; assisted: boolean }
  | { kind: 'fill'; round: number; count: number; seed: number }
  | { kind: 'settle'; round: number }
  | { kind: 'close'; round: number }
  | { kind: 'releaseAll'; round: number }
  | { kind: 'delete'; round: number };

const ROUNDS = 3;
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('submit' as const), round: fc.nat(ROUNDS - 1), role: fc.nat(6), pages: fc.uniqueArray(fc.nat(7), { minLength: 1, maxLength: 8 }), values: fc.array(fc.integer({ min: -1, max: 6 }), { minLength: 6, maxLength: 6 }), welsh: fc.boolean(), easyRead: fc.boolean(), assisted: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('fill' as const), round: fc.nat(ROUNDS - 1), count: fc.integer({ min: 1, max: 12 }), seed: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('settle' as const), round: fc.nat(ROUNDS - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), round: fc.nat(ROUNDS - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('releaseAll' as const), round: fc.nat(ROUNDS - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), round: fc.nat(ROUNDS - 1) }) },
);

function world(): { db: Db; services: Services; repos: Repositories; rounds: RoundRecord[] } {
  const db = openDatabase(':memory:');
  migrate(db);
  const services = createServices({ db, config: testConfig(), clock: fakeClock(), random: seededRandomSource(7) });
  const q = services.questionnaires.get(DEFAULT_QUESTIONNAIRE_ID, 1);
  const org = services.organisations.create('Riverside Trust');
  const rounds = (['batches', 'after-close', 'batches'] as const).map((resultsRelease, i) =>
    services.rounds.open(
      services.rounds.create(org.id, {
        name: `Round ${i}`, questionnaireId: q.id, questionnaireVersion: q.version, form: i === 2 ? 'short' : 'full', mode: i === 2 ? 'workshop' : 'survey',
        roles: defaultRoles(q), minGroupSize: 3, opensAt: null, closesAt: null, intro: '', resultsRelease,
      }).id,
    ),
  );
  return { db, services, repos: createRepositories(db), rounds };
}

describe('running totals of released results', () => {
  it('equal the scan over every answer after random sends, releases, closings and deletions', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 30 }), (ops) => {
        const { db, services, repos, rounds } = world();
        const q = services.questionnaires.get(DEFAULT_QUESTIONNAIRE_ID, 1);
        const alive = new Set(rounds.map((r) => r.id));
        for (const o of ops) {
          const id = rounds[o.round].id;
          if (!alive.has(id)) continue;
          const round = services.rounds.get(id);
          if (o.kind === 'submit' && round.status === 'open') {
            // The wording and channel counts (migration 017) get every kind of response.
            const draft = services.responding.startDraft(round, { language: o.welsh ? 'cy' : 'en', easyRead: o.easyRead });
            services.responding.saveRole(round, draft.id, round.roles[o.role % round.roles.length].id, o.assisted);
            const pages = services.responding.pages(round);
            for (const p of o.pages) {
              const page = pages[p % pages.length];
              const body = Object.fromEntries(
                page.items.filter((i) => i.kind !== 'comment').map((item, k) => {
                  const v = o.values[k % o.values.length];
                  return [item.id, v === -1 ? 'dk' : String(v % (item.kind === 'ladder' ? item.options.length : q.scale.practice.length))];
                }),
              );
              services.responding.saveThemeAnswers(round, draft.id, page.theme.id, body);
            }
            services.responding.submit(round, draft.id);
          } else if (o.kind === 'fill') fillRound(repos, q, round, o.count, o.seed);
          else if (o.kind === 'settle') services.release.settle(round);
          else if (o.kind === 'close' && round.status === 'open') services.results.forRound(services.rounds.close(id).id);
          else if (o.kind === 'releaseAll') services.release.releaseAll(round);
          else if (o.kind === 'delete') {
            services.rounds.delete(id, round.name);
            alive.delete(id);
          }
        }
        for (const r of rounds) {
          expectSame(repos, r.id);
          if (!alive.has(r.id)) expect(repos.totals.countByRole(r.id)).toEqual([]);
        }
        db.close();
      }),
      { numRuns: 40 },
    );
  });

  it('count channels and wordings released before migration 017', () => {
    const db = openDatabase(':memory:');
    const all = readMigrations();
    migrate(db, all.filter((m) => m.version < 17));
    db.exec(`INSERT INTO organisations (id, name, created_at) VALUES (1, 'Old Trust', 0);
      INSERT INTO rounds (id, organisation_id, name, questionnaire_id, questionnaire_version, form, mode, roles, link_token, join_code, created_at, updated_at)
        VALUES (1, 1, 'Old round', 'power-sharing', 1, 'full', 'survey', '[{"id":"staff","label":"Staff"}]', 'tok', 'ABCDEF', 0, 0);
      INSERT INTO responses (round_id, role, questionnaire_version, submitted_on, channel, language, easy_read) VALUES
        (1, 'staff', 1, '2026-01-01', 'online', 'en', 0), (1, 'staff', 1, '2026-01-01', 'paper', 'cy', 0),
        (1, 'staff', 1, '2026-01-01', 'online', 'cy', 1), (1, 'staff', 1, '2026-01-02', 'online', 'en', 0);`);
    migrate(db, all);
    const repos = createRepositories(db);
    // Hand-counted: 3 online and 1 paper; 2 English standard, 1 Welsh standard, 1 Welsh Easy Read.
    expect(repos.totals.countByChannel(1)).toEqual([{ channel: 'online', n: 3 }, { channel: 'paper', n: 1 }]);
    expect(repos.totals.countByWording(1)).toEqual([
      { language: 'cy', easyRead: false, n: 1 }, { language: 'cy', easyRead: true, n: 1 }, { language: 'en', easyRead: false, n: 2 },
    ]);
    db.close();
  });

  it('are filled from results released before migration 013', () => {
    const db = openDatabase(':memory:');
    const all = readMigrations();
    const before = all.filter((m) => m.version < 13);
    migrate(db, before);
    // Results as an older version stored them: no totals written.
    db.exec(`INSERT INTO organisations (id, name, created_at) VALUES (1, 'Old Trust', 0);
      INSERT INTO rounds (id, organisation_id, name, questionnaire_id, questionnaire_version, form, mode, roles, link_token, join_code, created_at, updated_at)
        VALUES (1, 1, 'Old round', 'power-sharing', 1, 'full', 'survey', '[{"id":"staff","label":"Staff"}]', 'tok', 'ABCDEF', 0, 0);
      INSERT INTO responses (id, round_id, role, questionnaire_version, submitted_on) VALUES (1, 1, 'staff', 1, '2026-01-01'), (2, 1, 'staff', 1, '2026-01-01'), (3, 1, 'lived', 1, '2026-01-02');
      INSERT INTO answers (response_id, round_id, role, theme_id, item_id, value, dont_know) VALUES
        (1, 1, 'staff', 't1', 'i1', 2, 0), (2, 1, 'staff', 't1', 'i1', 2, 0), (3, 1, 'lived', 't1', 'i1', NULL, 1), (3, 1, 'lived', 't1', 'i2', 4, 0);
      INSERT INTO response_theme_scores (response_id, round_id, role, theme_id, score) VALUES (1, 1, 'staff', 't1', 50), (2, 1, 'staff', 't1', 75), (3, 1, 'lived', 't1', 100);`);
    migrate(db, all);
    const repos = createRepositories(db);
    expect(repos.totals.countByRole(1)).toEqual([{ role: 'lived', n: 1 }, { role: 'staff', n: 2 }]);
    // Hand-computed: staff 50 and 75 -> n 2, sum 125, sum of squares 2500 + 5625 = 8125.
    expect(repos.totals.themeMoments(1)).toEqual(expect.arrayContaining([{ role: 'staff', themeId: 't1', n: 2, sum: 125, sumSq: 8125 }, { role: 'lived', themeId: 't1', n: 1, sum: 100, sumSq: 10000 }]));
    expect(repos.totals.itemCounts(1)).toEqual(expect.arrayContaining([
      { itemId: 'i1', role: 'staff', value: 2, n: 2 },
      { itemId: 'i1', role: 'lived', value: null, n: 1 },
      { itemId: 'i2', role: 'lived', value: 4, n: 1 },
    ]));
    expectSame(repos, 1);
    db.close();
  });
});
