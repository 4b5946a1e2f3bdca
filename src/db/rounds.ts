import type { Db } from './connection';

export type RoundStatus = 'draft' | 'open' | 'closed';
export type RoundMode = 'survey' | 'workshop';
export type RoundForm = 'full' | 'short';
/** When an open round's results may change: only once it closes, or in safe batches (see domain/release.ts). */
export type ResultsRelease = 'after-close' | 'batches';
export const RESULTS_RELEASES: readonly ResultsRelease[] = ['after-close', 'batches'];
export interface RoundRole {
  id: string;
  label: string;
}

export interface RoundRecord {
  id: number;
  organisationId: number;
  name: string;
  questionnaireId: string;
  questionnaireVersion: number;
  form: RoundForm;
  mode: RoundMode;
  roles: RoundRole[];
  minGroupSize: number;
  opensAt: number | null;
  closesAt: number | null;
  intro: string;
  /** The language people start in and the round's own texts are written in; null: each browser's choice (see migrations/014). */
  defaultLanguage: string | null;
  resultsRelease: ResultsRelease;
  /** how many times answers were released into the results */
  releases: number;
  status: RoundStatus;
  /** Closed with a grace period: people who had started may send until then. */
  graceUntil: number | null;
  linkToken: string;
  joinCode: string;
  createdAt: number;
  updatedAt: number;
}

export type NewRound = Omit<RoundRecord, 'id' | 'updatedAt' | 'releases' | 'graceUntil' | 'defaultLanguage'> & { defaultLanguage?: string | null };
export type RoundSettings = Pick<
  RoundRecord,
  'name' | 'questionnaireId' | 'questionnaireVersion' | 'form' | 'mode' | 'roles' | 'minGroupSize' | 'opensAt' | 'closesAt' | 'intro' | 'resultsRelease'
> & { defaultLanguage?: string | null };

const COLUMNS = `id, organisation_id AS organisationId, name, questionnaire_id AS questionnaireId,
  questionnaire_version AS questionnaireVersion, form, mode, roles, min_group_size AS minGroupSize,
  opens_at AS opensAt, closes_at AS closesAt, intro, default_language AS defaultLanguage, results_release AS resultsRelease, releases, status,
  grace_until AS graceUntil, link_token AS linkToken,
  join_code AS joinCode, created_at AS createdAt, updated_at AS updatedAt`;

type RoundRow = Omit<RoundRecord, 'roles'> & { roles: string };
const toRecord = (row: RoundRow | undefined): RoundRecord | undefined =>
  row && { ...row, roles: JSON.parse(row.roles) as RoundRole[] };

const KEPT_ROUNDS = 500;

