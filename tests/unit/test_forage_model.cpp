// Foraging model (Golden et al. 2022): neuron map, STDP maths, normalisation, world invariants.
#include <doctest.h>

#include <cmath>
#include <vector>

#include "core/detmath.h"
#include "core/rng.h"
#include "forage/forage_network.h"
#include "forage/forage_params.h"
#include "forage/reward_stdp.h"
#include "forage/rulkov_layer.h"
#include "forage/stdp_traces.h"
#include "forage/world.h"

using namespace sleepnet;
using namespace sleepnet::forage;

static NeuronConsts consts() { return NeuronConsts{3.65, 0.06, 0.0005, 0.133, 0.985, 1e-7, 1e-7}; }

TEST_CASE("forage: the Rulkov map rests at its fixed point and a pulse makes one spike at step 64") {
    RulkovLayer L;
    L.init(3);
    std::vector<int> spikes;
    // Rest is a bitwise fixed point: full stepping leaves it unchanged.
    for (int s = 0; s < 1000; ++s) { L.step(consts(), true, true, spikes); REQUIRE(spikes.empty()); }
    CHECK(L.V[0] == kRestV);
    CHECK(L.u[0] == kRestU);
    CHECK_FALSE(L.any_awake());
    // The code's initial state relaxes to it (the reference's V = -0.939998046792114 differs by 2e-6).
    CHECK(std::fabs(kRestV - (-0.939998046792114)) < 3e-6);
    // A flash pulse (0.025) makes exactly one spike, 64 updates after the pulse is added (the reference's
    // input neurons fire at step 65 after the flash, counting the flash step); a weak one (0.003) none.
    L.add_input(0, 0.025);
    L.add_input(1, 0.003);
    int first = -1, count0 = 0, count1 = 0;
    for (int s = 0; s < 3000; ++s) {
        L.step(consts(), true, true, spikes);
        for (int i : spikes) { if (i == 0) { if (first < 0) first = s; ++count0; } if (i == 1) ++count1; }
    }
    CHECK(first == 64);
    CHECK(count0 == 1);
    CHECK(count1 == 0);
    // Afterwards every neuron is back exactly at rest (the "at rest" rule), so blocks can be skipped.
    CHECK_FALSE(L.any_awake());
    CHECK(L.V[0] == kRestV);
}

TEST_CASE("forage: skip stepping of a layer equals full stepping bit for bit") {
    RulkovLayer a, b;
    a.init(40); b.init(40);
    Rng r(5);
    std::vector<int> sa, sb;
    for (int s = 0; s < 5000; ++s) {
        if (s % 97 == 0) { int i = static_cast<int>(r.below(40)); double x = 0.02 * r.uniform(); a.add_input(i, x); b.add_input(i, x); }
        a.step(consts(), true, s % 4 == 0, sa);
        b.step(consts(), false, s % 4 == 0, sb);
        REQUIRE(sa == sb);
    }
    for (int i = 0; i < 40; ++i) { CHECK(a.V[i] == b.V[i]); CHECK(a.u[i] == b.u[i]); CHECK(a.input[i] == b.input[i]); }
    CHECK(b.blocks_updated < a.blocks_updated);
}

TEST_CASE("forage: STDP kernel and trace expiry") {
    StdpKernel k;
    k.init(0.4, 40, 120);
    CHECK(k(0) == 0.4);
    CHECK(k(40) == doctest::Approx(0.4 * std::exp(-1.0)).epsilon(1e-14));
    CHECK(k(119) == doctest::Approx(0.4 * std::exp(-119.0 / 40)).epsilon(1e-14));
    TraceStore ts;
    ts.add(0, 0, 1.0); ts.add(1, 100, 1.0); ts.add(2, 3700, 1.0);
    ts.expire(3600, 3600);
    CHECK(ts.live() == 3);   // age 3600 is still kept (code: removed when age > trace_mem)
    ts.expire(3701, 3600);
    CHECK(ts.live() == 1);
    RecentSpikes rs;
    rs.push(0, 1); rs.push(50, 2);
    rs.expire(120, 120);
    CHECK(rs.end() - rs.begin() == 1);
}

TEST_CASE("forage: a reward event moves weights by the multiplicative rule, then normalisation holds") {
    ForageParams p;
    ForageNetwork net;
    net.build(p, 3);
    NetFlags f;
    f.hidden_frozen = true;
    // One pre-then-post trace on synapse h=5 -> o=2, made at t=100.
    const int s = 5 * kNO + 2;
    net.tr_ho.add(s, 100, 0.4);
    const int64_t t = 700;
    const double w0 = net.ho.w[s];
    const double stdp_dt = 0.4 / (600.0 + 600.0);
    const double avg = 0.001 * stdp_dt;                // first average from 0
    double delta = stdp_dt * 1.0 * stdp_dt / avg;      // = 1000 * stdp_dt = 0.333, clipped to 0.01
    delta = delta > 0.01 ? 0.01 : delta;
    RewardStdpConsts c{0.001, 0.01, 1.0, 0.012, 1e-5, 1.0};
    NetFlags nob = f; nob.input_balancing = false;
    apply_reward_stdp(net, t, 1.0, nob, c);
    CHECK(net.ho.w[s] == doctest::Approx(w0 * (1.0 + 1.0 * delta)).epsilon(1e-12));
    CHECK(net.ho.trace_avg[s] == doctest::Approx(avg).epsilon(1e-12));
    // Inhibitory balancing: every H neuron's inhibitory weight is minus the mean of its outputs.
    double sum5 = 0; for (int o = 0; o < kNO; ++o) sum5 += net.ho.w[5 * kNO + o];
    CHECK(net.w_inh[5] == doctest::Approx(-sum5 / kNO).epsilon(1e-12));
    // Input normalisation: each O neuron's incoming weights sum to its target (784 * 0.02).
    apply_reward_stdp(net, t + 600, 1.0, f, c);
    for (int o = 0; o < kNO; ++o) {
        double in = 0;
        for (int h = 0; h < kNH; ++h) in += net.ho.w[h * kNO + o];
        CHECK(in == doctest::Approx(784 * 0.02).epsilon(1e-9));
    }
    // Bounds: a weight never exceeds 1 or falls below 1e-5.
    for (double w : net.ho.w) { CHECK(w <= 1.0); CHECK(w >= 1e-5); }
}

