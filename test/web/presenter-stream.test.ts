// The presenter's event stream through a real HTTP connection on 127.0.0.1, served by the real
// composition root (startServer), so that its shutdown is tested too.
import { testConfig } from '../../src/config';
import { startServer, type RunningServer } from '../../src/server';
import type { RoundRecord } from '../../src/services/rounds';
import { createOwner, OWNER_EMAIL, PASSWORD } from '../helpers/admin';
import { respond } from '../helpers/respond';
import { openRound } from '../helpers/rounds';
import { openSse, signInOverHttp, type SseClient, type SseEvent } from '../helpers/sse';

interface State {
  counts: { started: number; sent: number; waiting: number };
  revealed: boolean;
  themeIndex: number;
  html: string;
}
const parse = (e: SseEvent) => JSON.parse(e.data) as State;
const state = (pred: (s: State) => boolean) => (e: SseEvent) => e.event === 'state' && pred(parse(e));

let running: RunningServer;
let cookie: string;
const clients: SseClient[] = [];

beforeEach(async () => {
  running = await startServer(testConfig({ port: 0, host: '127.0.0.1' }), () => undefined);
  await createOwner(running);
  cookie = await signInOverHttp(running.url, OWNER_EMAIL, PASSWORD);
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await running.shutdown();
});

const stream = async (roundId: number) => {
  const c = await openSse(`${running.url}/admin/rounds/${roundId}/events`, { cookie });
  clients.push(c);
  return c;
};

/** Every scored item of the round's form answered with `value`. */
function answers(round: RoundRecord, value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const page of running.services.responding.pages(round)) for (const item of page.items) if (item.kind !== 'comment') out[item.id] = value;
  return out;
}
const send = (round: RoundRecord, role: string, value: string) => respond(running, round, role, answers(round, value), { addNow: false });

const workshop = () => openRound(running, { mode: 'workshop', form: 'short', minGroupSize: 3 });

