import type { Request, Response } from 'express';
import type { Config } from '../../config';
import type { Services } from '../../services';
import { ConflictError, ValidationError } from '../../services/errors';
import { accessSchema, accountSchema, parseForm, type FieldError } from './forms';
import { idParam } from './rounds';
import { adminOf, flash } from './session';
import { publicBase } from './view-models';
import { zonedTime } from '../time-zone';
import { pageWords } from '../wording';


export function accountHandlers(services: Services, config: Config) {
  const zone = zonedTime(config.timeZone);
  const { accounts, access, organisations } = services;

  const owner = (res: Response) => {
    const admin = adminOf(res);
    access.requireOwner(admin);
    return admin;
  };

  const orgNames = () => new Map(organisations.listAll().map((o) => [o.id, o.name]));

  const renderNew = (res: Response, status: number, values: { email: string; role: string; organisations: number[] }, errors: FieldError[]) =>
    res.status(status).render('admin/account-new', { title: pageWords(res)('admin.accounts.add'), values, errors, organisations: organisations.listAll() });

  const renderDetail = (req: Request, res: Response, adminId: number, status = 200, errors: FieldError[] = [], values?: { role: string; organisations: number[] }) => {
    const actor = owner(res);
    const target = accounts.get(adminId);
    const fresh = req.session.newPasswordLink?.adminId === adminId ? req.session.newPasswordLink.url : null;
    if (fresh) delete req.session.newPasswordLink;
    const ids = accounts.organisationIds(adminId);
    res.status(status).render('admin/account-detail', {
      title: target.email,
      target,
      isSelf: target.id === actor.id,
      roleLabel: pageWords(res)(`admin.accounts.roles.${target.role}`),
      created: zone.formatDateTime(target.createdAt, String(res.locals.lang)),
      link: fresh,
      organisations: organisations.listAll(),
      values: values ?? { role: target.role, organisations: ids },
      errors,
    });
  };

  const rawValues = (body: unknown) => {
    const b = (body ?? {}) as Record<string, unknown>;
    const orgs = b.organisations === undefined ? [] : (Array.isArray(b.organisations) ? b.organisations : [b.organisations]).map(Number).filter(Number.isInteger);
    return { email: typeof b.email === 'string' ? b.email.slice(0, 320) : '', role: typeof b.role === 'string' ? b.role : '', organisations: orgs };
  };

  const linkUrl = (req: Request, token: string) => `${publicBase(req, config)}/admin/set-password/${token}`;

  return {
    list(_req: Request, res: Response) {
      owner(res);
      const t = pageWords(res);
      const names = orgNames();
      const rows = accounts.list().map((a) => ({
        ...a,
        roleLabel: t(`admin.accounts.roles.${a.role}`),
        organisations: a.role === 'owner' ? t('admin.accounts.allOrganisations') : a.organisationIds.map((id) => names.get(id) ?? '').filter(Boolean).join(', ') || t('admin.accounts.noneYet'),
      }));
      res.render('admin/accounts', { title: t('admin.accounts.title'), accounts: rows, selfId: adminOf(res).id });
    },

    newPage(_req: Request, res: Response) {
      owner(res);
      renderNew(res, 200, { email: '', role: 'member', organisations: [] }, []);
    },

    create(req: Request, res: Response) {
      const actor = owner(res);
      const values = rawValues(req.body);
      const form = parseForm(accountSchema, req.body);
      if (!form.ok) return renderNew(res, 400, values, form.errors);
      try {
        const { admin, token } = accounts.createAccount(actor, { email: form.data.email, role: form.data.role, organisationIds: form.data.organisations });
        req.session.newPasswordLink = { adminId: admin.id, url: linkUrl(req, token) };
        flash(req, 'success', pageWords(res)('admin.accounts.createdFlash', { email: admin.email }));
        res.redirect(303, `/admin/accounts/${admin.id}`);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        renderNew(res, 400, values, err.fieldErrors);
      }
    },

    show(req: Request, res: Response) {
      renderDetail(req, res, idParam(req, 'adminId'));
    },

    setAccess(req: Request, res: Response) {
      const actor = owner(res);
      const adminId = idParam(req, 'adminId');
      accounts.get(adminId);
      const form = parseForm(accessSchema, req.body);
      const values = rawValues(req.body);
      if (!form.ok) return renderDetail(req, res, adminId, 400, form.errors, values);
      try {
        const updated = accounts.setAccess(actor, adminId, { role: form.data.role, organisationIds: form.data.organisations });
        flash(req, 'success', pageWords(res)('admin.accounts.savedFlash', { email: updated.email }));
        res.redirect(303, `/admin/accounts/${adminId}`);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        renderDetail(req, res, adminId, 400, err.fieldErrors, values);
      }
    },

    newLink(req: Request, res: Response) {
      const actor = owner(res);
      const adminId = idParam(req, 'adminId');
      const token = accounts.newPasswordLink(actor, adminId);
      req.session.newPasswordLink = { adminId, url: linkUrl(req, token) };
      flash(req, 'success', pageWords(res)('admin.accounts.linkFlash'));
      res.redirect(303, `/admin/accounts/${adminId}`);
    },

    remove(req: Request, res: Response) {
      const actor = owner(res);
      const adminId = idParam(req, 'adminId');
      const target = accounts.get(adminId);
      try {
        accounts.delete(actor, adminId);
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
        return renderDetail(req, res, adminId, 409, [{ field: 'delete', message: err.message }]);
      }
      flash(req, 'success', pageWords(res)('admin.accounts.deletedFlash', { email: target.email }));
      res.redirect(303, '/admin/accounts');
    },
  };
}
