// The public pages' own words in English (see web/i18n.ts; the catalogue's "public" namespace of keys):
// the home page, the presenter screen and the paper form.
export const publicEn = {
  home: {
    title: 'Powershare',
    lead: 'Find out, honestly and from every side of the table, how far your organisation really shares power with the people who use its services.',
    about:
      'Many organisations say they co-produce. Often what happens is consultation: plans are drawn up first and comments are asked for afterwards. Powershare asks everyone involved the same plain questions, anonymously, and shows where you stand on each theme and where groups see things differently.',
    codeTitle: 'Were you given a code?',
    codeBefore: 'If someone asked you to answer a questionnaire,',
    codeLink: 'enter your code to start',
    codeAfter: '. You can skip any question, stop and come back later, and nobody will know who you are.',
    adminTitle: 'Running a round?',
    adminBefore: 'Organisations, boards and trainers',
    adminLink: 'sign in to set up a round',
    adminAfter: ' and read the results.',
  },
};
