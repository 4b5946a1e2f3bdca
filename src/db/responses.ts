import type { Channel } from '../domain/answer-ways';
import type { Db } from './connection';
import { totalsOf } from '../domain/totals';
import { totalsRepository } from './totals';

const DAY_MS = 86_400_000;

export interface DraftRecord {
  id: string;
  roundId: number;
  resumeCode: string;
  role: string | null;
  answers: unknown;
  /** The page to come back to: a theme id or 'check'; null when not yet known. */
  resumeAt: string | null;
  /** The wording chosen: a language code (null: not chosen yet) and Easy Read. */
  language: string | null;
  easyRead: boolean;
  /** 'assisted' when a peer supporter said they are answering with or for someone */
  channel: DraftChannel;
  submittedAt: number | null;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
}

/** How a response reached us (see migrations/015). */
export type { Channel };
/** A draft is online or assisted: paper forms are keyed in whole, without a draft. */
export type DraftChannel = Exclude<Channel, 'paper'>;

export interface NewResponse {
  roundId: number;
  role: string;
  questionnaireVersion: number;
  /** YYYY-MM-DD: the day only. */
  submittedOn: string;
  answers: { themeId: string; itemId: string; value: number | null }[];
  themeScores: { themeId: string; score: number }[];
  comments: { themeId: string; itemId: string; body: string }[];
  /** The wording it was answered in; absent in responses sent before migration 014 (English, standard). */
  language?: string;
  easyRead?: boolean;
  /** absent in bodies waiting from before migration 015: online */
  channel?: Channel;
}

/** A sent response waiting to be released into the results (see migrations/005). */
export interface PendingResponse {
  /** random */
  id: string;
  response: NewResponse;
}

type DraftRow = Omit<DraftRecord, 'answers' | 'easyRead'> & { answers: string; easyRead: number };
const DRAFT_COLUMNS = `id, round_id AS roundId, resume_code AS resumeCode, role, answers, resume_at AS resumeAt, channel, language, easy_read AS easyRead, submitted_at AS submittedAt,
  created_at AS createdAt, updated_at AS updatedAt, expires_at AS expiresAt`;
const toDraft = (row: DraftRow | undefined): DraftRecord | undefined =>
  row && { ...row, answers: JSON.parse(row.answers) as unknown, easyRead: row.easyRead === 1 };

