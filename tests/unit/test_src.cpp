// Digits: Sleep Replay Consolidation (src_sleep.*): g(w), the scale factors with the authors' quirk, one
// hand-computed step sequence on a 3-2-1 network, the Poisson input, the schedule, settings, determinism.
#include <doctest.h>

#include <cmath>
#include <cstring>

#include "core/rng.h"
#include "core/settings.h"
#include "digits/src_sleep.h"
#include "digits/src_stdp.h"

using namespace sleepnet;
using namespace sleepnet::digits;

static MlpWeights make_net(std::vector<int> sizes) {
    MlpWeights w;
    w.sizes = sizes;
    for (size_t l = 0; l + 1 < sizes.size(); ++l) w.W.emplace_back(static_cast<size_t>(sizes[l]) * sizes[l + 1], 0.0f);
    return w;
}

TEST_CASE("src: g(w) is the decreasing 2(1 - 1/(1+exp(-w/0.001))), not the logistic") {
    CHECK(src_g(0.0) == 1.0);
    CHECK(src_g(0.001) == doctest::Approx(2.0 / (1.0 + std::exp(1.0))).epsilon(1e-14));    // 0.5379
    CHECK(src_g(0.001) == doctest::Approx(0.5378828427399902).epsilon(1e-12));
    CHECK(src_g(-0.001) == doctest::Approx(1.4621171572600098).epsilon(1e-12));
    CHECK(src_g(0.002) == doctest::Approx(0.23840584404423515).epsilon(1e-12));
    CHECK(src_g(1.0) == 0.0);     // exp(-1000) underflows to 0: no change for large positive weights
    CHECK(src_g(-1.0) == 2.0);    // exp(1000) overflows to inf: full change for large negative weights
    for (double w = -0.01; w < 0.01; w += 0.0007) CHECK(src_g(w) > src_g(w + 0.0001));
}

TEST_CASE("src: scale factors keep the prev = f_l quirk (hand-computed)") {
    MlpWeights w = make_net({3, 2, 2, 1});
    w.W[0] = {0.5f, -1.0f, 0.25f, 0.0f, 0.1f, -0.2f};   // max W+ 0.5
    w.W[1] = {4.0f, -1.0f, 0.0f, 1.0f};                // max W+ 4 (beats the activation)
    w.W[2] = {-1.0f, 0.5f};                            // max W+ 0.5
    // s = max(maxW+, max a): s0 = max(0.5, 2) = 2, s1 = max(4, 3) = 4, s2 = max(0.5, 6) = 6
    // f0 = 2/1 = 2, f1 = 4/f0 = 2, f2 = 6/f1 = 3   (without the quirk f2 would be 6/4 = 1.5)
    auto a = src_alpha(w, {2.0f, 3.0f, 6.0f}, 12.0);
    REQUIRE(a.size() == 3);
    CHECK(a[0] == doctest::Approx(6.0));
    CHECK(a[1] == doctest::Approx(6.0));
    CHECK(a[2] == doctest::Approx(4.0));
    // Negative activations and weights count as 0; an all-zero layer falls back to s = 1.
    MlpWeights z = make_net({2, 1});
    z.W[0] = {-0.5f, -0.1f};
    CHECK(src_alpha(z, {-3.0f}, 5.0)[0] == doctest::Approx(5.0));
}

TEST_CASE("src: sleep length schedule 15000 + 5000 (task-1)") {
    SrcParams p;
    CHECK(p.steps_for_task(1) == 15000);
    CHECK(p.steps_for_task(2) == 20000);
    CHECK(p.steps_for_task(3) == 25000);
    CHECK(p.steps_for_task(5) == 35000);
}

