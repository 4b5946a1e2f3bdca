// The report pages' own words in English (see web/i18n.ts; the catalogue's "report" namespace of keys).
export const reportEn = {
  _placeholder: '',
};
