// The admin pages' own words in Welsh. Written by the developers, not by a fluent speaker: have it
// reviewed before a Welsh public body relies on it (see README).
import type { Catalogue } from '../en';

export const adminCy: Catalogue['admin'] = {
  accountBar: { signedInAs: 'Wedi mewngofnodi fel', owner: ' (perchennog)', signOut: 'Allgofnodi' },
  languageSwitch: {
    label: 'Iaith',
    unknown: "Dewiswch un o'r ieithoedd a gynigir.",
  },
};
