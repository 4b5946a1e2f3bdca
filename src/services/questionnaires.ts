import { localise, parseQuestionnaire, type Questionnaire, type Wording } from '../domain/questionnaire';
import type { QuestionnaireRepository } from '../db';
import { loadBuiltInQuestionnaires } from '../questionnaires';
import { NotFoundError } from './errors';

export interface QuestionnaireSummary {
  id: string;
  version: number;
  title: string;
  builtIn: boolean;
  importedAt: number | null;
}

let builtInCache: Questionnaire[] | undefined;
/** Built-ins are validated once per process; a broken one throws and stops start-up. */
export function builtInQuestionnaires(): Questionnaire[] {
  builtInCache ??= loadBuiltInQuestionnaires();
  return builtInCache;
}

const key = (id: string, version: number) => `${id}@${version}`;

/** Every questionnaire a round can use: the built-in ones and those imported by admins. */
export function questionnaireRegistry(repo: QuestionnaireRepository, builtIns: Questionnaire[] = builtInQuestionnaires()) {
  const builtInKeys = new Set(builtIns.map((q) => key(q.id, q.version)));
  const cache = new Map<string, Questionnaire>(builtIns.map((q) => [key(q.id, q.version), q]));

  const find = (id: string, version: number): Questionnaire | undefined => {
    const k = key(id, version);
    const cached = cache.get(k);
    if (cached) return cached;
    const stored = repo.find(id, version);
    if (!stored) return undefined;
    // Stored definitions were validated on import; parse again so a type is never assumed.
    const parsed = parseQuestionnaire(stored.definition);
    if (!parsed.ok) throw new Error(`Stored questionnaire ${k} no longer validates: ${parsed.problems[0]?.message}`);
    cache.set(k, parsed.questionnaire);
    return parsed.questionnaire;
  };

  return {
    find,
    /** A questionnaire a round pins; missing means the round refers to something deleted. */
    get(id: string, version: number): Questionnaire {
      const q = find(id, version);
      if (!q) throw new NotFoundError(`Questionnaire ${id} version ${version} was not found`);
      return q;
    },
    isBuiltIn: (id: string, version: number) => builtInKeys.has(key(id, version)),
    list(): QuestionnaireSummary[] {
      const all: QuestionnaireSummary[] = [
        ...builtIns.map((q) => ({ id: q.id, version: q.version, title: q.title, builtIn: true, importedAt: null })),
        ...repo.listAll().map((s) => ({ id: s.id, version: s.version, title: s.title, builtIn: false, importedAt: s.importedAt })),
      ];
      return all.sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version);
    },
    /** The highest version of every questionnaire id, for choosing one for a new round. */
    latestVersions(): QuestionnaireSummary[] {
      const latest = new Map<string, QuestionnaireSummary>();
      for (const q of this.list()) latest.set(q.id, q);
      return [...latest.values()];
    },
  };
}
export type QuestionnaireRegistry = ReturnType<typeof questionnaireRegistry>;

/** Each questionnaire's wordings, built once (on first use) and kept as long as the questionnaire. */
const wordings = new WeakMap<Questionnaire, Map<string, Questionnaire>>();

/**
 * The questionnaire in one wording (see domain/localise.ts), built once per questionnaire,
 * language and Easy Read, so a respondent's page only looks it up.
 */
export function inWording(q: Questionnaire, wording: Wording): Questionnaire {
  if (wording.language === q.language && !wording.easyRead) return q;
  let byKey = wordings.get(q);
  if (!byKey) wordings.set(q, (byKey = new Map()));
  const k = `${wording.language}|${wording.easyRead ? 1 : 0}`;
  let out = byKey.get(k);
  if (!out) byKey.set(k, (out = localise(q, wording)));
  return out;
}
