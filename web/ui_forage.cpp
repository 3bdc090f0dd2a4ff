// sleepnet app: the foraging views. The world with the agent and its trail, the agent's 7x7 view,
// Task 1 / Task 2 performance for each run, hidden-to-output weights per direction, the weight trajectory
// in PCA space, and a spike raster of the last cycles.
#include <algorithm>
#include <cmath>

#include "app.h"
#include "forage/agent.h"
#include "forage/forage_run.h"
#include "forage/protocol.h"
#include "help_text.h"
#include "imgui.h"
#include "panels.h"
#include "ui_plot.h"

namespace sleepnet::app {

static ImTextureID tex(unsigned t) { return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(t)); }

// Cell colour value: empty, another particle type, the punished type, the rewarded type.
static float cell_value(int type, const ForageWorldView& w) {
    if (type < 0) return 0.0f;
    if (type == w.rewarded_type) return 1.0f;
    if (type == w.punished_type) return 0.55f;
    return 0.3f;
}

static void world_view(App& app, ForageRun& run, ImU32 color, float side) {
    static Heatmap world_hm, view_hm;
    ForageWorldView w = run.world();
    int n = w.size;
    std::vector<float> img(static_cast<size_t>(n) * n);
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x) img[y * n + x] = cell_value(w.cells[x * n + y], w);
    world_hm.update(img.data(), n, n, 0, 1, ColorMap::Sequential);
    ImGui::BeginGroup();
    ImGui::TextDisabled("world");
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Image(tex(world_hm.texture()), ImVec2(side, side));
    remember_item(app, "world", "", help::kWorld);
    item_tooltip(help::kWorld);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float c = side / n;
    for (size_t k = 1; k < w.trail_x.size(); ++k) {   // the trail fades with age; wrap-around jumps are skipped
        int ax = w.trail_x[k - 1], ay = w.trail_y[k - 1], bx = w.trail_x[k], by = w.trail_y[k];
        if (std::abs(ax - bx) > 1 || std::abs(ay - by) > 1) continue;
        int alpha = static_cast<int>(40 + 180.0 * k / w.trail_x.size());
        dl->AddLine(ImVec2(p.x + (ax + 0.5f) * c, p.y + (ay + 0.5f) * c), ImVec2(p.x + (bx + 0.5f) * c, p.y + (by + 0.5f) * c),
                    IM_COL32(255, 255, 255, alpha), std::max(1.0f, c * 0.3f));
    }
    dl->AddRect(ImVec2(p.x + w.agent_x * c - 1, p.y + w.agent_y * c - 1), ImVec2(p.x + (w.agent_x + 1) * c + 1, p.y + (w.agent_y + 1) * c + 1),
                IM_COL32(255, 255, 255, 255), 0, 0, 2.0f);
    dl->AddRect(ImVec2(p.x + (w.agent_x - 3) * c, p.y + (w.agent_y - 3) * c), ImVec2(p.x + (w.agent_x + 4) * c, p.y + (w.agent_y + 4) * c), color, 0, 0, 1.0f);
    ImGui::EndGroup();
    ImGui::SameLine();
    std::vector<float> v(49);
    for (int dy = -3; dy <= 3; ++dy)
        for (int dx = -3; dx <= 3; ++dx) {
            int x = ((w.agent_x + dx) % n + n) % n, y = ((w.agent_y + dy) % n + n) % n;
            v[(dy + 3) * 7 + dx + 3] = cell_value(w.cells[x * n + y], w);
        }
    view_hm.update(v.data(), 7, 7, 0, 1, ColorMap::Sequential);
    ImGui::BeginGroup();
    ImGui::TextDisabled("agent's view");
    ImGui::Image(tex(view_hm.texture()), ImVec2(side * 0.3f, side * 0.3f));
    item_tooltip(help::kView);
    // The colours of cell_value's 1, 0.55 and 0.3 in the sequential map. Blue: the unsupervised stage's particles
    // (all four kinds, none rewarded or punished yet).
    static const char* kWorldLegend = "yellow: rewarded\nteal: punished\nblue: neither\n(unsupervised)";
    ImGui::TextDisabled("%s", kWorldLegend);
    remember_item(app, "world legend", kWorldLegend);
    ImGui::EndGroup();
}

