// Foraging model: Rulkov map layer stepping (see rulkov_layer.h).
#include "forage/rulkov_layer.h"

#include <cstring>
#include <utility>

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
static inline vd splat(double x) { return x - vd{}; }   // x - (+0) == x for every x, -0 included
static inline vd sel(vl m, vd a, vd b) { return m ? a : b; }
static inline vd absv(vd x) { return sel(x < 0.0, -x, x); }
// Lane mask (0/-1 per lane) as 0/1 bytes in a 64-bit word (lane k in byte k).
static inline uint64_t mask_bytes(vl m) {
    const vb b = __builtin_convertvector(m & 1, vb);
    uint64_t w = 0;
    std::memcpy(&w, &b, kLanes);
    return w;
}

// The constants as vectors, built once per layer step in locals: loaded through the NeuronConsts reference
// they would be reloaded after every byte store (uint8_t may alias anything).
struct LaneConsts {
    vd alpha, beta_e, mu, mu_sigma, decay, input_eps, state_eps, one, minus_one, zero, rv, ru;
    explicit LaneConsts(const NeuronConsts& c)
        : alpha(splat(c.alpha)), beta_e(splat(c.beta_e)), mu(splat(c.mu)), mu_sigma(splat(c.mu * c.sigma)),
          decay(splat(c.decay)), input_eps(splat(c.input_eps)), state_eps(splat(c.state_eps)), one(splat(1.0)),
          minus_one(splat(-1.0)), zero(splat(0.0)), rv(splat(kRestV)), ru(splat(kRestU)) {}
};

// The three V histories rotate: the new V is written over V_prevprev (read first), then the buffers are
// renamed (V <- new, V_prev <- V, V_prevprev <- V_prev). Skipped blocks hold kRestV in all three, so the
// rotation leaves them exact. Returns the fired lanes as bytes; with kCheckRest also sets *awake_bytes.
template <bool kCheckRest>
static inline uint64_t step_lanes(const LaneConsts& k, double* V, double* Vp, double* Vpp, double* u, double* in,
                                  uint64_t* awake_bytes) {
    const vd x = load(in), v = load(V), vpp = load(Vpp), uu = load(u);
    const vd ut = uu + k.beta_e * x;
    const vd un = ((uu - k.mu * (v + k.one)) + k.mu_sigma) + k.mu * x;
    const vd top = k.alpha + ut;
    const vd b1 = k.alpha / (k.one - v) + ut;
    const vl sub = v <= 0.0;
    const vl rise = ~sub & (v < top) & (vpp <= 0.0);
    const vl spike = ~sub & ~rise;
    const vd vn = sel(sub, b1, sel(rise, top, k.minus_one));
    vd xn = x * k.decay;
    xn = sel(absv(xn) < k.input_eps, k.zero, xn);
    store(in, xn);
    if constexpr (!kCheckRest) {
        // Between rest checks: plain update. A neuron exactly at rest stays bitwise at rest (the rest point
        // is the map's fixed point), so the awake flags stay valid.
        store(Vpp, vn); store(u, un);
        (void)Vp; (void)awake_bytes;
        return mask_bytes(spike);
    }
    const vd vp = load(Vp), eps = k.state_eps;
    const vl rest = (xn == 0.0) & (absv(vn - k.rv) <= eps) & (absv(v - k.rv) <= eps) & (absv(vp - k.rv) <= eps) &
                    (absv(un - k.ru) <= eps);
    store(Vpp, sel(rest, k.rv, vn));   // the new V
    store(V, sel(rest, k.rv, v));      // the new V_prev
    store(Vp, sel(rest, k.rv, vp));    // the new V_prevprev
    store(u, sel(rest, k.ru, un));
    *awake_bytes = mask_bytes(~rest);
    return mask_bytes(spike);
}

template <bool kCheckRest>
static bool step_blocks(const LaneConsts& k, RulkovLayer& L, bool full, std::vector<int>& spikes) {
    static_assert(kBlock == 8, "awake and fired bytes of a block are read as one 64-bit word");
    double* const V = L.V.data(); double* const Vp = L.Vp.data(); double* const Vpp = L.Vpp.data();
    double* const u = L.u.data(); double* const in = L.input.data();
    uint8_t* const awake = L.awake.data(); uint8_t* const fired = L.fired.data();
    const int nb = L.nblocks, n = L.n;
    bool still = false;
    uint64_t updated = 0;
    for (int b = 0; b < nb; ++b) {
        const int o = b * kBlock;
        uint64_t aw; std::memcpy(&aw, awake + o, 8);
        if (!full && aw == 0) continue;
        ++updated;
        uint64_t fw = 0;
        for (int j = 0; j < kBlock; j += kLanes) {
            uint64_t a = 0;
            const uint64_t f = step_lanes<kCheckRest>(k, V + o + j, Vp + o + j, Vpp + o + j, u + o + j, in + o + j, &a);
            fw |= f << (8 * j);
            if constexpr (kCheckRest) aw = j == 0 ? a : aw | a << (8 * j);
        }
        std::memcpy(fired + o, &fw, 8);
        if constexpr (kCheckRest) std::memcpy(awake + o, &aw, 8);
        still |= aw != 0;
        for (; fw; fw &= fw - 1) {
            const int i = o + __builtin_ctzll(fw) / 8;
            if (i < n) spikes.push_back(i);
        }
    }
    L.blocks_updated += updated;
    return still;
}

int RulkovLayer::step(const NeuronConsts& c, bool full, bool check_rest, std::vector<int>& spikes) {
    spikes.clear();
    const LaneConsts k(c);
    has_awake = check_rest ? step_blocks<true>(k, *this, full, spikes) : step_blocks<false>(k, *this, full, spikes);
    std::swap(V, Vpp);    // V <- the new values (written over V_prevprev), V_prevprev <- V
    std::swap(Vp, Vpp);   // V_prev <- V, V_prevprev <- V_prev
    return static_cast<int>(spikes.size());
}

}  // namespace sleepnet::forage
