// sleepnet app, browser platform: the main loop, canvas sizing (devicePixelRatio), the URL hash, file
// downloads and uploads, the clipboard, the wheel, touch and the on-screen keyboard. index.html loads the wasm and the data bundle (with
// progress) before main runs.
#include <emscripten.h>
#include <emscripten/html5.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string>
#include <vector>

#include "app.h"
#include "core/json.h"
#include "gl.h"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "imgui_internal.h"   // the active text field (keyboard_to_imgui)
#include "key_trickle.h"
#include "ui_touch.h"

using namespace sleepnet;
using namespace sleepnet::app;

// ---- JavaScript glue ------------------------------------------------------------------------------
// The page's settings: the hash, and also a query string (a link written "?seed=5" was ignored without a
// word). Both at once are read as one list, so a key in both is a key given twice. The app then writes the
// settings to the hash alone (js_set_url_hash drops the query string), so the address shows them once.
EM_JS(char*, js_url_settings, (), {
    var q = (window.location.search || "").substring(1), h = (window.location.hash || "").substring(1);
    var s = q && h ? q + "&" + h : q || h;
    var n = lengthBytesUTF8(s) + 1, p = _malloc(n);
    stringToUTF8(s, p, n);
    return p;
});
EM_JS(void, js_set_url_hash, (const char* q), {
    history.replaceState(null, "", window.location.pathname + "#" + UTF8ToString(q));
});
// The drawing buffer the browser gave the canvas (it may be smaller than the canvas; 0 without a context).
EM_JS(void, js_drawing_buffer_size, (int* w, int* h), {
    var gl = Module.canvas && Module.canvas.getContext("webgl2");
    HEAP32[w >> 2] = gl ? gl.drawingBufferWidth : 0;
    HEAP32[h >> 2] = gl ? gl.drawingBufferHeight : 0;
});
EM_JS(void, js_download, (const char* name, const char* mime, const unsigned char* data, int n), {
    var bytes = HEAPU8.slice(data, data + n);
    var blob = new Blob([bytes], {type: UTF8ToString(mime)});
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = UTF8ToString(name);
    document.body.appendChild(a);
    a.click();
    setTimeout(function() { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    if (Module.onDownload) Module.onDownload(UTF8ToString(name), bytes);   // lets tests see exports
});
// ImGui's copy (the "copy" buttons, ctrl+C in a field) goes to the page's clipboard: Emscripten 3.1.6's GLFW
// keeps no clipboard at all. The browser may refuse (no permission, an insecure page); the app then says so.
// Pasting: a page can read the clipboard only in a paste event, which the browser fires for ctrl+V (GLFW leaves
// that key's default alone) before ImGui sees the key in the next frame; the text waits for it in g_paste. A paste
// into the on-screen keyboard's input is typed into the field instead (see js_keyboard_setup).
EM_JS(void, js_copy_text, (const char* t), {
    var refused = function(why) { Module.ccall("sn_on_copy_refused", null, ["string"], [why ? String(why) : "no reason given"]); };
    try {
        if (!navigator.clipboard || !navigator.clipboard.writeText) { refused("no clipboard on this page"); return; }
        navigator.clipboard.writeText(UTF8ToString(t)).catch(function(e) { refused(e && e.message ? e.message : e); });
    } catch (e) { refused(e && e.message ? e.message : e); }
});
EM_JS(int, js_is_mac, (), { return /Mac|iPhone|iPad/.test(navigator.platform) ? 1 : 0; });
EM_JS(void, js_listen_paste, (), {
    document.addEventListener("paste", function(e) {
        var text = e.clipboardData ? e.clipboardData.getData("text/plain") : "";
        var into_keyboard = e.target && e.target.id === "sn-keyboard";   // typed into the field (see js_keyboard_setup)
        Module.ccall("sn_on_paste", null, ["string", "number"], [text, into_keyboard ? 1 : 0]);
        e.preventDefault();
    });
});
EM_JS(void, js_open_file, (), {
    var input = document.createElement("input");
    input.type = "file";
    input.onchange = function() {
        var f = input.files[0];
        if (!f) return;
        Module.readAndDeliver(f);   // index.html: size check, read, deliver
    };
    input.click();
});

// Called from JS (Module.deliverFile in index.html) with a file the user chose or dropped.
extern "C" EMSCRIPTEN_KEEPALIVE void sn_on_file(const char* name, const unsigned char* data, int n) {
    the_app().on_file(name, std::vector<unsigned char>(data, data + n));
}
// Called from JS when it would not copy a file into the app (too large, or no memory for it).
extern "C" EMSCRIPTEN_KEEPALIVE void sn_on_file_refused(const char* name, double bytes) {
    the_app().on_file_refused(name, bytes);
}

extern "C" EMSCRIPTEN_KEEPALIVE void sn_on_copy_refused(const char* why) { the_app().on_copy_refused(why); }
static std::string g_paste;   // what ctrl+V in a field pastes: the last paste event's text, or the app's last copy
// The fields are one line: a line break becomes a space (ImGui dropped it, so "01,23<newline>45" pasted as the
// order "01,2345"; a space is refused with a notice instead).
static void keyboard_type(const std::string& text);   // the on-screen keyboard's queue (below)
extern "C" EMSCRIPTEN_KEEPALIVE void sn_on_paste(const char* text, int into_keyboard) {
    g_paste.clear();
    for (const char* c = text; *c; ++c) {
        if (*c == '\r' && c[1] == '\n') continue;
        g_paste += (*c == '\r' || *c == '\n') ? ' ' : *c;
    }
    if (into_keyboard) keyboard_type(g_paste);
}

// Called from JS when the browser could not read a chosen or dropped file (e.g. a folder).
extern "C" EMSCRIPTEN_KEEPALIVE void sn_on_file_unreadable(const char* name) {
    the_app().on_file_unreadable(name);
}

namespace sleepnet::app {

std::string platform_save_file(const std::string& name, const std::string& mime, const std::vector<unsigned char>& bytes) {
    js_download(name.c_str(), mime.c_str(), bytes.data(), static_cast<int>(bytes.size()));
    return "downloaded " + name;
}
void platform_request_open_file() { js_open_file(); }
void platform_set_url_state(const std::string& q) { js_set_url_hash(q.c_str()); }

std::string platform_load_dataset(std::vector<NamedBlob>* blobs) {
    std::vector<unsigned char> bytes;
    std::string err = read_file("/data/mnist.snb", &bytes);   // written by index.html before main
    if (!err.empty()) return "the page did not provide the MNIST bundle";
    return decode_bundle(bytes, blobs);
}

}  // namespace sleepnet::app

// ---- main loop --------------------------------------------------------------------------------------
static GLFWwindow* g_window = nullptr;
static float g_scale = 0;
static double g_canvas_per_css = 1;   // canvas pixels per CSS pixel (the UI scale, after the drawing-buffer cap)
// ---- the on-screen keyboard ----------------------------------------------------------------------------
// A phone shows its keyboard only for a focused text element, and only when a user's gesture focused it. The
// page keeps an invisible <input>: a tap on a text field focuses it inside the touch event (ui_touch.h), and it
// is blurred, hiding the keyboard, when ImGui leaves the field. Phones' keyboards send "Unidentified" keys and
// deliver text as input events (whole words while composing, with corrections), so the page compares the
// input's text with what it had and sends ImGui the difference: backspaces, then characters.
// - Between edits the input holds one sentinel character, the caret after it: a backspace deletes it (an input
//   event, which every keyboard sends; Android's do not name the key), and text typed earlier is never compared
//   again, so a character the field refused cannot put the two out of step. A word being composed stays until the
//   keyboard commits it.
// - Text keys never reach GLFW (that would type twice). The other keys ImGui's fields use (Enter, Escape, Tab,
//   arrows, Home, End, Delete, page up/down, a backspace with a modifier, ctrl/cmd+A/C/X/Y/Z) are queued behind
//   the text typed before them, with the modifiers held when they were pressed: they act in order, each held for
//   exactly one frame, however slow the frames are. A paste into the input (ctrl/cmd+V, or a tablet's paste
//   button) is queued as text. Modifier keys go to GLFW; other keys (F5, ctrl+R, ctrl+F, zoom) keep the browser's
//   default, as they do when no field is open.
// - GLFW never sees the input's blur: GLFW would release every key it holds down (a held shift, re-tapping the
//   field), which only the page losing focus should.
EM_JS(void, js_keyboard_setup, (), {
    var el = document.createElement("input");
    el.id = "sn-keyboard";
    el.type = "text";
    el.setAttribute("autocomplete", "off");
    el.setAttribute("autocapitalize", "off");
    el.setAttribute("autocorrect", "off");
    el.setAttribute("spellcheck", "false");
    el.setAttribute("aria-hidden", "true");
    el.tabIndex = -1;   // 16px: iOS zooms into a field with a smaller font
    el.style.cssText = "position:fixed;left:0;bottom:0;width:1px;height:1px;opacity:0;border:0;padding:0;font-size:16px;";
    document.body.appendChild(el);
    var sentinel = " ", had = sentinel, composing = false;
    var reset = function() {
        el.value = sentinel;
        had = sentinel;
        try { el.setSelectionRange(1, 1); } catch (e) {}
    };
    var sync = function() {
        var now = el.value, p = 0;
        while (p < had.length && p < now.length && had[p] === now[p]) ++p;
        var removed = Array.from(had.slice(p)).length, added = now.slice(p);
        had = now;
        if (removed > 0 || added.length > 0) Module.ccall("sn_keyboard_edit", null, ["number", "string"], [removed, added]);
    };
    el.addEventListener("focus", reset);
    el.addEventListener("compositionstart", function() { composing = true; });
    el.addEventListener("compositionend", function() {
        composing = false;
        setTimeout(function() { if (!composing) { sync(); reset(); } }, 0);   // after the commit's own input event
    });
    el.addEventListener("input", function(e) {
        sync();
        if (!composing && !e.isComposing) reset();
    });
    // Registered before GLFW's listeners (also on window, in the capture phase), so these run first.
    window.addEventListener("blur", function(e) { if (e.target === el) e.stopImmediatePropagation(); }, true);
    // sn_keyboard_key's numbers; a letter chord is sent as its capital's code (GLFW_KEY_A is 'A').
    var queued = {Enter: 1, Escape: 2, Tab: 3, ArrowLeft: 4, ArrowRight: 5, ArrowUp: 6, ArrowDown: 7, Home: 8, End: 9,
                  Delete: 10, PageUp: 11, PageDown: 12, Backspace: 13};
    var mods = function(e) { return (e.shiftKey ? 1 : 0) | (e.ctrlKey ? 2 : 0) | (e.altKey ? 4 : 0) | (e.metaKey ? 8 : 0); };
    window.addEventListener("keypress", function(e) {   // GLFW would type its character
        if (e.target === el) e.stopImmediatePropagation();
    }, true);
    window.addEventListener("keydown", function(e) {   // keyup goes to GLFW: it sees every release, none stays down
        if (e.target !== el) return;
        var chord = (e.ctrlKey || e.metaKey) && !(e.getModifierState && e.getModifierState("AltGraph"));
        var key = e.key || "", letter = Array.from(key).length === 1 ? key.toLowerCase() : "";
        var named = Object.prototype.hasOwnProperty.call(queued, key) ? queued[key] : 0;
        if (composing || e.isComposing || e.keyCode === 229 || key === "Unidentified" || key === "Process" ||
            key === "Dead" || (key === "Backspace" && !chord && !e.altKey) || (letter && !chord)) {
            e.stopImmediatePropagation();   // text: it arrives as an input event
        } else if (named || (chord && letter && "acxyz".indexOf(letter) >= 0)) {
            e.stopImmediatePropagation();
            e.preventDefault();
            Module.ccall("sn_keyboard_key", null, ["number", "number"], [named || letter.toUpperCase().charCodeAt(0), mods(e)]);
        } else if (chord && letter === "v") {
            e.stopImmediatePropagation();   // its default fires the paste event, queued as text
        }
        // Anything else (modifiers, F5, ctrl+R, zoom) goes on to GLFW with its default.
    }, true);
});
EM_JS(void, js_keyboard_open, (int number), {
    var el = document.getElementById("sn-keyboard");
    el.inputMode = number ? "numeric" : "text";
    if (document.activeElement === el) el.blur();   // a keyboard the user closed opens again
    el.focus({preventScroll: true});
});
EM_JS(void, js_keyboard_close, (), {
    var el = document.getElementById("sn-keyboard");
    if (document.activeElement === el) el.blur();
});

// What the keyboard typed, for ImGui one step per frame: a key is held down for one frame and up in the next, with
// the modifiers held when it was pressed (the physical ones may be released by then); text goes with none (a held
// ctrl would make ImGui ignore it).
enum : int { kModShift = 1, kModCtrl = 2, kModAlt = 4, kModSuper = 8 };   // the page's mods()
struct KeyboardStep { int key; int mods; std::string text; };   // key: a GLFW key, or 0 for text
static std::vector<KeyboardStep> g_typed;
static int g_key_held = 0;
static bool g_mods_set = false;    // the last frame's modifiers were a step's, not GLFW's
static int g_keyboard_grace = 0;   // frames left before ImGui must have taken the tapped field (its press and release)

static void keyboard_type(const std::string& text) {
    if (!text.empty()) g_typed.push_back({0, 0, text});
}
extern "C" EMSCRIPTEN_KEEPALIVE void sn_keyboard_edit(int removed, const char* added) {
    for (int i = 0; i < removed; ++i) g_typed.push_back({GLFW_KEY_BACKSPACE, 0, ""});
    if (added) keyboard_type(added);
}
// which: the page's `queued` numbers, or a letter chord's capital ('A' is GLFW_KEY_A).
extern "C" EMSCRIPTEN_KEEPALIVE void sn_keyboard_key(int which, int mods) {
    static const int keys[] = {0, GLFW_KEY_ENTER, GLFW_KEY_ESCAPE, GLFW_KEY_TAB, GLFW_KEY_LEFT, GLFW_KEY_RIGHT,
                               GLFW_KEY_UP, GLFW_KEY_DOWN, GLFW_KEY_HOME, GLFW_KEY_END, GLFW_KEY_DELETE,
                               GLFW_KEY_PAGE_UP, GLFW_KEY_PAGE_DOWN, GLFW_KEY_BACKSPACE};
    static_assert(GLFW_KEY_A == 'A' && GLFW_KEY_Z == 'Z');
    if (which >= 1 && which < static_cast<int>(std::size(keys))) g_typed.push_back({keys[which], mods, ""});
    else if (which >= 'A' && which <= 'Z') g_typed.push_back({which, mods, ""});
}

static void set_modifiers(int mods) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyShift = mods & kModShift; io.KeyCtrl = mods & kModCtrl; io.KeyAlt = mods & kModAlt; io.KeySuper = mods & kModSuper;
}
// The modifiers GLFW holds down (as its ImGui backend sets them on each key event).
static int glfw_modifiers() {
    const bool* d = ImGui::GetIO().KeysDown;
    return (d[GLFW_KEY_LEFT_SHIFT] || d[GLFW_KEY_RIGHT_SHIFT] ? kModShift : 0) |
           (d[GLFW_KEY_LEFT_CONTROL] || d[GLFW_KEY_RIGHT_CONTROL] ? kModCtrl : 0) |
           (d[GLFW_KEY_LEFT_ALT] || d[GLFW_KEY_RIGHT_ALT] ? kModAlt : 0) |
           (d[GLFW_KEY_LEFT_SUPER] || d[GLFW_KEY_RIGHT_SUPER] ? kModSuper : 0);
}

// Ends the last frame's step: its key goes up and GLFW's modifiers return. True if a key was held.
static bool keyboard_end_step() {
    if (g_mods_set) { set_modifiers(glfw_modifiers()); g_mods_set = false; }
    if (!g_key_held) return false;
    ImGui::GetIO().KeysDown[g_key_held] = false;
    g_key_held = 0;
    return true;
}

// Steps go only to a text field that is active (as of the last frame); with none (ImGui left the field, e.g. on the
// Enter queued before them) they are dropped once the tap's grace is over: as characters they would reach the app's
// shortcuts (space plays, r resets).
static void keyboard_to_imgui() {
    ImGuiIO& io = ImGui::GetIO();
    if (keyboard_end_step()) return;   // a key's release takes a frame of its own
    if (g_typed.empty()) return;
    const ImGuiContext& g = *GImGui;
    if (g.ActiveId == 0 || g.ActiveId != g.InputTextState.ID) {
        if (g_keyboard_grace == 0) g_typed.clear();
        return;
    }
    KeyboardStep step = g_typed.front();
    g_typed.erase(g_typed.begin());
    set_modifiers(step.mods);
    g_mods_set = true;
    if (step.key) io.KeysDown[g_key_held = step.key] = true;
    else io.AddInputCharactersUTF8(step.text.c_str());
}

// ImGui left the field (Enter, a tap elsewhere): the keyboard closes, and what is still queued is dropped.
static void keyboard_left_field() {
    keyboard_end_step();
    g_typed.clear();
    js_keyboard_close();
}

static double g_last = 0;

// ---- touch ----------------------------------------------------------------------------------------------
// Emscripten 3.1.6's GLFW turns a touch into a mouse press but never moves the cursor to the finger (it reads
// touch positions only for SDL): a press landed where the previous tap had been, so each tap on a phone also
// clicked the control tapped before it. The page follows the first finger itself and swallows its touch events
// (no mouse events are made from them); ui_touch.cpp turns it into taps, scrolls and drags for ImGui.
static long g_finger_id = -1;   // the finger being followed, or -1

static EM_BOOL on_touch(int type, const EmscriptenTouchEvent* e, void*) {
    for (int i = 0; i < e->numTouches; ++i) {
        const EmscriptenTouchPoint& t = e->touches[i];
        const float x = static_cast<float>(t.targetX * g_canvas_per_css), y = static_cast<float>(t.targetY * g_canvas_per_css);
        if (type == EMSCRIPTEN_EVENT_TOUCHSTART && g_finger_id < 0 && t.isChanged) {
            g_finger_id = t.identifier;
            touch_down(x, y, emscripten_get_now() / 1000.0);
            continue;
        }
        if (t.identifier != g_finger_id) continue;
        touch_move(x, y);
        if ((type == EMSCRIPTEN_EVENT_TOUCHEND || type == EMSCRIPTEN_EVENT_TOUCHCANCEL) && t.isChanged) {
            g_finger_id = -1;
            if (TouchKeyboard k = touch_up(type == EMSCRIPTEN_EVENT_TOUCHCANCEL, emscripten_get_now() / 1000.0); k != TouchKeyboard::None) {   // in the gesture
                js_keyboard_open(k == TouchKeyboard::Number);
                g_keyboard_grace = 4;
            }
        }
    }
    // Handled: no mouse events, no page panning or zooming. (A touchcancel cannot be prevented; trying logs an error.)
    return type != EMSCRIPTEN_EVENT_TOUCHCANCEL;
}
// A real mouse takes the pointer back.
static EM_BOOL on_mouse(int, const EmscriptenMouseEvent*, void*) {
    set_touch_pointer(false);
    return EM_FALSE;
}

static void frame() {
    // The canvas fills the page (CSS); its pixel size follows the CSS size times devicePixelRatio, so the
    // UI is drawn in device pixels and stays crisp. GLFW's mouse coordinates are canvas pixels as well.
    // Browsers cap the drawing buffer (Chromium with software GL at 5760x5760): a larger canvas would be laid out
    // beyond what is drawn. When the buffer comes out smaller than the canvas, its longer side becomes the cap:
    // the canvas keeps the CSS aspect at a lower resolution (in 1/8 steps of the UI scale, so a window being
    // resized does not rebuild the fonts every frame), and the UI scale follows.
    static double cap = 1e9;
    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size("#canvas", &css_w, &css_h);
    const double css_max = std::max(1.0, std::max(css_w, css_h));
    double scale = emscripten_get_device_pixel_ratio();
    int w = 0, h = 0;
    for (int tries = 0; tries < 2; ++tries) {
        if (css_max * scale > cap) scale = std::max(0.125, std::floor(cap / css_max * 8) / 8);
        w = std::max(1, static_cast<int>(std::lround(css_w * scale)));
        h = std::max(1, static_cast<int>(std::lround(css_h * scale)));
        int cur_w = 0, cur_h = 0;
        emscripten_get_canvas_element_size("#canvas", &cur_w, &cur_h);
        if (w == cur_w && h == cur_h) break;
        emscripten_set_canvas_element_size("#canvas", w, h);
        int buffer_w = 0, buffer_h = 0;
        js_drawing_buffer_size(&buffer_w, &buffer_h);
        if (buffer_w <= 0 || (buffer_w >= w && buffer_h >= h)) break;
        cap = std::max(buffer_w, buffer_h);
    }
    g_canvas_per_css = css_w > 0 ? w / css_w : scale;
    const float dpr = static_cast<float>(scale);
    if (dpr != g_scale) {   // first frame, or the page moved to a screen with another pixel ratio
        g_scale = dpr;
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui::GetStyle() = ImGuiStyle();
        app_setup_imgui(dpr);
    }
    double now = emscripten_get_now() / 1000.0;
    double dt = g_last > 0 ? now - g_last : 1.0 / 60;
    g_last = now;

    glfwPollEvents();
    key_trickle_frame();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    touch_to_imgui(emscripten_get_now() / 1000.0);   // after GLFW's backend: the finger instead, while it has the pointer
    keyboard_to_imgui();
    ImGuiIO& io = ImGui::GetIO();
    if (g_keyboard_grace > 0) --g_keyboard_grace;
    else if (!io.WantTextInput) keyboard_left_field();
    io.DisplaySize = ImVec2(static_cast<float>(w), static_cast<float>(h));
    io.DisplayFramebufferScale = ImVec2(1, 1);
    io.DeltaTime = static_cast<float>(std::max(1e-4, dt));
    app_render_frame(w, h, dt);
}

// Emscripten 3.1.6's GLFW hands the browser's raw wheel deltas (pixels, positive = down) to the scroll callback,
// where GLFW and ImGui expect steps with positive = up: one notch scrolled about 100 steps the wrong way. The page
// reads the wheel itself, in steps of 100 pixels, 3 lines or 1 page (as Emscripten's own wheel helper counts them).
static EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
    const double unit = e->deltaMode == DOM_DELTA_PIXEL ? 100 : e->deltaMode == DOM_DELTA_LINE ? 3 : 1;
    ImGuiIO& io = ImGui::GetIO();
    io.MouseWheelH += static_cast<float>(-e->deltaX / unit);
    io.MouseWheel += static_cast<float>(-e->deltaY / unit);
    return EM_TRUE;   // handled: the page behind the canvas does not scroll
}

