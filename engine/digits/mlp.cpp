// sleepnet digits: MLP forward, backward and SGD (see mlp.h).
#include "digits/mlp.h"

#include <algorithm>
#include <cmath>

#include "digits/gemm.h"

namespace sleepnet::digits {

void MlpSettings::bind(SettingsTable& t) {
    // Kept in one spelling ("0400,400" is "400,400"), so links and saved files compare as the networks do.
    t.add_text("hidden", "hidden layer widths, e.g. 1200,1200", [this](const std::string& v) {
        std::vector<int> s;
        MlpSettings m; m.hidden = v;
        if (std::string e = m.layer_sizes(0, 0, &s); !e.empty()) return e;   // inputs unknown here: 0
        hidden.clear();
        for (size_t i = 1; i + 1 < s.size(); ++i) hidden += (i > 1 ? "," : "") + std::to_string(s[i]);
        return std::string();
    }, [this] { return hidden; });
    t.add_double("lr", &lr, 0, 10, "SGD learning rate");
    t.add_double("momentum", &momentum, 0, 0.999, "SGD momentum (buffer carried across tasks and sleep)");
    t.add_double("dropout", &dropout, 0, 0.95, "dropout fraction of hidden units");
    t.add_double("init_range", &init_range, 1e-6, 10, "initial weights U(-r, r)");
    t.add_int("batch", &batch, 1, 10000, "minibatch size");
    t.add_int("epochs", &epochs, 1, 1000, "epochs per task");
}

std::string MlpSettings::layer_sizes(int inputs, int outputs, std::vector<int>* sizes) const {
    std::vector<int> s{inputs};
    size_t i = 0;
    while (i < hidden.size()) {
        size_t j = hidden.find(',', i);
        if (j == std::string::npos) j = hidden.size();
        std::string part = hidden.substr(i, j - i);
        int v = 0;
        bool ok = !part.empty() && part.size() < 7;
        for (char c : part) { if (c < '0' || c > '9') ok = false; else v = v * 10 + (c - '0'); }
        if (!ok || v < 1 || v > 100000)
            return "hidden layer widths '" + hidden + "': '" + part + "' is not a width 1..100000";
        s.push_back(v);
        i = j + 1;
    }
    if (hidden.empty() || hidden.back() == ',') return "hidden layer widths '" + hidden + "': give e.g. 1200,1200";
    s.push_back(outputs);
    // Weights, momentum and gradients (and a copy for sleep) stay in memory: cap the network well inside
    // what a browser tab can allocate, rather than fail to allocate.
    double weights = 0, units = 0;
    for (size_t l = 0; l + 1 < s.size(); ++l) weights += static_cast<double>(s[l]) * s[l + 1];
    for (int w : s) units += w;
    if (weights > kMaxWeights) {
        std::string e = "hidden layer widths '" + hidden + "'";
        if (inputs > 0) e += " with " + std::to_string(inputs) + " inputs (pixels per image)";
        e += ": " + std::to_string(static_cast<long long>(weights)) + " weights";
        if (inputs == 0) e += " between the hidden layers alone";
        return e + ", more than the limit of " +
               std::to_string(kMaxWeights) + " (the paper's 784-1200-1200-10 has 2395200)";
    }
    if (units * batch > kMaxActivations)
        return "hidden layer widths '" + hidden + "' with batch " + std::to_string(batch) + ": " +
               std::to_string(static_cast<long long>(units * batch)) + " activations per batch, more than the limit of " +
               std::to_string(kMaxActivations);
    *sizes = s;
    return "";
}

void bytes_to_inputs(const uint8_t* p, int n, float* out) {
    for (int i = 0; i < n; ++i) out[i] = static_cast<float>(p[i]) / 255.0f;
}

int argmax(const float* v, int n) {
    int best = 0;
    for (int i = 1; i < n; ++i) if (v[i] > v[best]) best = i;
    return best;
}

// x where keep, else +0, as a bit mask rather than a branch: clang compiled `keep ? x : 0` for WebAssembly
// into a branch per element, mispredicted on the random dropout/ReLU patterns (the error mask cost 20x
// its vectorised native time). Same values: x itself or +0.
static inline float keep_if(float x, bool keep) {
    return __builtin_bit_cast(float, __builtin_bit_cast(uint32_t, x) & (0u - static_cast<uint32_t>(keep)));
}

// d[i] = a[i] > 0 ? d[i] : 0 (the ReLU derivative, and the dropout mask: dropped units have a = 0).
static void keep_where_positive(float* d, const float* a, size_t n) {
    for (size_t i = 0; i < n; ++i) d[i] = keep_if(d[i], a[i] > 0.0f);
}

// Training dropout: keep a unit when U(0,1) > p, one draw per unit in order, U = uniformf() = next24() 2^-24.
// For 0 <= p < 1, U > p <=> next24() > floor(p 2^24): the same keep/drop decisions as an integer test,
// with no conversion per unit. The generator is copied to a local so that its state stays in registers.
static void dropout(float* a, size_t n, float p, Rng* rng) {
    Rng r = *rng;
    if (p >= 0.0f && p < 1.0f) {
        const uint64_t cut = static_cast<uint64_t>(std::floor(static_cast<double>(p) * 0x1.0p24));
        for (size_t i = 0; i < n; ++i) a[i] = keep_if(a[i], r.next24() > cut);
    } else {
        for (size_t i = 0; i < n; ++i) a[i] = keep_if(a[i], r.uniformf() > p);
    }
    *rng = r;
}

void Mlp::init(const std::vector<int>& sizes, float r, Rng& rng) {
    w_.sizes = sizes;
    const int L = static_cast<int>(sizes.size()) - 1;
    w_.W.assign(L, {});
    v_.assign(L, {});
    for (int l = 0; l < L; ++l) {
        auto& W = w_.W[l];
        W.resize(static_cast<size_t>(sizes[l]) * sizes[l + 1]);
        for (auto& x : W) x = (rng.uniformf() * 2.0f - 1.0f) * r;
        v_[l].assign(W.size(), 0.0f);
    }
}

void Mlp::forward(const float* x, int B, bool training, float p, Rng* rng, std::vector<float>* layer_max) {
    const int L = w_.layers();
    act_.resize(L + 1);
    act_[0].assign(x, x + static_cast<size_t>(B) * inputs());
    for (int l = 0; l < L; ++l) {
        const int in = w_.sizes[l], out = w_.sizes[l + 1];
        auto& a = act_[l + 1];
        a.resize(static_cast<size_t>(B) * out);
        // B(k=i, n=o) = W[o][i]: the kernel packs W's columns itself, no transposed copy.
        gemm(B, out, in, act_[l].data(), in, 1, w_.W[l].data(), 1, in, a.data(), out, false);
        const bool hidden = l + 1 < L;
        for (auto& z : a) z = z > 0.0f ? z : 0.0f;
        if (hidden && p > 0.0f) {
            if (training) {
                // The mask is not stored: a dropped unit has a = 0, which also stops its error (a > 0).
                dropout(a.data(), a.size(), p, rng);
            } else {
                const float keep = 1.0f - p;
                for (auto& z : a) z = z * keep;
            }
        }
        if (layer_max) {
            float& mx = (*layer_max)[l];
            for (float z : a) mx = z > mx ? z : mx;
        }
    }
}

double Mlp::gradients(const float* x, const uint8_t* labels, int B, float p, Rng* rng,
                      std::vector<std::vector<float>>* grad) {
    const int L = w_.layers();
    forward(x, B, true, p, rng, nullptr);
    delta_.resize(L + 1);
    // Output error: raw prediction − target (no ReLU derivative at the output; reference B5).
    const int nout = outputs();
    auto& dL = delta_[L];
    dL.resize(static_cast<size_t>(B) * nout);
    double loss = 0;
    for (int b = 0; b < B; ++b)
        for (int o = 0; o < nout; ++o) {
            const size_t i = static_cast<size_t>(b) * nout + o;
            dL[i] = act_[L][i] - (labels[b] == o ? 1.0f : 0.0f);
            loss += 0.5 * static_cast<double>(dL[i]) * dL[i];
        }
    grad->resize(L);
    for (int l = L - 1; l >= 0; --l) {
        const int in = w_.sizes[l], out = w_.sizes[l + 1];
        auto& G = (*grad)[l];
        G.resize(static_cast<size_t>(in) * out);
        // dW[l] = delta[l+1]ᵀ · act[l]   (out x in, summed over the batch)
        gemm(out, in, B, delta_[l + 1].data(), 1, out, act_[l].data(), in, 1, G.data(), in, false);
        if (l == 0) break;
        // delta[l] = (delta[l+1] · W[l]) where act[l] > 0 (dropped units have act 0: the mask is included)
        auto& d = delta_[l];
        d.resize(static_cast<size_t>(B) * in);
        gemm(B, in, out, delta_[l + 1].data(), out, 1, w_.W[l].data(), in, 1, d.data(), in, false);
        keep_where_positive(d.data(), act_[l].data(), d.size());
    }
    return loss / B;
}

double Mlp::train_batch(const float* x, const uint8_t* labels, int B, float lr, float mom, float p, Rng* rng) {
    const double loss = gradients(x, labels, B, p, rng, &grad_);
    const float fb = static_cast<float>(B);
    for (int l = 0; l < w_.layers(); ++l) {
        float* W = w_.W[l].data();
        float* v = v_[l].data();
        const float* g = grad_[l].data();
        const size_t n = w_.W[l].size();
        for (size_t i = 0; i < n; ++i) {
            v[i] = mom * v[i] + lr * (g[i] / fb);
            W[i] = W[i] - v[i];
        }
    }
    return loss;
}

void Mlp::predict(const float* x, int B, float p, float* out, std::vector<float>* layer_max) {
    constexpr int kChunk = 250;   // rows per pass: big enough for the GEMM, small enough for the cache
    const int L = w_.layers();
    if (layer_max && static_cast<int>(layer_max->size()) != L) layer_max->assign(L, 0.0f);
    for (int b0 = 0; b0 < B; b0 += kChunk) {
        const int nb = std::min(kChunk, B - b0);
        forward(x + static_cast<size_t>(b0) * inputs(), nb, false, p, nullptr, layer_max);
        std::copy(act_[L].begin(), act_[L].end(), out + static_cast<size_t>(b0) * outputs());
    }
}

int Mlp::classify(const float* x, float p) {
    std::vector<float> out(outputs());
    predict(x, 1, p, out.data());
    return argmax(out.data(), outputs());
}

bool all_finite(const std::vector<std::vector<float>>& layers) {
    for (const auto& layer : layers)
        for (float f : layer)
            if (!std::isfinite(f)) return false;
    return true;
}

}  // namespace sleepnet::digits
