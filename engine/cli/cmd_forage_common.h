// sleepnet CLI: shared helpers of the foraging commands (forage, bench forage, reproduce golden2022).
#pragma once
#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "core/parallel.h"
#include "core/settings.h"
#include "core/stats.h"
#include "forage/forage_report.h"
#include "forage/forage_run.h"

namespace sleepnet::cli {

// Options every foraging command accepts besides the model's own keys.
struct ForageCliOptions {
    std::string protocol = "sleep_t2", json, csv;
    std::string protocols;   // reproduce golden2022: a comma-separated subset ("" = all)
    int seeds = 3, threads = 0, first_seed = 1;
};

// The ForageParams keys among kvs onto the demo preset (values/scale presets first, explicit keys on top),
// into *p. Other keys are skipped (the caller's own table has taken them). Prints the issues; false on any.
inline bool apply_forage_keys(const char* cmd, const std::vector<KeyValue>& kvs, ForageParams* p) {
    SettingsTable only;
    ForageParams probe;
    probe.bind(only);
    std::vector<KeyValue> mine;
    for (const auto& kv : kvs) if (only.has(kv.key)) mine.push_back(kv);
    ForageParams fresh;
    const std::string err = forage_params_from_keys(mine, &fresh);
    if (!err.empty()) { std::fprintf(stderr, "sleepnet %s: %s", cmd, err.c_str()); return false; }
    *p = fresh;
    return true;
}

// Parses args: command options plus every ForageParams key (values/scale presets first, explicit keys on
// top). Returns false after printing a message (or after --help, with *help set).
inline bool parse_forage_args(const char* cmd, const Args& args, const char* usage, ForageCliOptions* o,
                              ForageParams* p, bool* help, bool with_protocol = true) {
    SettingsTable t;
    if (with_protocol) t.add_string("protocol", &o->protocol, "protocol name (the Protocols listed above)");
    else t.add_string("protocols", &o->protocols, "run only these protocols, comma-separated (default: all)");
    t.add_int("seeds", &o->seeds, 1, 1000, "number of seeds (runs)");
    t.add_int("first_seed", &o->first_seed, 0, 1000000000, "seed of the first run (the lab's seeds go as high)");
    t.add_int("threads", &o->threads, 0, 256, "threads for seeds (0 = all cores)");
    t.add_string("json", &o->json, "write results as JSON to this file");
    if (with_protocol) t.add_string("csv", &o->csv, "write the per-aeon timeline as CSV to this file");   // one protocol only
    ForageParams scratch;     // the help lists the demo preset's values (other scales set their own)
    scratch.apply_presets();
    scratch.bind(t);
    std::vector<KeyValue> kvs;
    if (!parse_settings(cmd, args, t, usage, help, nullptr, &kvs)) return false;
    if (*help) return false;
    return apply_forage_keys(cmd, kvs, p);
}

// A test in which no task particle was eaten has no score: 0.5 (chance) stands in. Says so on stderr.
inline void warn_unscored_tests(const char* cmd, int n) {
    if (n > 0)
        std::fprintf(stderr, "sleepnet %s: warning: in %d test(s) no task particle was eaten, so their score is a "
                     "placeholder 0.5 (chance); lengthen test_aeons or epochs_per_aeon\n", cmd, n);
}

// One seed's results: the engine's ForageOutcome (forage/forage_report.h), shared with the app's exports.
using SeedRun = ForageOutcome;

// Runs one protocol for seeds first..first+n-1 on threads; progress on stderr.
std::vector<SeedRun> run_forage_seeds(const ForageParams& p, const std::string& protocol, int first_seed, int n,
                                      int threads, const std::string& label);

// Checkpoints in order of first appearance, with per-seed Task-1/Task-2 scores.
struct Checkpoint { std::string name; std::vector<double> task[2]; };
std::vector<Checkpoint> collect_checkpoints(const std::vector<SeedRun>& runs);

}  // namespace sleepnet::cli
