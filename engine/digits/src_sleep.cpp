// sleepnet digits: the SRC sleep simulation (see src_sleep.h for the maths and the reference).
#include "digits/src_sleep.h"

#include "digits/src_stdp.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace sleepnet::digits {

// Smallest float >= x, so that for any float v: v >= result  <=>  (double)v >= x (exact threshold test).
static float ceil_to_float(double x) {
    float f = static_cast<float>(x);
    if (static_cast<double>(f) < x) f = std::nextafter(f, INFINITY);
    return f;
}

SrcSleep::SrcSleep(const SrcParams& p, MlpWeights& w, const SrcInputs& in, int steps, uint64_t seed,
                   uint64_t stream_index)
    : p_(p), w_(w), sizes_(w.sizes), rng_(Rng::stream(seed, Stream::SleepInput, stream_index)) {
    const int L = w.layers();
    auto fail = [](const std::string& m) { throw std::invalid_argument("SRC sleep: " + m); };
    if (L < 1 || static_cast<int>(sizes_.size()) != L + 1) fail("weights and layer sizes do not match");
    for (int m = 0; m < L; ++m)
        if (w.W[m].size() != static_cast<size_t>(sizes_[m]) * sizes_[m + 1])
            fail("weight matrix " + std::to_string(m) + " is not " + std::to_string(sizes_[m + 1]) + "x" +
                 std::to_string(sizes_[m]));
    if (std::string e = p.check(L); !e.empty()) fail(e);
    if (in.mean_image.size() != static_cast<size_t>(sizes_[0]) || in.width < 1 || in.height < 1 ||
        static_cast<size_t>(in.width) * in.height != in.mean_image.size())
        fail("mean image has " + std::to_string(in.mean_image.size()) + " values, expected " +
             std::to_string(sizes_[0]) + " = width x height (" + std::to_string(in.width) + "x" +
             std::to_string(in.height) + ")");
    if (static_cast<int>(in.max_activation.size()) != L)
        fail("max_activation has " + std::to_string(in.max_activation.size()) + " values, expected " +
             std::to_string(L));

    mean_ = in.mean_image;
    width_ = in.width;
    height_ = in.height;
    win_w_ = std::min(p.window, width_);
    win_h_ = std::min(p.window, height_);
    rescale_ = 1.0 / (p.dt * p.max_rate);
    alpha_ = src_alpha(w, in.max_activation, p.alpha_scale);
    for (int m = 0; m < L; ++m) {
        alpha_f_.push_back(static_cast<float>(alpha_[m]));
        thr_f_.push_back(ceil_to_float(p.threshold * p.beta[m]));
    }
    decay_f_ = static_cast<float>(p.decay);

    wt_.resize(L);
    for (int m = 0; m < L; ++m) {
        const int rows = sizes_[m + 1], cols = sizes_[m];
        wt_[m].resize(w.W[m].size());
        const float* src = w.W[m].data();
        float* dst = wt_[m].data();
        for (int i = 0; i < rows; ++i)
            for (int j = 0; j < cols; ++j) dst[static_cast<size_t>(j) * rows + i] = src[static_cast<size_t>(i) * cols + j];
    }
    int widest = 0;
    for (int s : sizes_) widest = std::max(widest, s);
    v_.resize(L + 1);
    spikes_.resize(L + 1);
    counts_.resize(L + 1);
    for (int l = 0; l <= L; ++l) {
        if (l > 0) v_[l].assign(sizes_[l], 0.0f);
        counts_[l].assign(sizes_[l], 0.0);
        spikes_[l].reserve(std::min(sizes_[l], 1024));
    }
    cur_.assign(widest, 0.0f);
    pre_mask_.assign(widest, 0);
    total_ = std::max(steps, 0);
}

bool SrcSleep::advance(int budget_steps) {
    for (int k = 0; k < budget_steps && done_ < total_; ++k) {
        step();
        if (listener_)
            for (int l = 0; l < static_cast<int>(spikes_.size()); ++l) listener_(done_, l, spikes_[l]);
        ++done_;
    }
    return done_ >= total_;
}

void SrcSleep::step() {
    input_spikes();
    for (int l = 1; l < static_cast<int>(sizes_.size()); ++l) layer_step(l);
}

