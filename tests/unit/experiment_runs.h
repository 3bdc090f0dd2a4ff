// sleepnet tests: small experiments shared by the experiment and headline tests.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <doctest.h>

#include "core/settings.h"
#include "experiment.h"

namespace sleepnet::test {

// A digits experiment of three tasks on tiny networks, with a timeline (curves and headline figures).
inline std::vector<KeyValue> small_digits() {
    return parse_query("hidden=24,24&per_task=80&src_base_steps=300&src_steps_per_task=100&timeline_every=1&timeline_test=200&order=01,23,45");
}

// Starts `e` with the settings of a URL query (and digits data, for digits); the test stops if either is refused.
inline void start(Experiment& e, const std::vector<KeyValue>& kvs, std::shared_ptr<const digits::DigitsData> data = nullptr) {
    ExperimentSettings s;
    REQUIRE(parse_experiment(kvs, &s).empty());
    REQUIRE(e.start(s, std::move(data)) == "");
}
inline void start(Experiment& e, const std::string& query, std::shared_ptr<const digits::DigitsData> data = nullptr) {
    start(e, parse_query(query), std::move(data));
}

// Runs an experiment to the end in slices of `slice` units; returns the units used.
inline int64_t run_to_end(Experiment& e, int64_t slice) {
    int64_t used = 0;
    for (int guard = 0; !e.done() && guard < 1000000; ++guard) used += e.advance(slice);
    return used;
}

}  // namespace sleepnet::test
