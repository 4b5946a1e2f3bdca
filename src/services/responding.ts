import {
  answersSchema,
  chooseWording,
  formThemes,
  isScored,
  mergeThemeAnswers,
  parseThemeAnswers,
  respondentTitle,
  type Answers,
  type FieldError,
  type FormTheme,
  type Questionnaire,
  type Wording,
} from '../domain/questionnaire';
import { bandFor, displayScore } from '../domain/rubric';
import type { DraftChannel, NewResponse, Repositories, RoundRecord } from '../db';
import { GoneError, NotFoundError, ValidationError } from './errors';
import type { EventBus } from './events';
import type { ReleaseService } from './release';
import { buildResponse } from './response-build';
import type { RoundService } from './rounds';
import { JOIN_CODE_ALPHABET } from './rounds';
import { randomFromAlphabet, randomToken, type Clock, type RandomSource } from './runtime';

export const RESUME_CODE_LENGTH = 8;

/** "ABCD-EFGH" for people to write down; any case, spaces and dashes are forgiven when typed. */
export function formatResumeCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
export function normaliseResumeCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]+/g, '');
}

export interface Draft {
  id: string;
  roundId: number;
  resumeCode: string;
  role: string | null;
  answers: Answers;
  /** The page to come back to: a theme id or 'check' (null: not known, e.g. only a role so far). */
  resumeAt: string | null;
  /** The wording chosen for this draft (null language: none chosen yet). */
  language: string | null;
  easyRead: boolean;
  /** 'assisted' when the person said a peer supporter is answering with or for someone */
  channel: DraftChannel;
  submitted: boolean;
}

/** What the respondent pressed on a theme page: it decides where they come back to later. */
export type PageAction = 'next' | 'later' | 'back';

export interface OwnThemeScore {
  themeId: string;
  title: string;
  score: number | null;
  band: string | null;
  bandText: string | null;
}

interface Deps {
  repos: Repositories;
  rounds: RoundService;
  release: ReleaseService;
  clock: Clock;
  random: RandomSource;
  draftTtlMs: number;
  events: EventBus;
}