// Poisson input through a random window of the mean image. The authors' code draws x = randi(28-10) for
// the FIRST index of reshape(mean, 28, 28) (column-major), which runs along an IDX image row, i.e. x is the
// column offset, then y the row offset. We keep that draw order on our row-major (IDX) image. The set of
// windows is the same either way; only which draw picks which axis depends on it.
// Spike iff U * (1/(dt max_rate)) / 2 <= pixel, with U uniform on the open interval (0,1) like MATLAB's
// rand, so pixels of value 0 never spike. One U is drawn per window pixel, zero or not, so the stream does
// not depend on the image.
void SrcSleep::input_spikes() {
    auto& s = spikes_[0];
    s.clear();
    const int x0 = static_cast<int>(rng_.below(static_cast<uint32_t>(width_ - win_w_ + 1)));
    const int y0 = static_cast<int>(rng_.below(static_cast<uint32_t>(height_ - win_h_ + 1)));
    for (int r = y0; r < y0 + win_h_; ++r)
        for (int c = x0; c < x0 + win_w_; ++c) {
            const double u = (static_cast<double>(rng_.next() >> 11) + 0.5) * 0x1.0p-53;
            const int idx = r * width_ + c;
            if (u * rescale_ / 2.0 <= static_cast<double>(mean_[idx])) s.push_back(idx);
        }
    for (int j : s) counts_[0][j] += 1.0;
}

void SrcSleep::layer_step(int l) {
    const int m = l - 1, n = sizes_[l];
    const std::vector<int>& pre = spikes_[m];
    float* v = v_[l].data();
    float* cur = cur_.data();
    const float d = decay_f_, a = alpha_f_[m], th = thr_f_[m];

    // Input current: sum of the W columns (rows of W^T) of the inputs that spiked, in ascending order.
    const bool any_input = !pre.empty();
    if (any_input) {
        const float* w0 = wt_[m].data();
        const float* c0 = w0 + static_cast<size_t>(pre[0]) * n;
        for (int i = 0; i < n; ++i) cur[i] = c0[i];
        for (size_t k = 1; k < pre.size(); ++k) {
            const float* ck = w0 + static_cast<size_t>(pre[k]) * n;
            for (int i = 0; i < n; ++i) cur[i] += ck[i];
        }
        if (p_.w_inh != 0.0) {                          // I = alpha W S; I -= mean(I) w_inh
            double sum = 0.0;
            for (int i = 0; i < n; ++i) { cur[i] = a * cur[i]; sum += cur[i]; }
            const float sub = static_cast<float>(sum / n * p_.w_inh);
            for (int i = 0; i < n; ++i) cur[i] = cur[i] - sub;
        } else {
            for (int i = 0; i < n; ++i) cur[i] = a * cur[i];
        }
    }

    // v = decay v + I, then threshold; blocks of 64 so the spike scan runs only where something fired.
    auto& s = spikes_[l];
    s.clear();
    for (int b = 0; b < n; b += 64) {
        const int e = std::min(n, b + 64);
        int fired = 0;
        if (any_input)
            for (int i = b; i < e; ++i) { v[i] = d * v[i] + cur[i]; fired |= v[i] >= th; }
        else
            for (int i = b; i < e; ++i) { v[i] = d * v[i]; fired |= v[i] >= th; }
        if (fired)
            for (int i = b; i < e; ++i)
                if (v[i] >= th) s.push_back(i);
    }
    if (s.empty()) return;

    // STDP on the rows of the post neurons that spiked, against this step's pre spikes; then reset.
    for (int j : pre) pre_mask_[j] = 1;
    for (int i : s) stdp_row(m, i);
    for (int j : pre) pre_mask_[j] = 0;
    for (int i : s) { v[i] = 0.0f; counts_[l][i] += 1.0; }
}

void SrcSleep::stdp_row(int m, int post) {
    const int npre = sizes_[m], n = sizes_[m + 1];
    src_stdp_row(w_.W[m].data() + static_cast<size_t>(post) * npre, wt_[m].data() + post, static_cast<size_t>(n),
                 pre_mask_.data(), npre, p_.inc, p_.dec);
}

}  // namespace sleepnet::digits
