// The demo: one organisation with three yearly surveys and two workshops, filled from a fixed seed
// so every run gives the same figures. Built over the real services (rounds are created, opened
// and closed as an admin would) with a clock that walks through 2024-2026 and a seeded random
// source; only the answers are written straight into the results, as `fillRound` does.
//
// The story in the data: staff and leaders rate the organisation higher than people with lived
// experience and carers; on co-production, tokenism, reciprocity and lived expertise the gap
// narrows year by year (the organisation worked on them), on power and risk, inclusion, leadership
// and purpose it does not; in 2024 most people say the last change was at most consultation (the
// flag fires) and by 2026 most do not; board members, "prefer not to say" and some partners are
// too few to show.
import type { Config } from '../config';
import { createRepositories, type Db, type RoundRecord } from '../db';
import type { ActionInput } from '../domain/actions';
import { DEFAULT_QUESTIONNAIRE_ID } from '../questionnaires';
import { createServices } from '.';
import { defaultRoles } from './rounds';
import type { Clock } from './runtime';
import { fillRound, seededRandomSource, ROLE_LEAN, type Lean } from './synthetic';

export const DEMO_SEED = 20240301;
export const DEMO_ADMIN = { email: 'admin@demo.powershare.test', password: 'river-lantern-4817-demo' } as const;
export const DEMO_ORGANISATION = 'Riverside Community Health (demo)';

/** Themes the organisation worked on: people with lived experience and carers see them improve. */
const WORKED_ON = new Set(['coproduction', 'tokenism', 'reciprocity', 'lived-expertise']);
const PEOPLE = new Set(['lived', 'carer']);

/** The lean of a role on a theme in year `y` (0 = 2024). */
export function demoLean(y: number): Lean {
  return (role, themeId) => {
    let lean = ROLE_LEAN[role] ?? 0;
    if (WORKED_ON.has(themeId) && PEOPLE.has(role)) lean += 0.08 * y;
    // Everyone sees co-production move from consultation towards working together.
    if (themeId === 'coproduction') lean += -0.12 + 0.12 * y;
    return lean + 0.01 * y;
  };
}

const COMMENTS = [
  'We hear about changes after they are decided.',
  'The peer support group has made a real difference this year.',
  'Meetings are in the daytime, which rules out people who work.',
  'Being paid for my time made me feel my views were valued.',
  'It depends a lot on which manager you get.',
  'The new involvement lead actually follows things up.',
  'Nobody told us what happened to our suggestions.',
  'Travel costs are paid now, which helps.',
  'The same few people are always asked.',
  'I was asked to help interview new staff for the first time.',
];

interface DemoRound {
  name: string;
  year: number;
  /** Opening day, UTC. */
  opens: string;
  days: number;
  mode: 'survey' | 'workshop';
  roles: Record<string, number>;
  actions?: ActionInput[];
}

const ROUNDS: DemoRound[] = [
  {
    name: 'Annual check 2024',
    year: 0,
    opens: '2024-03-04',
    days: 28,
    mode: 'survey',
    roles: { lived: 38, carer: 12, staff: 40, leader: 10, board: 3, partner: 5, unsaid: 2 },
    actions: [
      { themeId: 'coproduction', what: 'Involve people who use services before any service change is planned', lead: 'Head of service development', dueOn: '2024-09-30', status: 'done', note: 'Now part of the service change checklist.' },
      { themeId: 'reciprocity', what: 'Pay people for their time in involvement work', lead: 'Finance director', dueOn: '2024-12-31', status: 'done', note: 'Payment policy agreed in November.' },
      { themeId: 'tokenism', what: 'Tell people what changed because of their views after each consultation', lead: 'Involvement lead', dueOn: '2025-01-31', status: 'in-progress', note: 'Done for two of five services so far.' },
      { themeId: 'inclusion', what: 'Hold involvement meetings in the evening as well as the daytime', lead: 'Involvement lead', dueOn: '2024-11-30', status: 'planned', note: '' },
      { themeId: 'power-risk', what: 'Two people with lived experience on the budget-setting group', lead: 'Chief executive', dueOn: '2025-02-28', status: 'dropped', note: 'Deferred: the budget process is being redesigned.' },
    ],
  },
  { name: 'Co-production workshop, spring 2025', year: 1, opens: '2025-02-11', days: 1, mode: 'workshop', roles: { lived: 8, carer: 3, staff: 6, leader: 2, board: 1 } },
  {
    name: 'Annual check 2025',
    year: 1,
    opens: '2025-03-03',
    days: 28,
    mode: 'survey',
    roles: { lived: 42, carer: 14, staff: 42, leader: 11, board: 4, partner: 6, unsaid: 1 },
    actions: [
      { themeId: 'power-risk', what: 'People who use services help set next year’s priorities', lead: 'Director of strategy', dueOn: '2025-10-31', status: 'in-progress', note: 'Two priority-setting sessions held.' },
      { themeId: 'inclusion', what: 'Find out which groups are missing from involvement, and ask them why', lead: 'Involvement lead', dueOn: '2025-12-31', status: 'planned', note: '' },
      { themeId: 'leadership', what: 'Leaders report back on decisions made by people who use services', lead: 'Chief executive', dueOn: '2026-01-31', status: 'planned', note: '' },
    ],
  },
  { name: 'Co-production workshop, spring 2026', year: 2, opens: '2026-02-10', days: 1, mode: 'workshop', roles: { lived: 7, carer: 4, staff: 5, leader: 2, partner: 2 } },
  { name: 'Annual check 2026', year: 2, opens: '2026-03-02', days: 28, mode: 'survey', roles: { lived: 46, carer: 16, staff: 44, leader: 12, board: 6, partner: 4, unsaid: 2 } },
];

