// `npm run screenshots`: builds the demo (the same fixed seed as `npm run demo`) into a temporary
// database, serves it on a free port, and saves the README's screenshots to docs/screenshots/ with
// the system Chromium (CHROMIUM_PATH, default /usr/bin/chromium). Run after `npm run build`.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const root = path.join(__dirname, '..');
const dist = (file) => require(path.join(root, 'dist', file));
const out = path.join(root, 'docs', 'screenshots');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function main() {
  if (!fs.existsSync(executablePath)) {
    throw new Error(`Chromium was not found at ${executablePath}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH, then run npm run screenshots again.`);
  }
  const { loadConfig } = dist('config.js');
  const { migrate, openDatabase } = dist('db/index.js');
  const { generateDemo } = dist('services/demo.js');
  const { startServer } = dist('server.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'powershare-screenshots-'));
  const config = loadConfig({ DATABASE_PATH: path.join(dir, 'demo.db'), PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production' });
  const db = openDatabase(config.databasePath);
  migrate(db);
  console.log('Building the demo data…');
  const summary = await generateDemo(db, config);
  db.close();
  const running = await startServer(config, () => {});
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 860 } });
    const base = running.url;
    const latest = summary.rounds.find((r) => r.name === 'Annual check 2026');
    fs.mkdirSync(out, { recursive: true });
    // `at`: a CSS selector to scroll to the top of the picture (the first chart, say).
    const shot = async (name, url, at) => {
      await page.goto(base + url, { waitUntil: 'networkidle' });
      if (at) {
        await page.locator(at).first().evaluate((el) => (el.closest('section') ?? el).scrollIntoView());
        await page.waitForTimeout(300);
      }
      await page.screenshot({ path: path.join(out, `${name}.png`) });
      console.log(`  docs/screenshots/${name}.png  ${url}`);
    };
    await shot('join', '/join');
    await page.goto(`${base}/admin/login`);
    await page.fill('#email', summary.admin.email);
    await page.fill('#password', summary.admin.password);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    await shot('admin-round', `/admin/rounds/${latest.id}`);
    await shot('report', `/admin/rounds/${latest.id}/report`, 'canvas');
    await shot('trends', `/admin/organisations/${summary.organisationId}/trends`, 'canvas');
    console.log(`Saved 4 screenshots of the demo to docs/screenshots/.`);
    await respondentShots(browser, running, summary);
    // The presenter screens come from its browser test (test/browser/presenter.test.ts), when it has run.
    for (const name of ['presenter-1280x720', 'presenter-theme-1280x720']) {
      const made = path.join(root, 'screenshots', `${name}.png`);
      if (fs.existsSync(made)) fs.copyFileSync(made, path.join(out, `${name}.png`));
    }
  } finally {
    await browser.close();
    await running.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The Easy Read and Welsh pages (issue 15), on a phone-sized screen: a new open round of the
 * default questionnaire in the demo organisation, answered as far as the first theme page.
 */
async function respondentShots(browser, running, summary) {
  const { services } = running;
  const q = services.questionnaires.get('power-sharing', 1);
  const round = services.rounds.open(
    services.rounds.create(summary.organisationId, {
      name: 'Annual check 2026 (phones)', questionnaireId: q.id, questionnaireVersion: q.version, form: 'full', mode: 'survey',
      roles: q.roles.map((r) => ({ id: r.id, label: r.label })), minGroupSize: 5, opensAt: null, closesAt: null,
      intro: '', resultsRelease: 'after-close',
    }).id,
  );
  const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 };
  const journey = async (prefix, context, prepare) => {
    const page = await context.newPage();
    await page.goto(`${running.url}/r/${round.linkToken}`, { waitUntil: 'networkidle' });
    await prepare(page);
    await page.screenshot({ path: path.join(out, `${prefix}-welcome.png`) });
    await Promise.all([page.waitForNavigation(), page.locator('form[action$="/start"] button').click()]);
    await page.locator('input[name="role"]').first().check();
    await Promise.all([page.waitForNavigation(), page.locator('form[action$="/role"] button[type=submit]').click()]);
    await page.screenshot({ path: path.join(out, `${prefix}-theme.png`) });
    console.log(`  docs/screenshots/${prefix}-welcome.png, ${prefix}-theme.png`);
    await context.close();
  };
  await journey('easy-read', await browser.newContext(phone), (page) =>
    Promise.all([page.waitForNavigation(), page.locator('button[name="easyRead"][value="1"]').click()]));
  // Welsh from the browser's own language (Accept-Language: cy-GB).
  await journey('welsh', await browser.newContext({ ...phone, locale: 'cy-GB' }), async () => {});
}

main().catch((err) => {
  console.error(`The screenshots could not be made: ${err.message}`);
  process.exit(1);
});
