// The admin pages' form messages in the page's language. The forms' zod schemas and the services
// word their problems in English (tests and logs read them); the catalogue's `admin.errors` holds
// each of those sentences, so a message is looked up by its English text (with {{values}} read
// back out of it) and shown in the visitor's language. A message not in the catalogue stays as is.
import type { RequestHandler, Response } from 'express';
import type { TFunction } from 'i18next';
import { adminEn } from '../locales/admin/en';
import { pageWords } from '../wording';
import type { FieldError } from './forms';

type ErrorKey = keyof typeof adminEn.errors;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each English message as a pattern: "Use at least {{min}} characters" reads back `min`. */
const patterns = (Object.entries(adminEn.errors) as [ErrorKey, string][]).map(([key, english]) => {
  const names: string[] = [];
  const source = english
    .split(/(\{\{\w+\}\})/)
    .map((part) => {
      const m = /^\{\{(\w+)\}\}$/.exec(part);
      if (!m) return escapeRegExp(part);
      names.push(m[1]);
      return '(.+?)';
    })
    .join('');
  return { key, names, regex: new RegExp(`^${source}$`, 's'), exact: names.length === 0 ? english : null };
});
const exact = new Map(patterns.filter((p) => p.exact !== null).map((p) => [p.exact!, p.key]));
const templated = patterns.filter((p) => p.exact === null);

/** One message in the page's language (English in, English out when the page is English). */
export function translateMessage(t: TFunction, message: string): string {
  const key = exact.get(message);
  if (key !== undefined) return t(`admin.errors.${key}`);
  for (const p of templated) {
    const m = p.regex.exec(message);
    if (m) return t(`admin.errors.${p.key}`, Object.fromEntries(p.names.map((n, i) => [n, m[i + 1]])));
  }
  return message;
}

export const translateErrors = (t: TFunction, errors: readonly FieldError[]): FieldError[] =>
  errors.map((e) => ({ ...e, message: translateMessage(t, e.message) }));

/**
 * For the admin router: every page it renders shows its `errors` in the page's language, and
 * every flash message set in English reaches the next page translated when set.
 */
export function adminWords(): RequestHandler {
  return (_req, res: Response, next) => {
    const render = res.render.bind(res) as (view: string, options?: object, callback?: (err: Error, html: string) => void) => void;
    res.render = ((view: string, options?: object, callback?: (err: Error, html: string) => void) => {
      const errors = (options as { errors?: unknown } | undefined)?.errors;
      if (Array.isArray(errors) && errors.length > 0) options = { ...options, errors: translateErrors(pageWords(res), errors as FieldError[]) };
      return render(view, options, callback);
    }) as Response['render'];
    next();
  };
}
