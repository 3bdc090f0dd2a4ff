// Foraging model: the packed RulkovLayer (awake neurons kept in the leading slots) against a plain scalar
// reference in neuron order, bit for bit, while neurons wake and come to rest; and state()/set_state().
#include <doctest.h>

#include <cmath>
#include <vector>

#include "core/rng.h"
#include "forage/rulkov_layer.h"

using namespace sleepnet;
using namespace sleepnet::forage;

namespace {

// The layer's rule written out per neuron, every neuron every step, in neuron order (rulkov_layer.h).
struct ScalarLayer {
    int n;
    std::vector<double> V, Vp, Vpp, u, input;
    std::vector<uint8_t> awake;
    explicit ScalarLayer(int count)
        : n(count), V(count, kRestV), Vp(count, kRestV), Vpp(count, kRestV), u(count, kRestU), input(count, 0.0),
          awake(count, 0) {}
    void add_input(int i, double x) { input[i] += x; awake[i] = 1; }
    std::vector<int> step(const NeuronConsts& c, bool check) {
        std::vector<int> spikes;
        for (int i = 0; i < n; ++i) {
            const double x = input[i], v = V[i], vp = Vp[i], vpp = Vpp[i], uu = u[i];
            const double ut = uu + c.beta_e * x;
            const double un = ((uu - c.mu * (v + 1.0)) + c.mu * c.sigma) + c.mu * x;
            const double top = c.alpha + ut;
            double vn;
            if (v <= 0.0) vn = c.alpha / (1.0 - v) + ut;
            else if (v < top && vpp <= 0.0) vn = top;
            else { vn = -1.0; spikes.push_back(i); }
            double xn = x * c.decay;
            if (std::fabs(xn) < c.input_eps) xn = 0.0;
            const bool rest = check && xn == 0.0 && std::fabs(vn - kRestV) <= c.state_eps &&
                              std::fabs(v - kRestV) <= c.state_eps && std::fabs(vp - kRestV) <= c.state_eps &&
                              std::fabs(un - kRestU) <= c.state_eps;
            V[i] = rest ? kRestV : vn; Vp[i] = rest ? kRestV : v; Vpp[i] = rest ? kRestV : vp;
            u[i] = rest ? kRestU : un; input[i] = xn;
            if (check) awake[i] = !rest;
        }
        return spikes;
    }
};

void check_same(const RulkovLayer& L, const ScalarLayer& R, const std::vector<int>& spikes) {
    const RulkovState s = L.state();
    for (int i = 0; i < R.n; ++i) {
        REQUIRE(s.V[i] == R.V[i]); REQUIRE(s.Vp[i] == R.Vp[i]); REQUIRE(s.Vpp[i] == R.Vpp[i]);
        REQUIRE(s.u[i] == R.u[i]); REQUIRE(s.input[i] == R.input[i]); REQUIRE(s.awake[i] == R.awake[i]);
    }
    for (int i = 0; i < R.n; ++i) {
        bool spiked = false;
        for (int j : spikes) spiked |= j == i;
        REQUIRE(s.fired[i] == spiked);
    }
}

}  // namespace

