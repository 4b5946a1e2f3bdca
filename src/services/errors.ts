/**
 * Small errors that services throw; the web layer maps each to a status code.
 * Messages are written for the person who will read them.
 */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}
export class ConflictError extends Error {
  override name = 'ConflictError';
}
export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
}
/** Something that existed and is no longer available (e.g. a closed round). */
export class GoneError extends Error {
  override name = 'GoneError';
}
/** Input that passed parsing but breaks a rule only the service can check. */
export class ValidationError extends Error {
  override name = 'ValidationError';
  constructor(
    message: string,
    readonly fieldErrors: { field: string; message: string }[] = [],
  ) {
    super(message);
  }
}
/** Why nothing can be saved: the disk (or the size limit) is full, or the database cannot be written. */
export type StorageProblem = 'full' | 'read-only';

/** Nothing can be saved right now (see `reason`). Maps to 503; nothing already saved is lost. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
  constructor(
    message: string,
    readonly reason: StorageProblem = 'full',
  ) {
    super(message);
  }
}
