import type { Request, Response } from 'express';
import type { TFunction } from 'i18next';
import { pageWords } from '../wording';
import { translateMessage } from './words';
import type { Config } from '../../config';
import { DEFAULT_QUESTIONNAIRE_ID } from '../../questionnaires';
import { idParam } from '../params';
export { idParam };
import type { Services } from '../../services';
import { ConflictError, ValidationError } from '../../services/errors';
import { ClosingTimePassedError, type RoundInput, type RoundRecord, type RoundRole } from '../../services/rounds';
import {
  confirmNameSchema,
  CUSTOM_ROLES_MAX,
  customRoleId,
  customRoleLabels,
  duplicateSchema,
  organisationNameSchema,
  parseForm,
  ROLE_LABEL_MAX,
  roundFormSchema,
  type FieldError,
  type RoundForm,
} from './forms';
import { adminOf, flash } from './session';
import { isolateBidi } from '../bidi';
import {
  availabilityText,
  countsByRole,
  formatJoinCode,
  publicBase,
  roundLink,
} from './view-models';
import { zonedTime } from '../time-zone';
import type { PresenterHandlers } from './presenter';

/** The QR code's settings; a test regenerates the SVG with these to check the payload. */
export const QR_OPTIONS = { type: 'svg', errorCorrectionLevel: 'M', margin: 2 } as const;

/**
 * The round link as a QR code (SVG). The qrcode package is loaded when the first code is drawn:
 * a server that only serves respondents never draws one (issue 12: 1.2 MB of resident memory).
 */
export function qrSvg(text: string): Promise<string> {
  // A require, as in services/passwords.ts (jest's sandbox refuses a real dynamic import).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const QRCode = require('qrcode') as typeof import('qrcode');
  return QRCode.toString(text, QR_OPTIONS);
}


const qKey = (id: string, version: number) => `${id}@${version}`;

interface RoundFormValues {
  name: string;
  questionnaire: string;
  form: string;
  mode: string;
  resultsRelease: string;
  roles: string[];
  customRoles: string;
  minGroupSize: string;
  opensAt: string;
  closesAt: string;
  intro: string;
  defaultLanguage: string;
}

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const str = (v: unknown, max = 5000) => (typeof first(v) === 'string' ? String(first(v)).slice(0, max) : '');

/** What the person typed, to show again when the form has problems. */
function valuesFromBody(body: unknown): RoundFormValues {
  const b = (body ?? {}) as Record<string, unknown>;
  const roles = b.roles === undefined ? [] : Array.isArray(b.roles) ? b.roles.map(String) : [String(b.roles)];
  return {
    name: str(b.name, 400),
    questionnaire: str(b.questionnaire, 100),
    form: str(b.form, 10),
    mode: str(b.mode, 10),
    resultsRelease: str(b.resultsRelease, 20),
    roles,
    customRoles: str(b.customRoles, 5000),
    minGroupSize: str(b.minGroupSize, 20),
    opensAt: str(b.opensAt, 40),
    closesAt: str(b.closesAt, 40),
    intro: str(b.intro, 5000),
    defaultLanguage: str(b.defaultLanguage, 10),
  };
}

