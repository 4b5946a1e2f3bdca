/** Right-to-left letters or explicit direction controls: text that could reorder what follows it. */
const BIDI_SENSITIVE = /[\u0590-\u08FF\u200E\u200F\u202A-\u202E\u2066-\u2069\uFB1D-\uFDFF\uFE70-\uFEFF]/;

/**
 * For text where markup cannot go (the page <title>): wraps it in FIRST STRONG ISOLATE ... POP
 * DIRECTIONAL ISOLATE when it holds right-to-left text or direction controls, so an unclosed
 * override in a round's name cannot reorder the rest of the title. Pages use <bdi> instead.
 */
export function isolateBidi(text: string): string {
  return BIDI_SENSITIVE.test(text) ? `\u2068${text}\u2069` : text;
}
