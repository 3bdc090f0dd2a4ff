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
// resting neuron's update is the identity and resting neurons can be skipped. Full and skip stepping apply
// the same rule and are bit-identical (tests/unit/test_forage_model.cpp, test_forage_run.cpp).
//
// Packing (why skipping pays): awake neurons are scattered (every input neuron reaches 144 of 784 hidden
// ones), so blocks of 8 neighbours are almost never all at rest. The layer therefore keeps its awake
// neurons in the leading slots [0, nactive): a neuron that wakes swaps slots with the first resting one, a
// neuron that comes to rest with the last awake one. Stepping touches only ceil(nactive/8) blocks. Every
// neuron still does exactly the same operations; only where it is stored changes. state() / set_state()
// give the state in neuron order (what save/load see).
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

constexpr int kBlock = 8;   // neurons per stepped block (the unit of packing and of the spike test)
constexpr int kRestCheckEvery = 4;   // steps between applications of the at-rest rule

// A layer's state in neuron order (padded to whole blocks), as saved: awake = not exactly at rest with zero
// input; fired = spiked in the last step.
struct RulkovState {
    int n = 0, nblocks = 0;
    std::vector<double> V, Vp, Vpp, u, input;
    std::vector<uint8_t> awake, fired;
};

struct RulkovLayer {
    int n = 0, nblocks = 0;
    int nactive = 0;                            // awake neurons; they occupy slots [0, nactive)
    // Per slot, padded to a whole number of blocks. Slots are not neurons: neuron i lives in slot_of[i].
    // V, Vp and Vpp are renamed (swapped) every step; do not keep pointers into them.
    std::vector<double> V, Vp, Vpp, u, input;
    std::vector<int> slot_of, neuron_at;
    std::vector<uint8_t> still_awake;           // per slot, written by rest-check steps (scratch)
    std::vector<int> rest_blocks;               // blocks where a rest check found a lane at rest (scratch)
    std::vector<int> fired;                     // neurons that spiked in the last step (ascending)
    uint64_t blocks_updated = 0;                // work counter (benchmarks); not part of the state

    void init(int count);
    void reset_state();                         // every neuron to rest, no input
    // Adds synaptic or external input to neuron i (wakes it: moves it into the awake slots).
    void add_input(int i, double x) {
        int s = slot_of[i];
        if (s >= nactive) { swap_slots(s, nactive); s = nactive++; }
        input[s] += x;
    }
    // One map step. full = update every block; otherwise only the blocks holding awake neurons. The "at
    // rest" rule is applied only when check_rest (the network does it every kRestCheckEvery steps, in both
    // modes). Writes the spiking neurons (ascending) to spikes.
    int step(const NeuronConsts& c, bool full, bool check_rest, std::vector<int>& spikes);
    bool any_awake() const { return nactive > 0; }

    RulkovState state() const;
    // Takes a state in neuron order; false (layer unchanged) if its sizes are inconsistent or a padding lane
    // is not at rest. A neuron off the exact rest point is taken as awake whatever its stored flag says.
    bool set_state(const RulkovState& s);

private:
    void swap_slots(int a, int b);
    void pack_awake();                          // after a rest check: resting neurons leave [0, nactive)
};

}  // namespace sleepnet::forage
