// The public pages' own words in English (see web/i18n.ts; the catalogue's "public" namespace of keys).
export const publicEn = {
  _placeholder: '',
};
