// The report pages' own words in Welsh. Written by the developers, not by a fluent speaker: have it
// reviewed before a Welsh public body relies on it (see README).
import type { Catalogue } from '../en';

export const reportCy: Catalogue['report'] = {
  _placeholder: '',
};
