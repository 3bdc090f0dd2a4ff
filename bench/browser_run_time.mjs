// How long a whole run takes in the browser app (headless Chromium, software WebGL), at a given speed.
// Opens the page with the given URL state, sets the speed, and waits until every run (both twins) is done,
// printing progress every 30 s and, at the end, the wall time and the frames drawn meanwhile. With --shot FILE
// it also saves a screenshot of the finished runs (how web/screenshots/forage.png is made, at 1400x900).
// Usage: node bench/browser_run_time.mjs [--hash "#scenario=forage"] [--speed 4] [--size 1280x800] [--limit 1800]
//        [--shot FILE]
import { openSite, waitForFrames } from '../tests/browser/harness.mjs';

const args = process.argv.slice(2);
const opt = (n, d) => { const i = args.indexOf(n); return i >= 0 ? args[i + 1] : d; };
const hash = opt('--hash', '#scenario=forage'), speed = Number(opt('--speed', 4)), limit = Number(opt('--limit', 1800));
const [w, h] = opt('--size', '1280x800').split('x').map(Number);
const shotFile = opt('--shot', '');
if (!(speed >= 0 && speed <= 4) || !(w > 0) || !(h > 0) || !(limit > 0)) { console.error('bad arguments (see the usage line)'); process.exit(2); }

const { page, close } = await openSite(hash, { width: w, height: h });
try {
  await waitForFrames(page, 10);
  await page.evaluate((s) => { Module.setSpeed(s); Module.setPlaying(true); }, speed);
  const t0 = Date.now(), f0 = (await page.evaluate(() => Module.status())).frames;
  let next = 30;
  for (;;) {
    const runs = await page.evaluate(() => Module.runs().map((r) => ({ label: r.label, stage: r.stage, done: r.done, progress: r.progress })));
    const secs = (Date.now() - t0) / 1000;
    if (runs.every((r) => r.done)) {
      const frames = (await page.evaluate(() => Module.status())).frames - f0;
      console.log(`done in ${secs.toFixed(0)} s wall, ${frames} frames (${(frames / secs).toFixed(1)} fps): ${runs.map((r) => r.label).join(' | ')}`);
      if (shotFile) { await page.waitForTimeout(500); await page.screenshot({ path: shotFile }); console.log(`screenshot: ${shotFile}`); }
      break;
    }
    if (secs >= next) {
      console.log(`${secs.toFixed(0)} s: ${runs.map((r) => `${r.label} ${(100 * r.progress).toFixed(0)} % (${r.stage})`).join(' | ')}`);
      next += 30;
    }
    if (secs > limit) { console.log(`not done after ${limit} s`); process.exitCode = 1; break; }
    await new Promise((r) => setTimeout(r, 1000));
  }
} finally {
  await close();
}