/** A respondent's journey: start a draft, save each page, resume by code, submit once. */
export function respondingService({ repos, rounds, release, clock, random, draftTtlMs, events }: Deps) {
  const questionnaireFor = (round: RoundRecord) => rounds.questionnaireFor(round);

  /**
   * The respondent may answer now, or the reason why not becomes an error the web layer shows.
   * In a closed round's grace period, someone with unsent answers (`draftId`) may still go on.
   */
  const requireOpen = (round: RoundRecord, draftId?: string) => {
    const availability = rounds.availability(round);
    if (availability.state === 'closed') {
      if (draftId !== undefined && rounds.graceUntil(round) !== null) {
        const draft = findDraft(round, draftId);
        if (draft && !draft.submitted) return;
      }
      throw new GoneError('This round has closed, so it no longer takes answers.');
    }
    if (availability.state !== 'open') throw new RoundNotOpenError(availability.state);
  };

  const toDraft = (round: RoundRecord, record: NonNullable<ReturnType<Repositories['responses']['findDraft']>>): Draft => {
    const q = questionnaireFor(round);
    // Stored answers were validated when saved; parse again so nothing unchecked reaches scoring.
    const parsed = answersSchema(q, round.form).safeParse(record.answers);
    return {
      id: record.id,
      roundId: record.roundId,
      resumeCode: record.resumeCode,
      role: record.role,
      answers: parsed.success ? parsed.data : {},
      resumeAt: record.resumeAt,
      language: record.language,
      easyRead: record.easyRead,
      channel: record.channel,
      submitted: record.submittedAt !== null,
    };
  };

  const findDraft = (round: RoundRecord, draftId: string | undefined): Draft | undefined => {
    if (!draftId) return undefined;
    const record = repos.responses.findDraft(draftId, clock.now());
    return record && record.roundId === round.id ? toDraft(round, record) : undefined;
  };

  const requireDraft = (round: RoundRecord, draftId: string | undefined): Draft => {
    const draft = findDraft(round, draftId);
    if (!draft) throw new DraftMissingError();
    return draft;
  };

  /**
   * A WAL checkpoint (TRUNCATE) just after the current turn of the event loop, shared by every
   * send handled in it. Each send's own commit is already durable (synchronous=FULL); the
   * checkpoint only removes old page images from the log. Run synchronously in each send it was
   * about a quarter of a send's time under load, and sends queued behind it (issue 12). If the
   * process dies before it runs, the next start checkpoints (server.ts runs maintenance first).
   */
  let checkpointDue = false;
  const checkpointSoon = () => {
    if (checkpointDue) return;
    checkpointDue = true;
    setImmediate(() => {
      checkpointDue = false;
      try {
        repos.storage.checkpoint();
      } catch (err) {
        console.error('[responding] could not checkpoint the write-ahead log:', err);
      }
    });
  };

  const save = (draft: Draft, role: string | null, answers: Answers, resumeAt: string | null = draft.resumeAt, channel?: DraftChannel) => {
    if (!repos.responses.saveDraft({ id: draft.id, role, answers, resumeAt, channel, now: clock.now(), expiresAt: clock.now() + draftTtlMs })) {
      throw new DraftMissingError();
    }
  };

  /** What a send needs once its checks have passed, or its answer when there is nothing to write. */
  type Ready = { draftId: string; response: NewResponse; scores: Record<string, number | null>; q: Questionnaire };
  const prepareSubmit = (round: RoundRecord, draftId: string | undefined): Ready | { status: 'alreadySubmitted' } => {
    const draft = draftId ? findDraft(round, draftId) : undefined;
    if (draft?.submitted) return { status: 'alreadySubmitted' };
    requireOpen(round, draftId);
    if (!draft) throw new DraftMissingError();
    if (!draft.role) throw new ValidationError('Choose a role first', [{ field: 'role', message: 'Choose the description that fits you best' }]);
    const q = questionnaireFor(round);
    // An empty response would count towards a group's size while adding nothing to its
    // results, letting a group look large enough when its figures describe fewer people.
    if (Object.keys(draft.answers).length === 0) {
      throw new ValidationError('Answer at least one question', [
        { field: 'answers', message: 'Answer at least one question before sending. “Don\'t know” counts as an answer.' },
      ]);
    }
    const { response, themeScores: scores } = buildResponse(q, round, draft.role, draft.answers, draft.channel, clock.now());
    // Just the language code and Easy Read: counted for the whole round, never by role.
    return { draftId: draft.id, response: { ...response, ...chooseWording(q, draft.language ? [draft.language] : [], draft.easyRead) }, scores, q };
  };

  const afterSubmit = (round: RoundRecord, ready: Ready, submitted: boolean): SubmitResult => {
    if (!submitted) return { status: 'alreadySubmitted' };
    release.settle(round);
    events.publish({ roundId: round.id, kind: 'submitted' });
    // The draft's earlier versions (every page as it was saved) are still page images in the
    // WAL: move them out, so a sent draft's text is not left on disk. secure_delete has zeroed
    // them in the database file itself. Right after this turn of the event loop, once for all
    // the sends it handled (see checkpointSoon).
    checkpointSoon();
    return { status: 'submitted', themeScores: ready.scores, ownScores: ownScores(ready.q, round.form, ready.scores) };
  };

  let queued: { round: RoundRecord; draftId: string; resolve: (r: SubmitResult) => void; reject: (err: unknown) => void }[] = [];
  const flushQueued = () => {
    const batch = queued;
    queued = [];
    const now = clock.now();
    type Outcome = { round: RoundRecord; ready: Ready; ok: boolean } | { done: SubmitResult } | { err: unknown };
    let outcomes: Outcome[];
    try {
      outcomes = repos.responses.inOneTransaction(() =>
        batch.map(({ round: asked, draftId }): Outcome => {
          try {
            // Checked and built again here, inside the transaction, from the round and draft as
            // they are now: a close handled in between (or a page saved from another tab) must
            // count, exactly as with a send written at once.
            const round = repos.rounds.findById(asked.id) ?? asked;
            const ready = prepareSubmit(round, draftId);
            if ('status' in ready) return { done: ready };
            return { round, ready, ok: repos.responses.submitDraft(ready.draftId, ready.response, now) };
          } catch (err) {
            // A failure SQLite answers by rolling back the whole transaction (a full disk, say)
            // fails the whole batch with its own error, not this send alone.
            if (!repos.responses.inTransaction()) throw err;
            return { err };
          }
        }),
      );
    } catch (err) {
      // The commit itself failed (a full or read-only disk): nothing of the batch was saved.
      for (const b of batch) b.reject(err);
      return;
    }
    batch.forEach((b, i) => {
      const outcome = outcomes[i];
      if ('err' in outcome) return b.reject(outcome.err);
      if ('done' in outcome) return b.resolve(outcome.done);
      try {
        b.resolve(afterSubmit(outcome.round, outcome.ready, outcome.ok));
      } catch (err) {
        b.reject(err);
      }
    });
  };

  return {
    questionnaireFor,
    requireOpen,
    findDraft,
    requireDraft,
    pages: (round: RoundRecord): readonly FormTheme[] => formThemes(questionnaireFor(round), round.form),

    /** Starts a new draft for a round, in the wording the person chose; returns it with its resume code. */
    startDraft(round: RoundRecord, wording?: Wording): Draft {
      requireOpen(round);
      let resumeCode = randomFromAlphabet(random, JOIN_CODE_ALPHABET, RESUME_CODE_LENGTH);
      while (repos.responses.isResumeCodeTaken(resumeCode)) resumeCode = randomFromAlphabet(random, JOIN_CODE_ALPHABET, RESUME_CODE_LENGTH);
      const id = randomToken(random, 32);
      const chosen = wording && chooseWording(questionnaireFor(round), [wording.language], wording.easyRead);
      repos.responses.createDraft({ id, roundId: round.id, resumeCode, now: clock.now(), expiresAt: clock.now() + draftTtlMs, language: chosen?.language, easyRead: chosen?.easyRead });
      events.publish({ roundId: round.id, kind: 'started' });
      return { id, roundId: round.id, resumeCode, role: null, answers: {}, resumeAt: null, channel: 'online', language: chosen?.language ?? null, easyRead: chosen?.easyRead ?? false, submitted: false };
    },

    /**
     * Records the wording a draft is read in, so that coming back (by resume code, on any
     * device) keeps it. Anything the questionnaire does not offer falls back to what it has.
     * Does nothing without an unsent draft: the choice then lives only in the person's browser.
     */
    saveWording(round: RoundRecord, draftId: string | undefined, wording: Wording): Wording {
      const chosen = chooseWording(questionnaireFor(round), [wording.language], wording.easyRead);
      const draft = findDraft(round, draftId);
      if (draft && !draft.submitted) repos.responses.saveWording({ id: draft.id, ...chosen });
      return chosen;
    },

    /** Finds an unexpired draft by its resume code, with its round. */
    resume(input: string): { draft: Draft; round: RoundRecord } | undefined {
      const code = normaliseResumeCode(input);
      if (code.length !== RESUME_CODE_LENGTH) return undefined;
      const record = repos.responses.findDraftByResumeCode(code, clock.now());
      if (!record) return undefined;
      const round = rounds.get(record.roundId);
      return { draft: toDraft(round, record), round };
    },

    /**
     * Saves the role and, when the page asked it, whether a peer supporter is answering with or
     * for someone (`assisted`; undefined leaves it as it was). Only the channel is kept of that.
     */
    saveRole(round: RoundRecord, draftId: string | undefined, roleId: unknown, assisted?: boolean): Draft {
      requireOpen(round, draftId);
      const draft = requireDraft(round, draftId);
      if (draft.submitted) return draft;
      if (typeof roleId !== 'string' || !round.roles.some((r) => r.id === roleId)) {
        throw new ValidationError('Choose a role', [{ field: 'role', message: 'Choose the description that fits you best' }]);
      }
      const channel: DraftChannel = assisted === undefined ? draft.channel : assisted ? 'assisted' : 'online';
      save(draft, roleId, draft.answers, draft.resumeAt, channel);
      // The first role makes the draft count as started (see countPartWay).
      if (draft.role === null) events.publish({ roundId: round.id, kind: 'started' });
      return { ...draft, role: roleId, channel };
    },

    /**
     * Saves one theme page. Invalid input changes nothing and returns every error; the page's
     * blank questions become unanswered (so a changed mind can clear an answer). `action` records
     * where the person will come back to: the next page, this one ("later") or the one before.
     */
    saveThemeAnswers(round: RoundRecord, draftId: string | undefined, themeId: string, body: unknown, action: PageAction = 'next'):
      { ok: true; draft: Draft } | { ok: false; errors: FieldError[] } {
      requireOpen(round, draftId);
      const draft = requireDraft(round, draftId);
      const q = questionnaireFor(round);
      const parsed = parseThemeAnswers(q, round.form, themeId, body);
      if (!parsed.ok) return parsed;
      const answers = mergeThemeAnswers(q, round.form, themeId, draft.answers, parsed.answers);
      const pages = formThemes(q, round.form);
      const at = pages.findIndex((p) => p.theme.id === themeId);
      // "Later" on a page with every question answered means it is done: come back to the next one.
      const pageDone = pages[at].items.filter(isScored).every((i) => i.id in answers);
      const target = action === 'back' ? Math.max(0, at - 1) : action === 'later' && !pageDone ? at : at + 1;
      const resumeAt = target >= pages.length ? 'check' : pages[target].theme.id;
      save(draft, draft.role, answers, resumeAt);
      return { ok: true, draft: { ...draft, answers, resumeAt } };
    },

    /**
     * Turns the draft into exactly one response. A repeated submission (double click, back
     * button, replayed request) changes nothing and reports `alreadySubmitted`.
     */
    submit(round: RoundRecord, draftId: string | undefined): SubmitResult {
      const ready = prepareSubmit(round, draftId);
      if ('status' in ready) return ready;
      const submitted = repos.responses.submitDraft(ready.draftId, ready.response, clock.now());
      return afterSubmit(round, ready, submitted);
    },

    /**
     * The same as {@link submit}, but the sends that arrive in one turn of the event loop share
     * one transaction, so one commit (one fsync, synchronous=FULL as ever) instead of one each
     * (issue 12: a send was its commit's wait on the disk). Each send is its own savepoint inside
     * it, so one that fails fails alone; the promise settles only after the commit, so nobody is
     * told "sent" before their response is on disk. Checks (round open, role, answers) run at
     * once, as in submit, and again when the send is written, on the round and draft as they
     * are then (a close or a save may come in between).
     */
    submitSoon(round: RoundRecord, draftId: string | undefined): Promise<SubmitResult> {
      const ready = prepareSubmit(round, draftId);
      if ('status' in ready) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        queued.push({ round, draftId: ready.draftId, resolve, reject });
        if (queued.length === 1) setImmediate(flushQueued);
      });
    },

    /**
     * A respondent's own theme scores for the thank-you page, from the raw scores `submit`
     * returned (carried by their browser in between: the server keeps no copy). Themes the
     * round does not have are ignored; missing ones show as not scored. `texts`: the
     * questionnaire in the reader's wording (same ids, same bands).
     */
    ownScoresFor(round: RoundRecord, themeScores: Record<string, number | null>, texts: Questionnaire = questionnaireFor(round)): OwnThemeScore[] {
      return ownScores(texts, round.form, themeScores);
    },
  };
}
export type RespondingService = ReturnType<typeof respondingService>;
export type SubmitResult = { status: 'submitted'; themeScores: Record<string, number | null>; ownScores: OwnThemeScore[] } | { status: 'alreadySubmitted' };

function ownScores(q: Questionnaire, form: RoundRecord['form'], scores: Record<string, number | null>): OwnThemeScore[] {
  return formThemes(q, form).map(({ theme }) => {
    const score = scores[theme.id] ?? null;
    const band = bandFor(q, score);
    return {
      themeId: theme.id,
      title: respondentTitle(theme),
      score: displayScore(score),
      band: band?.label ?? null,
      bandText: band ? (theme.bandText[band.id] ?? null) : null,
    };
  });
}

/** The round exists but is not taking answers yet. */
export class RoundNotOpenError extends Error {
  override name = 'RoundNotOpenError';
  constructor(readonly state: 'draft' | 'notYetOpen') {
    super(state === 'draft' ? 'This round is not open yet.' : 'This round has not opened yet.');
  }
}

/** No usable draft: it expired, was never started, or belongs to another round. */
export class DraftMissingError extends NotFoundError {
  override name = 'DraftMissingError';
  constructor() {
    super('We could not find your answers in progress. They may have expired.');
  }
}