int main() {
    js_keyboard_setup();   // before GLFW adds its key listeners
    if (!glfwInit()) { std::fprintf(stderr, "sleepnet: GLFW could not start\n"); return 1; }
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    g_window = glfwCreateWindow(1280, 800, "sleepnet", nullptr, nullptr);
    if (!g_window) {
        EM_ASM({ if (Module.showError) Module.showError("WebGL2 could not be started in this browser."); });
        return 1;
    }
    glfwMakeContextCurrent(g_window);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui_ImplGlfw_InitForOpenGL(g_window, true);
    key_trickle_install(g_window);   // after the backend: it feeds the backend
    glfwSetScrollCallback(g_window, nullptr);   // replaced by on_wheel
    ImGui::GetIO().SetClipboardTextFn = [](void*, const char* text) { g_paste = text; js_copy_text(text); };
    ImGui::GetIO().GetClipboardTextFn = [](void*) { return g_paste.c_str(); };
    js_listen_paste();
    ImGui::GetIO().ConfigMacOSXBehaviors = js_is_mac();   // cmd+C, cmd+V, cmd+A in fields on a Mac, as its browser does
    emscripten_set_wheel_callback("#canvas", nullptr, EM_FALSE, on_wheel);
    emscripten_set_touchstart_callback("#canvas", nullptr, EM_FALSE, on_touch);
    emscripten_set_touchmove_callback("#canvas", nullptr, EM_FALSE, on_touch);
    emscripten_set_touchend_callback("#canvas", nullptr, EM_FALSE, on_touch);
    emscripten_set_touchcancel_callback("#canvas", nullptr, EM_FALSE, on_touch);
    emscripten_set_mousemove_callback("#canvas", nullptr, EM_FALSE, on_mouse);
    emscripten_set_mousedown_callback("#canvas", nullptr, EM_FALSE, on_mouse);
    ImGui_ImplOpenGL3_Init("#version 300 es");

    PlatformInfo info;
    info.name = "web";
    char* settings = js_url_settings();
    info.settings = parse_query(settings);
    std::free(settings);
    info.ui_scale = static_cast<float>(emscripten_get_device_pixel_ratio());
    the_app().init(info);
    emscripten_set_main_loop(frame, 0, false);
    return 0;
}
