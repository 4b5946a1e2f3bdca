import { makeTestApp } from '../helpers/app';
import { miniDefinition } from '../fixtures/mini-questionnaire';

const importer = () => makeTestApp().services;

describe('importDefinition', () => {
  it('imports a valid definition, which then works like a built-in', () => {
    const services = importer();
    const result = services.questionnaireImport.importDefinition(Buffer.from(JSON.stringify(miniDefinition())));
    expect(result).toEqual({ status: 'imported', questionnaire: { id: 'mini', version: 1, title: 'Mini' }, comparedWith: null, warnings: [] });
    expect(services.questionnaires.find('mini', 1)?.items).toHaveLength(7);
    expect(services.questionnaires.list().map((q) => `${q.id}@${q.version}:${q.builtIn}`)).toEqual(['mini@1:false', 'power-sharing@1:true']);
  });

  it('accepts a UTF-8 byte order mark', () => {
    const result = importer().questionnaireImport.importDefinition(`\uFEFF${JSON.stringify(miniDefinition())}`);
    expect(result.status).toBe('imported');
  });

  it('refuses direction-control characters in any text, naming where (issue 13, item 2), but takes right-to-left text', () => {
    const def = miniDefinition() as unknown as { title: string; items: { text: string }[] };
    def.title = 'Mini \u202Egnissim';
    def.items[1].text = `${def.items[1].text} \u2067`;
    const services = importer();
    const result = services.questionnaireImport.importDefinition(JSON.stringify(def));
    expect(result).toEqual({
      status: 'invalid',
      problems: [
        { path: 'title', message: 'Contains a direction-control character (U+202E). Remove it: right-to-left text itself is fine' },
        { path: 'items[1].text', message: 'Contains a direction-control character (U+2067). Remove it: right-to-left text itself is fine' },
      ],
    });
    expect(services.questionnaires.find('mini', 1)).toBeUndefined();
    def.title = 'Mini שאלון \u200F';
    def.items[1].text = 'نص عربي';
    expect(importer().questionnaireImport.importDefinition(JSON.stringify(def)).status).toBe('imported');
  });

  it('says where JSON is broken', () => {
    const result = importer().questionnaireImport.importDefinition('{\n  "a": 1,,\n}');
    expect(result.status).toBe('invalid');
    expect(result.status === 'invalid' && result.problems[0]).toEqual({ path: '(file)', message: expect.stringMatching(/line 2, column 10/) });
  });

  it('lists every problem at once, with paths', () => {
    const def = miniDefinition() as unknown as Record<string, unknown> & { forms: { short: string[] } };
    def.version = 0;
    def.forms.short = ['nope'];
    const result = importer().questionnaireImport.importDefinition(JSON.stringify(def));
    expect(result.status).toBe('invalid');
    const paths = result.status === 'invalid' ? result.problems.map((p) => p.path) : [];
    expect(paths).toEqual(expect.arrayContaining(['version', 'forms.short[0]']));
  });

  it('compares with the closest earlier version and warns about changed text, theme and options', () => {
    const services = importer();
    services.questionnaireImport.importDefinition(JSON.stringify(miniDefinition()));
    const v3 = miniDefinition();
    v3.version = 3;
    v3.items = v3.items.map((i) => {
      if (i.id === 'a1') return { ...i, text: 'Changed.' };
      if (i.id === 'b1') return { ...i, theme: 'alpha' };
      if (i.id === 'a3' && i.kind === 'ladder') return { ...i, options: ['s0', 's1', 's2', 's3', 's4', 's5', 's6'] };
      return i;
    });
    const result = services.questionnaireImport.importDefinition(JSON.stringify(v3));
    expect(result.status).toBe('needsConfirmation');
    if (result.status !== 'needsConfirmation') return;
    expect(result.comparedWith).toBe(1);
    expect(result.warnings.map((w) => w.path)).toEqual(['items[0].text', 'items[2].options', 'items[4].theme']);
    expect(services.questionnaires.find('mini', 3)).toBeUndefined();
    expect(services.questionnaireImport.importDefinition(JSON.stringify(v3), { confirmWarnings: true }).status).toBe('imported');
  });

  it('an unchanged new version imports without warnings', () => {
    const services = importer();
    services.questionnaireImport.importDefinition(JSON.stringify(miniDefinition()));
    const result = services.questionnaireImport.importDefinition(JSON.stringify({ ...miniDefinition(), version: 2, title: 'Mini 2' }));
    expect(result).toMatchObject({ status: 'imported', comparedWith: 1, warnings: [] });
  });
});
