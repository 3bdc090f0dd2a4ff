// Foraging model, a small statistical reproduction (Golden et al. 2022, Fig 3): after Task-1 training,
// sequential Task-2 training erases Task 1, while interleaving Task-2 training with sleep retains it (higher
// Task-1 test score; the strongest Task-1 synapses keep more of their weight) and still learns Task 2.
// Demo constants and unsupervised stage, shorter training/test/interleave stages (200/15/320 aeons; the demo
// preset has 1500/25/1500), 2 fixed seeds, both branches from the same Task-1 state. (With a 20-aeon
// unsupervised stage sleep does not protect: the hidden rates that set the sleep noise are not settled yet.
// With demo preset v4's rates, 100/15/160 is too short: Task 1 is barely learnt and the top-10 % check fails.)
// Takes ~15 s natively (2 threads); skipped under sanitizers and in WebAssembly, where it is several times slower.
// Measured (demo rates of presets v5 and v6, which are equal): Task 1 after T1 / sequential / with sleep 0.733 /
// 0.587 / 0.731 (seed 1) and 0.667 / 0.583 / 0.784 (seed 2), so forgetting 0.115 and protection 0.172 against the
// 0.02 bounds; top-10 % retention with sleep / sequential 0.634 / 0.591 and 0.730 / 0.697. The bounds are loose
// because two seeds vary by more than 0.05 (seed 2 forgets little); they fail if either effect vanishes.
// Task 2 after T1 / with sleep: 0.497 / 0.652 (seed 1), 0.373 / 0.583 (seed 2), so 0.118 above chance (0.5) on
// average against the 0.06 bound; one score's standard error is 0.03-0.05 (103-207 particles eaten). A sleep
// branch that trains on Task 1's world instead reaches 0.554 / 0.527 (0.041 above chance: Task 2 drifts
// towards chance) and fails, but only by 0.02: two seeds cannot separate the two more clearly.
#include <doctest.h>

#include <algorithm>
#include <string>

#include "core/parallel.h"
#include "forage/forage_run.h"

using namespace sleepnet;

#if defined(__SANITIZE_ADDRESS__) || defined(__EMSCRIPTEN__)
#define SN_FORAGE_STATS_SKIP true
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SN_FORAGE_STATS_SKIP true
#endif
#endif
#ifndef SN_FORAGE_STATS_SKIP
#define SN_FORAGE_STATS_SKIP false
#endif

namespace {
struct Branch { double t1_before = 0, t2_before = 0, t1_after = 0, t2_after = 0, top_retention = 0; };

// Mean weight of the top 10 % incoming H->O weights of each O neuron (after Task 1), after / before.
double top_retention(const std::vector<float>& before, const std::vector<float>& after) {
    double b = 0, a = 0;
    for (int o = 0; o < 8; ++o) {
        std::vector<int> idx;
        for (int h = 0; h < 784; ++h) idx.push_back(h * 8 + o);
        std::stable_sort(idx.begin(), idx.end(), [&](int x, int y) { return before[x] > before[y]; });
        for (int k = 0; k < 79; ++k) { b += before[idx[k]]; a += after[idx[k]]; }
    }
    return a / b;
}
}  // namespace

TEST_CASE("forage statistics: sequential training forgets Task 1, interleaved sleep retains it and learns Task 2" *
          doctest::skip(SN_FORAGE_STATS_SKIP)) {
    ForageParams p;
    forage_params_from_query("scale=demo&train_aeons=200&test_aeons=15&interleave_aeons=320", &p);
    const int64_t A = 60000;
    Branch seq[2], slp[2];
    std::string err[2];
    parallel_for(2, 2, [&](int i) {
        const uint64_t seed = static_cast<uint64_t>(i + 1);
        ForageRun base(p, "sequential", seed);
        base.advance(A * (p.unsup_aeons + p.train_aeons + 2 * p.test_aeons));
        const auto w_t1 = base.weights();
        const auto blob = base.save();
        for (int b = 0; b < 2; ++b) {
            ForageRun r(p, "sequential", seed);
            std::string e = r.load(blob);
            if (e.empty()) e = r.switch_protocol(b == 0 ? "sequential" : "sleep_t2");
            if (!e.empty()) { err[i] = e; return; }   // checked below, on the test's thread
            r.advance(A * (b == 0 ? p.train_aeons : p.interleave_aeons));   // 200 aeons of Task 2, or 160 + 160 of sleep
            Branch& out = b == 0 ? seq[i] : slp[i];
            out.top_retention = top_retention(w_t1, r.weights());
            while (!r.done()) r.advance(A * 10);
            for (const auto& res : r.results()) {
                if (res.checkpoint == "after T1") (res.task == 0 ? out.t1_before : out.t2_before) = res.score;
                else (res.task == 0 ? out.t1_after : out.t2_after) = res.score;
            }
        }
    });
    REQUIRE(err[0] == "");
    REQUIRE(err[1] == "");
    double forget = 0, protect = 0, learn_t2 = 0;
    for (int i = 0; i < 2; ++i) {
        INFO("seed " << i + 1 << ": T1 after T1 " << seq[i].t1_before << " T2 " << seq[i].t2_before << ", sequential T1 "
             << seq[i].t1_after << " T2 " << seq[i].t2_after << " top10 " << seq[i].top_retention << "; sleep T1 " << slp[i].t1_after
             << " T2 " << slp[i].t2_after << " top10 " << slp[i].top_retention);
        MESSAGE("seed " << i + 1 << ": top-10 % retention sleep " << slp[i].top_retention << ", sequential " << seq[i].top_retention);
        CHECK(slp[i].top_retention > seq[i].top_retention);   // sleep keeps the strongest Task-1 synapses
        forget += (seq[i].t1_before - seq[i].t1_after) / 2;
        protect += (slp[i].t1_after - seq[i].t1_after) / 2;
        learn_t2 += (slp[i].t2_after - 0.5) / 2;
    }
    MESSAGE("forgetting " << forget << ", protection " << protect << " (each must exceed 0.02), Task 2 with sleep "
            << learn_t2 << " above chance (must exceed 0.06)");
    CHECK(forget > 0.02);    // sequential Task-2 training lowers Task 1
    CHECK(protect > 0.02);   // interleaved sleep keeps Task 1 above the sequential result
    CHECK(learn_t2 > 0.06);  // ... and its Task-2 aeons teach Task 2
}
