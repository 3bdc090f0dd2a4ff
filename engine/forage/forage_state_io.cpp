// Foraging model: save/load of a whole run to a binary blob ("SNFR", format version, then every field in
// one fixed order listed once in Impl::serialize). Loading validates magic, version, sizes and the end of
// the data into a fresh Impl first, so bad or foreign data leaves the run unchanged.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "core/archive.h"
#include "forage/forage_run_impl.h"

namespace sleepnet {
using namespace forage;

namespace {
constexpr char kMagic[4] = {'S', 'N', 'F', 'R'};
constexpr uint32_t kVersion = 3;   // 2: ih_gain in the parameters; 3: the error that stopped a run

// Layers are saved in neuron order (the layer itself keeps its awake neurons packed in front).
template <class A> void io_layer(A& a, RulkovLayer& l) {
    RulkovState s;
    if (!A::reading) s = l.state();
    a.pod(s.n); a.pod(s.nblocks); a.vec(s.V); a.vec(s.Vp); a.vec(s.Vpp); a.vec(s.u); a.vec(s.input); a.vec(s.awake); a.vec(s.fired);
    if (A::reading && a.ok() && !l.set_state(s)) a.fail();
}
template <class A> void io_syn(A& a, Synapses& s) {
    a.pod(s.npre); a.pod(s.npost); a.vec(s.row_start); a.vec(s.post); a.vec(s.pre); a.vec(s.w); a.vec(s.trace_avg);
    a.vec(s.frozen); a.vec(s.col_start); a.vec(s.col_syn);
}
// size_t is 4 bytes in WebAssembly and 8 natively: store it as uint64 so blobs are the same everywhere.
template <class A> void io_size(A& a, size_t& v, size_t limit) {
    uint64_t x = v; a.pod(x);
    if (A::reading) { if (x > limit) { a.fail(); x = 0; } v = static_cast<size_t>(x); }
}
template <class A> void io_recent(A& a, RecentSpikes& r) { a.vec(r.t); a.vec(r.idx); io_size(a, r.head, r.t.size()); }
// Only the live traces are written (head 0), so a blob does not depend on when the store last compacted.
template <class A> void io_traces(A& a, TraceStore& r) {
    if constexpr (A::reading) {
        a.vec(r.syn); a.vec(r.t); a.vec(r.mag); io_size(a, r.head, r.t.size());
    } else {
        auto live = [&](auto& v) {
            uint64_t n = v.size() - r.head;
            a.pod(n);
            if (n) a.bytes(v.data() + r.head, n * sizeof(v[0]));
        };
        live(r.syn); live(r.t); live(r.mag);
        size_t head = 0;
        io_size(a, head, 0);
    }
}
// Structs with padding are written field by field (padding bytes are indeterminate). Each element takes at
// least `min_bytes` of the blob, so a count the rest of the blob cannot hold is refused before any allocation.
template <class A, class T, class F> void io_each(A& a, std::vector<T>& v, size_t min_bytes, F f) {
    uint64_t n = v.size(); a.pod(n);
    if (A::reading) { if (!a.ok() || n > a.left() / min_bytes) { a.fail(); return; } v.resize(n); }
    for (auto& x : v) f(x);
}
template <class A> void io_aeon(A& a, ForageAeon& x) {
    a.pod(x.aeon); a.pod(x.stage); a.pod(x.sleep); a.pod(x.performance); a.pod(x.rewarded); a.pod(x.punished);
    a.pod(x.hidden_spikes); a.pod(x.output_spikes);
}
template <class A> void io_agent(A& a, Agent& g) {
    a.pod(g.x); a.pod(g.y); a.pod(g.dx); a.pod(g.dy); a.pod(g.hunger); a.pod(g.window); a.pod(g.window_next);
    a.pod(g.trail_x); a.pod(g.trail_y); a.pod(g.trail_len); a.pod(g.trail_next);
}
template <class A> void io_result(A& a, ForageResult& r) {
    a.str(r.checkpoint); a.pod(r.task); a.pod(r.score); a.pod(r.rewarded); a.pod(r.punished); a.pod(r.aeon);
}
}  // namespace

template <class A> void ForageRun::Impl::serialize(A& a) {
    // Network.
    io_layer(a, net.I); io_layer(a, net.H); io_layer(a, net.O);
    io_syn(a, net.ih); io_syn(a, net.ho);
    a.vec(net.w_inh); a.vec(net.out_target_i); a.vec(net.out_sum_i); a.vec(net.out_target_h); a.vec(net.out_sum_h);
    a.vec(net.in_target_h); a.vec(net.in_target_o); a.vec(net.resistance_o); a.vec(net.rate_h); a.vec(net.rate_o);
    a.vec(net.epoch_spikes_h); a.vec(net.epoch_spikes_o); a.vec(net.counts_h); a.pod(net.count_epochs);
    a.pod(net.dir_count);
    io_recent(a, net.recent_i); io_recent(a, net.recent_h); io_recent(a, net.recent_o);
    io_traces(a, net.tr_ih); io_traces(a, net.tr_ho);
    a.pod(net.release);
    // World, agent, sleep, flags, streams.
    a.pod(world.size); a.vec(world.cell);
    io_each(a, world.particles, 5, [&](Particle& q) { a.pod(q.x); a.pod(q.y); a.pod(q.type); });
    io_agent(a, agent);
    a.vec(sleep.rate[0]); a.vec(sleep.rate[1]); a.pod(sleep.has_rate);
    a.pod(flags);
    a.pod(rng_world); a.pod(rng_explore); a.pod(rng_ties); a.pod(rng_sleep);
    // Run progress.
    a.pod(t); a.pod(stage); a.pod(stage_aeons); a.pod(finished); a.pod(sleeping); a.pod(sign);
    a.pod(test_rewarded); a.pod(test_punished); io_aeon(a, cur);
    io_each(a, timeline, 33, [&](ForageAeon& x) { io_aeon(a, x); });
    uint64_t nres = results.size(); a.pod(nres);
    if (A::reading) { if (!a.ok() || nres > a.left() / 29) { a.fail(); return; } results.resize(nres); }   // io_result: >= 29 bytes
    for (auto& r : results) io_result(a, r);
    a.pod(snap_stride); a.vec(snap_aeon); a.vec(snaps);
    io_each(a, spikes, 11, [&](ForageSpike& x) { a.pod(x.step); a.pod(x.layer); a.pod(x.neuron); });
    io_size(a, spikes_head, spikes.size());
}

template <class A> static void io_params(A& a, ForageParams& p) {
    a.str(p.values); a.str(p.scale); a.str(p.stepping);
    a.pod(p.alpha); a.pod(p.sigma); a.pod(p.mu); a.pod(p.beta_e); a.pod(p.input_decay); a.pod(p.release_noise);
    a.pod(p.pulse); a.pod(p.rest_input_eps); a.pod(p.rest_state_eps); a.pod(p.epoch_steps); a.pod(p.epochs_per_aeon);
    a.pod(p.action_window); a.pod(p.stdp_scale); a.pod(p.stdp_tau); a.pod(p.spike_mem); a.pod(p.trace_mem);
    a.pod(p.trace_avg_d); a.pod(p.delta_clip); a.pod(p.ih_gain); a.pod(p.w_ho_max); a.pod(p.w_ih_max); a.pod(p.w_min);
    a.pod(p.reward); a.pod(p.punished); a.pod(p.empty); a.pod(p.sleep_reward); a.pod(p.rate_target_h);
    a.pod(p.rate_target_o); a.pod(p.rate_ema); a.pod(p.target_dt); a.pod(p.world_size); a.pod(p.explore_per_hunger);
    a.pod(p.explore_paper); a.pod(p.w_ho_init); a.pod(p.unsup_aeons); a.pod(p.train_aeons); a.pod(p.test_aeons);
    a.pod(p.interleave_aeons);
}

// Structural checks after reading, so a corrupt blob cannot index out of bounds later.
static bool layer_ok(const RulkovLayer& l, int n) {
    const size_t pad = static_cast<size_t>((n + kBlock - 1) / kBlock) * kBlock;
    return l.n == n && l.nblocks == (n + kBlock - 1) / kBlock && l.V.size() == pad && l.Vp.size() == pad &&
           l.Vpp.size() == pad && l.u.size() == pad && l.input.size() == pad && l.slot_of.size() == pad;
}
static bool syn_ok(const Synapses& s, int npre, int npost, size_t count) {
    if (s.npre != npre || s.npost != npost || s.w.size() != count || s.post.size() != count || s.pre.size() != count ||
        s.trace_avg.size() != count || s.frozen.size() != count || s.col_syn.size() != count ||
        s.row_start.size() != static_cast<size_t>(npre) + 1 || s.col_start.size() != static_cast<size_t>(npost) + 1)
        return false;
    for (size_t k = 0; k < count; ++k)
        if (s.post[k] < 0 || s.post[k] >= npost || s.pre[k] < 0 || s.pre[k] >= npre || s.col_syn[k] < 0 ||
            s.col_syn[k] >= static_cast<int>(count)) return false;
    for (int i = 0; i < npre; ++i) if (s.row_start[i] < 0 || s.row_start[i] > s.row_start[i + 1]) return false;
    for (int j = 0; j < npost; ++j) if (s.col_start[j] < 0 || s.col_start[j] > s.col_start[j + 1]) return false;
    return s.row_start[npre] == static_cast<int>(count) && s.col_start[npost] == static_cast<int>(count);
}
// Trace times must not lie after `now` (the rule divides by now - t_k + epoch).
static bool traces_ok(const TraceStore& t, int nsyn, int64_t now) {
    if (t.syn.size() != t.t.size() || t.syn.size() != t.mag.size()) return false;
    for (int s : t.syn) if (s < 0 || s >= nsyn) return false;
    for (int64_t tk : t.t) if (tk > now) return false;
    return true;
}
static bool recent_ok(const RecentSpikes& r, int n) {
    if (r.t.size() != r.idx.size()) return false;
    for (int i : r.idx) if (i < 0 || i >= n) return false;
    return true;
}

bool ForageRun::Impl::valid() const {
    if (!layer_ok(net.I, kNI) || !layer_ok(net.H, kNH) || !layer_ok(net.O, kNO)) return false;
    if (!syn_ok(net.ih, kNI, kNH, 7056) || !syn_ok(net.ho, kNH, kNO, static_cast<size_t>(kWeights))) return false;
    if (!traces_ok(net.tr_ih, net.ih.size(), t) || !traces_ok(net.tr_ho, net.ho.size(), t)) return false;
    if (!recent_ok(net.recent_i, kNI) || !recent_ok(net.recent_h, kNH) || !recent_ok(net.recent_o, kNO)) return false;
    const size_t nh = kNH, ni = kNI, no = kNO;
    if (net.w_inh.size() != nh || net.out_target_h.size() != nh || net.out_sum_h.size() != nh || net.in_target_h.size() != nh ||
        net.rate_h.size() != nh || net.epoch_spikes_h.size() != nh || net.counts_h.size() != nh ||
        net.out_target_i.size() != ni || net.out_sum_i.size() != ni || net.in_target_o.size() != no ||
        net.resistance_o.size() != no || net.rate_o.size() != no || net.epoch_spikes_o.size() != no) return false;
    for (int k = 0; k < 2; ++k) if (sleep.has_rate[k] && sleep.rate[k].size() != nh) return false;
    if (world.size != p.world_size || world.cell.size() != static_cast<size_t>(world.size) * world.size) return false;
    for (int16_t c : world.cell) if (c < -1 || c >= static_cast<int>(world.particles.size())) return false;
    for (const auto& q : world.particles) if (q.type < 0 || q.type > 3) return false;
    if (agent.x < 0 || agent.x >= world.size || agent.y < 0 || agent.y >= world.size || agent.window_next < 0 ||
        agent.window_next >= kPerfWindow || agent.trail_next < 0 || agent.trail_next >= kTrail || agent.trail_len < 0 ||
        agent.trail_len > kTrail) return false;
    if (stage < 0 || stage > static_cast<int>(protocol.stages.size()) || t < 0 || snap_stride < 1) return false;
    if (snaps.size() != snap_aeon.size() * static_cast<size_t>(kWeights)) return false;
    const int nst = static_cast<int>(protocol.stages.size());
    for (const auto& a : timeline) if (a.stage < 0 || a.stage >= nst) return false;
    for (const auto& r : results) if (r.task < 0 || r.task > 1 || r.rewarded < 0 || r.punished < 0) return false;
    if (cur.stage < 0 || cur.stage > nst) return false;
    // Weights, homeostatic state and neuron state: a NaN or infinity would spread through the whole network.
    auto finite = [](const std::vector<double>& v) { return std::all_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); }); };
    for (const auto* v : {&net.ih.w, &net.ho.w, &net.ih.trace_avg, &net.ho.trace_avg, &net.w_inh, &net.out_target_h,
                          &net.out_sum_h, &net.in_target_h, &net.rate_h, &net.out_target_i, &net.out_sum_i,
                          &net.in_target_o, &net.resistance_o, &net.rate_o, &net.I.V, &net.H.V, &net.O.V, &net.I.u,
                          &net.H.u, &net.O.u, &net.tr_ih.mag, &net.tr_ho.mag})
        if (!finite(*v)) return false;
    return true;
}

