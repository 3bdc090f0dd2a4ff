// sleepnet: the published figures the reproductions stand beside, in one place for the command line's tables
// and the app's headline.
//
// Contents: 1. Golden et al. 2022 (foraging)  2. Tadros et al. 2022 (digits)
#pragma once
#include <cmath>
#include <limits>
#include <string>

namespace sleepnet::published {

// ---- 1. Golden et al. 2022, PLOS Comput Biol (reference golden2022.md, A8: means of 10 trials) --------------
// One row per (protocol, checkpoint) with a published figure; NaN where the paper gives none for that task.
// `ends`: another protocol whose last checkpoint this row is (the reproduction reads it from `protocol`'s run).
struct GoldenRow {
    const char* condition; const char* protocol; const char* checkpoint; double task[2]; const char* ends = nullptr;
};
inline constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
inline constexpr GoldenRow kGolden2022[] = {
    {"after Task 1 training only", "sequential", "after T1", {0.70, 0.53}, "single"},
    {"after Task 2 training only", "single_t2", "after T2", {kNone, 0.69}},
    {"sequential T1->T2", "sequential", "after T2", {0.52, 0.69}},
    {"T1 -> Interleaved(T1,T2)", "interleaved", "after Interleaved(T1,T2)", {0.68, 0.65}},
    {"T1 -> Interleaved(sleep,T2)", "sleep_t2", "after Interleaved(sleep,T2)", {0.70, 0.68}},
    {"T1 -> T2 -> Interleaved(sleep,T1)", "t1_t2_sleep_t1", "after Interleaved(sleep,T1)", {kNone, kNone}},
    {"uniform-noise sleep, T1 -> Interleaved(US,T2)", "uniform_sleep", "after Interleaved(uniform sleep,T2)", {0.67, 0.69}},
    {"freeze top 1% of T1 synapses, then T2", "freeze1", "after T2", {0.54, 0.68}},
    {"freeze top 5%, then T2", "freeze5", "after T2", {0.65, 0.61}},
    {"freeze top 10%, then T2", "freeze10", "after T2", {0.70, 0.53}},
    {"naive net -> Interleaved(sleep,T1)", "naive_sleep", "after Interleaved(sleep,T1)", {0.60, 0.49}},
};

// The row of a protocol's end: the row that names it in `ends`, else its last checkpoint with a published
// figure for either task; nullptr if none.
inline const GoldenRow* golden_final(const std::string& protocol) {
    const GoldenRow* found = nullptr;
    for (const GoldenRow& r : kGolden2022) {
        if (r.ends && protocol == r.ends) return &r;
        if (protocol == r.protocol && !(std::isnan(r.task[0]) && std::isnan(r.task[1]))) found = &r;
    }
    return found;
}

// ---- 2. Tadros et al. 2022, Nat Commun (reference tadros2022.md) -----------------------------------------
// Final accuracy on all 10 classes (percent) after the five tasks 01,23,45,67,89, network 784-1200-1200-10.
inline constexpr const char* kTadrosOrder = "01,23,45,67,89";
inline constexpr double kTadrosSequential = 19.49, kTadrosSrc = 48.47, kTadrosJoint = 98.02;

}  // namespace sleepnet::published