TEST_CASE("src: settings keys, beta list, validation") {
    SrcParams p;
    SettingsTable t;
    p.bind(t, "src_");
    CHECK(t.has("src_inc"));
    CHECK(t.has("src_max_rate"));
    CHECK(t.get("src_beta") == "14.548273,44.560317,38.046326");
    CHECK(t.apply({{"src_inc", "0.5"}, {"src_beta", "1,2.5,3"}}).empty());
    CHECK(p.inc == 0.5);
    REQUIRE(p.beta.size() == 3);
    CHECK(p.beta[1] == 2.5);
    CHECK(t.apply({{"src_beta", "1,x"}}).size() == 1);
    CHECK(t.apply({{"src_beta", "1,-2"}}).size() == 1);
    CHECK(t.apply({{"src_beta", "1,0x10"}}).size() == 1);   // decimal only, as every number key
    CHECK(t.apply({{"src_beta", " 1,2"}}).size() == 1);
    CHECK(t.apply({{"src_decay", "1.5"}}).size() == 1);
    CHECK(p.beta[1] == 2.5);          // bad values keep the previous value
    CHECK(p.decay == 0.999);
    CHECK(p.check(3).empty());
    CHECK_FALSE(p.check(2).empty());
    MlpWeights w = make_net({4, 2, 1});
    SrcInputs in{std::vector<float>(4, 0.5f), {1.0f, 1.0f}, 2, 2};
    SrcSleep bad(SrcParams{}, w, in, 10, 1);          // 3 betas for 2 layers: an error, no steps, no change
    CHECK(bad.error().find("beta") != std::string::npos);
    CHECK(bad.steps_total() == 0);
    CHECK(bad.advance(10));
    CHECK(bad.spike_counts(1).size() == 2);
    SrcParams two;
    two.beta = {1, 1};
    SrcInputs wrong{std::vector<float>(5, 0.5f), {1.0f, 1.0f}, 5, 1};
    CHECK(SrcSleep(two, w, wrong, 10, 1).error().find("mean image") != std::string::npos);
    CHECK(SrcSleep(two, w, in, 10, 1).error().empty());
}

// A 3-2-1 network whose input pixels are either certain to spike (0.5 with rescale 1) or never (0).
struct TinyNet {
    MlpWeights w = make_net({3, 2, 1});
    SrcParams p;
    SrcInputs in;
    TinyNet() {
        w.W[0] = {0.002f, 0.003f, 0.001f,      // post 0
                  0.0005f, -0.001f, 0.0005f};  // post 1
        w.W[1] = {0.004f, 0.002f};
        p.max_rate = 1000; p.dt = 0.001;       // rescale 1: spike iff U/2 <= x
        p.inc = 0.001; p.dec = 0.0005; p.decay = 0.5; p.threshold = 1.0;
        p.beta = {0.25, 0.5};
        p.alpha_scale = 100;                   // s0 = s1 = 1 (activations) -> alpha = 100, 100
        p.window = 3;
        in.mean_image = {0.5f, 0.0f, 0.5f};
        in.width = 3; in.height = 1;
        in.max_activation = {1.0f, 1.0f};
    }
};

static double up(double w, double inc) { return w + inc * 2.0 / (1.0 + std::exp(w / 0.001)); }  // w + inc g(w)

