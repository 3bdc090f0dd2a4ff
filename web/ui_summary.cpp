// sleepnet app: the headline strip (old-task and new-task accuracy per twin, as large numbers) and the
// About panel.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "app.h"
#include "help_text.h"
#include "imgui.h"
#include "imgui_internal.h"   // ImGui::RenderTextEllipsis
#include "panels.h"
#include "ui_plot.h"

namespace sleepnet::app {

// `estimate`: the figure comes from a sample of test images, not from an evaluation on all of them: "~" says so.
static void big_number(const char* caption, double v, ImU32 color, bool estimate) {
    ImGui::BeginGroup();
    ImGui::TextDisabled("%s", caption);
    ImGui::PushFont(big_font());
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    if (v < 0) ImGui::TextUnformatted("  -  ");
    else ImGui::Text(estimate ? "~%.1f%%" : "%5.1f%%", 100.0 * v);
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::EndGroup();
}

void Panels::headline(App& app) {
    Experiment& e = app.exp_;
    if (e.run_count() == 0) { ImGui::TextWrapped("No experiment is running. %s", app.error_text_.c_str()); return; }
    // Notes (why a figure is missing) go on one wrapped line below the twins, each said once (the twins share
    // their first tests, so they often carry the same note).
    // How the paper's protocol differs from this run's goes on a greyed line of its own (not a warning).
    std::vector<Headline> hs;
    std::string notes, about_paper;
    auto add = [](std::string& to, const std::string& n) {
        if (!n.empty() && to.find(n) == std::string::npos) to += (to.empty() ? "" : "; ") + n;
    };
    for (int i = 0; i < e.run_count(); ++i) {
        hs.push_back(e.run(i).headline());
        add(notes, hs.back().note);
        add(about_paper, hs.back().published_note);
    }
    // Twins asked for, one run shown: the sequential protocol is its own no-sleep baseline.
    const ExperimentSettings& st = e.settings();
    if (st.twins && e.run_count() == 1) add(notes, "one run: " + st.protocol + " has no sleep, so it is its own baseline");
    // The twins side by side where they fit, else one above the other (at 640 px the second was cut off).
    // Their width is last frame's, kept in the window's state storage.
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID width_id = ImGui::GetID("headline twin width");
    const float twin_w = storage->GetFloat(width_id, 0.0f), gap = ImGui::GetFontSize() * 3;
    const int n = e.run_count();
    const bool stacked = n > 1 && n * twin_w + (n - 1) * gap > ImGui::GetContentRegionAvail().x - 2 * ImGui::GetStyle().WindowPadding.x;
    // The notes take the lines they wrap to (on a phone a note of one line at 1400 px takes two or three).
    const float inner = std::max(1.0f, ImGui::GetContentRegionAvail().x - 2 * ImGui::GetStyle().WindowPadding.x);
    auto wrapped_h = [&](const std::string& t) {
        return t.empty() ? 0.0f : ImGui::CalcTextSize(t.c_str(), nullptr, false, inner).y + 0.4f * ImGui::GetFontSize();
    };
    const float notes_h = wrapped_h(notes) + wrapped_h(about_paper);
    // Each run: its label, captions and big numbers, and the paper's figure where it has one; stacked runs add up,
    // side by side the tallest counts.
    float runs_h = 0;
    for (const Headline& h : hs) {
        const float one = 4.6f + (h.published.empty() ? 0.0f : 1.3f);
        runs_h = stacked ? runs_h + one : std::max(runs_h, one);
    }
    ImGui::BeginChild("headline", ImVec2(0, ImGui::GetFontSize() * (1.0f + runs_h) + notes_h), true, ImGuiWindowFlags_NoScrollbar);
    float widest = 0;
    for (int i = 0; i < e.run_count(); ++i) {
        if (i && !stacked) ImGui::SameLine(0, gap);
        ImGui::BeginGroup();
        const ScenarioRun& r = e.run(i);
        const Headline& h = hs[i];
        ImU32 c = run_color(e.run_label(i));
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(c), "%s", e.run_label(i).c_str());
        ImGui::SameLine();
        // The stage, ending in "..." where the box ends (on a 280-pixel screen it was cut off mid-word).
        const std::string stage = (r.sleeping() ? "sleeping: " : "") + e.stage_label(i);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float room = std::max(1.0f, ImGui::GetContentRegionAvail().x);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), at, ImVec2(at.x + room, at.y + ImGui::GetTextLineHeight()),
                                  at.x + room, at.x + room, stage.c_str(), nullptr, nullptr);
        ImGui::PopStyleColor();
        ImGui::Dummy(ImVec2(std::min(room, ImGui::CalcTextSize(stage.c_str()).x), ImGui::GetTextLineHeight()));
        big_number(("old: " + h.old_label).c_str(), h.old_task, c, h.sample > 0);
        ImGui::SameLine(0, ImGui::GetFontSize() * 1.5f);
        big_number(("new: " + h.new_label).c_str(), h.new_task, c, h.sample > 0);
        if (h.all_tasks >= 0) {   // the papers' measure, once the run is done
            ImGui::SameLine(0, ImGui::GetFontSize() * 1.5f);
            big_number("all digits", h.all_tasks, c, false);
        }
        if (!h.published.empty()) ImGui::TextDisabled("%s", h.published.c_str());
        ImGui::EndGroup();
        widest = std::max(widest, ImGui::GetItemRectSize().x);
    }
    if (!notes.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.75f, 0.3f, 1.0f));
        ImGui::TextWrapped("%s", notes.c_str());
        ImGui::PopStyleColor();
    }
    if (!about_paper.empty()) text_disabled_wrapped(about_paper.c_str());
    ImGui::EndChild();
    storage->SetFloat(width_id, widest);
    item_tooltip(help::kHeadline);
}

