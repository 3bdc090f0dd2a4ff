// sleepnet app: the Dear ImGui application shared by the browser and the desktop.
//
// The platform (platform_web.cpp / platform_desktop.cpp) owns the window and the main loop; each frame it
// calls App::frame between ImGui::NewFrame and ImGui::Render. The app drives the engine with a bounded work
// budget per frame and draws read-only snapshots of it.
#pragma once
#include <string>
#include <vector>

#include "platform.h"

namespace sleepnet::app {

// What the page's JavaScript and the tests can read (web/bindings.cpp exposes it through Embind).
struct AppStatus {
    std::string version, build_type, simd, platform;
    long long frames = 0;          // frames rendered so far
    double fps = 0;                // smoothed
    std::string data;              // data set state, e.g. "MNIST 60000/10000"
    std::string message;           // the status line
    std::string gl_error;          // shader or GL set-up problem, empty when fine
};

class App {
public:
    void init(const PlatformInfo& info);      // after the GL context and ImGui exist
    void frame(int fb_width, int fb_height, double dt_seconds);
    void on_file(const std::string& name, const std::vector<unsigned char>& bytes);
    const AppStatus& status() const { return status_; }
    void shutdown();

private:
    PlatformInfo info_;
    AppStatus status_;
    double fps_acc_ = 0;
    int fps_frames_ = 0;
    bool gfx_ok_ = false;
    void draw_status_window(int fb_width, int fb_height);
};

App& the_app();

// One frame after the platform has started ImGui's backends for it: builds the UI, renders it into the
// w x h framebuffer. Shared by both platforms so the frame sequence lives in one place.
void app_render_frame(int w, int h, double dt_seconds);

// Sets ImGui's fonts and style for a given scale (device pixels per CSS pixel); call before the first frame.
void app_setup_imgui(float ui_scale);

}  // namespace sleepnet::app
