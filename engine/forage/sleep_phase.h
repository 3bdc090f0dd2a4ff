// Foraging model: the sleep phase (reference A6). No input, an empty world, outputs detached from
// movement, a constant reward of +0.5 per movement cycle, homeostasis and balancing on. Once per epoch
// every H neuron gets one suprathreshold kick (input += 0.025) with probability p_i = the mean of its
// Task-1 and Task-2 awake spikes per epoch (a Bernoulli-per-epoch, i.e. discretised Poisson, drive).
// Uniform-noise control: every H neuron uses the population mean of both rate sets.
#pragma once
#include <vector>

#include "core/rng.h"

namespace sleepnet::forage {
struct ForageNetwork;

struct SleepPhase {
    std::vector<double> rate[2];   // per H neuron, spikes per epoch while awake in Task 1 / Task 2
    bool has_rate[2] = {false, false};

    // Stores the network's current spike counts as the rates of task (0 or 1).
    void store_rates(int task, const ForageNetwork& net);
    // One epoch's kicks. Returns the number of kicked neurons.
    int kick(ForageNetwork& net, bool uniform, double pulse, Rng& rng) const;
    double p(int h) const;          // the kick probability of neuron h
    double uniform_p() const;
};

}  // namespace sleepnet::forage
