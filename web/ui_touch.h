// sleepnet app: scrolling with a finger. ImGui 1.86 scrolls only with the wheel and the scrollbars, so on a phone a
// drag across the page did nothing, or pressed what it began on. Here a finger that moves past ImGui's drag
// threshold scrolls the window it came down in (the page, or a child that scrolls), as phones do. A control that
// uses drags itself (a slider, the drawing pad, a scrollbar) keeps them: it calls claim_touch_drag() after it is
// drawn. The platform says whether the pointer is a finger (the browser's touch events; the desktop never does).
#pragma once

namespace sleepnet::app {

void set_touch_pointer(bool finger);   // platform, before the frame: the pointer's press came from a finger
bool touch_pointer();
bool touch_scrolling();                // a finger is scrolling (tooltips stay hidden)
void claim_touch_drag();               // right after a widget that uses drags: while it is active it keeps them
void touch_scroll();                   // once per frame, after every widget was drawn (app_render_frame)

}  // namespace sleepnet::app
