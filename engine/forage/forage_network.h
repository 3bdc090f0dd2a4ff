// Foraging model: the spiking network of Golden et al. 2022 (reference A1, A2, A5): 7x7 input (I), 28x28
// hidden (H) and 8 output (O) Rulkov neurons, I->H sparse excitatory, H->O all-to-all excitatory plus a
// balanced inhibitory twin, current-based synapses with release noise, STDP traces.
//
// step() is one 0.5-ms time step in the authors' order: update every neuron, then propagate the spikes
// layer by layer (I, H, O), making STDP traces and counting O spikes per direction. Learning at reward
// events is in reward_stdp.cpp, firing-rate homeostasis in homeostasis.cpp.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/rng.h"
#include "forage/forage_params.h"
#include "forage/rulkov_layer.h"
#include "forage/stdp_traces.h"
#include "forage/synapses.h"

namespace sleepnet::forage {

constexpr int kView = 7, kNI = kView * kView, kHSide = 28, kNH = kHSide * kHSide, kNO = 8;

// What the current stage switches on (the authors' SetNetEnv* flags).
struct NetFlags {
    bool plasticity = true;        // STDP application, balancing, homeostasis
    bool input_balancing = true;
    bool adaptation = true;
    bool hidden_frozen = false;    // I->H learning and H homeostasis off (after the developmental stage)
};

struct ForageNetwork {
    NeuronConsts nc{};
    RulkovLayer I, H, O;
    Synapses ih, ho;
    std::vector<double> w_inh;                       // per H neuron: its inhibitory weight onto every O
    std::vector<double> out_target_i, out_sum_i;     // per I neuron: initial and current output sums
    std::vector<double> out_target_h, out_sum_h;     // per H neuron (excitatory, non-frozen)
    std::vector<double> in_target_h, in_target_o;    // input normalisation targets
    std::vector<double> resistance_o;                // O input gain (homeostasis)
    std::vector<double> rate_h, rate_o;              // running spikes per epoch
    std::vector<int> epoch_spikes_h, epoch_spikes_o; // spikes in the current epoch
    std::vector<int64_t> counts_h;                   // H spikes since the counts were cleared (sleep rates)
    int64_t count_epochs = 0;
    int dir_count[kNO] = {};                         // O spikes in the action window since the last move
    RecentSpikes recent_i, recent_h, recent_o;
    TraceStore tr_ih, tr_ho;
    StdpKernel kernel;
    Rng release{1};
    double release_noise = 0.12;
    int spike_mem = 120, trace_mem = 3600, epoch_steps = 600;
    std::vector<int> spk_i, spk_h, spk_o;            // spikes of the last step

    void build(const ForageParams& p, uint64_t seed);
    // One time step at time t. full: update every neuron (else only awake blocks; same results).
    // count_action: O spikes of this step count towards the move.
    void step(int64_t t, const NetFlags& f, bool full, bool count_action);
    bool quiet() const { return !I.any_awake() && !H.any_awake() && !O.any_awake(); }
    void clear_counts();
    int64_t spikes_last_step() const { return static_cast<int64_t>(spk_i.size() + spk_h.size() + spk_o.size()); }
    size_t live_traces() const { return tr_ih.live() + tr_ho.live(); }
    // Drops the traces older than trace_mem at time t (they can never be applied again; see simulate_step).
    void expire_traces(int64_t t) { tr_ho.expire(t, trace_mem); tr_ih.expire(t, trace_mem); }

    // One spike's propagation and STDP pairing against the recent spikes of the other side (step() calls these
    // in the authors' order; the unit tests call them with spikes placed by hand).
    void propagate_input(int i, int64_t t, const NetFlags& f);
    void propagate_hidden(int h, int64_t t, const NetFlags& f);
    void output_spike(int o, int64_t t, bool count_action);
};

}  // namespace sleepnet::forage
