// Foraging model: Rulkov map layer stepping and awake-neuron packing (see rulkov_layer.h).
#include "forage/rulkov_layer.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace sleepnet::forage {

void RulkovLayer::init(int count) {
    n = count;
    nblocks = (count + kBlock - 1) / kBlock;
    const int padded = nblocks * kBlock;
    V.assign(padded, kRestV); Vp.assign(padded, kRestV); Vpp.assign(padded, kRestV);
    u.assign(padded, kRestU); input.assign(padded, 0.0);
    slot_of.resize(padded); neuron_at.resize(padded);
    for (int i = 0; i < padded; ++i) slot_of[i] = neuron_at[i] = i;
    still_awake.assign(padded, 0);
    fired.clear();
    nactive = 0;
}

void RulkovLayer::reset_state() { init(n); }

void RulkovLayer::swap_slots(int a, int b) {
    if (a == b) return;
    std::swap(V[a], V[b]); std::swap(Vp[a], Vp[b]); std::swap(Vpp[a], Vpp[b]);
    std::swap(u[a], u[b]); std::swap(input[a], input[b]); std::swap(still_awake[a], still_awake[b]);
    std::swap(neuron_at[a], neuron_at[b]);
    slot_of[neuron_at[a]] = a;
    slot_of[neuron_at[b]] = b;
}

// Visits, in ascending slot order, every slot below nactive whose neuron came to rest (only the blocks the
// step listed can hold one) and moves the last awake neuron into it, which is looked at next.
void RulkovLayer::pack_awake() {
    for (int b : rest_blocks) {
        const int end = (b + 1) * kBlock;
        for (int s = b * kBlock; s < end && s < nactive;) {
            if (still_awake[s]) { ++s; continue; }
            swap_slots(s, --nactive);
        }
    }
}

// One block of kBlock neurons with GCC/Clang vector extensions: two 4-lane vectors natively (AVX-512VL on
// ymm registers: measured faster than one 8-lane zmm vector on this Zen 4), four 2-lane vectors in
// WebAssembly (simd128; wider generic vectors are lowered badly there). Every lane does exactly the scalar
// operations in the scalar order, so results do not depend on the ISA or the width.
// WebAssembly also tracks the lanes that did NOT spike (sub | rise) instead of the spikes: V8 spends two
// instructions on a vector NOT and three on a select, and this form saves them (wasm `bench forage` ~10 %
// faster); natively, with AVX-512 mask registers, the spike mask itself is cheaper (~2 %).
#ifdef __EMSCRIPTEN__
constexpr int kLanes = 2;
constexpr bool kTrackQuiet = true;
#else
constexpr int kLanes = 4;
constexpr bool kTrackQuiet = false;
#endif
typedef double vd __attribute__((vector_size(8 * kLanes)));
typedef long long vl __attribute__((vector_size(8 * kLanes)));
typedef unsigned char vb __attribute__((vector_size(kLanes)));

