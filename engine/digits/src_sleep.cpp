// sleepnet digits: the SRC sleep simulation (see src_sleep.h for the maths and the reference).
#include "digits/src_sleep.h"

#include "digits/src_stdp.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

namespace sleepnet::digits {

// Smallest float >= x, so that for any float v: v >= result  <=>  (double)v >= x (exact threshold test).
static float ceil_to_float(double x) {
    float f = static_cast<float>(x);
    if (static_cast<double>(f) < x) f = std::nextafter(f, INFINITY);
    return f;
}

std::string SrcSleep::validate(const SrcParams& p, const MlpWeights& w, const SrcInputs& in) const {
    const int L = w.layers();
    auto str = [](size_t x) { return std::to_string(x); };
    if (L < 1 || w.sizes.size() != static_cast<size_t>(L) + 1) return "weights and layer sizes do not match";
    for (int m = 0; m < L; ++m)
        if (w.W[m].size() != static_cast<size_t>(w.sizes[m]) * w.sizes[m + 1])
            return "weight matrix " + str(m) + " is not " + str(w.sizes[m + 1]) + "x" + str(w.sizes[m]);
    if (std::string e = p.check(L); !e.empty()) return e;
    if (in.mean_image.size() != static_cast<size_t>(w.sizes[0]) || in.width < 1 || in.height < 1 ||
        static_cast<size_t>(in.width) * in.height != in.mean_image.size())
        return "mean image has " + str(in.mean_image.size()) + " values, expected " + str(w.sizes[0]) +
               " = width x height (" + str(in.width) + "x" + str(in.height) + ")";
    if (in.max_activation.size() != static_cast<size_t>(L))
        return "max_activation has " + str(in.max_activation.size()) + " values, expected " + str(L);
    return "";
}

SrcSleep::SrcSleep(const SrcParams& p, MlpWeights& w, const SrcInputs& in, int steps, uint64_t seed,
                   uint64_t stream_index)
    : p_(p), w_(&w), sizes_(w.sizes), rng_(Rng::stream(seed, Stream::SleepInput, stream_index)) {
    const int L = static_cast<int>(sizes_.size()) - 1;
    spikes_.resize(sizes_.size());
    counts_.resize(sizes_.size());
    v_.resize(sizes_.size());
    for (size_t l = 0; l < sizes_.size(); ++l) counts_[l].assign(std::max(sizes_[l], 0), 0.0);
    if (std::string e = validate(p, w, in); !e.empty()) { error_ = "SRC sleep: " + e; return; }

    mean_ = in.mean_image;
    width_ = in.width;
    height_ = in.height;
    win_w_ = std::min(p.window, width_);
    win_h_ = std::min(p.window, height_);
    rescale_ = 1.0 / (p.dt * p.max_rate);
    kmax_.resize(mean_.size());
    for (size_t j = 0; j < mean_.size(); ++j) kmax_[j] = src_input_threshold(mean_[j], rescale_);
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
    for (int l = 0; l <= L; ++l) {
        if (l > 0) v_[l].assign(sizes_[l], 0.0f);
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
// rand, so pixels of value 0 never spike. U = (k + 0.5) 2^-53 for a 53-bit random k, and the test is
// monotone in k, so it is done exactly as k <= kmax_[pixel] (src_input_threshold). One k is drawn per
// window pixel, zero or not, so the stream does not depend on the image.
void SrcSleep::input_spikes() {
    auto& s = spikes_[0];
    Rng r = rng_;                                  // a local copy stays in registers
    const int x0 = static_cast<int>(r.below(static_cast<uint32_t>(width_ - win_w_ + 1)));
    const int y0 = static_cast<int>(r.below(static_cast<uint32_t>(height_ - win_h_ + 1)));
    window_.resize(static_cast<size_t>(win_w_) * win_h_);    // scratch: no zero-fill of s each step
    int* out = window_.data();
    size_t n = 0;
    for (int y = y0; y < y0 + win_h_; ++y)
        for (int x = x0; x < x0 + win_w_; ++x) {
            const int idx = y * width_ + x;
            const int64_t k = static_cast<int64_t>(r.next() >> 11);
            out[n] = idx;                          // branch-free: keep it only if it spiked
            n += k <= kmax_[idx];
        }
    s.assign(out, out + n);
    rng_ = r;
    for (int j : s) counts_[0][j] += 1.0;
}

int64_t src_input_threshold(double pixel, double rescale) {
    auto spikes = [&](int64_t k) { return (static_cast<double>(k) + 0.5) * 0x1.0p-53 * rescale / 2.0 <= pixel; };
    int64_t lo = -1, hi = int64_t(1) << 53;        // spikes(lo) (or lo = -1), !spikes(hi) (or hi = 2^53)
    while (hi - lo > 1) {
        const int64_t mid = lo + (hi - lo) / 2;
        (spikes(mid) ? lo : hi) = mid;
    }
    return lo;
}

// v = decay v + alpha (sum of the spiking columns), then the threshold, for neurons [b, b+len). The column
// sum runs left to right in ascending pre order, as one accumulation would. Full blocks keep their sums in
// vector registers while the columns run; returns "fired".
// Block width per build: AVX: 2 x 16 floats (zmm). WebAssembly: 4 x f32x4 = 16 neurons. V8 keeps 15
// xmm registers and loads a column's vectors into registers of their own before adding, so 32 neurons
// (8 sums + 8 loads) spilled a sum to the stack on every column; the store-to-load round trip then
// limited the loop (integrate alone: 1.6 -> 1.0 us per step for 1200 neurons and 12 columns).
typedef float v16f __attribute__((vector_size(64)));
typedef int32_t v16i __attribute__((vector_size(64)));
typedef float v4f __attribute__((vector_size(16)));
typedef int32_t v4i __attribute__((vector_size(16)));
template <class VF> struct MaskOf;
template <> struct MaskOf<v16f> { typedef v16i type; };
template <> struct MaskOf<v4f> { typedef v4i type; };
#if defined(__AVX__)
typedef v16f BlockVec;
constexpr int kBlockVecs = 2;
constexpr bool kTestOnRegisters = false;   // natively the scan of v[] measured slightly faster
#else
typedef v4f BlockVec;
constexpr int kBlockVecs = 4;
constexpr bool kTestOnRegisters = true;    // under V8 the scan of v[] took ~100 instructions per block
#endif
constexpr int kBlock = kBlockVecs * static_cast<int>(sizeof(BlockVec) / sizeof(float));   // neurons per block

// Clang (the WebAssembly build) unrolled the column loop by two, loading twice the vectors before adding
// them, and V8 then spilled the sums to the stack on every column. Kept rolled. (The arithmetic is the
// same either way.)
#if defined(__clang__)
#define SN_ROLLED _Pragma("clang loop unroll(disable)")
#else
#define SN_ROLLED
#endif

static int integrate_block(float* v, const float* const* cols, size_t np, int b, float d, float a, float th) {
    constexpr int W = sizeof(BlockVec) / sizeof(float);
    BlockVec s[kBlockVecs], x;
    for (int j = 0; j < kBlockVecs; ++j) std::memcpy(&s[j], cols[0] + b + W * j, sizeof x);
    SN_ROLLED
    for (size_t k = 1; k < np; ++k) {
        const float* c = cols[k] + b;
        for (int j = 0; j < kBlockVecs; ++j) {
            std::memcpy(&x, c + W * j, sizeof x);
            s[j] += x;
        }
    }
    typename MaskOf<BlockVec>::type fired = {};
    for (int j = 0; j < kBlockVecs; ++j) {
        std::memcpy(&x, v + b + W * j, sizeof x);
        x = d * x + a * s[j];
        std::memcpy(v + b + W * j, &x, sizeof x);
        if (kTestOnRegisters) fired |= x >= th;
    }
    int any = 0;
    if (kTestOnRegisters) {
        for (int i = 0; i < W; ++i) any |= fired[i];
    } else {
        for (int i = b; i < b + kBlock; ++i) any |= v[i] >= th;
    }
    return any != 0;
}

static int integrate_tail(float* v, const float* const* cols, size_t np, int b, int len, float d, float a, float th) {
    int fired = 0;
    for (int i = b; i < b + len; ++i) {
        float acc = cols[0][i];
        for (size_t k = 1; k < np; ++k) acc += cols[k][i];
        v[i] = d * v[i] + a * acc;
        fired |= v[i] >= th;
    }
    return fired;
}

void SrcSleep::layer_step(int l) {
    const int m = l - 1, n = sizes_[l];
    const std::vector<int>& pre = spikes_[m];
    const size_t np = pre.size();
    float* v = v_[l].data();
    const float d = decay_f_, a = alpha_f_[m], th = thr_f_[m];
    cols_.resize(np);
    for (size_t k = 0; k < np; ++k) cols_[k] = wt_[m].data() + static_cast<size_t>(pre[k]) * n;

    // Mean inhibition needs all currents first: I = alpha W S; I -= mean(I) w_inh.
    const bool inhibit = np > 0 && p_.w_inh != 0.0;
    if (inhibit) {
        float* cur = cur_.data();
        for (int i = 0; i < n; ++i) cur[i] = cols_[0][i];
        for (size_t k = 1; k < np; ++k)
            for (int i = 0; i < n; ++i) cur[i] += cols_[k][i];
        double sum = 0.0;
        for (int i = 0; i < n; ++i) { cur[i] = a * cur[i]; sum += cur[i]; }
        const float sub = static_cast<float>(sum / n * p_.w_inh);
        for (int i = 0; i < n; ++i) cur[i] = cur[i] - sub;
    }

    auto& s = spikes_[l];
    s.clear();
    // No input: v only decays towards 0, and every v was below a positive threshold (or it fired and was
    // reset), so nothing can cross it (fl(d v) <= v for 0 <= d <= 1, v >= 0).
    if (np == 0 && th > 0.0f) {
        for (int i = 0; i < n; ++i) v[i] = d * v[i];
        return;
    }
    // Blocks, so that the spike scan runs only where something fired.
    for (int b = 0; b < n; b += kBlock) {
        const int len = std::min(kBlock, n - b);
        int fired = 0;
        if (np == 0) {
            for (int i = b; i < b + len; ++i) { v[i] = d * v[i]; fired |= v[i] >= th; }
        } else if (inhibit) {
            for (int i = b; i < b + len; ++i) { v[i] = d * v[i] + cur_[i]; fired |= v[i] >= th; }
        } else if (len == kBlock) {
            fired = integrate_block(v, cols_.data(), np, b, d, a, th);
        } else {
            fired = integrate_tail(v, cols_.data(), np, b, len, d, a, th);
        }
        if (fired)
            for (int i = b; i < b + len; ++i)
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
    src_stdp_row(w_->W[m].data() + static_cast<size_t>(post) * npre, wt_[m].data() + post, static_cast<size_t>(n),
                 pre_mask_.data(), npre, p_.inc, p_.dec);
}

SrcSleepState SrcSleep::state() const { return {done_, total_, alpha_, v_, counts_, spikes_, rng_}; }

bool SrcSleep::set_state(const SrcSleepState& s) {
    const size_t layers = sizes_.size();
    if (!error_.empty() || s.total != total_ || s.done < 0 || s.done > s.total || s.alpha.size() != alpha_.size() ||
        s.v.size() != layers || s.counts.size() != layers || s.spikes.size() != layers)
        return false;
    for (double a : s.alpha) if (!std::isfinite(a)) return false;
    for (size_t l = 0; l < layers; ++l) {
        if (s.v[l].size() != v_[l].size() || s.counts[l].size() != counts_[l].size()) return false;
        for (float x : s.v[l]) if (!std::isfinite(x)) return false;
        int prev = -1;
        for (int i : s.spikes[l]) { if (i <= prev || i >= sizes_[l]) return false; prev = i; }   // ascending, in range
    }
    done_ = s.done;
    alpha_ = s.alpha;
    for (size_t m = 0; m < alpha_.size(); ++m) alpha_f_[m] = static_cast<float>(alpha_[m]);
    v_ = s.v;
    counts_ = s.counts;
    spikes_ = s.spikes;
    rng_ = s.rng;
    return true;
}

}  // namespace sleepnet::digits
