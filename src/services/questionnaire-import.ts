import { parseQuestionnaire, type DefinitionProblem, type Item, type Questionnaire } from '../domain/questionnaire';
import type { QuestionnaireRepository } from '../db';
import type { Clock } from './runtime';
import { NotFoundError } from './errors';
import type { QuestionnaireRegistry } from './questionnaires';

/** The largest definition file accepted (the built-in one is about 30 KB). */
export const IMPORT_MAX_BYTES = 512 * 1024;

/** A change an admin should look at before importing, e.g. a reused item id whose text changed. */
export interface ImportWarning {
  path: string;
  message: string;
  before?: string;
  after?: string;
}

export interface ImportedSummary {
  id: string;
  version: number;
  title: string;
}

export type ImportResult =
  /** Not JSON, or not a valid definition: every problem with its path; nothing saved. */
  | { status: 'invalid'; problems: DefinitionProblem[] }
  /** Valid, but its id and version are taken (or the id is a built-in's); nothing saved. */
  | { status: 'conflict'; problems: DefinitionProblem[] }
  /** Valid, with warnings: saved only when the admin confirms. */
  | { status: 'needsConfirmation'; questionnaire: ImportedSummary; comparedWith: number; warnings: ImportWarning[] }
  | { status: 'imported'; questionnaire: ImportedSummary; comparedWith: number | null; warnings: ImportWarning[] };

/** "Unexpected token } in JSON at position 41" -> line and column, for a person with an editor. */
function jsonProblem(text: string, err: Error): DefinitionProblem {
  const position = /position (\d+)/.exec(err.message)?.[1];
  const detail = err.message.replace(/^JSON\.parse: /, '').replace(/ in JSON at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)$/, '');
  if (position === undefined) return { path: '(file)', message: `This file is not valid JSON: ${detail}` };
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = Number(position) - before.lastIndexOf('\n');
  return { path: '(file)', message: `This file is not valid JSON: ${detail} at line ${line}, column ${column}` };
}

/** Explicit direction overrides, embeddings and isolates (not right-to-left letters, nor LRM/RLM marks). */
const DIRECTION_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * Every text of a definition holding a direction-control character. Questionnaire texts are shown
 * on many pages, to every organisation, mostly outside <bdi>: an unclosed override there would
 * reorder the rest of the line (issue 13, item 2), so an import with one is refused.
 */