static inline vd load(const double* p) { vd v; std::memcpy(&v, p, sizeof v); return v; }
static inline void store(double* p, vd v) { std::memcpy(p, &v, sizeof v); }
static inline vd splat(double x) { return x - vd{}; }   // x - (+0) == x for every x, -0 included
static inline vd sel(vl m, vd a, vd b) { return m ? a : b; }
// |x| by clearing the sign bit (only ever compared: the same outcome as -x/x selection for every x).
static inline vd absv(vd x) { return (vd)((vl)x & 0x7fffffffffffffffLL); }
// Lane mask (0/-1 per lane) as 0/1 bytes of a 64-bit word (lane k in byte k).
static inline uint64_t mask_bytes(vl m) {
    const vb b = __builtin_convertvector(m, vb);
    uint64_t w = 0;
    std::memcpy(&w, &b, kLanes);
    return w & 0x0101010101010101ull;
}
constexpr uint64_t kAllLanes = 0x0101010101010101ull >> (8 * (8 - kLanes));   // mask_bytes of an all-set mask

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
// renamed (V <- new, V_prev <- V, V_prevprev <- V_prev). Resting slots hold kRestV in all three, so the
// rotation leaves them exact. Returns the spike mask (kTrackQuiet: its complement); with kCheckRest also
// sets *awake_bytes.
template <bool kCheckRest>
static inline vl step_lanes(const LaneConsts& k, double* V, double* Vp, double* Vpp, double* u, double* in,
                                  uint64_t* awake_bytes) {
    const vd x = load(in), v = load(V), vpp = load(Vpp), uu = load(u);
    const vd ut = uu + k.beta_e * x;
    const vd un = ((uu - k.mu * (v + k.one)) + k.mu_sigma) + k.mu * x;
    const vd top = k.alpha + ut;
    const vd b1 = k.alpha / (k.one - v) + ut;
    const vl sub = v <= 0.0;
    const vl rise = (kTrackQuiet ? ~vl{} : ~sub) & (v < top) & (vpp <= 0.0);   // only read where V > 0
    const vl spike = kTrackQuiet ? (sub | rise) : (~sub & ~rise);
    const vd vn = sel(sub, b1, sel(rise, top, k.minus_one));
    vd xn = x * k.decay;
    xn = sel(absv(xn) < k.input_eps, k.zero, xn);
    store(in, xn);
    if constexpr (!kCheckRest) {
        // Between rest checks: plain update. A neuron exactly at rest stays bitwise at rest (the rest point
        // is the map's fixed point), so the packing stays valid.
        store(Vpp, vn); store(u, un);
        (void)Vp; (void)awake_bytes;
        return spike;
    }
    const vd eps = k.state_eps;
    const vl candidate = (xn == 0.0) & (absv(v - k.rv) <= eps);
    if (mask_bytes(candidate) == 0) {
        // No lane can be at rest (true for ~95 % of the awake lanes): the rule would keep V and V_prev and
        // leave every lane awake.
        store(Vpp, vn); store(u, un);
        *awake_bytes = kAllLanes;
        return spike;
    }
    const vd vp = load(Vp);
    const vl rest = candidate & (absv(vn - k.rv) <= eps) & (absv(vp - k.rv) <= eps) & (absv(un - k.ru) <= eps);
    store(Vpp, sel(rest, k.rv, vn));   // the new V
    store(V, sel(rest, k.rv, v));      // the new V_prev
    store(Vp, sel(rest, k.rv, vp));    // the new V_prevprev
    store(u, sel(rest, k.ru, un));
    *awake_bytes = mask_bytes(~rest);
    return spike;
}

// Steps blocks [0, nb); appends the slots that spiked.
template <bool kCheckRest>
static void step_blocks(const LaneConsts& k, RulkovLayer& L, int nb, std::vector<int>& spike_slots) {
    static_assert(kBlock == 8, "a block's fired and awake lanes are kept as the bytes of one 64-bit word");
    double* const V = L.V.data(); double* const Vp = L.Vp.data(); double* const Vpp = L.Vpp.data();
    double* const u = L.u.data(); double* const in = L.input.data();
    uint8_t* const still = L.still_awake.data();
    for (int b = 0; b < nb; ++b) {
        const int o = b * kBlock;
        constexpr int kGroups = kBlock / kLanes;
        vl spike[kGroups];
        uint64_t aw = 0;
        for (int g = 0; g < kGroups; ++g) {
            uint64_t a = 0;
            const int j = o + g * kLanes;
            spike[g] = step_lanes<kCheckRest>(k, V + j, Vp + j, Vpp + j, u + j, in + j, &a);
            aw |= a << (8 * kLanes * g);
        }
        // Spikes are rare: one test per block, the lanes only when one fired. (With kTrackQuiet, not
        // mask_bytes(~all): clang 14 for wasm hangs compiling that form.)
        vl all = spike[0];
        for (int g = 1; g < kGroups; ++g) all = kTrackQuiet ? (all & spike[g]) : (all | spike[g]);
        uint64_t fw = 0;
        if (mask_bytes(all) != (kTrackQuiet ? kAllLanes : 0))
            for (int g = 0; g < kGroups; ++g) fw |= mask_bytes(kTrackQuiet ? ~spike[g] : spike[g]) << (8 * kLanes * g);
        if constexpr (kCheckRest) {
            std::memcpy(still + o, &aw, 8);
            if (aw != 0x0101010101010101ull) L.rest_blocks.push_back(b);
        }
        for (; fw; fw &= fw - 1) spike_slots.push_back(o + __builtin_ctzll(fw) / 8);
    }
}

