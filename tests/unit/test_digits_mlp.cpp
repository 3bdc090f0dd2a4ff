// Digits MLP: the GEMM against a plain loop, a finite-difference gradient check, the raw output error,
// and that SGD lowers the loss.
#include <doctest.h>

#include <cmath>
#include <cstring>

#include "digits/gemm.h"
#include "digits/mlp.h"

using namespace sleepnet;
using namespace sleepnet::digits;

TEST_CASE("gemm: equals the sequential sum bit for bit, for odd shapes and strides") {
    Rng r(5);
    for (int shape = 0; shape < 16; ++shape) {
        const int M = 1 + int(r.below(23)), N = 1 + int(r.below(150)), K = 1 + int(r.below(600));
        std::vector<float> A(size_t(M) * K), B(size_t(K) * N), C(size_t(M) * N, 0.5f);
        // Shapes 8..15: mostly zeros in A (+0 and -0, as ReLU and masked errors give), so the sparse
        // kernel, which skips them, runs; whole zero rows too.
        const float zeros = shape < 8 ? 0.0f : 0.3f + 0.08f * float(shape - 8);
        for (auto& x : A) x = r.uniformf() < zeros ? (r.below(2) ? 0.0f : -0.0f) : r.uniformf() - 0.5f;
        if (shape >= 8) for (int k = 0; k < K; ++k) A[size_t(k) % A.size()] = 0.0f;
        for (auto& x : B) x = r.uniformf() - 0.5f;
        const bool acc = shape % 2;
        const bool trans = shape % 3 == 0;   // A(m,k) read as A[k*M + m] (the Dᵀ·X case)
        const bool btrans = shape % 4 < 2;   // B(k,n) read as Bt[n*K + k] (the X·Wᵀ case)
        std::vector<float> Bt(B.size());
        for (int k = 0; k < K; ++k) for (int n = 0; n < N; ++n) Bt[size_t(n) * K + k] = B[size_t(k) * N + n];
        if (btrans) gemm(M, N, K, A.data(), trans ? 1 : K, trans ? M : 1, Bt.data(), 1, K, C.data(), N, acc);
        else gemm(M, N, K, A.data(), trans ? 1 : K, trans ? M : 1, B.data(), N, 1, C.data(), N, acc);
        int wrong = 0;
        for (int m = 0; m < M; ++m)
            for (int n = 0; n < N; ++n) {
                float s = acc ? 0.5f : 0.0f;
                for (int k = 0; k < K; ++k) s = s + (trans ? A[size_t(k) * M + m] : A[size_t(m) * K + k]) * B[size_t(k) * N + n];
                wrong += std::memcmp(&s, &C[size_t(m) * N + n], sizeof s) != 0;   // bits: -0 differs from +0
            }
        CHECK(wrong == 0);
    }
}

// Double-precision reference forward pass (all ReLU, no dropout) and loss ½Σe²/B.
static double ref_loss(const std::vector<std::vector<double>>& W, const std::vector<int>& sizes,
                       const std::vector<float>& x, const std::vector<uint8_t>& y, int B) {
    double loss = 0;
    for (int b = 0; b < B; ++b) {
        std::vector<double> a(x.begin() + size_t(b) * sizes[0], x.begin() + size_t(b + 1) * sizes[0]);
        for (size_t l = 0; l + 1 < sizes.size(); ++l) {
            std::vector<double> z(sizes[l + 1], 0.0);
            for (int o = 0; o < sizes[l + 1]; ++o) {
                for (int i = 0; i < sizes[l]; ++i) z[o] += W[l][size_t(o) * sizes[l] + i] * a[i];
                z[o] = z[o] > 0 ? z[o] : 0;
            }
            a = z;
        }
        for (int o = 0; o < sizes.back(); ++o) { double e = a[o] - (y[b] == o); loss += 0.5 * e * e; }
    }
    return loss / B;
}

