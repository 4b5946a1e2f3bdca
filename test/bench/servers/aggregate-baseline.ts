/**
 * Baseline (c) of `npm run bench`: bare Express answering GET /rounds/:id with the aggregates a
 * report needs, computed by the scan over the stored answers (the reference queries in
 * src/db/results.ts: counts by role, theme moments, answer counts per item), as JSON. No scoring,
 * suppression, templates or sessions. Usage: node aggregate-baseline.js <database file>
 */
import express from 'express';
import { createRepositories, openDatabase } from '../../../src/db';
import { announce } from './listen';

const db = openDatabase(process.argv[2]);
const repos = createRepositories(db);
const app = express();
app.disable('x-powered-by');
app.get('/rounds/:id', (req, res) => {
  const roundId = Number(req.params.id);
  res.json({
    roles: repos.responses.countByRole(roundId),
    themes: repos.results.themeMoments(roundId),
    items: repos.results.itemCounts(roundId),
  });
});
const server = app.listen(0, '127.0.0.1', () => announce(server));
process.once('exit', () => db.close());
