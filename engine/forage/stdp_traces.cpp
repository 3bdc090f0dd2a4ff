// Foraging model: STDP trace storage (see stdp_traces.h).
#include "forage/stdp_traces.h"

#include "core/detmath.h"

namespace sleepnet::forage {

template <class V> static void drop_front(V& v, size_t n) { v.erase(v.begin(), v.begin() + static_cast<long>(n)); }

void RecentSpikes::expire(int64_t now, int window) {
    while (head < t.size() && now - t[head] >= window) ++head;
    if (head > 256 && head * 2 > t.size()) { drop_front(t, head); drop_front(idx, head); head = 0; }
}

void TraceStore::expire(int64_t now, int trace_mem) {
    while (head < t.size() && now - t[head] > trace_mem) ++head;
    if (head > 4096 && head * 2 > t.size()) { drop_front(syn, head); drop_front(t, head); drop_front(mag, head); head = 0; }
}

void StdpKernel::init(double k, double tau, int spike_mem) {
    table.resize(static_cast<size_t>(spike_mem));
    for (int d = 0; d < spike_mem; ++d) table[static_cast<size_t>(d)] = k * det_exp(-static_cast<double>(d) / tau);
}

}  // namespace sleepnet::forage
