import { decideVisibility, normaliseMinGroupSize } from '../domain/anonymity';
import { languagesOf, type FormId, type Questionnaire } from '../domain/questionnaire';
import type { Repositories, RoundRecord, RoundRole, RoundSettings, RoundStatus } from '../db';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import type { QuestionnaireRegistry } from './questionnaires';
import type { EventBus } from './events';
import type { ReleaseService } from './release';
import { randomFromAlphabet, randomToken, type Clock, type RandomSource } from './runtime';

/** Join codes avoid characters people confuse when reading a projector: 0/O, 1/I/L. */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 6;

/** Forgives case, spaces and dashes: " ab3-k7q " -> "AB3K7Q". */
export function normaliseJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]+/g, '');
}

export type RoundInput = RoundSettings;

/** Whether a respondent may answer now, and if not, why. */
export type RoundAvailability =
  | { state: 'open' }
  | { state: 'draft' }
  | { state: 'notYetOpen'; opensAt: number }
  | { state: 'closed'; closedAt: number | null };

export function roundAvailability(round: RoundRecord, now: number): RoundAvailability {
  if (round.status === 'draft') return { state: 'draft' };
  if (round.status === 'closed') return { state: 'closed', closedAt: round.closesAt };
  if (round.opensAt !== null && now < round.opensAt) return { state: 'notYetOpen', opensAt: round.opensAt };
  if (round.closesAt !== null && now >= round.closesAt) return { state: 'closed', closedAt: round.closesAt };
  return { state: 'open' };
}

interface Deps {
  repos: Repositories;
  questionnaires: QuestionnaireRegistry;
  clock: Clock;
  random: RandomSource;
  release: ReleaseService;
  events: EventBus;
}