describe('presenter event stream', () => {
  it('is an uncompressed event stream that sends the current state at once', async () => {
    const round = workshop();
    const c = await stream(round.id);
    expect(c.status).toBe(200);
    expect(c.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(c.headers['content-encoding']).toBeUndefined();
    expect(c.headers['cache-control']).toContain('no-transform');
    const first = parse(await c.next());
    expect(first).toMatchObject({ counts: { started: 0, sent: 0, waiting: 0 }, revealed: false });
    expect(first.html).toContain('Results are hidden.');
  });

  it('brings new counts after each start and submission, and results only after Reveal', async () => {
    const round = workshop();
    const c = await stream(round.id);
    await c.next();
    const draft = running.services.responding.startDraft(round);
    running.services.responding.saveRole(round, draft.id, 'staff');
    await c.next(state((s) => s.counts.started === 1 && s.counts.sent === 0));
    for (let i = 0; i < 3; i++) send(round, 'lived', '3');
    const afterThree = parse(await c.next(state((s) => s.counts.sent === 3)));
    expect(afterThree.counts.started).toBe(4);
    // Released (a safe batch of 3), but not revealed: no figure anywhere in the message.
    expect(afterThree.revealed).toBe(false);
    expect(afterThree.html).toContain('Results are hidden.');
    expect(afterThree.html).not.toContain('Everyone, theme by theme');
    expect(afterThree.html).not.toMatch(/75\.0/);

    const token = await csrfToken(round.id);
    const res = await fetch(`${running.url}/admin/rounds/${round.id}/present/reveal`, { method: 'POST', headers: { cookie, 'x-csrf-token': token } });
    expect(res.status).toBe(204);
    const revealed = parse(await c.next(state((s) => s.revealed)));
    expect(revealed.html).toContain('Everyone, theme by theme');
    expect(revealed.html).toContain('75.0');
  });

  it('changes no figure for one submission (differencing attempt); a full batch changes them', async () => {
    const round = workshop();
    for (let i = 0; i < 3; i++) send(round, 'lived', '3');
    running.services.presenter.reveal(running.services.rounds.get(round.id));
    running.services.presenter.step(running.services.rounds.get(round.id), 1);
    const c = await stream(round.id);
    const before = parse(await c.next(state((s) => s.revealed && s.counts.sent === 3)));
    expect(before.html).toContain('Theme 1 of');
    // By hand: a ladder answer on rung 3 of 0..6 scores 50, "Often" 75; the theme's mean is 62.5.
    expect(before.html).toContain('<span class="presenter-big">62.5</span>');
    // One more person answers, very differently: the count moves, the figures do not.
    send(round, 'lived', '0');
    const one = parse(await c.next(state((s) => s.counts.sent === 4)));
    expect(one.counts.waiting).toBe(1);
    expect(one.html).toBe(before.html);
    send(round, 'lived', '0');
    const two = parse(await c.next(state((s) => s.counts.sent === 5)));
    expect(two.html).toBe(before.html);
    // The third makes a batch of 3: now, and only now, the figures move (to 6 people's mean).
    send(round, 'lived', '0');
    const batch = parse(await c.next(state((s) => s.counts.sent === 6)));
    expect(batch.counts.waiting).toBe(0);
    expect(batch.html).not.toBe(before.html);
    // Six people: three at 62.5 and three at 0, so 31.25, shown cut to 31.2.
    expect(batch.html).toContain('<span class="presenter-big">31.2</span>');
    expect(batch.html).toContain('People</span> <span class="presenter-big">6</span>');
  });

  it('sends the current state again on reconnect, and releases the listener when the client leaves', async () => {
    const round = workshop();
    for (let i = 0; i < 3; i++) send(round, 'staff', '2');
    const c = await stream(round.id);
    await c.next();
    expect(running.services.events.listenerCount(round.id)).toBe(1);
    running.services.presenter.reveal(running.services.rounds.get(round.id));
    running.services.presenter.step(running.services.rounds.get(round.id), 2);
    await c.next(state((s) => s.themeIndex === 1));
    c.close();
    await waitFor(() => running.services.events.listenerCount(round.id) === 0);
    // The browser's automatic reconnect is a new GET: it gets where the presenter is now.
    const again = await stream(round.id);
    const s = parse(await again.next());
    expect(s).toMatchObject({ revealed: true, themeIndex: 1 });
    expect(s.html).toContain('Theme 2 of');
  });

  it('serves an observer link the same stream without a session; revoking ends it and refuses it (404)', async () => {
    const round = workshop();
    const { token, id } = running.services.presenter.createObserverLink(round);
    const observer = await openSse(`${running.url}/observe/${token}/events`);
    clients.push(observer);
    expect(observer.status).toBe(200);
    await observer.next(state((s) => !s.revealed));
    running.services.presenter.reveal(running.services.rounds.get(round.id));
    await observer.next(state((s) => s.revealed));
    running.services.presenter.revokeObserverLink(round, id);
    await observer.ended;
    const again = await openSse(`${running.url}/observe/${token}/events`);
    clients.push(again);
    expect(again.status).toBe(404);
  });

  it('ends an admin stream once its session is signed out, and never brings the session back', async () => {
    const round = workshop();
    const c = await stream(round.id);
    await c.next();
    const token = await csrfToken(round.id);
    const out = await fetch(`${running.url}/admin/logout`, { method: 'POST', redirect: 'manual', headers: { cookie, 'x-csrf-token': token } });
    expect(out.status).toBe(303);
    running.services.presenter.reveal(running.services.rounds.get(round.id));
    await c.ended;
    expect(c.events.filter((e) => parse(e).revealed)).toHaveLength(0);
    // The old cookie does not work again (no heartbeat or message wrote the session back).
    const page = await fetch(`${running.url}/admin/rounds/${round.id}/present`, { redirect: 'manual', headers: { cookie } });
    expect(page.status).toBe(303);
  });

  it('ends every open stream when the server shuts down, without waiting for the grace timeout', async () => {
    const round = workshop();
    const a = await stream(round.id);
    const b = await stream(openRound(running, { mode: 'workshop' }).id);
    await Promise.all([a.next(), b.next()]);
    const started = Date.now();
    await running.shutdown();
    await Promise.all([a.ended, b.ended]);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(running.server.listening).toBe(false);
  });
});

async function csrfToken(roundId: number): Promise<string> {
  const page = await (await fetch(`${running.url}/admin/rounds/${roundId}/present`, { headers: { cookie } })).text();
  return /name="_csrf" value="([^"]+)"/.exec(page)![1];
}

async function waitFor(check: () => boolean, timeoutMs = 2000) {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('Timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('presenter event stream in the room language', () => {
  it("words a Welsh round's messages in Welsh, whoever opened the stream", async () => {
    const round = openRound(running, { mode: 'workshop', form: 'short', minGroupSize: 3, defaultLanguage: 'cy' });
    const c = await stream(round.id);
    const first = JSON.parse((await c.next()).data) as State & { statusLabel: string };
    expect(first.statusLabel).toBe('Ar agor: ymunwch nawr');
    expect(first.html).toContain('Mae&#39;r canlyniadau wedi&#39;u cuddio.');
    expect(first.html).not.toContain('Results are hidden.');
  });
});
