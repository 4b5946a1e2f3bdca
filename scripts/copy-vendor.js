// Copies browser builds of our front-end dependencies into public/vendor, so pages never
// load code from another host (offline installs, strict CSP).
const fs = require('node:fs');
const path = require('node:path');

const vendorDir = path.join(__dirname, '..', 'public', 'vendor');
fs.mkdirSync(vendorDir, { recursive: true });
// chart.js's package exports block require.resolve of the file itself: resolve the package entry.
const chartUmd = path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js');
fs.copyFileSync(chartUmd, path.join(vendorDir, 'chart.umd.min.js'));
