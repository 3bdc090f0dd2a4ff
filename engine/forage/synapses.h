// Foraging model: a projection of synapses stored as contiguous CSR rows (pre -> its synapses), plus a
// post -> synapse index, so a spike reaches its outgoing synapses and STDP reaches a post-spike's incoming
// synapses without any search. Also the builders for the two projections of reference A1.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sleepnet {
struct Rng;
}

namespace sleepnet::forage {

struct Synapses {
    int npre = 0, npost = 0;
    std::vector<int> row_start;       // npre + 1: synapses of pre i are [row_start[i], row_start[i+1])
    std::vector<int> post;            // per synapse
    std::vector<int> pre;             // per synapse
    std::vector<double> w;            // per synapse (all excitatory here)
    std::vector<double> trace_avg;    // running average of the summed trace (reward STDP)
    std::vector<uint8_t> frozen;      // excluded from STDP and normalisation
    std::vector<int> col_start;       // npost + 1
    std::vector<int> col_syn;         // synapse ids grouped by post, ascending

    int size() const { return static_cast<int>(w.size()); }
    void build_post_index();
    // Synapse id of pre->post, or -1.
    int find(int pre_i, int post_j) const;
};

// I->H: every hidden neuron gets `fan_in` distinct random inputs and every input has exactly
// fan_in*nh/ni targets. Each synapse starts at `chunk`, then each input spreads 10*targets more chunks at
// random over its synapses (weights ~ chunk*(1 + Poisson(10)), as the authors' generator).
Synapses build_input_hidden(int ni, int nh, int fan_in, double chunk, Rng& rng);
// H->O: all-to-all, every weight `w0`. Synapse id = h*no + o.
Synapses build_hidden_output(int nh, int no, double w0);

}  // namespace sleepnet::forage
