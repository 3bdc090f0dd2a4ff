// Foraging model: STDP traces (reference A5) in index-based storage, no linked lists.
//
// RecentSpikes keeps the spikes of one layer from the last `spike_mem` steps, in time order; a new spike is
// paired with every opposite-side spike in that window. A pre-then-post pair (including the same step: the
// authors' code processes the lower layer's spikes first) gives +K exp(-dt/tau), post-then-pre gives
// -K exp(-dt/tau). TraceStore keeps the traces of one projection in creation order; a trace lives while
// now - t_k <= trace_mem, so expiry only pops from the front.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sleepnet::forage {

struct RecentSpikes {
    std::vector<int64_t> t;
    std::vector<int> idx;
    size_t head = 0;
    void push(int64_t time, int i) { t.push_back(time); idx.push_back(i); }
    // Drops spikes with now - t >= window (they can no longer pair).
    void expire(int64_t now, int window);
    size_t begin() const { return head; }
    size_t end() const { return t.size(); }
    void clear() { t.clear(); idx.clear(); head = 0; }
};

struct TraceStore {
    std::vector<int> syn;
    std::vector<int64_t> t;
    std::vector<double> mag;
    size_t head = 0;
    void add(int s, int64_t time, double m) { syn.push_back(s); t.push_back(time); mag.push_back(m); }
    void expire(int64_t now, int trace_mem);
    size_t live() const { return syn.size() - head; }
    void clear() { syn.clear(); t.clear(); mag.clear(); head = 0; }
};

// The STDP kernel: K exp(-dt/tau), via det_exp (results must match natively and in WebAssembly).
// Precomputed for dt in [0, spike_mem).
struct StdpKernel {
    std::vector<double> table;
    void init(double k, double tau, int spike_mem);
    double operator()(int64_t dt) const { return table[static_cast<size_t>(dt)]; }
};

}  // namespace sleepnet::forage