TEST_CASE("src: one hand-computed step sequence on a 3-2-1 network") {
    TinyNet t;
    SrcSleep s(t.p, t.w, t.in, 2, 7);
    CHECK(s.alpha()[0] == doctest::Approx(100.0));
    CHECK(s.alpha()[1] == doctest::Approx(100.0));
    CHECK(s.steps_total() == 2);

    // Step 1: inputs 0 and 2 spike. H1 currents 100*(0.002+0.001) = 0.3 and 100*(0.0005+0.0005) = 0.1;
    // post 0 crosses 0.25 and spikes, its row learns (pre 0, 2 up; pre 1 down), then resets.
    // Output: same-step H1 spike gives 100*0.004 = 0.4 < 0.5, no spike.
    CHECK_FALSE(s.advance(1));
    CHECK(s.last_spikes(0) == std::vector<int>{0, 2});
    CHECK(s.last_spikes(1) == std::vector<int>{0});
    CHECK(s.last_spikes(2).empty());
    const double w00 = up(0.002, 0.001), w01 = up(0.003, -0.0005), w02 = up(0.001, 0.001);
    CHECK(t.w.at(0, 0, 0) == doctest::Approx(w00).epsilon(1e-6));
    CHECK(t.w.at(0, 0, 1) == doctest::Approx(w01).epsilon(1e-6));
    CHECK(t.w.at(0, 0, 2) == doctest::Approx(w02).epsilon(1e-6));
    CHECK(w00 == doctest::Approx(0.002 + 0.001 * 0.23840584404423515));
    CHECK(t.w.at(0, 1, 0) == 0.0005f);                                  // post 1 silent: row untouched
    CHECK(t.w.at(1, 0, 0) == 0.004f);
    CHECK(s.membrane(1)[0] == 0.0f);                                     // reset
    CHECK(s.membrane(1)[1] == doctest::Approx(0.1).epsilon(1e-6));
    CHECK(s.membrane(2)[0] == doctest::Approx(0.4).epsilon(1e-6));

    // Step 2: H1 post 0 gets the UPDATED row (via the transposed copy): 100*(w00 + w02) (it spikes with the old
    // row too, so this step does not tell them apart: the dense-transcription test below does); post 1 decays:
    // 0.5*0.1 + 0.1 = 0.15. Output: 0.5*0.4 + 0.4 = 0.6 >= 0.5 spikes; its row learns (pre 0 up, 1 down).
    CHECK(s.advance(1));
    CHECK(s.last_spikes(1) == std::vector<int>{0});
    CHECK(s.last_spikes(2) == std::vector<int>{0});
    CHECK(s.membrane(1)[1] == doctest::Approx(0.15).epsilon(1e-6));
    CHECK(s.membrane(2)[0] == 0.0f);
    CHECK(t.w.at(0, 0, 0) == doctest::Approx(up(w00, 0.001)).epsilon(1e-6));
    CHECK(t.w.at(0, 0, 1) == doctest::Approx(up(w01, -0.0005)).epsilon(1e-6));
    CHECK(t.w.at(1, 0, 0) == doctest::Approx(0.004 + 0.001 * 2.0 / (1.0 + std::exp(4.0))).epsilon(1e-6));
    CHECK(t.w.at(1, 0, 1) == doctest::Approx(0.002 - 0.0005 * 0.23840584404423515).epsilon(1e-6));
    CHECK(s.spike_counts(0) == std::vector<double>{2, 0, 2});
    CHECK(s.spike_counts(1) == std::vector<double>{2, 0});
    CHECK(s.spike_counts(2) == std::vector<double>{1});
    CHECK(s.advance(5));                   // done: no more steps
    CHECK(s.steps_done() == 2);
}

TEST_CASE("src: threshold is >= and mean inhibition subtracts mean(I) * w_inh") {
    TinyNet t;
    t.p.w_inh = 0.5;       // I = (0.3, 0.1) - 0.2 * 0.5 = (0.2, 0.0): post 0 now stays below 0.25
    SrcSleep s(t.p, t.w, t.in, 1, 7);
    s.advance(1);
    CHECK(s.last_spikes(1).empty());
    CHECK(s.membrane(1)[0] == doctest::Approx(0.2).epsilon(1e-6));
    CHECK(std::fabs(s.membrane(1)[1]) < 1e-7);
    TinyNet e;
    e.p.beta = {0.3, 0.5};   // v = 100 * (0.002f + 0.001f) vs threshold 0.3: fires iff v >= 0.3 exactly
    SrcSleep s2(e.p, e.w, e.in, 1, 7);
    s2.advance(1);
    const float v = 100.0f * (0.002f + 0.001f);
    CHECK(s2.last_spikes(1).empty() == !(static_cast<double>(v) >= 0.3));
}