export function roundHandlers(services: Services, config: Config, presenter?: PresenterHandlers) {
  const zone = zonedTime(config.timeZone);
  const roundSchema = roundFormSchema(zone);
  const { access, rounds, questionnaires, organisations } = services;

  /** Every role any questionnaire offers (default questionnaire first), plus the round's own non-custom ones. */
  const roleChoices = (round?: RoundRecord): RoundRole[] => {
    const byId = new Map<string, string>();
    const custom = new Set(round ? customRolesOf(round).map((r) => r.id) : []);
    for (const r of round?.roles ?? []) if (!custom.has(r.id)) byId.set(r.id, r.label);
    const list = questionnaires.list().sort((a, b) => Number(b.id === DEFAULT_QUESTIONNAIRE_ID) - Number(a.id === DEFAULT_QUESTIONNAIRE_ID));
    for (const s of list) for (const r of questionnaires.get(s.id, s.version).roles) if (!byId.has(r.id)) byId.set(r.id, r.label);
    return [...byId].map(([id, label]) => ({ id, label }));
  };

  /** Roles that are not offered by any questionnaire: they go in the "Other roles" box. */
  const customRolesOf = (round: RoundRecord): RoundRole[] => {
    const known = new Set<string>();
    for (const s of questionnaires.list()) for (const r of questionnaires.get(s.id, s.version).roles) known.add(r.id);
    return round.roles.filter((r) => !known.has(r.id));
  };

  const defaultQuestionnaire = () => {
    const latest = questionnaires.latestVersions();
    return latest.find((q) => q.id === DEFAULT_QUESTIONNAIRE_ID) ?? latest[0];
  };

  const questionnaireOptions = (t: TFunction) =>
    questionnaires.list().map((q) => ({ value: qKey(q.id, q.version), label: t(q.builtIn ? 'admin.round.builtIn' : 'admin.round.questionnaireVersion', { title: q.title, version: q.version }) }));

  const valuesFromRound = (round: RoundRecord): RoundFormValues => {
    const custom = new Set(customRolesOf(round).map((r) => r.id));
    return {
      name: round.name,
      questionnaire: qKey(round.questionnaireId, round.questionnaireVersion),
      form: round.form,
      mode: round.mode,
      resultsRelease: round.resultsRelease,
      roles: round.roles.filter((r) => !custom.has(r.id)).map((r) => r.id),
      customRoles: round.roles.filter((r) => custom.has(r.id)).map((r) => r.label).join('\n'),
      minGroupSize: String(round.minGroupSize),
      opensAt: zone.toLocal(round.opensAt),
      closesAt: zone.toLocal(round.closesAt),
      intro: round.intro,
      defaultLanguage: round.defaultLanguage ?? '',
    };
  };

  /**
   * A workshop starts with the short form (if the questionnaire has one) and results released in
   * safe batches while it is open, so the room can see them during the session.
   */
  const newRoundValues = (mode: 'survey' | 'workshop' = 'survey'): RoundFormValues => {
    const q = defaultQuestionnaire();
    const workshop = mode === 'workshop';
    const hasShort = q ? questionnaires.get(q.id, q.version).forms.short.length > 0 : false;
    return {
      name: '',
      questionnaire: q ? qKey(q.id, q.version) : '',
      form: workshop && hasShort ? 'short' : 'full',
      mode,
      resultsRelease: workshop ? 'batches' : 'after-close',
      roles: q ? questionnaires.get(q.id, q.version).roles.map((r) => r.id) : [],
      customRoles: '',
      minGroupSize: '5',
      opensAt: '',
      closesAt: '',
      intro: '',
      defaultLanguage: '',
    };
  };

  const fixedSummary = (round: RoundRecord, t: TFunction) => {
    const q = questionnaires.find(round.questionnaireId, round.questionnaireVersion);
    return {
      questionnaire: t('admin.round.questionnaireVersion', { title: q?.title ?? round.questionnaireId, version: round.questionnaireVersion }),
      form: t(`admin.labels.form.${round.form}`),
      roles: round.roles.map((r) => r.label),
    };
  };

  const renderForm = (
    res: Response,
    status: number,
    opts: { org: { id: number; name: string }; round?: RoundRecord; values: RoundFormValues; errors: FieldError[] },
  ) => {
    const fixed = opts.round ? rounds.hasResponses(opts.round.id) : false;
    const t = pageWords(res);
    res.status(status).render('admin/round-form', {
      title: opts.round ? t('admin.roundForm.changeTitle', { name: isolateBidi(opts.round.name) }) : t('admin.roundForm.createTitle'),
      heading: opts.round ? t('admin.roundForm.changeHeading') : t('admin.roundForm.createTitle'),
      action: opts.round ? `/admin/rounds/${opts.round.id}/edit` : `/admin/organisations/${opts.org.id}/rounds`,
      back: opts.round ? `/admin/rounds/${opts.round.id}` : `/admin/organisations/${opts.org.id}`,
      submitLabel: opts.round ? t('admin.roundForm.changeSubmit') : t('admin.roundForm.createSubmit'),
      org: opts.org,
      values: opts.values,
      errors: opts.errors,
      questionnaireOptions: questionnaireOptions(t),
      fixed: fixed && opts.round ? fixedSummary(opts.round, t) : null,
      roleChoices: roleChoices(opts.round),
      limits: { customRoles: CUSTOM_ROLES_MAX, roleLabel: ROLE_LABEL_MAX },
      timeZone: zone.timeZone,
    });
  };

  /** Turns a parsed form into the service's input, or the problems a person must fix. */
  const toInput = (form: RoundForm, choices: RoundRole[], keep?: RoundRecord): { input: RoundInput } | { errors: FieldError[] } => {
    const errors: FieldError[] = [];
    let questionnaireId = keep?.questionnaireId;
    let questionnaireVersion = keep?.questionnaireVersion;
    if (!keep) {
      const match = form.questionnaire ? /^(.+)@(\d+)$/.exec(form.questionnaire) : null;
      if (!match || !questionnaires.find(match[1], Number(match[2]))) errors.push({ field: 'questionnaire', message: 'Choose a questionnaire' });
      else [questionnaireId, questionnaireVersion] = [match[1], Number(match[2])];
    }
    const formId = keep?.form ?? form.form;
    if (!formId) errors.push({ field: 'form', message: 'Choose the full form or the short form' });

    let roles: RoundRole[] = keep?.roles ?? [];
    if (!keep) {
      const labels = new Map(choices.map((c) => [c.id, c.label]));
      const unknown = form.roles.filter((id) => !labels.has(id));
      if (unknown.length > 0) errors.push({ field: 'roles', message: 'Choose roles from the list' });
      const chosen = new Set(form.roles);
      roles = choices.filter((c) => chosen.has(c.id)).map((c) => ({ id: c.id, label: c.label }));
      const custom = customRoleLabels(form.customRoles);
      if (custom.length > CUSTOM_ROLES_MAX) errors.push({ field: 'customRoles', message: `List at most ${CUSTOM_ROLES_MAX} other roles` });
      else if (custom.some((l) => [...l].length > ROLE_LABEL_MAX)) {
        errors.push({ field: 'customRoles', message: `Keep each other role to ${ROLE_LABEL_MAX} characters or fewer` });
      } else {
        const taken = new Set(roles.map((r) => r.id));
        const existing = new Set(roles.map((r) => r.label.toLowerCase()));
        for (const label of custom) if (!existing.has(label.toLowerCase())) roles.push({ id: customRoleId(label, taken), label });
      }
      if (roles.length === 0 && unknown.length === 0) errors.push({ field: 'roles', message: 'Offer at least one role: tick one or more, or list other roles' });
    }
    if (form.opensAt !== undefined && form.closesAt !== undefined && form.opensAt >= form.closesAt) {
      errors.push({ field: 'closesAt', message: 'The closing time must be after the opening time' });
    }
    if (errors.length > 0) return { errors };
    return {
      input: {
        name: form.name,
        questionnaireId: questionnaireId!,
        questionnaireVersion: questionnaireVersion!,
        form: formId!,
        mode: form.mode,
        resultsRelease: form.resultsRelease,
        roles,
        minGroupSize: form.minGroupSize,
        opensAt: form.opensAt ?? null,
        closesAt: form.closesAt ?? null,
        intro: form.intro,
        defaultLanguage: form.defaultLanguage ?? null,
      },
    };
  };

  const renderRound = (req: Request, res: Response, round: RoundRecord, status = 200, errors: FieldError[] = [], typed = '') => {
    const org = organisations.get(round.organisationId);
    const q = questionnaires.find(round.questionnaireId, round.questionnaireVersion);
    const base = publicBase(req, config);
    const t = pageWords(res);
    res.status(status).render('admin/round', {
      title: round.name,
      org,
      round,
      errors,
      typed,
      statusLabel: t(`admin.labels.status.${round.status}`),
      availability: availabilityText(services, round, zone, t, String(res.locals.lang)),
      questionnaireLabel: t('admin.round.questionnaireVersion', { title: q?.title ?? round.questionnaireId, version: round.questionnaireVersion }),
      formLabel: t(`admin.labels.form.${round.form}`),
      modeLabel: t(`admin.labels.mode.${round.mode}`),
      actions: services.actions.list(round),
      resultsPage: {
        published: services.resultsPage.publishedAt(round) !== null,
        visible: services.resultsPage.isVisible(round),
        canPublish: services.resultsPage.canPublish(round),
        url: `${roundLink(req, config, round)}/results`,
      },
      opensAt: round.opensAt === null ? null : zone.formatDateTime(round.opensAt, String(res.locals.lang)),
      closesAt: round.closesAt === null ? null : zone.formatDateTime(round.closesAt, String(res.locals.lang)),
      link: roundLink(req, config, round),
      joinAddress: `${base.replace(/^https?:\/\//, '')}/join`,
      joinCode: formatJoinCode(round.joinCode),
      counts: countsByRole(services, round),
      hasResponses: rounds.hasResponses(round.id),
      copyName: t('admin.round.copySuffix', { name: round.name }).slice(0, 200),
      observers: presenter ? presenter.observerSection(req, round) : { newUrl: null, links: [] },
    });
  };

  const showOrganisation = (req: Request, res: Response, status = 200, errors: FieldError[] = [], name?: string) => {
    const admin = adminOf(res);
    const org = access.organisation(admin, idParam(req, 'orgId'));
    const list = rounds.listByOrganisation(org.id).map((r) => ({
      id: r.id,
      name: r.name,
      status: r.status,
      statusLabel: pageWords(res)(`admin.labels.status.${r.status}`),
      mode: pageWords(res)(`admin.labels.mode.${r.mode}`),
      created: zone.formatDate(r.createdAt, String(res.locals.lang)),
      responses: countsByRole(services, r).total,
    }));
    res.status(status).render('admin/organisation', {
      title: org.name,
      org,
      rounds: list,
      errors,
      name: name ?? org.name,
      members: admin.role === 'owner' ? services.accounts.membersOf(org.id) : null,
    });
  };

  return {
    dashboard(_req: Request, res: Response) {
      const admin = adminOf(res);
      res.render('admin/index', { title: pageWords(res)('admin.dashboard.title'), organisations: access.organisations(admin), isOwner: admin.role === 'owner', errors: [], name: '' });
    },

    createOrganisation(req: Request, res: Response) {
      const admin = adminOf(res);
      access.requireOwner(admin);
      const form = parseForm(organisationNameSchema, req.body);
      if (!form.ok) {
        return res.status(400).render('admin/index', {
          title: pageWords(res)('admin.dashboard.title'),
          organisations: access.organisations(admin),
          isOwner: true,
          errors: form.errors,
          name: str((req.body as Record<string, unknown>)?.name, 400),
        });
      }
      const org = organisations.create(form.data.name);
      flash(req, 'success', pageWords(res)('admin.dashboard.added', { name: org.name }));
      res.redirect(303, `/admin/organisations/${org.id}`);
    },

    organisation: (req: Request, res: Response) => showOrganisation(req, res),

    renameOrganisation(req: Request, res: Response) {
      const org = access.organisation(adminOf(res), idParam(req, 'orgId'));
      const form = parseForm(organisationNameSchema, req.body);
      if (!form.ok) return showOrganisation(req, res, 400, form.errors, str((req.body as Record<string, unknown>)?.name, 400));
      organisations.rename(org.id, form.data.name);
      flash(req, 'success', pageWords(res)('admin.organisation.renamed', { name: form.data.name }));
      res.redirect(303, `/admin/organisations/${org.id}`);
    },

    newRound(req: Request, res: Response) {
      const org = access.organisation(adminOf(res), idParam(req, 'orgId'));
      renderForm(res, 200, { org, values: newRoundValues(req.query.mode === 'workshop' ? 'workshop' : 'survey'), errors: [] });
    },

    createRound(req: Request, res: Response) {
      const org = access.organisation(adminOf(res), idParam(req, 'orgId'));
      const values = valuesFromBody(req.body);
      const form = parseForm(roundSchema, req.body);
      const converted = form.ok ? toInput(form.data, roleChoices()) : { errors: form.errors };
      if ('errors' in converted) return renderForm(res, 400, { org, values, errors: converted.errors });
      try {
        const round = rounds.create(org.id, converted.input);
        flash(req, 'success', pageWords(res)('admin.round.flash.created', { name: round.name }));
        res.redirect(303, `/admin/rounds/${round.id}`);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        renderForm(res, 400, { org, values, errors: err.fieldErrors });
      }
    },

    round(req: Request, res: Response) {
      renderRound(req, res, access.round(adminOf(res), idParam(req, 'roundId')));
    },

    editRound(req: Request, res: Response) {
      const round = access.round(adminOf(res), idParam(req, 'roundId'));
      renderForm(res, 200, { org: organisations.get(round.organisationId), round, values: valuesFromRound(round), errors: [] });
    },

    updateRound(req: Request, res: Response) {
      const round = access.round(adminOf(res), idParam(req, 'roundId'));
      const org = organisations.get(round.organisationId);
      const values = valuesFromBody(req.body);
      const form = parseForm(roundSchema, req.body);
      // The form leaves out the fixed settings (and says so) once the round has responses.
      const keep = form.ok && form.data._fixed !== undefined && rounds.hasResponses(round.id) ? round : undefined;
      const converted = form.ok ? toInput(form.data, roleChoices(round), keep) : { errors: form.errors };
      if ('errors' in converted) return renderForm(res, 400, { org, round, values, errors: converted.errors });
      try {
        const updated = rounds.update(round.id, converted.input);
        flash(req, 'success', pageWords(res)('admin.round.flash.saved'));
        res.redirect(303, `/admin/rounds/${updated.id}`);
      } catch (err) {
        if (err instanceof ValidationError) return renderForm(res, 400, { org, round, values, errors: err.fieldErrors });
        if (err instanceof ConflictError) return renderForm(res, 409, { org, round, values: valuesFromRound(round), errors: [{ field: 'name', message: err.message }] });
        throw err;
      }
    },

    openRound(req: Request, res: Response) {
      const round = access.round(adminOf(res), idParam(req, 'roundId'));
      const wasClosed = round.status === 'closed';
      let opened;
      try {
        opened = rounds.open(round.id);
      } catch (err) {
        if (!(err instanceof ClosingTimePassedError)) throw err;
        flash(req, 'error', pageWords(res)('admin.round.flash.notOpened', { name: round.name, why: translateMessage(pageWords(res), err.message) }));
        return res.redirect(303, `/admin/rounds/${round.id}/edit#closesAt`);
      }
      const t = pageWords(res);
      const codeNote = opened.joinCode !== round.joinCode ? t('admin.round.flash.codeChanged', { code: formatJoinCode(opened.joinCode) }) : '';
      const when =
        opened.opensAt !== null && rounds.availability(opened).state === 'notYetOpen'
          ? t('admin.round.flash.answerFrom', { when: zone.formatDateTime(opened.opensAt, String(res.locals.lang)) })
          : t('admin.round.flash.answerNow');
      flash(req, 'success', `${t(wasClosed ? 'admin.round.flash.reopened' : 'admin.round.flash.opened', { name: round.name, when })}${codeNote}`);
      res.redirect(303, `/admin/rounds/${round.id}`);
    },

    /** The admin's explicit choice to add answers that are waiting for a safe batch. */
    releaseWaiting(req: Request, res: Response) {
      const round = access.round(adminOf(res), idParam(req, 'roundId'));
      const added = services.release.releaseAll(round);
      flash(req, 'success', added === 0 ? pageWords(res)('admin.round.flash.noneWaiting') : pageWords(res)('admin.round.flash.released', { count: added }));
      res.redirect(303, `/admin/rounds/${round.id}`);
    },

    duplicateRound(req: Request, res: Response) {
      const round = access.round(adminOf(res), idParam(req, 'roundId'));
      const form = parseForm(duplicateSchema, req.body);
      if (!form.ok) return renderRound(req, res, round, 400, form.errors.map((e) => ({ ...e, field: 'copyName' })));
      const copy = rounds.duplicate(round.id, form.data.name);
      flash(req, 'success', pageWords(res)('admin.round.flash.copied', { name: copy.name }));
      res.redirect(303, `/admin/rounds/${copy.id}`);
    },

    deleteRound(req: Request, res: Response) {
      const round = access.round(adminOf(res), idParam(req, 'roundId'));
      const form = parseForm(confirmNameSchema, req.body);
      const typed = form.ok ? form.data.confirmName : '';
      try {
        rounds.delete(round.id, typed);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return renderRound(req, res, round, 400, err.fieldErrors, typed);
      }
      flash(req, 'success', pageWords(res)('admin.round.flash.deleted', { name: round.name }));
      res.redirect(303, `/admin/organisations/${round.organisationId}`);
    },

    async qrCode(req: Request, res: Response) {
      const round = access.round(adminOf(res), idParam(req, 'roundId'));
      res.type('image/svg+xml').send(await qrSvg(roundLink(req, config, round)));
    },
  };
}