TEST_CASE("forage: the packed layer equals a scalar per-neuron reference while neurons wake and rest") {
    // Loose rest tolerances so neurons come to rest within a few hundred steps and the packing churns.
    const NeuronConsts c{3.65, 0.06, 0.0005, 0.133, 0.985, 1e-4, 1e-3};
    const int n = 45;   // not a whole number of blocks
    for (bool full : {false, true}) {
        RulkovLayer L;
        L.init(n);
        ScalarLayer R(n);
        Rng r(11);
        std::vector<int> spikes;
        int64_t awake_steps = 0, max_active = 0, rest_events = 0;
        for (int t = 0; t < 12000; ++t) {
            if (r.uniform() < 0.02) {
                const int k = 1 + static_cast<int>(r.below(6));
                for (int j = 0; j < k; ++j) {
                    const int i = static_cast<int>(r.below(n));
                    const double x = r.uniform() < 0.5 ? 0.025 : 0.003 * r.uniform();
                    L.add_input(i, x); R.add_input(i, x);
                }
            }
            const int before = L.nactive;
            const bool check = t % kRestCheckEvery == 0;
            L.step(c, full, check, spikes);
            const std::vector<int> expect = R.step(c, check);
            REQUIRE(spikes == expect);
            rest_events += before > L.nactive;
            awake_steps += L.nactive;
            max_active = std::max<int64_t>(max_active, L.nactive);
            int awake = 0;
            for (uint8_t a : R.awake) awake += a;
            REQUIRE(L.nactive == awake);
            REQUIRE(L.any_awake() == (awake > 0));
            if (t % 97 == 0 || t > 11900) check_same(L, R, spikes);
        }
        // The run exercised waking, resting and a partly awake layer.
        CHECK(rest_events > 20);
        CHECK(max_active > 8);
        CHECK(awake_steps > 0);
        if (!full) CHECK(L.blocks_updated < static_cast<uint64_t>(12000) * L.nblocks / 2);
    }
}

TEST_CASE("forage: a layer's state round-trips in neuron order and continues identically") {
    const NeuronConsts c{3.65, 0.06, 0.0005, 0.133, 0.985, 1e-7, 1e-7};
    RulkovLayer a;
    a.init(20);
    std::vector<int> sa, sb;
    for (int i = 0; i < 20; i += 3) a.add_input(i, 0.004 * (i + 1));
    for (int t = 0; t < 150; ++t) a.step(c, false, t % 4 == 0, sa);
    const RulkovState s = a.state();
    CHECK(s.awake[3] == 1);
    CHECK(s.awake[1] == 0);
    RulkovLayer b;
    REQUIRE(b.set_state(s));
    CHECK(b.nactive == a.nactive);
    for (int t = 150; t < 900; ++t) {
        a.step(c, false, t % 4 == 0, sa);
        b.step(c, false, t % 4 == 0, sb);
        REQUIRE(sa == sb);
    }
    const RulkovState x = a.state(), y = b.state();
    CHECK(x.V == y.V); CHECK(x.Vp == y.Vp); CHECK(x.Vpp == y.Vpp); CHECK(x.u == y.u); CHECK(x.input == y.input);
    CHECK(x.awake == y.awake); CHECK(x.fired == y.fired);
    // Inconsistent sizes are refused and leave the layer unchanged.
    RulkovState bad = s;
    bad.u.pop_back();
    CHECK_FALSE(b.set_state(bad));
    CHECK(b.state().V == y.V);
}

TEST_CASE("forage: set_state does not trust a stored 'at rest' flag, and refuses active padding lanes") {
    const NeuronConsts c{3.65, 0.06, 0.0005, 0.133, 0.985, 1e-7, 1e-7};
    RulkovLayer a;
    a.init(20);
    RulkovState s = a.state();          // all at rest
    s.input[5] = 0.02;                  // a kick the file forgot to flag as awake
    RulkovLayer b;
    REQUIRE(b.set_state(s));
    CHECK(b.nactive == 1);
    CHECK(b.state().awake[5] == 1);
    // Stepping it must give what the layer gives when the kick arrives through add_input.
    a.add_input(5, 0.02);
    std::vector<int> sa, sb;
    int spikes = 0;
    for (int t = 0; t < 400; ++t) {
        a.step(c, false, t % 4 == 0, sa);
        b.step(c, false, t % 4 == 0, sb);
        REQUIRE(sa == sb);
        spikes += static_cast<int>(sa.size());
    }
    CHECK(spikes > 0);
    // Padding lanes (neurons 20..23 of the last block) must stay at rest.
    RulkovState pad = a.state();
    REQUIRE(pad.V.size() > 20);
    pad.input[21] = 0.5;
    const RulkovState before = b.state();
    CHECK_FALSE(b.set_state(pad));
    CHECK(b.state().V == before.V);
    pad = a.state();
    pad.awake[22] = 1;
    CHECK_FALSE(b.set_state(pad));
}
