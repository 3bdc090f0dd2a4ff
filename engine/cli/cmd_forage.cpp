// sleepnet forage: run one foraging protocol (Golden et al. 2022) over several seeds and print Task 1 /
// Task 2 test performance at the end of each stage as mean +- SD.
#include <chrono>
#include <cstdio>

#include "cli/cmd_forage_common.h"
#include "core/json.h"
#include "forage/protocol.h"

namespace sleepnet::cli {

std::vector<SeedRun> run_forage_seeds(const ForageParams& p, const std::string& protocol, int first_seed, int n,
                                      int threads, const std::string& label) {
    std::vector<SeedRun> runs(static_cast<size_t>(n));
    Progress progress(label);
    std::mutex mu;
    std::atomic<int64_t> done_steps{0};
    int64_t total = 0;
    { ForageRun probe(p, protocol, 1); total = probe.total_steps() * n; }
    const int64_t aeon_steps = static_cast<int64_t>(p.epoch_steps) * p.epochs_per_aeon;
    parallel_for(n, threads, [&](int i) {
        const auto t0 = std::chrono::steady_clock::now();
        ForageRun run(p, protocol, static_cast<uint64_t>(first_seed + i));
        while (!run.done()) {
            const int64_t k = run.advance(aeon_steps);
            const int64_t d = done_steps += k;
            std::lock_guard<std::mutex> lock(mu);
            progress.update(total > 0 ? static_cast<double>(d) / total : 1.0,
                            "seed " + std::to_string(first_seed + i) + " aeon " + std::to_string(run.step() / aeon_steps));
        }
        SeedRun& r = runs[static_cast<size_t>(i)];
        r = forage_outcome(run, protocol, static_cast<uint64_t>(first_seed + i));
        r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    });
    progress.done();
    return runs;
}

std::vector<Checkpoint> collect_checkpoints(const std::vector<SeedRun>& runs) {
    std::vector<Checkpoint> cps;
    for (const auto& r : runs)
        for (const auto& res : r.results) {
            Checkpoint* c = nullptr;
            for (auto& x : cps) if (x.name == res.checkpoint) c = &x;
            if (!c) { cps.push_back(Checkpoint{res.checkpoint, {}}); c = &cps.back(); }
            c->task[res.task].push_back(res.score);
        }
    return cps;
}

static const char* kForageUsage =
    "usage: sleepnet forage [--protocol NAME] [--seeds N] [--scale demo|medium|paper] [--values code|paper]\n"
    "                       [--json FILE] [--csv FILE] [model keys...]\n"
    "Runs one protocol of the foraging model (Golden et al. 2022) for N seeds (on threads) and prints\n"
    "Task 1 / Task 2 test performance (rewarded share of task particles eaten) after each stage.\n"
    "Protocols: single single_t2 sequential interleaved sleep_t2 t1_t2_sleep_t1 uniform_sleep\n"
    "           freeze1 freeze5 freeze10 naive_sleep\n"
    "Model-key defaults below are the demo scale's; --scale and --values reset them, explicit keys win.";

static int run_forage(const Args& args) {
    ForageCliOptions o;
    ForageParams p;
    bool help = false;
    if (!parse_forage_args("forage", args, kForageUsage, &o, &p, &help)) return help ? kOk : kUsage;
    {
        ForageRun probe(p, o.protocol, 1);
        if (!probe.error().empty()) { std::fprintf(stderr, "sleepnet forage: %s\n", probe.error().c_str()); return kUsage; }
    }
    if (!check_output_files("forage", {o.json, o.csv})) return kFail;
    auto runs = run_forage_seeds(p, o.protocol, o.first_seed, o.seeds, o.threads, "forage " + o.protocol);
    bool stopped = false;
    for (const auto& r : runs)
        if (!r.error.empty()) {
            std::fprintf(stderr, "sleepnet forage: seed %llu: %s\n", static_cast<unsigned long long>(r.seed), r.error.c_str());
            stopped = true;
        }
    if (stopped) return kFail;   // no table or files of partial runs
    int empty_tests = 0;
    for (const auto& r : runs)
        for (const auto& res : r.results) empty_tests += !res.scored();
    warn_unscored_tests("forage", empty_tests);
    auto cps = collect_checkpoints(runs);
    const std::string changed = forage_params_changed(p);
    std::printf("protocol %s (%s), scale %s, values %s, %d seed%s\n", o.protocol.c_str(),
                forage::protocol_summary(o.protocol).c_str(), p.scale.c_str(), p.values.c_str(), o.seeds,
                o.seeds == 1 ? "" : "s");
    if (!changed.empty()) std::printf("changed from the preset: %s\n", changed.c_str());
    std::printf("%s %s %s\n", pad_text("checkpoint", 40).c_str(), pad_text("Task 1", 17).c_str(), "Task 2");
    for (const auto& c : cps) {
        const MeanSd a = mean_sd(c.task[0]), b = mean_sd(c.task[1]);
        std::printf("%s %s %s\n", pad_text(c.name, 40).c_str(), pad_text(format_mean_sd(a.mean, a.sd, 3), 17).c_str(),
                    format_mean_sd(b.mean, b.sd, 3).c_str());
    }
    if (!o.json.empty()) {
        JsonWriter j;
        j.begin_object().kv("command", "forage").kv("protocol", o.protocol).kv("scale", p.scale).kv("values", p.values).kv("changed", changed).kv("first_seed", o.first_seed).kv("seeds", o.seeds);
        j.key("checkpoints").begin_array();
        for (const auto& c : cps) {
            j.begin_object().kv("checkpoint", c.name);
            for (int k = 0; k < 2; ++k) {
                auto m = mean_sd(c.task[k]);
                j.key(k == 0 ? "task1" : "task2").begin_object().kv("mean", m.mean).kv("sd", m.sd);
                j.key("values").numbers(c.task[k]).end_object();
            }
            j.end_object();
        }
        j.end_array();
        j.key("runs").begin_array();
        for (const auto& r : runs) {
            j.begin_object();
            forage_outcome_fields(j, r);
            j.end_object();
        }
        j.end_array().end_object();
        const std::string e = write_text_file(o.json, j.str() + "\n");
        if (!e.empty()) { std::fprintf(stderr, "sleepnet forage: %s\n", e.c_str()); return kFail; }
    }
    if (!o.csv.empty()) {
        std::string csv = forage_csv_header();
        for (const auto& r : runs) csv += forage_csv_rows(r);
        const std::string e = write_text_file(o.csv, csv);
        if (!e.empty()) { std::fprintf(stderr, "sleepnet forage: %s\n", e.c_str()); return kFail; }
    }
    return kOk;
}

static Command reg{"forage", "run one foraging protocol (Golden et al. 2022) over seeds", kForageUsage, run_forage};

}  // namespace sleepnet::cli
