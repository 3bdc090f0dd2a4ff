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

// The authors' nnff / nnbp / nnapplygrads (DeepLearnToolbox), transcribed in double: dropout multiplies
// hidden activations by a 0/1 mask (keep when U > p, no 1/(1-p) rescaling in training), the output error
// is raw, hidden errors are masked by a > 0 (which includes the dropout mask), and v = m v + lr dW/B,
// W -= v. Two steps, so the momentum term is exercised. The masks come from a copy of the dropout stream,
// drawn in the engine's order (layer by layer, row-major).
TEST_CASE("mlp: SGD steps equal a double transcription of the authors' nnff/nnbp/nnapplygrads") {
    const std::vector<int> sizes{7, 6, 5, 3};
    const int B = 4, L = 3;
    const float p = 0.25f, lr = 0.1f, mom = 0.5f;
    Mlp net;
    Rng init(21), data(22), drop = Rng::stream(3, Stream::Dropout);
    net.init(sizes, 0.5f, init);
    std::vector<std::vector<double>> W(L), V(L);
    for (int l = 0; l < L; ++l) { W[l].assign(net.weights().W[l].begin(), net.weights().W[l].end()); V[l].assign(W[l].size(), 0.0); }
    int dropped = 0;
    for (int step = 0; step < 2; ++step) {
        std::vector<float> x(size_t(B) * 7);
        for (auto& v : x) v = data.uniformf() < 0.3f ? 0.0f : data.uniformf();
        std::vector<uint8_t> y(B);
        for (auto& c : y) c = uint8_t(data.below(3));
        Rng masks = drop;
        net.train_batch(x.data(), y.data(), B, lr, mom, p, &drop);
        std::vector<std::vector<double>> a(L + 1), d(L + 1);
        a[0].assign(x.begin(), x.end());
        for (int l = 0; l < L; ++l) {
            const int in = sizes[l], out = sizes[l + 1];
            a[l + 1].assign(size_t(B) * out, 0.0);
            for (int b = 0; b < B; ++b)
                for (int o = 0; o < out; ++o) {
                    double z = 0;
                    for (int k = 0; k < in; ++k) z += a[l][size_t(b) * in + k] * W[l][size_t(o) * in + k];
                    a[l + 1][size_t(b) * out + o] = z > 0 ? z : 0;
                }
            if (l + 1 < L)
                for (auto& z : a[l + 1]) if (!(masks.uniformf() > p)) { z = 0; ++dropped; }
        }
        d[L].resize(size_t(B) * 3);
        for (int b = 0; b < B; ++b) for (int o = 0; o < 3; ++o) d[L][size_t(b) * 3 + o] = a[L][size_t(b) * 3 + o] - (y[b] == o);
        for (int l = L - 1; l >= 1; --l) {
            const int in = sizes[l], out = sizes[l + 1];
            d[l].assign(size_t(B) * in, 0.0);
            for (int b = 0; b < B; ++b)
                for (int k = 0; k < in; ++k) {
                    double s = 0;
                    for (int o = 0; o < out; ++o) s += d[l + 1][size_t(b) * out + o] * W[l][size_t(o) * in + k];
                    d[l][size_t(b) * in + k] = a[l][size_t(b) * in + k] > 0 ? s : 0;
                }
        }
        for (int l = 0; l < L; ++l) {
            const int in = sizes[l], out = sizes[l + 1];
            for (int o = 0; o < out; ++o)
                for (int k = 0; k < in; ++k) {
                    double g = 0;
                    for (int b = 0; b < B; ++b) g += d[l + 1][size_t(b) * out + o] * a[l][size_t(b) * in + k];
                    double& v = V[l][size_t(o) * in + k];
                    v = mom * v + lr * (g / B);
                    W[l][size_t(o) * in + k] -= v;
                }
        }
        int off = 0;
        for (int l = 0; l < L; ++l)
            for (size_t i = 0; i < W[l].size(); ++i) {
                off += std::fabs(W[l][i] - net.weights().W[l][i]) > 1e-6;
                off += std::fabs(V[l][i] - net.velocity()[l][i]) > 1e-6;
            }
        CHECK(off == 0);
    }
    CHECK(dropped > 5);   // the masks did drop units
}

// normalize_nn_data runs nnff in test mode: hidden activations are scaled by 1 - p and the scaled values
// feed the next layer; the output is not scaled. layer_max must be the max of exactly those.
TEST_CASE("mlp: test-mode layer maxima (SRC scale factors) use 1 - p scaled hidden activations") {
    const std::vector<int> sizes{2, 2, 1};
    Mlp net;
    Rng r(1);
    net.init(sizes, 0.1f, r);
    net.weights().W[0] = {1.0f, 0.5f, -1.0f, 2.0f};   // h = relu(x0 + 0.5 x1), relu(-x0 + 2 x1)
    net.weights().W[1] = {1.0f, 1.0f};
    const std::vector<float> x{1.0f, 1.0f, 0.0f, 2.0f};   // two images
    std::vector<float> out(2), mx;
    net.predict(x.data(), 2, 0.25f, out.data(), &mx);
    // image 0: h = (1.5, 1) * 0.75 = (1.125, 0.75), out 1.875; image 1: h = (1, 4) * 0.75 = (0.75, 3), out 3.75
    CHECK(mx.size() == 2);
    CHECK(mx[0] == doctest::Approx(3.0));
    CHECK(mx[1] == doctest::Approx(3.75));
    CHECK(out[0] == doctest::Approx(1.875));
}

TEST_CASE("mlp: layer sizes: bad widths and networks over the caps are named, with what made them large") {
    MlpSettings m;
    std::vector<int> sizes;
    m.hidden = "1200,1200";
    REQUIRE(m.layer_sizes(784, 10, &sizes) == "");
    CHECK(sizes == std::vector<int>{784, 1200, 1200, 10});
    m.hidden = "400,x";
    CHECK(m.layer_sizes(784, 10, &sizes).find("'x' is not a width") != std::string::npos);
    m.hidden = "400,";
    CHECK(m.layer_sizes(784, 10, &sizes).find("give e.g. 1200,1200") != std::string::npos);
    // Large images, not the widths, make 400,400 too big: the message names the inputs.
    m.hidden = "400,400";
    const std::string e = m.layer_sizes(4096 * 4096, 10, &sizes);
    CHECK(e.find("with 16777216 inputs (pixels per image)") != std::string::npos);
    CHECK(e.find("more than the limit") != std::string::npos);
}
