import type { Request } from 'express';
import { ValidationError } from '../services/errors';

/**
 * A share token sent as "Authorization: Bearer <token>". A token in the address (`?token=`) is
 * refused, not read: addresses are kept in proxy logs and browser histories, where a token would
 * outlive its revocation's notice. (The board's own pages use /share/<token>, which is the link.)
 */
export function bearerToken(req: Request): string | undefined {
  if (req.query.token !== undefined) {
    throw new ValidationError('Send the share token in an "Authorization: Bearer <token>" header, not in the address: addresses are kept in logs and browser histories.');
  }
  return /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
}