/** Rounds: creating, changing, opening and closing them, and finding them for respondents. */
export function roundService({ repos, questionnaires, clock, random, release, events }: Deps) {
  const newJoinCode = (exceptRoundId?: number): string => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const code = randomFromAlphabet(random, JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH);
      if (!repos.rounds.isJoinCodeTaken(code, exceptRoundId)) return code;
    }
    // 31^6 ≈ 887 million codes: fifty collisions in a row means something is badly wrong.
    throw new ConflictError('Could not find a free join code. Please try again.');
  };

  /** Checks rules that depend on stored data; returns the settings with defaults applied. */
  const checkSettings = (input: RoundInput): RoundInput => {
    const errors: { field: string; message: string }[] = [];
    const q = questionnaires.find(input.questionnaireId, input.questionnaireVersion);
    if (!q) errors.push({ field: 'questionnaire', message: 'Choose a questionnaire that exists' });
    else if (q.forms[input.form].length === 0) errors.push({ field: 'form', message: `This questionnaire has no ${input.form} form` });
    const ids = new Set<string>();
    for (const role of input.roles) {
      if (ids.has(role.id)) errors.push({ field: 'roles', message: `The role “${role.label}” is listed twice` });
      ids.add(role.id);
    }
    if (input.roles.length === 0) errors.push({ field: 'roles', message: 'Offer at least one role' });
    if (q && input.defaultLanguage != null && !languagesOf(q).includes(input.defaultLanguage)) {
      errors.push({ field: 'defaultLanguage', message: 'Choose a language the questionnaire is written in' });
    }
    if (input.opensAt !== null && input.closesAt !== null && input.opensAt >= input.closesAt) {
      errors.push({ field: 'closesAt', message: 'The closing time must be after the opening time' });
    }
    if (errors.length > 0) throw new ValidationError('The round settings need changing', errors);
    return { ...input, minGroupSize: normaliseMinGroupSize(input.minGroupSize) };
  };

  const get = (id: number): RoundRecord => {
    const round = repos.rounds.findById(id);
    if (!round) throw new NotFoundError('That round was not found');
    return round;
  };

  const setStatus = (round: RoundRecord, status: RoundStatus, graceUntil: number | null = null): RoundRecord => {
    // A round that gave up its code when it closed takes a fresh one if another round has it now.
    const code = status !== 'closed' && repos.rounds.isJoinCodeTaken(round.joinCode, round.id) ? newJoinCode(round.id) : round.joinCode;
    repos.rounds.setStatus(round.id, status, code, clock.now(), graceUntil);
    return get(round.id);
  };

  /** A new draft round with a fresh secret link and join code. */
  const insertDraft = (organisationId: number, settings: RoundInput): RoundRecord =>
    get(repos.rounds.insert({ ...settings, organisationId, status: 'draft', linkToken: randomToken(random, 18), joinCode: newJoinCode(), createdAt: clock.now() }));

  return {
    get,
    listByOrganisation: (organisationId: number) => repos.rounds.listByOrganisation(organisationId),
    questionnaireFor: (round: RoundRecord): Questionnaire => questionnaires.get(round.questionnaireId, round.questionnaireVersion),

    create(organisationId: number, input: RoundInput): RoundRecord {
      if (!repos.organisations.findById(organisationId)) throw new NotFoundError('That organisation was not found');
      return insertDraft(organisationId, checkSettings(input));
    },

    /** Changes settings; the questionnaire, form and roles are fixed once anyone has answered. */
    update(id: number, input: RoundInput): RoundRecord {
      const round = get(id);
      const settings = checkSettings(input);
      if (repos.responses.hasResponses(id)) {
        const fixed: string[] = [];
        if (settings.questionnaireId !== round.questionnaireId || settings.questionnaireVersion !== round.questionnaireVersion) {
          fixed.push('questionnaire');
        }
        if (settings.form !== round.form) fixed.push('form');
        if (JSON.stringify(settings.roles) !== JSON.stringify(round.roles)) fixed.push('roles');
        // People answered having been told the minimum group size: it may rise, never fall.
        if (settings.minGroupSize < round.minGroupSize) fixed.push(`minimum group size (it can go up, not below ${round.minGroupSize})`);
        if (fixed.length > 0) {
          throw new ConflictError(
            `This round already has responses, so its ${fixed.join(', ')} cannot change: the results would no longer compare. Duplicate the round instead.`,
          );
        }
      }
      repos.rounds.updateSettings(id, settings, clock.now());
      return get(id);
    },

    /**
     * Opens (or reopens) a round. A round whose closing time has passed would say "open" while
     * turning everyone away, so it is refused until the closing time is moved or cleared.
     */
    open(id: number): RoundRecord {
      const round = get(id);
      if (round.closesAt !== null && clock.now() >= round.closesAt) {
        throw new ClosingTimePassedError('Its closing time has passed, so nobody could answer. Change or clear the closing time in its settings, then open it.');
      }
      const opened = setStatus(round, 'open');
      events.publish({ roundId: id, kind: 'opened' });
      return opened;
    },
    /**
     * Closes a round. With `graceMs`, people who had already started may still send their answers
     * for that long (nobody new can start); without it, unsent answers are never counted. Waiting
     * answers join the results as far as that is safe once the grace period is over (see
     * ReleaseService.settle, which every later read and submission calls).
     */
    close(id: number, graceMs = 0): RoundRecord {
      const closed = setStatus(get(id), 'closed', graceMs > 0 ? clock.now() + graceMs : null);
      release.settle(closed);
      events.publish({ roundId: id, kind: 'closed' });
      return get(id);
    },

    /** How many people have started answering and not sent yet (drafts with a role or an answer). */
    partWay: (id: number) => repos.responses.countPartWay(id, clock.now()),

    /** The end of the round's grace period if it is running now, else null. */
    graceUntil: (round: RoundRecord) => (round.status === 'closed' && round.graceUntil !== null && round.graceUntil > clock.now() ? round.graceUntil : null),

    /** A new draft round with the same settings and a new link and code (next year, next workshop). */
    duplicate(id: number, name?: string): RoundRecord {
      const round = get(id);
      return insertDraft(round.organisationId, {
        name: (name ?? `${round.name} (copy)`).slice(0, 200),
        questionnaireId: round.questionnaireId,
        questionnaireVersion: round.questionnaireVersion,
        form: round.form,
        mode: round.mode,
        roles: round.roles,
        minGroupSize: round.minGroupSize,
        opensAt: null,
        closesAt: null,
        intro: round.intro,
        resultsRelease: round.resultsRelease,
      });
    },

    /** Deletes a round and everything answered in it, only when its name is typed exactly. */
    delete(id: number, typedName: string): void {
      const round = get(id);
      if (typedName.trim() !== round.name.trim()) {
        throw new ValidationError('The name did not match', [
          { field: 'confirmName', message: `Type the round's name exactly, “${round.name}”, to delete it` },
        ]);
      }
      repos.rounds.delete(id);
      // Its responses, comments and drafts are zeroed in the file (secure_delete); take the
      // earlier page images out of the WAL too, so a deleted round is gone from disk now.
      repos.storage.checkpoint();
    },

    /**
     * Retention: deletes every round that finished before `cutoff`, with everything answered in it
     * (the database cascades to responses, answers, comments, drafts, waiting responses and share
     * links), in one transaction. The caller checkpoints afterwards. Returns how many went.
     */
    deleteFinishedBefore(cutoff: number): number {
      return repos.rounds.deleteFinishedBefore(cutoff);
    },

    /** The live round with this code or, failing that, the round that last closed with it (so people are told it closed). */
    findByJoinCode(input: string) {
      const code = normaliseJoinCode(input);
      return repos.rounds.findByLiveJoinCode(code) ?? repos.rounds.findLatestClosedByJoinCode(code);
    },
    findByLinkToken: (token: string) => repos.rounds.findByToken(token),
    availability: (round: RoundRecord) => roundAvailability(round, clock.now()),
    responseCounts: (id: number) => repos.responses.countByRole(id),
    /**
     * Counts by role as the report shows them: exact for groups that may be shown, "not shown"
     * (null) otherwise, so the round page reveals no more than the results do.
     */
    visibleResponseCounts(id: number): { total: number; waiting: number; rows: { roleId: string; label: string; n: number | null }[] } {
      const round = get(id);
      release.settle(round);
      const status = release.status(round);
      const counts: Record<string, number> = Object.fromEntries(round.roles.map((r) => [r.id, 0]));
      for (const { role, n } of repos.responses.countByRole(id)) counts[role] = n;
      const decision = decideVisibility(counts, round.minGroupSize);
      const labelOf = (roleId: string) => round.roles.find((r) => r.id === roleId)?.label ?? roleId;
      return {
        total: decision.total + status.waiting,
        waiting: status.waiting,
        rows: Object.keys(counts).map((roleId) => {
          const shown = decision.counts[roleId];
          return { roleId, label: labelOf(roleId), n: shown?.shown && !status.hiddenUntilClose ? shown.n : null };
        }),
      };
    },
    hasResponses: (id: number) => repos.responses.hasResponses(id),
  };
}
export type RoundService = ReturnType<typeof roundService>;

/** Opening refused: the round's closing time is in the past. */
export class ClosingTimePassedError extends ConflictError {
  override name = 'ClosingTimePassedError';
}

/** The roles a questionnaire offers by default, as a round stores them. */
export function defaultRoles(q: Questionnaire): RoundRole[] {
  return q.roles.map((r) => ({ id: r.id, label: r.label }));
}

export type { FormId, RoundRecord, RoundRole };
