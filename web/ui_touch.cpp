// sleepnet app: scrolling with a finger (see ui_touch.h).
#include "ui_touch.h"

#include "imgui.h"
#include "imgui_internal.h"

namespace sleepnet::app {

namespace {
struct TouchDrag {
    bool finger = false;              // the pointer is a finger
    ImGuiWindow* window = nullptr;    // what the finger scrolls, chosen where it came down
    bool scrolling = false;           // the drag passed the threshold and scrolls
    ImGuiID claimed = 0;              // the active control that keeps its drags (claim_touch_drag, this frame)
};
TouchDrag g_drag;

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

void set_touch_pointer(bool finger) { g_drag.finger = finger; }
bool touch_pointer() { return g_drag.finger; }
bool touch_scrolling() { return g_drag.scrolling; }

void claim_touch_drag() {
    if (ImGui::IsItemActive()) g_drag.claimed = ImGui::GetItemID();
}

void touch_scroll() {
    ImGuiContext& g = *GImGui;
    const ImGuiIO& io = g.IO;
    const ImGuiID claimed = g_drag.claimed;
    g_drag.claimed = 0;
    if (!g_drag.finger || !io.MouseDown[0]) { g_drag.window = nullptr; g_drag.scrolling = false; return; }
    if (io.MouseClicked[0]) { g_drag.window = scroll_target(g.HoveredWindow); g_drag.scrolling = false; }
    ImGuiWindow* w = g_drag.window;
    if (!w) return;
    if (!g_drag.scrolling) {
        if (!ImGui::IsMouseDragging(ImGuiMouseButton_Left)) return;   // until then it may be a tap
        const ImGuiID a = g.ActiveId;
        const bool kept = a != 0 && (a == claimed || (g.ActiveIdWindow && (a == ImGui::GetWindowScrollbarID(g.ActiveIdWindow, ImGuiAxis_X) ||
                                                                          a == ImGui::GetWindowScrollbarID(g.ActiveIdWindow, ImGuiAxis_Y))));
        if (kept) { g_drag.window = nullptr; return; }
        g_drag.scrolling = true;
        if (a != 0) ImGui::ClearActiveID();   // the button the drag began on is not pressed when the finger lifts
    }
    if (scrolls_x(w)) ImGui::SetScrollX(w, w->Scroll.x - io.MouseDelta.x);
    if (scrolls_y(w)) ImGui::SetScrollY(w, w->Scroll.y - io.MouseDelta.y);
}

}  // namespace sleepnet::app
