// Browser-test harness: serves the built site on a free localhost port, opens it in headless Chromium
// (Debian's, through playwright-core), and collects console errors and failed requests.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const outDir = path.join(root, 'test-output', 'browser');
fs.mkdirSync(outDir, { recursive: true });

const FLAGS = ['--no-sandbox', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

// initScript runs in the page before any of its own scripts (e.g. to take a browser feature away).
export async function openSite(hash = '', { width = 1280, height = 800, deviceScaleFactor = 1, hasTouch = false, initScript = null } = {}) {
  const server = await startServer(0, root);
  const port = server.address().port;
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sleepnet-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: FLAGS,
    viewport: { width, height }, deviceScaleFactor, hasTouch, acceptDownloads: true });
  const page = context.pages()[0] || await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console error: ' + m.text()); });
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('requestfailed', (r) => problems.push('request failed: ' + r.url() + ' ' + (r.failure()?.errorText || '')));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  if (initScript) await page.addInitScript(initScript);
  await page.goto(`http://127.0.0.1:${port}/index.html${hash}`);
  const close = async () => {
    await context.close();
    server.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { page, problems, close, port };
}

// Waits until the app has rendered at least `frames` frames; returns Module.status().
export async function waitForFrames(page, frames = 1, timeout = 120000) {
  await page.waitForFunction((n) => window.Module && typeof window.Module.status === 'function' &&
    window.Module.status().frames >= n, frames, { timeout, polling: 100 });
  return page.evaluate(() => window.Module.status());
}

// Opens the site, runs body({ page, port }), then requires that the page logged no errors and had no failed
// requests (apart from those matching allowProblems, for tests that take a browser feature away), and closes it.
export async function withSite(hash, opts, body) {
  const { allowProblems = null, ...open } = opts;
  const { page, problems, close, port } = await openSite(hash, open);
  try {
    await body({ page, port });
    assert.deepEqual(problems.filter((p) => !(allowProblems && allowProblems.test(p))), []);
  } finally {
    await close();
  }
}
