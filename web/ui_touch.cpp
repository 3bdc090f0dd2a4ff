// sleepnet app: a finger as ImGui's mouse, and scrolling with it (see ui_touch.h).
#define IMGUI_DEFINE_MATH_OPERATORS   // ImVec2 arithmetic
#include "ui_touch.h"

#include <cfloat>
#include <vector>

#include "imgui.h"
#include "imgui_internal.h"

namespace sleepnet::app {

namespace {
// What the finger did since the last frame (written by the platform's event handlers).
struct Finger {
    bool down = false;        // on the screen
    bool started = false;     // came down since the last frame looked
    bool cancelled = false;
    bool far = false;         // moved past the slop since it came down
    ImVec2 start, pos;
    double t0 = 0;            // when it came down
    double t1 = 0;            // when it lifted (a slow frame after a quick tap must not make it a long press)
};
// What ImGui is shown (advanced once per frame by touch_to_imgui).
enum class Mode { Idle, Pending, Pressed, Scrolling };
struct Touch {
    bool finger = false;                  // the pointer is a finger
    Mode mode = Mode::Idle;
    ImVec2 shown;                         // the position ImGui last saw while pressed
    ImGuiWindow* window = nullptr;        // what a scroll moves; chosen in its first frame
    ImVec2 scrolled_to;                   // the finger position the scroll has followed to
    bool held = false;                    // pending, and held still long enough to show a tooltip
    std::vector<ImRect> claims, claims_last;   // drag-owning controls drawn this frame, and in the last
    std::vector<ImRect> fields, fields_last;   // text fields drawn this frame, and in the last
    std::vector<ImRect> digit_fields, digit_fields_last;   // the same for fields that take digits only
};
Finger g_f, g_next;   // g_next: a finger that came down before ImGui was done with the last one
bool g_has_next = false;
Touch g_t;

constexpr double kHoldSeconds = 0.4;
const ImVec2 kNowhere(-FLT_MAX, -FLT_MAX);

float slop() { return 0.6f * ImGui::GetFontSize(); }   // about 9 CSS pixels at any UI scale

bool inside(const std::vector<ImRect>& rects, ImVec2 p) {
    for (const ImRect& r : rects)
        if (r.Contains(p)) return true;
    return false;
}

void claim(std::vector<ImRect>* rects, ImRect r) {
    r.ClipWith(ImGui::GetCurrentWindow()->ClipRect);   // the part that is on screen
    if (r.GetWidth() > 0 && r.GetHeight() > 0) rects->push_back(r);
}

// A window scrolls along an axis where it shows a scrollbar (a box whose content overflows a little, with its
// scrollbar turned off, is not meant to scroll).
bool scrolls_x(const ImGuiWindow* w) { return w->ScrollbarX && w->ScrollMax.x > 0; }
bool scrolls_y(const ImGuiWindow* w) { return w->ScrollbarY && w->ScrollMax.y > 0; }

// The window a finger that came down on `w` scrolls: `w` or the nearest parent that scrolls (a child window that
// does not passes the drag on; a popup does not pass it to the page behind it).
ImGuiWindow* scroll_target(ImGuiWindow* w) {
    while (w && !scrolls_x(w) && !scrolls_y(w) && (w->Flags & ImGuiWindowFlags_ChildWindow)) w = w->ParentWindow;
    return w && (scrolls_x(w) || scrolls_y(w)) ? w : nullptr;
}
}  // namespace

// ---- platform --------------------------------------------------------------------------------------------
void touch_down(float x, float y, double now_s) {
    Finger f;
    f.down = f.started = true;
    f.start = f.pos = ImVec2(x, y);
    f.t0 = now_s;
    if (g_t.mode == Mode::Idle && !g_f.started) g_f = f;
    else { g_next = f; g_has_next = true; }   // the last finger's lift has not been shown yet
    g_t.finger = true;
}

void touch_move(float x, float y) {
    Finger& f = g_has_next ? g_next : g_f;
    f.pos = ImVec2(x, y);
    if (ImLengthSqr(f.pos - f.start) > slop() * slop()) f.far = true;
}

TouchKeyboard touch_up(bool cancelled, double now_s) {
    Finger& f = g_has_next ? g_next : g_f;
    f.down = false;
    f.cancelled = cancelled;
    f.t1 = now_s;
    if (cancelled || f.far || f.t1 - f.t0 >= kHoldSeconds) return TouchKeyboard::None;   // not a tap
    if (inside(g_t.digit_fields_last, f.start)) return TouchKeyboard::Number;
    return inside(g_t.fields_last, f.start) ? TouchKeyboard::Text : TouchKeyboard::None;
}

void set_touch_pointer(bool finger) { g_t.finger = finger; }
bool touch_pointer() { return g_t.finger; }

void touch_to_imgui(double now_s) {
    if (!g_t.finger) return;
    ImGuiIO& io = ImGui::GetIO();
    for (bool& b : io.MouseDown) b = false;
    io.MousePos = kNowhere;
    Finger& f = g_f;
    if (g_t.mode == Mode::Idle) {
        if (!f.started && g_has_next) { g_f = g_next; g_has_next = false; }
        if (!f.started) return;
        f.started = false;
        g_t.mode = inside(g_t.claims_last, f.start) ? Mode::Pressed : Mode::Pending;
        g_t.held = false;
        if (g_t.mode == Mode::Pressed) {   // a slider or the pad: dragged at once
            io.MouseDown[0] = true;
            io.MousePos = g_t.shown = f.start;
            return;
        }
    }
    switch (g_t.mode) {
    case Mode::Pending:
        if (f.cancelled) { g_t.mode = Mode::Idle; return; }
        if (f.far) {   // a scroll: this frame finds the window under where it came down (touch_scroll)
            g_t.mode = Mode::Scrolling;
            g_t.window = nullptr;
            g_t.scrolled_to = f.start;
            io.MousePos = f.start;
            return;
        }
        g_t.held = (f.down ? now_s : f.t1) - f.t0 >= kHoldSeconds;
        if (!f.down && !g_t.held) {   // a tap: pressed here, released in the next frame
            g_t.mode = Mode::Pressed;
            io.MouseDown[0] = true;
            io.MousePos = g_t.shown = f.start;
            return;
        }
        if (!f.down) { g_t.mode = Mode::Idle; return; }   // a long press lifted: it showed a tooltip, it presses nothing
        io.MousePos = f.start;   // hovering; a tooltip once held (touch_hides_tooltips)
        return;
    case Mode::Pressed:
        if (f.cancelled) { g_t.mode = Mode::Idle; return; }   // released where no control is
        if (f.down || g_t.shown.x != f.pos.x || g_t.shown.y != f.pos.y) {   // a lift waits a frame at the last place
            io.MouseDown[0] = true;
            io.MousePos = g_t.shown = f.pos;
            return;
        }
        io.MousePos = f.pos;   // released here: a control under it is clicked
        g_t.mode = Mode::Idle;
        return;
    case Mode::Scrolling:
        io.MousePos = g_t.window ? kNowhere : f.start;
        return;
    case Mode::Idle:
        return;
    }
}

// ---- the app ---------------------------------------------------------------------------------------------
void claim_touch_drag() { claim(&g_t.claims, ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax())); }

