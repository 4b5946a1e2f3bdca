/**
 * The fresh database `npm run bench` drives: an open survey round for the respondent scenarios
 * (drafts ready to be shown, saved and sent), and two closed rounds of full-form responses for the
 * report scenarios, each with a share link. Written before the server starts, on the same file.
 */
import type { Db } from '../../src/db';
import { createRepositories } from '../../src/db';
import { DEFAULT_QUESTIONNAIRE_ID } from '../../src/questionnaires';
import type { Services } from '../../src/services';
import type { RoundRecord } from '../../src/services/rounds';
import { defaultRoles } from '../../src/services/rounds';
import { fillRound } from '../helpers/synthetic';
import { deriveKey, mac } from '../../src/web/sealed';

export interface Seeded {
  survey: RoundRecord;
  /** the body of theme page 1 (without _csrf) */
  themeOneBody: Record<string, string>;
  /** drafts with a role and theme 1 answered: for showing and saving theme page 1 */
  pageDrafts: string[];
  /** drafts with every page answered: each is sent once */
  sendDrafts: string[];
  /** a CSRF cookie value and the form token that goes with it */
  csrf: { cookie: string; token: string };
    /** shareToken: a board link with comments; plainToken: one without (the JSON API then carries no comments) */
  reports: { size: number; round: RoundRecord; shareToken: string; plainToken: string }[];
}

const ROLES = ['lived', 'carer', 'staff', 'leader', 'board', 'partner'];

export function seed(db: Db, services: Services, options: { pageDrafts: number; sendDrafts: number; reportSizes: number[]; log: (line: string) => void }): Seeded {
  const q = services.questionnaires.get(DEFAULT_QUESTIONNAIRE_ID, 1);
  const org = services.organisations.create('Benchmark Trust');
  const create = (name: string) =>
    services.rounds.create(org.id, {
      name, questionnaireId: q.id, questionnaireVersion: q.version, form: 'full', mode: 'survey',
      roles: defaultRoles(q), minGroupSize: 5, opensAt: null, closesAt: null, intro: '', resultsRelease: 'after-close',
    });
  const survey = services.rounds.open(create('Benchmark survey').id);
  const pages = services.responding.pages(survey);
  const bodyFor = (n: number, i: number) =>
    Object.fromEntries(pages[n].items.filter((it) => it.kind !== 'comment').map((it, k) => [it.id, String((i + k) % 4)]));
  const themeOneBody = bodyFor(0, 1);

  // Drafts are written in one transaction: seeding is not what is measured.
  const draft = (i: number, full: boolean) => {
    const d = services.responding.startDraft(survey);
    services.responding.saveRole(survey, d.id, ROLES[i % ROLES.length]);
    const upTo = full ? pages.length : 1;
    for (let n = 0; n < upTo; n++) services.responding.saveThemeAnswers(survey, d.id, pages[n].theme.id, bodyFor(n, i));
    return d.id;
  };
  const { pageDrafts, sendDrafts } = db.transaction(() => ({
    pageDrafts: Array.from({ length: options.pageDrafts }, (_, i) => draft(i, false)),
    sendDrafts: Array.from({ length: options.sendDrafts }, (_, i) => draft(i, true)),
  }))();
  options.log(`  ${pageDrafts.length + sendDrafts.length} drafts ready`);

  const cookie = 'benchmarkbenchmarkbenchmarkbenchmarkbenchma'; // 43 characters, like a real one
  const csrf = { cookie, token: mac(deriveKey(services.sessions.secret(), 'csrf'), cookie) };

  const repos = createRepositories(db);
  const reports = options.reportSizes.map((size) => {
    const round = services.rounds.open(create(`Benchmark report ${size}`).id);
    const t0 = Date.now();
    fillRound(repos, q, round, size, 42 + size);
    const closed = services.rounds.close(round.id);
    options.log(`  ${size} responses written in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return {
      size,
      round: closed,
      shareToken: services.shareLinks.createForRound(round.id, { label: 'Bench', showComments: true }).token,
      plainToken: services.shareLinks.createForRound(round.id, { label: 'Bench, no comments', showComments: false }).token,
    };
  });
  return { survey, themeOneBody, pageDrafts, sendDrafts, csrf, reports };
}
