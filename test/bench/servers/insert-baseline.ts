/**
 * Baseline (b) of `npm run bench`: bare Express parsing a 40-field form and inserting one response
 * and its 40 answer rows in one transaction, with the app's own SQLite settings (WAL,
 * synchronous=FULL, secure_delete: src/db/connection.ts) and schema, then answering 303. No
 * templates, sessions, CSRF or drafts: the ceiling for a request that durably stores answers.
 * Usage: node insert-baseline.js <database file>
 */
import express from 'express';
import { migrate, openDatabase } from '../../../src/db';
import { announce } from './listen';

export const FIELDS = 40;

const db = openDatabase(process.argv[2]);
migrate(db);
db.prepare("INSERT INTO organisations (name, created_at) VALUES ('Baseline', 0)").run();
const roundId = Number(
  db.prepare(`INSERT INTO rounds (organisation_id, name, questionnaire_id, questionnaire_version, form, mode, roles, link_token, join_code, created_at, updated_at)
    VALUES (1, 'Baseline', 'baseline', 1, 'full', 'survey', '[{"id":"staff","label":"Staff"}]', 'baseline', 'BASE01', 0, 0)`).run().lastInsertRowid,
);
const insertResponse = db.prepare("INSERT INTO responses (round_id, role, questionnaire_version, submitted_on) VALUES (?, 'staff', 1, '2026-12-01')");
const insertAnswer = db.prepare("INSERT INTO answers (response_id, round_id, role, theme_id, item_id, value, dont_know) VALUES (?, ?, 'staff', ?, ?, ?, 0)");
const store = db.transaction((values: number[]) => {
  const id = Number(insertResponse.run(roundId).lastInsertRowid);
  values.forEach((v, i) => insertAnswer.run(id, roundId, `t${i % 8}`, `q${i + 1}`, v));
});

const app = express();
app.disable('x-powered-by');
app.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 500 }));
app.post('/', (req, res) => {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const values: number[] = [];
  for (let i = 1; i <= FIELDS; i++) {
    const v = Number(body[`q${i}`]);
    if (!Number.isInteger(v) || v < 0 || v > 6) {
      res.status(400).send('bad form');
      return;
    }
    values.push(v);
  }
  store(values);
  res.redirect(303, '/thanks');
});
const server = app.listen(0, '127.0.0.1', () => announce(server));
process.once('exit', () => db.close());
