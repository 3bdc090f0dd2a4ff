// sleepnet app: the digits views. Every view shows both twins (blue: with sleep, orange: without).
//   curves per task, accuracy matrix, confusion matrix, current digit + guess, receptive fields,
//   sleep raster + layer rates, and the draw-a-digit pad.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app.h"
#include "digits/digits_run.h"
#include "help_text.h"
#include "imgui.h"
#include "panels.h"
#include "ui_plot.h"
#include "ui_touch.h"

namespace sleepnet::app {

static ImTextureID tex(const Heatmap& h) { return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(h.texture())); }

// Draws a heatmap image with each cell's value written on it (for small matrices).
static void matrix_image(Heatmap& hm, const std::vector<float>& v, int rows, int cols, float side, bool numbers) {
    hm.update(v.data(), cols, rows, 0.0f, 1.0f, ColorMap::Sequential);
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Image(tex(hm), ImVec2(side, side * rows / cols));
    float cw = side / cols, ch = side * rows / cols / rows;
    // Numbers only where "100" fits in a cell with a margin (on a narrow window they ran into each other).
    if (!numbers || cw < ImGui::CalcTextSize("100").x + 4) return;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            float x = v[r * cols + c];
            if (std::isnan(x)) continue;
            char b[8];
            std::snprintf(b, sizeof b, "%.0f", 100 * x);
            ImVec2 ts = ImGui::CalcTextSize(b);
            dl->AddText(ImVec2(p.x + c * cw + (cw - ts.x) / 2, p.y + r * ch + (ch - ts.y) / 2), x > 0.6f ? IM_COL32(0, 0, 0, 230) : IM_COL32(255, 255, 255, 230), b);
        }
}

static void curves(App& app, float width) {
    const Recorder& rec = app.recorder_;
    Experiment& e = app.exp_;
    if (rec.runs().empty()) return;
    int tasks = static_cast<int>(rec.runs()[0].per_task.size());
    if (tasks == 0) { text_disabled_wrapped("(curves appear after the first evaluation)"); return; }
    int per_row = std::max(1, std::min(tasks, static_cast<int>(width / (14 * ImGui::GetFontSize()))));
    float w = width / per_row - ImGui::GetStyle().ItemSpacing.x;
    float x1 = std::max(1.0f, rec.clock());
    std::vector<PlotMark> marks;
    for (auto& m : rec.task_marks()) marks.push_back({m.first, m.second});
    std::vector<PlotBand> bands;
    for (auto& s : rec.runs()[0].sleep) bands.push_back({s.first, s.second, kSleepBand});
    const auto* d0 = e.run(0).digits();
    for (int t = 0; t < tasks; ++t) {
        if (t % per_row) ImGui::SameLine();
        std::vector<PlotSeries> series;
        for (int i = 0; i < e.run_count(); ++i) {
            const auto& c = rec.runs()[i].per_task[t];
            // In percent, as the headline and the accuracy matrix (the curves read 0.75 beside a matrix's 84).
            std::vector<float> pct(c.y);
            for (float& y : pct) y *= 100.0f;
            series.push_back({e.run_label(i), run_color(e.run_label(i)), c.x, std::move(pct), false, true});
        }
        std::string title = "task " + std::to_string(t + 1) + " (";
        for (int k : d0->tasks().classes[t]) title += std::to_string(k);
        title += ")";
        PlotSpec sp;
        sp.id = title.c_str();
        sp.title = title.c_str();
        sp.size = ImVec2(w, 8 * ImGui::GetFontSize());
        sp.x1 = x1;
        sp.y1 = 100;
        sp.y_format = "%.0f%%";
        line_plot(sp, series, bands, t == 0 ? marks : std::vector<PlotMark>{});
    }
    item_tooltip(help::kCurves);
}