static void performance(App& app, float width) {
    const Recorder& rec = app.recorder_;
    Experiment& e = app.exp_;
    if (rec.runs().empty() || rec.runs()[0].per_task.size() < 2) return;
    std::vector<PlotBand> bands;
    for (auto& s : rec.runs()[0].sleep) bands.push_back({s.first, s.second, kSleepBand});
    std::vector<PlotMark> marks;
    for (auto& m : rec.task_marks()) marks.push_back({m.first, m.second});
    float w = width / 2 - ImGui::GetStyle().ItemSpacing.x;
    for (int t = 0; t < 2; ++t) {
        if (t) ImGui::SameLine();
        std::vector<PlotSeries> series;
        for (int i = 0; i < e.run_count(); ++i) {
            const auto& r = rec.runs()[i];
            series.push_back({e.run_label(i), run_color(e.run_label(i)), r.per_task[t].x, r.per_task[t].y, false});
            series.push_back({e.run_label(i) + " test", run_color(e.run_label(i)), r.tests[t].x, r.tests[t].y, true});
        }
        PlotSpec sp;
        sp.id = t ? "t2" : "t1";
        sp.title = t ? "Task 2 (vertical rewarded)" : "Task 1 (horizontal rewarded)";
        sp.size = ImVec2(w, 9 * ImGui::GetFontSize());
        sp.x1 = std::max(1.0f, rec.clock());
        sp.y0 = 0.3f;
        sp.y1 = 0.9f;
        sp.chance = 0.5f;
        if (const auto* f = e.run(0).forage()) { sp.x_unit = "aeon"; sp.x_per_unit = static_cast<float>(f->aeon_steps()); }
        line_plot(sp, series, bands, t == 0 ? marks : std::vector<PlotMark>{});
        item_tooltip(help::kForagePerf);
    }
}

// The 8 directions' 784 weights as 28x28 tiles, placed like the moves they make (centre: the agent).
static void weights_view(ForageRun& run, int slot, ImU32 color, const std::string& label, float side) {
    static Heatmap hm[2];
    std::vector<float> wv = run.weights();
    const int t = 28, g = 2, n = 3 * t + 2 * g;
    std::vector<float> m(static_cast<size_t>(n) * n, std::nanf(""));
    // Scaled to 2.5x the mean weight, so the uniform starting weights show mid-scale, not saturated.
    double mean = 0;
    for (float x : wv) mean += x;
    float mx = std::max(1e-9f, static_cast<float>(2.5 * mean / std::max<size_t>(1, wv.size())));
    for (int o = 0; o < 8; ++o) {
        int ox = (forage::kDirX[o] + 1) * (t + g), oy = (forage::kDirY[o] + 1) * (t + g);
        for (int h = 0; h < 784; ++h) m[(oy + h / t) * n + ox + h % t] = wv[h * 8 + o] / mx;
    }
    hm[slot].update(m.data(), n, n, 0, 1, ColorMap::Sequential);
    ImGui::BeginGroup();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color), "H->O weights, %s", label.c_str());
    ImGui::Image(tex(hm[slot].texture()), ImVec2(side, side));
    item_tooltip(help::kForageWeights);
    ImGui::EndGroup();
}

