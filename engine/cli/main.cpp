// sleepnet: the headless command line. `sleepnet --help` lists the commands; each has its own --help.
#include <cstdio>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <new>
#include <string>

#include "cli/cli.h"
#include "core/version.h"

using namespace sleepnet;

static void print_help() {
    std::printf(
        "sleepnet %s - a spiking-network laboratory: catastrophic forgetting and sleep.\n\n"
        "Usage: sleepnet COMMAND [options]\n\nCommands:\n", build_info().version);
    size_t w = 7;
    for (auto* c : cli::commands()) w = std::max(w, std::strlen(c->name));
    std::printf("  %-*s  %s\n", static_cast<int>(w), "version", "print the version, build type and SIMD mode");
    std::printf("  %-*s  %s\n", static_cast<int>(w), "help", "this text");
    for (auto* c : cli::commands()) std::printf("  %-*s  %s\n", static_cast<int>(w), c->name, c->summary);
    std::printf("\nRun 'sleepnet COMMAND --help' for a command's options.\n");
}

static bool is_help(const std::string& a) { return a == "--help" || a == "-h" || a == "help"; }

static int dispatch(int argc, char** argv) {
    if (argc < 2) { print_help(); return cli::kUsage; }
    std::string a1 = argv[1];
    if (is_help(a1) && argc == 2) { print_help(); return cli::kOk; }
    std::vector<std::string> words(argv + 1, argv + argc);
    if (is_help(a1) && argc == 3 && is_help(words[1])) { print_help(); return cli::kOk; }   // help help
    if (is_help(a1)) {   // "sleepnet help digits" = "sleepnet digits --help"
        words.erase(words.begin());
        words.push_back("--help");
    }
    if (words[0] == "version" || words[0] == "--version") {
        if (words.size() == 2 && is_help(words[1])) {
            std::printf("usage: sleepnet version\nPrints the version, the build type, the platform and the SIMD mode.\n");
            return cli::kOk;
        }
        if (words.size() > 1) { std::fprintf(stderr, "sleepnet version: takes no options\n"); return cli::kUsage; }
        auto b = build_info();
        std::printf("sleepnet %s (%s build, %s, simd %s)\n", b.version, b.build_type, b.platform, b.simd);
        return cli::kOk;
    }
    // Two-word commands first ("bench forage"), then one-word ones.
    const size_t n = words.size();
    for (size_t k = 2; k >= 1; --k) {
        if (n < k) continue;
        const std::string name = k == 2 ? words[0] + " " + words[1] : words[0];
        for (auto* c : cli::commands())
            if (name == c->name) {
                try {
                    return c->run(cli::Args(words.begin() + static_cast<long>(k), words.end()));
                } catch (const std::bad_alloc&) {
                    // Sizes are capped per network; several threads of large networks can still exceed memory.
                    std::fprintf(stderr, "sleepnet %s: out of memory; use fewer --threads, fewer seeds at once or a "
                                 "smaller network\n", c->name);
                    return cli::kFail;
                }
            }
    }
    // A known first word with an unknown second word gets the list of its sub-commands.
    const std::string& w0 = words[0];
    std::string subs;
    for (auto* c : cli::commands())
        if (std::strncmp(c->name, w0.c_str(), w0.size()) == 0 && c->name[w0.size()] == ' ') subs += std::string("  sleepnet ") + c->name + "\n";
    if (!subs.empty()) {
        if (n > 1 && is_help(words[1])) {
            std::printf("sleepnet %s: one of\n%sRun 'sleepnet %s NAME --help' for its options.\n", w0.c_str(), subs.c_str(), w0.c_str());
            return cli::kOk;
        }
        std::fprintf(stderr, "sleepnet %s: %s\nOne of:\n%s", w0.c_str(),
                     n > 1 ? ("unknown subcommand '" + words[1] + "'").c_str() : "needs a subcommand", subs.c_str());
        return cli::kUsage;
    }
    std::fprintf(stderr, "sleepnet: unknown command '%s'. Run 'sleepnet --help' for the list.\n", w0.c_str());
    return cli::kUsage;
}

// Results go to stdout: a write that failed (a full disk, a closed pipe without SIGPIPE) must not end with exit 0.
int main(int argc, char** argv) {
    const int rc = dispatch(argc, argv);
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
        std::fprintf(stderr, "sleepnet: cannot write to standard output: %s\n", std::strerror(errno));
        return rc == cli::kOk ? cli::kFail : rc;
    }
    return rc;
}
