import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { pageWords } from '../wording';
import multer from 'multer';
import type { Services } from '../../services';
import { NotFoundError } from '../../services/errors';
import { IMPORT_MAX_BYTES, type ImportResult } from '../../services/questionnaire-import';
import { verifyCsrf } from '../security';
import { adminOf, flash } from './session';
import type { Config } from '../../config';
import { zonedTime } from '../time-zone';

const IMPORT_FIELD = 'definition';
const KB = IMPORT_MAX_BYTES / 1024;

/** A file one could edit: its name without folders or odd characters, for messages only. */
const safeName = (name: string) => name.replace(/^.*[\\/]/, '').slice(0, 100);

export function questionnaireHandlers(services: Services, config: Config) {
  const zone = zonedTime(config.timeZone);
  const { questionnaires, questionnaireImport, access } = services;

  const renderImport = (res: Response, status: number, opts: { problems?: { path: string; message: string }[]; message?: string; filename?: string } = {}) => {
    const t = pageWords(res);
    const file = opts.filename ? safeName(opts.filename) : t('admin.questionnaires.theFile');
    const summary = opts.message ?? (opts.problems?.length ? t('admin.questionnaires.hasProblems', { file, count: opts.problems.length }) : undefined);
    res.status(status).render('admin/questionnaire-import', {
      title: t('admin.questionnaires.import'),
      maxKb: KB,
      problems: opts.problems ?? [],
      errors: summary ? [{ field: IMPORT_FIELD, message: summary }] : [],
    });
  };

  /** After the checks: a result page, or the next step. */
  const respond = (req: Request, res: Response, result: ImportResult, json: string, filename: string) => {
    switch (result.status) {
      case 'invalid':
        return renderImport(res, 400, { problems: result.problems, filename });
      case 'conflict':
        return renderImport(res, 409, { problems: result.problems, filename });
      case 'needsConfirmation':
        req.session.pendingImport = { json, filename };
        return res.redirect(303, '/admin/questionnaires/import/confirm');
      case 'imported': {
        delete req.session.pendingImport;
        const q = result.questionnaire;
        flash(req, 'success', pageWords(res)('admin.questionnaires.importedFlash', { title: q.title, version: q.version }));
        return res.redirect(303, `/admin/questionnaires/${encodeURIComponent(q.id)}/versions/${q.version}`);
      }
    }
  };

  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 6 } }).single(IMPORT_FIELD);

  return {
    /** Lets only owners through (ForbiddenError, 403, for members). */
    ownerOnly: ((_req: Request, res: Response, next: NextFunction) => {
      access.requireOwner(adminOf(res));
      next();
    }) as RequestHandler,

    /** Parses the multipart upload (size-limited), then checks the CSRF token it carried. */
    upload: ((req: Request, res: Response, next: NextFunction) => {
      upload(req, res, (err: unknown) => {
        if (err instanceof multer.MulterError) {
          if (err.code === 'LIMIT_FILE_SIZE') {
            return renderImport(res, 413, { message: pageWords(res)('admin.questionnaires.tooLarge', { kb: KB }) });
          }
          return renderImport(res, 400, { message: pageWords(res)('admin.questionnaires.oneFile') });
        }
        // Anything else the multipart parser reports (no boundary, a body cut short, a malformed
        // part header) is a request we cannot read, not a fault of ours: 400, never 500.
        if (err) return renderImport(res, 400, { message: pageWords(res)('admin.questionnaires.unreadable') });
        try {
          verifyCsrf(req, res);
        } catch (csrfErr) {
          return next(csrfErr);
        }
        next();
      });
    }) as RequestHandler,

    list(_req: Request, res: Response) {
      const rows = questionnaires.list().map((q) => ({ ...q, imported: q.importedAt === null ? null : zone.formatDate(q.importedAt, String(res.locals.lang)) }));
      res.render('admin/questionnaires', { title: pageWords(res)('admin.questionnaires.title'), questionnaires: rows, canImport: adminOf(res).role === 'owner' });
    },

    show(req: Request, res: Response) {
      const version = String(req.params.version);
      const q = /^\d{1,6}$/.test(version) ? questionnaires.find(String(req.params.qid), Number(version)) : undefined;
      if (!q) throw new NotFoundError(pageWords(res)('admin.questionnaires.notFound'));
      const themes = q.themes.map((t) => ({ ...t, items: q.items.filter((i) => i.theme === t.id) }));
      res.render('admin/questionnaire', {
        title: q.title,
        q,
        themes,
        builtIn: questionnaires.isBuiltIn(q.id, q.version),
        shortCount: q.forms.short.length,
        fullCount: q.forms.full.length,
      });
    },

    exportJson(req: Request, res: Response) {
      const version = String(req.params.version);
      if (!/^\d{1,6}$/.test(version)) throw new NotFoundError('That questionnaire was not found');
      const { filename, json } = questionnaireImport.exportDefinition(String(req.params.qid), Number(version));
      res.attachment(filename).type('application/json').send(json);
    },

    importPage(_req: Request, res: Response) {
      renderImport(res, 200);
    },

    importFile(req: Request, res: Response) {
      const file = req.file;
      if (!file) return renderImport(res, 400, { message: pageWords(res)('admin.questionnaires.chooseFile') });
      const result = questionnaireImport.importDefinition(file.buffer);
      respond(req, res, result, file.buffer.toString('utf8'), safeName(file.originalname));
    },

    confirmPage(req: Request, res: Response) {
      const pending = req.session.pendingImport;
      if (!pending) return res.redirect(303, '/admin/questionnaires/import');
      const result = questionnaireImport.importDefinition(pending.json);
      if (result.status !== 'needsConfirmation') {
        delete req.session.pendingImport;
        return respond(req, res, result, pending.json, pending.filename);
      }
      res.render('admin/questionnaire-confirm', {
        title: pageWords(res)('admin.questionnaires.confirmTitle'),
        q: result.questionnaire,
        comparedWith: result.comparedWith,
        warnings: result.warnings,
        filename: pending.filename,
      });
    },

    confirm(req: Request, res: Response) {
      const pending = req.session.pendingImport;
      if (!pending) {
        flash(req, 'error', pageWords(res)('admin.questionnaires.nothingWaiting'));
        return res.redirect(303, '/admin/questionnaires/import');
      }
      delete req.session.pendingImport;
      respond(req, res, questionnaireImport.importDefinition(pending.json, { confirmWarnings: true }), pending.json, pending.filename);
    },

    cancel(req: Request, res: Response) {
      delete req.session.pendingImport;
      flash(req, 'success', pageWords(res)('admin.questionnaires.nothingImported'));
      res.redirect(303, '/admin/questionnaires');
    },
  };
}