export function roundRepository(db: Db) {
  const byId = db.prepare(`SELECT ${COLUMNS} FROM rounds WHERE id = ?`);
  const byToken = db.prepare(`SELECT ${COLUMNS}, version FROM rounds WHERE link_token = ?`);
  const versionByToken = db.prepare('SELECT version FROM rounds WHERE link_token = ?').pluck();
  // Rounds read by link token, kept while their version (migration 018) is the same: a
  // respondent page then reads one number instead of the whole row. Frozen, so that no caller
  // changes what the next request gets. At most KEPT_ROUNDS, then it starts again.
  const kept = new Map<string, { version: number; round: RoundRecord }>();
  const findByToken = (token: string): RoundRecord | undefined => {
    const version = versionByToken.get(token) as number | undefined;
    if (version === undefined) {
      kept.delete(token);
      return undefined;
    }
    const hit = kept.get(token);
    if (hit && hit.version === version) return hit.round;
    const row = byToken.get(token) as (RoundRow & { version: number }) | undefined;
    if (!row) return undefined;
    const { version: read, ...fields } = row;
    const round = toRecord(fields)!;
    for (const role of round.roles) Object.freeze(role);
    Object.freeze(round.roles);
    Object.freeze(round);
    if (kept.size >= KEPT_ROUNDS) kept.clear();
    kept.set(token, { version: read, round });
    return round;
  };
  const byLiveCode = db.prepare(`SELECT ${COLUMNS} FROM rounds WHERE join_code = ? AND status <> 'closed'`);
  const latestClosedByCode = db.prepare(`SELECT ${COLUMNS} FROM rounds WHERE join_code = ? AND status = 'closed' ORDER BY updated_at DESC, id DESC LIMIT 1`);
  const byOrganisation = db.prepare(`SELECT ${COLUMNS} FROM rounds WHERE organisation_id = ? ORDER BY created_at DESC, id DESC`);
  const liveCodeTaken = db.prepare(`SELECT 1 FROM rounds WHERE join_code = ? AND status <> 'closed' AND id <> ?`);
  const insert = db.prepare(`INSERT INTO rounds (organisation_id, name, questionnaire_id, questionnaire_version, form, mode,
      roles, min_group_size, opens_at, closes_at, intro, default_language, results_release, status, link_token, join_code, created_at, updated_at)
    VALUES (@organisationId, @name, @questionnaireId, @questionnaireVersion, @form, @mode, @roles, @minGroupSize,
      @opensAt, @closesAt, @intro, @defaultLanguage, @resultsRelease, @status, @linkToken, @joinCode, @createdAt, @createdAt)`);
  const updateSettings = db.prepare(`UPDATE rounds SET name = @name, questionnaire_id = @questionnaireId,
      questionnaire_version = @questionnaireVersion, form = @form, mode = @mode, roles = @roles,
      min_group_size = @minGroupSize, opens_at = @opensAt, closes_at = @closesAt, intro = @intro,
      default_language = @defaultLanguage, results_release = @resultsRelease, updated_at = @now
    WHERE id = @id`);
  const setStatus = db.prepare('UPDATE rounds SET status = ?, join_code = ?, grace_until = ?, updated_at = ? WHERE id = ?');
  const removeRow = db.prepare('DELETE FROM rounds WHERE id = ?');
  // An admin session can still hold the one-time share link just made for a round: take it out,
  // so nothing of a deleted round stays in the sessions table (the rest cascades).
  const forgetInSessions = db.prepare(`UPDATE sessions SET data = json_remove(data, '$.newShareLink')
    WHERE json_valid(data) AND json_extract(data, '$.newShareLink.roundId') = ?`);
  const remove = db.transaction((id: number) => {
    forgetInSessions.run(id);
    removeRow.run(id);
  });
  // A round has finished when it was closed (updated_at is then the closing time) or its closing
  // date has passed; one that never opened and one still open without a closing date are kept.
  const finishedBefore = db.prepare(`SELECT id FROM rounds
    WHERE (status = 'closed' AND updated_at < @cutoff) OR (status <> 'draft' AND closes_at IS NOT NULL AND closes_at < @cutoff)
    ORDER BY id`);

  return {
    findById: (id: number) => toRecord(byId.get(id) as RoundRow | undefined),
    findByToken,
    /** The round that currently holds a join code (closed rounds give theirs up). */
    findByLiveJoinCode: (code: string) => toRecord(byLiveCode.get(code) as RoundRow | undefined),
    /** The round that last closed holding a code (codes are released on closing, so there may be several). */
    findLatestClosedByJoinCode: (code: string) => toRecord(latestClosedByCode.get(code) as RoundRow | undefined),
    listByOrganisation: (organisationId: number) => (byOrganisation.all(organisationId) as RoundRow[]).map((r) => toRecord(r)!),
    isJoinCodeTaken: (code: string, exceptRoundId = -1) => liveCodeTaken.get(code, exceptRoundId) !== undefined,
    insert(round: NewRound): number {
      return Number(insert.run({ ...round, defaultLanguage: round.defaultLanguage ?? null, roles: JSON.stringify(round.roles) }).lastInsertRowid);
    },
    updateSettings(id: number, settings: RoundSettings, now: number): void {
      updateSettings.run({ ...settings, defaultLanguage: settings.defaultLanguage ?? null, roles: JSON.stringify(settings.roles), id, now });
    },
    setStatus(id: number, status: RoundStatus, joinCode: string, now: number, graceUntil: number | null = null): void {
      setStatus.run(status, joinCode, graceUntil, now, id);
    },
    delete: (id: number) => void remove(id),
    /** Ids of rounds that finished (closed, or past their closing date) before `cutoff`. */
    finishedBefore: (cutoff: number) => (finishedBefore.all({ cutoff }) as { id: number }[]).map((r) => r.id),
    /** Deletes those rounds (and, by cascade, all that belongs to them) in one transaction; returns how many. */
    deleteFinishedBefore: db.transaction((cutoff: number): number => {
      const ids = (finishedBefore.all({ cutoff }) as { id: number }[]).map((r) => r.id);
      for (const id of ids) remove(id);
      return ids.length;
    }),
  };
}
export type RoundRepository = ReturnType<typeof roundRepository>;

export interface OrganisationRecord {
  id: number;
  name: string;
  createdAt: number;
}

export function organisationRepository(db: Db) {
  const byId = db.prepare('SELECT id, name, created_at AS createdAt FROM organisations WHERE id = ?');
  const all = db.prepare('SELECT id, name, created_at AS createdAt FROM organisations ORDER BY name COLLATE NOCASE, id');
  const insert = db.prepare('INSERT INTO organisations (name, created_at) VALUES (?, ?)');
  const rename = db.prepare('UPDATE organisations SET name = ? WHERE id = ?');
  return {
    findById: (id: number) => byId.get(id) as OrganisationRecord | undefined,
    listAll: () => all.all() as OrganisationRecord[],
    insert: (name: string, now: number) => Number(insert.run(name, now).lastInsertRowid),
    rename: (id: number, name: string) => void rename.run(name, id),
  };
}
export type OrganisationRepository = ReturnType<typeof organisationRepository>;

export interface StoredQuestionnaire {
  id: string;
  version: number;
  title: string;
  definition: unknown;
  importedAt: number;
}

/** Imported questionnaire definitions (stored as the JSON that was validated). */
export function questionnaireRepository(db: Db) {
  const all = db.prepare('SELECT id, version, title, definition, imported_at AS importedAt FROM questionnaires ORDER BY id, version');
  const one = db.prepare('SELECT id, version, title, definition, imported_at AS importedAt FROM questionnaires WHERE id = ? AND version = ?');
  const insert = db.prepare('INSERT INTO questionnaires (id, version, title, definition, imported_at) VALUES (?, ?, ?, ?, ?)');
  const parse = (row: (Omit<StoredQuestionnaire, 'definition'> & { definition: string }) | undefined): StoredQuestionnaire | undefined =>
    row && { ...row, definition: JSON.parse(row.definition) as unknown };
  return {
    listAll: () => (all.all() as (Omit<StoredQuestionnaire, 'definition'> & { definition: string })[]).map((r) => parse(r)!),
    find: (id: string, version: number) => parse(one.get(id, version) as never),
    insert: (q: { id: string; version: number; title: string; definition: unknown }, now: number) =>
      void insert.run(q.id, q.version, q.title, JSON.stringify(q.definition), now),
  };
}
export type QuestionnaireRepository = ReturnType<typeof questionnaireRepository>;
