import { powerSharingV1 } from '../../src/questionnaires/power-sharing.v1';
import { makeTestApp } from '../helpers/app';
import { ownerSession } from '../helpers/admin';
import { openRound } from '../helpers/rounds';
import { respond } from '../helpers/respond';

type Def = { id: string; version: number; title: string; items: { id: string; theme: string; kind: string; text: string }[]; forms: { full: string[]; short: string[] } };

/** An imported questionnaire in two versions: v2 drops ld-credit and adds ld-rotate (leadership); other themes unchanged. */
function importTwoVersions(ctx: ReturnType<typeof makeTestApp>) {
  const v1 = JSON.parse(JSON.stringify(powerSharingV1)) as Def & { easyRead?: unknown; translations?: unknown };
  // Its own questions in English only: the built-in's Easy Read and Welsh would miss ld-rotate.
  delete v1.easyRead;
  delete v1.translations;
  v1.id = 'county-check';
  v1.title = 'County check';
  const v2 = JSON.parse(JSON.stringify(v1)) as Def;
  v2.version = 2;
  v2.items = v2.items.filter((i) => i.id !== 'ld-credit');
  v2.items.push({ id: 'ld-rotate', theme: 'leadership', kind: 'practice', text: 'Chairing meetings rotates, including to people who use services.' });
  v2.forms.full = [...v2.forms.full.filter((id) => id !== 'ld-credit'), 'ld-rotate'];
  v2.forms.short = v2.forms.short.filter((id) => id !== 'ld-credit');
  for (const def of [v1, v2]) {
    const result = ctx.services.questionnaireImport.importDefinition(JSON.stringify(def), { confirmWarnings: true });
    expect(result.status).toBe('imported');
  }
}

describe('trends across questionnaire versions', () => {
  it('lists questions added and dropped, compares unchanged themes and says why a changed theme is not compared', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    importTwoVersions(ctx);
    let organisationId: number | undefined;
    const rounds = [1, 2].map((version, i) => {
      const round = openRound(ctx, { name: `County ${2025 + i}`, questionnaireId: 'county-check', questionnaireVersion: version }, 'open', organisationId);
      organisationId = round.organisationId;
      // Reciprocity (unchanged): 2025 all "Sometimes" and "Often"; 2026 "Often" and "Always".
      for (let p = 0; p < 6; p++) respond(ctx, round, p % 2 ? 'staff' : 'lived', { 'rc-skills': String(2 + i + (p % 2)), 'ld-shared': '2' });
      return ctx.services.rounds.close(round.id);
    });
    const res = await browser.agent.get(`/api/organisations/${organisationId}/trends`).expect(200);
    expect(res.body.itemChanges).toEqual([
      {
        fromRoundId: rounds[0].id,
        toRoundId: rounds[1].id,
        added: [{ id: 'ld-rotate', text: 'Chairing meetings rotates, including to people who use services.', themeId: 'leadership' }],
        dropped: [{ id: 'ld-credit', text: expect.any(String), themeId: 'leadership' }],
      },
    ]);
    const theme = (id: string) => (res.body.themes as { themeId: string; comparable: boolean; reason: string | null; changes: { group: string; difference: number }[] }[]).find((t) => t.themeId === id)!;
    expect(theme('leadership')).toMatchObject({ comparable: false, changes: [] });
    expect(theme('leadership').reason).toMatch(/differ between these rounds/);
    // Reciprocity: everyone 6 people, 2025 mean (3·50 + 3·75)/6 = 62.5, 2026 (3·75 + 3·100)/6 = 87.5: +25.
    expect(theme('reciprocity').comparable).toBe(true);
    expect(theme('reciprocity').changes.find((c) => c.group === 'everyone')!.difference).toBeCloseTo(25, 9);

    const page = await browser.agent.get(`/admin/organisations/${organisationId}/trends`).expect(200);
    expect(page.text).toContain('Questions added and dropped');
    expect(page.text).toContain('Chairing meetings rotates, including to people who use services.');
    expect(page.text).toContain('Not compared. The questions in this theme differ between these rounds');
  });

  it('refuses rounds of different questionnaires with a clear message', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    importTwoVersions(ctx);
    const a = openRound(ctx, { name: 'Default' }, 'closed');
    const b = openRound(ctx, { name: 'County', questionnaireId: 'county-check', questionnaireVersion: 1 }, 'closed', a.organisationId);
    const res = await browser.agent.get(`/api/organisations/${a.organisationId}/trends?rounds=${a.id},${b.id}`).expect(422);
    expect(res.body.error).toMatch(/different questionnaires/);
  });
});
