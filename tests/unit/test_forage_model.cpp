// Foraging model (Golden et al. 2022): neuron map, STDP maths, normalisation, world invariants.
#include <doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "core/detmath.h"
#include "core/rng.h"
#include "forage/agent.h"
#include "forage/forage_network.h"
#include "forage/forage_params.h"
#include "forage/homeostasis.h"
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
    // Rest is a bitwise fixed point of the map itself: full stepping without the "at rest" snap (check_rest
    // false) leaves it unchanged.
    for (int s = 0; s < 1000; ++s) { L.step(consts(), true, false, spikes); REQUIRE(spikes.empty()); }
    for (int i = 0; i < 3; ++i) { CHECK(L.V[i] == kRestV); CHECK(L.u[i] == kRestU); }
    L.step(consts(), true, true, spikes);
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
}

TEST_CASE("forage: the reward rule off the clip: two traces, a punishment and a rebalanced neuron, by hand") {
    NetFlags f;
    f.hidden_frozen = true;
    f.input_balancing = false;
    const int h = 5, o = 2, s = h * kNO + o;
    auto prepared = [&](ForageNetwork& n) {
        n.build(ForageParams{}, 3);
        n.tr_ho.add(s, 100, 0.4);      // made 600 steps before the event
        n.tr_ho.add(s, 400, -0.1);     // 300 steps before
        n.ho.trace_avg[s] = 0;
        n.out_sum_h[h] = 0.5 * n.out_target_h[h];   // W_i0 / W_i = 2
    };
    ForageNetwork net;
    prepared(net);
    const double w0 = net.ho.w[s], w_other = net.ho.w[s + 1];
    // Worked out from reference A5 with epoch c = 600, d = 0.01, no clip (1.0), dopamine -0.5:
    const double sd1 = 0.4 / 1200, sd2 = -0.1 / 900, sum = sd1 + sd2;     // 1/3000 - 1/9000 = 1/4500
    const double avg = 0.99 * 0 + 0.01 * sum;                              // Sum/Avg = 100
    // d1 = -1/60, d2 = +1/180
    const double d1 = sd1 * -0.5 * sum / avg, d2 = sd2 * -0.5 * sum / avg;
    RewardStdpConsts c{0.01, 1.0, 1.0, 0.012, 1e-5, 1.0};
    apply_reward_stdp(net, 700, -0.5, f, c);
    CHECK(std::fabs(d1) > 0.01);    // beyond the default clip, so the clip would show if it were applied
    CHECK(net.ho.trace_avg[s] == doctest::Approx(avg).epsilon(1e-14));
    CHECK(net.ho.w[s] == doctest::Approx(w0 * (1 + 2 * d1) * (1 + 2 * d2)).epsilon(1e-14));
    CHECK(net.ho.w[s + 1] == w_other);       // no trace: untouched
    // The same event with the clip at 0.01: each trace's delta is bounded.
    ForageNetwork clipped;
    prepared(clipped);
    RewardStdpConsts c2{0.01, 0.01, 1.0, 0.012, 1e-5, 1.0};
    apply_reward_stdp(clipped, 700, -0.5, f, c2);
    const double e1 = d1 > 0.01 ? 0.01 : (d1 < -0.01 ? -0.01 : d1), e2 = d2 > 0.01 ? 0.01 : (d2 < -0.01 ? -0.01 : d2);
    CHECK(clipped.ho.w[s] == doctest::Approx(w0 * (1 + 2 * e1) * (1 + 2 * e2)).epsilon(1e-14));
}

