// Runs a sleepnet benchmark command inside headless Chromium, the WebAssembly build as a web page would run
// it (Chromium's V8 is newer than node's, and the browser is where users run sleepnet). Prints what the
// command prints. Build first: cmake --build --preset wasm --target sleepnet_browser_bench
// Usage: node bench/browser_bench.mjs [bench digits ...]   (default: bench digits; MNIST is at /mnist)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { root } from '../tests/browser/harness.mjs';
import { startServer } from '../scripts/serve.mjs';

const dir = path.join(root, 'build', 'wasm', 'browser_bench');
if (!fs.existsSync(path.join(dir, 'sleepnet_browser_bench.js'))) {
  console.error(`browser_bench: ${dir}/sleepnet_browser_bench.js is missing; build it with\n` +
    '  cmake --build --preset wasm --target sleepnet_browser_bench');
  process.exit(2);
}
const args = process.argv.slice(2).length ? process.argv.slice(2) : ['bench', 'digits'];
// The page: the command line's output goes to the console, which this script prints.
fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script>var Module = { print: (t) => console.log(t), printErr: (t) => console.warn(t),
  onRuntimeInitialized: () => { window.benchReady = true; } };</script>
<script src="sleepnet_browser_bench.js"></script>\n`);

const server = await startServer(0, dir);
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sleepnet-bench-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-quic', '--no-first-run'] });
try {
  const page = context.pages()[0] || await context.newPage();
  page.on('console', (m) => (m.type() === 'warning' || m.type() === 'error' ? console.error : console.log)(m.text()));
  page.on('pageerror', (e) => { console.error('page error: ' + e.message); process.exitCode = 1; });
  await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
  await page.waitForFunction(() => window.benchReady === true, null, { timeout: 120000 });
  const version = await page.evaluate(() => navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0] || 'unknown');
  console.log(`browser: headless ${version}`);
  const rc = await page.evaluate((a) => Module.callMain(a), args);
  if (rc) process.exitCode = rc;
} finally {
  await context.close();
  server.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
