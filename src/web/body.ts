import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { z } from 'zod';

/** The most fields and list items a body may carry: the same as the form parser's parameterLimit. */
export const BODY_FIELDS_MAX = 500;

/** A body that parsed but is not shaped like a form (see {@link formShapedBody}). */
export class MalformedBodyError extends Error {
  override name = 'MalformedBodyError';
  readonly status = 400;
}

/** A request body of a type no route reads (e.g. text/plain, XML). */
export class UnsupportedBodyError extends Error {
  override name = 'UnsupportedBodyError';
  readonly status = 415;
}

/** Body types the app parses: forms, JSON, and multipart on the routes that take uploads. */
export const ACCEPTED_BODY_TYPES = ['application/x-www-form-urlencoded', 'application/json', 'multipart/form-data'];

/**
 * What every handler may assume about `req.body`: what an HTML form sends, i.e. an object of
 * fields whose values are text or flat lists of text. `express.urlencoded` (extended: false) can
 * only produce this; `express.json` can produce anything (nested objects such as
 * `{"roles":{"toString":1}}`, arrays nested 20,000 deep, numbers, null), which handlers written
 * for forms would turn into a 500 or worse. Checking the shape once here, right after parsing,
 * means no handler has to defend against it.
 */
const formShape = z
  .record(z.string(), z.union([z.string(), z.array(z.string()).max(BODY_FIELDS_MAX)]))
  .refine((body) => Object.keys(body).length <= BODY_FIELDS_MAX);

/** After the body parsers: 415 for a body type nothing reads, 400 for a body that is not form-shaped. */
export function formShapedBody(): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    // null: no body at all; false: a body of another type (or none declared). An empty body
    // (Content-Length: 0, e.g. a POST carrying its token in X-CSRF-Token) has nothing to read.
    if (req.is(ACCEPTED_BODY_TYPES) === false && req.get('content-length') !== '0') {
      return next(new UnsupportedBodyError('Send the form as application/x-www-form-urlencoded (or JSON, or multipart for a file upload).'));
    }
    if (req.body === undefined) return next();
    // Checked without building a copy: handlers keep the parsed object.
    if (!isPlainObject(req.body) || !formShape.safeParse(req.body).success) {
      return next(new MalformedBodyError('Send each field as text or as a list of text, as a form does.'));
    }
    next();
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