TEST_CASE("src: with threshold 0 a silent neuron (v = 0 >= 0) fires every step, as the code's >= does") {
    TinyNet t;
    t.p.threshold = 0.0;
    t.in.mean_image = {0.0f, 0.0f, 0.0f};      // no input spikes at all
    SrcSleep s(t.p, t.w, t.in, 3, 7);
    s.advance(3);
    CHECK(s.last_spikes(0).empty());
    CHECK(s.last_spikes(1) == std::vector<int>{0, 1});
    CHECK(s.last_spikes(2) == std::vector<int>{0});
    CHECK(t.w.at(0, 0, 0) < 0.002f);           // H1 fired with every input silent: depressed
    CHECK(t.w.at(1, 0, 0) > 0.004f);           // the output fired with both H1 neurons: potentiated
}

TEST_CASE("src: Poisson input through a random 11x11 window") {
    MlpWeights w = make_net({784, 2, 1});
    SrcInputs in{std::vector<float>(784, 1.0f), {1.0f, 1.0f}, 28, 28};
    SrcParams p;
    p.beta = {1, 1};
    p.max_rate = 1000;                       // P = 2 dt max_rate x = 2 for x = 1: every window pixel spikes
    SrcSleep full(p, w, in, 3600, 11);
    int col_hist[18] = {}, row_hist[18] = {};
    for (int t = 0; t < 3600; ++t) {
        full.advance(1);
        const auto& s = full.last_spikes(0);
        REQUIRE(s.size() == 121);
        const int r0 = s.front() / 28, c0 = s.front() % 28;
        REQUIRE(s.back() == (r0 + 10) * 28 + c0 + 10);
        REQUIRE(r0 < 18);
        REQUIRE(c0 < 18);
        row_hist[r0]++; col_hist[c0]++;
    }
    for (int k = 0; k < 18; ++k) {           // 200 expected each, SD 13.7
        CHECK(row_hist[k] == doctest::Approx(200).epsilon(0.3));
        CHECK(col_hist[k] == doctest::Approx(200).epsilon(0.3));
    }

    // Default rate on a uniform 0.5 image: P = 2 * 0.001 * 239.515363 * 0.5 = 0.2395 per window pixel.
    SrcParams q;
    q.beta = {1e9, 1e9};
    std::fill(in.mean_image.begin(), in.mean_image.end(), 0.5f);
    SrcSleep half(q, w, in, 2000, 12);
    double n = 0;
    for (int t = 0; t < 2000; ++t) { half.advance(1); n += half.last_spikes(0).size(); }
    const double trials = 2000.0 * 121, pr = 2 * 0.001 * 239.515363 * 0.5;
    const double sd = std::sqrt(trials * pr * (1 - pr));                 // ~210
    CHECK(std::fabs(n - trials * pr) < 4 * sd);
    CHECK(n / 2000 == doctest::Approx(28.98).epsilon(0.02));

    // Pixels of value 0 never spike, however high the rate.
    std::fill(in.mean_image.begin(), in.mean_image.end(), 0.0f);
    q.max_rate = 1e6;
    SrcSleep dark(q, w, in, 500, 13);
    dark.advance(500);
    double total = 0;
    for (double c : dark.spike_counts(0)) total += c;
    CHECK(total == 0);
}

// A small random network with MNIST parameters and enough activity for STDP in every layer.
static MlpWeights random_net(uint64_t seed) {
    MlpWeights w = make_net({784, 40, 30, 10});
    Rng r(seed);
    for (auto& m : w.W) for (auto& x : m) x = static_cast<float>(r.uniform(-0.01, 0.01) + (r.bernoulli(0.1) ? 0.02 : 0.0));
    return w;
}
static SrcInputs image_inputs() {
    SrcInputs in{std::vector<float>(784), {0.05f, 0.05f, 0.05f}, 28, 28};
    for (int r = 0; r < 28; ++r)
        for (int c = 0; c < 28; ++c) in.mean_image[r * 28 + c] = (r > 3 && r < 24 && c > 5 && c < 22) ? 0.4f : 0.0f;
    return in;
}