// A matrix's title in the run's colour: on one line where it fits in `side`, else the run on a second line (on a
// phone, "accuracy matrix, without sleep" was wider than the matrix and pushed its neighbour to the next row).
// All titles take two lines if one does, so the matrices of a row stay level.
static void matrix_title(const char* what, const std::string& run, bool two_lines) {
    const ImVec4 c = ImGui::ColorConvertU32ToFloat4(run_color(run));
    if (two_lines) ImGui::TextColored(c, "%s\n%s", what, run.c_str());
    else ImGui::TextColored(c, "%s, %s", what, run.c_str());
}

static void matrices(App& app, float width) {
    static Heatmap acc[2], conf[2];
    Experiment& e = app.exp_;
    // Each twin's accuracy and confusion matrix, as many to a row as fit at 8 em or more (at most 14 em each), and
    // as wide as the row allows: on a 390-pixel phone two to a row, 176 pixels each, wide enough for the numbers
    // (one to a row at 8 em left 250 pixels empty beside each, and the cells too small for them).
    const float em = ImGui::GetFontSize(), gap = ImGui::GetStyle().ItemSpacing.x;
    const int views = 2 * e.run_count();
    int per_row = views;
    while (per_row > 1 && (width - (per_row - 1) * gap) / per_row < 8 * em) --per_row;
    const float side = std::max(1.0f, std::min((width - (per_row - 1) * gap) / per_row, 14 * em));
    bool two_lines = false;
    for (int i = 0; i < e.run_count(); ++i)
        two_lines = two_lines || ImGui::CalcTextSize(("accuracy matrix, " + e.run_label(i)).c_str()).x > side;
    int k = 0;
    auto place = [&] { if (k++ % per_row) ImGui::SameLine(); };
    for (int i = 0; i < e.run_count(); ++i) {
        auto* d = e.run(i).digits();
        const auto& R = d->accuracy();
        place();
        ImGui::BeginGroup();
        matrix_title("accuracy matrix", e.run_label(i), two_lines);
        std::vector<float> v(R.r.begin(), R.r.end());
        if (R.tasks) matrix_image(acc[i % 2], v, R.tasks, R.tasks, side, R.tasks <= 10);
        item_tooltip(help::kAccMatrix);
        ImGui::EndGroup();
    }
    for (int i = 0; i < e.run_count(); ++i) {
        auto* d = e.run(i).digits();
        const auto& C = d->confusion();
        place();
        ImGui::BeginGroup();
        matrix_title("confusion", e.run_label(i), two_lines);
        int n = C.classes;
        std::vector<float> v(static_cast<size_t>(n) * n, std::nanf(""));
        for (int r = 0; r < n; ++r) {
            int64_t row = 0;
            for (int c = 0; c < n; ++c) row += C.counts[r * n + c];
            if (row) for (int c = 0; c < n; ++c) v[r * n + c] = static_cast<float>(C.counts[r * n + c]) / row;
        }
        if (n) matrix_image(conf[i % 2], v, n, n, side, false);
        item_tooltip(help::kConfusion);
        ImGui::EndGroup();
    }
}

static void current_digit(App& app) {
    static Heatmap img;
    Experiment& e = app.exp_;
    auto* d = e.run(0).digits();
    int idx = d->current_image();
    ImGui::BeginGroup();
    ImGui::TextDisabled("now training on");
    const auto& tr = d->data().train;
    if (idx >= 0 && idx < tr.size()) {
        std::vector<float> px(tr.pixel_count());
        for (int k = 0; k < tr.pixel_count(); ++k) px[k] = tr.image(idx)[k] / 255.0f;
        img.update(px.data(), tr.cols, tr.rows, 0, 1, ColorMap::Gray);
        ImGui::Image(tex(img), ImVec2(6 * ImGui::GetFontSize(), 6 * ImGui::GetFontSize()));
        ImGui::Text("label %d", d->current_label());
        for (int i = 0; i < e.run_count(); ++i) {
            auto* r = e.run(i).digits();
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(run_color(e.run_label(i))), "guess %d", r->current_guess());
        }
    } else {
        ImGui::TextDisabled("(not training)");
    }
    ImGui::EndGroup();
    item_tooltip(help::kCurrentDigit);
}

