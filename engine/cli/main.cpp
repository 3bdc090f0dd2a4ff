// sleepnet: the headless command line. `sleepnet --help` lists the commands; each has its own --help.
#include <cstdio>
#include <algorithm>
#include <cstring>
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

int main(int argc, char** argv) {
    if (argc < 2) { print_help(); return cli::kUsage; }
    std::string a1 = argv[1];
    if (is_help(a1)) { print_help(); return cli::kOk; }
    if (a1 == "version" || a1 == "--version") {
        auto b = build_info();
        std::printf("sleepnet %s (%s build, %s, simd %s)\n", b.version, b.build_type, b.platform, b.simd);
        return cli::kOk;
    }
    // Two-word commands first ("bench forage"), then one-word ones.
    for (int words = 2; words >= 1; --words) {
        if (argc < 1 + words) continue;
        std::string name = argv[1];
        if (words == 2) name += std::string(" ") + argv[2];
        for (auto* c : cli::commands()) {
            if (name != c->name) continue;
            cli::Args rest(argv + 1 + words, argv + argc);
            return c->run(rest);
        }
    }
    // A known first word with an unknown second word gets the list of its sub-commands.
    std::string subs;
    for (auto* c : cli::commands())
        if (std::strncmp(c->name, a1.c_str(), a1.size()) == 0 && c->name[a1.size()] == ' ') subs += std::string("  sleepnet ") + c->name + "\n";
    if (!subs.empty()) {
        if (argc > 2 && is_help(argv[2])) {
            std::printf("sleepnet %s: one of\n%sRun 'sleepnet %s NAME --help' for its options.\n", a1.c_str(), subs.c_str(), a1.c_str());
            return cli::kOk;
        }
        std::fprintf(stderr, "sleepnet %s: %s\nOne of:\n%s", a1.c_str(),
                     argc > 2 ? ("unknown subcommand '" + std::string(argv[2]) + "'").c_str() : "needs a subcommand", subs.c_str());
        return cli::kUsage;
    }
    std::fprintf(stderr, "sleepnet: unknown command '%s'. Run 'sleepnet --help' for the list.\n", a1.c_str());
    return cli::kUsage;
}