TEST_CASE("src: deterministic across slicings; the seed matters") {
    const int steps = 400;
    MlpWeights a = random_net(5), b = random_net(5), c = random_net(5), d = random_net(5);
    SrcInputs in = image_inputs();
    SrcSleep sa(SrcParams{}, a, in, steps, 3), sb(SrcParams{}, b, in, steps, 3);
    SrcSleep sc(SrcParams{}, c, in, steps, 3), sd(SrcParams{}, d, in, steps, 4);
    while (!sa.advance(1)) {}
    CHECK(sb.advance(steps));
    while (!sc.advance(7)) {}
    sd.advance(steps);
    CHECK(sa.steps_done() == steps);
    double h1 = 0, h2 = 0;
    for (double x : sa.spike_counts(1)) h1 += x;
    for (double x : sa.spike_counts(2)) h2 += x;
    CHECK(h1 > 0);                     // STDP ran in both hidden layers
    CHECK(h2 > 0);
    bool changed = false;
    MlpWeights orig = random_net(5);
    for (size_t l = 0; l < a.W.size(); ++l) {
        CHECK(std::memcmp(a.W[l].data(), b.W[l].data(), a.W[l].size() * sizeof(float)) == 0);
        CHECK(std::memcmp(a.W[l].data(), c.W[l].data(), a.W[l].size() * sizeof(float)) == 0);
        changed |= std::memcmp(a.W[l].data(), orig.W[l].data(), a.W[l].size() * sizeof(float)) != 0;
    }
    CHECK(changed);
    CHECK(sa.spike_counts(1) == sc.spike_counts(1));
    CHECK(std::memcmp(a.W[0].data(), d.W[0].data(), a.W[0].size() * sizeof(float)) != 0);
}

TEST_CASE("src: the vectorised STDP row equals the scalar det_exp form bit for bit") {
    Rng r(9);
    const int n = 203;                       // 25 blocks of 8 plus a tail
    std::vector<float> a(n), b(n), ma(n * 3, -7.0f), mb(n * 3, -7.0f);
    std::vector<uint8_t> pre(n);
    for (int rep = 0; rep < 40; ++rep) {
        const double scale = rep < 30 ? 0.02 : 0.9;     // the last rows take the scalar path (|w| > 0.69)
        for (int j = 0; j < n; ++j) {
            a[j] = b[j] = static_cast<float>(r.uniform(-scale, scale));
            pre[j] = r.bernoulli(0.3);
        }
        if (rep == 1) a[5] = b[5] = 0.0f;
        src_stdp_row(a.data(), ma.data(), 3, pre.data(), n, 0.032064, 0.003344);
        src_stdp_row_scalar(b.data(), mb.data(), 3, pre.data(), n, 0.032064, 0.003344);
        REQUIRE(std::memcmp(a.data(), b.data(), n * sizeof(float)) == 0);
        REQUIRE(std::memcmp(ma.data(), mb.data(), ma.size() * sizeof(float)) == 0);
        for (int j = 0; j < n; ++j) REQUIRE(ma[j * 3] == a[j]);     // the mirror holds the same weights
        CHECK(ma[1] == -7.0f);                                       // and nothing else was written
    }
}

TEST_CASE("src: the vectorised g(w) equals src_g (det_exp) bit for bit") {
    Rng r(10);
    std::vector<float> w(4096);
    std::vector<double> g(w.size());
    for (size_t j = 0; j < w.size(); ++j) w[j] = static_cast<float>(r.uniform(-0.69, 0.69) * (j % 3 ? 0.02 : 1.0));
    w[0] = 0.0f; w[1] = 0.69f; w[2] = -0.69f; w[3] = 1e-30f; w[4] = -0.0005f; w[5] = 0.0005f;
    src_g_row(w.data(), g.data(), static_cast<int>(w.size()));
    int differ = 0;
    for (size_t j = 0; j < w.size(); ++j) {
        const double s = src_g(w[j]);
        differ += std::memcmp(&g[j], &s, sizeof s) != 0;
    }
    CHECK(differ == 0);
}

