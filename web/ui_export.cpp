// sleepnet app: exports (results as JSON/CSV, a PNG of the view, the networks) and importing networks.
#include <algorithm>
#include <cstdio>
#include <cstring>

#include "app.h"
#include "core/json.h"
#include "gl.h"
#include "help_text.h"
#include "imgui.h"
#include "panels.h"
#include "ui_plot.h"

namespace sleepnet::app {

static std::vector<unsigned char> bytes_of(const std::string& s) { return std::vector<unsigned char>(s.begin(), s.end()); }

std::string App::export_results(const std::string& format) {
    std::string base = "sleepnet-" + settings_.scenario + "-seed" + std::to_string(settings_.seed);
    std::string msg, refused;   // refused: why nothing is saved
    // Without an experiment (e.g. no MNIST) a file would hold no networks or results and could overwrite a good one.
    if (format != "png" && exp_.run_count() == 0)
        refused = "no experiment is running" + (error_text_.empty() ? std::string() : " (" + error_text_ + ")");
    else if (format == "net") {
        // A stopped run (diverged training, saturated foraging) would load only to stop again, or not at all; a
        // file over the load limit could not be opened again, and building it could exhaust the page's heap.
        refused = exp_.save_problem();
        const double bytes = refused.empty() ? static_cast<double>(exp_.save_size()) : 0;
        if (bytes > kMaxFileBytes) {
            char mb[96];
            std::snprintf(mb, sizeof mb, "%.0f MB, more than the %.0f MB", bytes / 1e6, kMaxFileBytes / 1e6);
            refused = std::string("these networks take ") + mb + " a network file may have, to be opened again "
                      "(smaller hidden layers fit)";
        }
    }
    if (!refused.empty()) {
        msg = "Not saved: " + refused;
        show_error(msg);
        return msg;
    }
    if (format == "json") msg = platform_save_file(base + ".json", "application/json", bytes_of(exp_.results_json()));
    else if (format == "csv") msg = platform_save_file(base + ".csv", "text/csv", bytes_of(exp_.results_csv()));
    else if (format == "net") msg = platform_save_file(base + ".snet", "application/octet-stream", exp_.save());
    else if (format == "png") { png_request_ = true; msg = "saving a PNG of the view"; }
    else msg = "unknown export format '" + format + "' (json, csv, png, net)";
    status_.message = msg;
    return msg;
}

void App::take_png() {
    std::string name = "sleepnet-" + settings_.scenario + "-seed" + std::to_string(settings_.seed) + ".png";
    status_.message = platform_save_file(name, "image/png", gfx_framebuffer_png(fb_w_, fb_h_));
}

void Panels::export_panel(App& app) {
    const bool open = ImGui::CollapsingHeader("Export and import");
    remember_item(app, "export");
    if (!open) return;
    ImGui::TextDisabled("results");
    ImGui::SameLine();
    if (ImGui::SmallButton("JSON")) app.export_results("json");
    item_tooltip(help::kExport);
    ImGui::SameLine();
    if (ImGui::SmallButton("CSV")) app.export_results("csv");
    item_tooltip(help::kExport);
    ImGui::SameLine();
    if (ImGui::SmallButton("PNG")) app.export_results("png");
    item_tooltip("A PNG image of the whole window as it is now.");
    ImGui::TextDisabled("networks");
    ImGui::SameLine();
    if (ImGui::SmallButton("save")) app.export_results("net");
    item_tooltip("Save the runs (networks, progress and results) to a file; loading it later, with the same settings,\n"
                 "continues them where they were saved.");
    ImGui::SameLine();
    if (app.info_.name == "web") {
        if (ImGui::SmallButton("load")) platform_request_open_file();
        item_tooltip("Load networks saved earlier (or drop the file onto the page). A file that does not fit the\n"
                     "current settings is refused with a message, and nothing changes.");
    } else {
        static char path[512] = "";
        ImGui::SetNextItemWidth(-FLT_MIN);
        bool go = ImGui::InputTextWithHint("##path", "path to a .snet file, Enter to load (or drop it)", path, sizeof path,
                                           ImGuiInputTextFlags_EnterReturnsTrue);
        if (go && path[0]) app.open_path(path);
    }
    // The same runs from the command line (same numbers: the seed and settings fix them).
    ImGui::TextDisabled("command line");
    item_tooltip(help::kCommand);
    const std::vector<std::string> commands = app.commands();
    for (size_t i = 0; i < commands.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::SmallButton("copy")) {
            app.status_.message = "copied the command line of " + app.exp_.run_label(static_cast<int>(i));
            ImGui::SetClipboardText(commands[i].c_str());   // the page's clipboard in the browser (platform_web.cpp)
        }
        if (i == 0) remember_item(app, "copy command");
        item_tooltip(help::kCommand);
        ImGui::SameLine();
        const std::string label = app.exp_.run_label(static_cast<int>(i));
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(run_color(label)), "%s", label.c_str());
        text_disabled_wrapped(commands[i].c_str());
        ImGui::PopID();
    }
    if (!app.status_.message.empty()) ImGui::TextWrapped("%s", app.status_.message.c_str());
}

}  // namespace sleepnet::app