/** What was made, for the summary and the tests. */
export interface DemoSummary {
  organisationId: number;
  rounds: { id: number; name: string; mode: string; responses: number; actions: number }[];
  responses: number;
  comments: number;
  actions: number;
  /** Tokens of the board share links (shown once, so the caller prints them). */
  shareTokens: { trends: string; round: string; roundId: number };
  admin: { email: string; password: string };
}

export type DemoProgress = (line: string) => void;

const day = (iso: string) => Date.parse(`${iso}T09:00:00Z`);

/**
 * Fills an empty, migrated database with the demo. Throws if it already has an organisation (the
 * demo is built from scratch: delete the file first).
 */
export async function generateDemo(db: Db, config: Config, options: { seed?: number; onProgress?: DemoProgress } = {}): Promise<DemoSummary> {
  const seed = options.seed ?? DEMO_SEED;
  const progress = options.onProgress ?? (() => {});
  let now = day('2024-02-01');
  const clock: Clock = { now: () => now };
  const repos = createRepositories(db);
  const services = createServices({ db, config, clock, random: seededRandomSource(seed) });
  if (services.organisations.listAll().length > 0) throw new Error('The demo database is not empty. Delete it (and its -wal and -shm files), then run the demo again.');

  await services.accounts.createFirstOwner(DEMO_ADMIN.email, DEMO_ADMIN.password);
  const org = services.organisations.create(DEMO_ORGANISATION);
  const q = services.questionnaires.get(DEMO_QUESTIONNAIRE_ID, 1);
  const total = ROUNDS.reduce((s, r) => s + Object.values(r.roles).reduce((a, b) => a + b, 0), 0);
  let written = 0;
  let comments = 0;
  const made: DemoSummary['rounds'] = [];
  let last: RoundRecord | undefined;
  for (const [i, spec] of ROUNDS.entries()) {
    now = day(spec.opens);
    const workshop = spec.mode === 'workshop';
    let round = services.rounds.create(org.id, {
      name: spec.name,
      questionnaireId: q.id,
      questionnaireVersion: q.version,
      form: workshop ? 'short' : 'full',
      mode: spec.mode,
      roles: defaultRoles(q),
      minGroupSize: workshop ? 3 : 5,
      opensAt: null,
      closesAt: null,
      intro: workshop ? 'Answer on your phone: results show on the screen in batches.' : 'Please tell us honestly how it feels from where you stand. Your answers are anonymous.',
      resultsRelease: workshop ? 'batches' : 'after-close',
    });
    round = services.rounds.open(round.id);
    const size = Object.values(spec.roles).reduce((a, b) => a + b, 0);
    const before = written;
    comments += fillRound(repos, q, round, size, seed + i + 1, { exact: spec.roles }, {
      lean: demoLean(spec.year),
      comments: COMMENTS,
      firstDay: spec.opens,
      onProgress: (n) => {
        written = before + n;
      },
    }).comments;
    now = day(spec.opens) + spec.days * 86_400_000;
    round = services.rounds.close(round.id);
    for (const action of spec.actions ?? []) services.actions.create(round, action);
    made.push({ id: round.id, name: round.name, mode: round.mode, responses: size, actions: spec.actions?.length ?? 0 });
    progress(`  [${String(written).padStart(3)}/${total}] ${spec.name}: ${size} responses${spec.actions ? `, ${spec.actions.length} actions` : ''}`);
    last = round;
  }
  now = day('2026-04-15');
  const trends = services.shareLinks.createForTrends(org.id, { label: 'Board, April 2026' });
  const roundLink = services.shareLinks.createForRound(last!.id, { label: 'Board paper, April 2026', showComments: true });
  return {
    organisationId: org.id,
    rounds: made,
    responses: written,
    comments,
    actions: made.reduce((s, r) => s + r.actions, 0),
    shareTokens: { trends: trends.token, round: roundLink.token, roundId: last!.id },
    admin: { ...DEMO_ADMIN },
  };
}
const DEMO_QUESTIONNAIRE_ID = DEFAULT_QUESTIONNAIRE_ID;
