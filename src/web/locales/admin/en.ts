// The admin pages' own words in English (see web/i18n.ts; the catalogue's "admin" namespace of keys).
export const adminEn = {
  _placeholder: '',
};
