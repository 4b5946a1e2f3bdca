// The view engine: EJS templates, compiled by EJS itself, rendered with includes that cost
// almost nothing (issue 12, docs/performance.md).
//
// EJS's own renderFile, for every include at every request: copies every local twice into new
// objects (about 30 of them: app.locals, res.locals and the page's own), looks for the included
// file on disk (existsSync) and copies its options before finding the compiled template in its
// cache. A theme page includes a partial per question, so that was a good part of the page's
// time. Here an include's file is found once per including template and name, and an include's
// locals are a new object whose prototype is the including template's locals (the values are
// looked up, not copied), with the include's own values on top. What a template sees is the
// same: the same names with the same values; a template's own assignments stay its own, as with
// EJS's copies; and the chain ends in an object without a prototype, so nothing added to
// Object.prototype can be seen by a template (EJS's reason for copying).
import fs from 'node:fs';
import ejs from 'ejs';
import type { Express, Response } from 'express';

type Data = Record<string, unknown>;
type Compiled = (data: Data) => string;
type EjsFunction = (locals: Data, escapeFn: (s: unknown) => string, include: (name: string, extra?: Data) => string, rethrow: Rethrow) => string;
type Rethrow = (err: Error, str: string, filename: string, lineno: number, esc: (s: string) => string) => never;

/** The locals EJS never copies (see ejs utils.shallowCopy). */
const SKIPPED = new Set(['__proto__', 'constructor']);

function copyOwn(to: Data, from: Data): Data {
  for (const key of Object.keys(from)) if (!SKIPPED.has(key)) to[key] = from[key];
  return to;
}

/** EJS's own error message: the template's file and line, with the lines around it. */
function rethrow(err: Error & { path?: string }, str: string, filename: string, lineno: number, esc: (s: string) => string): never {
  const lines = str.split('\n');
  const start = Math.max(lineno - 3, 0);
  const end = Math.min(lines.length, lineno + 3);
  const shown = esc(filename);
  const context = lines
    .slice(start, end)
    .map((line, i) => `${i + start + 1 === lineno ? ' >> ' : '    '}${i + start + 1}| ${line}`)
    .join('\n');
  err.path = shown;
  err.message = `${shown || 'ejs'}:${lineno}\n${context}\n\n${err.message}`;
  throw err;
}

/**
 * The template without the spaces and tabs that begin and end its lines, nor those after a line's
 * first scriptlets and comments (`<% ... %>`, `<%# ... %>`: they print nothing). Every line keeps
 * its line break, so a page reads the same in a browser (a line break is white space as the
 * indentation was) and an error still names the template's own line. What a template prints from
 * its values (a comment typed into a textarea, an error's detail in a pre) is not template text
 * and keeps every space. A theme page was 12% indentation, sent and copied with each answer
 * (issue 12). What a template must therefore not do: keep text of its own whose spaces matter
 * across lines (a multi-line pre, textarea or attribute value, a backtick string spanning lines
 * in a scriptlet), or print from a scriptlet at a line's start and rely on the spaces after it.
 * test/web/views.test.ts renders every page both ways and compares their text.
 */
export function withoutIndentation(template: string): string {
  return template.replace(/^[ \t]+|[ \t]+$/gm, '').replace(/^((?:<%(?![=\-%])(?:(?!%>).)*%>)+)[ \t]+/gm, '$1');
}

/**
 * Templates compiled with EJS (same options as its renderFile: escaping, debugging line numbers,
 * `with` over the locals), kept by file name once `view cache` is on.
 */
export class ViewEngine {
  private readonly compiled = new Map<string, Compiled>();

  /** For app.engine('ejs', ...): Express's (file, options, callback). */
  readonly renderFile = (file: string, options: object, callback: (err: Error | null, html?: string) => void) => {
    let html: string;
    try {
      const data = options as Data & { settings?: Record<string, unknown> };
      const cache = data.settings?.['view cache'] === true;
      if (!cache) this.compiled.clear();
      // One copy per page, into an object without a prototype (EJS copies once per template).
      html = this.render(file, copyOwn(Object.create(null) as Data, data));
    } catch (err) {
      return callback(err as Error);
    }
    callback(null, html);
  };

  /** Renders a template with these locals (an object without a prototype, used as it is). */
  render(file: string, data: Data): string {
    return this.template(file)(data);
  }

  private template(file: string): Compiled {
    let found = this.compiled.get(file);
    if (!found) {
      found = this.compile(file);
      this.compiled.set(file, found);
    }
    return found;
  }

  private compile(file: string): Compiled {
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const template = new ejs.Template(withoutIndentation(text), { filename: file });
    template.compile();
    // EJS's compileDebug wrapper (line numbers in errors), around EJS's own generated source.
    const source =
      `var __line = 1, __lines = ${JSON.stringify(text)}, __filename = ${JSON.stringify(file)};\n` +
      `try {\n${template.source}} catch (e) {\n  rethrow(e, __lines, __filename, __line, escapeFn);\n}\n` +
      `//# sourceURL=${JSON.stringify(file)}\n`;
    const fn = new Function('locals, escapeFn, include, rethrow', source) as EjsFunction;
    const includes = new Map<string, Compiled>();
    const includeFor = (data: Data) => (name: string, extra?: Data) => {
      let target = includes.get(name);
      if (!target) {
        target = this.template(this.resolve(name, file));
        includes.set(name, target);
      }
      const child = Object.create(data) as Data;
      return target(extra ? copyOwn(child, extra) : child);
    };
    const escape = ejs.escapeXML as (s: unknown) => string;
    return (data: Data) => fn(Object.create(data) as Data, escape, includeFor(data), rethrow);
  }

  /**
   * As EJS finds an include for this app: beside the including file (EJS looks in the views
   * folder only when `views` is a list, and ours is one folder; absolute names are not used).
   */
  private resolve(name: string, from: string): string {
    const found = ejs.resolveInclude(name, from);
    if (/^[A-Za-z]+:\\|^\//.test(name) || !fs.existsSync(found)) throw new Error(`Could not find the include file "${ejs.escapeXML(name)}"`);
    return found;
  }
}

type RenderCallback = (err: Error | null, html?: string) => void;

/**
 * A page as res.send answers HTML (Content-Type unless the route set one, Content-Length, no body
 * for HEAD), without its detours: these pages have no ETag (app.ts). A string is written to the
 * socket as it is: res.send makes a Buffer of it first, whose memory (110 KB a report page) is
 * outside V8's heap and is given back only when a garbage collection finds the Buffer (issue 12;
 * the benchmark's RSS did not move beyond its spread, see docs/performance.md).
 */
export function sendHtml(res: Response, body: string | Buffer): void {
  if (!res.getHeader('Content-Type')) res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Length', typeof body === 'string' ? Buffer.byteLength(body) : body.length);
  if (res.req.method === 'HEAD') res.end();
  else if (typeof body === 'string') res.end(body, 'utf8');
  else res.end(body);
}

/** res.render without a callback of its own ends with sendHtml (above) instead of res.send. */
export function renderWithSendHtml(app: Express): void {
  const render = app.response.render as (this: Response, view: string, options: object, callback: RenderCallback) => void;
  app.response.render = function (this: Response, view: string, options?: object | RenderCallback, callback?: RenderCallback) {
    const [locals, done] = typeof options === 'function' ? [{}, options as RenderCallback] : [options ?? {}, callback];
    render.call(this, view, locals, done ?? ((err, html) => (err ? this.req.next!(err) : sendHtml(this, html!))));
  } as Response['render'];
}
