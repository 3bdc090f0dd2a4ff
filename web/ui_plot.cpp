// sleepnet app: line plots, legends and tooltips.
#include "ui_plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "experiment.h"
#include "imgui_internal.h"   // ImGui::RenderTextEllipsis
#include "plot_bands.h"
#include "ui_touch.h"

namespace sleepnet::app {

// x in the caller's unit, whole units done (floor), as "1,234,567"; 0 for a unit that is not positive.
static std::string whole_units(float x, float per_unit) {
    const double v = per_unit > 0 ? std::floor(std::clamp(static_cast<double>(x) / per_unit, 0.0, 1e15)) : 0.0;
    const std::string d = std::to_string(static_cast<long long>(v));
    std::string out;
    for (size_t i = 0; i < d.size(); ++i) {
        if (i && (d.size() - i) % 3 == 0) out += ',';
        out += d[i];
    }
    return out;
}

void line_plot(const PlotSpec& sp, const std::vector<PlotSeries>& series, const std::vector<PlotBand>& bands,
               const std::vector<PlotMark>& marks) {
    ImGui::PushID(sp.id);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    char buf[32];
    std::snprintf(buf, sizeof buf, sp.y_format, sp.y1);   // the widest y label ("100%" or "1.00")
    const float pad_l = std::max(ImGui::CalcTextSize("0.00").x, ImGui::CalcTextSize(buf).x) + 6,
                pad_b = sp.x_unit ? ImGui::GetTextLineHeight() + 2 : 4, title_h = ImGui::GetTextLineHeight() + 2;
    ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImVec2 size(std::max(60.0f, sp.size.x), std::max(40.0f, sp.size.y));
    ImGui::InvisibleButton("area", size);
    const bool hovered = ImGui::IsItemHovered() && !touch_hides_tooltips();
    ImVec2 a(p0.x + pad_l, p0.y + title_h), b(p0.x + size.x - 4, p0.y + size.y - pad_b);
    // A title longer than its plot ends in "..." at the plot's edge (side by side, it ran into the next plot).
    ImGui::RenderTextEllipsis(dl, ImVec2(a.x, p0.y), ImVec2(b.x, a.y), b.x, b.x, sp.title, nullptr, nullptr);
    dl->AddRectFilled(a, b, IM_COL32(22, 24, 28, 255));
    const float xr = sp.x1 > sp.x0 ? sp.x1 - sp.x0 : 1, yr = sp.y1 > sp.y0 ? sp.y1 - sp.y0 : 1;
    auto X = [&](float x) { return a.x + (x - sp.x0) / xr * (b.x - a.x); };
    auto Y = [&](float y) { return b.y - (y - sp.y0) / yr * (b.y - a.y); };
    dl->PushClipRect(a, b, true);
    // Each pixel column shaded once (plot_bands.h): overlapping translucent naps stacked into an opaque block.
    std::vector<PixelSpan> spans;
    spans.reserve(bands.size());
    for (auto& band : bands) spans.push_back({X(band.x0), X(band.x1), band.color});
    for (auto& s : merged_spans(std::move(spans))) dl->AddRectFilled(ImVec2(s.x0, a.y), ImVec2(s.x1, b.y), s.color);
    for (int g = 0; g <= 4; ++g) {  // grid and y labels
        float y = sp.y0 + yr * g / 4;
        dl->AddLine(ImVec2(a.x, Y(y)), ImVec2(b.x, Y(y)), IM_COL32(255, 255, 255, 18));
    }
    if (sp.chance >= sp.y0 && sp.chance <= sp.y1)
        for (float x = a.x; x < b.x; x += 8) dl->AddLine(ImVec2(x, Y(sp.chance)), ImVec2(std::min(x + 4, b.x), Y(sp.chance)), IM_COL32(200, 200, 200, 90));
    // Labels that would overlap the previous one, or not fit before the plot's edge (a task just begun), are left
    // out; their lines stay.
    float label_end = -1e30f;
    for (auto& m : marks) {
        dl->AddLine(ImVec2(X(m.x), a.y), ImVec2(X(m.x), b.y), IM_COL32(220, 220, 220, 70));
        const float w = ImGui::CalcTextSize(m.label.c_str()).x;
        if (X(m.x) + 2 < label_end || X(m.x) + 2 + w > b.x) continue;
        dl->AddText(ImVec2(X(m.x) + 2, a.y), IM_COL32(220, 220, 220, 150), m.label.c_str());
        label_end = X(m.x) + 2 + w + 4;
    }
    for (auto& s : series) {
        size_t n = std::min(s.x.size(), s.y.size());
        if (s.dots) {
            for (size_t i = 0; i < n; ++i) if (!std::isnan(s.y[i])) dl->AddCircleFilled(ImVec2(X(s.x[i]), Y(s.y[i])), 3.0f, s.color);
            continue;
        }
        // Steps: a value holds until the next measurement (a waiting twin's curve stays flat).
        for (size_t i = 1; i < n; ++i) {
            if (std::isnan(s.y[i - 1]) || std::isnan(s.y[i])) continue;
            dl->AddLine(ImVec2(X(s.x[i - 1]), Y(s.y[i - 1])), ImVec2(X(s.x[i]), Y(s.y[i - 1])), s.color, 2.0f);
            dl->AddLine(ImVec2(X(s.x[i]), Y(s.y[i - 1])), ImVec2(X(s.x[i]), Y(s.y[i])), s.color, 2.0f);
        }
        if (n == 1 && !std::isnan(s.y[0])) dl->AddCircleFilled(ImVec2(X(s.x[0]), Y(s.y[0])), 2.5f, s.color);
        // Else the last value (a task's exact evaluation, while its twin evaluates) showed only as a step at the edge.
        if (s.hold_last && n > 0 && !std::isnan(s.y[n - 1]))
            dl->AddLine(ImVec2(X(s.x[n - 1]), Y(s.y[n - 1])), ImVec2(X(sp.x1), Y(s.y[n - 1])), s.color, 2.0f);
    }
    dl->PopClipRect();
    for (int g = 0; g <= 4; g += 2) {
        float y = sp.y0 + yr * g / 4;
        std::snprintf(buf, sizeof buf, sp.y_format, y);
        dl->AddText(ImVec2(p0.x, Y(y) - ImGui::GetTextLineHeight() / 2), IM_COL32(180, 180, 180, 200), buf);
    }
    if (sp.x_unit) {   // the x axis's ends, "0" and "aeon 340", in the caller's unit; what does not fit is left out
        const ImU32 c = IM_COL32(180, 180, 180, 200);
        const std::string lo = whole_units(sp.x0, sp.x_per_unit), num = whole_units(sp.x1, sp.x_per_unit);
        std::string hi = std::string(sp.x_unit) + " " + num;
        if (ImGui::CalcTextSize(hi.c_str()).x > b.x - a.x) hi = num;
        const float w_hi = ImGui::CalcTextSize(hi.c_str()).x, w_lo = ImGui::CalcTextSize(lo.c_str()).x;
        if (w_hi <= b.x - a.x) dl->AddText(ImVec2(b.x - w_hi, b.y + 1), c, hi.c_str());
        if (a.x + w_lo + 8 <= b.x - w_hi) dl->AddText(ImVec2(a.x, b.y + 1), c, lo.c_str());
    }
    if (hovered && !series.empty()) {
        float mx = sp.x0 + (ImGui::GetIO().MousePos.x - a.x) / std::max(1.0f, b.x - a.x) * xr;
        dl->AddLine(ImVec2(ImGui::GetIO().MousePos.x, a.y), ImVec2(ImGui::GetIO().MousePos.x, b.y), IM_COL32(255, 255, 255, 60));
        ImGui::BeginTooltip();
        if (sp.x_unit)
            ImGui::TextDisabled("%s %s", sp.x_unit, whole_units(mx, sp.x_per_unit).c_str());
        for (auto& s : series) {
            size_t n = std::min(s.x.size(), s.y.size());
            if (!n) continue;
            size_t best = 0;
            for (size_t i = 1; i < n; ++i) if (std::fabs(s.x[i] - mx) < std::fabs(s.x[best] - mx)) best = i;
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(s.color), "%s: ", s.label.c_str());
            ImGui::SameLine(0, 0);
            ImGui::Text(sp.y_format, s.y[best]);
        }
        ImGui::EndTooltip();
    }
    if (sp.legend) {
        std::vector<std::pair<std::string, ImU32>> items;
        for (auto& s : series) items.push_back({s.label, s.color});
        legend(items);
    }
    ImGui::PopID();
}

