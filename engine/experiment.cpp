// sleepnet: experiments (twins in lockstep), settings routing, results and saved state.
//
// Contents: 1. digits adapter  2. foraging adapter  3. settings  4. Experiment
#include "experiment.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "digits/digits_report.h"
#include "digits/digits_run.h"
#include "forage/forage_report.h"
#include "forage/forage_run.h"
#include "forage/protocol.h"
#include "published.h"

namespace sleepnet {

static double nan_to_neg(double v) { return std::isnan(v) ? -1 : v; }

// ---- 1. digits adapter ----------------------------------------------------------------------------
// "a, b, c and 2 more": the first few of a list of setting names.
static std::string first_keys(const std::vector<std::string>& keys, size_t shown = 4) {
    std::string out;
    for (size_t i = 0; i < keys.size() && i < shown; ++i) out += (i ? ", " : "") + keys[i];
    if (keys.size() > shown) out += " and " + std::to_string(keys.size() - shown) + " more";
    return out;
}

// The keys of a digits run's settings that differ from its preset (seed and sleep aside: the twins differ in
// those, and the caller names them), leaving out keys the run does not use (the sleep's, in a run without
// sleep): what the run's command line carries, and what the headline names as changed.
static std::vector<KeyValue> digits_used_changes(const digits::DigitsSettings& run) {
    digits::DigitsSettings base;
    digits::apply_digits_preset(run.preset, &base);
    base.seed = run.seed;
    base.sleep = run.sleep;
    const std::vector<KeyValue> changed = parse_query(run.changed_from(base));
    const auto unused = run.unused_keys(changed);
    std::vector<KeyValue> used;
    for (const auto& kv : changed)
        if (std::none_of(unused.begin(), unused.end(), [&](const auto& u) { return u.first == kv.key; })) used.push_back(kv);
    return used;
}

// The paper's final accuracy for a digits run's condition (sequential, SRC after each task, or joint) on its task
// order, and how the paper's settings differ from the run's. None for other orders or interleaved naps, which the
// paper did not run. The keys named are the run's used changes, apart from what the app samples (no result
// depends on it).
static void digits_published(const digits::DigitsSettings& s, std::string* figure, std::string* note) {
    figure->clear();
    note->clear();
    if (s.order != published::kTadrosOrder || (s.sleep && !s.joint && s.sleep_schedule != "after_task")) return;
    const double v = s.joint ? published::kTadrosJoint : s.sleep ? published::kTadrosSrc : published::kTadrosSequential;
    char buf[96];
    std::snprintf(buf, sizeof buf, "paper (%s): %.2f%% on all 10 digits", s.joint ? "joint" : s.sleep ? "SRC" : "sequential", v);
    *figure = buf;
    digits::DigitsSettings sampled_as_preset = s;
    const digits::DigitsSettings untouched;
    sampled_as_preset.timeline_every = untouched.timeline_every;
    sampled_as_preset.timeline_sleep_every = untouched.timeline_sleep_every;
    sampled_as_preset.timeline_test = untouched.timeline_test;
    sampled_as_preset.joint = untouched.joint;   // named in the figure itself
    std::vector<std::string> keys;
    for (const KeyValue& kv : digits_used_changes(sampled_as_preset)) keys.push_back(kv.key);
    const std::string changed = keys.empty() ? "" : first_keys(keys) + " changed";
    if (s.preset == "quick")
        *note = "the paper's figures are for its 784-1200-1200-10 network, 5000 training images per task and longer "
                "sleeps; this run is the quick preset (hidden " + s.mlp.hidden + ", " + std::to_string(s.per_task) +
                " images per task" + (changed.empty() ? ")" : "), with " + changed);
    else if (!changed.empty())
        *note = "the paper's figures are for its own settings; this run has " + changed;
}

class DigitsScenario final : public ScenarioRun {
public:
    // The app's curves and headline come from the run's timeline, which the presets leave off (the command line
    // does not need it). Unless the settings ask for their own, the app samples about 8 points per task's training
    // and 3 per sleep (1 per interleaved nap), each on the first 300 test images (quick: every 5 batches and 2000
    // sleep steps; paper: 12 and 5000), and each evaluation adds its exact figures. A point is measured apart from
    // training and changes no result (tested); a small sample keeps frames short.
    std::string start(digits::DigitsSettings s, std::shared_ptr<const digits::DigitsData> data) {
        if (s.timeline_every == 0 && s.timeline_sleep_every == 0) {
            const int64_t examples = s.per_task > 0 ? s.per_task : 12000;   // 0 = all: about 12,000 per pair of digits
            const int64_t batches = examples * s.mlp.epochs / std::max(1, s.mlp.batch);
            // Interleaved naps are short and frequent: one point at the end of each.
            const int sleep = s.sleep_schedule == "interleaved" ? 3 * s.interleaved_steps : s.src.base_steps;
            s.timeline_every = static_cast<int>(std::max<int64_t>(1, batches / 8));
            s.timeline_sleep_every = std::max(1, sleep / 3);
            s.timeline_test = 300;
        }
        std::string err = run_.start(s, std::move(data));
        if (err.empty()) digits_published(run_.settings(), &published_, &published_note_);
        return err;
    }
    int64_t advance(int64_t budget) override {
        // Small pieces, so lockstep can attribute work to stages; results do not depend on it.
        return advance_in_pieces(budget, 100, [this](int64_t n) {
            int64_t before = run_.work_done();
            run_.advance(n);
            return run_.work_done() - before;
        });
    }
    bool done() const override { return run_.done(); }
    std::string error() const override { return run_.error(); }   // e.g. training that diverged
    int64_t work() const override { return run_.work_done(); }
    bool sleeping() const override { return run_.stage() == digits::DigitsStage::Sleep; }
    bool has_sleep() const override { return run_.settings().sleep; }
    bool in_shared_stage() const override { return run_.stage() == digits::DigitsStage::Train; }
    double progress() const override { return run_.progress(); }
    std::string stage_label() const override {
        if (run_.done()) return run_.error().empty() ? "done" : "stopped";
        return std::string(digits::stage_name(run_.stage())) + " task " + std::to_string(run_.task() + 1);
    }
    Headline headline() const override {
        Headline h;
        const auto& tl = run_.timeline();
        int t = std::min(run_.task(), run_.tasks().tasks() - 1);
        h.new_label = "task " + std::to_string(t + 1);
        h.old_label = t == 0 ? "old tasks" : t == 1 ? "task 1" : "tasks 1-" + std::to_string(t);
        h.published = published_;
        h.published_note = published_note_;
        if (!run_.error().empty()) {   // the last timeline point measured broken weights: no figures
            h.note = "stopped in task " + std::to_string(t + 1) + " (see the status line)";
            return h;
        }
        // Per-task accuracies: a finished run's final evaluation on every test image (what the accuracy matrix
        // shows), else the last timeline point. After an evaluation that point is the evaluation itself (exact: the
        // matrix's figures); after training or sleep it is a sample of timeline_test images (an estimate, said so:
        // 300 images gave 85.2 % on tasks 1-2 against the matrix's 90.0 %).
        const digits::AccuracyMatrix& m = run_.accuracy();
        std::vector<double> acc;
        if (run_.done() && m.rows_done() == m.tasks) acc.assign(m.r.end() - m.tasks, m.r.end());
        else if (!tl.empty()) acc = tl.back().task_accuracy;
        else return h;
        if (!run_.done() && tl.back().stage != digits::DigitsStage::Evaluate)
            h.sample = std::min(run_.settings().timeline_test, run_.data().test.size());
        if (t < static_cast<int>(acc.size())) h.new_task = nan_to_neg(acc[t]);
        if (t > 0) {
            double s = 0;
            for (int j = 0; j < t; ++j) s += acc[j];
            h.old_task = nan_to_neg(s / t);
        }
        if (run_.done()) h.all_tasks = nan_to_neg(run_.final_accuracy());
        return h;
    }
    void write_json(JsonWriter& j) const override { digits::digits_outcome_fields(j, digits::digits_outcome(run_)); }
    std::string csv_rows(const std::string&) const override { return digits::digits_csv_rows(digits::digits_outcome(run_)); }
    std::vector<uint8_t> save() const override { return run_.save(); }
    size_t save_size() const override { return run_.save_size(); }
    std::string save_problem() const override {
        if (!run_.error().empty()) return run_.error();
        return run_.divergence();
    }
    std::string load(const std::vector<uint8_t>& b) override {
        std::string err = run_.load(b);
        digits_published(run_.settings(), &published_, &published_note_);   // the settings may be the file's
        return err;
    }
    digits::DigitsRun* digits() override { return &run_; }
private:
    digits::DigitsRun run_;
    std::string published_, published_note_;   // the headline's paper figure and note: the settings fix them
};

// ---- 2. foraging adapter ----------------------------------------------------------------------------
// The paper's Task 1 / Task 2 at the end of a protocol (published.h), and how the run's settings differ from the
// authors' (the compressed scales rescale stage lengths and rates; changed keys; the paper's text's values).
static void forage_published(const std::string& protocol, const ForageParams& p, std::string* figure, std::string* note) {
    const published::GoldenRow* row = published::golden_final(protocol);
    if (!row) return;
    auto pct = [](double v) { return std::isnan(v) ? std::string("-") : std::to_string(static_cast<int>(std::lround(100 * v))) + "%"; };
    *figure = "paper, at the end: " + pct(row->task[0]) + " / " + pct(row->task[1]);
    std::vector<std::string> keys;
    for (const KeyValue& kv : parse_query(forage_params_changed(p))) keys.push_back(kv.key);
    if (p.values != "code") keys.insert(keys.begin(), "values");
    const std::string changed = keys.empty() ? "" : first_keys(keys) + " changed";
    if (p.scale != "paper")
        *note = "the paper's figures come from its published stage lengths and rates; this run is the " + p.scale +
                " scale (shorter stages, rescaled rates)" + (changed.empty() ? "" : ", with " + changed);
    else if (!changed.empty())
        *note = "the paper's figures come from the authors' settings; this run has " + changed;
}

// Prefix sharing: with one seed, the sleeping run and its sequential twin are bit-identical until their
// protocols part (e.g. unsupervised -> T1 -> tests, half of each run), so the twin does not simulate that
// part. While `leader_` is set it has not started and reads as its leader (the views, headline and exports
// show the shared prefix, as they would if it ran); at the branch point it takes over the leader's state
// and continues under its own protocol (save, load, switch_protocol: tested equal to a run from scratch).
class ForageScenario final : public ScenarioRun {
public:
    ForageScenario(const ForageParams& p, const std::string& protocol, uint64_t seed)
        : run_(p, protocol, seed), protocol_(protocol), seed_(seed) {
        forage_published(protocol, p, &published_, &published_note_);
    }
    std::string error() const override { return cur().error(); }   // a follower shares its leader's
    int64_t advance(int64_t budget) override {
        if (leader_) return 0;
        // One epoch at a time at most, so lockstep attribution follows sleep aeons exactly.
        return advance_in_pieces(budget, 600, [this](int64_t n) { return run_.advance(n); });
    }
    // A follower whose leader stopped with an error stops too: it would never reach the branch point.
    bool done() const override { return leader_ ? !leader_->run_.error().empty() : run_.done(); }
    int64_t work() const override { return cur().step(); }
    bool sleeping() const override { return cur().sleeping(); }
    // Its own protocol's stages (a follower reads as its leader elsewhere).
    bool has_sleep() const override { return forage::protocol_sleeps(protocol_); }
    bool in_shared_stage() const override { return !cur().sleeping(); }
    double progress() const override { return run_.total_steps() ? double(cur().step()) / run_.total_steps() : 1; }
    std::string stage_label() const override {
        if (done()) return error().empty() ? "done" : "stopped";
        const auto& names = cur().stage_names();
        int s = cur().stage();
        return s >= 0 && s < static_cast<int>(names.size()) ? names[s] : "?";
    }
    // A stage before the current one trained Task 2 ("train T2", "Interleaved(sleep,T2)", "Interleaved(T1,T2)").
    bool trained_task2() const {
        const auto& names = cur().stage_names();
        const int now = std::min<int>(cur().stage(), static_cast<int>(names.size()));
        for (int k = 0; k < now; ++k)
            if (names[k].rfind("test", 0) != 0 && names[k].find("T2") != std::string::npos) return true;
        return false;
    }
    Headline headline() const override {
        Headline h;
        h.old_label = "Task 1";
        h.new_label = "Task 2";
        // A test in which no task particle was eaten has no score; its 0.5 (chance) stays in the exports,
        // as on the command line, but the headline shows no figure and says why.
        bool empty[2] = {false, false};
        for (auto& r : cur().results()) {
            empty[r.task] = !r.scored();
            (r.task == 0 ? h.old_task : h.new_task) = empty[r.task] ? -1 : r.score;
        }
        if (empty[0] || empty[1])
            h.note = std::string(empty[0] && empty[1] ? "both tests" : empty[0] ? "Task 1 test" : "Task 2 test") +
                     ": nothing eaten, no score (lengthen test_aeons)";
        // The figures are test scores: blank for the first minutes, and Task 2's comes before Task 2 is trained.
        // Say so (a user saw dashes for minutes, then a Task 2 figure out of nowhere).
        auto add = [&](const std::string& n) { h.note += (h.note.empty() ? "" : "; ") + n; };
        if (cur().results().empty() && !done()) add("no test yet: the figures are test scores, measured after each training stage");
        else if (h.new_task >= 0 && !trained_task2())
            add(done() ? "this protocol does not train Task 2: its score shows what the training did on it"
                       : "Task 2 is not trained yet: its score shows what the training so far does on it");
        h.published = published_;
        h.published_note = published_note_;
        return h;
    }
    void write_json(JsonWriter& j) const override { forage_outcome_fields(j, forage_outcome(cur(), protocol_, seed_)); }
    std::string csv_rows(const std::string&) const override { return forage_csv_rows(forage_outcome(cur(), protocol_, seed_)); }
    std::vector<uint8_t> save() const override { return run_.save(); }   // its own state (not started while following)
    // The file's header names the settings; a run inside it with other parameters or another protocol (a
    // crafted or mixed-up file) would run under the wrong label: refused, state unchanged.
    std::string load(const std::vector<uint8_t>& b) override {
        const auto before = run_.save();   // a stopped run's error is part of it, so the rollback keeps it
        const ForageParams p = run_.params();
        const std::string proto = run_.protocol();
        const uint64_t seed = run_.seed();
        if (std::string e = run_.load(b); !e.empty()) return e;
        if (run_.params() == p && run_.protocol() == proto && run_.seed() == seed) return "";
        run_.load(before);
        return "its parameters, protocol or seed differ from the file's settings";
    }
    ForageRun* forage() override { return leader_ ? &leader_->run_ : &run_; }

