// Rounds kept in memory by link token while their version (migration 018) is the same (issue 12).
import { makeTestApp } from '../helpers/app';
import { openRound } from '../helpers/rounds';
import { respond } from '../helpers/respond';

const versionOf = (ctx: ReturnType<typeof makeTestApp>, id: number) => ctx.db.prepare('SELECT version FROM rounds WHERE id = ?').pluck().get(id) as number;

describe('round versions and the kept rounds', () => {
  it('raises the version on every change to the row, whichever statement makes it', () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const v0 = versionOf(ctx, round.id);
    ctx.services.rounds.update(round.id, { ...round, name: 'Renamed' });
    const v1 = versionOf(ctx, round.id);
    expect(v1).toBe(v0 + 1);
    // A statement nobody wrote for this (as a future one might be) raises it too.
    ctx.db.prepare('UPDATE rounds SET intro = ? WHERE id = ?').run('New intro', round.id);
    expect(versionOf(ctx, round.id)).toBe(v1 + 1);
    ctx.services.rounds.close(round.id);
    expect(versionOf(ctx, round.id)).toBe(v1 + 2);
  });

  it('gives the same frozen round while nothing changed, and the round as it now is after any change', () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const find = () => ctx.services.rounds.findByLinkToken(round.linkToken)!;
    const first = find();
    expect(find()).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.roles) && Object.isFrozen(first.roles[0])).toBe(true);
    expect(first).toEqual(ctx.services.rounds.get(round.id));

    ctx.db.prepare('UPDATE rounds SET intro = ? WHERE id = ?').run('Changed behind its back', round.id);
    expect(find().intro).toBe('Changed behind its back');
    // Releasing answers counts a release on the round row: a change like any other.
    const before = find().releases;
    respond(ctx, round, round.roles[0].id, { [ctx.services.responding.pages(round)[0].items[0].id]: '3' });
    expect(find().releases).toBe(before + 1);
    expect(find().releases).toBe(ctx.services.rounds.get(round.id).releases);
    expect(find()).toEqual(ctx.services.rounds.get(round.id));

    ctx.services.rounds.close(round.id);
    expect(find().status).toBe('closed');
    ctx.services.rounds.delete(round.id, round.name);
    expect(ctx.services.rounds.findByLinkToken(round.linkToken)).toBeUndefined();
    expect(ctx.services.rounds.findByLinkToken('no-such-token')).toBeUndefined();
  });
});