void legend(const std::vector<std::pair<std::string, ImU32>>& items) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float h = ImGui::GetTextLineHeight();
    for (size_t i = 0; i < items.size(); ++i) {
        // On one line while the entries fit; a narrow screen (280 pixels) takes them on the next.
        if (i) same_line_if_room(h * 0.7f + 2 + ImGui::CalcTextSize(items[i].first.c_str()).x, 14);
        ImVec2 p = ImGui::GetCursorScreenPos();
        dl->AddRectFilled(ImVec2(p.x, p.y + h * 0.2f), ImVec2(p.x + h * 0.6f, p.y + h * 0.8f), items[i].second);
        ImGui::Dummy(ImVec2(h * 0.7f, h));
        ImGui::SameLine(0, 2);
        ImGui::TextUnformatted(items[i].first.c_str());
    }
}

void item_tooltip(const char* text) {
    if (!ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled) || touch_hides_tooltips()) return;   // none under a finger that may scroll
    // The help texts break their lines for a desktop window; on a narrower screen they ran off its edge: there
    // the text is reflowed and wrapped at the screen's width.
    const ImGuiStyle& st = ImGui::GetStyle();
    const float room = ImGui::GetIO().DisplaySize.x - 2 * (st.WindowPadding.x + st.DisplaySafeAreaPadding.x);
    ImGui::BeginTooltip();
    if (ImGui::CalcTextSize(text).x <= room) {
        ImGui::TextUnformatted(text);
    } else {
        ImGui::PushTextWrapPos(st.WindowPadding.x + std::max(1.0f, room));   // window-local
        ImGui::TextUnformatted(reflowed(text).c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::EndTooltip();
}

std::string reflowed(const char* text) {
    std::string s(text);
    std::replace(s.begin(), s.end(), '\n', ' ');
    return s;
}

void help_marker(const char* text) {
    ImGui::SameLine();
    ImGui::TextDisabled("(?)");
    item_tooltip(text);
}

void text_disabled_wrapped(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
}

void same_line_if_room(float next_width, float spacing) {
    const float x = ImGui::GetItemRectMax().x + (spacing < 0 ? ImGui::GetStyle().ItemSpacing.x : spacing);
    if (x + next_width <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine(0, spacing);
}

void same_line_if_room(float content_width, const std::string& title) {
    same_line_if_room(std::max(content_width, ImGui::CalcTextSize(title.c_str()).x));
}

void run_legend(const Experiment& e) {
    std::vector<std::pair<std::string, ImU32>> items;
    bool any_sleep = false;
    for (int i = 0; i < e.run_count(); ++i) {
        items.push_back({e.run_label(i), run_color(e.run_label(i))});
        any_sleep = any_sleep || e.run(i).has_sleep();
    }
    if (any_sleep) items.push_back({"sleep", kSleepBand});
    legend(items);
}

}  // namespace sleepnet::app
