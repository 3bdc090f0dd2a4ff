// Foraging model: reward-modulated STDP and normalisation (see reward_stdp.h).
#include "forage/reward_stdp.h"

#include <vector>

#include "forage/forage_network.h"

namespace sleepnet::forage {

static inline double clip(double x, double c) { return x > c ? c : (x < -c ? -c : x); }

void apply_reward_stdp(ForageNetwork& net, int64_t t, double dopamine, const NetFlags& f, const RewardStdpConsts& c) {
    if (!f.plasticity) return;
    const double epoch = static_cast<double>(net.epoch_steps);
    // ---- H -> O -------------------------------------------------------------------------------------
    TraceStore& tr = net.tr_ho;
    tr.expire(t, net.trace_mem);
    Synapses& ho = net.ho;
    static thread_local std::vector<double> sum;
    sum.assign(static_cast<size_t>(ho.size()), 0.0);
    for (size_t k = tr.head; k < tr.syn.size(); ++k)
        sum[static_cast<size_t>(tr.syn[k])] += tr.mag[k] / (static_cast<double>(t - tr.t[k]) + epoch);
    for (int s = 0; s < ho.size(); ++s) {
        if (ho.frozen[s]) continue;
        double a = ho.trace_avg[s] * (1.0 - c.trace_avg_d) + c.trace_avg_d * sum[s];
        if (a >= 0 && a < 1e-10) a = 1e-10;
        if (a < 0 && a > -1e-10) a = -1e-10;
        ho.trace_avg[s] = a;
    }
    for (size_t k = tr.head; k < tr.syn.size(); ++k) {
        const int s = tr.syn[k];
        if (ho.frozen[s]) continue;
        const double sd = tr.mag[k] / (static_cast<double>(t - tr.t[k]) + epoch);
        const double delta = clip(sd * dopamine * sum[s] / ho.trace_avg[s], c.delta_clip);
        const int h = ho.pre[s];
        const double balancing = net.out_target_h[h] / net.out_sum_h[h];
        ho.w[s] *= 1.0 + balancing * delta;
    }
    for (int s = 0; s < ho.size(); ++s) {
        if (ho.frozen[s]) continue;
        double& w = ho.w[s];
        if (w > c.w_ho_max) w = c.w_ho_max;
        if (w <= c.w_min) w = c.w_min;
    }
    // ---- I -> H (developmental stage only) -------------------------------------------------------------
    if (!f.hidden_frozen) {
        TraceStore& ti = net.tr_ih;
        ti.expire(t, net.trace_mem);
        Synapses& ih = net.ih;
        for (size_t k = ti.head; k < ti.syn.size(); ++k) {
            const int s = ti.syn[k];
            if (ih.frozen[s]) continue;
            const double delta = clip(c.ih_gain * ti.mag[k] / (static_cast<double>(t - ti.t[k]) + epoch), c.ih_gain * c.delta_clip);
            const int i = ih.pre[s];
            ih.w[s] *= 1.0 + net.out_target_i[i] / net.out_sum_i[i] * delta;
        }
        for (int s = 0; s < ih.size(); ++s) {
            double& w = ih.w[s];
            if (w > c.w_ih_max) w = c.w_ih_max;   // the code's cap times the H resistance, which is 1
            if (w <= c.w_min) w = c.w_min;
        }
    }
    if (f.input_balancing) input_balancing(net, f, c.w_min);
    output_balancing(net);
}

void input_balancing(ForageNetwork& net, const NetFlags& f, double w_min) {
    auto normalise = [w_min](Synapses& syn, int j, double target) {
        double in_sum = 0, frozen_sum = 0;
        for (int c = syn.col_start[j]; c < syn.col_start[j + 1]; ++c) {
            const int s = syn.col_syn[c];
            if (syn.frozen[s]) frozen_sum += syn.w[s]; else in_sum += syn.w[s];
        }
        const double scale = (target - frozen_sum) / in_sum;
        for (int c = syn.col_start[j]; c < syn.col_start[j + 1]; ++c) {
            const int s = syn.col_syn[c];
            if (syn.frozen[s]) continue;
            syn.w[s] *= scale;
            if (syn.w[s] < w_min) syn.w[s] = w_min;
        }
    };
    for (int o = 0; o < kNO; ++o) normalise(net.ho, o, net.in_target_o[o]);
    if (!f.hidden_frozen)
        for (int h = 0; h < kNH; ++h) normalise(net.ih, h, net.in_target_h[h]);
}

void output_balancing(ForageNetwork& net) {
    for (int h = 0; h < kNH; ++h) {
        double sum = 0; int n = 0;
        for (int s = h * kNO; s < (h + 1) * kNO; ++s)
            if (!net.ho.frozen[s]) { sum += net.ho.w[s]; ++n; }
        if (n == 0) continue;   // every output frozen: keep the last values (the code would divide by 0)
        net.out_sum_h[h] = sum;
        net.w_inh[h] = -(sum / n);
    }
    for (int i = 0; i < kNI; ++i) {
        double sum = 0;
        for (int s = net.ih.row_start[i]; s < net.ih.row_start[i + 1]; ++s) sum += net.ih.w[s];
        net.out_sum_i[i] = sum;
    }
}

}  // namespace sleepnet::forage
