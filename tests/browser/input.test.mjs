// Browser end-to-end tests of the lab's input devices on the built static site: the mouse wheel, touch (taps,
// scrolls, long presses), typing on a phone's on-screen keyboard and a tablet's hardware keyboard, and the
// clipboard. Every test fails on console errors or failed requests (harness.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSite, waitForFrames } from './harness.mjs';

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
