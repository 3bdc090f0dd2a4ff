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
    has_awake = false;
}

void RulkovLayer::reset_state() { init(n); }


// One block of kBlock neurons with GCC/Clang vector extensions: one 8-lane vector natively (AVX-512), four
// 2-lane vectors in WebAssembly (simd128; wider generic vectors are lowered badly there). Every lane does
// exactly the scalar operations in the scalar order, so results do not depend on the ISA or the width.
#ifdef __EMSCRIPTEN__
constexpr int kLanes = 2;
#else
constexpr int kLanes = 8;
#endif
typedef double vd __attribute__((vector_size(8 * kLanes)));
typedef long long vl __attribute__((vector_size(8 * kLanes)));
typedef unsigned char vb __attribute__((vector_size(kLanes)));

static inline vd load(const double* p) { vd v; std::memcpy(&v, p, sizeof v); return v; }
static inline void store(double* p, vd v) { std::memcpy(p, &v, sizeof v); }
static inline vd splat(double x) { vd v; for (int k = 0; k < kLanes; ++k) v[k] = x; return v; }
static inline vd sel(vl m, vd a, vd b) { return m ? a : b; }
static inline vd absv(vd x) { return sel(x < 0.0, -x, x); }

template <bool kCheckRest>
static inline void step_lanes(const NeuronConsts& c, double* V, double* Vp, double* Vpp, double* u,
                              double* in, uint8_t* awake, uint8_t* fired) {
    const vd x = load(in), v = load(V), vp = load(Vp), vpp = load(Vpp), uu = load(u);
    const vd one = splat(1.0), zero = splat(0.0), rv = splat(kRestV), ru = splat(kRestU), eps = splat(c.state_eps);
    const vd ut = uu + splat(c.beta_e) * x;
    const vd un = ((uu - splat(c.mu) * (v + one)) + splat(c.mu * c.sigma)) + splat(c.mu) * x;
    const vd top = splat(c.alpha) + ut;
    const vd b1 = splat(c.alpha) / (one - v) + ut;
    const vl sub = v <= 0.0;
    const vl rise = ~sub & (v < top) & (vpp <= 0.0);
    const vl spike = ~sub & ~rise;
    const vd vn = sel(sub, b1, sel(rise, top, splat(-1.0)));
    vd xn = x * splat(c.decay);
    xn = sel(absv(xn) < splat(c.input_eps), zero, xn);
    const vl spike_b = spike & 1;
    if constexpr (!kCheckRest) {
        // Between rest checks: plain update. A neuron exactly at rest stays bitwise at rest (the rest point
        // is the map's fixed point), so the awake flags stay valid.
        store(V, vn); store(Vp, v); store(Vpp, vp); store(u, un); store(in, xn);
        const vb fi = __builtin_convertvector(spike_b, vb);
        std::memcpy(fired, &fi, kLanes);
        (void)awake; (void)ru; (void)eps;
        return;
    }
    const vl rest = (xn == 0.0) & (absv(vn - rv) <= eps) & (absv(v - rv) <= eps) & (absv(vp - rv) <= eps) &
                    (absv(un - ru) <= eps);
    store(V, sel(rest, rv, vn));
    store(Vp, sel(rest, rv, v));
    store(Vpp, sel(rest, rv, vp));
    store(u, sel(rest, ru, un));
    store(in, xn);
    const vb aw = __builtin_convertvector(~rest & 1, vb), fi = __builtin_convertvector(spike & 1, vb);
    std::memcpy(awake, &aw, kLanes);
    std::memcpy(fired, &fi, kLanes);
}

template <bool kCheckRest>
static inline void step_block(const NeuronConsts& c, double* V, double* Vp, double* Vpp, double* u,
                              double* in, uint8_t* awake, uint8_t* fired) {
    for (int k = 0; k < kBlock; k += kLanes)
        step_lanes<kCheckRest>(c, V + k, Vp + k, Vpp + k, u + k, in + k, awake + k, fired + k);
}

int RulkovLayer::step(const NeuronConsts& c, bool full, bool check_rest, std::vector<int>& spikes) {
    spikes.clear();
    bool still = false;
    for (int b = 0; b < nblocks; ++b) {
        const int o = b * kBlock;
        uint64_t aw; std::memcpy(&aw, &awake[o], 8);
        static_assert(kBlock == 8, "block awake test reads 8 bytes");
        if (!full && aw == 0) continue;
        ++blocks_updated;
        if (check_rest) step_block<true>(c, &V[o], &Vp[o], &Vpp[o], &u[o], &input[o], &awake[o], &fired[o]);
        else step_block<false>(c, &V[o], &Vp[o], &Vpp[o], &u[o], &input[o], &awake[o], &fired[o]);
        uint64_t fw; std::memcpy(&fw, &fired[o], 8);
        std::memcpy(&aw, &awake[o], 8);
        still |= aw != 0;
        if (fw) for (int k = 0; k < kBlock; ++k) if (fired[o + k] && o + k < n) spikes.push_back(o + k);
    }
    has_awake = still;
    return static_cast<int>(spikes.size());
}

}  // namespace sleepnet::forage
