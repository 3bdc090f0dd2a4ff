// Foraging model: applying the STDP traces at a reward event, and the normalisations that follow
// (reference A5; the authors' Network::apply_STDP_traces, input_balancing, output_balancing).
//
// H->O, per synapse: Sum = sum_k tr_k/(t - t_k + epoch); Avg <- (1-d)Avg + d Sum (|Avg| >= 1e-10);
//   for each trace k: delta = clip(S * tr_k/(t - t_k + epoch) * Sum/Avg, +-clip);
//   w <- w (1 + (W_i0/W_i) delta), W_i = the pre neuron's output sum from the last balancing.
// I->H (only before the hidden layer is frozen): delta = clip(ih_gain * tr_k/(t - t_k + epoch), +-ih_gain * clip),
// no reward (ih_gain = 1 in the code; the demo scale speeds up the developmental stage with it).
// Then bounds, heterosynaptic input normalisation (incoming positive non-frozen weights sum to the target
// minus the frozen sum) and inhibitory balancing (each H neuron's inhibitory weight = -mean of its
// excitatory non-frozen outputs). Traces are not consumed; they act at every event for trace_mem steps.
#pragma once
#include <cstdint>

namespace sleepnet::forage {
struct ForageNetwork;
struct NetFlags;

struct RewardStdpConsts {
    double trace_avg_d, delta_clip, w_ho_max, w_ih_max, w_min, ih_gain;
};

void apply_reward_stdp(ForageNetwork& net, int64_t t, double dopamine, const NetFlags& f, const RewardStdpConsts& c);
void input_balancing(ForageNetwork& net, const NetFlags& f, double w_min);
void output_balancing(ForageNetwork& net);

}  // namespace sleepnet::forage
