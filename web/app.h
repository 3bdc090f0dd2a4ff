// sleepnet app: the Dear ImGui application shared by the browser and the desktop.
//
// The platform (platform_web.cpp / platform_desktop.cpp) owns the window and the main loop; each frame it
// calls app_render_frame, which runs App::frame between ImGui::NewFrame and ImGui::Render. The app drives
// the Experiment with a bounded work budget per frame and draws read-only snapshots of it.
//
// Files: app.cpp (this class: lifecycle, budget, keys, URL, layout), ui_controls.cpp, ui_digits.cpp,
// ui_forage.cpp, ui_export.cpp (the panels), ui_plot.* (plot widget), recorder.* (curves), gfx.* (shaders).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "experiment.h"
#include "gfx.h"
#include "platform.h"
#include "recorder.h"

struct ImFont;

namespace sleepnet::app {

// Where a named control was drawn in the last frame, in ImGui (device) pixels: lets the browser tests click and
// type into the real widgets instead of calling the actions behind them.
struct WidgetRect {
    std::string name;
    float x = 0, y = 0, w = 0, h = 0;
    std::string text;   // what it shows, where the tests check it: a combo's choice, a checkbox's "on" / "off"
    std::string tip;    // its tooltip, as hovering would show it
    bool enabled = true;
};

// What the page's JavaScript and the tests can read (web/bindings.cpp exposes it through Embind).
struct AppStatus {
    std::string version, build_type, simd, platform;
    long long frames = 0;          // frames rendered so far
    double fps = 0;                // smoothed
    std::string data;              // data set state, e.g. "MNIST 60000/10000"
    std::string message;           // the status line
    std::string gl_error;          // shader or GL set-up problem, empty when fine
    float overflow_px = 0;         // how far the widest view reached past the right edge of its column, or a tooltip
                                   // past the screen's (0: they fit)
    bool tooltip = false;          // a tooltip is shown
};

class App {
public:
    void init(const PlatformInfo& info);      // after the GL context and ImGui exist
    void frame(int fb_width, int fb_height, double dt_seconds);
    void on_file(const std::string& name, const std::vector<unsigned char>& bytes);
    void open_path(const std::string& path);  // desktop: a dropped or typed path; read, size-checked, on_file
    void shutdown();

    // ---- read by bindings and tests ----
    const AppStatus& status() const { return status_; }
    const Experiment& experiment() const { return exp_; }
    Experiment& experiment() { return exp_; }
    const std::vector<SettingsIssue>& notices() const { return notices_; }
    bool playing() const { return playing_; }
    int speed() const { return speed_; }
    std::string query() const { return experiment_query(settings_); }
    // The command lines of the running experiment's runs (none without one).
    std::vector<std::string> commands() const { return exp_.run_count() ? experiment_commands(exp_.settings()) : std::vector<std::string>{}; }
    const WidgetRect* widget_rect(const std::string& name) const;
    // ---- actions (also used by keys, bindings and tests) ----
    void set_playing(bool p) { playing_ = p; }
    static constexpr int kSpeeds = 5;                // slow, medium, fast, fastest, max
    void set_speed(int s) { speed_ = s < 0 ? 0 : s >= kSpeeds ? kSpeeds - 1 : s; speed_chosen_ = true; }
    void restart();                                   // a new experiment from settings_
    // URL-style; returns the notice text. Refused keys change nothing; valid changes start a new experiment
    // unless it cannot start, and then the running one is kept.
    std::string apply_settings(const std::string& query);
    // A link opened in place (the page's hash edited, or Back): its keys on the defaults, as when the page
    // opened; a link that cannot run keeps the running experiment. The address bar then shows what runs.
    std::string open_link(const std::string& hash);
    void settings_edited();                           // the controls changed settings_: start, or revert
    // Network files above this are refused (the page checks before copying, index.html; the desktop stops
    // reading at the limit):
    // two copies of one could exhaust the WebAssembly heap and lose the running experiment.
    static constexpr double kMaxFileBytes = 256e6;
    void on_file_refused(const std::string& name, double bytes);   // the page would not hand it over
    void on_file_unreadable(const std::string& name);              // the browser could not read it (a folder)
    void on_copy_refused(const std::string& why);                  // the browser would not write the clipboard
    void step_once();
    void toggle_sleep();
    std::string export_results(const std::string& format);   // "json" | "csv" | "png" | "net"
    double frame_ms_median() const;                   // over the last frames (responsiveness)
    double frame_ms_p95() const;
    double engine_ms_median() const;                  // engine work per frame while running
    double engine_ms_p95() const;

    // ---- state: plain data, read by the panels (ui_*.cpp) ----
    PlatformInfo info_;
    AppStatus status_;
    ExperimentSettings settings_;
    std::vector<SettingsIssue> notices_;
    std::string notice_text_, error_text_;
    std::string run_error_;                          // the experiment's error already shown
    std::shared_ptr<const digits::DigitsData> digits_data_;
    std::string digits_data_error_;
    Experiment exp_;
    Recorder recorder_;
    SpikeRing sleep_spikes_;                         // digits: the sleeping network's recent sleep spikes
    bool playing_ = true, step_request_ = false, png_request_ = false;
    int speed_ = 3;                                  // 0..4: slow .. fastest (8 ms per frame), max (40 ms)
    bool speed_chosen_ = false;                      // until the user picks one, the scenario's default
    double unit_seconds_ = 2e-5;                     // running estimate of the cost of one work unit
    bool slow_said_ = false;                         // the status line has said that one step outlasts a frame
    int slow_frames_ = 0;                            // consecutive frames with a piece too long (frame_budget.h)
    double fps_acc_ = 0;
    int fps_frames_ = 0;
    std::vector<float> frame_ms_, engine_ms_;        // rings of recent frame times and engine times
    size_t frame_ms_pos_ = 0, engine_ms_pos_ = 0;
    bool gfx_ok_ = false;
    int fb_w_ = 0, fb_h_ = 0;
    std::vector<WidgetRect> widget_rects_;           // the named controls drawn in the last frame
    std::string last_query_ = "\x01";                // not a query: the first sync always writes the URL

private:
    void advance_for_frame();
    void show_run_error();
    void listen_to_sleep();
    void show_error(const std::string& msg);
    void handle_keys();
    void sync_url();
    std::string start_experiment(const ExperimentSettings& s);   // "" (swapped in) or why not (nothing changed)
    void draw_main_window();
    void take_png();
    friend void app_render_frame(int, int, double);
};

App& the_app();

// One frame after the platform has started ImGui's backends for it: builds the UI, renders it into the
// w x h framebuffer. Shared by both platforms so the frame sequence lives in one place.
void app_render_frame(int w, int h, double dt_seconds);

// Sets ImGui's fonts and style for a given scale (device pixels per CSS pixel); call before the first frame.
void app_setup_imgui(float ui_scale);
ImFont* big_font();      // the headline numbers' font

}  // namespace sleepnet::app