TEST_CASE("forage: STDP pairing makes the right traces (sign, dt, same step, window edge, frozen)") {
    ForageParams p;
    ForageNetwork net;
    net.build(p, 4);
    NetFlags f;                         // hidden not frozen: I->H pairs too
    const double K = p.stdp_scale, tau = p.stdp_tau;
    auto k = [&](double dt) { return K * std::exp(-dt / tau); };
    // An output spike pairs with hidden spikes before it and in its own step (pre-then-post, +), not with one
    // spike_mem (120) steps old.
    net.recent_h.push(910, 7);          // dt 120: outside the window
    net.recent_h.push(911, 8);          // dt 119
    net.recent_h.push(1000, 5);         // dt 30
    net.recent_h.push(1030, 6);         // dt 0 (the same step: hidden spikes are processed first)
    net.output_spike(3, 1030, false);
    REQUIRE(net.tr_ho.live() == 3);
    struct T { int syn; int64_t t; double m; };
    auto trace = [&](size_t i) { return T{net.tr_ho.syn[i], net.tr_ho.t[i], net.tr_ho.mag[i]}; };
    CHECK(trace(0).syn == 8 * kNO + 3); CHECK(trace(0).m == doctest::Approx(k(119)).epsilon(1e-12));
    CHECK(trace(1).syn == 5 * kNO + 3); CHECK(trace(1).m == doctest::Approx(k(30)).epsilon(1e-12));
    CHECK(trace(2).syn == 6 * kNO + 3); CHECK(trace(2).m == doctest::Approx(K).epsilon(1e-12));
    for (size_t i = 0; i < 3; ++i) CHECK(trace(i).t == 1030);
    // A hidden spike pairs with output spikes before it (post-then-pre, -); a frozen synapse gets no trace,
    // nor does a spike stamped after it.
    net.tr_ho.clear();
    net.recent_o.clear();
    net.recent_o.push(1990, 1);         // dt 10
    net.recent_o.push(1995, 2);         // frozen below
    net.recent_o.push(2001, 4);         // dt -1: not yet
    net.ho.frozen[5 * kNO + 2] = 1;
    // ... and with input spikes before it (I->H, pre-then-post, +) only on its own input synapses.
    const int s_in = net.ih.col_syn[static_cast<size_t>(net.ih.col_start[5])];
    const int i_in = net.ih.pre[static_cast<size_t>(s_in)];
    int i_out = 0;
    for (bool connected = true; connected; ++i_out) {
        connected = false;
        for (int c = net.ih.col_start[5]; c < net.ih.col_start[6]; ++c) connected |= net.ih.pre[net.ih.col_syn[c]] == i_out;
        if (!connected) break;
    }
    net.recent_i.push(1950, i_in);      // dt 50
    net.recent_i.push(1960, i_out);     // not an input of hidden 5
    net.propagate_hidden(5, 2000, f);
    REQUIRE(net.tr_ho.live() == 1);
    CHECK(net.tr_ho.syn[0] == 5 * kNO + 1);
    CHECK(net.tr_ho.mag[0] == doctest::Approx(-k(10)).epsilon(1e-12));
    REQUIRE(net.tr_ih.live() == 1);
    CHECK(net.tr_ih.syn[0] == s_in);
    CHECK(net.tr_ih.mag[0] == doctest::Approx(k(50)).epsilon(1e-12));
    // An input spike after a hidden spike: post-then-pre on the I->H synapse (-); none once I->H is frozen.
    net.tr_ih.clear();
    net.recent_h.clear();
    net.recent_h.push(2990, 5);
    net.propagate_input(i_in, 3000, f);
    REQUIRE(net.tr_ih.live() == 1);
    CHECK(net.tr_ih.syn[0] == s_in);
    CHECK(net.tr_ih.mag[0] == doctest::Approx(-k(10)).epsilon(1e-12));
    NetFlags frozen = f;
    frozen.hidden_frozen = true;
    net.propagate_input(i_in, 3001, frozen);
    net.propagate_hidden(5, 3001, frozen);
    CHECK(net.tr_ih.live() == 1);
}

TEST_CASE("forage: normalisation with frozen synapses, inhibitory balancing for every neuron, weight bounds") {
    ForageParams p;
    ForageNetwork net;
    net.build(p, 6);
    Rng r(21);
    for (double& w : net.ho.w) w *= 0.2 + 1.6 * r.uniform();
    for (double& w : net.ih.w) w *= 0.5 + r.uniform();
    // Freeze ten synapses onto each output, with large weights, as the freeze controls do.
    std::vector<double> frozen_w;
    for (int o = 0; o < kNO; ++o)
        for (int j = 0; j < 10; ++j) {
            const int s = (j * 71 + o * 13) % kNH * kNO + o;
            net.ho.frozen[s] = 1;
            net.ho.w[s] = 0.3 + 0.01 * j;
        }
    for (double w : net.ho.w) frozen_w.push_back(w);
    NetFlags f;                         // hidden not frozen: I->H columns are normalised too
    input_balancing(net, f, 1e-5);
    output_balancing(net);
    for (int o = 0; o < kNO; ++o) {
        double fs = 0, in = 0;
        for (int h = 0; h < kNH; ++h) {
            const int s = h * kNO + o;
            if (net.ho.frozen[s]) { CHECK(net.ho.w[s] == frozen_w[s]); fs += net.ho.w[s]; }
            else in += net.ho.w[s];
        }
        CHECK(fs == doctest::Approx(3.45));
        CHECK(in == doctest::Approx(net.in_target_o[o] - fs).epsilon(1e-12));
    }
    for (int hn = 0; hn < kNH; ++hn) {
        double in = 0;
        for (int c = net.ih.col_start[hn]; c < net.ih.col_start[hn + 1]; ++c) in += net.ih.w[net.ih.col_syn[c]];
        REQUIRE(in == doctest::Approx(net.in_target_h[hn]).epsilon(1e-12));
        double out = 0; int n = 0;
        for (int o = 0; o < kNO; ++o) if (!net.ho.frozen[hn * kNO + o]) { out += net.ho.w[hn * kNO + o]; ++n; }
        REQUIRE(net.out_sum_h[hn] == doctest::Approx(out).epsilon(1e-14));
        REQUIRE(net.w_inh[hn] == doctest::Approx(-out / n).epsilon(1e-14));
    }
    // Bounds after a reward event: above 1 -> exactly 1, below 1e-5 -> exactly 1e-5; frozen weights kept.
    const int hi = 3 * kNO + 1, lo = 4 * kNO + 1;
    REQUIRE_FALSE(net.ho.frozen[hi]); REQUIRE_FALSE(net.ho.frozen[lo]);
    net.ho.w[hi] = 1.7;
    net.ho.w[lo] = 1e-9;
    int fz = 0; while (!net.ho.frozen[fz]) ++fz;
    net.ho.w[fz] = 2.0;
    NetFlags nob;
    nob.hidden_frozen = true;
    nob.input_balancing = false;
    apply_reward_stdp(net, 10000, 1.0, nob, RewardStdpConsts{0.001, 0.01, 1.0, 0.012, 1e-5, 1.0});
    CHECK(net.ho.w[hi] == 1.0);
    CHECK(net.ho.w[lo] == 1e-5);
    CHECK(net.ho.w[fz] == 2.0);
}

