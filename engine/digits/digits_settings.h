// sleepnet digits: every setting of a class-incremental digits run, and the presets.
//
// Zero/default-constructed = the paper protocol (Tadros et al. 2022, reference B2): tasks 01,23,45,67,89,
// the first 5000 training examples per task, 784-1200-1200-10, 2 epochs, SRC sleep after every task.
// "quick" is the browser's default: a smaller net and fewer examples, same shape of result (see
// digits_settings.cpp for how it was chosen). The same keys come from CLI flags, the URL and argv.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "core/settings.h"
#include "digits/mlp.h"
#include "digits/src_sleep.h"

namespace sleepnet::digits {

struct DigitsSettings {
    std::string preset = "paper";            // applied before any other key (see apply)
    std::string order = "01,23,45,67,89";    // task sequence (tasks.h)
    int per_task = 5000;                     // training examples per task: the first N of its classes; 0 = all
    bool sleep = true;                       // SRC sleep (off: the sequential baseline)
    bool joint = false;                      // joint baseline: every task's data at once (the upper bound)
    std::string joint_data = "all";          // "all" training images of the sequence's classes | "subsets"
    int joint_epochs = 2;
    std::string sleep_schedule = "after_task";   // "after_task" (paper) | "interleaved" (every K batches)
    int sleep_every = 10;                    // interleaved: batches between sleeps
    int interleaved_steps = 1000;            // interleaved: sleep steps each time
    int stats_limit = 0;                     // sleep statistics from the first N seen-class training images
                                             // (0 = all of them, as the authors' code; reference B5)
    int seed = 1;
    int test_limit = 0;                      // evaluate on the first N test images (0 = all)
    int timeline_every = 0;                  // timeline: every N batches (0 = off) ...
    int timeline_sleep_every = 0;            // ... and every N sleep steps (0 = off) ...
    int timeline_test = 1000;                // ... on the first N test images
    MlpSettings mlp;
    SrcParams src;

    // Binds every key (including mlp's and "src_*"). The table points into *this.
    void bind(SettingsTable& t);
    // Applies key=values: "preset" first (resetting every field to that preset), then the rest in order.
    std::vector<SettingsIssue> apply(const std::vector<KeyValue>& kvs);
    // The same reordering for callers with their own table: preset keys moved to the front.
    static std::vector<KeyValue> preset_first(const std::vector<KeyValue>& kvs);
    // The key=value pairs in which these settings differ from `base`, URL-encoded and '&'-joined (diff_query).
    std::string changed_from(const DigitsSettings& base) const;
    // The keys among `given` that these settings do not use (src_inc with sleep off, epochs in a joint run ...),
    // each once, as {key, why}: a command line can say so instead of ignoring them silently.
    std::vector<std::pair<std::string, std::string>> unused_keys(const std::vector<KeyValue>& given) const;
};

// Resets *s to a preset ("paper" or "quick"); returns "" or an error naming the known presets.
std::string apply_digits_preset(const std::string& name, DigitsSettings* s);
const std::vector<std::string>& digits_presets();

}  // namespace sleepnet::digits
