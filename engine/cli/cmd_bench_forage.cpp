// sleepnet bench forage: simulated steps/s and s/aeon of the foraging model per stage kind (unsupervised,
// task training, test, sleep), median over aeons and repeats. The authors' C++ code, timed alone on one
// core of this kind of machine, takes 0.41 / 0.30-0.34 / 0.23-0.28 / 0.65-1.34 s per aeon (reference A11).
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>

#include "cli/cmd_forage_common.h"

namespace sleepnet::cli {

static const char* kBenchForageUsage =
    "usage: sleepnet bench forage [--aeons N] [--repeats R] [--warmup W] [--stepping skip|full] [model keys...]\n"
    "Times the foraging model on one thread: each repeat runs W unsupervised aeons (not timed), then N timed\n"
    "aeons each of unsupervised, Task-1 training, testing and Interleaved(sleep,T2) (half sleep). Prints the\n"
    "median seconds per aeon and simulated steps per second per stage kind, and the speed-up over the\n"
    "authors' code (reference A11). The stage lengths and the aeon (100 movement cycles) are set by the\n"
    "benchmark; the model keys choose the rates (--scale) and constants (--values), as in `sleepnet forage`.";

static int run_bench_forage(const Args& args) {
    ForageParams p;
    int aeons = 4, repeats = 3, warmup = 20;
    SettingsTable t;
    t.add_int("aeons", &aeons, 1, 100000, "timed aeons per stage kind and repeat");
    t.add_int("repeats", &repeats, 1, 1000, "repeats (different seeds)");
    t.add_int("warmup", &warmup, 0, 100000, "untimed unsupervised aeons before timing");
    ForageParams scratch;     // the help lists the demo preset's values (--scale picks another preset's rates)
    scratch.apply_presets();
    scratch.bind(t);
    // The benchmark sets the stage lengths, and compares with the authors' aeons of 100 movement cycles.
    for (const char* k : {"unsup_aeons", "train_aeons", "test_aeons", "interleave_aeons", "epochs_per_aeon"}) t.remove(k);
    bool help = false;
    std::vector<KeyValue> kvs;
    if (!parse_settings("bench forage", args, t, kBenchForageUsage, &help, nullptr, &kvs)) return kUsage;
    if (help) return kOk;
    if (!apply_forage_keys("bench forage", kvs, &p)) return kUsage;
    p.unsup_aeons = warmup + aeons; p.train_aeons = aeons; p.test_aeons = aeons; p.interleave_aeons = 2 * aeons;
    // The authors' code (reference A11): lowest and highest s/aeon measured; sleep after Task-1 training.
    const double authors_lo[4] = {0.41, 0.30, 0.23, 1.34}, authors_hi[4] = {0.41, 0.34, 0.28, 1.34};
    const char* names[4] = {"unsupervised", "task training", "test", "sleep"};
    std::vector<double> secs[4];
    Progress progress("bench forage");
    for (int r = 0; r < repeats; ++r) {
        ForageRun run(p, "sleep_t2", static_cast<uint64_t>(r + 1));
        const auto stages = run.stage_names();
        int a = 0;
        while (!run.done()) {
            const auto t0 = std::chrono::steady_clock::now();
            const std::clock_t c0 = std::clock();
            run.advance(static_cast<int64_t>(p.epoch_steps) * p.epochs_per_aeon);
            const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
            const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            // CPU time of this single-threaded process: robust when other jobs share the cores.
            const double s = cpu > 0 ? cpu : wall;
            if (run.timeline().empty() || static_cast<int>(run.timeline().size()) <= a) continue;
            const ForageAeon& x = run.timeline().back();
            a = static_cast<int>(run.timeline().size());
            const std::string& st = stages[static_cast<size_t>(x.stage)];
            int kind = -1;
            if (st == "unsupervised") kind = x.aeon >= warmup ? 0 : -1;
            else if (st.rfind("train", 0) == 0 || (st.rfind("Interleaved", 0) == 0 && !x.sleep)) kind = 1;
            else if (st.rfind("test", 0) == 0) kind = 2;
            else if (x.sleep) kind = 3;
            if (kind >= 0) secs[kind].push_back(s);
            progress.update((r + static_cast<double>(run.step()) / run.total_steps()) / repeats);
        }
        if (!run.error().empty()) {
            progress.done();
            std::fprintf(stderr, "sleepnet bench forage: %s\n", run.error().c_str());
            return kFail;
        }
    }
    progress.done();
    std::printf("foraging model, scale=%s (rates), stepping=%s, values=%s, one thread, %s build, CPU seconds per aeon (median)\n",
                p.scale.c_str(), p.stepping.c_str(), p.values.c_str(), SLEEPNET_SIMD);
    std::printf("%-14s %10s %12s %15s %12s\n", "stage", "s/aeon", "steps/s", "authors s/aeon", "speed-up");
    for (int k = 0; k < 4; ++k) {
        auto v = secs[k];
        if (v.empty()) continue;
        std::sort(v.begin(), v.end());
        const double med = v[v.size() / 2];
        const double steps = static_cast<double>(p.epoch_steps) * p.epochs_per_aeon;
        char range[32], gain[32];
        if (authors_lo[k] == authors_hi[k]) {
            std::snprintf(range, sizeof range, "%.2f", authors_lo[k]);
            std::snprintf(gain, sizeof gain, "%.1fx", authors_lo[k] / med);
        } else {
            std::snprintf(range, sizeof range, "%.2f-%.2f", authors_lo[k], authors_hi[k]);
            std::snprintf(gain, sizeof gain, "%.1f-%.1fx", authors_lo[k] / med, authors_hi[k] / med);
        }
        std::printf("%-14s %10.4f %12.0f %15s %12s\n", names[k], med, steps / med, range, gain);
    }
    return kOk;
}

static Command reg_bench{"bench forage", "time the foraging model per stage kind", kBenchForageUsage, run_bench_forage};

}  // namespace sleepnet::cli
