// Foraging model: parameter presets (values=code|paper, scale=demo|medium|paper) and settings binding.
//
// Demo and medium scales compress time (the published runs take 100,000 + 50,000 + ... aeons). The rule:
//  * homeostasis sets run-level timescales (rate EMA 1e-4 per epoch = 100 aeons; gain/target step 1e-5 per
//    epoch), so both are multiplied by a factor c tied to the stage compression: at the medium scale c is the
//    compression (50,000 -> 5,000 aeons, c 10), so each covers the same share of its stage; the demo presets
//    take half of it (v3: 500-aeon stages, 100x, c 50; v4/v5: 1000-aeon stages, 50x, c 25), set with g below,
//    and v6 keeps v5's rates over 1500-aeon stages (33x, c 25: three quarters), see "v6" below;
//  * the trace average (delta 1e-3 per epoch = 10 aeons) is already short against any stage: unchanged
//    (measured: a faster average, 0.05 or 0.2, makes Task 1 worse, 0.52-0.57 against 0.64);
//  * reward learning (H->O) must reach its plateau within the shorter stage: the STDP scale K is multiplied
//    by g, and the per-trace clip (+-0.01) by the same g. At reward events Sum/Avg is ~1/delta = 1000 for a
//    synapse with sparse traces, so nearly every delta sits at the clip and the clip is the effective rate;
//    scaling K alone does nothing, scaling the clip with K keeps the rule's age weighting where it is not
//    saturated. With 300-aeon stages g = 10 measured best (Task 1 after 300 aeons, ih_gain 100: g = 3 -> 0.61
//    (2 seeds), 6 -> 0.61, 10 -> 0.64, 30 -> 0.60 (3 seeds)); demo v4 takes g = 5 with 1000-aeon stages, since
//    the coarse steps of g = 10 leave too little Task 2 learnt beside protected Task-1 weights (below);
//  * developmental learning (I->H, unsupervised stage only) is multiplied by the compression of that stage,
//    100,000 paper aeons -> unsup_aeons: ih_gain x g = 1000 (demo v3: 100 x 10; v5: 200 x 5; v4 had kept
//    ih_gain 100, so 500, and its Task 1 after training fell short: 0.651). Without it the short
//    stage leaves the hidden layer with random features and Task 1 plateaus at ~0.57 for any g, as the authors' code
//    does in its first thousands of aeons (reference A11); with it the hidden neurons become particle
//    detectors and the agent eats ~2x more particles.
//  * punishment: demo and medium use the authors' code option applyPunishment=1 (punished particle -0.5, not
//    -0.001; paper scale keeps -0.001).
//    At -0.001 a punished event depresses a trace ~15x less than a reward potentiates it (the reward sits at
//    the clip, the punishment does not), so the agent learns to approach particles but only slowly, through
//    normalisation over the paper's 50,000 aeons, to avoid the punished type; in a short stage it approaches
//    both (bench/forage_diag.cpp). With -0.5 both events act at the clip. Chosen on seeds 11-20, validated on
//    1-10 (bench/forage_results.md, "Demo preset v3").
//  * step size (v4): at the medium scale (c 10, g 2) the controls that miss at demo v3 (c 50, g 10) match the
//    paper. Doubling v3's stages at its step size met fewer targets (7 of 15 on seeds 11-20 against 10);
//    v3's learning amounts (c x stage, g x stage) in half-size steps, c 25, g 5, 1000-aeon stages, met 12 of
//    15, and was then run once on seeds 1-10 (bench/forage_results.md, "Demo preset v4");
//  * v5 = v4 with ih_gain 200, the developmental rule above (13 of 15 on seeds 11-20; "Demo preset v5");
//  * v6 = v5's rates over 1500-aeon training and interleave stages: more learning at v5's step size, towards the
//    medium scale's amounts (which meet all ten controls), as far as the issue's 5,000-aeon cap allows. Smaller
//    steps for the same amount (candidate G) and the medium amounts at v3's coarser steps (C) had both lost; v6
//    met 14 of 15 on seeds 11-20 (v5 13; rule in bench/forage_demo_v8/PLAN.md, "Demo preset v6").
// demo (v6): c = 25, g = 5, ih_gain 200, punished -0.5, stages 100/1500/25/1500 aeons (sleep_t2 = 3200 aeons,
// the longest protocol 4750);
// medium: c = 10, g = 2, ih_gain 25 (x50 = 100,000/2000), punished -0.5, stages 2000/5000/500/5000 (5 seeds,
// one setting tried: Task 1 after T1 0.694 with -0.5 against 0.675 with -0.001; bench/forage_results.md).
// The network, its wiring, the rules and their order are unchanged; paper scale uses the code's values.
#include "forage/forage_params.h"

#include <cmath>

#include "core/settings.h"

