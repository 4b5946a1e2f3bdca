// Pages rendered once and kept, with holes for what differs from one person to the next
// (issue 12, docs/performance.md).
//
// Most of a respondent page is the same for everyone who sees it in the same state: the home
// and join pages per language, a round's welcome page per round and wording, a theme page per
// round, wording and page. What differs per person is small and known: the form's CSRF token, the
// answers a draft already holds (which radio is checked, what a comment box says), a resume code,
// a code typed into the address. A page is rendered once per state with a marker in each of those
// holes, cut at the markers and kept; later requests only fill the holes. Rendering a theme page
// was about a third of its time, and most of the garbage the collector had to clear.
//
// What "the same state" means is the key: the page's own key parts (the route's) plus everything
// in res.locals that the shared middlewares set and the templates read (sharedKey below). A page
// whose view depends on anything else must say so in its own key, or not be cached (key null).
// Under test, every page served from the cache is also rendered afresh and compared byte for
// byte (mode 'audit'), so a key that misses something fails the test that shows it.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Response } from 'express';
import ejs from 'ejs';
import { sendHtml, type ViewEngine } from './views';

export type PageCacheMode = 'on' | 'off' | 'audit';

/** What a template prints for a hole: the person's own value, or while caching, a marker. */
export type Hole = (name: string) => string;

/** The hole the form token goes in: every view's csrfToken() prints it. */
const CSRF_HOLE = 'csrf';

/** A page with its holes left empty, as UTF-8: hole i goes at byte `at[i]` of `page`. */
interface CutPage {
  page: Buffer;
  at: number[];
  holes: string[];
}

export interface CachedRender {
  /** The page's own key parts (JSON-serialisable), or null: render afresh, keep nothing. */
  key: readonly unknown[] | null;
  /** The view's locals; every per-person value in them goes through `hole`. */
  locals: (hole: Hole) => Record<string, unknown>;
  /** A hole's value for this person (raw text: it is escaped as the template's <%= %> would). */
  values?: (name: string) => string | undefined;
}

export class PageCacheMismatchError extends Error {
  override name = 'PageCacheMismatchError';
}

/**
 * The state shared middlewares put in res.locals that the templates read. Derived values are
 * left out where what they derive from is in: htmlLang and t from lang and wording; base, texts,
 * textLang, roundLang from round and wording. Pages with a flash message are never cached.
 */
const sharedKey = (res: Response): unknown[] => {
  const l = res.locals;
  return [l.lang, l.cannotSave ?? false, l.currentPath, l.joinSwitch ?? null, l.wordingChoices ?? null, roundKey(l.round), l.wording ?? null, l.graceNotice ?? null];
};

/**
 * A round as a key: the whole record, so that no change to it can be missed. Rounds come frozen
 * from the round cache (db/rounds.ts), the same object while unchanged and a new one after any
 * change, so a frozen round stands for its whole record by a number of its own: numbers are
 * never given twice, so a changed round cannot come back under an earlier round's key. Writing the
 * record out in every request's key (about 1 KB, escaped again inside the key's JSON) and
 * hashing it cost more than the look-up it served (issue 12). A round that is not frozen is
 * written out whole.
 */
const ROUND_IDS = new WeakMap<object, number>();
let roundIds = 0;
function roundKey(round: unknown): string | number | null {
  if (round === undefined || round === null) return null;
  if (!Object.isFrozen(round)) return JSON.stringify(round);
  let id = ROUND_IDS.get(round);
  if (id === undefined) ROUND_IDS.set(round, (id = ++roundIds));
  return id;
}

/** What the templates may read from res.locals besides the page's own: sharedKey's names, and what is derived from them. */
const KEYED_LOCALS = [
  ...['lang', 'cannotSave', 'currentPath', 'joinSwitch', 'wordingChoices', 'round', 'wording', 'graceNotice', 'flash'],
  // derived: from lang and wording (htmlLang, t), from round and wording (base, texts, questionnaire, textLang, roundLang)
  ...['htmlLang', 't', 'base', 'texts', 'questionnaire', 'textLang', 'roundLang'],
];

/** The locals as templates see them (EJS reads them through `with`), noting each name found. */
function recording(data: Record<string, unknown>, read: Set<string>): Record<string, unknown> {
  const note = (name: string | symbol) => {
    if (typeof name === 'string' && name in data) read.add(name);
  };
  return new Proxy(data, {
    has: (target, name) => (note(name), name in target),
    get: (target, name, receiver) => (note(name), Reflect.get(target, name, receiver) as unknown),
  });
}

const escape = ejs.escapeXML as (s: unknown) => string;

export class PageCache {
  private readonly pages = new Map<string, CutPage>();
  /** Unguessable, so no text in a page (even one typed by someone) can look like a marker. */
  private readonly nonce = randomBytes(8).toString('hex');
  private readonly marker = `\u0000${this.nonce}:`;
  private readonly markerPattern = new RegExp(`${this.marker}(\\d+)\u0000`);

  constructor(
    private readonly engine: ViewEngine,
    private readonly viewsDir: string,
    readonly mode: PageCacheMode,
    /** Pages kept at most; when full, the one unused for longest makes way. */
    private readonly max = 300,
  ) {}

  get size(): number {
    return this.pages.size;
  }

