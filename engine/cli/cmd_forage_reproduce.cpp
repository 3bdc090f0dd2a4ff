// sleepnet reproduce golden2022: every foraging protocol over N seeds, one table with the published
// numbers (reference A8) beside ours. Protocols share prefixes, so each seed runs "unsupervised -> T1 ->
// tests" once and branches (save, load, switch_protocol) into every continuation; results are identical to
// running each protocol from scratch (runs are deterministic per seed).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>

#include "cli/cmd_forage_common.h"
#include "core/json.h"
#include "forage/protocol.h"
#include "published.h"

namespace sleepnet::cli {

static const char* kReproForageUsage =
    "usage: sleepnet reproduce golden2022 [--seeds N] [--scale demo|medium|paper] [--protocols A,B] [--json FILE]\n"
    "                                     [model keys...]\n"
    "Runs every protocol of Golden et al. 2022 (foraging agent, sleep against catastrophic forgetting) for N\n"
    "seeds on threads and prints the published mean beside ours (mean and SD over seeds). --protocols runs\n"
    "some of them (e.g. sequential,sleep_t2: the headline pair), sharing their first stages as a full run does.";

namespace {
using published::kGolden2022;

// protocol -> checkpoint -> per task: score, and whether anything was eaten (else the score is 0.5), for one seed.
struct Cell { double score[2] = {0, 0}; bool scored[2] = {false, false}; };
using SeedScores = std::map<std::string, std::map<std::string, Cell>>;

// Runs r to its end in slices of `steps`, calling tick() after each (progress). Returns false (and its error in
// *err) if it stopped early.
bool finish(ForageRun& r, const std::string& proto, SeedScores& out, std::atomic<int64_t>& done, int64_t steps,
            const std::function<void()>& tick, std::string* err) {
    while (!r.done()) { done += r.advance(steps); tick(); }
    if (!r.error().empty()) { *err = proto + ": " + r.error(); return false; }
    for (const auto& res : r.results()) {
        Cell& c = out[proto][res.checkpoint];
        c.score[res.task] = res.score;
        c.scored[res.task] = res.scored();
    }
    return true;
}

// The protocols the reproduction runs, by where each starts from: the state after Task 1's tests, the naive
// network (after the developmental stage), or the shared run itself (sequential, then on to sleep on Task 1).
const std::vector<std::string> kFromT1 = {"interleaved", "sleep_t2", "uniform_sleep", "freeze1", "freeze5", "freeze10"};
const std::vector<std::string> kFromNaive = {"single_t2", "naive_sleep"};
const std::vector<std::string> kOnBase = {"sequential", "t1_t2_sleep_t1"};

// All of them, in the order the usage messages list them.
const std::vector<std::string>& reproduced_protocols() {
    static const std::vector<std::string> all = [] {
        std::vector<std::string> v = kOnBase;
        v.insert(v.end(), kFromT1.begin(), kFromT1.end());
        v.insert(v.end(), kFromNaive.begin(), kFromNaive.end());
        return v;
    }();
    return all;
}

// --protocols: "" = all; else comma-separated names (blanks around a name ignored). "" or an error.
std::string parse_protocols(const std::string& text, std::set<std::string>* out) {
    const std::vector<std::string>& valid = reproduced_protocols();
    if (text.empty()) { out->insert(valid.begin(), valid.end()); return ""; }
    for (size_t i = 0; i <= text.size();) {
        size_t j = text.find(',', i);
        if (j == std::string::npos) j = text.size();
        std::string name = text.substr(i, j - i);
        name.erase(0, name.find_first_not_of(" \t"));
        name.erase(name.find_last_not_of(" \t") + 1);
        i = j + 1;
        if (name.empty()) continue;
        if (std::find(valid.begin(), valid.end(), name) == valid.end()) {
            std::string msg = "--protocols: unknown protocol '" + name + "'";
            if (name == "single") msg += " (the single-task figures are sequential's tests after Task 1: use sequential)";
            msg += "; valid:";
            for (const auto& v : valid) msg += " " + v;
            return msg;
        }
        out->insert(name);
    }
    return out->empty() ? "--protocols '" + text + "' names no protocol (leave it out to run them all)" : "";
}
}  // namespace

static int run_reproduce_golden(const Args& args) {
    ForageCliOptions o;
    o.seeds = 10;
    ForageParams p;
    bool help = false;
    if (!parse_forage_args("reproduce golden2022", args, kReproForageUsage, &o, &p, &help, false)) return help ? kOk : kUsage;
    std::set<std::string> sel;
    if (const std::string e = parse_protocols(o.protocols, &sel); !e.empty()) {
        std::fprintf(stderr, "sleepnet reproduce golden2022: %s\n", e.c_str());
        return kUsage;
    }
    const bool subset = sel.size() < reproduced_protocols().size();
    if (!check_output_files("reproduce golden2022", {o.json})) return kFail;
    auto has = [&](const std::string& name) { return sel.count(name) > 0; };
    auto any = [&](const std::vector<std::string>& names) {
        return std::any_of(names.begin(), names.end(), [&](const std::string& n) { return has(n); });
    };
    const int64_t A = static_cast<int64_t>(p.epoch_steps) * p.epochs_per_aeon;
    const int64_t U = p.unsup_aeons, T1 = p.train_aeons + 2 * static_cast<int64_t>(p.test_aeons);
    const bool need_t1 = any(kFromT1) || any(kOnBase);
    // Aeons per seed, for the progress: the shared stages, then each protocol's own continuation.
    auto total = [&](const std::string& name) { forage::Protocol pr; forage::make_protocol(name, p, &pr); return pr.total_aeons(); };
    int64_t per_seed = U + (need_t1 ? T1 : 0);
    for (const auto& n : kFromT1) if (has(n)) per_seed += total(n) - (U + T1);
    for (const auto& n : kFromNaive) if (has(n)) per_seed += total(n) - U;
    if (any(kOnBase)) per_seed += total("sequential") - (U + T1);
    if (has("t1_t2_sleep_t1")) per_seed += total("t1_t2_sleep_t1") - total("sequential");
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
            progress.update(static_cast<double>(done.load()) / (static_cast<double>(A) * per_seed * o.seeds),
                            "seed " + std::to_string(seed));
        };
        std::string& err = errors[static_cast<size_t>(i)];
        ForageRun base(p, "sequential", seed);
        for (int64_t a = 0; a < U; ++a) { done += base.advance(A); tick(); }
        if (!base.error().empty()) { err = "the shared first stages: " + base.error(); return; }
        const auto naive = base.save();
        // A branch that cannot be taken is a defect of the protocol table: stop rather than report a
        // continuation under the wrong name.
        auto must = [&](const std::string& err) {
            if (err.empty()) return;
            std::fprintf(stderr, "sleepnet reproduce golden2022: internal error, seed %llu: %s\n",
                         static_cast<unsigned long long>(seed), err.c_str());
            std::abort();
        };
        auto branch = [&](const std::vector<uint8_t>& blob, const std::string& proto) {
            ForageRun r(p, "sequential", seed);
            must(r.load(blob));
            must(r.switch_protocol(proto));
            return finish(r, proto, sc, done, A, tick, &err);
        };
        if (need_t1) {
            for (int64_t a = 0; a < T1; ++a) { done += base.advance(A); tick(); }
            if (!base.error().empty()) { err = "the shared first stages: " + base.error(); return; }
            const auto after_t1 = base.save();
            for (const auto& pr : kFromT1)
                if (has(pr) && !branch(after_t1, pr)) return;
        }
        for (const auto& pr : kFromNaive)
            if (has(pr) && !branch(naive, pr)) return;
        if (!any(kOnBase)) return;
        if (!finish(base, "sequential", sc, done, A, tick, &err)) return;
        if (has("t1_t2_sleep_t1")) {
            must(base.switch_protocol("t1_t2_sleep_t1"));
            finish(base, "t1_t2_sleep_t1", sc, done, A, tick, &err);
        }
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
    for (const published::GoldenRow& r : kGolden2022) {
        if (!has(r.protocol)) continue;   // a protocol --protocols left out
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
    }
    warn_unscored_tests("reproduce golden2022", unscored);
    std::printf("Golden et al. 2022, foraging: scale %s, values %s, %d seed%s\n", p.scale.c_str(), p.values.c_str(),
                o.seeds, o.seeds == 1 ? "" : "s");
    if (subset) {
        std::string list;
        for (const auto& n : sel) list += (list.empty() ? "" : ",") + n;
        std::printf("protocols: %s (of the reproduction's %zu)\n", list.c_str(), reproduced_protocols().size());
    }
    if (const std::string changed = forage_params_changed(p); !changed.empty())
        std::printf("changed from the preset: %s\n", changed.c_str());
    std::printf("%s", repro_table(rows, 3).c_str());
    if (!o.json.empty()) {
        const std::vector<std::string> named = subset ? std::vector<std::string>(sel.begin(), sel.end()) : std::vector<std::string>{};
        const std::string e = write_text_file(o.json, repro_json("golden2022", o.seeds, rows, named));
        if (!e.empty()) { std::fprintf(stderr, "sleepnet reproduce golden2022: %s\n", e.c_str()); return kFail; }
    }
    return kOk;
}

static Command reg_repro{"reproduce golden2022", "every foraging protocol, published numbers beside ours",
                         kReproForageUsage, run_reproduce_golden};

}  // namespace sleepnet::cli
