// sleepnet reproduce golden2022: every foraging protocol over N seeds, one table with the published
// numbers (reference A8) beside ours. Protocols share prefixes, so each seed runs "unsupervised -> T1 ->
// tests" once and branches (save, load, switch_protocol) into every continuation; results are identical to
// running each protocol from scratch (runs are deterministic per seed).
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "cli/cmd_forage_common.h"
#include "core/json.h"
#include "forage/protocol.h"
#include "published.h"

namespace sleepnet::cli {

static const char* kReproForageUsage =
    "usage: sleepnet reproduce golden2022 [--seeds N] [--scale demo|medium|paper] [--json FILE] [model keys...]\n"
    "Runs every protocol of Golden et al. 2022 (foraging agent, sleep against catastrophic forgetting) for N\n"
    "seeds on threads and prints the published mean beside ours (mean and SD over seeds).";

namespace {
using published::kGolden2022;

// protocol -> checkpoint -> per task: score, and whether anything was eaten (else the score is 0.5), for one seed.
struct Cell { double score[2] = {0, 0}; bool scored[2] = {false, false}; };
using SeedScores = std::map<std::string, std::map<std::string, Cell>>;

// Runs r to its end. Returns false (and its error in *err) if it stopped early.
bool finish(ForageRun& r, const std::string& proto, SeedScores& out, std::atomic<int64_t>& done, std::string* err) {
    while (!r.done()) done += r.advance(60000);
    if (!r.error().empty()) { *err = proto + ": " + r.error(); return false; }
    for (const auto& res : r.results()) {
        Cell& c = out[proto][res.checkpoint];
        c.score[res.task] = res.score;
        c.scored[res.task] = res.scored();
    }
    return true;
}
}  // namespace

static int run_reproduce_golden(const Args& args) {
    ForageCliOptions o;
    o.seeds = 10;
    ForageParams p;
    bool help = false;
    if (!parse_forage_args("reproduce golden2022", args, kReproForageUsage, &o, &p, &help, false)) return help ? kOk : kUsage;
    if (!check_output_files("reproduce golden2022", {o.json})) return kFail;
    const int64_t A = static_cast<int64_t>(p.epoch_steps) * p.epochs_per_aeon;
    const int64_t U = p.unsup_aeons, T = p.train_aeons, E = p.test_aeons, I = p.interleave_aeons;
    const int64_t per_seed = (U + T + 2 * E) + (T + 2 * E) * 5 + (I + 2 * E) * 4 + (T + 2 * E) + (3 * E + I) ;
    std::vector<SeedScores> scores(static_cast<size_t>(o.seeds));
    std::vector<std::string> errors(static_cast<size_t>(o.seeds));   // a seed whose run stopped early
    std::atomic<int64_t> done{0};
    std::mutex mu;
    Progress progress("reproduce golden2022");
    parallel_for(o.seeds, o.threads, [&](int i) {
        const uint64_t seed = static_cast<uint64_t>(o.first_seed + i);
        SeedScores& sc = scores[static_cast<size_t>(i)];
        auto tick = [&] {
            std::lock_guard<std::mutex> lock(mu);
            progress.update(static_cast<double>(done.load()) / (A * per_seed * o.seeds), "seed " + std::to_string(seed));
        };
        std::string& err = errors[static_cast<size_t>(i)];
        ForageRun base(p, "sequential", seed);
        for (int64_t a = 0; a < U; ++a) { done += base.advance(A); tick(); }
        const auto naive = base.save();
        for (int64_t a = 0; a < T + 2 * E; ++a) { done += base.advance(A); tick(); }
        if (!base.error().empty()) { err = "the shared first stages: " + base.error(); return; }
        const auto after_t1 = base.save();
        // A branch that cannot be taken is a defect of the protocol table: stop rather than report a
        // continuation under the wrong name.
        auto must = [&](const std::string& err) {
            if (err.empty()) return;
            std::fprintf(stderr, "sleepnet reproduce golden2022: internal error, seed %llu: %s\n",
                         static_cast<unsigned long long>(seed), err.c_str());
            std::abort();
        };
        auto branch = [&](const std::vector<uint8_t>& blob, const char* proto) {
            ForageRun r(p, "sequential", seed);
            must(r.load(blob));
            must(r.switch_protocol(proto));
            const bool ok = finish(r, proto, sc, done, &err);
            tick();
            return ok;
        };
        for (const char* pr : {"interleaved", "sleep_t2", "uniform_sleep", "freeze1", "freeze5", "freeze10"})
            if (!branch(after_t1, pr)) return;
        if (!branch(naive, "single_t2") || !branch(naive, "naive_sleep")) return;
        if (!finish(base, "sequential", sc, done, &err)) return;
        must(base.switch_protocol("t1_t2_sleep_t1"));
        finish(base, "t1_t2_sleep_t1", sc, done, &err);
        tick();
    });
    progress.done();
    bool stopped = false;
    for (int i = 0; i < o.seeds; ++i)
        if (!errors[static_cast<size_t>(i)].empty()) {
            std::fprintf(stderr, "sleepnet reproduce golden2022: seed %d: %s\n", o.first_seed + i, errors[static_cast<size_t>(i)].c_str());
            stopped = true;
        }
    if (stopped) return kFail;   // no table of partial runs
    std::vector<ReproRow> rows;
    int unscored = 0;   // table cells (seed x measure) whose test ate nothing
    for (const published::GoldenRow& r : kGolden2022)
        for (int k = 0; k < 2; ++k) {
            std::vector<double> v;
            for (auto& sc : scores) {
                auto pit = sc.find(r.protocol);
                if (pit == sc.end()) continue;
                auto cit = pit->second.find(r.checkpoint);
                if (cit == pit->second.end()) continue;
                v.push_back(cit->second.score[k]);
                unscored += !cit->second.scored[k];
            }
            const MeanSd m = mean_sd(v);
            rows.push_back(ReproRow{r.condition, k == 0 ? "Task 1" : "Task 2", r.task[k], m.mean, m.sd});
        }
    warn_unscored_tests("reproduce golden2022", unscored);
    std::printf("Golden et al. 2022, foraging: scale %s, values %s, %d seed%s\n", p.scale.c_str(), p.values.c_str(),
                o.seeds, o.seeds == 1 ? "" : "s");
    if (const std::string changed = forage_params_changed(p); !changed.empty())
        std::printf("changed from the preset: %s\n", changed.c_str());
    std::printf("%s", repro_table(rows, 3).c_str());
    if (!o.json.empty()) {
        const std::string e = write_text_file(o.json, repro_json("golden2022", o.seeds, rows) + "\n");
        if (!e.empty()) { std::fprintf(stderr, "sleepnet reproduce golden2022: %s\n", e.c_str()); return kFail; }
    }
    return kOk;
}

static Command reg_repro{"reproduce golden2022", "every foraging protocol, published numbers beside ours",
                         kReproForageUsage, run_reproduce_golden};

}  // namespace sleepnet::cli
