// Foraging model: network construction and the per-step update (see forage_network.h).
#include "forage/forage_network.h"

#include "forage/reward_stdp.h"

namespace sleepnet::forage {

void ForageNetwork::build(const ForageParams& p, uint64_t seed) {
    nc = NeuronConsts{p.alpha, p.sigma, p.mu, p.beta_e, p.input_decay, p.rest_input_eps, p.rest_state_eps};
    I.init(kNI); H.init(kNH); O.init(kNO);
    Rng wiring = Rng::stream(seed, Stream::Wiring);
    ih = build_input_hidden(kNI, kNH, 9, 0.001, wiring);
    ho = build_hidden_output(kNH, kNO, p.w_ho_init);
    w_inh.assign(kNH, -p.w_ho_init);
    // Targets as the authors' init_balancing: the initial sums of the positive weights.
    out_target_i.assign(kNI, 0.0);
    for (int s = 0; s < ih.size(); ++s) out_target_i[ih.pre[s]] += ih.w[s];
    out_sum_i = out_target_i;
    out_target_h.assign(kNH, 0.0);
    for (int s = 0; s < ho.size(); ++s) out_target_h[ho.pre[s]] += ho.w[s];
    out_sum_h = out_target_h;
    in_target_h.assign(kNH, 0.0);
    for (int s = 0; s < ih.size(); ++s) in_target_h[ih.post[s]] += ih.w[s];
    in_target_o.assign(kNO, 0.0);
    for (int s = 0; s < ho.size(); ++s) in_target_o[ho.post[s]] += ho.w[s];
    resistance_o.assign(kNO, 1.0);
    rate_h.assign(kNH, 0.0); rate_o.assign(kNO, 0.0);
    epoch_spikes_h.assign(kNH, 0); epoch_spikes_o.assign(kNO, 0);
    counts_h.assign(kNH, 0); count_epochs = 0;
    for (int& d : dir_count) d = 0;
    recent_i.clear(); recent_h.clear(); recent_o.clear();
    tr_ih.clear(); tr_ho.clear();
    kernel.init(p.stdp_scale, p.stdp_tau, p.spike_mem);
    release = Rng::stream(seed, Stream::Release);
    release_noise = p.release_noise;
    spike_mem = p.spike_mem; trace_mem = p.trace_mem; epoch_steps = p.epoch_steps;
    output_balancing(*this);
}

void ForageNetwork::clear_counts() {
    for (auto& c : counts_h) c = 0;
    count_epochs = 0;
}

// Synaptic input with release noise: w/resistance * (1 - R + 2RU), U ~ U[0,1).
static inline double released(double w, double res, Rng& rng, double R) {
    return w / res * (1.0 - R + rng.uniform() * 2.0 * R);
}

void ForageNetwork::propagate_input(int i, int64_t t, const NetFlags& f) {
    for (int s = ih.row_start[i]; s < ih.row_start[i + 1]; ++s) H.add_input(ih.post[s], released(ih.w[s], 1.0, release, release_noise));
    if (f.hidden_frozen) return;   // I->H traces would never be applied again
    // Post-then-pre: hidden spikes before t pair with this input spike (LTD).
    for (size_t k = recent_h.begin(); k < recent_h.end(); ++k) {
        const int64_t dt = t - recent_h.t[k];
        if (static_cast<uint64_t>(dt) >= static_cast<uint64_t>(spike_mem)) continue;   // also dt < 0
        const int h = recent_h.idx[k];
        for (int c = ih.col_start[h]; c < ih.col_start[h + 1]; ++c) {
            const int s = ih.col_syn[c];
            if (ih.pre[s] == i && !ih.frozen[s]) tr_ih.add(s, t, -kernel(dt));
        }
    }
}

void ForageNetwork::propagate_hidden(int h, int64_t t, const NetFlags& f) {
    const int row = h * kNO;
    for (int o = 0; o < kNO; ++o) {
        O.add_input(o, released(ho.w[row + o], resistance_o[o], release, release_noise));
        O.add_input(o, released(w_inh[h], resistance_o[o], release, release_noise));
    }
    if (!f.hidden_frozen) {
        // Pre-then-post from input spikes up to and including this step (LTP).
        for (size_t k = recent_i.begin(); k < recent_i.end(); ++k) {
            const int64_t dt = t - recent_i.t[k];
            if (static_cast<uint64_t>(dt) >= static_cast<uint64_t>(spike_mem)) continue;   // also dt < 0
            const int i = recent_i.idx[k];
            for (int c = ih.col_start[h]; c < ih.col_start[h + 1]; ++c) {
                const int s = ih.col_syn[c];
                if (ih.pre[s] == i && !ih.frozen[s]) tr_ih.add(s, t, kernel(dt));
            }
        }
    }
    // Post-then-pre: output spikes before t (LTD).
    for (size_t k = recent_o.begin(); k < recent_o.end(); ++k) {
        const int64_t dt = t - recent_o.t[k];
        if (static_cast<uint64_t>(dt) >= static_cast<uint64_t>(spike_mem)) continue;   // also dt < 0
        const int s = row + recent_o.idx[k];
        if (!ho.frozen[s]) tr_ho.add(s, t, -kernel(dt));
    }
}

void ForageNetwork::output_spike(int o, int64_t t, bool count_action) {
    for (size_t k = recent_h.begin(); k < recent_h.end(); ++k) {
        const int64_t dt = t - recent_h.t[k];
        if (static_cast<uint64_t>(dt) >= static_cast<uint64_t>(spike_mem)) continue;   // also dt < 0
        const int s = recent_h.idx[k] * kNO + o;
        if (!ho.frozen[s]) tr_ho.add(s, t, kernel(dt));
    }
    if (count_action) dir_count[o]++;
}

void ForageNetwork::step(int64_t t, const NetFlags& f, bool full, bool count_action) {
    const bool check = t % kRestCheckEvery == 0;
    I.step(nc, full, check, spk_i);
    H.step(nc, full, check, spk_h);
    O.step(nc, full, check, spk_o);
    recent_i.expire(t, spike_mem); recent_h.expire(t, spike_mem); recent_o.expire(t, spike_mem);
    for (int i : spk_i) propagate_input(i, t, f);
    for (int i : spk_i) recent_i.push(t, i);
    for (int h : spk_h) { propagate_hidden(h, t, f); epoch_spikes_h[h]++; counts_h[h]++; }
    for (int h : spk_h) recent_h.push(t, h);
    for (int o : spk_o) { output_spike(o, t, count_action); epoch_spikes_o[o]++; }
    for (int o : spk_o) recent_o.push(t, o);
}

}  // namespace sleepnet::forage
