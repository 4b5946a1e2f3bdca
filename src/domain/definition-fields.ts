// The field types every part of a questionnaire definition is built from.
import { z } from 'zod';

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** "Required" for a missing field, "Must be ..." for a value of the wrong type. */
export const typeError = (expected: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'Required' : `Must be ${expected}`);
export const idSchema = z
  .string({ error: typeError('text') })
  .max(64, 'Must be at most 64 characters')
  .regex(ID_PATTERN, 'Use lower-case letters, digits and single hyphens, e.g. "theme-1"');
export const textSchema = z.string({ error: typeError('text') }).trim().min(1, 'Must not be empty');
export const refSchema = z.string({ error: typeError('an id (text)') });
