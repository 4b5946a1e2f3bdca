import { ACTION_STATUS_LABELS, isOverdue, utcDay, type Action, type ActionInput } from '../domain/actions';
import { formThemes } from '../domain/questionnaire';
import type { Repositories, RoundRecord } from '../db';
import { NotFoundError, ValidationError } from './errors';
import type { RoundService } from './rounds';
import type { Clock } from './runtime';

/** An action as pages show it: with its theme's title, status label and whether it is overdue. */
export type ActionView = Action & { themeTitle: string; statusLabel: string; overdue: boolean };

/** Action plans per round: recorded by admins, shown on reports and the trends page. */
export function actionService({ repos, rounds, clock }: { repos: Repositories; rounds: RoundService; clock: Clock }) {
  const themesOf = (round: RoundRecord) => formThemes(rounds.questionnaireFor(round), round.form).map(({ theme }) => ({ id: theme.id, title: theme.title }));

  const check = (round: RoundRecord, input: ActionInput): ActionInput => {
    if (!themesOf(round).some((t) => t.id === input.themeId)) {
      throw new ValidationError('The action needs changing', [{ field: 'themeId', message: 'Choose one of the round’s themes' }]);
    }
    return input;
  };

  const view = (round: RoundRecord) => {
    const themes = themesOf(round);
    const today = utcDay(clock.now());
    return (a: Action): ActionView => ({
      ...a,
      themeTitle: themes.find((t) => t.id === a.themeId)?.title ?? a.themeId,
      statusLabel: ACTION_STATUS_LABELS[a.status],
      overdue: isOverdue(a, today),
    });
  };

  return {
    /** The themes an action may belong to: those of the round's form. */
    themes: (round: RoundRecord) => themesOf(round),
    /** A round's actions, soonest due first. */
    list: (round: RoundRecord): ActionView[] => repos.actions.listForRound(round.id).map(view(round)),
    get(round: RoundRecord, id: number): ActionView {
      const a = repos.actions.find(round.id, id);
      if (!a) throw new NotFoundError('That action was not found');
      return view(round)(a);
    },
    create: (round: RoundRecord, input: ActionInput) => repos.actions.insert(round.id, check(round, input), clock.now()),
    update(round: RoundRecord, id: number, input: ActionInput): void {
      if (!repos.actions.update(round.id, id, check(round, input), clock.now())) throw new NotFoundError('That action was not found');
    },
    remove(round: RoundRecord, id: number): void {
      if (!repos.actions.remove(round.id, id)) throw new NotFoundError('That action was not found');
    },
    /** The actions of a round before this one of the same organisation (the latest such round), if any. */
    previous(round: RoundRecord): { round: RoundRecord; actions: ActionView[] } | null {
      const age = (r: RoundRecord) => r.opensAt ?? r.createdAt;
      const earlier = rounds
        .listByOrganisation(round.organisationId)
        .filter((r) => r.id !== round.id && (age(r) < age(round) || (age(r) === age(round) && r.id < round.id)))
        .sort((a, b) => age(b) - age(a) || b.id - a.id);
      for (const r of earlier) {
        const actions = repos.actions.listForRound(r.id);
        if (actions.length > 0) return { round: r, actions: actions.map(view(r)) };
      }
      return null;
    },
  };
}
export type ActionService = ReturnType<typeof actionService>;
