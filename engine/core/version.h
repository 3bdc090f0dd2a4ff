// sleepnet core: build identity, shown by `sleepnet version`, the app's title bar and the JS status API.
#pragma once
#ifndef SLEEPNET_VERSION
#define SLEEPNET_VERSION "0.0.0"
#endif
#ifndef SLEEPNET_BUILD_TYPE
#define SLEEPNET_BUILD_TYPE "unknown"
#endif
#ifndef SLEEPNET_SIMD
#define SLEEPNET_SIMD "none"
#endif

namespace sleepnet {
struct BuildInfo {
    const char* version = SLEEPNET_VERSION;
    const char* build_type = SLEEPNET_BUILD_TYPE;
    const char* simd = SLEEPNET_SIMD;      // "native", "sse2", "wasm-simd128"
#ifdef __EMSCRIPTEN__
    const char* platform = "wasm";
#else
    const char* platform = "native";
#endif
};
inline BuildInfo build_info() { return {}; }
}  // namespace sleepnet
