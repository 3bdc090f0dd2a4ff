// Foraging model: Rulkov map layer stepping (see rulkov_layer.h).
#include "forage/rulkov_layer.h"

#include <cstring>

namespace sleepnet::forage {

void RulkovLayer::init(int count) {
    n = count;
    nblocks = (count + kBlock - 1) / kBlock;
    const int padded = nblocks * kBlock;
    V.assign(padded, kRestV); Vp.assign(padded, kRestV); Vpp.assign(padded, kRestV);
    u.assign(padded, kRestU); input.assign(padded, 0.0);
    awake.assign(padded, 0); fired.assign(padded, 0);
}

void RulkovLayer::reset_state() { init(n); }

bool RulkovLayer::any_awake() const {
    for (int i = 0; i < n; ++i) if (awake[i]) return true;
    return false;
}

// One block of kBlock neurons with GCC/Clang vector extensions (AVX-512 natively, 4 x simd128 in wasm).
// Every lane does exactly the scalar operations in the scalar order, so results do not depend on the ISA.
typedef double v8d __attribute__((vector_size(64)));
typedef long long v8l __attribute__((vector_size(64)));
typedef unsigned char v8b __attribute__((vector_size(8)));

static inline v8d load8(const double* p) { v8d v; std::memcpy(&v, p, sizeof v); return v; }
static inline void store8(double* p, v8d v) { std::memcpy(p, &v, sizeof v); }
static inline v8d splat(double x) { return v8d{x, x, x, x, x, x, x, x}; }
static inline v8d sel(v8l m, v8d a, v8d b) { return m ? a : b; }
static inline v8d absv(v8d x) { return sel(x < 0.0, -x, x); }

static inline void step_block(const NeuronConsts& c, double* V, double* Vp, double* Vpp, double* u,
                              double* in, uint8_t* awake, uint8_t* fired) {
    const v8d x = load8(in), v = load8(V), vp = load8(Vp), vpp = load8(Vpp), uu = load8(u);
    const v8d one = splat(1.0), zero = splat(0.0), rv = splat(kRestV), ru = splat(kRestU), eps = splat(c.state_eps);
    const v8d ut = uu + splat(c.beta_e) * x;
    const v8d un = ((uu - splat(c.mu) * (v + one)) + splat(c.mu * c.sigma)) + splat(c.mu) * x;
    const v8d top = splat(c.alpha) + ut;
    const v8d b1 = splat(c.alpha) / (one - v) + ut;
    const v8l sub = v <= 0.0;
    const v8l rise = ~sub & (v < top) & (vpp <= 0.0);
    const v8l spike = ~sub & ~rise;
    v8d vn = sel(sub, b1, sel(rise, top, splat(-1.0)));
    v8d xn = x * splat(c.decay);
    xn = sel(absv(xn) < splat(c.input_eps), zero, xn);
    const v8l rest = (xn == 0.0) & (absv(vn - rv) <= eps) & (absv(v - rv) <= eps) & (absv(vp - rv) <= eps) &
                     (absv(un - ru) <= eps);
    store8(V, sel(rest, rv, vn));
    store8(Vp, sel(rest, rv, v));
    store8(Vpp, sel(rest, rv, vp));
    store8(u, sel(rest, ru, un));
    store8(in, xn);
    const v8b aw = __builtin_convertvector(~rest & 1, v8b), fi = __builtin_convertvector(spike & 1, v8b);
    std::memcpy(awake, &aw, 8);
    std::memcpy(fired, &fi, 8);
}

int RulkovLayer::step(const NeuronConsts& c, bool full, std::vector<int>& spikes) {
    spikes.clear();
    for (int b = 0; b < nblocks; ++b) {
        const int o = b * kBlock;
        uint64_t aw; std::memcpy(&aw, &awake[o], 8);
        static_assert(kBlock == 8, "block awake test reads 8 bytes");
        if (!full && aw == 0) continue;
        ++blocks_updated;
        step_block(c, &V[o], &Vp[o], &Vpp[o], &u[o], &input[o], &awake[o], &fired[o]);
        uint64_t fw; std::memcpy(&fw, &fired[o], 8);
        if (fw) for (int k = 0; k < kBlock; ++k) if (fired[o + k] && o + k < n) spikes.push_back(o + k);
    }
    return static_cast<int>(spikes.size());
}

}  // namespace sleepnet::forage
