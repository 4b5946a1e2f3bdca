import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Config } from '../../config';
import type { PaperForm } from '../../domain/paper-form';
import type { FieldError } from '../../domain/questionnaire';
import type { Services } from '../../services';
import type { RoundRecord } from '../../services/rounds';
import { clearCookie, readCookie, setCookie } from '../cookies';
import { idParam } from '../params';
import { chooseWording, LANGUAGE_PATTERN } from '../../domain/questionnaire';
import { BLANK_KEY, checkRows, DONT_KNOW_KEY, enteredValues, formValues, orderErrors, paperRoles, paperSections } from '../paper-views';
import { htmlLang } from '../i18n';
import { printChoices, printedForm, printedVersions, versionCode, versionName } from '../paper-print';
import { pageLanguageOf, pageWords } from '../wording';
import { deriveKey, mac, sealer } from '../sealed';
import { adminOf, flash } from './session';
import { formatJoinCode, roundLink } from './view-models';

/**
 * How long "undo the last form" stays offered after saving a form. Short on purpose: the handle
 * ties this browser to one waiting response, and it should not outlive the moment of keying.
 */
export const UNDO_TTL_MS = 10 * 60_000;
/** The sitting's cookie (count of forms keyed, and the undo handle), sealed; see `sitting`. */
export const SITTING_COOKIE = 'ps_paper';

/**
 * What the admin's browser carries for one round's data entry, sealed (AES-GCM: it can neither
 * read nor change it) and bound to the admin's current session: `r` the round, `b` a MAC of the
 * session id (a new session, e.g. after signing out, finds nothing), `n` forms keyed in this
 * sitting, `u` the random id of the last form while it may be undone, `e` until when.
 * The server keeps none of this: no table, session row or log line says who keyed which form.
 */
const sittingSeal = z.object({
  r: z.number().int(),
  b: z.string().max(100),
  n: z.number().int().min(0).max(1_000_000),
  u: z.string().regex(/^[0-9a-f]{32}$/).nullable(),
  e: z.number(),
  /** the printed version of the last form saved ("cy.er"), offered again for the next one */
  w: z.string().max(20).optional(),
});
type Sitting = z.infer<typeof sittingSeal>;

const printQuery = z
  .object({
    size: z.enum(['standard', 'large']).catch('standard'),
    language: z.string().regex(LANGUAGE_PATTERN).optional().catch(undefined),
    easyRead: z.enum(['0', '1']).catch('0'),
  })
  .catch({ size: 'standard', language: undefined, easyRead: '0' });

/**
 * Paper forms for a round (routes/admin.ts): the printable questionnaire, and fast keying-in of
 * returned forms: one page a form, a check screen, save, undo of the last form.
 */