static void receptive_fields(App& app) {
    static Heatmap rf[2];
    Experiment& e = app.exp_;
    for (int i = 0; i < e.run_count(); ++i) {
        const auto& w = e.run(i).digits()->weights();
        if (w.W.empty() || w.sizes[0] != 784) continue;
        const int tiles = 4, side = 28, gap = 1, n = tiles * (side + gap) - gap;
        std::vector<float> m(static_cast<size_t>(n) * n, std::nanf(""));
        for (int t = 0; t < tiles * tiles && t < w.sizes[1]; ++t) {
            float mx = 1e-9f;
            for (int k = 0; k < 784; ++k) mx = std::max(mx, std::fabs(w.at(0, t, k)));
            int ox = (t % tiles) * (side + gap), oy = (t / tiles) * (side + gap);
            for (int y = 0; y < side; ++y)
                for (int x = 0; x < side; ++x) m[(oy + y) * n + ox + x] = 0.5f + 0.5f * w.at(0, t, y * side + x) / mx;
        }
        rf[i % 2].update(m.data(), n, n, 0, 1, ColorMap::Diverging);
        same_line_if_room(9 * ImGui::GetFontSize(), "first-layer weights");
        ImGui::BeginGroup();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(run_color(e.run_label(i))), "first-layer weights");
        ImGui::Image(tex(rf[i % 2]), ImVec2(9 * ImGui::GetFontSize(), 9 * ImGui::GetFontSize()));
        item_tooltip(help::kReceptive);
        ImGui::EndGroup();
    }
}

// The sleep raster: every spike of the last SpikeRing::kSteps sleep steps of the first (sleeping) network.
static void sleep_raster(App& app, float width) {
    static Raster raster;
    Experiment& e = app.exp_;
    auto* d = e.run(0).digits();
    const digits::SrcSleep* sl = d->sleep();
    const auto& sizes = d->weights().sizes;
    const int L = static_cast<int>(sizes.size());
    const SpikeRing& ring = app.sleep_spikes_;
    text_disabled_wrapped(("sleep raster, " + e.run_label(0) + ": the last " + std::to_string(SpikeRing::kSteps) + " steps").c_str());
    item_tooltip(help::kRaster);
    std::vector<float> xs, ys;
    std::vector<uint8_t> cs;
    const int first = ring.step - SpikeRing::kSteps;
    for (auto& s : ring.spikes) {
        if (s.step <= first || s.layer >= L) continue;
        xs.push_back((s.step - first - 0.5f) / SpikeRing::kSteps);
        ys.push_back(1.0f - (s.layer + (s.neuron + 0.5f) / sizes[s.layer]) / L);
        cs.push_back(s.layer == 0 ? 2 : s.layer == L - 1 ? 3 : 0);
    }
    int pw = static_cast<int>(std::max(64.0f, width * 0.6f)), ph = static_cast<int>(9 * ImGui::GetFontSize());
    raster.update(xs, ys, cs, pw, ph, 2.0f);
    ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(raster.texture())), ImVec2(static_cast<float>(pw), static_cast<float>(ph)));
    const std::string rates_title = std::string("spikes / neuron / step") + (sl ? "" : " (no sleep yet)");
    same_line_if_room(15 * ImGui::GetFontSize(), rates_title);   // a label and a 6-em bar per layer
    ImGui::BeginGroup();
    text_disabled_wrapped(rates_title.c_str());   // on a 320-pixel phone it is wider than the column
    for (int l = 0; sl && l < L; ++l) {
        double sum = 0;
        for (double c : sl->spike_counts(l)) sum += c;
        double rate = sum / std::max(1, sizes[l]) / std::max(1, sl->steps_done());
        char label[32];
        std::snprintf(label, sizeof label, "%.2g", rate);
        ImGui::Text("%-8s", l == 0 ? "input" : l == L - 1 ? "output" : ("hidden " + std::to_string(l)).c_str());
        ImGui::SameLine();
        ImGui::ProgressBar(static_cast<float>(std::min(1.0, rate * 20)), ImVec2(6 * ImGui::GetFontSize(), 0), label);
    }
    ImGui::EndGroup();
    item_tooltip(help::kRates);
}

