// sleepnet app: lifecycle, the per-frame work budget, keys, the URL, and the main window's layout.
#include "app.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "core/json.h"
#include "core/version.h"
#include "digits/digits_run.h"
#include "digits/idx.h"
#include "frame_budget.h"
#include "gl.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "imgui_impl_opengl3.h"
#include "panels.h"
#include "ui_plot.h"
#include "ui_touch.h"

namespace sleepnet::app {

static ImFont* g_big_font = nullptr;
ImFont* big_font() { return g_big_font; }

App& the_app() {
    static App app;
    return app;
}

void app_setup_imgui(float scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;   // layout comes from code, not from a file the browser cannot keep
    io.Fonts->Clear();
    ImFontConfig cfg;
    cfg.SizePixels = 15.0f * scale;
    cfg.OversampleH = cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    io.Fonts->AddFontDefault(&cfg);
    ImFontConfig big = cfg;
    big.SizePixels = 30.0f * scale;
    g_big_font = io.Fonts->AddFontDefault(&big);
    ImGui::StyleColorsDark();
    ImGuiStyle& st = ImGui::GetStyle();
    st.WindowRounding = 4;
    st.FrameRounding = 3;
    st.ScaleAllSizes(scale);
}

void app_render_frame(int w, int h, double dt) {
    ImGui::NewFrame();
    the_app().frame(w, h, dt);
    touch_scroll();
    ImGui::Render();
    glViewport(0, 0, w, h);
    glClearColor(0.10f, 0.11f, 0.13f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    // A PNG of the view is read back here, after the frame is drawn and before it is presented.
    App& app = the_app();
    if (app.png_request_) { app.png_request_ = false; app.take_png(); }
}

// ---- lifecycle --------------------------------------------------------------------------------------
// A link's settings that each passed their own checks but cannot start together: the notice names the whole
// link (not only the key the error is about) and what the app did instead.
static SettingsIssue cannot_run(const ExperimentSettings& s, const std::string& why, const std::string& instead) {
    return {experiment_query(s), "", "these settings cannot run together: " + why + "; " + instead};
}

void App::init(const PlatformInfo& info) {
    info_ = info;
    auto b = build_info();
    status_.version = b.version;
    status_.build_type = b.build_type;
    status_.simd = b.simd;
    status_.platform = info.name;
    std::string err;
    gfx_ok_ = gfx_init(&err);
    status_.gl_error = err;
    frame_ms_.assign(240, 0.0f);
    engine_ms_.assign(240, 0.0f);

    std::vector<NamedBlob> blobs;
    err = platform_load_dataset(&blobs);
    if (err.empty()) {
        auto data = std::make_shared<digits::DigitsData>();
        auto get = [&](const char* n) -> const std::vector<uint8_t>& {
            static const std::vector<uint8_t> none;
            const NamedBlob* bl = find_blob(blobs, n);
            return bl ? bl->bytes : none;
        };
        err = digits::load_digits_bytes(get("train-images-idx3-ubyte"), get("train-labels-idx1-ubyte"),
                                        get("t10k-images-idx3-ubyte"), get("t10k-labels-idx1-ubyte"), 10, data.get());
        if (err.empty()) {
            data->source = "MNIST";
            digits_data_ = data;
        }
    }
    digits_data_error_ = err;
    status_.data = digits_data_ ? "MNIST " + std::to_string(digits_data_->train.size()) + "/" + std::to_string(digits_data_->test.size())
                                : "MNIST not loaded: " + err;
    ExperimentSettings s;
    notices_ = parse_experiment(info.settings, &s);
    settings_ = s;
    const std::string why = start_experiment(s);
    if (!why.empty() && (digits_data_ || s.scenario != "digits")) {
        // E.g. 3 hidden layers with the default 3 SRC scale factors: the scenario's defaults start instead.
        notices_.push_back(cannot_run(s, why, "started with the defaults instead (none of these settings is used)"));
        ExperimentSettings d;
        d.scenario = s.scenario;
        settings_ = d;
        restart();
    } else if (!why.empty()) {
        error_text_ = why;   // no MNIST: nothing runs, and the views say why
    }
    notice_text_ = format_issues(notices_);
    status_.message = gfx_ok_ ? "ready" : "graphics problem: " + status_.gl_error;
}

// A new experiment is built aside and swapped in only once it has started, so a setting that cannot run
// leaves the running experiment, its progress and its settings as they were.
std::string App::start_experiment(const ExperimentSettings& s) {
    Experiment fresh;
    std::string err = fresh.start(s, digits_data_);
    if (!err.empty()) {
        if (s.scenario == "digits" && !digits_data_) err += ": " + digits_data_error_;
        return err;
    }
    exp_ = std::move(fresh);
    settings_ = s;
    slow_said_ = false;
    slow_frames_ = 0;
    // Foraging runs are long (minutes even at "max"), digits short: each starts at the speed that suits it,
    // until the user picks one.
    if (!speed_chosen_) speed_ = s.scenario == "forage" ? kSpeeds - 1 : 3;
    error_text_.clear();
    run_error_.clear();
    if (status_.frames > 0) status_.message = "started a new experiment";   // not an old load error
    recorder_.reset(exp_);
    listen_to_sleep();
    unit_seconds_ = 2e-5;
    sync_url();
    return "";
}

void App::restart() {
    const std::string err = start_experiment(settings_);
    if (!err.empty()) error_text_ = err;   // e.g. no MNIST: nothing runs, and the views say why
}

std::string App::apply_settings(const std::string& query) {
    ExperimentSettings s = settings_;
    notices_ = parse_experiment(parse_query(query), &s);
    if (experiment_query(s) != experiment_query(settings_)) {   // something valid changed
        const std::string err = start_experiment(s);
        if (!err.empty()) notices_.push_back({query, "", err + "; the running experiment is kept"});
    }
    notice_text_ = format_issues(notices_);
    return notice_text_;
}

std::string App::open_link(const std::string& hash) {
    ExperimentSettings s;
    notices_ = parse_experiment(parse_query(hash), &s);
    if (!notices_.empty()) {
        // A link opens on the defaults, so one typo in an edited address (or a key given twice) would start the
        // rest of it and lose the running experiment: a link with a refused setting is refused whole, as a
        // refused field is. (The page's first link has nothing to lose and falls back to the defaults.)
        notices_.push_back({"the link", "", "not opened, since a setting in it is refused; the running experiment is kept"});
    } else if (experiment_query(s) != experiment_query(settings_)) {
        const std::string err = start_experiment(s);
        if (!err.empty()) notices_.push_back(cannot_run(s, err, "the running experiment is kept"));
    }
    notice_text_ = format_issues(notices_);
    last_query_.assign(1, '\x01');   // not a query (as at start): the hash was changed outside the app
    sync_url();                       // the address shows what runs
    return notice_text_;
}

void App::settings_edited() {
    const ExperimentSettings edited = settings_;
    settings_ = exp_.settings();          // what is running, in case the edit cannot start
    const std::string err = start_experiment(edited);
    if (!err.empty()) {
        notices_ = {{"the change", "", err + "; the running experiment is kept"}};
        notice_text_ = format_issues(notices_);
    }
}

void App::on_file_refused(const std::string& name, double bytes) {
    char mb[32];
    std::snprintf(mb, sizeof mb, "%.0f MB", bytes / 1e6);
    show_error("Could not load '" + name + "': " + mb + " is more than the page accepts (" + fmt_num(kMaxFileBytes / 1e6) +
               " MB, or what memory is left). Nothing was changed.");
}

void App::on_file_unreadable(const std::string& name) {
    show_error("Could not load '" + name + "': the browser could not read it (a folder?). Nothing was changed.");
}

void App::on_copy_refused(const std::string& why) {
    show_error("The browser would not copy to the clipboard (" + why + "); the text is shown on the page.");
}

const WidgetRect* App::widget_rect(const std::string& name) const {
    for (const auto& r : widget_rects_)
        if (r.name == name) return &r;
    return nullptr;
}

void App::step_once() { playing_ = false; step_request_ = true; }

void App::toggle_sleep() {
    // Twins -> a single sleeping run -> a single non-sleeping run -> twins.
    if (settings_.twins) { settings_.twins = false; settings_.sleep = true; }
    else if (settings_.sleep) settings_.sleep = false;
    else settings_.twins = true;
    settings_edited();
}

void App::sync_url() {
    std::string q = experiment_query(settings_);
    if (q != last_query_) { platform_set_url_state(q); last_query_ = q; }
}

void App::shutdown() { gfx_shutdown(); }

// ---- the frame --------------------------------------------------------------------------------------
void App::advance_for_frame() {
    if (exp_.run_count() == 0 || exp_.done()) return;
    if (!playing_ && !step_request_) return;
    // Work per frame: the speed setting caps it, and a time target keeps frames short: 8 ms of engine work
    // leaves the rest of a 16.7-ms frame for drawing. (An earlier rule gave the engine half of the measured
    // drawing time; but the frame interval includes the wait for the display, so once a frame missed the
    // display it counted as drawing, the engine took more, and the page locked at 30 fps.)
    // The clock only decides how much to do; results never depend on it.
    // "max" trades frame rate for progress (40 ms per frame) for long runs.
    static const int64_t kUnitsPerFrame[kSpeeds] = {40, 400, 4000, 1LL << 40, 1LL << 40};
    const double target_s = speed_ == kSpeeds - 1 ? 0.040 : 0.008;
    int64_t budget = step_request_ ? 100 : std::min<int64_t>(kUnitsPerFrame[speed_],
                                        std::max<int64_t>(1, static_cast<int64_t>(target_s / unit_seconds_)));
    step_request_ = false;
    auto t0 = std::chrono::steady_clock::now();
    int64_t used = exp_.advance(budget);
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    engine_ms_[engine_ms_pos_++ % engine_ms_.size()] = static_cast<float>(s * 1000);
    if (used > 0) unit_seconds_ = 0.7 * unit_seconds_ + 0.3 * std::max(1e-9, s / used);
    // One piece of work (e.g. a training batch of a very large network) can take longer than any frame budget:
    // the page then stays slow at every speed. Said once per experiment, after 10 such frames in a row
    // (frame_budget.h: not when the machine is merely busy).
    slow_frames_ = piece_too_long(s, target_s, used, budget) ? slow_frames_ + 1 : 0;
    if (!slow_said_ && slow_frames_ >= 10) {
        slow_said_ = true;
        char why[200];
        std::snprintf(why, sizeof why, "one step of these networks takes about %.0f ms, longer than a frame: the page "
                      "stays slow while they run (pause with space, or smaller hidden layers)", s * 1000);
        status_.message = why;
    }
    recorder_.observe(exp_);
    show_run_error();
}

// A run stopped by an error (e.g. foraging settings that saturate the network) says so; the others go on.
void App::show_run_error() {
    if (std::string e = exp_.error(); !e.empty() && run_error_ != e) {
        run_error_ = e;
        show_error("Stopped: " + e);   // e is "run label: reason"
    }
}

void App::handle_keys() {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || io.KeyCtrl || io.KeySuper) return;
    for (ImWchar c : io.InputQueueCharacters) {
        switch (c) {
            case ' ': playing_ = !playing_; break;
            case 's': case 'S': toggle_sleep(); break;
            case 'r': case 'R': restart(); break;
            case 'n': case 'N': step_once(); break;
            default: break;
        }
    }
}

void App::frame(int fb_width, int fb_height, double dt) {
    fb_w_ = fb_width;
    fb_h_ = fb_height;
    status_.frames++;
    fps_acc_ += dt;
    fps_frames_++;
    if (fps_acc_ >= 0.5) { status_.fps = fps_frames_ / fps_acc_; fps_acc_ = 0; fps_frames_ = 0; }
    frame_ms_[frame_ms_pos_++ % frame_ms_.size()] = static_cast<float>(dt * 1000);
    handle_keys();
    advance_for_frame();
    draw_main_window();
    sync_url();
}

static double percentile(std::vector<float> v, double q) {
    v.erase(std::remove(v.begin(), v.end(), 0.0f), v.end());
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[static_cast<size_t>(q * (v.size() - 1))];
}
double App::frame_ms_median() const { return percentile(frame_ms_, 0.5); }
double App::frame_ms_p95() const { return percentile(frame_ms_, 0.95); }
double App::engine_ms_median() const { return percentile(engine_ms_, 0.5); }
double App::engine_ms_p95() const { return percentile(engine_ms_, 0.95); }

// Two columns (controls, views) when the canvas is wide enough for the controls' labels beside a view; on a
// narrow canvas (a phone, a small window) one column that scrolls: the controls, then the views.
void App::draw_main_window() {
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("sleepnet", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                 ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings);
    const float em = ImGui::GetFontSize();
    const bool one_column = io.DisplaySize.x < 40.0f * em;
    if (!one_column) ImGui::BeginChild("left", ImVec2(std::min(24.0f * em, io.DisplaySize.x * 0.4f), 0), true);
    ImGui::Text("sleepnet %s", status_.version.c_str());
    text_disabled_wrapped("forgetting, and sleep that prevents it");
    Panels::notices(*this);
    Panels::controls(*this);
    Panels::export_panel(*this);
    Panels::about(*this);
    ImGui::Separator();
    char line[256];
    std::snprintf(line, sizeof line, "%s | %s | SIMD %s | %.0f fps", status_.platform.c_str(), status_.build_type.c_str(),
                  status_.simd.c_str(), status_.fps);
    text_disabled_wrapped(line);
    text_disabled_wrapped(("Data: " + status_.data).c_str());
    if (one_column) {
        ImGui::Separator();
    } else {
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginChild("right", ImVec2(0, 0), false);
    }
    Panels::headline(*this);
    if (settings_.scenario == "digits") Panels::digits_views(*this);
    else Panels::forage_views(*this);
    // Views go side by side only where they fit (same_line_if_room); what still reaches past the column's edge
    // would be cut off or need a sideways scroll. The browser tests read it.
    const ImGuiWindow* views = ImGui::GetCurrentWindow();
    status_.overflow_px = std::max(0.0f, views->DC.CursorMaxPos.x - (views->Pos.x + ImGui::GetWindowContentRegionMax().x));
    if (!one_column) ImGui::EndChild();
    ImGui::End();
    // And how far a tooltip reaches past the screen's edge (long ones ran off a phone's).
    status_.tooltip = false;
    for (const ImGuiWindow* w : GImGui->Windows)
        if (w->Active && (w->Flags & ImGuiWindowFlags_Tooltip)) {
            status_.tooltip = true;
            status_.overflow_px = std::max(status_.overflow_px, w->Pos.x + w->Size.x - io.DisplaySize.x);
        }
}

// An error the user caused or must know of: beside the controls and in the status line.
void App::show_error(const std::string& msg) {
    error_text_ = msg;
    status_.message = msg;
}

void App::open_path(const std::string& path) {
    std::vector<unsigned char> bytes;
    const std::string err = read_file(path, &bytes, kMaxFileBytes);
    if (err.empty()) { on_file(path.substr(path.find_last_of('/') + 1), bytes); return; }
    show_error("Could not load: " + err + ". Nothing was changed.");
}

// The sleep raster records the first (sleeping) digits run's spikes as they happen.
void App::listen_to_sleep() {
    sleep_spikes_.clear();
    if (exp_.run_count() > 0 && exp_.run(0).digits())
        exp_.run(0).digits()->set_sleep_listener([this](int, int layer, const std::vector<int>& n) { sleep_spikes_.add(layer, n); });
}

void App::on_file(const std::string& name, const std::vector<unsigned char>& bytes) {
    std::string err = exp_.load(bytes);
    if (err.empty()) {
        recorder_.restore(exp_);
        listen_to_sleep();   // the loaded runs are new objects; the raster shows their sleep from here on
        status_.message = "loaded networks from " + name;
        error_text_.clear();
        run_error_.clear();
        show_run_error();   // a saved run that had stopped is still stopped
    } else {
        show_error("Could not load '" + name + "': " + err + ". Nothing was changed.");
    }
}

}  // namespace sleepnet::app