namespace sleepnet {

void ForageParams::bind(SettingsTable& t) {
    t.add_choice("values", &values, {"code", "paper"}, "constants: the authors' code or the paper (reference A10)");
    t.add_choice("scale", &scale, {"demo", "medium", "paper"}, "stage lengths and rate rescaling");
    t.add_choice("stepping", &stepping, {"skip", "full"}, "skip resting neurons and quiet steps (same results) or update all");
    t.add_int("unsup_aeons", &unsup_aeons, 0, 10000000, "developmental (unsupervised) stage length");
    t.add_int("train_aeons", &train_aeons, 1, 10000000, "each task-training stage length");
    t.add_int("test_aeons", &test_aeons, 1, 10000000, "each test stage length");
    t.add_int("interleave_aeons", &interleave_aeons, 2, 10000000, "interleaved (training/sleep) stage length");
    t.add_int("epochs_per_aeon", &epochs_per_aeon, 1, 100000, "movement cycles (600 steps) per aeon, the unit of stage lengths");
    t.add_double("stdp_scale", &stdp_scale, 0, 100, "STDP trace scale K");
    t.add_double("stdp_tau", &stdp_tau, 1, 10000, "STDP time constant in steps");
    t.add_double("trace_avg_d", &trace_avg_d, 0, 1, "running trace average rate");
    t.add_double("delta_clip", &delta_clip, 0, 1, "per-trace weight change bound");
    t.add_double("ih_gain", &ih_gain, 0, 10000, "I->H developmental STDP: per-trace delta and clip multiplied by this");
    t.add_double("rate_ema", &rate_ema, 0, 1, "homeostasis: firing-rate average rate per epoch");
    t.add_double("target_dt", &target_dt, 0, 0.5, "homeostasis: gain/target step per epoch");
    t.add_double("rate_target_h", &rate_target_h, 0, 100, "hidden target spikes per epoch");
    t.add_double("rate_target_o", &rate_target_o, 0, 100, "output target spikes per epoch");
    t.add_double("sleep_reward", &sleep_reward, -10, 10, "constant reward per sleep movement cycle");
    t.add_double("punished", &punished, -10, 10, "reward for a punished particle");
    t.add_double("empty", &empty, -10, 10, "reward for an empty move");
    t.add_double("release_noise", &release_noise, 0, 1, "synaptic release variability R");
    t.add_int("action_window", &action_window, 1, 100000, "steps after the flash whose O spikes choose the move");
    t.add_double("explore_per_hunger", &explore_per_hunger, 0, 1, "code exploration: probability per hungry move");
    t.add_bool("explore_paper", &explore_paper, "exploration as the paper: 1% + 1% per empty move");
    t.add_double("rest_input_eps", &rest_input_eps, 0, 1e-3, "inputs below this are flushed to zero (exact skipping)");
    t.add_double("rest_state_eps", &rest_state_eps, 0, 1e-3, "a neuron this close to rest with no input is at rest");
}

std::string ForageParams::check() const {
    ForageParams copy = *this;
    SettingsTable t;
    copy.bind(t);
    if (std::string e = t.reread(); !e.empty()) return e;   // each key's range; NaN or inf refused
    for (double x : {alpha, sigma, mu, beta_e, pulse, w_ho_max, w_ih_max, w_min, reward, w_ho_init})
        if (!std::isfinite(x)) return "a model constant is not finite";
    if (!(input_decay >= 0 && input_decay <= 1)) return "input_decay is outside [0, 1]";
    if (spike_mem < 1 || spike_mem > 100000 || trace_mem < 1 || trace_mem > 10000000 || world_size < 8 || world_size > 1000)
        return "a window or world size is outside its range";
    return "";
}

void ForageParams::apply_presets() {
    const std::string v = values, s = scale, st = stepping;
    *this = ForageParams();
    values = v; scale = s; stepping = st;
    if (values == "paper") {
        stdp_scale = 0.04; stdp_tau = 80; explore_paper = true; action_window = 300;
    }
    double c = 1, gain = 1;
    if (scale == "paper") { unsup_aeons = 100000; train_aeons = 50000; test_aeons = 10000; interleave_aeons = 50000; }
    else if (scale == "medium") {
        unsup_aeons = 2000; train_aeons = 5000; test_aeons = 500; interleave_aeons = 5000; c = 10; gain = 2; ih_gain = 25;
    } else { c = 25; gain = 5; ih_gain = 200; }    // demo: the stage lengths are the field defaults
    if (scale != "paper") punished = -0.5;          // the compressed scales: the code's applyPunishment=1
    rate_ema *= c;
    target_dt *= c;
    stdp_scale *= gain;
    delta_clip *= gain;
}

std::vector<SettingsIssue> apply_forage_params(const std::vector<KeyValue>& kvs, ForageParams* p) {
    std::vector<SettingsIssue> issues;
    SettingsTable t;
    p->bind(t);
    bool preset = false;
    for (const auto& kv : kvs) {
        if (kv.key != "values" && kv.key != "scale") continue;
        std::string err;
        if (t.set(kv, &err)) preset = true;
        else issues.push_back({kv.key, kv.value, err});
    }
    if (preset) p->apply_presets();
    for (const auto& kv : kvs) {
        if (kv.key == "values" || kv.key == "scale") continue;
        std::string err;
        if (!t.set(kv, &err)) issues.push_back({kv.key, kv.value, err});
    }
    return issues;
}

std::string forage_params_from_keys(const std::vector<KeyValue>& kvs, ForageParams* p) {
    ForageParams fresh;
    fresh.apply_presets();
    const auto issues = apply_forage_params(kvs, &fresh);
    *p = fresh;
    return format_issues(issues);
}

std::string forage_params_from_query(const std::string& query, ForageParams* p) {
    return forage_params_from_keys(parse_query(query), p);
}

std::string forage_params_changed(const ForageParams& p) {
    ForageParams preset;
    preset.values = p.values;
    preset.scale = p.scale;
    preset.apply_presets();
    ForageParams mine = p;
    SettingsTable a, b;
    mine.bind(a);
    preset.bind(b);
    return diff_query(a, b);
}

}  // namespace sleepnet
