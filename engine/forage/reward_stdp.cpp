// Foraging model: reward-modulated STDP and normalisation (see reward_stdp.h).
#include "forage/reward_stdp.h"

#include <vector>

#include "forage/forage_network.h"

namespace sleepnet::forage {

static inline double clip(double x, double c) { return x > c ? c : (x < -c ? -c : x); }

// Weight bounds: w > hi -> hi, then w <= lo -> lo; frozen synapses (if frozen is given) keep their weight.
// Written with selects so the loop vectorises; the values are those of the two ifs.
static void clip_weights(double* w, const uint8_t* frozen, int n, double lo, double hi) {
    for (int s = 0; s < n; ++s) {
        double x = w[s] > hi ? hi : w[s];
        x = x <= lo ? lo : x;
        w[s] = frozen && frozen[s] ? w[s] : x;
    }
}

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
    // Branch-free (selects), so it vectorises and the sign of Avg does not cost mispredictions; same values.
    {
        double* const avg = ho.trace_avg.data();
        const double* const sm = sum.data();
        const uint8_t* const frozen = ho.frozen.data();
        const double d = c.trace_avg_d, keep = 1.0 - d;
        for (int s = 0; s < ho.size(); ++s) {
            double a = avg[s] * keep + d * sm[s];
            a = (a >= 0 && a < 1e-10) ? 1e-10 : a;
            a = (a < 0 && a > -1e-10) ? -1e-10 : a;
            avg[s] = frozen[s] ? avg[s] : a;
        }
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
    clip_weights(ho.w.data(), ho.frozen.data(), ho.size(), c.w_min, c.w_ho_max);
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
        clip_weights(ih.w.data(), nullptr, ih.size(), c.w_min, c.w_ih_max);   // the code's cap times the H resistance (1)
    }
    if (f.input_balancing) input_balancing(net, f, c.w_min);
    output_balancing(net);
}

// The H->O columns, all at once: synapse h*kNO + o, so output o's column in ascending synapse order is h
// ascending. The 8 sums run side by side (vectorisable across outputs), each adding in exactly the order
// of a per-column loop; then the same scaling and floor as `normalise` below.
static void normalise_hidden_output(ForageNetwork& net, double w_min) {
    double* const w = net.ho.w.data();
    const uint8_t* const frozen = net.ho.frozen.data();
    double in_sum[kNO] = {}, frozen_sum[kNO] = {}, scale[kNO];
    for (int h = 0; h < kNH; ++h)
        for (int o = 0; o < kNO; ++o) {
            const int s = h * kNO + o;
            const double x = w[s];
            frozen_sum[o] = frozen[s] ? frozen_sum[o] + x : frozen_sum[o];
            in_sum[o] = frozen[s] ? in_sum[o] : in_sum[o] + x;
        }
    for (int o = 0; o < kNO; ++o) scale[o] = (net.in_target_o[o] - frozen_sum[o]) / in_sum[o];
    for (int h = 0; h < kNH; ++h)
        for (int o = 0; o < kNO; ++o) {
            const int s = h * kNO + o;
            double x = w[s] * scale[o];
            x = x < w_min ? w_min : x;
            w[s] = frozen[s] ? w[s] : x;
        }
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
    normalise_hidden_output(net, w_min);
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
