// sleepnet digits: the results of a run in one schema, shared by the CLI (`sleepnet digits --json/--csv`,
// `reproduce tadros2022`) and the app's exports, so a file from either reads the same way.
#pragma once
#include <string>
#include <vector>

#include "core/json.h"
#include "digits/digits_run.h"

namespace sleepnet::digits {

// The results of one run (finished or not).
struct DigitsOutcome {
    DigitsSettings settings;
    std::string error;
    AccuracyMatrix accuracy, awake;          // after each task (after its sleep), and before sleep
    double final_accuracy = 0;
    ConfusionMatrix confusion;
    std::vector<double> epoch_accuracy;      // joint baseline: after each epoch
    std::vector<TimelinePoint> timeline;
    double seconds = 0;                      // wall time (CLI only; NaN when not measured)
};

DigitsOutcome digits_outcome(const DigitsRun& run);
const char* digits_condition(const DigitsSettings& s);   // "src" | "sequential" | "joint"

// The outcome's fields (seed, condition, matrices, metrics, confusion, timeline, seconds) into an open
// JSON object; digits_outcome_json writes them as a whole object.
void digits_outcome_fields(JsonWriter& w, const DigitsOutcome& o);
void digits_outcome_json(JsonWriter& w, const DigitsOutcome& o);

// CSV: one row per (after task, on task) with the accuracy after and before sleep.
const char* digits_csv_header();
std::string digits_csv_rows(const DigitsOutcome& o);

}  // namespace sleepnet::digits