TEST_CASE("mlp: gradients match finite differences (double) where the output is active") {
    const std::vector<int> sizes{6, 5, 4, 3};
    const int B = 4;
    Mlp net;
    Rng r(11);
    net.init(sizes, 1.0f, r);
    // Positive output weights and inputs keep every output unit active, so the raw output error equals
    // the true gradient there. Hidden units are mixed: the hidden ReLU masks are exercised.
    for (auto& w : net.weights().W[2]) w = 0.2f + 0.5f * std::fabs(w);
    std::vector<float> x(size_t(B) * 6);
    for (auto& v : x) v = 0.1f + 0.9f * r.uniformf();
    std::vector<uint8_t> y{0, 2, 1, 2};
    std::vector<std::vector<float>> g;
    const double loss = net.gradients(x.data(), y.data(), B, 0.0f, nullptr, &g);

    std::vector<std::vector<double>> Wd;
    for (auto& W : net.weights().W) Wd.emplace_back(W.begin(), W.end());
    CHECK(loss == doctest::Approx(ref_loss(Wd, sizes, x, y, B)).epsilon(1e-5));
    int checked = 0, active_hidden_grads = 0;
    for (size_t l = 0; l < Wd.size(); ++l)
        for (size_t i = 0; i < Wd[l].size(); ++i) {
            const double h = 1e-6, w0 = Wd[l][i];
            Wd[l][i] = w0 + h; const double lp = ref_loss(Wd, sizes, x, y, B);
            Wd[l][i] = w0 - h; const double lm = ref_loss(Wd, sizes, x, y, B);
            Wd[l][i] = w0;
            const double numeric = (lp - lm) / (2 * h), analytic = g[l][i] / B;
            CHECK(analytic == doctest::Approx(numeric).epsilon(1e-4).scale(1e-3));
            active_hidden_grads += l < 2 && numeric != 0;
            ++checked;
        }
    CHECK(checked == 6 * 5 + 5 * 4 + 4 * 3);
    CHECK(active_hidden_grads > 10);
}

TEST_CASE("mlp: the output error is raw (prediction - target), without the output ReLU derivative") {
    const std::vector<int> sizes{3, 2, 2};
    Mlp net;
    Rng r(3);
    net.init(sizes, 0.5f, r);
    auto& W = net.weights();
    W.W[0] = {0.5f, 0.2f, 0.1f, 0.3f, 0.4f, 0.6f};     // hidden active for positive input
    W.W[1] = {-1.0f, -1.0f, 0.5f, 0.5f};               // output 0 silent (pre-activation < 0)
    std::vector<float> x{1.0f, 0.5f, 0.25f};
    std::vector<uint8_t> y{0};
    std::vector<std::vector<float>> g;
    net.gradients(x.data(), y.data(), 1, 0.0f, nullptr, &g);
    const float h0 = 0.5f + 0.1f + 0.025f, h1 = 0.3f + 0.2f + 0.15f;
    // Output 0 is 0, target 1: error −1 although the ReLU is off, so its weights still get −h.
    CHECK(g[1][0] == doctest::Approx(-h0));
    CHECK(g[1][1] == doctest::Approx(-h1));
}

TEST_CASE("mlp: SGD with dropout lowers the loss on a separable toy problem; same seed, same weights") {
    auto run = [](std::vector<float>* w_out) {
        Mlp net;
        Rng init = Rng::stream(1, Stream::InitWeights), drop = Rng::stream(1, Stream::Dropout), data(9);
        net.init({20, 32, 32, 4}, 0.3f, init);
        std::vector<float> x(20 * 40);
        std::vector<uint8_t> y(40);
        double first = 0, last = 0;
        for (int step = 0; step < 150; ++step) {
            for (int b = 0; b < 40; ++b) {
                y[b] = uint8_t(data.below(4));
                for (int i = 0; i < 20; ++i) x[b * 20 + i] = (i % 4 == y[b] ? 1.0f : 0.0f) + 0.2f * data.uniformf();
            }
            double loss = net.train_batch(x.data(), y.data(), 40, 0.1f, 0.5f, 0.25f, &drop);
            if (step == 0) first = loss;
            last = loss;
        }
        *w_out = net.weights().W[1];
        int correct = 0;
        for (int b = 0; b < 40; ++b) correct += net.classify(&x[b * 20], 0.25f) == y[b];
        CHECK(last < 0.5 * first);
        CHECK(correct >= 34);
    };
    std::vector<float> a, b;
    run(&a);
    run(&b);
    CHECK(a == b);
}