TEST_CASE("src: the integer input threshold is exactly the U * rescale / 2 <= pixel test") {
    auto spikes = [](int64_t k, double rescale, double pixel) {
        const double u = (static_cast<double>(k) + 0.5) * 0x1.0p-53;    // U on the open interval (0,1)
        return u * rescale / 2.0 <= pixel;
    };
    Rng r(21);
    const double rescale = 1.0 / (0.001 * 239.515363);
    for (double pixel : {0.0, 1e-9, 0.1, 0.2395, 0.5, 0.99, 1.0, 2.0, 1e6}) {
        const int64_t K = src_input_threshold(pixel, rescale);
        const int64_t top = (int64_t(1) << 53) - 1;
        if (K >= 0) CHECK(spikes(K, rescale, pixel));
        if (K < top) CHECK_FALSE(spikes(K + 1, rescale, pixel));
        for (int i = 0; i < 2000; ++i) {
            const int64_t k = static_cast<int64_t>(r.next() >> 11);
            REQUIRE((k <= K) == spikes(k, rescale, pixel));
        }
    }
    CHECK(src_input_threshold(0.0, rescale) == -1);                      // black pixels never spike
    CHECK(src_input_threshold(1.0, 1.0) == (int64_t(1) << 53) - 1);      // P = 1
}

// A plain dense transcription of the reference loop (B1), fed with the same input spikes: the event-driven
// engine (transposed copy, register blocks, tails, skipped scans, vectorised STDP) must give the same bits.
TEST_CASE("src: event-driven sleep equals a dense transcription of the reference loop") {
    MlpWeights a = random_net(8), b = random_net(8);
    SrcInputs in = image_inputs();
    SrcParams p;
    SrcSleep s(p, a, in, 300, 5);
    const int L = b.layers();
    std::vector<std::vector<float>> v(L + 1);
    for (int l = 1; l <= L; ++l) v[l].assign(b.sizes[l], 0.0f);
    int post_spikes = 0;
    for (int t = 0; t < 300; ++t) {
        s.advance(1);
        std::vector<uint8_t> S(b.sizes[0], 0);
        for (int j : s.last_spikes(0)) S[j] = 1;
        for (int l = 1; l <= L; ++l) {
            const int n = b.sizes[l], np = b.sizes[l - 1];
            const float al = static_cast<float>(s.alpha()[l - 1]), d = static_cast<float>(p.decay);
            std::vector<uint8_t> post(n, 0);
            for (int i = 0; i < n; ++i) {
                float sum = 0.0f;
                bool first = true;
                for (int j = 0; j < np; ++j)
                    if (S[j]) { sum = first ? b.at(l - 1, i, j) : sum + b.at(l - 1, i, j); first = false; }
                v[l][i] = first ? d * v[l][i] : d * v[l][i] + al * sum;
                post[i] = static_cast<double>(v[l][i]) >= p.threshold * p.beta[l - 1];
            }
            for (int i = 0; i < n; ++i) {
                if (!post[i]) continue;
                ++post_spikes;
                for (int j = 0; j < np; ++j) {
                    const double w = b.at(l - 1, i, j), g = src_g(w);
                    b.at(l - 1, i, j) = static_cast<float>(S[j] ? w + p.inc * g : w - p.dec * g);
                }
                v[l][i] = 0.0f;
            }
            std::vector<int> got;
            for (int i = 0; i < n; ++i) if (post[i]) got.push_back(i);
            REQUIRE(got == s.last_spikes(l));
            S = post;
        }
    }
    CHECK(post_spikes > 20);
    for (int l = 0; l < L; ++l) CHECK(std::memcmp(a.W[l].data(), b.W[l].data(), a.W[l].size() * sizeof(float)) == 0);
    for (int l = 1; l <= L; ++l) CHECK(std::memcmp(v[l].data(), s.membrane(l).data(), v[l].size() * sizeof(float)) == 0);
}
