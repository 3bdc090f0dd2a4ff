// Foraging model: protocols as named lists of stages (reference A7 and issue 3), lengths in aeons from
// ForageParams (unsup_aeons, train_aeons, test_aeons, interleave_aeons).
//
//   single        Unsup -> freeze I->H -> T1 -> tests                         (Fig 1B)
//   single_t2     Unsup -> freeze -> T2 -> tests                              (Fig 1C)
//   sequential    ... T1 -> tests -> T2 -> tests                              (Fig 3A,B)
//   interleaved   ... T1 -> tests -> Interleaved(T1,T2) -> tests              (Fig 3C,D)
//   sleep_t2      ... T1 -> tests -> Interleaved(sleep,T2) -> tests           (Fig 3E,F)
//   t1_t2_sleep_t1 ... T1 -> tests -> T2 -> tests -> Interleaved(sleep,T1) -> tests (Fig 4)
//   uniform_sleep ... T1 -> tests -> Interleaved(uniform-noise sleep,T2) -> tests (S4E,F)
//   freeze1|5|10  ... T1 -> tests -> freeze top 1|5|10 % per O neuron -> T2 -> tests (S6A-C)
//   naive_sleep   Unsup -> freeze -> test T2 (its rates feed the noise) -> test T1 ->
//                 Interleaved(sleep,T1) -> tests: sleep does not teach the untrained task (S4A,B)
// "tests" = a Task-1 test then a Task-2 test, plasticity off; each records one result.
#pragma once
#include <string>
#include <vector>

namespace sleepnet {
struct ForageParams;
}

namespace sleepnet::forage {

enum class StageKind : int { Unsup, FreezeHidden, Train, Test, Interleave, SleepInterleave, FreezeTop };

struct Stage {
    StageKind kind = StageKind::Train;
    int aeons = 0;              // 0 for instantaneous stages
    int task = 0;               // 0 = Task 1, 1 = Task 2
    bool uniform = false;       // SleepInterleave: uniform noise control
    bool rates_from_test = false; // Test: store the spike rates as this task's sleep rates
    double fraction = 0;        // FreezeTop
    std::string checkpoint;     // Test: the label of the results row ("after T1", ...)
};

struct Protocol {
    std::string name;
    std::vector<Stage> stages;
    long long total_aeons() const;
    std::vector<std::string> stage_labels() const;   // stage_label() of each stage
};

// Two stages that do the same to a run and record the same results.
bool same_stage(const Stage& a, const Stage& b);
// Aeons of the leading stages two protocols share: runs of both with one seed are identical up to there,
// so twins simulate that prefix once and branch (Experiment).
long long shared_prefix_aeons(const Protocol& a, const Protocol& b);

const std::vector<std::string>& protocol_names();
std::string protocol_summary(const std::string& name);
// Whether the protocol has a sleep stage (sleep_t2, t1_t2_sleep_t1, uniform_sleep, naive_sleep).
bool protocol_sleeps(const std::string& name);
// Builds a protocol; returns "" or an error naming the valid protocols.
std::string make_protocol(const std::string& name, const ForageParams& p, Protocol* out);
std::string stage_label(const Stage& s);

}  // namespace sleepnet::forage
