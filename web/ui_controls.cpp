// sleepnet app: the controls panel and the notices (bad URL values, errors).
#include <cstdint>
#include <cstring>

#include "app.h"
#include "digits/digits_run.h"
#include "forage/protocol.h"
#include "help_text.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "panels.h"
#include "ui_plot.h"
#include "ui_touch.h"

namespace sleepnet::app {

void Panels::notices(App& app) {
    if (!app.notice_text_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 190, 110, 255));
        ImGui::TextWrapped("Some settings were not used:\n%s", app.notice_text_.c_str());
        ImGui::PopStyleColor();
        if (ImGui::SmallButton("dismiss")) { app.notice_text_.clear(); }
    }
    if (!app.error_text_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 150, 110, 255));
        ImGui::TextWrapped("%s", app.error_text_.c_str());
        ImGui::PopStyleColor();
    }
}

void remember_item(App& app, const char* name, const std::string& text, const std::string& tip) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const bool enabled = (GImGui->LastItemData.InFlags & ImGuiItemFlags_Disabled) == 0;
    app.widget_rects_.push_back({name, a.x, a.y, b.x - a.x, b.y - a.y, text, tip, enabled});
}

// A text field that applies its value when Enter is pressed or focus leaves it. The buffer grows with the
// text: a fixed 128-byte one made ImGui drop a longer paste whole, so the field showed a wrong reason.
static int grow_text(ImGuiInputTextCallbackData* d) {
    if (d->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        auto* text = static_cast<std::string*>(d->UserData);
        text->resize(static_cast<size_t>(d->BufTextLen));
        d->Buf = text->data();
    }
    return 0;
}

// ImGui writes the text being edited into `buf` each frame, but not in the frame a click elsewhere ends the edit, when
// `buf` (a fresh copy of the setting) would hold the old text: the edit is kept aside while the field is active
// (one field at a time can be).
static bool text_setting(App& app, const char* label, std::string* value, const char* tip) {
    static ImGuiID editing_id = 0;
    static std::string editing;
    std::string buf = *value;
    const ImGuiID id = ImGui::GetID(label);
    const float field_w = ImGui::CalcItemWidth();   // the frame; the item goes on to the label, which takes no tap
    bool enter = ImGui::InputText(label, buf.data(), buf.size() + 1,
                                  ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackResize, grow_text, &buf);
    remember_item(app, label);
    claim_touch_text(field_w);
    item_tooltip(tip);
    if (ImGui::IsItemActive()) { editing_id = id; editing = buf; }
    else if (editing_id == id) {
        editing_id = 0;
        if (!enter && ImGui::IsItemDeactivatedAfterEdit()) buf = editing;   // left by a click or tap elsewhere
    }
    if (enter || (ImGui::IsItemDeactivatedAfterEdit() && *value != buf)) { *value = buf; return true; }
    return false;
}

// A protocol as the controls name it: what it does, then its id ("T1 -> T2 (sequential)").
static std::string protocol_name(const std::string& id) { return forage::protocol_summary(id) + " (" + id + ")"; }

// The twins and sleep boxes say what runs. Digits: the twins are a sleeping and a non-sleeping network. Foraging:
// the protocols decide (forage_protocols): the sleep box is ticked only where a run sleeps, and can be switched
// only with one network and a protocol that has sleep (off: the sequential baseline runs instead).
struct SleepBox {
    bool shown = false, enabled = false;
    std::string tip, twins_tip;
};
static SleepBox sleep_box(const ExperimentSettings& s) {
    SleepBox b;
    if (s.scenario == "digits") {
        b.shown = s.twins || s.sleep;
        b.enabled = !s.twins;
        b.tip = help::kSleepToggle;
        b.twins_tip = help::kTwins;
        return b;
    }
    const bool sleeps = forage::protocol_sleeps(s.protocol);
    b.shown = sleeps && (s.twins || s.sleep);
    b.enabled = !s.twins && sleeps;
    ExperimentSettings t = s;
    t.twins = true;
    const std::vector<std::string> twins = forage_protocols(t);
    if (twins.size() == 1)
        b.twins_tip = "With the protocol " + protocol_name(twins[0]) + ", which is the baseline itself, twins are one network,\n"
                      "without sleep.\n";
    else
        b.twins_tip = "Blue runs " + protocol_name(twins[0]) + ", orange the baseline " + protocol_name(twins[1]) + ".\n" +
                      (sleeps ? "Only blue sleeps.\n" : "Neither sleeps: " + twins[0] + " has no sleep.\n");
    b.twins_tip += help::kForageTwins;
    if (s.twins) {
        b.tip = "Twins on: " + std::string(sleeps ? "blue sleeps, orange does not" : "neither network sleeps") +
                " (see twins). Twins off: one network (key: s).";
    } else if (sleeps) {
        b.tip = "One network: ticked, it runs " + protocol_name(s.protocol) + ";\nunticked, the baseline " +
                protocol_name("sequential") + ", without sleep (key: s toggles sleep).";
    } else {
        std::string with;
        for (const auto& n : forage::protocol_names())
            if (forage::protocol_sleeps(n)) with += (with.empty() ? "" : ", ") + n;
        b.tip = protocol_name(forage_protocols(s)[0]) + " has no sleep: there is none to switch on or off.\n"
                "Protocols with sleep: " + with + ".";
    }
    return b;
}

