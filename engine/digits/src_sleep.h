// sleepnet digits: Sleep Replay Consolidation (Tadros et al. 2022, "SRC"), the spiking sleep phase.
//
// The trained bias-free ReLU MLP is run as a network of leaky (decay 0.999) integrate-and-fire neurons,
// driven by Poisson spikes drawn from the mean image of the data seen so far through a random 11x11 window.
// Unsupervised STDP changes the weights in place (MlpWeights). Spec: shared/reference/tadros2022.md, B1 + B5,
// which follows the authors' sleep/sleepnn_old.m and utils/normalize_nn_data.m.
//
// One step, for target layers l = 1..L bottom-up (layer 0 = input):
//   I   = alpha_l * sum_{pre j spiked this step} W_l[:, j]       (W_l maps layer l-1 to l; mean-inhibition
//   I  -= mean(I) * w_inh                                          only when w_inh != 0)
//   v_l = decay * v_l + I;   S_l = v_l >= threshold * beta_l
//   for each post i in S_l:  W_l[i][j] += inc * g(W_l[i][j]) if pre j spiked this step, else -= dec * g(..)
//   v_l[S_l] = 0
// with g(w) = 2 (1 - 1 / (1 + exp(-w / 0.001))), a decreasing function (not the logistic).
//
// Event-driven: only the columns of spiking inputs are summed (from a transposed copy of W kept in sync),
// the decay is one bulk vector op, and STDP touches only the rows of post neurons that spiked.
//
// Numbers: weights stay float (MlpWeights); membrane potentials and currents are float (the authors' code is
// double; the reference reports float32 changes little); I is alpha times the column sum (MATLAB multiplies
// alpha into each term: the same up to rounding); g and the weight update are computed in double and
// rounded once to float. The order of every floating-point operation is
// fixed, so native and WebAssembly builds give identical weights however advance() is sliced.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/detmath.h"
#include "core/rng.h"
#include "digits/mlp_weights.h"

namespace sleepnet { class SettingsTable; }

namespace sleepnet::digits {

// Every tunable of SRC. Defaults are the MNIST values of the reference (B1).
struct SrcParams {
    double max_rate = 239.515363;    // Poisson input: P(spike) = min(1, 2 dt max_rate x) per step
    double inc = 0.032064;           // STDP increment (pre and post spiked)
    double dec = 0.003344;           // STDP decrement (post spiked, pre silent)
    std::vector<double> beta = {14.548273, 44.560317, 38.046326};   // threshold scale per target layer
    double alpha_scale = 55.882454;  // alpha_l = alpha_scale / f_l (see src_alpha)
    double dt = 0.001;
    double decay = 0.999;            // membrane decay per step
    double threshold = 1.0;          // spike when v >= threshold * beta_l
    double w_inh = 0.0;              // subtractive mean inhibition (0 in the paper)
    int window = 11;                 // side of the square input window (the code's mask_size 10 -> 11 pixels)
    int base_steps = 15000, steps_per_task = 5000;   // Ts = base + (task-1) * per_task