TEST_CASE("forage: the I->H wiring is balanced and the initial weights are chunked") {
    ForageParams p;
    ForageNetwork net;
    net.build(p, 11);
    CHECK(net.ih.size() == 7056);
    for (int i = 0; i < kNI; ++i) CHECK(net.ih.row_start[i + 1] - net.ih.row_start[i] == 144);
    double sum = 0;
    for (int h = 0; h < kNH; ++h) {
        REQUIRE(net.ih.col_start[h + 1] - net.ih.col_start[h] == 9);
        for (int a = net.ih.col_start[h]; a < net.ih.col_start[h + 1]; ++a)
            for (int b = a + 1; b < net.ih.col_start[h + 1]; ++b) CHECK(net.ih.pre[net.ih.col_syn[a]] != net.ih.pre[net.ih.col_syn[b]]);
    }
    for (double w : net.ih.w) { sum += w; CHECK(std::fabs(w / 0.001 - std::round(w / 0.001)) < 1e-6); }
    CHECK(sum / 7056 == doctest::Approx(0.011).epsilon(1e-9));
}

TEST_CASE("forage: world invariants (density constant, no touching, torus wraps)") {
    World w;
    w.init(50);
    Rng r(9);
    bool task1[4] = {true, false, true, false};
    w.populate(task1, 63, r);
    const int occ = w.occupied();
    CHECK(occ == 252);
    CHECK_FALSE(w.touching());
    CHECK(w.at(-1, 0) == w.at(49, 0));
    CHECK(w.at(0, 50) == w.at(0, 0));
    int eaten = 0;
    for (int k = 0; k < 3000; ++k) {
        const int x = static_cast<int>(r.below(50)), y = static_cast<int>(r.below(50));
        const int before = w.at(x, y) >= 0 ? w.particles[static_cast<size_t>(w.at(x, y))].type : -1;
        const int type = w.eat(x, y, r);
        CHECK(type == before);
        if (type >= 0) ++eaten;
        REQUIRE(w.occupied() == occ);
    }
    CHECK(eaten > 100);
    CHECK_FALSE(w.touching());
    int per[4] = {0, 0, 0, 0};
    for (const auto& pt : w.particles) per[pt.type]++;
    CHECK(per[kHorizontal] == 63);
    CHECK(per[kDiagPos] == 63);
}

TEST_CASE("forage: scale presets set the rescaled rates and the punishment, and explicit keys win") {
    ForageParams demo, medium, paper, over;
    REQUIRE(forage_params_from_query("", &demo) == "");
    REQUIRE(forage_params_from_query("scale=medium", &medium) == "");
    REQUIRE(forage_params_from_query("scale=paper", &paper) == "");
    REQUIRE(forage_params_from_query("punished=-0.2&scale=paper", &over) == "");
    // Paper scale: the authors' code values (punished particle -0.001, K 0.4, clip 0.01, homeostasis 1e-4).
    CHECK(paper.punished == -0.001);
    CHECK(paper.stdp_scale == doctest::Approx(0.4));
    CHECK(paper.delta_clip == doctest::Approx(0.01));
    CHECK(paper.rate_ema == doctest::Approx(1e-4));
    CHECK(paper.train_aeons == 50000);
    // Demo (c 25, g 5) and medium (c 10, g 2) use the code's applyPunishment=1 option.
    CHECK(demo.punished == -0.5);
    CHECK(demo.stdp_scale == doctest::Approx(2.0));
    CHECK(demo.delta_clip == doctest::Approx(0.05));
    CHECK(demo.rate_ema == doctest::Approx(2.5e-3));
    CHECK(demo.target_dt == doctest::Approx(2.5e-4));
    CHECK(demo.ih_gain == doctest::Approx(200.0));
    CHECK(demo.train_aeons == 1500);
    CHECK(demo.interleave_aeons == 1500);
    CHECK(medium.punished == -0.5);
    CHECK(medium.stdp_scale == doctest::Approx(0.8));
    CHECK(medium.rate_ema == doctest::Approx(1e-3));
    CHECK(medium.train_aeons == 5000);
    // A key given before the preset still wins over it.
    CHECK(over.punished == -0.2);
    CHECK(over.train_aeons == 50000);
}
