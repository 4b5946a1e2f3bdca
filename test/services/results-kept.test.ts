// The results service keeps each round's aggregates while the running totals stay as they were
// (src/services/results.ts, issue 12). Every test compares a report with the one a new results
// service (nothing kept) computes from the same database at the same moment.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRepositories, migrate, openDatabase, type Db, type RoundRecord } from '../../src/db';
import { createServices } from '../../src/services';
import { fakeClock, makeFileTestApp, makeTestApp, type TestContext } from '../helpers/app';
import { openRound } from '../helpers/rounds';
import { fillRound } from '../helpers/synthetic';

const clock = fakeClock();

/** The report as a service that has kept nothing computes it now. */
function fresh(ctx: TestContext, roundId: number, db: Db = ctx.db) {
  return createServices({ db, config: ctx.config, clock }).results.forRound(roundId, { comments: 'visible' });
}
const report = (ctx: TestContext, roundId: number) => ctx.services.results.forRound(roundId, { comments: 'visible' });

function fill(ctx: TestContext, round: RoundRecord, count: number, seed: number, db: Db = ctx.db) {
  fillRound(createRepositories(db), ctx.services.rounds.questionnaireFor(round), round, count, seed, undefined, { comments: ['A remark'] });
}

describe('aggregates kept between reports', () => {
  it('gives the same report as a fresh service, before and after more responses join the results', () => {
    const ctx = makeTestApp({ clock });
    const round = openRound(ctx);
    fill(ctx, round, 40, 1);
    const before = report(ctx, round.id);
    expect(before).toEqual(fresh(ctx, round.id));
    const again = report(ctx, round.id);
    expect(again).toEqual(before);
    // The results were built once and shared, frozen: a caller cannot change the next report.
    expect(again.overall).toBe(before.overall);
    expect(Object.isFrozen(before.overall!.themes[0])).toBe(true);
    expect(() => {
      (before.overall!.themes[0] as { mean: number | null }).mean = 0;
    }).toThrow(TypeError);
    fill(ctx, round, 25, 2);
    const after = report(ctx, round.id);
    expect(after.total).toBe(65);
    expect(after).toEqual(fresh(ctx, round.id));
    expect(after).not.toEqual(before);
    // The answers export's disclosure comes from the same kept results, and follows them too.
    const freshDisclosure = () => createServices({ db: ctx.db, config: ctx.config, clock }).results.disclosure(round.id);
    expect(ctx.services.results.disclosure(round.id)).toEqual(freshDisclosure());
    fill(ctx, round, 5, 12);
    expect(ctx.services.results.disclosure(round.id)).toEqual(freshDisclosure());
  });

  it('sees a change to another round, and released answers, as a fresh service does', () => {
    const ctx = makeTestApp({ clock });
    const a = openRound(ctx);
    const b = openRound(ctx);
    fill(ctx, a, 30, 3);
    fill(ctx, b, 30, 4);
    expect(report(ctx, a.id)).toEqual(fresh(ctx, a.id));
    expect(report(ctx, b.id)).toEqual(fresh(ctx, b.id));
    fill(ctx, b, 10, 5);
    expect(report(ctx, a.id)).toEqual(fresh(ctx, a.id));
    expect(report(ctx, b.id).total).toBe(40);
  });

  it('sees what another connection (another process) commits', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'powershare-kept-'));
    try {
      const ctx = makeFileTestApp(dir, { clock });
      const round = openRound(ctx);
      fill(ctx, round, 30, 6);
      expect(report(ctx, round.id).total).toBe(30);
      const other = openDatabase(ctx.file);
      migrate(other);
      fill(ctx, round, 20, 7, other);
      const seen = report(ctx, round.id);
      expect(seen.total).toBe(50);
      expect(seen).toEqual(fresh(ctx, round.id, other));
      other.close();
      ctx.db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps nothing read inside a transaction that is then rolled back', () => {
    const ctx = makeTestApp({ clock });
    const round = openRound(ctx);
    fill(ctx, round, 30, 8);
    const before = report(ctx, round.id);
    expect(() =>
      ctx.db.transaction(() => {
        fill(ctx, round, 20, 9);
        expect(report(ctx, round.id).total).toBe(50);
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(report(ctx, round.id)).toEqual(before);
    expect(report(ctx, round.id)).toEqual(fresh(ctx, round.id));
  });

  it('never gives a deleted round’s results to a new round with the same id', () => {
    const ctx = makeTestApp({ clock });
    const round = openRound(ctx);
    fill(ctx, round, 30, 10);
    expect(report(ctx, round.id).total).toBe(30);
    ctx.services.rounds.delete(round.id, round.name);
    const again = openRound(ctx);
    expect(again.id).toBe(round.id);
    expect(report(ctx, again.id).total).toBe(0);
    expect(report(ctx, again.id)).toEqual(fresh(ctx, again.id));
  });

  it('follows a change of the round’s settings (minimum group size, role labels)', () => {
    const ctx = makeTestApp({ clock });
    const round = openRound(ctx, { minGroupSize: 3 });
    fillRound(createRepositories(ctx.db), ctx.services.rounds.questionnaireFor(round), round, 0, 11, { exact: { lived: 4, staff: 12, leader: 6 } });
    const small = report(ctx, round.id);
    expect(small.groups.map((g) => g.roleId)).toContain('lived');
    ctx.db.prepare('UPDATE rounds SET min_group_size = 5, roles = ? WHERE id = ?').run(
      JSON.stringify(round.roles.map((r) => (r.id === 'staff' ? { ...r, label: 'Our staff' } : r))),
      round.id,
    );
    const larger = report(ctx, round.id);
    expect(larger.groups.map((g) => g.roleId)).not.toContain('lived');
    expect(larger.groups.find((g) => g.roleId === 'staff')?.label).toBe('Our staff');
    expect(larger).toEqual(fresh(ctx, round.id));
  });
});
