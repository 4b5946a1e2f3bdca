// Copies a few of the screenshots the browser tests save (screenshots/, ignored by git) into
// docs/screenshots/, which the README shows. Run by `npm run screenshots` after the browser tests.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const from = path.join(root, 'screenshots');
const to = path.join(root, 'docs', 'screenshots');
const wanted = ['welcome', 'theme-page', 'error-summary-320', 'report', 'admin-round', 'presenter-1280x720', 'presenter-theme-1280x720'];

fs.mkdirSync(to, { recursive: true });
const missing = [];
for (const name of wanted) {
  const file = path.join(from, `${name}.png`);
  if (fs.existsSync(file)) fs.copyFileSync(file, path.join(to, `${name}.png`));
  else missing.push(name);
}
if (missing.length) {
  console.error(`Missing screenshots (did the browser tests run?): ${missing.join(', ')}`);
  process.exit(1);
}
console.log(`Copied ${wanted.length} screenshots to docs/screenshots/`);
