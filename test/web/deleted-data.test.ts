import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isScored } from '../../src/domain/questionnaire';
import { browserLike, fakeClock, makeFileTestApp } from '../helpers/app';
import { openRound } from '../helpers/rounds';

/** The bytes of the database file and its WAL and shared-memory files, as someone copying them would get them. */
function diskBytes(file: string): Buffer {
  return Buffer.concat(['', '-wal', '-shm'].map((suffix) => (fs.existsSync(file + suffix) ? fs.readFileSync(file + suffix) : Buffer.alloc(0))));
}
const onDisk = (file: string, text: string) => diskBytes(file).includes(Buffer.from(text, 'utf8'));
/** An integer as SQLite stores a millisecond time in a record (6-byte big-endian). */
const int48 = (n: number) => {
  const b = Buffer.alloc(6);
  b.writeUIntBE(n, 0, 6);
  return b;
};

describe('deleted means gone (issue 16, item 3)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'powershare-gone-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('turns on secure_delete', () => {
    const ctx = makeFileTestApp(dir);
    expect(ctx.db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(ctx.db.pragma('journal_mode', { simple: true })).toBe('wal');
    ctx.db.close();
  });

  it('leaves no earlier draft text, draft JSON or exact time on disk once a draft is sent', async () => {
    const clock = fakeClock(Date.UTC(2026, 10, 21, 8, 0, 0));
    const ctx = makeFileTestApp(dir, { clock });
    const round = openRound(ctx);
    clock.set(Date.UTC(2026, 10, 22, 14, 2, 3, 456));
    const times: number[] = [];
    const tick = () => {
      clock.advance(3_217);
      times.push(clock.now(), clock.now() + ctx.config.draftTtlMs);
    };
    const b = browserLike(ctx.app);
    const base = `/r/${round.linkToken}`;
    tick();
    await b.submit(base, {}, `${base}/start`);
    tick();
    await b.submit(`${base}/role`, { role: 'carer' });
    const [page1, page2] = ctx.services.responding.pages(round);
    const fields = (page: typeof page1, comment: string) =>
      Object.fromEntries(page.items.map((i) => [i.id, isScored(i) ? '3' : comment]));
    // A first thought, changed before sending; a comment written, then cleared.
    tick();
    expect((await b.submit(`${base}/themes/1`, fields(page1, 'CANARY-first-thought-7f3a'))).status).toBe(303);
    tick();
    expect((await b.submit(`${base}/themes/2`, fields(page2, 'CANARY-cleared-later-91bc'))).status).toBe(303);
    tick();
    expect((await b.submit(`${base}/themes/1`, fields(page1, 'CANARY-sent-comment-5d20'))).status).toBe(303);
    tick();
    expect((await b.submit(`${base}/themes/2`, fields(page2, ''))).status).toBe(303);
    // The scan can see them: before sending, the earlier versions are still on disk.
    expect(onDisk(ctx.file, 'CANARY-first-thought-7f3a')).toBe(true);
    expect(onDisk(ctx.file, 'CANARY-cleared-later-91bc')).toBe(true);
    expect(onDisk(ctx.file, '"text":"CANARY-sent-comment-5d20"')).toBe(true);
    expect(times.some((t) => diskBytes(ctx.file).includes(int48(t)))).toBe(true);

    tick();
    const send = await b.submit(`${base}/check`, {}, `${base}/submit`);
    expect(send.headers.location).toBe(`${base}/thanks`);
    await b.agent.get(`${base}/thanks`).expect(200);

    // Only the submitted, anonymised form remains: first waiting whole for release, then, once the
    // round closes, the comment as a comment; nothing of the draft, nor of the waiting copy.
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM pending_responses').get()).toEqual({ n: 1 });
    // The admin closes the round later (the round's own change time is the admin's, not a respondent's).
    clock.advance(3_600_000);
    ctx.services.rounds.close(round.id);
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM pending_responses').get()).toEqual({ n: 0 });
    expect(ctx.db.prepare('SELECT body FROM comments').all()).toEqual([{ body: 'CANARY-sent-comment-5d20' }]);
    expect(onDisk(ctx.file, 'CANARY-sent-comment-5d20')).toBe(true);
    expect(onDisk(ctx.file, '"questionnaireVersion":')).toBe(false);
    expect(onDisk(ctx.file, 'CANARY-first-thought-7f3a')).toBe(false);
    expect(onDisk(ctx.file, 'CANARY-cleared-later-91bc')).toBe(false);
    expect(onDisk(ctx.file, '"text":"CANARY')).toBe(false);
    expect(onDisk(ctx.file, '"type":"choice"')).toBe(false);
    expect(fs.statSync(`${ctx.file}-wal`).size).toBe(0);
    // No exact time of the journey (nor the draft's expiry computed from it) is left in any byte.
    const bytes = diskBytes(ctx.file);
    expect(times.filter((t) => bytes.includes(int48(t))).map((t) => new Date(t).toISOString())).toEqual([]);
    ctx.db.close();
  });

  it('leaves no text of a draft that expired and was deleted, nor of old sessions', async () => {
    const clock = fakeClock();
    const ctx = makeFileTestApp(dir, { clock });
    const round = openRound(ctx);
    const b = browserLike(ctx.app);
    const base = `/r/${round.linkToken}`;
    await b.submit(base, {}, `${base}/start`);
    await b.submit(`${base}/role`, { role: 'staff' });
    const [page1] = ctx.services.responding.pages(round);
    const body = Object.fromEntries(page1.items.map((i) => [i.id, isScored(i) ? '1' : 'CANARY-abandoned-draft-4e6d']));
    expect((await b.submit(`${base}/themes/1`, body)).status).toBe(303);
    // An admin session with something of its own in it, left to expire.
    ctx.services.sessions.save('CANARY-old-session-id-0c1d', JSON.stringify({ flash: [{ kind: 'success', text: 'CANARY-old-session-text' }] }), clock.now() + 60_000);
    ctx.services.maintenance.run();
    expect(onDisk(ctx.file, 'CANARY-abandoned-draft-4e6d')).toBe(true); // still a live draft

    clock.advance(ctx.config.draftTtlMs + 1);
    expect(ctx.services.maintenance.run()).toMatchObject({ drafts: 1, sessions: 1 });
    expect(onDisk(ctx.file, 'CANARY-abandoned-draft-4e6d')).toBe(false);
    expect(onDisk(ctx.file, 'CANARY-old-session')).toBe(false);
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM drafts').get()).toEqual({ n: 0 });
    ctx.db.close();
  });

  it('leaves no comment or draft of a round once an admin deletes the round', async () => {
    const ctx = makeFileTestApp(dir);
    const round = openRound(ctx);
    const base = `/r/${round.linkToken}`;
    for (const text of ['CANARY-deleted-round-comment-1', 'CANARY-deleted-round-comment-2']) {
      const b = browserLike(ctx.app);
      await b.submit(base, {}, `${base}/start`);
      await b.submit(`${base}/role`, { role: 'staff' });
      await b.submit(`${base}/themes/1`, { 'cp-early': '2', 'coproduction-comment': text });
      await b.submit(`${base}/check`, {}, `${base}/submit`);
    }
    const waiting = browserLike(ctx.app);
    await waiting.submit(base, {}, `${base}/start`);
    await waiting.submit(`${base}/role`, { role: 'staff' });
    await waiting.submit(`${base}/themes/1`, { 'cp-early': '2', 'coproduction-comment': 'CANARY-deleted-round-draft' });
    // An admin session still holding the share link just made for this round (issue 13, item 8).
    ctx.services.sessions.save('admin-session', JSON.stringify({ adminId: 1, newShareLink: { roundId: round.id, token: 'CANARY-deleted-round-share-token' } }), Date.now() + 3_600_000);
    expect(onDisk(ctx.file, 'CANARY-deleted-round-comment-1')).toBe(true);
    expect(onDisk(ctx.file, 'CANARY-deleted-round-draft')).toBe(true);
    ctx.services.rounds.delete(round.id, round.name);
    expect(onDisk(ctx.file, 'CANARY-deleted-round')).toBe(false);
    expect(JSON.parse(ctx.services.sessions.find('admin-session')!.data)).toEqual({ adminId: 1 });
    ctx.db.close();
  });

  it('deletes whole rounds that finished more than ROUND_RETENTION_MONTHS ago, with everything in them, from the file (issue 13, item 8)', async () => {
    const clock = fakeClock(Date.UTC(2024, 0, 10, 9, 0, 0));
    const ctx = makeFileTestApp(dir, { clock, config: { roundRetentionMonths: 12 } });
    const answer = async (round: ReturnType<typeof openRound>, text: string, send = true) => {
      const b = browserLike(ctx.app);
      const base = `/r/${round.linkToken}`;
      await b.submit(base, {}, `${base}/start`);
      await b.submit(`${base}/role`, { role: 'staff' });
      await b.submit(`${base}/themes/1`, { 'cp-early': '2', 'coproduction-comment': text });
      if (send) await b.submit(`${base}/check`, {}, `${base}/submit`);
    };
    // Old: answered (five released, one still waiting), a draft left behind, a share link; closed in January 2024.
    const old = openRound(ctx, { name: 'CANARY-old-round-name' });
    for (let i = 0; i < 5; i++) await answer(old, `CANARY-old-comment-${i}`);
    ctx.services.release.releaseAll(ctx.services.rounds.get(old.id));
    await answer(old, 'CANARY-old-waiting');
    await answer(old, 'CANARY-old-draft', false);
    const oldLink = ctx.services.shareLinks.createForRound(old.id, { label: 'CANARY-old-share-label', showComments: true });
    ctx.services.sessions.save('admin-session', JSON.stringify({ adminId: 1, newShareLink: { roundId: old.id, token: `CANARY-${oldLink.token}` } }), Date.UTC(2030, 0, 1));
    ctx.services.rounds.close(old.id);
    // Open with a closing date in February 2024 that passed without anyone closing it.
    const lapsed = ctx.services.rounds.open(
      openRound(ctx, { name: 'CANARY-lapsed-round', closesAt: Date.UTC(2024, 1, 1) }, 'draft').id,
    );
    await answer(lapsed, 'CANARY-lapsed-comment');
    // Kept: closed in June 2024; still open with no closing date; never opened.
    clock.set(Date.UTC(2024, 5, 1));
    const recent = openRound(ctx, { name: 'Recent round' });
    await answer(recent, 'KEPT-recent-comment');
    ctx.services.rounds.close(recent.id);
    const running = openRound(ctx, { name: 'Running round' });
    await answer(running, 'KEPT-running-draft', false);
    const unopened = openRound(ctx, { name: 'Unopened round' }, 'draft');

    clock.set(Date.UTC(2025, 0, 5)); // less than 12 months after the old round closed
    expect(ctx.services.maintenance.run()).toMatchObject({ rounds: 0 });
    expect(onDisk(ctx.file, 'CANARY-old-comment-0')).toBe(true);

    clock.set(Date.UTC(2025, 2, 1)); // more than 12 months after January and February 2024, less after June
    expect(ctx.services.maintenance.run()).toMatchObject({ rounds: 2 });
    const ids = (table: string) => (ctx.db.prepare(`SELECT DISTINCT round_id AS id FROM ${table} ORDER BY round_id`).all() as { id: number }[]).map((r) => r.id);
    expect(ids('responses')).toEqual([recent.id]);
    expect(ids('comments')).toEqual([recent.id]);
    for (const table of ['drafts', 'pending_responses', 'share_links']) {
      expect(ids(table).filter((id) => id === old.id || id === lapsed.id)).toEqual([]);
    }
    expect((ctx.db.prepare('SELECT id FROM rounds ORDER BY id').all() as { id: number }[]).map((r) => r.id).sort()).toEqual(
      [recent.id, running.id, unopened.id].sort(),
    );
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM answers WHERE response_id NOT IN (SELECT id FROM responses)').get()).toEqual({ n: 0 });
    // Gone from the file and the WAL, not only from queries.
    expect(onDisk(ctx.file, 'CANARY-')).toBe(false);
    expect(onDisk(ctx.file, 'KEPT-recent-comment')).toBe(true);
    // The admin's session stays; only what pointed at the deleted round left it.
    expect(JSON.parse(ctx.services.sessions.find('admin-session')!.data)).toEqual({ adminId: 1 });
    ctx.db.close();
  });
});
