// Foraging model (Golden et al. 2022): every constant of the model, in one settings struct.
//
// Defaults are the authors' code values (reference A1-A6, `values=code`). `values=paper` switches the
// places where the paper differs (K = 0.04, T_c = 40 ms = 80 steps, exploration 1% + 1% per empty move,
// action from the first half of the epoch). `scale=demo|medium|paper` sets stage lengths and, for demo and
// medium, rescales the slow learning and homeostasis rates (see apply_presets for the rule and its reasoning).
// A default-constructed struct has the demo stage lengths but not yet the demo rates: call apply_presets()
// (or forage_params_from_query) before use.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/settings.h"

namespace sleepnet {

struct ForageParams {
    // --- choices -------------------------------------------------------------------------------------
    std::string values = "code";   // code | paper
    std::string scale = "demo";    // demo | medium | paper
    std::string stepping = "skip"; // skip | full (identical results; skip only updates non-resting neurons)

    // --- neuron map (A2) -------------------------------------------------------------------------------
    double alpha = 3.65, sigma = 0.06, mu = 0.0005, beta_e = 0.133;
    double input_decay = 0.985;          // gamma per 0.5-ms step
    double release_noise = 0.12;         // synaptic release variability R
    double pulse = 0.025;                // flash and sleep-kick input
    // "At rest" (exact skipping): inputs below rest_input_eps are flushed to 0, and a neuron with no input
    // whose V, V_prev, V_prevprev, u lie within rest_state_eps of the rest point is set exactly to it.
    // Both stepping modes apply the same rule, so they stay bit-identical.
    double rest_input_eps = 1e-7, rest_state_eps = 1e-7;

    // --- time (A3) -------------------------------------------------------------------------------------
    int epoch_steps = 600, epochs_per_aeon = 100;
    int action_window = 600;             // steps of the epoch whose O spikes choose the move (paper: 300)

    // --- STDP (A5) ---------------------------------------------------------------------------------------
    double stdp_scale = 0.4;             // K (paper 0.04)
    double stdp_tau = 40;                // T_c in steps (paper 40 ms = 80 steps)
    int spike_mem = 120;                 // pairing window in steps
    int trace_mem = 3600;                // a trace lives 6 epochs
    double trace_avg_d = 0.001;          // delta of the running trace average
    double delta_clip = 0.01;            // per-trace |delta| bound
    double ih_gain = 1;                  // I->H (developmental) STDP: delta and its clip x this (demo rescaling)
    double w_ho_max = 1.0, w_ih_max = 0.012, w_min = 1e-5;

    // --- rewards -------------------------------------------------------------------------------------
    double reward = 1.0, punished = -0.001, empty = -0.0001, sleep_reward = 0.5;   // demo, medium: punished -0.5

    // --- homeostasis (A5.3) --------------------------------------------------------------------------
    double rate_target_h = 0.01, rate_target_o = 0.5;
    double rate_ema = 1e-4, target_dt = 1e-5;

    // --- agent and world (A3, A4) ----------------------------------------------------------------------
    int world_size = 50;
    double explore_per_hunger = 0.005;   // code: floor(100*0.005*hunger)/100
    bool explore_paper = false;          // paper: min(1, 0.01 + 0.01*hunger), 8 directions

    // --- network initialisation (A1) -------------------------------------------------------------------
    double w_ho_init = 0.02;             // excitatory H->O; inhibitory starts at -0.02

    // --- stage lengths in aeons: the demo scale's (other scales set theirs; each can be overridden) -----
    int unsup_aeons = 100, train_aeons = 1500, test_aeons = 25, interleave_aeons = 1500;   // demo preset v6

    void bind(SettingsTable& t);
    // Applies `values` and `scale` presets. Call after parsing `values`/`scale` and before other keys.
    void apply_presets();
    // "" if every key is within its range and every constant is finite (e.g. for parameters read from a file).
    std::string check() const;
    bool operator==(const ForageParams&) const = default;
};

// Applies key=values on top of *p: "values" and "scale" first (they apply their presets, which reset the
// other keys), then the rest, so explicit keys win. Returns the rejected pairs; those keys keep their values.
std::vector<SettingsIssue> apply_forage_params(const std::vector<KeyValue>& kvs, ForageParams* p);

// The demo preset, then apply_forage_params. Returns "" or a readable message listing rejected pairs.
std::string forage_params_from_keys(const std::vector<KeyValue>& kvs, ForageParams* p);
std::string forage_params_from_query(const std::string& query, ForageParams* p);   // the same from "a=1&b=2"

// The keys of p that differ from its own values/scale preset, as "key=value&..." ("" if none): what a run
// changed, for its report and files (the preset names are reported beside it).
std::string forage_params_changed(const ForageParams& p);

}  // namespace sleepnet
