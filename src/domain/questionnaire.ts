// The questionnaire, one idea a file; this module gathers them so callers import from one place:
//   questionnaire-schema.ts   the zod schema of a definition, its types, parseQuestionnaire
//   questionnaire-rules.ts    the cross-field rules (ids, references, ranges)
//   questionnaire-texts.ts    Easy Read and translations, and their completeness
//   questionnaire-lookups.ts  the items and themes of a form
//   answers.ts                answer schemas derived from a definition
//   localise.ts               the texts a respondent sees, for a language and Easy Read
export * from './questionnaire-schema';
export { FORM_IDS, type FormId } from './questionnaire-rules';
export { LANGUAGE_PATTERN } from './questionnaire-texts';
export * from './questionnaire-lookups';
export * from './answers';
export * from './localise';
