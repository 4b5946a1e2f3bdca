// The language switch of the pages outside a round (admin, home, reports): POST /language sets
// the language part of the `ps_wording` cookie (its Easy Read mark is kept) and sends the person
// back to the page they were on, on this site only. A round's pages have their own switch.
import type { IRouter, Request } from 'express';
import type { Response } from 'express';
import { z } from 'zod';
import type { Config } from '../../config';
import { ValidationError } from '../../services/errors';
import { PAGE_LANGUAGES } from '../i18n';
import { pageWords, readWordingCookie, setWordingCookie } from '../wording';

/**
 * A path on this site to go back to: "/admin/rounds/3?x=1" yes; "https://elsewhere", "//elsewhere",
 * "/\elsewhere", "javascript:" or anything with control characters, no ("/" instead).
 */
export function sameSitePath(back: unknown): string {
  if (typeof back !== 'string' || back.length > 2000 || !back.startsWith('/')) return '/';
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (back.startsWith('//') || back.includes('\\') || /[\u0000-\u001f\u007f\s]/.test(back)) return '/';
  try {
    const url = new URL(back, 'http://same.invalid');
    return url.origin === 'http://same.invalid' ? `${url.pathname}${url.search}${url.hash}` : '/';
  } catch {
    return '/';
  }
}

export const languageForm = z.object({
  language: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.enum(PAGE_LANGUAGES)),
  back: z.unknown().optional(),
});

export function languageRoutes(router: IRouter, config: Config): void {
  // CSRF-checked like every POST (the app-wide middleware).
  router.post('/language', (req: Request, res: Response) => {
    const form = languageForm.safeParse(req.body ?? {});
    if (!form.success) throw new ValidationError(pageWords(res)('admin.languageSwitch.unknown'));
    setWordingCookie(req, res, config, { language: form.data.language, easyRead: readWordingCookie(req).easyRead });
    res.redirect(303, sameSitePath(Array.isArray(form.data.back) ? form.data.back[0] : form.data.back));
  });
}
