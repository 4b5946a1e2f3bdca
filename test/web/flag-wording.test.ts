// Issue 19 item 1: a flag names the groups actually compared, and the summary ranks and limits flags.
import { ownerSession } from '../helpers/admin';
import { makeTestApp } from '../helpers/app';
import { respond } from '../helpers/respond';
import { openRound } from '../helpers/rounds';

describe('"Seen differently" in plain words', () => {
  it('names the groups compared, their scores and whether the gap is larger than the noise', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    // Only carers are shown on the "people" side: lived experience (2) is hidden, with partners (3) to protect it.
    for (let i = 0; i < 6; i++) respond(ctx, round, 'carer', { 'cp-early': String(i % 2) }); // 0, 25: mean 12.5
    for (let i = 0; i < 6; i++) respond(ctx, round, 'staff', { 'cp-early': String(3 + (i % 2)) }); // 75, 100: mean 87.5
    for (let i = 0; i < 2; i++) respond(ctx, round, 'lived', { 'cp-early': '2' });
    for (let i = 0; i < 3; i++) respond(ctx, round, 'partner', { 'cp-early': '2' });
    const { browser } = await ownerSession(ctx);
    const page = (await browser.agent.get(`/admin/rounds/${round.id}/report`).expect(200)).text;
    const section = page.slice(page.indexOf('id="theme-coproduction"'), page.indexOf('id="theme-tokenism"'));
    expect(section).toContain(
      'Staff member or volunteer score this theme 87.5 (6 people) and Family member or carer 12.5 (6 people): a gap of 75.0 points. This is larger than the noise (Welch&#39;s t-test at 95%).',
    );
    // The old sentence named groups that were not compared.
    expect(page).not.toContain('People with lived experience and carers see this theme');
    const summary = page.slice(page.indexOf('id="summary"'), page.indexOf('id="overview"'));
    expect(summary).toContain('<a href="#theme-coproduction">Consultation or co-production</a> (a gap of 75.0 points)');
  });

  it('does not fire between groups the flag is not about, and lists at most three themes in the summary', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const all = (v: string) => ({ 'cp-early': v, 'tk-change': v, 'ld-shared': v, 'rc-paid': v, 'pr-money': v, 'in-growing': v, 'le-training': v, 'hp-why': v });
    // Board 74-ish against staff 47-ish, nobody with lived experience: no "Seen differently" flag at all.
    for (let i = 0; i < 5; i++) respond(ctx, round, 'board', all('3'));
    for (let i = 0; i < 5; i++) respond(ctx, round, 'staff', all('2'));
    const report = ctx.services.results.forRound(round.id);
    expect(report.flags.filter((f) => f.id === 'seen-differently' && f.raised)).toEqual([]);
    expect(report.flags.filter((f) => f.id === 'seen-differently').every((f) => f.status === 'notEnoughPeople' && f.evidence === null)).toBe(true);

    // Lived experience far below staff on every theme: raised on all themes, summarised as three and "more".
    for (let i = 0; i < 5; i++) respond(ctx, round, 'lived', all('0'));
    const again = ctx.services.results.forRound(round.id);
    const seen = again.summary!.raised.find((f) => f.id === 'seen-differently')!;
    expect(seen.themes).toHaveLength(3);
    expect(seen.themes.length + seen.moreThemes).toBe(again.flags.filter((f) => f.id === 'seen-differently' && f.raised).length);
    expect(seen.moreThemes).toBeGreaterThan(0);
  });
});
