// sleepnet app: a finger as ImGui's mouse, and scrolling with it. ImGui 1.86 has no touch input: it scrolls only
// with the wheel and the scrollbars, and presses a control the moment the mouse goes down.
//
// A finger that comes down is not pressed at once (as on a phone). It becomes:
// - a tap, when it lifts before it moves or is held: a press and a release where it came down;
// - a scroll, when it moves past a few pixels first: the window it came down in (the page, or a child that
//   scrolls) follows it, and no control is pressed (a drag from a button, or a header's arrow, presses nothing);
// - a long press, when it is held still for 0.4 s: it shows the control's tooltip and presses nothing.
// Controls that use drags (a slider, the drawing pad) are pressed at once instead: they call claim_touch_drag()
// after they are drawn, and a finger that comes down on one in the next frame drags it. ImGui sees at most one
// change per frame, so a flick shorter than a frame still scrolls, and a tap still clicks.
// A cancelled touch (the browser took the gesture) presses nothing, and releases a pressed control away from it.
// A tap on a text field (claim_touch_text) also opens the phone's on-screen keyboard: the platform must do that
// inside the touch event itself (a phone shows its keyboard only for a focus the user's gesture made).
#pragma once

namespace sleepnet::app {

// ---- platform (the browser's touch events; the desktop never calls these) ----
void touch_down(float x, float y, double now_s);   // the followed finger came down (canvas pixels)
void touch_move(float x, float y);
// The keyboard a tap on a text field asks for (open it now, in the touch event): none, text, or digits only.
enum class TouchKeyboard { None, Text, Number };
TouchKeyboard touch_up(bool cancelled, double now_s);
void set_touch_pointer(bool finger);   // false: a real mouse moved, and has the pointer back
bool touch_pointer();
// After the platform's ImGui backend wrote its mouse state, before ImGui::NewFrame: the finger instead.
void touch_to_imgui(double now_s);

// ---- the app ----
void claim_touch_drag();       // right after a widget that uses drags: a finger on it presses it at once
// Right after a text field: its first `width` pixels take a tap; `number`: a field that takes digits only (a phone
// then shows its digit keyboard, so no letter the field would refuse is typed).
void claim_touch_text(float width, bool number = false);
bool touch_hides_tooltips();   // a finger that may still become a tap or a scroll, or scrolls: no tooltips
void touch_scroll();           // once per frame, after every widget was drawn (app_render_frame)

}  // namespace sleepnet::app
