// Foraging model: the inside of a ForageRun (internal; the app uses forage_run.h only).
#pragma once
#include <string>
#include <vector>

#include "forage/agent.h"
#include "forage/forage_network.h"
#include "forage/forage_run.h"
#include "forage/homeostasis.h"
#include "forage/protocol.h"
#include "forage/reward_stdp.h"
#include "forage/sleep_phase.h"
#include "forage/world.h"

namespace sleepnet {

struct ForageRun::Impl {
    // ---- configuration (not changed by running) -----------------------------------------------------------
    ForageParams p;
    std::string protocol_name, err;        // err: invalid settings, or a run stopped by saturated()
    uint64_t seed = 1;
    forage::Protocol protocol;
    std::vector<std::string> stage_names;   // stage_label() of each protocol stage (views read it every frame)
    forage::RewardStdpConsts rc{};
    forage::HomeostasisConsts hc{};
    int64_t aeon_steps = 60000, total = 0;
    bool full = false;

    // ---- state ------------------------------------------------------------------------------------------
    forage::ForageNetwork net;
    forage::World world;
    forage::Agent agent;
    forage::SleepPhase sleep;
    forage::NetFlags flags;
    Rng rng_world{1}, rng_explore{1}, rng_ties{1}, rng_sleep{1};
    int64_t t = 0;                 // next step to simulate
    int stage = 0, stage_aeons = 0;
    bool finished = false, sleeping = false;
    int sign[4] = {0, 0, 0, 0};    // reward sign per particle type in the current world
    int test_rewarded = 0, test_punished = 0;
    ForageAeon cur;                // the aeon in progress
    std::vector<ForageAeon> timeline;
    std::vector<ForageResult> results;

    // Views: weight snapshots (decimated ring), spikes of the last epochs.
    static constexpr int kMaxSnapshots = 256;
    int snap_stride = 1;
    std::vector<int> snap_aeon;
    std::vector<float> snaps;      // snap_aeon.size() * kWeights
    // weight_pca's cache: the dot products of the snapshots taken at these aeons (a snapshot never changes,
    // so only new ones cost n x kWeights). Not part of the state: a loaded run starts with it empty.
    struct Gram { std::vector<int> aeon; std::vector<double> dot; };
    mutable Gram gram;
    std::vector<ForageSpike> spikes;
    size_t spikes_head = 0;

    void init(const ForageParams& params, const std::string& proto, uint64_t s);
    void simulate_step();
    // Steps that can be skipped whole from t (at most `budget`): none in full stepping or on an epoch
    // boundary; otherwise, when nothing is awake, up to the next boundary (every update would be the identity).
    int64_t quiet_steps(int64_t budget) const;
    void aeon_boundary();
    void start_stage_aeon(const forage::Stage& s);
    void finish_stage(const forage::Stage& s);
    void set_defaults();
    void set_task_world(int task);
    void move_and_reward();
    void flash();
    void freeze_top(double fraction);
    void take_snapshot(int aeon);
    void record_spikes();
    static constexpr double kMaxLiveTraces = 1e6;   // I->H plus H->O; see saturated()
    void saturated();                               // stops the run with an error
    template <class A> void serialize(A& a);
    bool valid() const;   // structural consistency after loading
};

}  // namespace sleepnet