static void pca_view(App& app, float side) {
    Experiment& e = app.exp_;
    ImGui::BeginGroup();
    ImGui::TextDisabled("weights in PCA space");
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("pca", ImVec2(side, side));
    item_tooltip("Each point is the network's 6272 hidden-to-output weights at one moment, projected onto the\n"
                 "two directions along which they changed most. Sequential training jumps away from the Task 1\n"
                 "solution; sleep keeps the weights between the two tasks' solutions.");
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + side, p.y + side), IM_COL32(22, 24, 28, 255));
    // The projection is recomputed only when a new snapshot arrived, at most twice a second (it is costly).
    static std::vector<float> cache[2];
    static int cached_count[2] = {-1, -1};
    static double cached_time[2] = {-1, -1};
    static const void* cached_run[2] = {nullptr, nullptr};
    for (int i = 0; i < e.run_count() && i < 2; ++i) {
        ForageRun* f = e.run(i).forage();
        double now = ImGui::GetTime();
        if (f != cached_run[i] || (f->snapshot_count() != cached_count[i] && (now - cached_time[i] > 0.5 || now < cached_time[i]))) {
            cached_run[i] = f;
            cache[i] = f->weight_pca();
            cached_count[i] = f->snapshot_count();
            cached_time[i] = now;
        }
        const std::vector<float>& xy = cache[i];
        if (xy.size() < 4) continue;
        float lo[2] = {1e30f, 1e30f}, hi[2] = {-1e30f, -1e30f};
        for (size_t k = 0; k < xy.size(); ++k) { lo[k % 2] = std::min(lo[k % 2], xy[k]); hi[k % 2] = std::max(hi[k % 2], xy[k]); }
        auto P = [&](size_t k) { return ImVec2(p.x + 6 + (xy[2 * k] - lo[0]) / std::max(1e-9f, hi[0] - lo[0]) * (side - 12),
                                               p.y + 6 + (xy[2 * k + 1] - lo[1]) / std::max(1e-9f, hi[1] - lo[1]) * (side - 12)); };
        ImU32 c = run_color(e.run_label(i));
        for (size_t k = 1; k < xy.size() / 2; ++k) dl->AddLine(P(k - 1), P(k), c, 1.5f);
        dl->AddCircleFilled(P(xy.size() / 2 - 1), 4, c);
    }
    ImGui::EndGroup();
}

static void raster_view(App& app, ForageRun& run, float width) {
    static Raster raster;
    std::vector<ForageSpike> sp = run.recent_spikes();
    std::vector<float> xs, ys;
    std::vector<uint8_t> cs;
    int64_t t1 = sp.empty() ? 0 : sp.back().step, t0 = t1 - 1800;
    static const int sizes[3] = {49, 784, 8};
    for (auto& s : sp) {
        if (s.step < t0) continue;
        xs.push_back(static_cast<float>(s.step - t0) / 1800.0f);
        ys.push_back(1.0f - (s.layer + (s.neuron + 0.5f) / sizes[s.layer]) / 3.0f);
        cs.push_back(s.layer == 0 ? 2 : s.layer == 1 ? 0 : 3);
    }
    int pw = static_cast<int>(std::max(64.0f, width)), ph = static_cast<int>(8 * ImGui::GetFontSize());
    raster.update(xs, ys, cs, pw, ph, 2.0f);
    text_disabled_wrapped("spikes, last 3 movement cycles (bottom to top: input, hidden, output)");
    ImGui::Image(tex(raster.texture()), ImVec2(static_cast<float>(pw), static_cast<float>(ph)));
    remember_item(app, "raster", "", help::kForageRaster);
    item_tooltip(help::kForageRaster);
}

void Panels::forage_views(App& app) {
    Experiment& e = app.exp_;
    if (e.run_count() == 0 || !e.run(0).forage()) return;
    float width = ImGui::GetContentRegionAvail().x, em = ImGui::GetFontSize();
    run_legend(e);
    // The legend names the runs by protocol id (as the exports do); this line says what each protocol does.
    std::string runs;
    for (int i = 0; i < e.run_count(); ++i)
        runs += (i ? "; " : "") + e.run_label(i) + ": " + forage::protocol_summary(e.run_label(i));
    text_disabled_wrapped(runs.c_str());
    remember_item(app, "runs", runs);
    performance(app, width);
    ImGui::Separator();
    float side = std::min(16 * em, width * 0.3f);
    // The views wrap onto a new line where the window is too narrow for them side by side.
    world_view(app, *e.run(0).forage(), run_color(e.run_label(0)), side);
    same_line_if_room(side * 0.8f, "weights in PCA space");
    pca_view(app, side * 0.8f);
    for (int i = 0; i < e.run_count(); ++i) {
        same_line_if_room(side * 0.8f, "H->O weights, " + e.run_label(i));
        weights_view(*e.run(i).forage(), i % 2, run_color(e.run_label(i)), e.run_label(i), side * 0.8f);
    }
    ImGui::Separator();
    raster_view(app, *e.run(0).forage(), width);
}

}  // namespace sleepnet::app
