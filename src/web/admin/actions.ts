import type { Request, Response } from 'express';
import { pageWords } from '../wording';
import { z } from 'zod';
import { ACTION_STATUSES, isCalendarDate, type ActionInput } from '../../domain/actions';
import type { RoundRecord } from '../../services/rounds';
import type { Services } from '../../services';
import type { Admin } from '../../services/accounts';
import { ValidationError } from '../../services/errors';
import { idParam } from '../params';
import { parseForm, type FieldError } from './forms';

export const ACTION_WHAT_MAX = 1000;
export const ACTION_LEAD_MAX = 200;
export const ACTION_NOTE_MAX = 2000;

/** One value of a form field: a repeated name counts as its first value; absent as ''. */
const one = (v: unknown) => (Array.isArray(v) ? v[0] : v) ?? '';
const text = (max: number, empty: string | null, tooLong: string) => {
  const s = z.string().trim().max(max, tooLong);
  return z.preprocess(one, empty ? s.min(1, empty) : s);
};

/** The action form as sent. The theme is checked against the round's themes by the service. */
export const actionFormSchema = z.object({
  themeId: z.preprocess(one, z.string().min(1, 'Choose the theme the action is about').max(100, 'Choose one of the round’s themes')),
  what: text(ACTION_WHAT_MAX, 'Say what will be done', `Keep what will be done to ${ACTION_WHAT_MAX} characters or fewer`),
  lead: text(ACTION_LEAD_MAX, 'Say who leads it (a role or a name)', `Keep who leads it to ${ACTION_LEAD_MAX} characters or fewer`),
  dueOn: z.preprocess(one, z.string().trim().refine(isCalendarDate, 'Enter the date it is due by as a real date, for example 2026-03-31')),
  status: z.preprocess(one, z.enum(ACTION_STATUSES, { error: 'Choose a status: planned, in progress, done or dropped' })),
  note: text(ACTION_NOTE_MAX, null, `Keep the note to ${ACTION_NOTE_MAX} characters or fewer`),
});

const EMPTY: ActionInput = { themeId: '', what: '', lead: '', dueOn: '', status: 'planned', note: '' };

/** Values to put back in the form after a failed submission (strings only, capped). */
const typedValues = (body: unknown): ActionInput => {
  const b = (body ?? {}) as Record<string, unknown>;
  const s = (k: keyof ActionInput, max: number) => String(one(b[k])).slice(0, max);
  const status = String(one(b.status));
  return {
    themeId: s('themeId', 100),
    what: s('what', ACTION_WHAT_MAX + 100),
    lead: s('lead', ACTION_LEAD_MAX + 100),
    dueOn: s('dueOn', 40),
    status: (ACTION_STATUSES as readonly string[]).includes(status) ? (status as ActionInput['status']) : 'planned',
    note: s('note', ACTION_NOTE_MAX + 100),
  };
};

/** Action plans on a round: add, change and delete (POST, redirect, GET; errors re-render with 400). */
export function actionHandlers(services: Services) {
  const roundOf = (req: Request, res: Response) => services.access.round(res.locals.admin as Admin, idParam(req, 'roundId'));
  const back = (round: RoundRecord) => `/admin/rounds/${round.id}#actions`;

  const renderForm = (res: Response, round: RoundRecord, values: ActionInput, errors: FieldError[], actionId: number | null, status = 200) =>
    res.status(status).render('admin/action-form', {
      title: pageWords(res)('admin.actionForm.title', { heading: pageWords(res)(actionId === null ? 'admin.actionForm.add' : 'admin.actionForm.change'), name: round.name }),
      round,
      values,
      errors,
      actionId,
      themes: services.actions.themes(round),
      statuses: ACTION_STATUSES.map((s) => ({ value: s, label: pageWords(res)(`admin.actionForm.statuses.${s}`) })),
      limits: { what: ACTION_WHAT_MAX, lead: ACTION_LEAD_MAX, note: ACTION_NOTE_MAX },
    });

  const save = (req: Request, res: Response, actionId: number | null) => {
    const round = roundOf(req, res);
    if (actionId !== null) services.actions.get(round, actionId); // 404 before reading the form
    const form = parseForm(actionFormSchema, req.body);
    if (!form.ok) return renderForm(res, round, typedValues(req.body), form.errors, actionId, 400);
    try {
      if (actionId === null) services.actions.create(round, form.data);
      else services.actions.update(round, actionId, form.data);
    } catch (err) {
      if (err instanceof ValidationError && err.fieldErrors.length) return renderForm(res, round, typedValues(req.body), err.fieldErrors, actionId, 400);
      throw err;
    }
    req.session.flash = [{ kind: 'success', text: pageWords(res)(actionId === null ? 'admin.actionForm.added' : 'admin.actionForm.saved') }];
    res.redirect(303, back(round));
  };

  return {
    newPage: (req: Request, res: Response) => renderForm(res, roundOf(req, res), EMPTY, [], null),
    create: (req: Request, res: Response) => save(req, res, null),
    editPage(req: Request, res: Response) {
      const round = roundOf(req, res);
      const a = services.actions.get(round, idParam(req, 'actionId'));
      renderForm(res, round, { themeId: a.themeId, what: a.what, lead: a.lead, dueOn: a.dueOn, status: a.status, note: a.note }, [], a.id);
    },
    update: (req: Request, res: Response) => save(req, res, idParam(req, 'actionId')),
    remove(req: Request, res: Response) {
      const round = roundOf(req, res);
      services.actions.remove(round, idParam(req, 'actionId'));
      req.session.flash = [{ kind: 'success', text: pageWords(res)('admin.actionForm.deleted') }];
      res.redirect(303, back(round));
    },
  };
}