export function paperHandlers(services: Services, config: Config) {
  const { access, paper, rounds } = services;
  const seal = sealer(services.sessions.secret(), 'paper-sitting', services.random);
  const bindingKey = deriveKey(services.sessions.secret(), 'paper-sitting binding');

  const roundOf = (req: Request, res: Response) => access.round(adminOf(res), idParam(req, 'roundId'));
  const entryPath = (round: RoundRecord) => `/admin/rounds/${round.id}/paper/entry`;
  const cookiePath = (round: RoundRecord) => `/admin/rounds/${round.id}/paper`;
  const binding = (req: Request) => mac(bindingKey, req.sessionID);

  /** This session's sitting for the round; an expired undo handle is dropped on reading. */
  const sitting = (req: Request, round: RoundRecord): Sitting => {
    const parsed = sittingSeal.safeParse(seal.open(readCookie(req, SITTING_COOKIE)));
    const fresh: Sitting = { r: round.id, b: binding(req), n: 0, u: null, e: 0 };
    if (!parsed.success || parsed.data.r !== round.id || parsed.data.b !== fresh.b) return fresh;
    const s = parsed.data;
    return s.u !== null && s.e > services.clock.now() ? s : { ...s, u: null, e: 0 };
  };
  const keep = (req: Request, res: Response, round: RoundRecord, s: Sitting) =>
    setCookie(req, res, config, SITTING_COOKIE, seal.seal(s), { path: cookiePath(round), maxAgeMs: config.sessionAbsoluteMs });

  /** The printed versions a returned form may be on (same ids and options: they score the same), and the one keyed. */
  const versionsOf = (round: RoundRecord) =>
    printedVersions(rounds.questionnaireFor(round)).map((w) => ({ code: versionCode(w), name: versionName(w), lang: htmlLang(pageLanguageOf(w)), wording: w }));
  const versionIn = (round: RoundRecord, code: unknown) => {
    const versions = versionsOf(round);
    return versions.find((v) => v.code === code) ?? versions[0];
  };

  const renderEntry = (req: Request, res: Response, round: RoundRecord, values: Record<string, string>, errors: FieldError[], status = 200) => {
    const q = rounds.questionnaireFor(round);
    const sections = paperSections(q, round.form);
    const s = sitting(req, round);
    res.status(status).render('admin/paper-entry', {
      title: `Key in paper forms: ${round.name}`,
      round,
      sections,
      roles: paperRoles(round.roles),
      values,
      errors: orderErrors(errors, sections),
      errorFor: Object.fromEntries(errors.map((e) => [e.field, e.message])),
      keying: paper.keying(round),
      keyed: s.n,
      canUndo: s.u !== null,
      versions: versionsOf(round),
      version: versionIn(round, values._version ?? s.w).code,
      keys: { dontKnow: DONT_KNOW_KEY, blank: BLANK_KEY },
      preferNotToSay: round.roles.find((r) => /prefer not/i.test(r.label))?.label ?? null,
      scripts: ['/js/paper-entry.js'],
    });
  };

  const renderCheck = (req: Request, res: Response, round: RoundRecord, form: PaperForm, version: string) => {
    const sections = paperSections(rounds.questionnaireFor(round), round.form);
    const questions = sections.flatMap((sec) => sec.questions);
    const scored = questions.filter((qn) => qn.kind !== 'comment');
    res.render('admin/paper-check', {
      answered: { questions: scored.filter((qn) => qn.id in form.answers).length, of: scored.length, comments: questions.filter((qn) => qn.kind === 'comment' && qn.id in form.answers).length },
      title: `Check this form: ${round.name}`,
      round,
      role: round.roles.find((r) => r.id === form.role)?.label ?? '',
      sections: checkRows(sections, form.answers),
      hidden: [...Object.entries(formValues(form)), ['_version', version]],
      version: versionsOf(round).length > 1 ? versionIn(round, version) : null,
      keyed: sitting(req, round).n,
    });
  };

  /** A round that does not take forms now answers 409 with the reason, on the entry page. */
  const refuse = (req: Request, res: Response, round: RoundRecord) => renderEntry(req, res, round, {}, [], 409);

  return {
    /**
     * The printable questionnaire (A4; ?size=large for large print), in any wording the
     * questionnaire has (?language=cy, ?easyRead=1). Any status: forms are printed before a round opens.
     */
    print(req: Request, res: Response) {
      const round = roundOf(req, res);
      const query = printQuery.parse(req.query);
      const q = rounds.questionnaireFor(round);
      const wording = chooseWording(q, query.language ? [query.language] : [], query.easyRead === '1');
      res.render('admin/paper-print', {
        title: pageWords(res)('public.paper.print.title', { round: round.name }),
        round,
        size: query.size,
        styles: ['/css/paper.css'],
        organisationName: services.organisations.get(round.organisationId).name,
        joinCode: formatJoinCode(round.joinCode),
        link: roundLink(req, config, round),
        ...printedForm(q, round, wording, res.locals.lang as string),
        choices: printChoices(q, round, wording, query.size, pageWords(res)),
      });
    },

    entryPage(req: Request, res: Response) {
      const round = roundOf(req, res);
      renderEntry(req, res, round, {}, []);
    },

    /** "Check this form" (or "change" from the check screen): parse, then the check screen or the form again. */
    check(req: Request, res: Response) {
      const round = roundOf(req, res);
      if (!paper.keying(round).allowed) return refuse(req, res, round);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const parsed = paper.parse(round, body);
      const version = versionIn(round, body._version).code;
      if (body._action === 'change') return renderEntry(req, res, round, { ...(parsed.ok ? formValues(parsed.form) : enteredValues(body)), _version: version }, []);
      if (!parsed.ok) return renderEntry(req, res, round, { ...enteredValues(body), _version: version }, parsed.errors, 400);
      renderCheck(req, res, round, parsed.form, version);
    },

    /** Saves a checked form (parsed again: the hidden fields came back from the browser). */
    save(req: Request, res: Response) {
      const round = roundOf(req, res);
      if (!paper.keying(round).allowed) return refuse(req, res, round);
      const parsed = paper.parse(round, req.body);
      const version = versionIn(round, (req.body as Record<string, unknown> | undefined)?._version);
      if (!parsed.ok) return renderEntry(req, res, round, { ...enteredValues(req.body), _version: version.code }, parsed.errors, 400);
      const id = paper.enter(round, parsed.form, version.wording);
      const s = sitting(req, round);
      const n = s.n + 1;
      keep(req, res, round, { ...s, n, u: id, e: services.clock.now() + UNDO_TTL_MS, w: version.code });
      flash(req, 'success', `Form saved. You have keyed ${n} ${n === 1 ? 'form' : 'forms'} in this sitting. Put the paper form aside and key the next one.`);
      res.redirect(303, entryPath(round));
    },

    /** Takes back the last form this admin saved, in this session, within UNDO_TTL_MS, if it is still waiting. */
    undo(req: Request, res: Response) {
      const round = roundOf(req, res);
      const s = sitting(req, round);
      if (s.u === null) {
        flash(req, 'error', 'There is no form to undo: undo works only for the last form you saved here, for 10 minutes, until you sign out.');
      } else if (paper.undo(round, s.u)) {
        flash(req, 'success', 'The last form you saved is taken back: it is not counted. Key it again if needed.');
        keep(req, res, round, { ...s, n: Math.max(0, s.n - 1), u: null, e: 0 });
        return res.redirect(303, entryPath(round));
      } else {
        flash(req, 'error', 'The last form has already joined the round’s results, where it can no longer be told apart from the others, so it cannot be undone.');
      }
      if (readCookie(req, SITTING_COOKIE) !== undefined) keep(req, res, round, { ...s, u: null, e: 0 });
      res.redirect(303, entryPath(round));
    },

    /** Ends the sitting: forgets the count and the undo handle (the forms stay saved). */
    finish(req: Request, res: Response) {
      const round = roundOf(req, res);
      clearCookie(req, res, config, SITTING_COOKIE, cookiePath(round));
      flash(req, 'success', 'Sitting finished. The forms you keyed are saved.');
      res.redirect(303, `/admin/rounds/${round.id}`);
    },
  };
}
