// The admin pages' own words in English (see web/i18n.ts; the catalogue's "admin" namespace of keys).
// Organisation, round and questionnaire names are data and never appear here.
export const adminEn = {
  accountBar: { signedInAs: 'Signed in as', owner: ' (owner)', signOut: 'Sign out' },
  languageSwitch: {
    label: 'Language',
    unknown: 'Choose one of the languages offered.',
  },
};
