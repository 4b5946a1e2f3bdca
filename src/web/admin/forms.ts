import { z } from 'zod';
import type { ZonedTime } from '../time-zone';

/** One problem with one field; `field` is the id of the input the error summary links to. */
export interface FieldError {
  field: string;
  message: string;
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldError[] };

/** Parses a form body with a zod schema; errors name the field (the first path segment) they belong to. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.output<S>> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return { ok: true, data: parsed.data };
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (seen.has(field)) continue; // one message a field, the first
    seen.add(field);
    errors.push({ field, message: issue.message });
  }
  return { ok: false, errors };
}

/**
 * Control characters (NUL, escape, DEL, the C1 range...) have no business in a name: they are
 * invisible on the page, break CSV cells and terminals, and a NUL truncates the text in some
 * tools. Multi-line fields may hold tab, line feed and carriage return; single-line fields none.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SINGLE_LINE_CONTROLS = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- as above
const MULTI_LINE_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
export const CONTROL_CHARACTER_MESSAGE = 'Remove the hidden control characters (such as NUL or escape) from this text: type it again or paste it as plain text';

/** Refuses control characters; `multiLine` allows tab and line breaks. Exported for other forms. */
export const plainText = (schema: z.ZodString, options: { multiLine?: boolean } = {}) =>
  schema.refine((s) => !(options.multiLine ? MULTI_LINE_CONTROLS : SINGLE_LINE_CONTROLS).test(s), CONTROL_CHARACTER_MESSAGE);

/** A text field that may arrive as an array (a repeated name) or not at all; no control characters. */
const text = (max: number, tooLong: string, options: { multiLine?: boolean } = {}) =>
  z.preprocess((v) => (Array.isArray(v) ? v[0] : v) ?? '', plainText(z.string().max(max, tooLong), options));

/** A password: any characters at all (control characters included), so no password ever stops working. */
const secret = (max: number, tooLong: string) => z.preprocess((v) => (Array.isArray(v) ? v[0] : v) ?? '', z.string().max(max, tooLong));

/** '' (or only spaces) means "not set", before anything is coerced: a blank must never become 0. */
const blankAsUndefined = (v: unknown) => {
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' && first.trim() === '' ? undefined : first;
};

/** A list from checkboxes: absent, one value or several. */
const checkboxList = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(100)).max(100));

/** A `datetime-local` field read in the organisation's time zone. */
const dateTime = (zone: Pick<ZonedTime, 'parseLocal'>, label: string) =>
  z.preprocess(
    blankAsUndefined,
    z
      .string()
      .max(40)
      .transform((v, ctx) => {
        const ms = zone.parseLocal(v);
        if (ms === undefined) {
          ctx.addIssue({ code: 'custom', message: `Enter the ${label} as a day and a time, for example 1 March 2026 at 09:00` });
          return z.NEVER;
        }
        return ms;
      })
      .optional(),
  );

export const ROUND_NAME_MAX = 200;
export const INTRO_MAX = 2000;
export const CUSTOM_ROLES_MAX = 20;
export const ROLE_LABEL_MAX = 100;

/**
 * The round form as sent. Questionnaire, form and roles may be absent when they are fixed (the
 * round has responses). Times are read in the organisation's time zone.
 */