    // Steps this run shares with `other` from the start: 0 unless both have the same seed and parameters.
    int64_t shared_steps(const ForageScenario& other) const {
        if (seed_ != other.seed_ || !(run_.params() == other.run_.params())) return 0;
        forage::Protocol a, b;
        if (!forage::make_protocol(protocol_, run_.params(), &a).empty() ||
            !forage::make_protocol(other.protocol_, run_.params(), &b).empty()) return 0;
        return forage::shared_prefix_aeons(a, b) * run_.aeon_steps();
    }
    void follow(ForageScenario* leader) { leader_ = leader; }
    bool following() const { return leader_ != nullptr; }
    // Takes over the leader's state at the branch point and continues alone. On error (not expected: the
    // prefix is the protocols' shared stages) the run starts from scratch instead, which gives the same
    // numbers, only later.
    void branch() {
        ForageScenario* l = leader_;
        leader_ = nullptr;
        if (!l) return;
        std::string err = run_.load(l->run_.save());
        if (err.empty()) err = run_.switch_protocol(protocol_);
        if (!err.empty()) { run_.load(ForageRun(run_.params(), protocol_, seed_).save()); return; }
        awake_work_ = l->awake_work_;
    }
private:
    const ForageRun& cur() const { return leader_ ? leader_->run_ : run_; }
    ForageRun run_;
    std::string protocol_;
    uint64_t seed_;
    ForageScenario* leader_ = nullptr;
    std::string published_, published_note_;   // the headline's paper figures and note: the settings fix them
};

// ---- 3. settings ------------------------------------------------------------------------------------
// Both scenarios start from their named presets (a default-constructed ForageParams is not yet "demo").
ExperimentSettings::ExperimentSettings() {
    digits::apply_digits_preset("quick", &digits);
    forage.apply_presets();
}

static void bind_experiment(SettingsTable& t, ExperimentSettings* s) {
    t.add_choice("scenario", &s->scenario, {"digits", "forage"}, "which experiment: split digits, or the foraging agent");
    t.add_bool("twins", &s->twins, "two networks side by side, one with and one without sleep");
    t.add_bool("sleep", &s->sleep, "with twins off: does the single network sleep?");
    t.add_int("seed", &s->seed, 0, 1000000000, "random seed: same seed, same numbers");
    t.add_choice("protocol", &s->protocol, forage::protocol_names(), "foraging protocol of the (sleeping) run");
}

// Conflicts judged by the experiment's, digits' and foraging tables (which keys hold numbers).
static std::vector<KeyConflict> conflicts_in(const std::vector<KeyValue>& kvs, const SettingsTable& exp,
                                             const SettingsTable& dig, const SettingsTable& fo) {
    return conflicting_keys(kvs, [&](const std::string& k) { return exp.is_number(k) || dig.is_number(k) || fo.is_number(k); });
}

std::vector<SettingsIssue> parse_experiment(const std::vector<KeyValue>& kvs, ExperimentSettings* s) {
    SettingsTable exp, dig, fo;
    bind_experiment(exp, s);
    digits::DigitsSettings dprobe;
    dprobe.bind(dig);
    ForageParams fprobe;
    fprobe.bind(fo);
    std::vector<KeyValue> dkv, fkv;
    std::vector<SettingsIssue> issues;
    // A key given twice with different values (a hand-edited link) says two things: it keeps its default.
    const auto conflicts = conflicts_in(kvs, exp, dig, fo);
    for (const auto& c : conflicts)
        issues.push_back({c.first.key, c.first.value + " and " + c.second.value, "given twice with different values"});
    for (auto& kv : kvs) {
        if (std::any_of(conflicts.begin(), conflicts.end(), [&](const KeyConflict& c) { return c.first.key == kv.key; })) continue;
        if (exp.has(kv.key)) {
            std::string err;
            if (!exp.set(kv, &err)) issues.push_back({kv.key, kv.value, err});
        } else if (kv.key.rfind("joint", 0) == 0 && dig.has(kv.key)) {
            // The twins are "with sleep" and "without sleep"; a joint run under those labels would mislead.
            // (joint=0, e.g. pasted from a command line's settings, is what the lab does anyway: no notice.)
            std::string err;
            if (kv.key == "joint" && dig.set(kv, &err) && !dprobe.joint) continue;
            issues.push_back({kv.key, kv.value, "the joint baseline runs from the command line (sleepnet digits --joint 1, "
                                                "or reproduce tadros2022), not in the lab"});
        } else if (dig.has(kv.key) || kv.key == "preset") dkv.push_back(kv);
        else if (fo.has(kv.key)) fkv.push_back(kv);
        else issues.push_back({kv.key, kv.value, "unknown setting"});
    }
    // A key of the other scenario would be kept but never shown or used (the URL holds the running scenario's
    // keys only): say so instead of dropping it silently.
    auto other = [&](std::vector<KeyValue>& kv, const char* what) {
        for (const auto& x : kv) issues.push_back({x.key, x.value, std::string("a ") + what + " setting, not used in this scenario"});
        kv.clear();
    };
    if (s->scenario == "digits") other(fkv, "foraging");
    else other(dkv, "digits");
    // Digits: "preset" first, then the other keys (DigitsSettings::apply). Forage: values/scale presets first.
    auto di = s->digits.apply(dkv);
    issues.insert(issues.end(), di.begin(), di.end());
    auto fi = apply_forage_params(fkv, &s->forage);
    issues.insert(issues.end(), fi.begin(), fi.end());
    s->digits.seed = s->seed;
    // The settings table words a bare key's error for the command line ("--seed VALUE or seed=VALUE"); here the
    // keys come from a link (#seed) or the desktop's key=value arguments.
    for (auto& i : issues)
        if (i.value.empty() && i.message.rfind("needs a value", 0) == 0) i.message = "needs a value (" + i.key + "=VALUE)";
    return issues;
}

// The scenario's keys that differ from its preset, as a query: digits from the learner preset (the preset key
// itself is the caller's), foraging from the scale and values presets, those two first. Links and command lines
// both carry these.
static std::string digits_changed(const ExperimentSettings& s) {
    digits::DigitsSettings base;
    digits::apply_digits_preset(s.digits.preset, &base);
    base.seed = s.digits.seed;
    base.sleep = s.digits.sleep;
    return s.digits.changed_from(base);
}
static std::string forage_changed(const ExperimentSettings& s) {
    std::string q;
    if (s.forage.values != "code") q += "values=" + s.forage.values + "&";
    if (s.forage.scale != "demo") q += "scale=" + s.forage.scale + "&";
    q += forage_params_changed(s.forage);
    if (!q.empty() && q.back() == '&') q.pop_back();
    return q;
}

std::string experiment_query(const ExperimentSettings& s0) {
    ExperimentSettings s = s0, d;
    // Only what the experiment uses: the protocol is a foraging key, and twins have one network of each kind (a
    // protocol chosen before switching to digits, or sleep=0 left by the 's' key's cycle, stayed in the link).
    if (s.scenario != "forage") s.protocol = d.protocol;
    if (s.twins) s.sleep = d.sleep;
    SettingsTable a, b;
    bind_experiment(a, &s);
    bind_experiment(b, &d);
    std::string q = diff_query(a, b);
    auto add = [&](const std::string& more) { if (!more.empty()) q += (q.empty() ? "" : "&") + more; };
    if (s.scenario == "digits") {
        if (s.digits.preset != d.digits.preset) add("preset=" + url_encode(s.digits.preset));
        add(digits_changed(s));
    } else {
        add(forage_changed(s));
    }
    return q;
}

std::vector<std::string> forage_protocols(const ExperimentSettings& s) {
    if (!s.twins) return {s.sleep ? s.protocol : "sequential"};
    if (s.protocol == "sequential") return {s.protocol};
    return {s.protocol, "sequential"};
}

namespace {
// The runs an experiment has: digits by sleep on/off (foraging by protocol: forage_protocols).
std::vector<bool> digits_sleeps(const ExperimentSettings& s) {
    return s.twins ? std::vector<bool>{true, false} : std::vector<bool>{s.sleep};
}
std::string shell_word(const std::string& w) {
    const bool plain = !w.empty() && w.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:,=+-") == std::string::npos;
    if (plain) return w;
    std::string q = "'";
    for (char c : w) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}
// "--key value" for each pair.
std::string options(const std::vector<KeyValue>& kvs) {
    std::string out;
    for (const auto& kv : kvs) out += " --" + kv.key + " " + shell_word(kv.value);
    return out;
}
}  // namespace

std::vector<std::string> experiment_commands(const ExperimentSettings& s) {
    std::vector<std::string> out;
    const std::string seed = std::to_string(s.seed);
    if (s.scenario == "digits") {
        // The command line's default is the paper's learner, the lab's the quick one: the preset always goes first
        // (it resets the other keys), then the keys changed from it.
        for (bool sl : digits_sleeps(s)) {
            // Keys the run does not use (the sleep's, in the run without sleep) are left out: the command line
            // would note each as having no effect.
            digits::DigitsSettings run = s.digits;
            run.sleep = sl;
            const std::vector<KeyValue> used = digits_used_changes(run);
            out.push_back("sleepnet digits --preset " + shell_word(s.digits.preset) + " --sleep " + (sl ? "1" : "0") +
                          " --seed " + seed + options(used));
        }
    } else {
        const std::string keys = options(parse_query(forage_changed(s)));
        for (const auto& p : forage_protocols(s))
            out.push_back("sleepnet forage --protocol " + shell_word(p) + " --first_seed " + seed + " --seeds 1" + keys);
    }
    return out;
}

// ---- 4. Experiment ----------------------------------------------------------------------------------
Experiment::Experiment() = default;
Experiment::~Experiment() = default;
Experiment::Experiment(Experiment&&) noexcept = default;
Experiment& Experiment::operator=(Experiment&&) noexcept = default;

std::string Experiment::start(const ExperimentSettings& s, std::shared_ptr<const digits::DigitsData> data) {
    runs_.clear();
    labels_.clear();
    branch_step_ = 0;
    s_ = s;
    data_ = data;
    if (s.scenario == "digits") {
        if (!data) return "the digits data set is not loaded";
        for (bool sl : digits_sleeps(s)) {
            auto r = std::make_unique<DigitsScenario>();
            digits::DigitsSettings ds = s.digits;
            ds.seed = s.seed;
            ds.sleep = sl;
            std::string err = r->start(ds, data);
            if (!err.empty()) { runs_.clear(); labels_.clear(); return err; }
            runs_.push_back(std::move(r));
            labels_.push_back(sl ? "with sleep" : "without sleep");
        }
    } else {
        for (const auto& p : forage_protocols(s)) {
            auto r = std::make_unique<ForageScenario>(s.forage, p, static_cast<uint64_t>(s.seed));
            if (!r->error().empty()) { runs_.clear(); labels_.clear(); return r->error(); }
            runs_.push_back(std::move(r));
            labels_.push_back(p);
        }
        link_twins();
    }
    return "";
}

// Foraging twins (a moved-from Experiment has no runs, so none).
ForageScenario* Experiment::twin(int i) const {
    return s_.scenario == "forage" && runs_.size() == 2 ? static_cast<ForageScenario*>(runs_[i].get()) : nullptr;
}

void Experiment::link_twins() {
    ForageScenario *l = twin(0), *f = twin(1);
    if (!l || !f) return;
    f->follow(nullptr);
    // From the runs as they are (a loaded file carries its own parameters). Only a baseline that has not
    // started, beside a leader not past the branch point; otherwise the baseline runs its own prefix.
    branch_step_ = f->shared_steps(*l);
    if (branch_step_ > 0 && f->work() == 0 && l->work() <= branch_step_) f->follow(l);
}

int64_t Experiment::advance(int64_t budget) {
    int64_t used = 0;
    while (used < budget && !done()) {
        if (ForageScenario* f = twin(1); f && f->following()) {
            // Shared prefix: only the leader runs, up to the branch point; there the baseline takes over its state.
            ForageScenario* l = twin(0);
            const int64_t left = branch_step_ - l->work();
            if (left <= 0 || l->done()) { f->branch(); continue; }
            int64_t d = l->advance(std::min<int64_t>({budget - used, 100, left}));
            if (d <= 0) break;
            used += d;
            continue;
        }
        ScenarioRun* next = runs_[static_cast<size_t>(lockstep_next())].get();
        int64_t d = next->advance(std::min<int64_t>(budget - used, 100));
        if (d <= 0) break;
        used += d;
    }
    return used;
}

// Lockstep: the run that is behind in shared work goes next. Among runs level with it, one in a stage of its own
// (evaluating, sleeping) goes first, so its twin waits until it is done. -1 when every run is done.
int Experiment::lockstep_next() const {
    int next = -1;
    for (int i = 0; i < run_count(); ++i) {
        const ScenarioRun& r = *runs_[static_cast<size_t>(i)];
        if (r.done()) continue;
        const ScenarioRun* n = next < 0 ? nullptr : runs_[static_cast<size_t>(next)].get();
        if (!n || r.awake_work() < n->awake_work() || (r.awake_work() == n->awake_work() && !r.in_shared_stage() && n->in_shared_stage()))
            next = i;
    }
    return next;
}

bool Experiment::waiting(int i) const {
    if (run_count() < 2 || runs_[static_cast<size_t>(i)]->done()) return false;
    if (ForageScenario* f = twin(1); f && f->following()) return false;   // the baseline reads as its leader
    const int next = lockstep_next();
    return next >= 0 && next != i && !runs_[static_cast<size_t>(next)]->in_shared_stage();
}

std::string Experiment::stage_label(int i) const {
    const std::string own = runs_[static_cast<size_t>(i)]->stage_label();
    return waiting(i) ? "waiting (" + own + ")" : own;
}

bool Experiment::done() const {
    for (auto& r : runs_) if (!r->done()) return false;
    return true;
}

std::string Experiment::save_problem() const {
    for (size_t i = 0; i < runs_.size(); ++i)
        if (std::string e = runs_[i]->save_problem(); !e.empty()) return labels_[i] + ": " + e;
    return "";
}

std::string Experiment::error() const {
    for (size_t i = 0; i < runs_.size(); ++i)
        if (std::string e = runs_[i]->error(); !e.empty()) return labels_[i] + ": " + e;
    return "";
}

double Experiment::progress() const {
    if (runs_.empty()) return 0;
    double p = 0;
    for (auto& r : runs_) p += r->progress();
    return p / runs_.size();
}

std::string Experiment::results_json() const {
    JsonWriter j;
    // The command line's top level ("command", "settings", "seeds", "runs"); each run adds its "label".
    j.begin_object().kv("command", s_.scenario).kv("settings", experiment_query(s_)).kv("seeds", 1).key("runs").begin_array();
    for (size_t i = 0; i < runs_.size(); ++i) {
        j.begin_object().kv("label", labels_[i]);
        runs_[i]->write_json(j);
        j.end_object();
    }
    j.end_array().end_object();
    return j.str() + "\n";
}

std::string Experiment::results_csv() const {
    std::string out = s_.scenario == "digits" ? digits::digits_csv_header() : forage_csv_header();
    for (size_t i = 0; i < runs_.size(); ++i) out += runs_[i]->csv_rows(labels_[i]);
    return out;
}

static const char kExpMagic[4] = {'S', 'N', 'E', 'X'};

size_t Experiment::save_size() const {
    size_t n = 4 + 4 + 4 + experiment_query(s_).size() + 4;
    for (auto& r : runs_) n += 4 + r->save_size();
    return n;
}

std::vector<uint8_t> Experiment::save() const {
    std::vector<uint8_t> o(kExpMagic, kExpMagic + 4);
    o.reserve(save_size());
    auto put32 = [&](uint64_t v) { for (int i = 0; i < 4; ++i) o.push_back(static_cast<uint8_t>(v >> (8 * i))); };
    put32(1);
    std::string q = experiment_query(s_);
    put32(q.size());
    o.insert(o.end(), q.begin(), q.end());
    put32(runs_.size());
    for (auto& r : runs_) {
        auto b = r->save();
        put32(b.size());
        o.insert(o.end(), b.begin(), b.end());
    }
    return o;
}

std::string Experiment::load(const std::vector<uint8_t>& d) {
    size_t pos = 0;
    auto get32 = [&](uint64_t* v) {
        if (d.size() - pos < 4) return false;
        *v = 0;
        for (int i = 0; i < 4; ++i) *v |= static_cast<uint64_t>(d[pos + i]) << (8 * i);
        pos += 4;
        return true;
    };
    if (d.size() < 8 || std::memcmp(d.data(), kExpMagic, 4) != 0) return "not a sleepnet network file";
    pos = 4;
    uint64_t version = 0, qn = 0, n = 0;
    get32(&version);
    if (version != 1) return "unsupported sleepnet network file version " + std::to_string(version);
    if (!get32(&qn) || d.size() - pos < qn) return "network file is truncated";
    std::string q(d.begin() + pos, d.begin() + pos + qn);
    pos += qn;
    if (q != experiment_query(s_))
        return "this file holds networks for other settings (" + (q.empty() ? std::string("the default settings") : q) +
               "); start with those settings (as link keys or the desktop's key=value arguments), then open it";
    if (!get32(&n)) return "network file is truncated";
    if (n != runs_.size()) return "network file holds " + std::to_string(n) + " networks, this experiment has " + std::to_string(runs_.size());
    std::vector<std::vector<uint8_t>> blobs;
    for (uint64_t i = 0; i < n; ++i) {
        uint64_t len = 0;
        if (!get32(&len) || d.size() - pos < len) return "network file is truncated";
        blobs.emplace_back(d.begin() + pos, d.begin() + pos + len);
        pos += len;
    }
    if (pos != d.size()) return "network file has trailing bytes";
    // Load into every run, or into none: the parts are loaded into a new experiment with these settings, which
    // takes this one's place only if every part fits. (Rolling back from copies of the runs could itself fail,
    // e.g. for networks that diverged, which are not accepted as a file.) The app re-attaches its views.
    Experiment loaded;
    if (std::string e = loaded.start(s_, data_); !e.empty()) return e;
    for (size_t i = 0; i < runs_.size(); ++i)
        if (std::string e = loaded.runs_[i]->load(blobs[i]); !e.empty()) return "network " + std::to_string(i + 1) + ": " + e;
    runs_.swap(loaded.runs_);   // the old runs leave with `loaded`
    for (auto& r : runs_) r->restart_lockstep();
    link_twins();
    return "";
}

}  // namespace sleepnet
