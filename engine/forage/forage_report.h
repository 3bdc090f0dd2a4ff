// Foraging model: the results of a run in one schema, shared by the CLI (`sleepnet forage --json/--csv`)
// and the app's exports, so a file from either reads the same way.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/json.h"
#include "forage/forage_run.h"

namespace sleepnet {

struct ForageOutcome {
    std::string protocol;
    uint64_t seed = 0;
    std::vector<ForageResult> results;       // test scores at the stage ends
    std::vector<ForageAeon> timeline;        // one row per aeon
    std::vector<std::string> stage_names;
    double seconds = 0;                      // wall time (CLI only; NaN when not measured)
    std::string error;                       // why the run stopped early ("" if it finished)
};

ForageOutcome forage_outcome(const ForageRun& run, const std::string& protocol, uint64_t seed);

// Fields (protocol, seed, results, performance_per_aeon, seconds, and error if any) into an open JSON object.
void forage_outcome_fields(JsonWriter& j, const ForageOutcome& o);

// CSV: one row per aeon.
const char* forage_csv_header();
std::string forage_csv_rows(const ForageOutcome& o);

}  // namespace sleepnet