TEST_CASE("forage: firing-rate homeostasis: O resistance follows the rate, H input targets oppose it, by hand") {
    // Neurons 0, 1, 2 of each layer end the epoch below, exactly at and above their target rate.
    const double dt = 1e-5, ema = 0.5;   // ema 0.5 keeps the "exactly at" rates exact
    const HomeostasisConsts c{ema, dt, 0.01, 0.5};
    const double rate_o[3] = {0.2, 1.0, 0.8}, rate_h[3] = {0.004, 0.02, 0.004};
    const int spikes[3] = {0, 0, 1};
    ForageNetwork fresh, net;
    fresh.build(ForageParams{}, 2);
    auto epoch = [&](bool hidden_frozen) {
        net = fresh;
        for (int k = 0; k < 3; ++k) {
            net.rate_o[k] = rate_o[k]; net.rate_h[k] = rate_h[k];
            net.epoch_spikes_o[k] = net.epoch_spikes_h[k] = spikes[k];
        }
        NetFlags f;
        f.hidden_frozen = hidden_frozen;
        homeostasis_epoch(net, f, c);
    };
    epoch(false);
    // The rate is an EMA of the epoch's spike count.
    for (int k = 0; k < 3; ++k) {
        CHECK(net.rate_o[k] == doctest::Approx(rate_o[k] * (1 - ema) + spikes[k] * ema).epsilon(1e-14));
        CHECK(net.rate_h[k] == doctest::Approx(rate_h[k] * (1 - ema) + spikes[k] * ema).epsilon(1e-14));
    }
    REQUIRE(net.rate_o[1] == c.target_o);
    REQUIRE(net.rate_h[1] == c.target_h);
    // O: input is divided by the resistance, so a neuron below its target gets x(1-dt), one above x(1+dt).
    CHECK(net.resistance_o[0] == doctest::Approx(fresh.resistance_o[0] * (1 - dt)).epsilon(1e-12));
    CHECK(net.resistance_o[1] == fresh.resistance_o[1]);
    CHECK(net.resistance_o[2] == doctest::Approx(fresh.resistance_o[2] * (1 + dt)).epsilon(1e-12));
    // H: the input normalisation target, below target x(1+dt), above x(1-dt).
    CHECK(net.in_target_h[0] == doctest::Approx(fresh.in_target_h[0] * (1 + dt)).epsilon(1e-12));
    CHECK(net.in_target_h[1] == fresh.in_target_h[1]);
    CHECK(net.in_target_h[2] == doctest::Approx(fresh.in_target_h[2] * (1 - dt)).epsilon(1e-12));
    // Once I->H is frozen the H rates still follow their spikes, but the input targets stay; O adapts as before.
    epoch(true);
    CHECK(net.rate_h[2] == doctest::Approx(rate_h[2] * (1 - ema) + ema).epsilon(1e-14));
    for (int k = 0; k < 3; ++k) CHECK(net.in_target_h[k] == fresh.in_target_h[k]);
    CHECK(net.resistance_o[0] == doctest::Approx(fresh.resistance_o[0] * (1 - dt)).epsilon(1e-12));
    CHECK(net.resistance_o[2] == doctest::Approx(fresh.resistance_o[2] * (1 + dt)).epsilon(1e-12));
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
    // An oracle apart from World's own cell lookups: every particle's two pixels, wrapped by hand, must hold its
    // index, and no two pixels of different particles may be within one square (torus distance).
    auto check_layout = [](const World& wd) {
        std::vector<int> px, py, owner;
        for (size_t i = 0; i < wd.particles.size(); ++i) {
            int dx, dy; World::offset(wd.particles[i].type, &dx, &dy);
            for (int q = 0; q < 2; ++q) {
                const int x = ((wd.particles[i].x + q * dx) % 50 + 50) % 50, y = ((wd.particles[i].y + q * dy) % 50 + 50) % 50;
                px.push_back(x); py.push_back(y); owner.push_back(static_cast<int>(i));
                if (wd.cell[static_cast<size_t>(x * 50 + y)] != static_cast<int>(i)) return false;
            }
        }
        for (size_t a = 0; a < px.size(); ++a)
            for (size_t b = a + 1; b < px.size(); ++b) {
                if (owner[a] == owner[b]) continue;
                const int ddx = std::abs(px[a] - px[b]), ddy = std::abs(py[a] - py[b]);
                if (std::min(ddx, 50 - ddx) <= 1 && std::min(ddy, 50 - ddy) <= 1) return false;
            }
        return true;
    };
    CHECK(check_layout(w));
    int eaten = 0;
    for (int k = 0; k < 3000; ++k) {
        const int x = static_cast<int>(r.below(50)), y = static_cast<int>(r.below(50));
        const int before = w.at(x, y) >= 0 ? w.particles[static_cast<size_t>(w.at(x, y))].type : -1;
        const int type = w.eat(x, y, r);
        CHECK(type == before);
        if (type >= 0) ++eaten;
        REQUIRE(w.occupied() == occ);
        if (type >= 0 && eaten % 10 == 0) REQUIRE_FALSE(w.touching());
        if (k % 100 == 0) REQUIRE(check_layout(w));
    }
    CHECK(eaten > 100);
    CHECK(check_layout(w));
    // An eaten particle comes back as its own type: Task 1's two types stay at 63 each, Task 2's at none.
    int per[4] = {0, 0, 0, 0};
    for (const auto& pt : w.particles) per[pt.type]++;
    CHECK(per[kHorizontal] == 63);
    CHECK(per[kDiagPos] == 63);
    CHECK(per[kVertical] == 0);
    CHECK(per[kDiagNeg] == 0);
    // The seam: particles on either side of x = 0 / x = 49 (or y) touch, and touching() must see it.
    World seam;
    seam.init(50);
    seam.particles = {Particle{49, 10, kVertical}, Particle{0, 11, kVertical}};
    for (int i = 0; i < 2; ++i) {
        const Particle& q = seam.particles[static_cast<size_t>(i)];
        seam.cell[static_cast<size_t>(q.x * 50 + q.y)] = static_cast<int16_t>(i);
        seam.cell[static_cast<size_t>(q.x * 50 + q.y + 1)] = static_cast<int16_t>(i);
    }
    CHECK(seam.touching());
    CHECK_FALSE(check_layout(seam));
    seam.cell.assign(2500, -1);
    seam.particles = {Particle{10, 0, kHorizontal}, Particle{20, 49, kHorizontal}};   // y 0 and 49 apart in x: no touch
    for (int i = 0; i < 2; ++i) {
        const Particle& q = seam.particles[static_cast<size_t>(i)];
        seam.cell[static_cast<size_t>(q.x * 50 + q.y)] = static_cast<int16_t>(i);
        seam.cell[static_cast<size_t>((q.x + 1) * 50 + q.y)] = static_cast<int16_t>(i);
    }
    CHECK_FALSE(seam.touching());
    seam.particles[1].x = 11;           // now across the y seam, overlapping in x
    seam.cell.assign(2500, -1);
    for (int i = 0; i < 2; ++i) {
        const Particle& q = seam.particles[static_cast<size_t>(i)];
        seam.cell[static_cast<size_t>(q.x * 50 + q.y)] = static_cast<int16_t>(i);
        seam.cell[static_cast<size_t>((q.x + 1) * 50 + q.y)] = static_cast<int16_t>(i);
    }
    CHECK(seam.touching());
    // The agent wraps too.
    Agent ag;
    ag.x = 49; ag.y = 0; ag.dx = 1; ag.dy = -1;
    ag.move(50);
    CHECK(ag.x == 0);
    CHECK(ag.y == 49);
    ag.dx = -1; ag.dy = 1;
    ag.move(50);
    CHECK(ag.x == 49);
    CHECK(ag.y == 0);
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