// A paragraph wrapped at the panel's edge. The help texts break their lines for tooltips; here those breaks
// would leave ragged lines on a narrow panel, so the text is reflowed.
static void paragraph(const char* text) { ImGui::TextWrapped("%s", reflowed(text).c_str()); }
// ImGui::BulletText does not wrap (a long entry ran off a phone's screen): a bullet, then wrapped text.
static void bullet(const char* text) {
    ImGui::Bullet();
    ImGui::SameLine();
    paragraph(text);
}

void Panels::about(App& app) {
    const bool open = ImGui::CollapsingHeader("About");
    remember_item(app, "about");
    if (!open) return;
    paragraph(help::kForgetting);
    ImGui::Spacing();
    paragraph(help::kSleep);
    ImGui::Spacing();
    paragraph(help::kStdp);
    ImGui::Spacing();
    paragraph(help::kSrc);
    ImGui::Spacing();
    ImGui::TextDisabled("Papers");
    bullet("Tadros T, Krishnan GP, Ramyaa R, Bazhenov M (2022). Sleep-like unsupervised replay reduces "
           "catastrophic forgetting in artificial neural networks. Nature Communications 13:7742.");
    bullet("Golden R, Delanois JE, Sanda P, Bazhenov M (2022). Sleep prevents catastrophic forgetting in "
           "spiking neural networks by forming a joint synaptic weight representation. PLOS Computational "
           "Biology 18(11): e1010628.");
    text_disabled_wrapped("Published results (the lab's runs are smaller and shorter)");
    bullet(help::published_tadros().c_str());
    bullet(help::published_golden().c_str());
    ImGui::TextDisabled("Data");
    bullet("MNIST by Yann LeCun, Corinna Cortes and Christopher J.C. Burges, used under CC BY-SA 3.0.");
    ImGui::TextDisabled("Keys and touch");
    bullet("space: play/pause   s: toggle sleep   r: reset   n: step");
    bullet("On a touch screen: tap to press, drag to scroll, hold a control still to read its help; tap a text field to type.");
}

}  // namespace sleepnet::app
