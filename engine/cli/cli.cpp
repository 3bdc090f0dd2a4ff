#include "cli/cli.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <system_error>
#ifndef _WIN32
#include <unistd.h>
#endif

namespace sleepnet::cli {

static std::vector<const Command*>& registry() {
    static std::vector<const Command*> r;
    return r;
}
const std::vector<const Command*>& commands() { return registry(); }

Command::Command(const char* n, const char* s, const char* u, RunFn r) : name(n), summary(s), usage(u), run(r) {
    registry().push_back(this);
}

bool parse_settings(const char* cmd, const Args& args, SettingsTable& table, const char* usage, bool* wants_help,
                    std::vector<std::string>* positional, std::vector<KeyValue>* parsed) {
    *wants_help = false;
    std::vector<std::string> pos;
    auto kvs = parse_args(args, &pos);
    // Help is asked for by an argument of its own, not by a value ("--order -h" is a bad order, not help).
    bool help = false;
    for (auto& kv : kvs) help = help || kv.key == "help";
    for (auto& p : pos) help = help || p == "-h";
    if (help) {
        std::printf("%s\nOptions (--key VALUE or --key=VALUE; a bare --key switches a 0|1 key on):\n%s", usage,
                    table.help().c_str());
        *wants_help = true;
        return true;
    }
    auto issues = table.apply(kvs);
    if (parsed) *parsed = kvs;
    bool ok = issues.empty();
    // A key given twice with different values is refused: taking the last one silently would let a command
    // line say two things (a repeat of the same value is harmless).
    for (const auto& c : conflicting_keys(kvs, [&](const std::string& k) { return table.is_number(k); })) {
        std::fprintf(stderr, "sleepnet %s: option '--%s' is given twice ('%s' and '%s'); give it once\n", cmd,
                     c.first.key.c_str(), c.first.bare ? "(bare)" : c.first.value.c_str(),
                     c.second.bare ? "(bare)" : c.second.value.c_str());
        ok = false;
    }
    for (auto& i : issues)
        std::fprintf(stderr, "sleepnet %s: bad option '--%s%s%s': %s\n", cmd, i.key.c_str(), i.value.empty() ? "" : "=",
                     i.value.c_str(), i.message.c_str());
    if (positional) *positional = pos;
    else for (auto& p : pos) { std::fprintf(stderr, "sleepnet %s: unexpected argument '%s'\n", cmd, p.c_str()); ok = false; }
    if (!ok) std::fprintf(stderr, "Try 'sleepnet %s --help'.\n", cmd);
    return ok;
}

static double now_s() {
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

Progress::Progress(std::string label) : label_(std::move(label)), start_(now_s()) {
#if defined(__EMSCRIPTEN__)
    const char* tty = std::getenv("SLEEPNET_STDERR_IS_TTY");   // set by web/node_pre.js
    tty_ = tty && tty[0] == '1';
#elif !defined(_WIN32)
    tty_ = isatty(2);
#else
    tty_ = false;
#endif
}

void Progress::update(double f, const std::string& detail) {
    if (tty_) {
        double t = now_s();
        if (t - last_time_ < 0.2) return;
        last_time_ = t;
        std::fprintf(stderr, "\r%s %5.1f%% %s\033[K", label_.c_str(), 100.0 * f, detail.c_str());
    } else {
        const int d = static_cast<int>(f * 10);
        const double t = now_s();
        if (!progress_line_due(d, last_decile_, t, last_time_)) return;
        if (d != last_decile_) std::fprintf(stderr, "%s %3d%% %s\n", label_.c_str(), d * 10, detail.c_str());
        else std::fprintf(stderr, "%s %5.1f%% %s (%.0f s)\n", label_.c_str(), 100.0 * f, detail.c_str(), t - start_);
        last_decile_ = d;
        last_time_ = t;
    }
    std::fflush(stderr);
}

void Progress::done(const std::string& detail) {
    std::fprintf(stderr, tty_ ? "\r%s done in %.1f s%s%s\033[K\n" : "%s done in %.1f s%s%s\n", label_.c_str(), now_s() - start_,
                 detail.empty() ? "" : " ", detail.c_str());
}

// Whether two paths name one file: the same text, the same file once resolved ("./a" and "a"), or, when
// both exist, the same file on disk (a hard link).
static bool same_file(const std::string& a, const std::string& b) {
    if (a == b) return true;
    std::error_code ea, eb, eq;
    namespace fs = std::filesystem;
    const auto ca = fs::weakly_canonical(fs::absolute(a, ea), ea), cb = fs::weakly_canonical(fs::absolute(b, eb), eb);
    if (!ea && !eb && ca == cb) return true;
    return fs::equivalent(a, b, eq) && !eq;   // false (with eq set) when either does not exist
}

bool check_output_files(const char* cmd, const std::vector<std::string>& paths, const std::vector<std::string>& inputs) {
    for (const auto& out : paths)
        for (const auto& in : inputs)
            if (!out.empty() && same_file(out, in)) {
                std::fprintf(stderr, "sleepnet %s: the output '%s' is an input file ('%s'); it would be overwritten "
                             "(nothing was run)\n", cmd, out.c_str(), in.c_str());
                return false;
            }
    for (size_t i = 0; i < paths.size(); ++i)
        for (size_t j = i + 1; j < paths.size(); ++j)
            if (!paths[i].empty() && same_file(paths[i], paths[j])) {
                std::fprintf(stderr, "sleepnet %s: two outputs name the same file '%s' (nothing was run)\n", cmd, paths[i].c_str());
                return false;
            }
    for (const auto& path : paths) {
        if (path.empty()) continue;
        namespace fs = std::filesystem;
        std::error_code ec;
        const fs::file_status st = fs::status(path, ec);
        // A pipe or device (a FIFO, /dev/stdout) is not opened to probe it (opening a FIFO waits for its other
        // end): its write permission is checked instead. A socket cannot be written as a file.
        if (!ec && fs::exists(st) && !fs::is_regular_file(st) && !fs::is_directory(st)) {
            if (!fs::is_socket(st) && access(path.c_str(), W_OK) == 0) continue;
            std::fprintf(stderr, "sleepnet %s: cannot write '%s': %s (nothing was run)\n", cmd, path.c_str(),
                         fs::is_socket(st) ? "it is a socket" : std::strerror(errno));
            return false;
        }
        const bool existing = !ec && fs::exists(st);
        FILE* f = std::fopen(path.c_str(), "ab");   // append: an existing file is not truncated by the check
        if (!f) {
            std::fprintf(stderr, "sleepnet %s: cannot write '%s': %s (nothing was run)\n", cmd, path.c_str(), std::strerror(errno));
            return false;
        }
        std::fclose(f);
        if (!existing) std::remove(path.c_str());
    }
    return true;
}

}  // namespace sleepnet::cli