void Panels::controls(App& app) {
    ExperimentSettings& s = app.settings_;
    bool changed = false;
    app.widget_rects_.clear();   // a control not drawn this frame has no place
    // The panel's content box, so that tests can check every control and its label fits in it.
    const ImVec2 win = ImGui::GetWindowPos(), lo = ImGui::GetWindowContentRegionMin(), hi = ImGui::GetWindowContentRegionMax();
    app.widget_rects_.push_back({"panel", win.x + lo.x, win.y + lo.y, hi.x - lo.x, hi.y - lo.y, "", "", true});
    // Fields end where the longest label still fits to their right (ImGui's default, two thirds of the panel,
    // cut labels off on a narrow panel).
    ImGui::PushItemWidth(-(ImGui::CalcTextSize("sleep steps").x + ImGui::GetStyle().ItemInnerSpacing.x));
    ImGui::Separator();
    if (ImGui::Button(app.playing_ ? "Pause" : "Play", ImVec2(5 * ImGui::GetFontSize(), 0))) app.playing_ = !app.playing_;
    remember_item(app, "play");
    item_tooltip(help::kPlay);
    ImGui::SameLine();
    if (ImGui::Button("Step")) app.step_once();
    item_tooltip(help::kStep);
    ImGui::SameLine();
    if (ImGui::Button("Reset")) app.restart();
    item_tooltip(help::kReset);
    static const char* speeds[App::kSpeeds] = {"slow", "medium", "fast", "fastest", "max (lower frame rate)"};
    ImGui::SetNextItemWidth(-FLT_MIN);
    int speed = app.speed();
    if (ImGui::SliderInt("##speed", &speed, 0, App::kSpeeds - 1, speeds[speed])) app.set_speed(speed);   // set_speed clamps
    claim_touch_drag();
    remember_item(app, "speed");   // before the tooltip, which would become the last item
    item_tooltip(help::kSpeed);
    ImGui::ProgressBar(static_cast<float>(app.exp_.progress()), ImVec2(-FLT_MIN, 0), app.exp_.done() ? (app.run_error_.empty() ? "done" : "stopped") : nullptr);

    ImGui::Separator();
    int scen = s.scenario == "digits" ? 0 : 1;
    if (ImGui::RadioButton("Digits", &scen, 0)) { s.scenario = "digits"; changed = true; }
    const char* digits_tip = s.digits.sleep_schedule == "interleaved" ? help::kDigitsScenarioNaps : help::kDigitsScenario;
    remember_item(app, "digits scenario", "", digits_tip);
    item_tooltip(digits_tip);
    ImGui::SameLine();
    if (ImGui::RadioButton("Foraging", &scen, 1)) { s.scenario = "forage"; changed = true; }
    item_tooltip("The spiking agent of Golden et al. 2022: learn which particles to eat, then a second task.");

    const float seed_w = 8 * ImGui::GetFontSize();
    ImGui::SetNextItemWidth(seed_w);
    // A typed seed applies when the field is left (Enter, Tab or a click elsewhere), not at every keystroke: each
    // change starts a new experiment. The +/- buttons apply at once. Escape drops what was typed.
    // 64-bit: ImGui's int field wraps what it cannot hold (4294967338 became seed 42); this one keeps the typed
    // number, which the settings then refuse by name (range 0..1e9).
    static int64_t typed_seed = 0;
    static bool seed_typed = false;
    int64_t seed = seed_typed ? typed_seed : s.seed;
    const int64_t step = 1, step_fast = 10;
    const bool seed_changed = ImGui::InputScalar("seed", ImGuiDataType_S64, &seed, &step, &step_fast, "%lld");
    const bool seed_active = ImGui::IsItemActive();
    claim_touch_text(seed_w - 2 * (ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x), true);   // not -/+
    if (seed_changed && seed_active) { typed_seed = seed; seed_typed = true; }
    else if (seed_changed) {   // - or +, from the typed seed if one was being typed
        seed_typed = false;
        app.apply_settings("seed=" + std::to_string(seed));   // checked like the URL's (0..1e9)
    }
    // (ImGui has already left the field when it sees Escape, in the same frame.)
    if (seed_typed && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) seed_typed = false;
    if (seed_typed && !seed_active) {
        seed_typed = false;
        if (typed_seed != s.seed) app.apply_settings("seed=" + std::to_string(typed_seed));
    }
    remember_item(app, "seed");
    item_tooltip(help::kSeed);
    if (ImGui::Checkbox("twins", &s.twins)) changed = true;
    const SleepBox box = sleep_box(s);
    remember_item(app, "twins", s.twins ? "on" : "off", box.twins_tip);
    item_tooltip(box.twins_tip.c_str());
    ImGui::SameLine();
    bool sleep_shown = box.shown;
    ImGui::BeginDisabled(!box.enabled);
    if (ImGui::Checkbox("sleep", &sleep_shown)) { s.sleep = sleep_shown; changed = true; }
    remember_item(app, "sleep", sleep_shown ? "on" : "off", box.tip);
    ImGui::EndDisabled();
    item_tooltip(box.tip.c_str());

    if (s.scenario == "digits") {
        auto& d = s.digits;
        std::string order = d.order;
        if (text_setting(app, "tasks", &order, help::kOrder)) app.apply_settings("order=" + url_encode(order));   // checked
        static const char* orders[][2] = {{"pairs", "01,23,45,67,89"}, {"reversed pairs", "89,67,45,23,01"},
                                          {"one class at a time", "0,1,2,3,4,5,6,7,8,9"}, {"reversed", "9,8,7,6,5,4,3,2,1,0"},
                                          {"two halves", "01234,56789"}};
        if (ImGui::BeginCombo("##orders", "task presets")) {
            for (auto& o : orders)
                if (ImGui::Selectable(o[0], d.order == o[1])) { d.order = o[1]; changed = true; }
            ImGui::EndCombo();
        }
        remember_item(app, "task presets");
        item_tooltip(help::kOrder);
        int preset = d.preset == "paper" ? 1 : 0;
        if (ImGui::Combo("learner", &preset, "quick\0paper\0")) {
            std::string keep_order = d.order;
            digits::apply_digits_preset(preset ? "paper" : "quick", &d);
            d.order = keep_order;
            changed = true;
        }
        remember_item(app, "learner");
        item_tooltip(help::kPreset);
        // The sleep's schedule and length mean nothing when no network sleeps (one network, sleep off).
        ImGui::BeginDisabled(!s.twins && !s.sleep);
        int sched = d.sleep_schedule == "interleaved" ? 1 : 0;
        if (ImGui::Combo("schedule", &sched, "after each task\0interleaved\0")) {
            d.sleep_schedule = sched ? "interleaved" : "after_task";
            changed = true;
        }
        remember_item(app, "schedule");
        item_tooltip(help::kSchedule);
        int steps = d.sleep_schedule == "interleaved" ? d.interleaved_steps : d.src.base_steps;
        // AlwaysClamp: a value typed with ctrl+click stays in the slider's range.
        if (ImGui::SliderInt("sleep steps", &steps, 100, 40000, "%d", ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp)) {
            (d.sleep_schedule == "interleaved" ? d.interleaved_steps : d.src.base_steps) = steps;
        }
        claim_touch_drag();
        if (ImGui::IsItemDeactivatedAfterEdit()) changed = true;
        const char* steps_tip = d.sleep_schedule == "interleaved" ? help::kNapLength : help::kSleepLength;
        remember_item(app, "sleep steps", "", steps_tip);
        item_tooltip(steps_tip);
        ImGui::EndDisabled();
    } else {
        // The box shows the protocol that runs (the blue run's), by what it does; the ids stay in links, command lines
        // and exports, and in each entry's tooltip.
        const std::string running = forage_protocols(s)[0];
        const std::string shown = forage::protocol_summary(running);
        if (ImGui::BeginCombo("protocol", shown.c_str(), ImGuiComboFlags_HeightLargest)) {   // all 11, no scrolling
            for (auto& n : forage::protocol_names()) {
                // With one network, a protocol picked here is the one that runs (sleep off would run the baseline).
                if (ImGui::Selectable((forage::protocol_summary(n) + "##" + n).c_str(), running == n)) {
                    s.protocol = n;
                    s.sleep = true;
                    changed = true;
                }
                remember_item(app, ("protocol " + n).c_str());
                item_tooltip((n + (forage::protocol_sleeps(n) ? ", with sleep" : ", no sleep") + " (protocol=" + n +
                              " in a link; sleepnet forage --protocol " + n + ")").c_str());
            }
            ImGui::EndCombo();
        }
        const std::string protocol_tip = std::string(help::kProtocol) + "\nRunning: " + protocol_name(running) + ".";
        remember_item(app, "protocol", shown, protocol_tip);
        item_tooltip(protocol_tip.c_str());
        int scale = s.forage.scale == "demo" ? 0 : s.forage.scale == "medium" ? 1 : 2;
        if (ImGui::Combo("scale", &scale, "demo\0medium\0paper\0")) {
            s.forage.scale = scale == 0 ? "demo" : scale == 1 ? "medium" : "paper";
            s.forage.apply_presets();   // resets every other key to the preset's value
            changed = true;
        }
        remember_item(app, "scale");
        item_tooltip("demo: rates rescaled so every effect appears within minutes. medium: training\n"
                     "stages a tenth of the paper's (minutes per run). paper: the published stage lengths with the authors' code's\n"
                     "unscaled constants (values=paper: the paper's text); about 30 hours per run on one core.");
    }
    ImGui::PopItemWidth();
    if (changed) app.settings_edited();
}

}  // namespace sleepnet::app
