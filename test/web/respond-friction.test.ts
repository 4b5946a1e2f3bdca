import { isScored, parseQuestionnaire, respondentTitle } from '../../src/domain/questionnaire';
import { powerSharingV1 } from '../../src/questionnaires/power-sharing.v1';
import { browserLike, makeTestApp, type TestContext } from '../helpers/app';
import { respond } from '../helpers/respond';
import { openRound } from '../helpers/rounds';

/** Fields for theme page n: scored items get `choice` ('' leaves them blank), comments `comment`. */
function fieldsFor(ctx: TestContext, round: ReturnType<typeof openRound>, n: number, choice: string, comment = '') {
  const page = ctx.services.responding.pages(round)[n - 1];
  return Object.fromEntries(page.items.map((i) => [i.id, isScored(i) ? choice : comment]));
}

async function started(ctx: TestContext, round: ReturnType<typeof openRound>) {
  const b = browserLike(ctx.app);
  const base = `/r/${round.linkToken}`;
  await b.submit(base, {}, `${base}/start`);
  await b.submit(`${base}/role`, { role: 'staff' });
  return { b, base };
}

describe('respondent friction (issue 19.5)', () => {
  it('every choice question has a "No answer" radio that clears an earlier answer, without JavaScript', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const { b, base } = await started(ctx, round);
    const fields = fieldsFor(ctx, round, 1, '2');
    await b.submit(`${base}/themes/1`, fields);
    const page = await b.agent.get(`${base}/themes/1`);
    const first = ctx.services.responding.pages(round)[0].items.find(isScored)!;
    expect(page.text).toContain(`<input type="radio" id="${first.id}--none" name="${first.id}" value="">`);
    expect(page.text).toContain(`<label for="${first.id}--none">No answer`);
    // What the browser sends when "No answer" is chosen: the empty value.
    await b.submit(`${base}/themes/1`, { ...fields, [first.id]: '' });
    const draftId = ctx.db.prepare('SELECT id FROM drafts').get() as { id: string };
    const draft = ctx.services.responding.findDraft(round, draftId.id)!;
    expect(first.id in draft.answers).toBe(false);
    expect(Object.keys(draft.answers).length).toBeGreaterThan(0);
  });

  it('resumes where the person stopped, not on a theme they chose to skip', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const { b, base } = await started(ctx, round);
    await b.submit(`${base}/themes/1`, fieldsFor(ctx, round, 1, '3'));
    await b.submit(`${base}/themes/2`, fieldsFor(ctx, round, 2, '')); // skipped on purpose
    const partial = fieldsFor(ctx, round, 3, '');
    const firstOf3 = ctx.services.responding.pages(round)[2].items.find(isScored)!;
    const later = await b.submit(`${base}/themes/3`, { ...partial, [firstOf3.id]: '1', _action: 'later' });
    expect(later.headers.location).toBe(`${base}/saved`);
    const saved = await b.agent.get(`${base}/saved`);
    expect(saved.text).toContain(`href="${base}/themes/3"`);
    const code = /class="panel-code">([A-Z0-9-]+)</.exec(saved.text)![1];
    const other = browserLike(ctx.app);
    expect((await other.submit('/resume', { code })).headers.location).toBe(`${base}/themes/3`);

    // Carrying on past theme 3 and leaving without pressing anything else: back on theme 4.
    await other.submit(`${base}/themes/3`, fieldsFor(ctx, round, 3, '2'));
    const third = browserLike(ctx.app);
    expect((await third.submit('/resume', { code })).headers.location).toBe(`${base}/themes/4`);
    expect((await other.agent.get(base)).text).toContain(`href="${base}/themes/4"`);
  });

  it('the check page counts questions, not comment boxes, shows progress per theme and links to each unanswered question', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const pages = ctx.services.responding.pages(round);
    const { b, base } = await started(ctx, round);
    await b.submit(`${base}/themes/1`, fieldsFor(ctx, round, 1, '3'));
    const scored = pages.flatMap((p) => p.items).filter(isScored).length;
    const comments = pages.flatMap((p) => p.items).filter((i) => !isScored(i)).length;
    expect(comments).toBeGreaterThan(0);
    const answered1 = pages[0].items.filter(isScored).length;
    const check = await b.agent.get(`${base}/check`);
    expect(check.text).toContain(`You answered ${answered1} of ${scored} questions.`);
    expect(check.text).toContain(`all ${answered1} answered`);
    const gap = pages[1].items.find(isScored)!;
    expect(check.text).toContain(`0 of ${pages[1].items.filter(isScored).length} answered (<a href="${base}/themes/2?return=check#${gap.id}">answer the rest`);
    expect(check.text).toContain(`<a href="${base}/themes/2?return=check#${gap.id}">Answer<span class="visually-hidden"> ${gap.text.replace(/'/g, '&#39;')}</span></a>`);
    // The anchor lands on the question: its first option carries the question's id.
    expect((await b.agent.get(`${base}/themes/2?return=check`)).text).toContain(`id="${gap.id}"`);
    expect(check.text).toContain('No comment (optional)');
  });

  it('shows respondents plain-English theme titles, while the report keeps the formal ones', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const theme = ctx.services.responding.pages(round)[0].theme;
    expect(respondentTitle(theme)).toBe('Being involved from the start');
    const welcome = await browserLike(ctx.app).agent.get(`/r/${round.linkToken}`);
    expect(welcome.text).toContain('<li>Being involved from the start</li>');
    expect(welcome.text).not.toContain('<li>Consultation or co-production</li>');
    for (let i = 0; i < 5; i++) respond(ctx, round, 'staff', { 'cp-last-change': '3' });
    const report = ctx.services.results.forRound(round.id);
    expect(report.themes[0].title).toBe('Consultation or co-production');
  });

  it('plainTitle is optional in a definition, and checked when given', () => {
    const without = structuredClone(powerSharingV1) as { themes: Record<string, unknown>[]; translations?: unknown };
    for (const t of without.themes) delete t.plainTitle;
    // A translation has a plain title exactly where the base has one: leave the translations out.
    delete without.translations;
    const parsed = parseQuestionnaire(without);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(respondentTitle(parsed.questionnaire.themes[0])).toBe('Consultation or co-production');
    const tooLong = structuredClone(powerSharingV1) as { themes: Record<string, unknown>[] };
    tooLong.themes[0].plainTitle = 'x'.repeat(81);
    const bad = parseQuestionnaire(tooLong);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.map((p) => p.path)).toContain('themes[0].plainTitle');
  });
});
