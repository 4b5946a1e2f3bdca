import type { Request } from 'express';
import { NotFoundError } from '../services/errors';

/** A positive whole-number id from the path, or 404. */
export function idParam(req: Request, name: string): number {
  const raw = String(req.params[name]);
  if (!/^[1-9]\d{0,11}$/.test(raw)) throw new NotFoundError('That page was not found');
  return Number(raw);
}
