// Browser end-to-end test of the app shell: the page loads the wasm and the data, renders ImGui frames,
// exposes the engine status through Embind, and draws a non-blank canvas. No console errors, no failed
// requests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { withSite, waitForFrames, outDir, root } from './harness.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { decodePng, pixelStats } from './png.mjs';

test('the app shell renders and reports its status', { timeout: 240000 }, async () => {
  await withSite('', { width: 1280, height: 800, deviceScaleFactor: 2 }, async ({ page }) => {
    const st = await waitForFrames(page, 10);
    assert.match(st.version, /^\d+\.\d+\.\d+$/);
    assert.equal(st.platform, 'web');
    assert.equal(st.simd, 'wasm-simd128');
    assert.equal(st.glError, '');
    assert.equal(st.data, "MNIST 60000/10000");   // every training and test image parsed
    // The canvas follows the window at device-pixel resolution (crisp on high-DPI screens).
    const size = await page.evaluate(() => { const c = document.getElementById('canvas'); return [c.width, c.height, c.clientWidth, c.clientHeight]; });
    assert.deepEqual(size, [2560, 1600, 1280, 800]);
    await page.setViewportSize({ width: 1000, height: 700 });
    await page.waitForFunction(() => document.getElementById('canvas').width === 2000, null, { timeout: 20000 });
    const shot = await page.screenshot({ path: path.join(outDir, 'shell.png') });
    const stats = pixelStats(decodePng(shot));
    assert.ok(stats.sd > 5 && stats.colours > 20, `canvas looks blank: ${JSON.stringify(stats)}`);
  });
});

test('a browser without WebGL2 gets a readable message, not a blank page', { timeout: 120000 }, async () => {
  // getContext('webgl2') is disabled before any of the page's scripts run.
  const initScript = () => {
    const orig = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (kind, ...rest) { return kind === 'webgl2' ? null : orig.call(this, kind, ...rest); };
  };
  await withSite('', { initScript, allowProblems: /WebGL2/ }, async ({ page }) => {
    await page.waitForFunction(() => /WebGL2/.test(document.getElementById('status').textContent));
    const text = await page.textContent('#status');
    assert.match(text, /does not provide WebGL2/);
    assert.ok(await page.isVisible('#status'));
  });
});

test('a browser without WebAssembly gets a readable message', { timeout: 120000 }, async () => {
  await withSite('', { initScript: () => { delete window.WebAssembly; }, allowProblems: /WebAssembly/ }, async ({ page }) => {
    await page.waitForFunction(() => /WebAssembly/.test(document.getElementById('status').textContent));
    assert.match(await page.textContent('#status'), /does not support WebAssembly/);
  });
});

test('a file dropped while the page is still loading is declined with a message, not a page error', { timeout: 120000 }, async () => {
  // Dropped as soon as the page's own script has run (before the WebAssembly is ready); alert is recorded.
  const initScript = () => {
    window.__alerts = [];
    window.alert = (m) => window.__alerts.push(String(m));
    document.addEventListener('DOMContentLoaded', () => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array([1, 2, 3])], 'early.snet'));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
    });
  };
  await withSite('', { initScript }, async ({ page }) => {
    await waitForFrames(page, 3);
    const alerts = await page.evaluate(() => window.__alerts);
    assert.equal(alerts.length, 1, JSON.stringify(alerts));
    assert.match(alerts[0], /still loading; drop the file again/);
    // Once running, the same drop reaches the app and gets its own message.
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array([1, 2, 3])], 'late.snet'));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
    });
    await page.waitForFunction(() => /Could not load 'late.snet'/.test(Module.status().message), null, { timeout: 20000, polling: 100 });
  });
});

// The README's server (scripts/serve.mjs): a malformed path gets 400 and the server keeps serving (a '%zz'
// threw inside the request handler and ended the process); an encoded ../ does not leave the root.
test('the static server answers bad paths with an error status and keeps serving', { timeout: 30000 }, async () => {
  const server = await startServer(0, root);
  const get = (p) => new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: server.address().port, path: p }, (res) => { res.resume(); resolve(res.statusCode); }).on('error', reject);
  });
  try {
    assert.equal(await get('/%zz'), 400);
    assert.equal(await get('/%E0%A4%A'), 400);
    assert.equal(await get('/..%2f..%2fetc%2fpasswd'), 404, 'an encoded ../ stays inside the root');
    assert.equal(await get('/'), 200, 'still serving');
    assert.equal(await get('/nosuchfile'), 404);
  } finally {
    server.close();
  }
});

// A canvas larger than the browser's drawing-buffer limit (software GL here: 5760 pixels a side; 3200 x dpr 6 asks
// for 19200) is drawn at a lower resolution with the page's aspect, not laid out beyond what is drawn: the buffer
// equals the canvas.
test('a window beyond the drawing-buffer limit keeps the whole canvas drawn', { timeout: 240000 }, async () => {
  await withSite('', { width: 3200, height: 2000, deviceScaleFactor: 6 }, async ({ page }) => {
    await waitForFrames(page, 4);
    const size = await page.evaluate(() => {
      const c = document.getElementById('canvas'), gl = c.getContext('webgl2');
      return { w: c.width, h: c.height, bw: gl.drawingBufferWidth, bh: gl.drawingBufferHeight };
    });
    assert.ok(size.w < 19200, `the canvas is capped below 3200 x dpr 6: ${JSON.stringify(size)}`);
    assert.deepEqual([size.bw, size.bh], [size.w, size.h], 'the drawing buffer covers the whole canvas');
    assert.ok(Math.abs(size.w / size.h - 3200 / 2000) < 0.01, `the page's aspect is kept: ${JSON.stringify(size)}`);
    // The UI is laid out in the capped canvas: the controls panel lies inside it.
    const panel = await page.evaluate(() => Module.widgetRect('panel'));
    assert.ok(panel && panel.x + panel.w <= size.w && panel.y + panel.h <= size.h, JSON.stringify(panel));
  });
});
