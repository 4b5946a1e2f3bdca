// The admin pages in Welsh (issue 15, item 2): every converted page, asked for in Welsh by the
// browser (Accept-Language) or by the language switch's cookie, is marked lang="cy", shows its
// own words in Welsh and no English sentence of the admin catalogue (names are data, not words).
import request from 'supertest';
import { adminEn } from '../../src/web/locales/admin/en';
import { translator } from '../../src/web/i18n';
import { translateMessage } from '../../src/web/admin/words';
import * as forms from '../../src/web/admin/forms';
import { actionFormSchema } from '../../src/web/admin/actions';
import { zonedTime } from '../../src/web/time-zone';
import { makeTestApp } from '../helpers/app';
import { ownerSession } from '../helpers/admin';
import { openRound } from '../helpers/rounds';
import { respond } from '../helpers/respond';

/** Every English string of the admin catalogue, with the literal runs of templated ones. */
function englishSentences(): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (typeof node === 'string') {
      for (const part of node.split(/\{\{\w+\}\}/)) if (part.trim().split(/\s+/).length > 3) out.push(part.trim());
    } else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk(adminEn);
  return out;
}

/** The page's HTML with the template's escapes undone, so catalogue text can be searched for. */
const unescaped = (html: string) =>
  html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#34;/g, '"').replace(/&amp;/g, '&');

const ENGLISH = englishSentences();

function expectWelsh(path: string, html: string, welsh: string[]) {
  expect({ path, lang: /<html lang="([^"]+)">/.exec(html)?.[1] }).toEqual({ path, lang: 'cy' });
  const text = unescaped(html);
  for (const w of welsh) expect({ path, found: text.includes(w) ? w : `missing: ${w}` }).toEqual({ path, found: w });
  const english = ENGLISH.filter((s) => text.includes(s));
  expect({ path, english }).toEqual({ path, english: [] });
}

