/**
 * Wall-clock times in the organisation's time zone (config.timeZone), with Intl only.
 * Admins type and read times as their clocks show them; the database keeps epoch milliseconds.
 */

const DATETIME_LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export interface ZonedTime {
  timeZone: string;
  /** `<input type="datetime-local">` value read in the zone -> epoch ms; undefined if not a real time. */
  parseLocal(value: string): number | undefined;
  /** Epoch ms -> a `datetime-local` value in the zone ('' for null). */
  toLocal(ms: number | null): string;
  /**
   * "1 March 2026 at 09:00 GMT" (the zone's short name: BST in a British summer); in Welsh (`cy`)
   * "1 Mawrth 2026 am 09:00 GMT", for a sentence in the page's language. English by default.
   */
  formatDateTime(ms: number, language?: string): string;
  /** "1 March 2026"; "1 Mawrth 2026" in Welsh. */
  formatDate(ms: number, language?: string): string;
}

/** The word between the date and the time, per language the dates are written in. */
const AT: Record<string, string> = { en: 'at', cy: 'am' };

/** The Intl locale for a page language: British English for `en`, the code itself otherwise. */
const localeOf = (language: string) => (language === 'en' ? 'en-GB' : language);

export function zonedTime(timeZone: string): ZonedTime {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const formats = new Map<string, { dateTime: Intl.DateTimeFormat; date: Intl.DateTimeFormat }>();
  /** The formats of one language (English for one the dates are not written in), made once. */
  const formatsIn = (wanted: string) => {
    const language = wanted in AT ? wanted : 'en';
    let f = formats.get(language);
    if (!f) {
      const locale = localeOf(language);
      f = {
        dateTime: new Intl.DateTimeFormat(locale, {
          timeZone,
          day: 'numeric',
          month: 'long',
          year: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
          timeZoneName: 'short',
        }),
        date: new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'long', year: 'numeric' }),
      };
      formats.set(language, f);
    }
    return { ...f, at: AT[language] };
  };

  /** The wall clock in the zone at `ms`, as if it were UTC. */
  const wallClock = (ms: number): number => {
    const p = Object.fromEntries(parts.formatToParts(ms).map((x) => [x.type, x.value]));
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  };
  /** How far the zone's clock is ahead of UTC at `ms`. */
  const offset = (ms: number) => wallClock(ms) - Math.floor(ms / 1000) * 1000;

  return {
    timeZone,
    parseLocal(value) {
      const m = DATETIME_LOCAL.exec(value.trim());
      if (!m) return undefined;
      const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
      const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
      const back = new Date(asUtc);
      // Reject 31 February and the like instead of rolling over into March.
      if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59) return undefined;
      // Two passes settle the offset, also next to a daylight-saving change. A time that falls in
      // the hour the clocks skip lands an hour later; in the repeated hour, on the first of the two.
      let ms = asUtc - offset(asUtc);
      ms = asUtc - offset(ms);
      const earlier = ms - 3_600_000;
      return wallClock(earlier) === asUtc ? earlier : ms;
    },
    toLocal(ms) {
      return ms === null ? '' : new Date(wallClock(ms)).toISOString().slice(0, 16);
    },
    formatDateTime(ms, language = 'en') {
      const f = formatsIn(language);
      const p = Object.fromEntries(f.dateTime.formatToParts(ms).map((x) => [x.type, x.value]));
      return `${p.day} ${p.month} ${p.year} ${f.at} ${p.hour}:${p.minute} ${p.timeZoneName}`;
    },
    formatDate: (ms, language = 'en') => formatsIn(language).date.format(ms),
  };
}

const calendarFormats = new Map<string, Intl.DateTimeFormat>();
/**
 * A calendar date as people type it ("2027-03-31", no time of day, no zone) in words, for a
 * sentence in the page's language: "31 March 2027", "31 Mawrth 2027". Anything that is not such a
 * date is returned as it is.
 */
export function formatCalendarDate(iso: string, language = 'en'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== iso) return iso;
  const key = language in AT ? language : 'en';
  let f = calendarFormats.get(key);
  if (!f) calendarFormats.set(key, (f = new Intl.DateTimeFormat(localeOf(key), { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' })));
  return f.format(ms);
}
