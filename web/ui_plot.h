// sleepnet app: a small line-plot widget drawn with ImGui's draw lists (curves, shaded spans, marks).
#pragma once
#include <string>
#include <vector>

#include "imgui.h"

namespace sleepnet { class Experiment; }

namespace sleepnet::app {

// The twins' fixed colours (colour-blind-safe pair, as in shaders/raster.vert.glsl): blue sleeps.
inline const ImU32 kTwinColor[2] = {IM_COL32(69, 140, 240, 255), IM_COL32(245, 140, 41, 255)};
inline const ImU32 kSleepBand = IM_COL32(69, 140, 240, 40);
// A run's colour follows its meaning, not its slot: blue sleeps, orange does not.
inline ImU32 run_color(const std::string& label) {
    return label.find("without") != std::string::npos || label == "sequential" ? kTwinColor[1] : kTwinColor[0];
}

struct PlotSeries {
    std::string label;
    ImU32 color = 0;
    std::vector<float> x, y;
    bool dots = false;        // draw points instead of a line
    bool hold_last = false;   // the last value holds to the plot's right edge (until the next measurement)
};
struct PlotBand { float x0, x1; ImU32 color; };   // e.g. sleep periods
struct PlotMark { float x; std::string label; };  // e.g. task boundaries

struct PlotSpec {
    const char* id = "plot";
    const char* title = "";
    ImVec2 size = ImVec2(300, 150);
    float x0 = 0, x1 = 1, y0 = 0, y1 = 1;
    const char* y_format = "%.2f";
    bool legend = false;
    float chance = -1;        // a dashed reference line (e.g. 0.5 = chance), < 0 for none
    const char* x_unit = nullptr;   // if set, the x axis's ends are labelled below it in whole units: "0", "aeon 340"
    float x_per_unit = 1;           // x per unit (> 0)
};

// Draws the plot at the cursor; hovering shows the nearest value of each series.
void line_plot(const PlotSpec& spec, const std::vector<PlotSeries>& series, const std::vector<PlotBand>& bands,
               const std::vector<PlotMark>& marks);

// A legend row: coloured squares with labels.
void legend(const std::vector<std::pair<std::string, ImU32>>& items);
// The legend of an experiment's runs, with the sleep band's entry where a run sleeps.
void run_legend(const Experiment& e);

// Tooltip helper: a (?) marker, or the last item, shows `text` on hover.
void help_marker(const char* text);
void item_tooltip(const char* text);
// Greyed text wrapped at the window's edge (ImGui::TextDisabled does not wrap).
void text_disabled_wrapped(const char* text);
// A help text with its line breaks (made for a desktop tooltip) turned into spaces, to be wrapped to the room there is.
std::string reflowed(const char* text);
// Continues on the last item's line (`spacing` after it; < 0: the style's) when an item next_width wide still fits
// in the window there, else on a new line.
void same_line_if_room(float next_width, float spacing = -1.0f);
// The same for a group `content_width` wide under a one-line title (as wide as the wider of the two).
void same_line_if_room(float content_width, const std::string& title);

}  // namespace sleepnet::app