export const roundFormSchema = (zone: Pick<ZonedTime, 'parseLocal'>) => z.object({
  name: text(ROUND_NAME_MAX, `Keep the name to ${ROUND_NAME_MAX} characters or fewer`).pipe(
    z.string().trim().min(1, 'Enter a name for the round, e.g. “Annual check 2026”'),
  ),
  questionnaire: z.preprocess(blankAsUndefined, z.string({ error: 'Choose a questionnaire' }).regex(/^[a-z0-9-]{1,64}@\d{1,6}$/, 'Choose a questionnaire').optional()),
  form: z.preprocess(blankAsUndefined, z.enum(['full', 'short'], { error: 'Choose the full form or the short form' }).optional()),
  mode: z.preprocess(blankAsUndefined, z.enum(['survey', 'workshop'], { error: 'Choose survey or workshop' })),
  // Absent (an older form, a script): the safe choice.
  resultsRelease: z.preprocess(blankAsUndefined, z.enum(['after-close', 'batches'], { error: 'Choose when results may show' }).default('after-close')),
  roles: checkboxList,
  customRoles: text(CUSTOM_ROLES_MAX * (ROLE_LABEL_MAX + 2), 'List fewer other roles', { multiLine: true }),
  minGroupSize: z.preprocess(
    blankAsUndefined,
    z.coerce
      .number({ error: 'Enter the minimum group size as a whole number, e.g. 5' })
      .int('Enter the minimum group size as a whole number, e.g. 5')
      .min(3, 'The minimum group size must be at least 3, or small groups could be identified')
      .max(1000, 'The minimum group size must be 1,000 or less')
      .default(5),
  ),
  opensAt: dateTime(zone, 'opening time'),
  closesAt: dateTime(zone, 'closing time'),
  // Blank: each person's browser decides. Whether the questionnaire has it is the service's check.
  defaultLanguage: z.preprocess(blankAsUndefined, z.string().regex(/^[a-z]{2,3}(?:-[A-Z]{2})?$/, 'Choose a language from the list').optional()),
  intro: text(INTRO_MAX, `Keep the introduction to ${INTRO_MAX.toLocaleString('en-GB')} characters or fewer`, { multiLine: true }).transform((s) => s.trim()),
  _fixed: z.unknown().optional(),
});
export type RoundForm = z.output<ReturnType<typeof roundFormSchema>>;

/** "Peer support worker" -> "custom-peer-support-worker"; letters outside a-z fall back to a number. */
export function customRoleId(label: string, taken: Set<string>): string {
  const slug = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  const base = `custom-${slug || 'role'}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** Lines of the "Other roles" box: trimmed, blanks dropped, the same label (any case) once. */
export function customRoleLabels(textarea: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of textarea.split(/\r?\n/)) {
    const label = line.trim().replace(/\s+/g, ' ');
    if (!label || seen.has(label.toLowerCase())) continue;
    seen.add(label.toLowerCase());
    out.push(label);
  }
  return out;
}

export const organisationNameSchema = z.object({
  name: text(200, 'Keep the name to 200 characters or fewer').pipe(z.string().trim().min(1, 'Enter the organisation’s name')),
});

export const loginSchema = z.object({
  email: text(320, 'Enter your email address').pipe(z.string().trim().min(1, 'Enter your email address')),
  password: secret(1024, 'The email or password is not right').pipe(z.string().min(1, 'Enter your password')),
});

const newPassword = secret(1024, 'Use at most 128 characters');
export const setupSchema = z.object({
  code: text(40, 'Enter the set-up code printed when the server started').pipe(z.string().trim().min(1, 'Enter the set-up code printed when the server started')),
  email: text(320, 'Enter an email address like name@example.org').pipe(z.string().trim().min(1, 'Enter your email address')),
  password: newPassword.pipe(z.string().min(1, 'Choose a password')),
  confirm: newPassword,
});

export const setPasswordSchema = z.object({
  password: newPassword.pipe(z.string().min(1, 'Choose a password')),
  confirm: newPassword,
});

export const changePasswordSchema = z.object({
  current: secret(1024, 'Your current password is not right').pipe(z.string().min(1, 'Enter your current password')),
  password: newPassword.pipe(z.string().min(1, 'Choose a new password')),
  confirm: newPassword,
});

export const accountSchema = z.object({
  email: text(320, 'Enter an email address like name@example.org').pipe(z.string().trim().min(1, 'Enter the person’s email address')),
  role: z.preprocess(blankAsUndefined, z.enum(['owner', 'member'], { error: 'Choose what the person may do' })),
  organisations: checkboxList.pipe(z.array(z.string().regex(/^\d{1,12}$/, 'Choose organisations from the list').transform(Number))),
});

export const accessSchema = accountSchema.omit({ email: true });

/** Grace periods offered when closing a round, in minutes (0: none). */
export const GRACE_MINUTES = ['0', '15', '60', '1440'] as const;
export const closeRoundSchema = z.object({
  confirm: z.literal('yes', { error: 'Confirm that you want to close the round' }),
  grace: z.preprocess((v) => (v === undefined || v === '' ? '0' : v), z.enum(GRACE_MINUTES, { error: 'Choose how long people who have started may still send' })),
});

export const confirmNameSchema = z.object({ confirmName: text(400, 'Type the round’s name exactly') });
export const duplicateSchema = z.object({
  name: text(ROUND_NAME_MAX, `Keep the name to ${ROUND_NAME_MAX} characters or fewer`).pipe(z.string().trim().min(1, 'Enter a name for the copy')),
});
