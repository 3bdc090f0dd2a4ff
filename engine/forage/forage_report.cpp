#include "forage/forage_report.h"

#include <cmath>

namespace sleepnet {

ForageOutcome forage_outcome(const ForageRun& run, const std::string& protocol, uint64_t seed) {
    ForageOutcome o;
    o.protocol = protocol;
    o.seed = seed;
    o.results = run.results();
    o.timeline = run.timeline();
    o.stage_names = run.stage_names();
    o.seconds = std::nan("");
    o.error = run.error();
    return o;
}

void forage_outcome_fields(JsonWriter& j, const ForageOutcome& o) {
    j.kv("protocol", o.protocol).kv("seed", static_cast<long long>(o.seed));
    j.key("results").begin_array();
    for (const auto& r : o.results)
        j.begin_object().kv("checkpoint", r.checkpoint).kv("task", r.task + 1).kv("score", r.score)
            .kv("rewarded", r.rewarded).kv("punished", r.punished).kv("aeon", r.aeon).end_object();
    j.end_array();
    std::vector<double> perf;
    for (const auto& a : o.timeline) perf.push_back(a.performance);
    j.key("performance_per_aeon").numbers(perf);
    j.kv("seconds", o.seconds);
    if (!o.error.empty()) j.kv("error", o.error);
}

// error: why the run stopped (empty for a run that did not), so a stopped run's last row does not read as unfinished.
const char* forage_csv_header() { return "seed,aeon,stage,sleep,performance,rewarded,punished,hidden_spikes,output_spikes,error\n"; }

std::string forage_csv_rows(const ForageOutcome& o) {
    std::string csv;
    const std::string error = csv_escape(o.error);
    for (const auto& a : o.timeline) {
        const std::string stage = a.stage >= 0 && a.stage < static_cast<int>(o.stage_names.size()) ? o.stage_names[static_cast<size_t>(a.stage)] : "?";
        csv += std::to_string(o.seed) + "," + std::to_string(a.aeon) + "," + csv_escape(stage) + "," + (a.sleep ? "1" : "0") + "," +
               fmt_num(a.performance) + "," + std::to_string(a.rewarded) + "," + std::to_string(a.punished) + "," +
               std::to_string(a.hidden_spikes) + "," + std::to_string(a.output_spikes) + "," + error + "\n";
    }
    return csv;
}

}  // namespace sleepnet
