// sleepnet app: the Embind API for the page's JavaScript and the browser tests.
//   Module.status() -> {version, buildType, simd, platform, frames, fps, data, message, glError}
#include <emscripten/bind.h>

#include "app.h"

using namespace emscripten;
using sleepnet::app::AppStatus;

static val status() {
    const AppStatus& s = sleepnet::app::the_app().status();
    val o = val::object();
    o.set("version", s.version);
    o.set("buildType", s.build_type);
    o.set("simd", s.simd);
    o.set("platform", s.platform);
    o.set("frames", static_cast<double>(s.frames));
    o.set("fps", s.fps);
    o.set("data", s.data);
    o.set("message", s.message);
    o.set("glError", s.gl_error);
    return o;
}

EMSCRIPTEN_BINDINGS(sleepnet_app) {
    function("status", &status);
}