describe('admin pages in Welsh', () => {
  it('has English sentences to look for (the check is not empty)', () => {
    expect(ENGLISH.length).toBeGreaterThan(80);
    expect(ENGLISH).toContain('Forgotten your password? Ask an owner of this server for a new link to set one.');
  });

  it('shows the signed-out pages in Welsh, by Accept-Language or by the cookie', async () => {
    const ctx = makeTestApp();
    ctx.services.accounts.issueSetupCode();
    const setup = await request(ctx.app).get('/admin/setup').set('Accept-Language', 'cy-GB,cy;q=0.9,en;q=0.5').expect(200);
    expectWelsh('/admin/setup', setup.text, ['Gosod Powershare', 'Cod gosod', "Creu cyfrif y perchennog"]);
    const { owner } = await ownerSession(ctx);
    for (const how of [{ 'Accept-Language': 'cy' }, { Cookie: 'ps_wording=cy' }]) {
      const login = await request(ctx.app).get('/admin/login').set(how).expect(200);
      expectWelsh('/admin/login', login.text, ['Mewngofnodi', 'Cyfeiriad e-bost', "Wedi anghofio'ch cyfrinair?"]);
      const done = await request(ctx.app).get('/admin/setup').set(how).expect(410);
      expectWelsh('/admin/setup (done)', done.text, ["Mae'r gweinydd hwn wedi'i osod yn barod"]);
    }
    const { token } = ctx.services.accounts.createAccount(owner, { email: 'new@example.org', role: 'member', organisationIds: [] });
    const set = await request(ctx.app).get(`/admin/set-password/${token}`).set('Accept-Language', 'cy').expect(200);
    expectWelsh('/admin/set-password', set.text, ['Dewiswch eich cyfrinair', 'Teipiwch y cyfrinair eto']);
  });

  it('shows the signed-in pages in Welsh', async () => {
    const ctx = makeTestApp();
    const { owner, browser } = await ownerSession(ctx);
    const round = openRound(ctx, {}, 'open');
    const { admin: member } = ctx.services.accounts.createAccount(owner, { email: 'member@example.org', role: 'member', organisationIds: [round.organisationId] });
    const pages: [string, string[]][] = [
      ['/admin', ['Sefydliadau', 'Ychwanegu sefydliad', 'Wedi mewngofnodi fel', 'Allgofnodi', 'aria-label="Prif ddewislen"', 'Cyfrifon gweinyddwyr']],
      ['/admin/account', ['Eich cyfrif', 'Newid eich cyfrinair', 'Cyfrinair presennol']],
      ['/admin/accounts', ['Cyfrifon gweinyddwyr', 'Ychwanegu gweinyddwr', '(chi)']],
      ['/admin/accounts/new', ['Eu cyfeiriad e-bost', 'Aelod o sefydliad: yn cynnal cylchoedd']],
      [`/admin/accounts/${member.id}`, ["Dileu'r cyfrif", 'Gwneud dolen newydd']],
      [`/admin/organisations/${round.organisationId}`, ['Creu cylch', 'Ar agor', 'Arolwg']],
      [`/admin/organisations/${round.organisationId}/rounds/new`, ["Enw'r cylch", 'Arolwg neu weithdy?', 'Ffurflen fer', "Creu'r cylch"]],
      [`/admin/rounds/${round.id}`, ['Sut mae pobl yn ymuno', 'Ar agor: gall pobl ateb nawr.', 'Ffurflenni papur', "Dileu'r cylch"]],
      [`/admin/rounds/${round.id}/edit`, ['Newid y cylch', 'Yn agor am', 'Cadw’r newidiadau']],
      ['/admin/questionnaires', ['Holiaduron', 'Mewnforio holiadur', "Wedi'i gynnwys"]],
      [`/admin/questionnaires/${round.questionnaireId}/versions/${round.questionnaireVersion}`, ['Pob holiadur', 'Dynodydd a fersiwn', 'Allforio fel JSON']],
      ['/admin/questionnaires/import', ['Ffeil yr holiadur', 'Gwirio a mewnforio']],
      [`/admin/rounds/${round.id}/actions/new`, ['Ychwanegu cam', 'Dewiswch thema', 'Ar y gweill']],
      [`/admin/rounds/${round.id}/handout`, ['beth ddywedodd yr ystafell', 'Wedi’i wneud gyda Powershare'.replace('’', "'"), '<title>Taflen: ']],
      [`/admin/rounds/${round.id}/close`, ['Cau “', 'Does neb hanner ffordd drwy ateb.', 'Ei gadw ar agor']],
    ];
    for (const [path, welsh] of pages) {
      const page = await browser.agent.get(path).set('Accept-Language', 'cy').expect(200);
      expectWelsh(path, page.text, welsh);
    }
    // The same pages by the cookie the language switch sets, and the flash message of a change.
    await browser.post('/admin', '/language', { language: 'cy', back: '/admin' });
    const res = await browser.post('/admin', '/admin/organisations', { name: '' });
    expect(res.status).toBe(400);
    expectWelsh('/admin (error)', res.text, ["Rhowch enw'r sefydliad", 'Mae problem']);
    await browser.post('/admin', '/admin/organisations', { name: 'Ysbyty Glan' });
    const after = await browser.agent.get('/admin').expect(200);
    expect(unescaped(after.text)).toContain('Wedi ychwanegu’r sefydliad “Ysbyty Glan”.');
  });

  it('picks the Welsh plural forms by Intl.PluralRules (zero, one, two, few, many, other)', () => {
    const cy = translator('cy');
    expect(new Intl.PluralRules('cy').resolvedOptions().pluralCategories.sort()).toEqual(['few', 'many', 'one', 'other', 'two', 'zero']);
    const release = (count: number) => cy('admin.round.release', { count });
    expect(release(0)).toBe("Ychwanegu'r rhain at y canlyniadau nawr");
    expect(release(1)).toBe('Ychwanegu hwn at y canlyniadau nawr');
    expect(release(2)).toBe("Ychwanegu'r ddau at y canlyniadau nawr");
    expect(release(3)).toBe("Ychwanegu'r rhain at y canlyniadau nawr");
    expect(cy('admin.roundClose.partWay', { count: 0 })).toBe('Does neb wedi dechrau ateb heb anfon ei atebion.');
    expect(cy('admin.roundClose.partWay', { count: 1 })).toBe('Mae 1 person wedi dechrau ateb ond heb anfon ei atebion eto.');
    expect(cy('admin.roundClose.partWay', { count: 6 })).toBe('Mae 6 o bobl wedi dechrau ateb ond heb eu hanfon eto.');
    const en = translator('en');
    expect(en('admin.round.flash.released', { count: 1 })).toBe('1 answer was added to the results.');
    expect(en('admin.round.flash.released', { count: 2 })).toBe('2 answers were added to the results.');
    expect(en('admin.roundClose.partWay', { count: 1 })).toBe('1 person has started answering but not sent their answers yet.');
  });

  it('counts waiting answers on the Welsh round page in the right plural form, and in the flash after adding them', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = openRound(ctx, { resultsRelease: 'batches' });
    const item = ctx.services.questionnaires.get(round.questionnaireId, round.questionnaireVersion).forms.full[0];
    for (let i = 0; i < 2; i++) respond(ctx, round, 'staff', { [item]: '3' }, { addNow: false });
    await browser.post('/admin', '/language', { language: 'cy', back: '/admin' });
    const page = await browser.agent.get(`/admin/rounds/${round.id}`).expect(200);
    expectWelsh(`/admin/rounds/${round.id} (waiting)`, page.text, ['Nid yw 2 ateb yn y canlyniadau eto.', "Ychwanegu'r ddau at y canlyniadau nawr"]);
    const res = await browser.post(`/admin/rounds/${round.id}`, `/admin/rounds/${round.id}/release`);
    expect(res.status).toBe(303);
    const after = await browser.agent.get(`/admin/rounds/${round.id}`).expect(200);
    expect(after.text).toContain('Ychwanegwyd 2 ateb at y canlyniadau.');
  });

  it('writes dates inside Welsh sentences in Welsh', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = openRound(ctx, { opensAt: Date.UTC(2030, 2, 1, 9, 0) }, 'open');
    const page = await browser.agent.get(`/admin/rounds/${round.id}`).set('Accept-Language', 'cy').expect(200);
    expectWelsh(`/admin/rounds/${round.id} (not yet open)`, page.text, ['Ar agor, ond dim ond o 1 Mawrth 2030 am 09:00 GMT y gall pobl ateb.']);
  });

  it('translates form messages with values in them, and leaves unknown ones as they are', () => {
    const cy = translator('cy');
    expect(translateMessage(cy, 'Use at least 12 characters (this has 5)')).toBe('Defnyddiwch o leiaf 12 nod (mae gan hwn 5)');
    expect(translateMessage(cy, 'Something new')).toBe('Something new');
    expect(translateMessage(cy, 'This questionnaire has no short form')).toBe("Nid oes gan yr holiadur hwn ffurflen 'short'");
    expect(translateMessage(cy, 'This round already has responses, so its questionnaire, form cannot change: the results would no longer compare. Duplicate the round instead.')).toBe(
      "Mae gan y cylch hwn atebion yn barod, felly ni all y canlynol newid: questionnaire, form. Ni fyddai'r canlyniadau'n cymharu mwyach. Dyblygwch y cylch yn lle hynny.",
    );
    expect(translateMessage(cy, "Type the round's name exactly, “Annual check”, to delete it")).toBe("Teipiwch enw'r cylch yn union, “Annual check”, i'w ddileu");
    expect(translateMessage(translator('en'), 'Use at most 128 characters')).toBe('Use at most 128 characters');
  });

  it('has a Welsh version of every message the admin forms can give', () => {
    const schemas = [
      forms.roundFormSchema(zonedTime('Europe/London')),
      forms.organisationNameSchema,
      forms.loginSchema,
      forms.setupSchema,
      forms.setPasswordSchema,
      forms.changePasswordSchema,
      forms.accountSchema,
      forms.closeRoundSchema,
      forms.confirmNameSchema,
      forms.duplicateSchema,
      actionFormSchema,
    ];
    const long = 'x'.repeat(6000);
    const bodies = [
      {},
      { name: '', email: '', password: '', code: '', current: '', what: '', lead: '', themeId: '', mode: 'x', form: 'x', role: 'x', status: 'x', confirm: 'no', grace: '7' },
      { name: long, email: long, code: long, password: long, current: long, confirm: long, intro: long, customRoles: long, what: long, lead: long, note: long, themeId: long, confirmName: long },
      { name: 'a\u0000b', minGroupSize: '2', opensAt: 'soon', closesAt: 'later', defaultLanguage: '!!', questionnaire: '!!', organisations: ['x'], resultsRelease: 'x', dueOn: '2026-02-30' },
      { minGroupSize: '2000' },
      { minGroupSize: '2.5' },
    ];
    const messages = new Set<string>();
    for (const schema of schemas) for (const body of bodies) for (const e of forms.parseForm(schema, body).ok ? [] : (forms.parseForm(schema, body) as { errors: { message: string }[] }).errors) messages.add(e.message);
    expect(messages.size).toBeGreaterThan(30);
    const cy = translator('cy');
    const untranslated = [...messages].filter((m) => translateMessage(cy, m) === m);
    expect(untranslated).toEqual([]);
  });
});