std::vector<uint8_t> ForageRun::save() const {
    Writer w;
    w.bytes(kMagic, 4);
    uint32_t v = kVersion; w.pod(v);
    std::string proto = impl_->protocol_name;
    uint64_t seed = impl_->seed;
    ForageParams params = impl_->p;
    w.str(proto); w.pod(seed);
    io_params(w, params);
    std::string stopped = impl_->err;
    w.str(stopped);
    impl_->serialize(w);
    return w.out;
}

std::string ForageRun::load(const std::vector<uint8_t>& blob) {
    if (blob.size() < 8 || std::memcmp(blob.data(), kMagic, 4) != 0) return "not a sleepnet foraging state (bad magic)";
    Reader r{blob.data(), blob.size()};
    char magic[4]; r.bytes(magic, 4);
    uint32_t v = 0; r.pod(v);
    if (v != kVersion && v != 2) return "foraging state version " + std::to_string(v) + " is not supported (expected " + std::to_string(kVersion) + ")";
    std::string proto; uint64_t seed = 0;
    ForageParams params;
    r.str(proto); r.pod(seed);
    io_params(r, params);
    std::string stopped;   // why the saved run had stopped ("" if it had not)
    if (v >= 3) r.str(stopped);
    if (!r.ok()) return "foraging state is truncated";
    if (params.epoch_steps < 1 || params.epochs_per_aeon < 1) return "foraging state has invalid parameters";
    if (std::string e = params.check(); !e.empty()) return "foraging state has invalid parameters (" + e + ")";
    auto built = std::make_unique<Impl>();
    built->init(params, proto, seed);
    if (!built->err.empty()) return "foraging state names an unknown protocol: " + built->err;
    built->serialize(r);
    if (!r.ok() || r.at != blob.size()) return "foraging state is truncated or corrupt";
    if (!built->valid()) return "foraging state is inconsistent (corrupt or from another model)";
    built->err = stopped;
    if (v < 3 && built->t > 0) {
        // Format 2 kept the traces that test stages never dropped; drop them as the last epoch edge now does
        // (the same traces the run would have dropped there), so the saturation guard sees only live ones.
        built->net.expire_traces((built->t - 1) / built->p.epoch_steps * built->p.epoch_steps);
    }
    impl_ = std::move(built);
    return "";
}

}  // namespace sleepnet
