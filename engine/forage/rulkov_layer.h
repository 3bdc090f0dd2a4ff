// Foraging model: a layer of Rulkov map neurons (reference A2, the authors' `Cell::calc`), as state vectors.
//
// Per step and neuron, in the code's order:
//   u_temp = u + beta_e*input;  u = u - mu*(V+1) + mu*sigma + mu*input;
//   V <- alpha/(1-V) + u_temp   if V <= 0
//        alpha + u_temp         if 0 < V < alpha + u_temp and V_prevprev <= 0
//        -1 (a spike)           otherwise
//   input *= decay.
// "At rest" (what makes exact skipping possible): after the update an input below rest_input_eps is set to 0,
// and a neuron with zero input whose V, V_prev, V_prevprev and u all lie within rest_state_eps of the rest
// point is set exactly to it. The rest point is the map's own bitwise fixed point (kRestV, kRestU), so a
// resting neuron's update is the identity and whole blocks of resting neurons can be skipped. Full and
// skip stepping apply the same rule and are bit-identical (tests/unit/test_forage_network.cpp).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sleepnet::forage {

// The bitwise fixed point of the map with zero input in IEEE double (reached from the code's initial state
// V = -0.939998046792114, u = -2.821443297088526 after 1142 steps; it differs from it by 2e-6).
constexpr double kRestV = -0.93999999999916395;
constexpr double kRestU = -2.8214432989690468;

struct NeuronConsts {
    double alpha, sigma, mu, beta_e, decay, input_eps, state_eps;
};

constexpr int kBlock = 8;   // neurons per skip block (one AVX-512 vector of doubles)
constexpr int kRestCheckEvery = 4;   // steps between applications of the at-rest rule

struct RulkovLayer {
    int n = 0, nblocks = 0;
    std::vector<double> V, Vp, Vpp, u, input;   // padded to a whole number of blocks
    std::vector<uint8_t> awake;                 // 0 = exactly at rest with zero input
    std::vector<uint8_t> fired;                 // spiked in the last step
    uint64_t blocks_updated = 0;                // work counter (benchmarks); not part of the state
    bool has_awake = false;                     // some neuron is awake (kept by step and add_input)

    void init(int count);
    void reset_state();                         // every neuron to rest, no input
    // Adds synaptic or external input to neuron i (wakes it).
    void add_input(int i, double x) { input[i] += x; awake[i] = 1; has_awake = true; }
    // One map step. full = update every block; otherwise only blocks with an awake neuron. The "at rest"
    // rule is applied only when check_rest (the network does it every kRestCheckEvery steps, in both modes;
    // evaluating it costs ~30 % of an update). Writes the spiking neurons (ascending) to spikes.
    int step(const NeuronConsts& c, bool full, bool check_rest, std::vector<int>& spikes);
    bool any_awake() const { return has_awake; }
};

}  // namespace sleepnet::forage