int RulkovLayer::step(const NeuronConsts& c, bool full, bool check_rest, std::vector<int>& spikes) {
    spikes.clear();
    const int nb = full ? nblocks : (nactive + kBlock - 1) / kBlock;
    rest_blocks.clear();
    if (nb > 0) {
        const LaneConsts k(c);
        if (check_rest) step_blocks<true>(k, *this, nb, spikes);
        else step_blocks<false>(k, *this, nb, spikes);
        blocks_updated += static_cast<uint64_t>(nb);
        std::swap(V, Vpp);    // V <- the new values (written over V_prevprev), V_prevprev <- V
        std::swap(Vp, Vpp);   // V_prev <- V, V_prevprev <- V_prev
    }
    // Slots to neurons (before packing moves them), ascending as the network expects.
    size_t m = 0;
    for (int s : spikes) if (neuron_at[s] < n) spikes[m++] = neuron_at[s];
    spikes.resize(m);
    std::sort(spikes.begin(), spikes.end());
    if (check_rest) pack_awake();
    fired = spikes;
    return static_cast<int>(spikes.size());
}

RulkovState RulkovLayer::state() const {
    RulkovState s;
    s.n = n; s.nblocks = nblocks;
    const size_t padded = V.size();
    s.V.resize(padded); s.Vp.resize(padded); s.Vpp.resize(padded); s.u.resize(padded); s.input.resize(padded);
    s.awake.assign(padded, 0); s.fired.assign(padded, 0);
    for (size_t i = 0; i < padded; ++i) {
        const int k = slot_of[i];
        s.V[i] = V[k]; s.Vp[i] = Vp[k]; s.Vpp[i] = Vpp[k]; s.u[i] = u[k]; s.input[i] = input[k];
        s.awake[i] = k < nactive;
    }
    for (int i : fired) s.fired[static_cast<size_t>(i)] = 1;
    return s;
}

bool RulkovLayer::set_state(const RulkovState& s) {
    if (s.n < 0 || s.n > (1 << 24) || s.nblocks != (s.n + kBlock - 1) / kBlock) return false;
    const size_t padded = static_cast<size_t>(s.nblocks) * kBlock;
    if (s.V.size() != padded || s.Vp.size() != padded || s.Vpp.size() != padded || s.u.size() != padded ||
        s.input.size() != padded || s.awake.size() != padded || s.fired.size() != padded) return false;
    // A neuron off the exact rest point must be awake (a stored "at rest" flag cannot be trusted from a
    // file), and padding lanes must be at rest: otherwise they could spike as neurons that do not exist.
    auto at_rest = [&](size_t i) {
        return s.V[i] == kRestV && s.Vp[i] == kRestV && s.Vpp[i] == kRestV && s.u[i] == kRestU && s.input[i] == 0.0;
    };
    for (size_t i = static_cast<size_t>(s.n); i < padded; ++i) if (s.awake[i] || s.fired[i] || !at_rest(i)) return false;
    init(s.n);
    V = s.V; Vp = s.Vp; Vpp = s.Vpp; u = s.u; input = s.input;
    for (size_t i = 0; i < static_cast<size_t>(s.n); ++i) if (s.awake[i] || !at_rest(i)) swap_slots(slot_of[i], nactive++);
    for (int i = 0; i < n; ++i) if (s.fired[static_cast<size_t>(i)]) fired.push_back(i);
    return true;
}

}  // namespace sleepnet::forage