function directionControls(value: unknown, path = ''): DefinitionProblem[] {
  if (typeof value === 'string') {
    const at = value.search(DIRECTION_CONTROL);
    if (at === -1) return [];
    const code = value.codePointAt(at)!.toString(16).toUpperCase();
    return [{ path: path || '(file)', message: `Contains a direction-control character (U+${code}). Remove it: right-to-left text itself is fine` }];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => directionControls(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => directionControls(v, path ? `${path}.${k}` : k));
  return [];
}

const itemLabel = (item: Item) => `Item “${item.id}”`;

/**
 * Item ids are stable across versions: results compare item by item. A reused id must keep its
 * kind (a problem otherwise); a changed text, theme or option list is allowed but warned about.
 */
function compareWithEarlier(q: Questionnaire, earlier: Questionnaire): { problems: DefinitionProblem[]; warnings: ImportWarning[] } {
  const problems: DefinitionProblem[] = [];
  const warnings: ImportWarning[] = [];
  const before = new Map(earlier.items.map((i) => [i.id, i]));
  q.items.forEach((item, index) => {
    const old = before.get(item.id);
    if (!old) return;
    const path = `items[${index}]`;
    if (old.kind !== item.kind) {
      problems.push({
        path: `${path}.kind`,
        message: `${itemLabel(item)} was a ${old.kind} item in version ${earlier.version}. A reused id must keep its meaning: give the changed item a new id`,
      });
      return;
    }
    if (old.text !== item.text) {
      warnings.push({
        path: `${path}.text`,
        message: `${itemLabel(item)} has different text from version ${earlier.version}. Results compare item by item, so it must still ask the same thing; if its meaning changed, give it a new id`,
        before: old.text,
        after: item.text,
      });
    }
    if (old.theme !== item.theme) {
      warnings.push({ path: `${path}.theme`, message: `${itemLabel(item)} moved from theme “${old.theme}” to “${item.theme}”`, before: old.theme, after: item.theme });
    }
    if (old.kind === 'ladder' && item.kind === 'ladder' && JSON.stringify(old.options) !== JSON.stringify(item.options)) {
      warnings.push({
        path: `${path}.options`,
        message: `${itemLabel(item)} has different answer options from version ${earlier.version}`,
        before: old.options.join(' / '),
        after: item.options.join(' / '),
      });
    }
  });
  return { problems, warnings };
}

/** Importing and exporting questionnaire definitions as JSON. */
export function questionnaireImportService({ registry, repo, clock }: { registry: QuestionnaireRegistry; repo: QuestionnaireRepository; clock: Clock }) {
  return {
    /**
     * Checks a JSON definition and saves it when it is valid, free and either has no warnings or
     * `confirmWarnings` is set. Never saves anything otherwise.
     */
    importDefinition(input: string | Buffer, options: { confirmWarnings?: boolean } = {}): ImportResult {
      if (Buffer.isBuffer(input) && input.length > IMPORT_MAX_BYTES) {
        return { status: 'invalid', problems: [{ path: '(file)', message: `The file is larger than ${IMPORT_MAX_BYTES / 1024} KB` }] };
      }
      let text: string;
      try {
        text = (Buffer.isBuffer(input) ? new TextDecoder('utf-8', { fatal: true }).decode(input) : input).replace(/^\uFEFF/, '');
      } catch {
        return { status: 'invalid', problems: [{ path: '(file)', message: 'The file is not UTF-8 text. Save it as UTF-8 (JSON) and try again' }] };
      }
      if (text.trim() === '') return { status: 'invalid', problems: [{ path: '(file)', message: 'The file is empty' }] };
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch (err) {
        return { status: 'invalid', problems: [jsonProblem(text, err as Error)] };
      }
      const parsed = parseQuestionnaire(raw);
      if (!parsed.ok) return { status: 'invalid', problems: parsed.problems };
      const controls = directionControls(parsed.questionnaire);
      if (controls.length > 0) return { status: 'invalid', problems: controls };
      const q = parsed.questionnaire;

      const versions = registry.list().filter((s) => s.id === q.id);
      if (versions.some((s) => s.builtIn)) {
        return {
          status: 'conflict',
          problems: [{ path: 'id', message: `“${q.id}” is the id of a built-in questionnaire. Give your questionnaire an id of its own` }],
        };
      }
      if (versions.some((s) => s.version === q.version)) {
        const next = Math.max(...versions.map((s) => s.version)) + 1;
        return {
          status: 'conflict',
          problems: [{ path: 'version', message: `Version ${q.version} of “${q.id}” has already been imported. Give this definition a new version number, e.g. ${next}` }],
        };
      }

      // Compare with the closest earlier version (or, importing an old version late, the closest later one).
      const earlier = versions.filter((s) => s.version < q.version).pop() ?? versions.find((s) => s.version > q.version);
      const comparison = earlier ? compareWithEarlier(q, registry.get(earlier.id, earlier.version)) : { problems: [], warnings: [] };
      if (comparison.problems.length > 0) return { status: 'invalid', problems: comparison.problems };
      const summary = { id: q.id, version: q.version, title: q.title };
      if (comparison.warnings.length > 0 && !options.confirmWarnings) {
        return { status: 'needsConfirmation', questionnaire: summary, comparedWith: earlier!.version, warnings: comparison.warnings };
      }
      // Store what was validated, as written (defaults are applied again whenever it is parsed).
      repo.insert({ id: q.id, version: q.version, title: q.title, definition: raw }, clock.now());
      return { status: 'imported', questionnaire: summary, comparedWith: earlier?.version ?? null, warnings: comparison.warnings };
    },

    /** A definition as pretty JSON for download: what was imported, or a built-in with its defaults filled in. */
    exportDefinition(id: string, version: number): { filename: string; json: string } {
      const stored = repo.find(id, version);
      const definition = stored ? stored.definition : registry.isBuiltIn(id, version) ? registry.get(id, version) : undefined;
      if (definition === undefined) throw new NotFoundError('That questionnaire was not found');
      return { filename: `${id}-v${version}.json`, json: `${JSON.stringify(definition, null, 2)}\n` };
    },
  };
}
export type QuestionnaireImportService = ReturnType<typeof questionnaireImportService>;
