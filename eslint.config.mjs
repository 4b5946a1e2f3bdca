// Lint rules, including the layer boundaries from ARCHITECTURE.md:
// web -> services -> domain, services -> db -> domain; domain imports only zod.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (files, patterns) => ({
  files,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
});

export default tseslint.config(
  { ignores: ['dist/', 'dist-bench/', 'node_modules/', 'coverage/', 'public/vendor/', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['public/js/**/*.js'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', Chart: 'readonly', EventSource: 'readonly' } },
  },
  {
    files: ['scripts/**/*.js', 'jest.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  layer(['src/domain/**/*.ts', 'src/questionnaires/**/*.ts'], [
    { group: ['express', 'express-*', 'better-sqlite3', 'ejs', 'helmet', '**/db', '**/db/**', '**/web', '**/web/**', '**/services', '**/services/**', 'node:*', 'fs', 'crypto'], message: 'domain is pure: it imports only zod and other domain modules.' },
  ]),
  layer(['src/web/**/*.ts'], [
    { group: ['better-sqlite3', '**/db', '**/db/**'], message: 'web never imports the data layer: go through a service.' },
  ]),
  layer(['src/services/**/*.ts'], [
    { group: ['express', 'express-*', '**/web', '**/web/**', 'better-sqlite3'], message: 'services know no HTTP and no SQL driver: use a repository from db/.' },
  ]),
  layer(['src/db/**/*.ts'], [
    { group: ['express', 'express-*', '**/web', '**/web/**', '**/services', '**/services/**'], message: 'the data layer knows nothing of HTTP or services.' },
  ]),
);
