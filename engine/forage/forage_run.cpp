// Foraging model: a run's time loop and stage manager (the authors' spirit.cpp main loop and
// stageManager.cpp), see forage_run.h.
#include "forage/forage_run.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "forage/forage_run_impl.h"

namespace sleepnet {
using namespace forage;

void ForageRun::Impl::init(const ForageParams& params, const std::string& proto, uint64_t s) {
    p = params; protocol_name = proto; seed = s;
    gram = Gram{};
    err = make_protocol(proto, p, &protocol);
    if (!err.empty()) return;
    stage_names = protocol.stage_labels();
    rc = RewardStdpConsts{p.trace_avg_d, p.delta_clip, p.w_ho_max, p.w_ih_max, p.w_min, p.ih_gain};
    hc = HomeostasisConsts{p.rate_ema, p.target_dt, p.rate_target_h, p.rate_target_o};
    aeon_steps = static_cast<int64_t>(p.epoch_steps) * p.epochs_per_aeon;
    total = protocol.total_aeons() * aeon_steps;
    full = p.stepping == "full";
    net.build(p, seed);
    world.init(p.world_size);
    agent = Agent();
    agent.x = agent.y = p.world_size / 2;
    rng_world = Rng::stream(seed, Stream::World);
    rng_explore = Rng::stream(seed, Stream::Exploration);
    rng_ties = Rng::stream(seed, Stream::Ties);
    rng_sleep = Rng::stream(seed, Stream::SleepNoise);
}

void ForageRun::Impl::set_defaults() {
    flags.plasticity = true; flags.input_balancing = true; flags.adaptation = true;
    sleeping = false;
    net.clear_counts();
    for (int& s : sign) s = 0;
}

// Task 1: horizontal rewarded, positive diagonal (the code's "d_pos") punished; Task 2: vertical rewarded,
// negative diagonal punished. 63 particles of each of the two types.
void ForageRun::Impl::set_task_world(int task) {
    for (int& s : sign) s = 0;
    bool types[4] = {false, false, false, false};
    if (task == 0) { sign[kHorizontal] = 1; sign[kDiagPos] = -1; types[kHorizontal] = types[kDiagPos] = true; }
    else { sign[kVertical] = 1; sign[kDiagNeg] = -1; types[kVertical] = types[kDiagNeg] = true; }
    const int per_type = static_cast<int>(std::ceil(p.world_size * p.world_size * 0.1 / 4));
    world.populate(types, per_type, rng_world);
}

void ForageRun::Impl::start_stage_aeon(const Stage& s) {
    const int k = stage_aeons;
    switch (s.kind) {
        case StageKind::Unsup:
            if (k == 0) {
                set_defaults();
                bool all[4] = {true, true, true, true};
                world.populate(all, static_cast<int>(std::ceil(p.world_size * p.world_size * 0.1 / 8)), rng_world);
            }
            break;
        case StageKind::Train:
            if (k == 0) { set_defaults(); set_task_world(s.task); }
            break;
        case StageKind::Test:
            if (k == 0) { set_defaults(); set_task_world(s.task); flags.plasticity = false; test_rewarded = test_punished = 0; }
            break;
        case StageKind::Interleave:
            set_defaults(); set_task_world(k % 2 == 0 ? 0 : 1);
            break;
        case StageKind::SleepInterleave:
            if (k % 2 == 0) { set_defaults(); set_task_world(s.task); }
            else {
                sleep.store_rates(s.task, net);   // the training aeon just finished
                set_defaults();
                world.clear();
                sleeping = true;
            }
            break;
        default: break;
    }
}

void ForageRun::Impl::finish_stage(const Stage& s) {
    if (s.kind == StageKind::Train) sleep.store_rates(s.task, net);
    if (s.kind == StageKind::Test) {
        ForageResult r;
        r.checkpoint = s.checkpoint; r.task = s.task;
        r.rewarded = test_rewarded; r.punished = test_punished;
        if (r.scored()) r.score = static_cast<double>(test_rewarded) / (test_rewarded + test_punished);
        r.aeon = static_cast<int>(t / aeon_steps);
        results.push_back(r);
        if (s.rates_from_test) sleep.store_rates(s.task, net);
    }
    agent.clear_window();
}

void ForageRun::Impl::freeze_top(double fraction) {
    for (int o = 0; o < kNO; ++o) {
        std::vector<int> syn;
        for (int c = net.ho.col_start[o]; c < net.ho.col_start[o + 1]; ++c) syn.push_back(net.ho.col_syn[c]);
        std::stable_sort(syn.begin(), syn.end(), [&](int a, int b) { return net.ho.w[a] > net.ho.w[b]; });
        int n = static_cast<int>(std::ceil(syn.size() * fraction));
        if (n < 1) n = 1;
        for (int i = 0; i < n; ++i) net.ho.frozen[syn[i]] = 1;
    }
    output_balancing(net);
}

void ForageRun::Impl::aeon_boundary() {
    const int aeon = static_cast<int>(t / aeon_steps);
    if (t > 0 && (timeline.empty() || timeline.back().aeon < aeon - 1)) { timeline.push_back(cur); if ((aeon - 1) % snap_stride == 0) take_snapshot(aeon - 1); }
    for (;;) {
        if (stage >= static_cast<int>(protocol.stages.size())) { finished = true; return; }
        const Stage& s = protocol.stages[stage];
        if (s.aeons == 0 || stage_aeons >= s.aeons) {
            if (s.kind == StageKind::FreezeHidden) { set_defaults(); flags.hidden_frozen = true; }
            if (s.kind == StageKind::FreezeTop) freeze_top(s.fraction);
            finish_stage(s);
            ++stage; stage_aeons = 0;
            continue;
        }
        start_stage_aeon(s);
        ++stage_aeons;
        break;
    }
    cur = ForageAeon();
    cur.aeon = aeon; cur.stage = stage; cur.sleep = sleeping;
}

void ForageRun::Impl::flash() {
    if (sleeping) return;
    for (int x = 0; x < kView; ++x)
        for (int y = 0; y < kView; ++y)
            if (world.at(agent.x + x - kView / 2, agent.y + y - kView / 2) >= 0) net.I.add_input(x * kView + y, p.pulse);
}

void ForageRun::Impl::move_and_reward() {
    double dopamine;
    if (sleeping) {
        dopamine = p.sleep_reward;   // outputs are detached from movement; the world is empty
    } else {
        agent.choose(net.dir_count, rng_ties);
        agent.explore(p.explore_paper, p.explore_per_hunger, rng_explore);
        agent.move(world.size);
        const int type = world.eat(agent.x, agent.y, rng_world);
        const int sg = type < 0 ? 0 : sign[type];
        if (sg > 0) { dopamine = p.reward; agent.hunger = 0; agent.record(1); ++test_rewarded; ++cur.rewarded; }
        else if (sg < 0) { dopamine = p.punished; agent.hunger = 0; agent.record(0); ++test_punished; ++cur.punished; }
        else { dopamine = p.empty; ++agent.hunger; }
    }
    apply_reward_stdp(net, t, dopamine, flags, rc);
    for (int& d : net.dir_count) d = 0;
}

void ForageRun::Impl::simulate_step() {
    if (t % aeon_steps == 0) { aeon_boundary(); if (finished) return; }
    const bool epoch_edge = t % p.epoch_steps == 0;
    if (epoch_edge && sleeping)
        sleep.kick(net, protocol.stages[stage].uniform, p.pulse, rng_sleep);
    const int64_t phase = (t + p.epoch_steps - 1) % p.epoch_steps;   // 0 = first step after the flash
    net.step(t, flags, full, phase < p.action_window);
    if (net.live_traces() > kMaxLiveTraces) { saturated(); return; }
    cur.hidden_spikes += static_cast<int>(net.spk_h.size());
    cur.output_spikes += static_cast<int>(net.spk_o.size());
    if (net.spikes_last_step()) record_spikes();
    if (epoch_edge) {
        // Traces older than trace_mem can never be applied again. The reward rule drops them itself, but it
        // does not run while plasticity is off (tests) or, for I->H, after the developmental stage, and the
        // stores would keep growing (a paper-scale test stage: tens of millions). Dropping them here changes
        // nothing the rule sees: it drops the same ones first, with the same t.
        net.expire_traces(t);
        move_and_reward();
        flash();
        if (flags.plasticity && flags.adaptation) homeostasis_epoch(net, flags, hc);
        for (int& e : net.epoch_spikes_h) e = 0;
        for (int& e : net.epoch_spikes_o) e = 0;
        net.count_epochs++;
        cur.performance = agent.performance();
    }
    ++t;
}

// A network that fires in (almost) every step pairs every spike with every other within the window, and the
// traces then take gigabytes (an app tab would die). Demo, medium and paper runs peak at 10,000-20,000 live
// traces (sleep_t2, uniform_sleep, naive_sleep; demo, medium and paper constants), so a million (20 MB) means
// the settings have left the regime the model works in: stop with an error, not a crash.
void ForageRun::Impl::saturated() {
    char msg[400];
    std::snprintf(msg, sizeof msg,
                  "the network's activity saturated at aeon %lld (%s): over %.0f million STDP traces were live at "
                  "once, about 50x a normal run's peak, so the run was stopped. Settings that let neurons fire in "
                  "nearly every step cause this, e.g. homeostasis rates near their maximum (rate_ema, target_dt), "
                  "high rate targets or release_noise near 1.",
                  static_cast<long long>(t / aeon_steps), stage_names[static_cast<size_t>(stage)].c_str(),
                  kMaxLiveTraces / 1e6);
    err = msg;
}

void ForageRun::Impl::record_spikes() {
    auto add = [&](const std::vector<int>& v, int layer) {
        for (int i : v) spikes.push_back(ForageSpike{t, static_cast<int8_t>(layer), static_cast<int16_t>(i)});
    };
    add(net.spk_i, 0); add(net.spk_h, 1); add(net.spk_o, 2);
    const int64_t keep = 3LL * p.epoch_steps;
    while (spikes_head < spikes.size() && t - spikes[spikes_head].step >= keep) ++spikes_head;
    if (spikes_head > 4096 && spikes_head * 2 > spikes.size()) {
        spikes.erase(spikes.begin(), spikes.begin() + static_cast<long>(spikes_head));
        spikes_head = 0;
    }
}

// ---- public -----------------------------------------------------------------------------------------------

ForageRun::ForageRun(const ForageParams& params, const std::string& protocol, uint64_t seed) : impl_(new Impl) {
    impl_->init(params, protocol, seed);
}
ForageRun::~ForageRun() = default;
const std::string& ForageRun::error() const { return impl_->err; }
bool ForageRun::done() const { return !impl_->err.empty() || impl_->finished; }
int64_t ForageRun::step() const { return impl_->t; }
int64_t ForageRun::total_steps() const { return impl_->total; }
int ForageRun::stage() const { return impl_->stage; }
bool ForageRun::sleeping() const { return impl_->sleeping; }
const std::vector<ForageAeon>& ForageRun::timeline() const { return impl_->timeline; }
const std::vector<ForageResult>& ForageRun::results() const { return impl_->results; }

int64_t ForageRun::aeon_steps() const { return impl_->aeon_steps; }
const ForageParams& ForageRun::params() const { return impl_->p; }
const std::string& ForageRun::protocol() const { return impl_->protocol_name; }
uint64_t ForageRun::seed() const { return impl_->seed; }
int64_t ForageRun::live_traces() const { return static_cast<int64_t>(impl_->net.live_traces()); }
const std::vector<std::string>& ForageRun::stage_names() const { return impl_->stage_names; }

std::string ForageRun::switch_protocol(const std::string& name) {
    Impl& m = *impl_;
    if (!m.err.empty()) return m.err;
    Protocol np;
    const std::string e = make_protocol(name, m.p, &np);
    if (!e.empty()) return e;
    if (m.t % m.aeon_steps != 0) return "switch_protocol: not at an aeon boundary";
    // Stages already started (or finished) must be the same; the current one must not have begun.
    const int started = m.stage_aeons > 0 ? m.stage + 1 : m.stage;
    if (static_cast<int>(np.stages.size()) < started) return "switch_protocol: '" + name + "' is shorter than the part already run";
    for (int i = 0; i < started; ++i)
        if (!same_stage(m.protocol.stages[static_cast<size_t>(i)], np.stages[static_cast<size_t>(i)]))
            return "switch_protocol: '" + name + "' differs from '" + m.protocol_name + "' in stage " + std::to_string(i);
    m.protocol = np;
    m.protocol_name = name;
    m.stage_names = np.stage_labels();
    m.total = np.total_aeons() * m.aeon_steps;
    if (m.finished && m.stage < static_cast<int>(np.stages.size())) m.finished = false;
    return "";
}

int64_t ForageRun::Impl::quiet_steps(int64_t budget) const {
    if (full || t % p.epoch_steps == 0 || !net.quiet()) return 0;
    const int64_t next_edge = (t / p.epoch_steps + 1) * p.epoch_steps;
    return std::min(next_edge - t, budget);
}

int64_t ForageRun::advance(int64_t steps) {
    Impl& m = *impl_;
    int64_t done_steps = 0;
    while (done_steps < steps && !done()) {
        if (const int64_t jump = m.quiet_steps(steps - done_steps)) { m.t += jump; done_steps += jump; continue; }
        m.simulate_step();
        if (m.finished) break;
        ++done_steps;
    }
    return done_steps;
}

}  // namespace sleepnet