    int steps_for_task(int task_1based) const;
    // Binds every field as prefix+name: "src_inc", "src_beta" (comma list) ... with ranges and help.
    // The binding points into *this: keep the struct alive (and unmoved) while the table is used.
    void bind(SettingsTable& t, const char* prefix);
    // "" if usable for a network with `layers` weight matrices, else a message naming the problem.
    std::string check(int layers) const;
};

// Sleep statistics, computed by the caller from ALL training images of the classes seen so far (B5).
struct SrcInputs {
    std::vector<float> mean_image;       // sizes[0] values in [0,1], row-major width x height (IDX order)
    std::vector<float> max_activation;   // per weight matrix l = 0..L-1: max over those images of the ReLU
                                         // activation of layer l+1 in test mode (hidden layers scaled by
                                         // 1 - dropout, output unscaled, as DeepLearnToolbox's nnff); size L
    int width = 28, height = 28;         // image shape of mean_image (width * height == sizes[0])
};

// Per-layer current scale factors, with the authors' quirk (normalize_nn_data.m):
//   prev = 1; for l: s_l = max(max(W_l^+), max(a_{l+1}^+)); f_l = s_l / prev; alpha_l = alpha_scale / f_l;
//   prev = f_l   (NB: f_l, not s_l; the tuned parameters depend on it).
// A degenerate s_l <= 0 (all weights and activations non-positive) is taken as 1 to avoid inf.
std::vector<double> src_alpha(const MlpWeights& w, const std::vector<float>& max_activation, double alpha_scale);

// g(w) = 2 (1 - 1/(1 + exp(-w/0.001))): 1 at w = 0, -> 0 for w >> 0.001, -> 2 for w << 0 (det_exp).
inline double src_g(double w) { return 2.0 * (1.0 - 1.0 / (1.0 + det_exp(-w / 0.001))); }

// The Poisson input test U * rescale / 2 <= pixel with U = (k + 0.5) 2^-53, k a 53-bit random integer, is
// monotone in k: this is the largest k that spikes (-1: none), so the test is exactly k <= threshold.
int64_t src_input_threshold(double pixel, double rescale);

// Called after each step for each layer 0..L with the indices that spiked (ascending), if set.
using SrcSpikeListener = std::function<void(int step, int layer, const std::vector<int>& spiked)>;

// What a sleep part-way through needs besides the weights, its inputs and its settings (saving a run mid-sleep).
struct SrcSleepState {
    int done = 0, total = 0;
    std::vector<double> alpha;                  // fixed when the sleep began (from the weights of that moment)
    std::vector<std::vector<float>> v;          // membrane potentials, per layer (v[0] empty)
    std::vector<std::vector<double>> counts;    // cumulative spikes per neuron
    std::vector<std::vector<int>> spikes;       // the last step's spikes (views)
    Rng rng;
};

class SrcSleep {
public:
    // Runs `steps` sleep steps on `w` (modified in place; must outlive this object, and nobody else may
    // change it while the sleep runs: a transposed copy is kept in sync with it). The Poisson input uses
    // Rng::stream(seed, Stream::SleepInput, stream_index): pass a distinct seed or index per sleep phase.
    // Never throws (WebAssembly builds have no exceptions): if params or inputs do not fit the network,
    // error() says what and the sleep has 0 steps and leaves the weights alone.
    SrcSleep(const SrcParams& p, MlpWeights& w, const SrcInputs& in, int steps, uint64_t seed,
             uint64_t stream_index = 0);

    bool advance(int budget_steps);          // true when all steps are done; deterministic across slicings
    int steps_done() const { return done_; }
    int steps_total() const { return total_; }
    const std::vector<int>& last_spikes(int layer) const { return spikes_[layer]; }   // layer 0 = input
    const std::vector<double>& spike_counts(int layer) const { return counts_[layer]; }  // cumulative
    const std::vector<double>& alpha() const { return alpha_; }                          // per weight matrix
    const std::vector<float>& membrane(int layer) const { return v_[layer]; }   // layer >= 1 (0: empty)
    void set_spike_listener(SrcSpikeListener f) { listener_ = std::move(f); }
    const std::string& error() const { return error_; }                   // "" when usable
    SrcSleepState state() const;
    // Continues a saved sleep: built with the same settings, inputs, step count and the weights of that
    // moment; false (and nothing changed) if the state does not fit this network.
    bool set_state(const SrcSleepState& s);
    // The weights it was built on have moved into `w` (their owner was moved): the same values, a new place.
    void rebind(MlpWeights& w) { w_ = &w; }

private:
    void step();
    void input_spikes();                       // layer 0
    void layer_step(int l);                    // target layer l >= 1
    void stdp_row(int m, int post);            // weight matrix m = l-1, row `post`

    SrcParams p_;
    MlpWeights* w_;                            // the weights it changes (see rebind)
    std::vector<int> sizes_;
    std::vector<float> mean_;                  // input image
    std::vector<int64_t> kmax_;                // per pixel: spike iff the 53-bit draw k <= kmax_
    int width_ = 0, height_ = 0, win_w_ = 0, win_h_ = 0;
    double rescale_ = 0;                         // 1 / (dt max_rate)
    std::vector<double> alpha_;
    std::vector<float> alpha_f_, thr_f_;       // per target layer (index m = l-1); thr rounded up to float
    float decay_f_ = 0;
    std::vector<std::vector<float>> wt_;       // wt_[m]: W_m transposed (sizes[m] rows of sizes[m+1])
    std::vector<std::vector<float>> v_;        // membrane potential per layer (v_[0] unused)
    std::vector<float> cur_;                   // scratch current (mean inhibition only)
    std::vector<const float*> cols_;           // scratch: the W^T rows of this step's pre spikes
    std::vector<int> window_;                  // scratch: input spike candidates
    std::vector<uint8_t> pre_mask_;            // scratch: 1 where the pre layer spiked this step
    std::vector<std::vector<int>> spikes_;
    std::vector<std::vector<double>> counts_;
    Rng rng_;
    int done_ = 0, total_ = 0;
    SrcSpikeListener listener_;
    std::string error_;
    std::string validate(const SrcParams& p, const MlpWeights& w, const SrcInputs& in) const;
};

}  // namespace sleepnet::digits
