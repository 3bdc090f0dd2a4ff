// Frame-time benchmark of the web app while it trains (headless Chromium, software WebGL).
// Prints the median and 95th percentile of the frame interval (requestAnimationFrame), the engine's work
// per frame (the app's own measure), and the wasm heap
// at the start and end of the window (memory stays flat during long runs).
// --paused measures the same page with the engine stopped: the drawing cost alone, for comparison.
// Usage: node bench/browser_frames.mjs [--seconds 20] [--runs 3] [--hash "#scenario=forage"] [--size 1280x800] [--paused]
import { openSite, waitForFrames } from '../tests/browser/harness.mjs';

const args = process.argv.slice(2);
const opt = (n, d) => { const i = args.indexOf(n); return i >= 0 ? args[i + 1] : d; };
const seconds = Number(opt('--seconds', 20)), repeats = Number(opt('--runs', 3)), hash = opt('--hash', '');
const [w, h] = opt('--size', '1280x800').split('x').map(Number);
const paused = args.includes('--paused');
if (!(seconds > 0) || !(repeats > 0) || !(w > 0) || !(h > 0)) { console.error('bad arguments (see the usage line)'); process.exit(2); }

const pct = (a, q) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))]; };
const results = [];
for (let k = 0; k < repeats; k++) {
  const { page, close } = await openSite(hash, { width: w, height: h });
  try {
    await waitForFrames(page, 30);
    if (paused) await page.evaluate(() => Module.setPlaying(false));
    const r = await page.evaluate((secs) => new Promise((resolve) => {
      const d = []; let last = performance.now();
      const heap0 = Module.HEAP8.length, t0 = last;
      function tick(t) { d.push(t - last); last = t; if (t - t0 < secs * 1000) requestAnimationFrame(tick); else resolve({ d, heap0, heap1: Module.HEAP8.length, runs: Module.runs().map((x) => x.stage), st: Module.status() }); }
      requestAnimationFrame(tick);
    }), seconds);
    const row = { median: pct(r.d, 0.5), p95: pct(r.d, 0.95), engine: r.st.engineMedianMs, engine95: r.st.engineP95Ms, frames: r.d.length, heapStartMiB: r.heap0 / 1048576, heapEndMiB: r.heap1 / 1048576, stages: r.runs.join(' | ') };
    results.push(row);
    console.log(`run ${k + 1}: frames ${row.frames}, median ${row.median.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms, ${paused ? '' : `engine per frame ${row.engine.toFixed(1)} ms (p95 ${row.engine95.toFixed(1)}), `}heap ${row.heapStartMiB.toFixed(0)} -> ${row.heapEndMiB.toFixed(0)} MiB (${row.stages})`);
  } finally {
    await close();
  }
}
const med = (f) => pct(results.map(f), 0.5);
console.log(`median over ${repeats} runs: frame ${med((r) => r.median).toFixed(1)} ms (${(1000 / med((r) => r.median)).toFixed(0)} fps), p95 ${med((r) => r.p95).toFixed(1)} ms${paused ? ' (paused)' : `; engine ${med((r) => r.engine).toFixed(1)} ms per frame (p95 ${med((r) => r.engine95).toFixed(1)})`}`);
