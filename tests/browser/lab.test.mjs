// Browser end-to-end tests of the lab (issue 5) on the built static site: auto-play, forgetting and sleep
// in the default digits experiment, URL settings (good and bad), exports, networks, and the foraging world.
// Every test fails on console errors or failed requests, and saves a screenshot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { withSite, waitForFrames, outDir, root } from './harness.mjs';
import { decodePng, pixelStats } from './png.mjs';

const runs = (page) => page.evaluate(() => Module.runs());
// Runs a command line the app shows ("sleepnet COMMAND --key value ...": these settings need no shell quoting)
// with the native build, adding --json; returns the JSON it wrote.
function runCommand(command, jsonName) {
  assert.doesNotMatch(command, /['"\\]/, 'no quoting needed');
  const words = command.split(/ +/);
  assert.equal(words.shift(), 'sleepnet');
  const out = path.join(outDir, jsonName);
  execFileSync(path.join(root, 'build', 'native', 'sleepnet'), [...words, '--json', out], { stdio: 'pipe' });
  return JSON.parse(fs.readFileSync(out, 'utf8'));
}
async function shot(page, name) {
  const png = await page.screenshot({ path: path.join(outDir, name) });
  return pixelStats(decodePng(png));
}

test('default page auto-plays; task 1 is learned, then forgotten without sleep and kept better with it', { timeout: 600000 }, async () => {
  await withSite('', { width: 1400, height: 900 }, async ({ page }) => {
    const st = await waitForFrames(page, 3);
    assert.equal(st.scenario, 'digits');
    assert.equal(st.playing, true, 'the default page plays without a click');
    const w0 = (await runs(page)).map((r) => r.work);
    await page.waitForTimeout(2000);
    const w1 = (await runs(page)).map((r) => r.work);
    assert.ok(w1[0] > w0[0] && w1[1] > w0[1], `both twins advance on their own: ${w0} -> ${w1}`);
    // After the first task: both twins know task 1.
    await page.waitForFunction(() => Module.runs().every((r) => r.accuracyMatrix[0][0] !== null), null, { timeout: 300000, polling: 500 });
    let r = await runs(page);
    assert.deepEqual(r.map((x) => x.label), ['with sleep', 'without sleep']);
    for (const x of r) assert.ok(x.accuracyMatrix[0][0] > 0.9, `${x.label}: task-1 accuracy after task 1 is ${x.accuracyMatrix[0][0]}`);
    await shot(page, 'lab-after-task1.png');
    // After the second task: the non-sleeping twin has forgotten task 1; the sleeping one keeps more.
    await page.waitForFunction(() => Module.runs().every((r) => r.accuracyMatrix[1][0] !== null), null, { timeout: 400000, polling: 500 });
    r = await runs(page);
    const [slept, awake] = r.map((x) => x.accuracyMatrix[1][0]);
    assert.ok(awake < 0.5, `without sleep, task-1 accuracy after task 2 is ${awake}, expected < 0.5`);
    assert.ok(slept > awake, `with sleep ${slept} should beat without sleep ${awake}`);
    const stats = await shot(page, 'lab-digits.png');
    assert.ok(stats.sd > 10 && stats.colours > 50, `screenshot looks blank: ${JSON.stringify(stats)}`);
  });
});

test('bad URL values fall back to defaults with a visible notice that names them', { timeout: 120000 }, async () => {
  await withSite('#seed=banana&frobnicate=1&order=01,x9&twins=maybe', { width: 1200, height: 800 }, async ({ page }) => {
    await waitForFrames(page, 5);
    const notices = await page.evaluate(() => Module.notices());
    const keys = notices.map((n) => n.key).sort();
    assert.deepEqual(keys, ['frobnicate', 'order', 'seed', 'twins']);
    const st = await page.evaluate(() => Module.status());
    assert.equal(st.playing, true, 'the app keeps running');
    assert.equal((await runs(page)).length, 2, 'twins (the default) are running');
    await shot(page, 'lab-bad-url.png');
    // Settings applied later from the page get the same treatment, and nothing is lost: a refused key, or a
    // valid one that cannot run with the others, leaves the running experiment and its progress alone.
    await page.waitForFunction(() => Module.runs()[0].work > 3000, null, { timeout: 60000, polling: 200 });
    const work = async () => (await runs(page)).map((r) => r.work);
    let w0 = await work();
    const text = await page.evaluate(() => Module.applySettings('seed=-5'));
    assert.match(text, /seed/);
    let w1 = await work();
    assert.ok(w1[0] >= w0[0] && w1[1] >= w0[1], `a refused key restarted the runs: ${w0} -> ${w1}`);
    w0 = w1;
    const combo = await page.evaluate(() => Module.applySettings('hidden=400,400,400'));
    assert.match(combo, /hidden=400,400,400.*src_beta has 3 values.*one threshold scale per weight layer.*running experiment is kept/);
    w1 = await work();
    assert.equal(w1.length, 2);
    assert.ok(w1[0] >= w0[0] && w1[1] >= w0[1], `a setting that cannot start restarted the runs: ${w0} -> ${w1}`);
    // A file too large for the page is refused before it is copied in (a fake of its size: no 300 MB buffer).
    await page.evaluate(() => Module.deliverFile('movie.mp4', { length: 300e6 }));
    assert.match((await page.evaluate(() => Module.status())).message, /Could not load 'movie.mp4': 300 MB.*Nothing was changed/);
    // ... and the runs go on: the work count must grow past its value after the refusal.
    w1 = await work();
    await page.waitForFunction((b) => Module.runs()[0].work > b, w1[0], { timeout: 30000, polling: 200 });
  });
});

test('the hash edited in place opens as a link; a NUL or a very long value gets a short printable notice', { timeout: 120000 }, async () => {
  await withSite('#seed=3', { width: 1000, height: 700 }, async ({ page }) => {
    await waitForFrames(page, 3);
    await page.evaluate(() => { location.hash = '#seed=5&order=01,23'; });
    await page.waitForFunction(() => /seed=5/.test(Module.status().query), null, { timeout: 20000, polling: 100 });
    const st = await page.evaluate(() => Module.status());
    assert.match(st.query, /order=01%2C23|order=01,23/);
    assert.equal(decodeURIComponent(await page.evaluate(() => location.hash)), decodeURIComponent('#' + st.query), 'the address bar shows what runs');
    // Back returns to the first link, and it runs again.
    await page.goBack();
    await page.waitForFunction(() => /seed=3/.test(Module.status().query), null, { timeout: 20000, polling: 100 });
    // A NUL cuts no value short, and a 3000-character value does not fill the panel.
    const text = await page.evaluate(() => Module.openLink('#seed=7%00junk&order=' + 'y'.repeat(3000)));
    assert.match(text, /'seed=7\?junk': contains a NUL character/);
    assert.match(text, /\.\.\. \(3000 characters\)/);
    assert.ok(text.length < 800, `notice of ${text.length} characters`);
    assert.ok(!/seed=7/.test((await page.evaluate(() => Module.status())).query), 'seed 7 was not taken from "7%00junk"');
    const f0 = (await page.evaluate(() => Module.status())).frames;
    await page.waitForFunction((f) => Module.status().frames > f + 5, f0, { timeout: 20000, polling: 100 });
    // A key given twice keeps its current value: the running experiment goes on (it used to restart on the default).
    await page.evaluate(() => { location.hash = '#seed=5'; });
    await page.waitForFunction(() => /seed=5/.test(Module.status().query) && Module.runs()[0].work > 500, null, { timeout: 30000, polling: 100 });
    const before = (await runs(page))[0].work;
    await page.evaluate(() => { location.hash = '#seed=5&seed=6'; });
    await page.waitForFunction(() => Module.notices().some((n) => n.key === 'seed'), null, { timeout: 20000, polling: 100 });
    assert.match((await page.evaluate(() => Module.status())).query, /(^|&)seed=5(&|$)/);
    assert.ok((await runs(page))[0].work >= before, 'the running experiment was kept');
  });
});

test('URL settings that pass their own checks but cannot run together start the defaults, with a notice', { timeout: 120000 }, async () => {
  await withSite('#hidden=400,400,400', { width: 1000, height: 700 }, async ({ page }) => {
    await waitForFrames(page, 5);
    const notices = await page.evaluate(() => Module.notices());
    // The notice names what the link asked for, not only src_beta (which the link did not set).
    assert.ok(notices.some((n) => /hidden=400,400,400/.test(n.key) &&
      /cannot run together: src_beta has 3 values.*started with the defaults/.test(n.message)), JSON.stringify(notices));
    assert.equal((await runs(page)).length, 2, 'the default twins run');
  });
});

test('a URL with settings reproduces the command line for the same seed; exports are valid', { timeout: 600000 }, async () => {
  const settings = 'twins=0&seed=3&order=01,23&per_task=600&src_base_steps=2000&src_steps_per_task=1000';
  await withSite('#' + settings, { width: 1200, height: 800 }, async ({ page }) => {
    await waitForFrames(page, 3);
    // The fastest setting ("max", 40 ms of work per frame); an out-of-range speed clamps to it. The numbers
    // below must still equal the command line's: speed never changes results.
    await page.evaluate(() => Module.setSpeed(99));
    assert.equal(await page.evaluate(() => Module.status().speed), 4, 'speeds clamp to the last one');
    await page.waitForFunction(() => Module.status().done, null, { timeout: 500000, polling: 500 });
    const st = await page.evaluate(() => Module.status());
    assert.equal(st.query.split('&').sort().join('&'), settings.split('&').sort().join('&'), 'the URL holds the settings');
    // The export is a download of valid JSON.
    const [download] = await Promise.all([page.waitForEvent('download'), page.evaluate(() => Module.exportResults('json'))]);
    const file = path.join(outDir, 'export.json');
    await download.saveAs(file);
    const web = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(web.command, 'digits');
    assert.equal(web.runs.length, 1);
    // The command line the app shows for the run (Export and import), run as it is, gives the same numbers.
    assert.deepEqual(st.commands, ['sleepnet digits --preset quick --sleep 1 --seed 3 --order 01,23 --per_task 600 --src_base_steps 2000 --src_steps_per_task 1000']);
    const native = runCommand(st.commands[0], 'cli.json');
    assert.deepEqual(web.runs[0].accuracy_matrix, native.runs[0].accuracy_matrix);
    assert.equal(web.runs[0].final_accuracy, native.runs[0].final_accuracy);
    // The same schema: every field the command line writes is in the export too.
    for (const k of Object.keys(native.runs[0])) assert.ok(k in web.runs[0], `export lacks '${k}'`);
    for (const k of ['command', 'settings', 'seeds', 'runs']) assert.ok(k in web && k in native, `top-level '${k}'`);
    // CSV export too.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.evaluate(() => Module.exportResults('csv'))]);
    await csv.saveAs(path.join(outDir, 'export.csv'));
    assert.match(fs.readFileSync(path.join(outDir, 'export.csv'), 'utf8'), /^seed,condition,after_task,on_task,accuracy,accuracy_before_sleep,error\n3,src,1,1,/);
    // Networks: saving gives a file; a foreign file is refused with a message and changes nothing.
    const [net] = await Promise.all([page.waitForEvent('download'), page.evaluate(() => Module.exportResults('net'))]);
    await net.saveAs(path.join(outDir, 'networks.snet'));
    assert.ok(fs.statSync(path.join(outDir, 'networks.snet')).size > 1000);
    const before = await page.evaluate(() => Module.resultsJson());
    await page.evaluate(() => Module.deliverFile('photo.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])));
    const msg = (await page.evaluate(() => Module.status())).message;
    assert.match(msg, /Could not load 'photo.jpg'.*Nothing was changed/);
    assert.equal(await page.evaluate(() => Module.resultsJson()), before);
    const bytes = [...fs.readFileSync(path.join(outDir, 'networks.snet'))];
    await page.evaluate((b) => Module.deliverFile('networks.snet', new Uint8Array(b)), bytes);
    assert.match((await page.evaluate(() => Module.status())).message, /loaded networks/);
    await shot(page, 'lab-reproduce.png');
  });
});

// The foraging twins' command lines (short stages), run as shown, give the runs' results to the last digit. The
// "copy" button puts a command on the page's clipboard, and says so when the browser refuses.
test('the foraging command lines the app shows reproduce its runs; copy puts one on the clipboard', { timeout: 300000 }, async () => {
  const settings = 'scenario=forage&seed=5&unsup_aeons=2&train_aeons=6&test_aeons=2&interleave_aeons=6';
  const initScript = () => {
    window.copied = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: (t) => {
      window.copied.push(t);
      return window.refuseCopy ? Promise.reject(new Error('Write permission denied.')) : Promise.resolve();
    } } });
  };
  await withSite('#' + settings, { width: 1200, height: 800, initScript }, async ({ page }) => {
    await waitForFrames(page, 3);
    const click = async (name) => {
      const r = await page.evaluate((n) => Module.widgetRect(n), name);
      assert.ok(r, `'${name}' is drawn`);
      await page.mouse.click(r.x + 10, r.y + r.h / 2);
      await page.waitForTimeout(300);
    };
    await click('export');
    await click('copy command');
    const shown = (await page.evaluate(() => Module.status())).commands;
    assert.deepEqual(await page.evaluate(() => window.copied), [shown[0]]);
    assert.match((await page.evaluate(() => Module.status())).message, /^copied the command line of sleep_t2$/);
    await page.evaluate(() => { window.refuseCopy = true; });
    await click('copy command');
    assert.match((await page.evaluate(() => Module.status())).message, /would not copy to the clipboard \(Write permission denied\.\)/);
    await page.evaluate(() => Module.setSpeed(4));
    await page.waitForFunction(() => Module.status().done, null, { timeout: 240000, polling: 500 });
    const st = await page.evaluate(() => Module.status());
    const web = JSON.parse(await page.evaluate(() => Module.resultsJson()));
    assert.equal(st.commands.length, 2);
    assert.match(st.commands[1], /^sleepnet forage --protocol sequential --first_seed 5 --seeds 1 /);
    for (let i = 0; i < 2; ++i) {
      const native = runCommand(st.commands[i], `cli-forage-${i}.json`);
      assert.equal(native.runs[0].protocol, web.runs[i].protocol);
      assert.deepEqual(native.runs[0].results, web.runs[i].results, `run ${i}: ${st.commands[i]}`);
    }
  });
});

test('the foraging scenario renders its world', { timeout: 180000 }, async () => {
  await withSite('#scenario=forage', { width: 1400, height: 900 }, async ({ page }) => {
    await waitForFrames(page, 10);
    await page.waitForFunction(() => Module.runs()[0].aeons > 0 || Module.runs()[0].work > 60000, null, { timeout: 120000, polling: 500 });
    const r = await runs(page);
    assert.deepEqual(r.map((x) => x.label), ['sleep_t2', 'sequential']);
    // The shared first stages are simulated once: the baseline reads as the sleeping run until they part.
    assert.equal(r[1].work, r[0].work, 'the twins share their first stages');
    const stats = await shot(page, 'lab-forage.png');
    assert.ok(stats.sd > 10 && stats.colours > 50, `screenshot looks blank: ${JSON.stringify(stats)}`);
    // Foraging starts at the "max" speed (its runs take minutes); a speed the user picks is kept on restart.
    assert.equal(await page.evaluate(() => Module.status().speed), 4, 'foraging starts at max');
    await page.evaluate(() => Module.setSpeed(2));
    assert.equal(await page.evaluate(() => Module.applySettings('seed=2')), '');
    assert.equal(await page.evaluate(() => Module.status().speed), 2, 'the chosen speed survives a restart');
  });
});

test('keyboard: space pauses and plays, n steps, s toggles sleep, r resets', { timeout: 180000 }, async () => {
  await withSite('', { width: 1200, height: 800 }, async ({ page }) => {
    await waitForFrames(page, 5);
    await page.click('#canvas', { position: { x: 900, y: 700 } });   // focus, on an empty spot
    await page.keyboard.press('Space');
    await page.waitForFunction(() => !Module.status().playing, null, { timeout: 10000 });
    // A step goes to whichever twin is behind (lockstep), so count the work of both.
    const total = () => page.evaluate(() => Module.runs().reduce((a, r) => a + r.work, 0));
    await page.waitForTimeout(300);
    const w0 = await total();
    await page.waitForTimeout(500);
    assert.equal(await total(), w0, 'paused: no work is done');
    await page.keyboard.press('n');
    await page.waitForFunction((w) => Module.runs().reduce((a, r) => a + r.work, 0) > w, w0, { timeout: 10000 });
    assert.equal((await page.evaluate(() => Module.status())).playing, false, 'a step leaves it paused');
    await page.keyboard.press('s');
    await page.waitForFunction(() => Module.runs().length === 1, null, { timeout: 10000 });
    assert.equal((await runs(page))[0].label, 'with sleep');
    assert.match((await page.evaluate(() => Module.status())).query, /twins=0/);
    await page.keyboard.press('s');
    await page.waitForFunction(() => Module.runs()[0].label === 'without sleep', null, { timeout: 10000 });
    await page.keyboard.press('s');
    await page.waitForFunction(() => Module.runs().length === 2, null, { timeout: 10000 });
    await page.keyboard.press('Space');
    await page.waitForFunction(() => Module.runs()[0].work > 1000, null, { timeout: 60000 });
    // Reset while paused (a playing reset run can pass any threshold before the next poll): all work is gone.
    await page.keyboard.press('Space');
    await page.waitForFunction(() => !Module.status().playing, null, { timeout: 10000 });
    await page.keyboard.press('r');
    await page.waitForFunction(() => Module.runs().every((r) => r.work === 0), null, { timeout: 10000 });
  });
});

// Settings that are each in range but saturate the foraging network stop the runs with a message; the page
// stays alive (before, the STDP traces grew to gigabytes and would have taken the tab down).
test('foraging settings that saturate the network stop the run with a message, and the page lives on', { timeout: 180000 }, async () => {
  await withSite('#scenario=forage&unsup_aeons=1&train_aeons=2&test_aeons=1&interleave_aeons=2&target_dt=0.5&rate_ema=1', { width: 1200, height: 800 }, async ({ page }) => {
    await waitForFrames(page, 3);
    await page.waitForFunction(() => /^Stopped: sleep_t2: the network's activity saturated/.test(Module.status().message), null, { timeout: 150000, polling: 250 });
    const st = await page.evaluate(() => Module.status());
    assert.equal(st.done, true, 'both twins stop: the baseline was following the sleeping run');
    assert.deepEqual((await runs(page)).map((r) => r.stage), ['stopped', 'stopped']);
    const f0 = st.frames;
    await page.waitForFunction((f) => Module.status().frames > f + 5, f0, { timeout: 20000 });
    await shot(page, 'lab-saturated.png');
    // A good setting starts a fresh experiment and clears the message.
    assert.equal(await page.evaluate(() => Module.applySettings('target_dt=0.00025&rate_ema=0.0025')), '');
    assert.doesNotMatch((await page.evaluate(() => Module.status())).message, /saturated/);
  });
});

// The controls themselves, driven with the mouse and keyboard (not the actions behind them): a bad task order
// typed into the tasks field is refused with a notice and loses no progress (its letters are not shortcuts while
// typing), and values typed past the ends of the sliders (ctrl+click) clamp to the range.
test('typed bad input in the controls: the tasks field refuses, the sliders clamp', { timeout: 240000 }, async () => {
  await withSite('', { width: 1200, height: 800 }, async ({ page }) => {
    await waitForFrames(page, 5);
    // ImGui 1.86 polls key state once a frame: a key pressed and released between two frames is never seen
    // (Playwright's press() does both at once). Hold such keys for several frames; typed characters are queued.
    const hold = async (key, withCtrl = false) => {
      if (withCtrl) await page.keyboard.down('Control');
      await page.keyboard.down(key);
      await page.waitForTimeout(250);
      await page.keyboard.up(key);
      if (withCtrl) await page.keyboard.up('Control');
      await page.waitForTimeout(100);
    };
    const typeInto = async (name, text, ctrlClick = false, leaveWith = 'Enter') => {
      const r = await page.evaluate((n) => Module.widgetRect(n), name);
      assert.ok(r, `the control '${name}' is drawn`);
      const dpr = await page.evaluate(() => window.devicePixelRatio);
      const x = (r.x + Math.min(r.w / 2, 30)) / dpr, y = (r.y + r.h / 2) / dpr;   // left: the seed's -/+ are on its right
      // The click is queued, but ctrl is polled: keep it down for frames on both sides of the click.
      if (ctrlClick) { await page.keyboard.down('Control'); await page.waitForTimeout(150); }
      await page.mouse.click(x, y);
      if (ctrlClick) { await page.waitForTimeout(150); await page.keyboard.up('Control'); }
      await page.waitForTimeout(200);
      await hold('a', true);   // select all
      await page.keyboard.type(text, { delay: 30 });
      await hold(leaveWith);
      await page.waitForTimeout(500);
    };
    await page.waitForFunction(() => Module.runs()[0].work > 2000, null, { timeout: 60000, polling: 200 });
    const work = async () => (await runs(page)).map((r) => r.work);
    const w0 = await work();
    const query0 = (await page.evaluate(() => Module.status())).query;
    // 'r' resets and 's' toggles sleep when typed outside a field.
    await typeInto('tasks', '01,rs9');
    const notices = await page.evaluate(() => Module.notices());
    assert.deepEqual(notices.map((n) => [n.key, n.value]), [['order', '01,rs9']], JSON.stringify(notices));
    const w1 = await work();
    assert.equal(w1.length, 2, 'still twins: s did not toggle sleep');
    assert.ok(w1[0] >= w0[0] && w1[1] >= w0[1], `the refused order (or an 'r') restarted the runs: ${w0} -> ${w1}`);
    assert.equal((await page.evaluate(() => Module.status())).query, query0, 'the running settings are unchanged');
    // The sleep-length slider (100..40000) clamps a typed value at either end; the change starts a new run.
    await typeInto('sleep steps', '999999', true);
    await page.waitForFunction(() => /src_base_steps=40000/.test(Module.status().query), null, { timeout: 10000 });
    await typeInto('sleep steps', '-7', true);
    await page.waitForFunction(() => /src_base_steps=100(&|$)/.test(Module.status().query), null, { timeout: 10000 });
    // A speed typed past the speed slider's ends clamps too (App::set_speed; the slider has no clamp flag).
    await typeInto('speed', '99', true);
    assert.equal(await page.evaluate(() => Module.status().speed), 4);
    await typeInto('speed', '-3', true);
    assert.equal(await page.evaluate(() => Module.status().speed), 0);
    assert.equal((await page.evaluate(() => Module.status())).playing, true, 'the app keeps running');
    // A seed typed and left with Tab applies (it used to be dropped unless Enter was pressed); Escape drops it.
    await typeInto('seed', '42', false, 'Tab');
    await page.waitForFunction(() => /(^|&)seed=42(&|$)/.test(Module.status().query), null, { timeout: 10000 });
    await typeInto('seed', '77', false, 'Escape');
    await page.waitForTimeout(500);
    assert.match((await page.evaluate(() => Module.status())).query, /(^|&)seed=42(&|$)/);
    await shot(page, 'lab-typed-input.png');
  });
});

// On a small window and phone-sized ones, every control and its label fits in the controls panel (labels were
// cut off: "sleep st"); below 40 em of width the panel spans the page above the views, on a wide page it is a
// column beside them. No view reaches past the right edge of its column (on a 320-pixel phone the sleep-rate
// title did, by 7 pixels; at 280 pixels, a folding phone's outer screen, the legend and the headline's stage by 40),
// while the runs fill the views for a few seconds.
test('the controls and their labels fit in the panel at 640x400 and on phones; one column when narrow; views fit', { timeout: 240000 }, async () => {
  const names = { digits: ['speed', 'seed', 'tasks', 'task presets', 'learner', 'schedule', 'sleep steps'],
                  forage: ['speed', 'seed', 'protocol', 'scale'] };
  for (const [width, height, oneColumn] of [[640, 400, false], [390, 844, true], [320, 640, true], [280, 653, true], [1200, 800, false]]) {
    for (const scenario of ['digits', 'forage']) {
      await withSite(`#scenario=${scenario}`, { width, height }, async ({ page }) => {
        await waitForFrames(page, 5);
        const panel = await page.evaluate(() => Module.widgetRect('panel'));
        const canvasW = await page.evaluate(() => document.querySelector('canvas').width);
        const where = `${scenario} at ${width}x${height}`;
        assert.ok(panel && panel.w > 0, `${where}: the panel is drawn`);
        if (oneColumn) assert.ok(panel.w > 0.85 * canvasW, `${where}: one column, panel ${panel.w} of ${canvasW}`);
        else assert.ok(panel.w < 0.45 * canvasW, `${where}: two columns, panel ${panel.w} of ${canvasW}`);
        for (const name of names[scenario]) {
          const r = await page.evaluate((n) => Module.widgetRect(n), name);
          assert.ok(r, `${where}: '${name}' is drawn`);
          assert.ok(r.x >= panel.x - 0.5 && r.x + r.w <= panel.x + panel.w + 0.5,
                    `${where}: '${name}' spans ${r.x}..${r.x + r.w}, the panel ${panel.x}..${panel.x + panel.w}`);
        }
        let overflow = 0;
        for (let i = 0; i < 6; ++i) {
          overflow = Math.max(overflow, (await page.evaluate(() => Module.status())).overflowPx);
          await page.waitForTimeout(500);
        }
        assert.ok(overflow <= 0.5, `${where}: a view reaches ${overflow} pixels past its column`);
        if (width === 640) await shot(page, `lab-${scenario}-640x400.png`);
        if (oneColumn) await shot(page, `lab-${scenario}-phone.png`);
        // The Export and About panels open (where the window is tall enough to show their headers): their text
        // wraps (ImGui's bullets did not: 2000 pixels past a phone's edge). ImGui rounds a text's width up to the
        // next pixel, hence 1.
        if (height < 640) return;
        for (const header of ['export', 'about']) {
          const h = await page.evaluate((n) => Module.widgetRect(n), header);
          assert.ok(h && h.y + h.h < height, `${where}: the '${header}' header is drawn in view: ${JSON.stringify(h)}`);
          await page.mouse.click(h.x + 10, h.y + h.h / 2);
          await page.waitForTimeout(400);
        }
        const open = (await page.evaluate(() => Module.status())).overflowPx;
        assert.ok(open <= 1, `${where}: with Export and About open, text reaches ${open} pixels past its column`);
      });
    }
  }
});

// Emscripten 3.1.6's GLFW passed raw pixel deltas with the browser's sign: a notch down did nothing at the top and a
// notch up jumped to the bottom (a 3-pixel trackpad nudge scrolled 225 pixels). One notch is now a few lines.
test('the mouse wheel scrolls the one-column page the right way, a few lines per notch', { timeout: 120000 }, async () => {
  await withSite('', { width: 390, height: 844 }, async ({ page }) => {
    await waitForFrames(page, 5);
    await page.evaluate(() => Module.setPlaying(false));
    const dpr = await page.evaluate(() => window.devicePixelRatio);
    const y = async () => (await page.evaluate(() => Module.widgetRect('seed'))).y / dpr;
    const wheel = async (dy) => { await page.mouse.wheel(0, dy); await page.waitForTimeout(300); return y(); };
    await page.mouse.move(200, 400);
    const top = await y();
    assert.equal(await wheel(-100), top, 'a notch up at the top stays at the top');
    const down = await wheel(100);
    assert.ok(top - down > 20 && top - down < 200, `a notch down scrolls a few lines: ${top} -> ${down}`);
    const nudged = await wheel(3);
    assert.ok(down - nudged >= 0 && down - nudged < 10, `a 3-pixel nudge scrolls a little: ${down} -> ${nudged}`);
    assert.ok(Math.abs((await wheel(-100)) - (nudged + (top - down))) < 2, 'a notch up undoes a notch down');
  });
});

// On a phone: Emscripten 3.1.6's GLFW pressed the mouse for a touch without moving it to the finger, so each tap also
// clicked the control tapped before it, and a drag did nothing. A finger is now ImGui's mouse, and a drag scrolls the
// page (unless it begins on a slider, which it moves).
test('a finger taps where it touches and a drag scrolls the phone page; a slider keeps its drag', { timeout: 120000 }, async () => {
  await withSite('', { width: 390, height: 844, deviceScaleFactor: 2, hasTouch: true }, async ({ page }) => {
    await waitForFrames(page, 5);
    await page.evaluate(() => Module.setPlaying(false));
    const cdp = await page.context().newCDPSession(page);
    const touch = (type, x, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' || type === 'touchCancel' ? [] : [{ x, y }] });
    const rect = async (name) => {   // in CSS pixels
      const r = await page.evaluate((n) => Module.widgetRect(n), name);
      assert.ok(r, `'${name}' is drawn`);
      return { x: r.x / 2, y: r.y / 2, w: r.w / 2, h: r.h / 2, cx: (r.x + r.w / 2) / 2, cy: (r.y + r.h / 2) / 2 };
    };
    const tap = async (x, y, holdMs) => {
      await touch('touchStart', x, y);
      if (holdMs) await page.waitForTimeout(holdMs);
      await touch('touchEnd');
      await page.waitForTimeout(300);
    };
    const drag = async (x, y, dx, dy) => {
      await touch('touchStart', x, y);
      await page.waitForTimeout(100);
      for (let i = 1; i <= 10; ++i) { await touch('touchMove', x + dx * i / 10, y + dy * i / 10); await page.waitForTimeout(30); }
      await page.waitForTimeout(100);
      await touch('touchEnd');
      await page.waitForTimeout(300);
    };
    const status = () => page.evaluate(() => Module.status());
    const play = await rect('play');
    await tap(play.cx, play.cy, 200);
    assert.equal((await status()).playing, true, 'a held tap on Play plays');
    await tap(300, 780, 200);
    assert.equal((await status()).playing, true, 'a tap elsewhere does not press Play again');
    await tap(play.cx, play.cy, 0);
    assert.equal((await status()).playing, false, 'a tap shorter than a frame on Pause pauses');
    await tap(300, 780, 0);
    assert.equal((await status()).playing, false, 'and the next short tap elsewhere does not press it again');
    // A drag that begins on Play scrolls the page by the finger's travel and does not press Play.
    const seed0 = await rect('seed');
    await drag(play.cx, play.cy + 100, 0, -300);   // from below Play (blank or text): the page scrolls
    const seed1 = await rect('seed');
    assert.ok(seed0.y - seed1.y > 270 && seed0.y - seed1.y < 310, `a 300-pixel drag scrolls about 300: ${seed0.y} -> ${seed1.y}`);
    await drag(play.cx, play.cy + 100, 0, 300);
    const seed2 = await rect('seed');
    assert.ok(Math.abs(seed2.y - seed0.y) < 2, `dragging back scrolls back: ${seed0.y} -> ${seed2.y}`);
    await drag(play.cx, play.cy, 0, -200);
    assert.equal((await status()).playing, false, 'a drag that began on Play does not press it');
    await drag(play.cx, play.cy + 200, 0, 200);   // back to the top (the page stops there)
    const top = await rect('seed');
    assert.ok(Math.abs(top.y - seed0.y) < 2, `back at the top: ${seed0.y} -> ${top.y}`);
    // The speed slider takes a horizontal drag as a value, and the page stays put.
    const speed = await rect('speed');
    await page.evaluate(() => Module.setSpeed(0));
    await drag(speed.x + 5, speed.cy, speed.w - 10, 40);
    assert.equal((await status()).speed, 4, 'dragging the speed slider to its right end sets the top speed');
    assert.ok(Math.abs((await rect('seed')).y - seed0.y) < 2, 'and does not scroll the page');
    // A combo opens with a tap, and a tap on its second entry picks it.
    const presets = await rect('task presets');
    await tap(presets.cx, presets.cy, 120);
    await tap(presets.x + 30, presets.y + presets.h + 4 + presets.h * 1.5, 120);
    assert.match((await status()).query, /(^|&)order=89,67,45,23,01(&|$)/, 'the second task preset (reversed pairs) is chosen');
    // A flick faster than a frame (down, two moves, up at once) that ends on Play scrolls and presses nothing; it
    // used to be a tap where it ended (audit).
    const beforeFlick = (await rect('seed')).y;
    await Promise.all([touch('touchStart', play.cx, play.cy + 400), touch('touchMove', play.cx, play.cy + 200),
                       touch('touchMove', play.cx, play.cy), touch('touchEnd')]);
    await page.waitForTimeout(400);
    assert.equal((await status()).playing, false, 'a flick ending on Play does not press it');
    assert.ok((await rect('seed')).y < beforeFlick - 100, 'the flick scrolled the page');
    await drag(play.cx, play.cy + 200, 0, 500);   // back to the top
    // A cancelled touch (the browser took the gesture) presses nothing, held briefly or long (no console error
    // either: a touchcancel cannot be prevented); a long press shows the tooltip and presses nothing.
    for (const holdMs of [150, 700]) {
      await touch('touchStart', play.cx, play.cy);
      await page.waitForTimeout(holdMs);
      await touch('touchCancel');
      await page.waitForTimeout(300);
      assert.equal((await status()).playing, false, `a touch on Play cancelled after ${holdMs} ms does not press it`);
    }
    await tap(play.cx, play.cy, 900);
    assert.equal((await status()).playing, false, 'a long press on Play does not press it');
    // A long press on the tasks field shows its tooltip, wrapped to the screen (it ran 731 pixels off it); a finger
    // that has just come down, or scrolls, shows none (tooltips flashed past under a scrolling finger).
    const tasks = await rect('tasks');
    await touch('touchStart', tasks.x + 20, tasks.cy);
    await page.waitForTimeout(150);
    assert.equal((await status()).tooltip, false, 'no tooltip under a finger that has just come down');
    await page.waitForTimeout(750);
    const held = await status();
    await touch('touchEnd');
    await page.waitForTimeout(300);
    assert.equal(held.tooltip, true, 'a long press shows the tooltip');
    assert.ok(held.overflowPx <= 1, `the tooltip reaches ${held.overflowPx} pixels past the screen`);
    assert.equal((await status()).tooltip, false, 'and it goes when the finger lifts');
    await touch('touchStart', tasks.x + 20, tasks.cy);
    for (let i = 1; i <= 8; ++i) {
      await touch('touchMove', tasks.x + 20, tasks.cy - 15 * i);
      await page.waitForTimeout(60);
      assert.equal((await status()).tooltip, false, `no tooltip while the finger scrolls (step ${i})`);
    }
    await touch('touchEnd');
    await page.waitForTimeout(300);
    await drag(play.cx, play.cy + 200, 0, 500);   // back to the top
    // A drag that begins on a header's arrow (ImGui toggles on the arrow's press) scrolls and leaves it closed.
    const exportHeader = await rect('export');
    await drag(exportHeader.x + 12, exportHeader.cy, 0, -150);
    assert.equal(await page.evaluate(() => Module.widgetRect('copy command')), null, 'the Export panel stayed closed');
    await drag(play.cx, play.cy + 200, 0, 500);
    // A real mouse takes over again: a click presses what is under it.
    await page.mouse.click(play.cx, play.cy);
    await page.waitForTimeout(300);
    assert.equal((await status()).playing, true, 'a mouse click after touches presses Play');
  });
});

// A phone shows its keyboard only for a focused text element: tapping a field drawn by ImGui on the canvas gave
// no keyboard, so the task order and the seed could not be typed on a phone. The page focuses an invisible input
// inside the tap, and what the keyboard types there (text as input events, as phones send it) reaches the field.
// A tablet's hardware keyboard works there too: editing keys, paste, text keys typed once (audit).
test('a tap on a text field opens the on-screen keyboard, and its typing edits the field', { timeout: 120000 }, async () => {
  await withSite('', { width: 390, height: 844, deviceScaleFactor: 2, hasTouch: true }, async ({ page }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await waitForFrames(page, 5);
    await page.evaluate(() => Module.setPlaying(false));
    const cdp = await page.context().newCDPSession(page);
    const touch = (type, x, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
    const tap = async (x, y) => { await touch('touchStart', x, y); await touch('touchEnd'); await page.waitForTimeout(300); };
    const rect = async (name) => { const r = await page.evaluate((n) => Module.widgetRect(n), name); return { x: r.x / 2, y: r.y / 2, w: r.w / 2, h: r.h / 2 }; };
    const focused = () => page.evaluate(() => document.activeElement && document.activeElement.id);
    const inputMode = () => page.evaluate(() => document.getElementById('sn-keyboard').inputMode);
    const status = () => page.evaluate(() => Module.status());
    const orderIs = (o) => page.waitForFunction((t) => Module.status().query.split('&').includes('order=' + t), o, { timeout: 10000 });
    // Key events dispatched on the invisible input within one task, i.e. between two frames (as a slow phone gets them).
    const burst = (steps) => page.evaluate((steps) => {
      const el = document.getElementById('sn-keyboard'), prevented = [];
      for (const [type, arg] of steps) {
        if (type === 'text') { el.value += arg; el.dispatchEvent(new InputEvent('input', { inputType: 'insertText', data: arg })); }
        else if (type === 'paste') {
          const data = new DataTransfer();
          data.setData('text/plain', arg);
          el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        } else {
          const ev = new KeyboardEvent(type, { bubbles: true, cancelable: true, ...arg });
          el.dispatchEvent(ev);
          if (type === 'keydown') prevented.push(ev.defaultPrevented);
        }
      }
      return prevented;
    }, steps);
    assert.notEqual(await focused(), 'sn-keyboard');
    const tasks = await rect('tasks');
    const typing = () => page.waitForFunction(() => Module.status().typing, null, { timeout: 10000 });
    const tapTasks = async () => { await tap(tasks.x + tasks.w / 2, tasks.y + tasks.h / 2); await typing(); };   // past the text: the cursor goes to its end
    await tapTasks();
    assert.equal(await focused(), 'sn-keyboard', 'the tap focused the keyboard input');
    assert.equal(await inputMode(), 'text');
    for (let i = 0; i < 14; ++i) await page.keyboard.press('Backspace');   // each deletes the input's one character
    await page.keyboard.insertText('9,8,7');   // as a phone keyboard sends text: input events, no key presses
    await page.keyboard.insertText(',6,5,4,3,2,1,0');
    await page.keyboard.press('Enter');
    await orderIs('9,8,7,6,5,4,3,2,1,0');
    await page.waitForFunction(() => document.activeElement?.id !== 'sn-keyboard', null, { timeout: 10000 });   // leaving the field closes the keyboard
    // A hardware keyboard: Home, Delete and End reach the field (they were swallowed), in order with the text
    // however fast they come (each is queued and held one frame), and text keys type once.
    await tapTasks();
    await page.keyboard.press('Home');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Delete');
    await page.keyboard.press('End');
    await page.keyboard.press(',');
    await page.keyboard.press('9');
    await page.keyboard.press('Enter');
    await orderIs('8,7,6,5,4,3,2,1,0,9');
    // ctrl+A and ctrl+V paste the page's clipboard (the paste went into the invisible input and was lost).
    await page.evaluate(() => navigator.clipboard.writeText('0,1,2,3,4,5,6,7,8,9'));
    await tapTasks();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+v');
    await page.keyboard.press('Enter');
    await orderIs('0,1,2,3,4,5,6,7,8,9');
    // A shift held while the field is tapped again still selects (GLFW saw the input's blur and released it).
    await tapTasks();
    await page.keyboard.down('Shift');
    await tapTasks();
    for (let i = 0; i < 3; ++i) await page.keyboard.press('ArrowLeft');
    await page.keyboard.up('Shift');
    await page.keyboard.insertText('9,8');   // over the selected '8,9'
    await page.keyboard.press('Enter');
    await orderIs('0,1,2,3,4,5,6,7,9,8');
    // Between two frames: shift+arrows pressed and shift released before the frame still select; text typed before
    // ctrl+A is selected by it, and a paste without ctrl+V (a tablet's paste button) replaces the selection.
    await tapTasks();
    const shift = { key: 'Shift', shiftKey: true }, ctrl = { key: 'Control', ctrlKey: true };
    await burst([['keydown', shift], ...Array(3).fill(['keydown', { key: 'ArrowLeft', shiftKey: true }]), ['keyup', { key: 'Shift' }],
      ['text', '8,9'], ['keydown', { key: 'Enter' }]]);
    await orderIs('0,1,2,3,4,5,6,7,8,9');
    await tapTasks();
    const prevented = await burst([['text', '5'], ['keydown', ctrl], ['keydown', { key: 'a', ctrlKey: true }], ['keyup', { key: 'a', ctrlKey: true }],
      ['keyup', { key: 'Control' }], ['paste', '4,3,2,1,0,\n9,8,7,6,5'], ['keydown', { key: 'r', ctrlKey: true }],
      ['keydown', { key: 'F5' }], ['keydown', { key: 'Enter' }]]);
    await orderIs('4,3,2,1,0,9,8,7,6,5');
    // ctrl+A is the field's; the browser's own keys (reload) keep their default, as with no field open.
    assert.deepEqual(prevented, [false, true, false, false, true]);
    // The seed takes digits: the phone shows its digit keyboard. A word corrected while composing follows as a
    // whole; the Enter that confirms a composition is the keyboard's, not the field's.
    const seed = await rect('seed');
    const plus = { x: seed.x + seed.w * 0.75, y: seed.y + seed.h / 2 };
    await tap(seed.x + 10, seed.y + seed.h / 2);
    await typing();
    assert.equal(await focused(), 'sn-keyboard', 'a tap on the seed field focused it');
    assert.equal(await inputMode(), 'numeric');
    await page.keyboard.press('Backspace');
    await page.evaluate(() => {
      const el = document.getElementById('sn-keyboard'), base = el.value;
      el.dispatchEvent(new CompositionEvent('compositionstart', { data: '' }));
      for (const word of ['4', '41', '42']) {
        el.value = base + word;
        el.dispatchEvent(new InputEvent('input', { inputType: 'insertCompositionText', data: word, isComposing: true }));
      }
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true }));
      el.dispatchEvent(new CompositionEvent('compositionend', { data: '42' }));
    });
    await page.waitForTimeout(300);
    assert.equal(await focused(), 'sn-keyboard', 'the composing Enter did not leave the field');
    // Text typed after the Enter that leaves the field goes nowhere: a space reached the app as play/pause.
    await page.evaluate(() => {
      const el = document.getElementById('sn-keyboard');
      const type = (t) => { el.value += t; el.dispatchEvent(new InputEvent('input', { inputType: 'insertText', data: t })); };
      type('7');
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      type(' ');
      type('r');
    });
    await page.waitForFunction(() => /(^|&)seed=427(&|$)/.test(Module.status().query), null, { timeout: 10000 });
    await page.waitForTimeout(500);
    assert.equal((await status()).playing, false, 'the space typed after Enter did not play');
    assert.notEqual(await focused(), 'sn-keyboard');
    assert.match((await status()).query, /(^|&)order=4,3,2,1,0,9,8,7,6,5(&|$)/);
    await tap(plus.x, plus.y);   // the seed's + button steps it, and opens no keyboard
    await page.waitForFunction(() => /(^|&)seed=428(&|$)/.test(Module.status().query), null, { timeout: 10000 });
    assert.notEqual(await focused(), 'sn-keyboard', 'a tap on a button opens no keyboard');
    // A seed being typed, then +: one more than the typed seed (the typed one applied and the step was lost).
    await tap(seed.x + 10, seed.y + seed.h / 2);
    await typing();
    await page.keyboard.insertText('61');   // over the selected text
    await tap(plus.x, plus.y);
    await page.waitForFunction(() => /(^|&)seed=62(&|$)/.test(Module.status().query), null, { timeout: 10000 });
    // The task order typed, then a tap elsewhere: the order applies (the edit was thrown away).
    await tapTasks();
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText('0,1,2,3,4,5,6,7,8,9');
    await tap(200, 800);
    await orderIs('0,1,2,3,4,5,6,7,8,9');
    assert.notEqual(await focused(), 'sn-keyboard', 'leaving the field by a tap closes the keyboard');
    // A quick tap, then a slow frame (0.6 s: a busy phone): still a tap on the field, not a long press.
    await page.evaluate(({ x, y }) => {
      const c = document.getElementById('canvas'), r = c.getBoundingClientRect();
      const t = new Touch({ identifier: 7, target: c, clientX: r.left + x, clientY: r.top + y, pageX: r.left + x, pageY: r.top + y });
      const send = (type, touches) => c.dispatchEvent(new TouchEvent(type, { touches, targetTouches: touches, changedTouches: [t], bubbles: true, cancelable: true }));
      send('touchstart', [t]);
      send('touchend', []);
      for (const end = performance.now() + 600; performance.now() < end;);
    }, { x: tasks.x + tasks.w / 2, y: tasks.y + tasks.h / 2 });
    await page.waitForTimeout(500);
    assert.equal(await focused(), 'sn-keyboard', 'the tap before a slow frame focused the field');
    await page.keyboard.press('Escape');
  });
});

// Emscripten 3.1.6's GLFW keeps no clipboard: ctrl+C in a field copied nothing and ctrl+V pasted nothing. Both now
// use the page's clipboard; on a Mac with cmd, as there.
for (const mac of [false, true]) {
test(`${mac ? 'cmd' : 'ctrl'}+C and ${mac ? 'cmd' : 'ctrl'}+V in a field use the page clipboard${mac ? ' on a Mac' : ''}`, { timeout: 120000 }, async () => {
  const initScript = mac ? () => Object.defineProperty(navigator, 'platform', { get: () => 'MacIntel' }) : null;
  await withSite('', { width: 1200, height: 800, initScript }, async ({ page }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await waitForFrames(page, 5);
    const modifier = mac ? 'Meta' : 'Control';
    // Pressed and released at once: the key queue shows ImGui each key down for one frame (key_trickle.h). Held
    // over slow frames, ImGui 1.86 would repeat it (a second paste).
    const chord = (key) => page.keyboard.press(`${modifier}+${key}`);
    // A click and the keys after it must not reach ImGui in one frame (a slow one): the field takes keys only from
    // the frame after it was clicked.
    const typing = () => page.waitForFunction(() => Module.status().typing, null, { timeout: 10000 });
    const r = await page.evaluate(() => Module.widgetRect('tasks'));
    await page.mouse.click(r.x + 30, r.y + r.h / 2);
    await typing();
    await chord('a');
    await chord('c');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), '01,23,45,67,89', 'ctrl+C copied the field');
    await page.evaluate(() => navigator.clipboard.writeText('01,23,4567,89'));
    await chord('a');
    if (mac) {   // Chromium on Linux fires no paste event for cmd+V; a Mac's browser does, before the key reaches the page
      await page.evaluate(() => {
        const data = new DataTransfer();
        data.setData('text/plain', '01,23,4567,89');
        document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
      });
    }
    await chord('v');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /(^|&)order=01,23,4567,89(&|$)/.test(Module.status().query), null, { timeout: 10000 });
    if (mac) return;
    const pasteAndEnter = async (text) => {
      await page.evaluate((t) => navigator.clipboard.writeText(t), text);
      const f = await page.evaluate(() => Module.widgetRect('tasks'));   // a notice above moves the field
      await page.mouse.click(f.x + 30, f.y + f.h / 2);
      await typing();
      await chord('a');
      await chord('v');
      await page.keyboard.press('Enter');
    };
    // A pasted line break becomes a space, which the order refuses with a notice (ImGui dropped line breaks:
    // "01,23<newline>45,67" ran together as the order "01,2345,67").
    await pasteAndEnter('01,23\r\n45,67');
    await page.waitForFunction(() => Module.notices().some((n) => n.key === 'order' && n.value === '01,23 45,67'), null, { timeout: 10000 });
    assert.match((await page.evaluate(() => Module.status())).query, /(^|&)order=01,23,4567,89(&|$)/, 'the running order is kept');
    // A paste longer than the field's first buffer (128 bytes) arrives whole, and the notice names its real
    // fault (ImGui dropped such a paste, leaving the selected field empty: "the task sequence is empty").
    const long = '01,23,45,67,89,'.repeat(12) + '01';
    await pasteAndEnter(long);
    await page.waitForFunction((t) => Module.notices().some((n) => n.key === 'order' && n.value === t), long, { timeout: 10000 });
    const notice = await page.evaluate(() => Module.notices().find((n) => n.key === 'order'));
    assert.doesNotMatch(notice.message, /empty/, 'the notice names the fault of the pasted text');
    assert.match((await page.evaluate(() => Module.status())).query, /(^|&)order=01,23,4567,89(&|$)/, 'the running order is kept');
    // ctrl+A pressed and released while the page is busy, i.e. between two frames, still selects all: ImGui 1.86
    // reads the keys once a frame and saw nothing of it (key_trickle.h).
    const f = await page.evaluate(() => Module.widgetRect('tasks'));
    await page.mouse.click(f.x + 30, f.y + f.h / 2);
    await typing();
    const cdp = await page.context().newCDPSession(page);
    const key = (type, name, vk) => cdp.send('Input.dispatchKeyEvent', { type, key: name, code: vk === 17 ? 'ControlLeft' : 'KeyA', windowsVirtualKeyCode: vk, modifiers: 2 });
    const busy = page.evaluate(() => { for (const end = performance.now() + 400; performance.now() < end;); });
    await Promise.all([busy, key('rawKeyDown', 'Control', 17), key('rawKeyDown', 'a', 65), key('keyUp', 'a', 65), key('keyUp', 'Control', 17)]);
    await page.keyboard.type('0,1,2,3,4,5,6,7,8,9');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /(^|&)order=0,1,2,3,4,5,6,7,8,9(&|$)/.test(Module.status().query), null, { timeout: 10000 });
  });
});
}