  /**
   * Renders `view` for this response and sends it (200 unless the status was set before), as
   * res.send would for HTML, without its detours (no ETag: these pages are no-store).
   */
  send(res: Response, view: string, page: CachedRender): void {
    sendHtml(res, this.body(res, view, page));
  }

  /**
   * The page's bytes for this response. A kept page is kept as bytes (UTF-8), so a request only
   * encodes its holes' values and copies the rest: encoding the whole page again cost more than
   * filling it (issue 12).
   */
  body(res: Response, view: string, page: CachedRender): Buffer {
    const value = (name: string) => (name === CSRF_HOLE ? (res.locals.csrfToken as () => string)() : (page.values?.(name) ?? ''));
    const fresh = () => Buffer.from(this.render(res, view, page.locals((name) => value(name))), 'utf8');
    const flash = res.locals.flash as unknown[] | undefined;
    if (this.mode === 'off' || page.key === null || (flash && flash.length > 0)) return fresh();
    const key = JSON.stringify([view, ...sharedKey(res), ...page.key]);
    let cut = this.pages.get(key);
    if (cut) {
      // Most recently used last: when full, the page unused for longest goes first.
      this.pages.delete(key);
      this.pages.set(key, cut);
    } else {
      const made = this.cut(res, view, page);
      if (!made) return fresh();
      if (this.pages.size >= this.max) this.pages.delete(this.pages.keys().next().value!);
      this.pages.set(key, (cut = made));
    }
    // Only the holes this person fills cut the kept page: most of a theme page's holes (a radio
    // button not chosen) stay empty, and escaping and copying at each of them was a third of
    // the filling in a profile (issue 12; in CPU a request, within the noise). A page with
    // nothing to fill is sent as it is kept (nothing writes to a Buffer once sent).
    const parts: Buffer[] = [];
    let from = 0;
    let length = cut.page.length;
    for (let i = 0; i < cut.holes.length; i++) {
      const own = value(cut.holes[i]);
      if (own === '') continue;
      const bytes = Buffer.from(escape(own), 'utf8');
      if (cut.at[i] > from) parts.push(cut.page.subarray(from, cut.at[i]));
      parts.push(bytes);
      length += bytes.length;
      from = cut.at[i];
    }
    let body = cut.page;
    if (parts.length > 0) {
      parts.push(cut.page.subarray(from));
      body = Buffer.concat(parts, length);
    }
    if (this.mode === 'audit') {
      const expected = fresh();
      if (!expected.equals(body)) throw new PageCacheMismatchError(`The page cache served ${view} differently from a fresh rendering: its key misses something the page depends on.\n${firstDifference(expected.toString(), body.toString())}`);
    }
    return body;
  }

  /** Renders the page with a marker in each hole, and cuts it there; null if it cannot be cut. */
  private cut(res: Response, view: string, page: CachedRender): CutPage | null {
    const holes: string[] = [];
    const mark: Hole = (name) => `${this.marker}${holes.push(name) - 1}\u0000`;
    const own = { ...page.locals(mark), csrfToken: () => mark(CSRF_HOLE) };
    // Under audit, every name the templates read must be the page's own, the app's, or in the
    // shared key (or derived from it): a template reading anything else (a new res.locals value)
    // would otherwise be kept with whatever the first visitor had.
    const read = this.mode === 'audit' ? new Set<string>() : undefined;
    const parts = this.render(res, view, own, read).split(this.markerPattern);
    if (read) {
      const allowed = new Set([...KEYED_LOCALS, ...Object.keys(res.app.locals), ...Object.keys(own)]);
      const unkeyed = [...read].filter((name) => !allowed.has(name));
      if (unkeyed.length) throw new PageCacheMismatchError(`${view} reads ${unkeyed.join(', ')}, which the page cache's key does not cover: add it to sharedKey (and KEYED_LOCALS), the page's own key, or a hole`);
    }
    // split with a capture group: text, hole index, text, hole index, ..., text
    const texts: string[] = [];
    const order: string[] = [];
    parts.forEach((part, i) => (i % 2 === 0 ? texts.push(part) : order.push(holes[Number(part)])));
    // A marker the template changed (sliced, upper-cased) instead of printing it would leak. A
    // page with a NUL left is not kept: rendered afresh (and under audit, a failure to mend).
    if (texts.some((t) => t.includes('\u0000'))) {
      if (this.mode === 'audit') throw new PageCacheMismatchError(`${view}: a hole was changed instead of printed, so the page cannot be kept`);
      return null;
    }
    const pieces = texts.map((t) => Buffer.from(t, 'utf8'));
    const at: number[] = [];
    let offset = 0;
    for (let i = 0; i < order.length; i++) at.push((offset += pieces[i].length));
    return { page: Buffer.concat(pieces), at, holes: order };
  }

  /** As res.render would: app.locals, then res.locals, then the page's own; `read` collects the names the templates look up. */
  private render(res: Response, view: string, locals: Record<string, unknown>, read?: Set<string>): string {
    const data = Object.assign(Object.create(null) as Record<string, unknown>, res.app.locals, res.locals, locals);
    return this.engine.render(path.join(this.viewsDir, `${view}.ejs`), read ? recording(data, read) : data);
  }
}

/** Where two renderings of a page part, for the audit's message. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `fresh:  ${JSON.stringify(a.slice(Math.max(0, i - 60), i + 60))}\ncached: ${JSON.stringify(b.slice(Math.max(0, i - 60), i + 60))}`;
}
