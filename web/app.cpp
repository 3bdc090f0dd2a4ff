// sleepnet app: windows and the per-frame loop. Each view is a function of an engine snapshot.
#include "app.h"

#include <cstdio>

#include "core/version.h"
#include "gfx.h"
#include "gl.h"
#include "imgui.h"
#include "imgui_impl_opengl3.h"

namespace sleepnet::app {

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
    ImGui::StyleColorsDark();
    ImGuiStyle& st = ImGui::GetStyle();
    st.WindowRounding = 4;
    st.FrameRounding = 3;
    st.ScaleAllSizes(scale);
}

void app_render_frame(int w, int h, double dt) {
    ImGui::NewFrame();
    the_app().frame(w, h, dt);
    ImGui::Render();
    glViewport(0, 0, w, h);
    glClearColor(0.10f, 0.11f, 0.13f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
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
    std::vector<NamedBlob> blobs;
    err = platform_load_dataset(&blobs);
    size_t bytes = 0;
    for (auto& b : blobs) bytes += b.bytes.size();
    status_.data = !err.empty() ? "MNIST not loaded: " + err : "MNIST, " + std::to_string(blobs.size()) + " files, " + std::to_string(bytes >> 20) + " MiB";
    status_.message = gfx_ok_ ? "ready" : "graphics problem: " + status_.gl_error;
}

void App::frame(int fb_width, int fb_height, double dt) {
    status_.frames++;
    fps_acc_ += dt;
    fps_frames_++;
    if (fps_acc_ >= 0.5) { status_.fps = fps_frames_ / fps_acc_; fps_acc_ = 0; fps_frames_ = 0; }
    draw_status_window(fb_width, fb_height);
}

void App::draw_status_window(int fb_width, int fb_height) {
    ImGui::SetNextWindowPos(ImVec2(10, 10), ImGuiCond_FirstUseEver);
    ImGui::Begin("sleepnet", nullptr, ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::Text("sleepnet %s", status_.version.c_str());
    ImGui::TextDisabled("A spiking-network lab: catastrophic forgetting, and sleep that prevents it.");
    ImGui::Separator();
    ImGui::Text("Status: %s", status_.message.c_str());
    ImGui::Text("Engine: %s build, %s, SIMD %s", status_.build_type.c_str(), status_.platform.c_str(), status_.simd.c_str());
    ImGui::Text("Data: %s", status_.data.c_str());
    ImGui::Text("%dx%d px, %.0f fps", fb_width, fb_height, status_.fps);
    ImGui::End();
}

void App::on_file(const std::string& name, const std::vector<unsigned char>& bytes) {
    status_.message = "received " + name + " (" + std::to_string(bytes.size()) + " bytes)";
}

void App::shutdown() { gfx_shutdown(); }

}  // namespace sleepnet::app
