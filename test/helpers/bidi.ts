// Shared by the bidi and XSS tests.

/**
 * What is left of a page once everything isolated is taken out: <bdi> elements, elements with
 * dir="auto", the title's isolate, attribute values and form fields (their own bidi context).
 * A direction control that survives this could reorder the text around it.
 */
export function unisolated(html: string): string {
  let rest = html;
  let before;
  do {
    before = rest;
    rest = rest.replace(/<bdi>[^<]*<\/bdi>/g, '');
  } while (rest !== before);
  return rest
    .replace(/<(\w+)[^>]*\sdir="auto"[^>]*>[^<]*<\/\1>/g, '')
    .replace(/<title>[^<]*\u2068[^<]*\u2069[^<]*<\/title>/, '<title></title>')
    .replace(/<textarea[^>]*>[^<]*<\/textarea>/g, '')
    .replace(/="[^"]*"/g, '=""');
}