void claim_touch_text(float width, bool number) {
    ImRect r(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    r.Max.x = ImMin(r.Max.x, r.Min.x + width);
    claim(number ? &g_t.digit_fields : &g_t.fields, r);
}

bool touch_hides_tooltips() {
    return g_t.finger && ((g_t.mode == Mode::Pending && !g_t.held) || g_t.mode == Mode::Scrolling);
}

void touch_scroll() {
    g_t.claims_last.swap(g_t.claims);
    g_t.claims.clear();
    g_t.fields_last.swap(g_t.fields);
    g_t.fields.clear();
    g_t.digit_fields_last.swap(g_t.digit_fields);
    g_t.digit_fields.clear();
    if (g_t.mode != Mode::Scrolling) return;
    ImGuiContext& g = *GImGui;
    if (!g_t.window) g_t.window = scroll_target(g.HoveredWindow);   // the first scrolling frame hovers the start
    const Finger& f = g_f;
    if (ImGuiWindow* w = g_t.window) {
        const ImVec2 d = f.pos - g_t.scrolled_to;
        if (scrolls_x(w)) ImGui::SetScrollX(w, w->Scroll.x - d.x);
        if (scrolls_y(w)) ImGui::SetScrollY(w, w->Scroll.y - d.y);
    }
    g_t.scrolled_to = f.pos;
    if (!f.down) g_t.mode = Mode::Idle;
}

}  // namespace sleepnet::app