// Draw a digit: 28x28 floats painted with a soft brush; both twins classify it live.
static void draw_pad(App& app) {
    static std::vector<float> pad(784, 0.0f);
    static Heatmap hm;
    Experiment& e = app.exp_;
    ImGui::BeginGroup();
    ImGui::TextDisabled("draw a digit");
    float side = 9 * ImGui::GetFontSize();
    ImVec2 p = ImGui::GetCursorScreenPos();
    hm.update(pad.data(), 28, 28, 0, 1, ColorMap::Gray);
    ImGui::Image(tex(hm), ImVec2(side, side));
    ImGui::SetCursorScreenPos(p);
    ImGui::InvisibleButton("pad", ImVec2(side, side), ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
    claim_touch_drag();   // a finger draws here; it does not scroll the page
    if (ImGui::IsItemActive() && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        ImVec2 m = ImGui::GetIO().MousePos;
        float cx = (m.x - p.x) / side * 28, cy = (m.y - p.y) / side * 28;
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x) {
                float d2 = (x + 0.5f - cx) * (x + 0.5f - cx) + (y + 0.5f - cy) * (y + 0.5f - cy);
                float ink = std::exp(-d2 / 1.8f);
                pad[y * 28 + x] = std::min(1.0f, pad[y * 28 + x] + ink * 0.6f);
            }
    }
    if (ImGui::IsItemClicked(ImGuiMouseButton_Right)) std::fill(pad.begin(), pad.end(), 0.0f);
    item_tooltip(help::kDrawPad);
    if (ImGui::SmallButton("clear")) std::fill(pad.begin(), pad.end(), 0.0f);
    ImGui::EndGroup();
    same_line_if_room(0, "(draw on the pad)");
    ImGui::BeginGroup();
    // Centre the drawing by its centre of mass, as MNIST digits are.
    double m = 0, mx = 0, my = 0;
    for (int y = 0; y < 28; ++y) for (int x = 0; x < 28; ++x) { m += pad[y * 28 + x]; mx += x * pad[y * 28 + x]; my += y * pad[y * 28 + x]; }
    if (m > 1.0) {
        int sx = static_cast<int>(std::lround(13.5 - mx / m)), sy = static_cast<int>(std::lround(13.5 - my / m));
        std::vector<float> c(784, 0.0f);
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x) {
                int nx = x + sx, ny = y + sy;
                if (nx >= 0 && nx < 28 && ny >= 0 && ny < 28) c[ny * 28 + nx] = pad[y * 28 + x];
            }
        for (int i = 0; i < e.run_count(); ++i) {
            int g = e.run(i).digits()->classify(c.data());
            ImGui::PushFont(big_font());
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(run_color(e.run_label(i))), "%d", g);
            ImGui::PopFont();
            ImGui::TextDisabled("%s", e.run_label(i).c_str());
        }
    } else {
        ImGui::TextDisabled("(draw on the pad)");
    }
    ImGui::EndGroup();
}

void Panels::digits_views(App& app) {
    if (app.exp_.run_count() == 0 || !app.exp_.run(0).digits()) return;
    float width = ImGui::GetContentRegionAvail().x;
    run_legend(app.exp_);
    curves(app, width);
    ImGui::Separator();
    matrices(app, width);
    ImGui::Separator();
    current_digit(app);
    receptive_fields(app);
    same_line_if_room(9 * ImGui::GetFontSize());
    draw_pad(app);
    ImGui::Separator();
    sleep_raster(app, width);
}

}  // namespace sleepnet::app