/** Drafts and responses: everything a respondent writes. */
export function responseRepository(db: Db) {
  const draftById = db.prepare(`SELECT ${DRAFT_COLUMNS} FROM drafts WHERE id = ? AND expires_at > ?`);
  const draftByCode = db.prepare(`SELECT ${DRAFT_COLUMNS} FROM drafts WHERE resume_code = ? AND expires_at > ?`);
  const codeTaken = db.prepare('SELECT 1 FROM drafts WHERE resume_code = ?');
  const insertDraft = db.prepare(`INSERT INTO drafts (id, round_id, resume_code, language, easy_read, created_at, updated_at, expires_at)
    VALUES (@id, @roundId, @resumeCode, @language, @easyRead, @now, @now, @expiresAt)`);
  const saveWording = db.prepare('UPDATE drafts SET language = @language, easy_read = @easyRead WHERE id = @id AND submitted_at IS NULL');
  const saveDraft = db.prepare(`UPDATE drafts SET role = @role, answers = @answers, resume_at = @resumeAt, channel = COALESCE(@channel, channel), updated_at = @now, expires_at = @expiresAt
    WHERE id = @id AND submitted_at IS NULL`);
  // Once sent, a draft keeps only "sent" and whole days: exact times could be matched to the
  // order of responses and so give a response a time.
  const markSubmitted = db.prepare(`UPDATE drafts SET submitted_at = @day, created_at = @day, updated_at = @day,
      expires_at = @expiresAt, role = NULL, answers = '{}', resume_at = NULL, channel = 'online', language = NULL, easy_read = 0
    WHERE id = @id AND submitted_at IS NULL`);
  const deleteExpired = db.prepare('DELETE FROM drafts WHERE expires_at <= ?');
  // Part-way: started (a role chosen or something answered), not sent, not expired.
  const partWay = db.prepare(`SELECT COUNT(*) AS n FROM drafts
    WHERE round_id = ? AND submitted_at IS NULL AND expires_at > ? AND (role IS NOT NULL OR answers <> '{}')`);
  const insertResponse = db.prepare(`INSERT INTO responses (round_id, role, questionnaire_version, submitted_on, channel, language, easy_read)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  // The whole round only: never by role (see migrations/014).
  const countByWording = db.prepare(`SELECT language, easy_read AS easyRead, COUNT(*) AS n FROM responses WHERE round_id = ?
    GROUP BY language, easy_read ORDER BY language, easy_read`);
  const insertAnswer = db.prepare(`INSERT INTO answers (response_id, round_id, role, theme_id, item_id, value, dont_know)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insertThemeScore = db.prepare(`INSERT INTO response_theme_scores (response_id, round_id, role, theme_id, score)
    VALUES (?, ?, ?, ?, ?)`);
  // Comment ids are random, so neither ids nor the table's order (it is keyed by id) tie comments together.
  const insertComment = db.prepare('INSERT INTO comments (id, round_id, theme_id, item_id, body) VALUES (lower(hex(randomblob(12))), ?, ?, ?, ?)');
  const countByChannel = db.prepare('SELECT channel, COUNT(*) AS n FROM responses WHERE round_id = ? GROUP BY channel ORDER BY channel');
  const countByRole = db.prepare('SELECT role, COUNT(*) AS n FROM responses WHERE round_id = ? GROUP BY role ORDER BY role');
  const anyResponse = db.prepare(`SELECT 1 FROM responses WHERE round_id = @roundId
    UNION ALL SELECT 1 FROM pending_responses WHERE round_id = @roundId LIMIT 1`);
  const insertPending = db.prepare('INSERT INTO pending_responses (id, round_id, body) VALUES (lower(hex(randomblob(16))), ?, ?) RETURNING id');
  const pendingByRound = db.prepare('SELECT id, body FROM pending_responses WHERE round_id = ?');
  const countPending = db.prepare('SELECT COUNT(*) AS n FROM pending_responses WHERE round_id = ?');
  const deletePending = db.prepare('DELETE FROM pending_responses WHERE id = ? AND round_id = ?');
  const countReleased = db.prepare('UPDATE rounds SET releases = releases + 1 WHERE id = ?');
  // The running totals change in the same transaction as the rows they total (migrations/013).
  const totals = totalsRepository(db);

  const writeResponse = (r: NewResponse): number => {
    const responseId = Number(
      insertResponse.run(r.roundId, r.role, r.questionnaireVersion, r.submittedOn, r.channel ?? 'online', r.language ?? 'en', r.easyRead ? 1 : 0).lastInsertRowid,
    );
    for (const a of r.answers) {
      insertAnswer.run(responseId, r.roundId, r.role, a.themeId, a.itemId, a.value, a.value === null ? 1 : 0);
    }
    for (const s of r.themeScores) insertThemeScore.run(responseId, r.roundId, r.role, s.themeId, s.score);
    for (const c of r.comments) insertComment.run(r.roundId, c.themeId, c.itemId, c.body);
    return responseId;
  };

  return {
    findDraft: (id: string, now: number) => toDraft(draftById.get(id, now) as DraftRow | undefined),
    findDraftByResumeCode: (code: string, now: number) => toDraft(draftByCode.get(code, now) as DraftRow | undefined),
    isResumeCodeTaken: (code: string) => codeTaken.get(code) !== undefined,
    createDraft: (d: { id: string; roundId: number; resumeCode: string; now: number; expiresAt: number; language?: string | null; easyRead?: boolean }) =>
      void insertDraft.run({ ...d, language: d.language ?? null, easyRead: d.easyRead ? 1 : 0 }),
    /** Records the wording a draft is read in; false when the draft is gone or sent. */
    saveWording: (d: { id: string; language: string; easyRead: boolean }) => saveWording.run({ ...d, easyRead: d.easyRead ? 1 : 0 }).changes === 1,
    /** Saves a draft's role, answers and place; its channel too when given (unchanged otherwise). */
    saveDraft(d: { id: string; role: string | null; answers: unknown; resumeAt?: string | null; channel?: DraftChannel; now: number; expiresAt: number }): boolean {
      return saveDraft.run({ ...d, resumeAt: d.resumeAt ?? null, channel: d.channel ?? null, answers: JSON.stringify(d.answers) }).changes === 1;
    },
    deleteExpiredDrafts: (now: number) => deleteExpired.run(now).changes,
    countPartWay: (roundId: number, now: number) => (partWay.get(roundId, now) as { n: number }).n,

    /**
     * Turns a draft into exactly one sent response, in one transaction: the response waits, whole,
     * in pending_responses until it is released, and the draft is marked submitted (its answers
     * wiped). Returns false, writing nothing, when the draft was already submitted.
     */
    /** Runs `fn` in one transaction (a savepoint when one is open already); each submitDraft inside is its own savepoint. */
    inOneTransaction: <T>(fn: () => T): T => db.transaction(fn)(),
    /** Whether a transaction is open (SQLite rolls the whole of one back on some failures). */
    inTransaction: (): boolean => db.inTransaction,
    submitDraft: db.transaction((draftId: string, response: NewResponse, now: number): boolean => {
      const day = Math.floor(now / DAY_MS) * DAY_MS;
      // Kept two whole days so a replayed or double submission still lands on the thank-you page.
      if (markSubmitted.run({ id: draftId, day, expiresAt: day + 2 * DAY_MS }).changes !== 1) return false;
      insertPending.get(response.roundId, JSON.stringify(response));
      return true;
    }),
    /**
     * Adds a whole response (a keyed-in paper form) to those waiting for release; returns its
     * random id, the only handle there is on it until it is released.
     */
    addPending: (response: NewResponse): string => (insertPending.get(response.roundId, JSON.stringify(response)) as { id: string }).id,
    /** Takes back a response that is still waiting (undo of a keyed form); false when it is no longer waiting. */
    withdrawPending: (roundId: number, id: string): boolean => deletePending.run(id, roundId).changes === 1,
    /** A round's sent responses that are not in its results yet, in no particular order. */
    pendingFor: (roundId: number): PendingResponse[] =>
      (pendingByRound.all(roundId) as { id: string; body: string }[]).map((r) => ({ id: r.id, response: JSON.parse(r.body) as NewResponse })),
    countPending: (roundId: number) => (countPending.get(roundId) as { n: number }).n,
    /**
     * Moves waiting responses into the results, in the order given (the caller shuffles), and
     * counts one more release for the round; all or nothing.
     */
    release: db.transaction((roundId: number, pending: PendingResponse[]): number => {
      for (const p of pending) {
        if (deletePending.run(p.id, roundId).changes !== 1) throw new Error(`Pending response ${p.id} is not waiting in round ${roundId}`);
        writeResponse(p.response);
      }
      totals.add(totalsOf(pending.map((p) => p.response)));
      if (pending.length > 0) countReleased.run(roundId);
      return pending.length;
    }),
    /** Writes responses straight into the results (synthetic data for benchmarks and the demo). */
    insertResponses: db.transaction((responses: NewResponse[]) => {
      const ids = responses.map(writeResponse);
      totals.add(totalsOf(responses));
      return ids;
    }),
    /** Released responses by channel (waiting ones are not counted: they are not in the results yet). */
    countByChannel: (roundId: number) => countByChannel.all(roundId) as { channel: Channel; n: number }[],
    countByRole: (roundId: number) => countByRole.all(roundId) as { role: string; n: number }[],
    /** How many of a round's responses were answered in each wording (whole round, never by role). */
    countByWording: (roundId: number) =>
      (countByWording.all(roundId) as { language: string; easyRead: number; n: number }[]).map((r) => ({ ...r, easyRead: r.easyRead === 1 })),
    hasResponses: (roundId: number) => anyResponse.get({ roundId }) !== undefined,
  };
}
export type ResponseRepository = ReturnType<typeof responseRepository>;
