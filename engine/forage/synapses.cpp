// Foraging model: synapse storage and the network generator (see synapses.h).
#include "forage/synapses.h"

#include "core/rng.h"

namespace sleepnet::forage {

void Synapses::build_post_index() {
    col_start.assign(npost + 1, 0);
    for (int p : post) col_start[p + 1]++;
    for (int j = 0; j < npost; ++j) col_start[j + 1] += col_start[j];
    col_syn.assign(post.size(), 0);
    std::vector<int> fill(col_start.begin(), col_start.end() - 1);
    for (int s = 0; s < size(); ++s) col_syn[fill[post[s]]++] = s;
}

int Synapses::find(int pre_i, int post_j) const {
    for (int s = row_start[pre_i]; s < row_start[pre_i + 1]; ++s) if (post[s] == post_j) return s;
    return -1;
}

Synapses build_input_hidden(int ni, int nh, int fan_in, double chunk, Rng& rng) {
    const int per_input = fan_in * nh / ni;            // 9*784/49 = 144
    // Slots: every input appears per_input times; shuffle, deal fan_in per hidden neuron, then repair
    // duplicates (the same input twice on one hidden neuron) by swapping with random other slots.
    std::vector<int> slot(static_cast<size_t>(ni) * per_input);
    for (int i = 0; i < ni; ++i) for (int k = 0; k < per_input; ++k) slot[i * per_input + k] = i;
    rng.shuffle(slot.data(), static_cast<uint32_t>(slot.size()));
    auto dup_at = [&](int h, int pos) {
        for (int k = 0; k < fan_in; ++k) if (k != pos && slot[h * fan_in + k] == slot[h * fan_in + pos]) return true;
        return false;
    };
    for (int pass = 0; pass < 1000; ++pass) {
        bool clean = true;
        for (int h = 0; h < nh; ++h)
            for (int k = 0; k < fan_in; ++k) {
                if (!dup_at(h, k)) continue;
                clean = false;
                const int a = h * fan_in + k, b = static_cast<int>(rng.below(static_cast<uint32_t>(slot.size())));
                std::swap(slot[a], slot[b]);
            }
        if (clean) break;
    }
    Synapses s;
    s.npre = ni; s.npost = nh;
    s.row_start.assign(ni + 1, 0);
    std::vector<std::vector<int>> targets(ni);
    for (int h = 0; h < nh; ++h) for (int k = 0; k < fan_in; ++k) targets[slot[h * fan_in + k]].push_back(h);
    for (int i = 0; i < ni; ++i) {
        s.row_start[i + 1] = s.row_start[i] + static_cast<int>(targets[i].size());
        std::vector<double> w(targets[i].size(), chunk);
        const int extra = 10 * static_cast<int>(targets[i].size());
        for (int c = 0; c < extra; ++c) w[rng.below(static_cast<uint32_t>(w.size()))] += chunk;
        for (size_t k = 0; k < w.size(); ++k) { s.post.push_back(targets[i][k]); s.pre.push_back(i); s.w.push_back(w[k]); }
    }
    s.trace_avg.assign(s.w.size(), 0.0);
    s.frozen.assign(s.w.size(), 0);
    s.build_post_index();
    return s;
}

Synapses build_hidden_output(int nh, int no, double w0) {
    Synapses s;
    s.npre = nh; s.npost = no;
    s.row_start.resize(nh + 1);
    for (int h = 0; h <= nh; ++h) s.row_start[h] = h * no;
    for (int h = 0; h < nh; ++h) for (int o = 0; o < no; ++o) { s.post.push_back(o); s.pre.push_back(h); }
    s.w.assign(static_cast<size_t>(nh) * no, w0);
    s.trace_avg.assign(s.w.size(), 0.0);
    s.frozen.assign(s.w.size(), 0);
    s.build_post_index();
    return s;
}

}  // namespace sleepnet::forage
