// sleepnet: an experiment is one or two runs of a scenario that the app (or a test) drives together.
//
//   settings (key=value) --parse--> ExperimentSettings --start--> Experiment
//   Experiment::advance(budget)  each frame; twins run in lockstep: while one sleeps, the other waits
//     (foraging: during the stages both protocols begin with, only the first run advances; the baseline reads as it)
//   runs' snapshots --> views;  results_json()/results_csv() --> exports (the CLI's schema)
//
// Twins: two networks with the same seed, the same initial weights and the same data order. Digits: one
// sleeps (SRC) and one does not. Foraging: one runs the chosen protocol (e.g. Interleaved(sleep,T2)), the
// other the sequential baseline; the stages their protocols share are simulated once, and the baseline
// branches off the first run there (experiment.cpp, section 2). Each run is deterministic however it is
// sliced, so neither the frame rate nor the lockstep scheduling changes any number.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/settings.h"
#include "digits/digits_settings.h"
#include "forage/forage_params.h"

namespace sleepnet {
namespace digits { class DigitsRun; struct DigitsData; }
class ForageRun;
class ForageScenario;

// The two numbers the headline shows per run: accuracy on the old task(s) and on the new one.
struct Headline {
    double old_task = -1, new_task = -1;   // -1: not measured yet
    std::string old_label, new_label;      // "tasks 1-2", "task 3", "Task 1", "Task 2"
    std::string note;                      // why a figure is missing, e.g. a test in which nothing was eaten
    int sample = 0;                        // > 0: the figures are estimates on this many test images (digits while
                                           // training or sleeping); 0: exact (every test image, the matrix's figures)
    double all_tasks = -1;                 // digits, when done: accuracy on every test class (the paper's measure)
    std::string published;                 // the paper's figure for this run's condition at its end, e.g. "paper,
                                           // at the end: 70% / 68%" (published.h); "" where the paper has none
    std::string published_note;            // how the paper's protocol differs from this run's ("" if it does not)
};

// One network's run, as the app sees it. Scenario-specific views reach the concrete run via digits()
// or forage(); stepping, the headline and exports go through this interface only.
class ScenarioRun {
public:
    virtual ~ScenarioRun() = default;
    virtual int64_t advance(int64_t budget) = 0;      // work units used (samples/images/sleep steps, or steps)
    virtual int64_t work() const = 0;                 // work units done so far, sleep included
    virtual bool done() const = 0;                    // finished, or stopped by an error
    virtual std::string error() const { return ""; }  // why the run stopped early ("" if it did not)
    virtual bool sleeping() const = 0;
    virtual bool has_sleep() const = 0;               // sleeps at some point (the views' "sleep" legend entry)
    virtual double progress() const = 0;              // 0..1
    virtual std::string stage_label() const = 0;      // "train task 2", "sleep", ...
    virtual Headline headline() const = 0;
    virtual void write_json(JsonWriter& j) const = 0; // this run's results (CLI --json schema)
    virtual std::string csv_rows(const std::string& label) const = 0;
    virtual std::vector<uint8_t> save() const = 0;
    virtual size_t save_size() const { return save().size(); }   // overridden where save() is large
    // Why save() would make a file that cannot be used ("" if none): a run stopped by an error, or diverged weights.
    virtual std::string save_problem() const { return error(); }
    virtual std::string load(const std::vector<uint8_t>& bytes) = 0;   // state unchanged on error
    virtual digits::DigitsRun* digits() { return nullptr; }
    virtual ForageRun* forage() { return nullptr; }
    // Lockstep counts awake work: stages both twins go through side by side (digits: training; foraging:
    // every stage but sleep).
    virtual bool in_shared_stage() const = 0;
    int64_t awake_work() const { return awake_work_; }
    void restart_lockstep() { awake_work_ = 0; }      // after a load: the counters are not saved
protected:
    int64_t awake_work_ = 0;
    // Runs `step(n)` (returns units done) in pieces of at most `piece` units until `budget` is used or
    // the run is done, adding shared-stage work to awake_work_. Returns the units used.
    template <class Step> int64_t advance_in_pieces(int64_t budget, int64_t piece, Step step) {
        int64_t used = 0;
        while (used < budget && !done()) {
            bool shared = in_shared_stage();
            int64_t d = step(budget - used < piece ? budget - used : piece);
            if (d <= 0) break;
            if (shared) awake_work_ += d;
            used += d;
        }
        return used;
    }
};

struct ExperimentSettings {
    std::string scenario = "digits";     // digits | forage
    bool twins = true;                   // two runs: with and without sleep
    bool sleep = true;                   // single run (twins off): sleep on or off
    int seed = 1;
    std::string protocol = "sleep_t2";   // forage: the protocol of the (sleeping) run
    digits::DigitsSettings digits;       // preset "quick" unless the URL says otherwise
    ForageParams forage;                 // scale "demo" unless the URL says otherwise
    ExperimentSettings();
};

// Foraging: the protocols of the runs, in run order. Twins: the chosen protocol, then the sequential baseline (only
// the one run if the protocol is sequential); one network: the chosen protocol with sleep on, the sequential
// baseline with sleep off (whether or not the chosen protocol sleeps).
std::vector<std::string> forage_protocols(const ExperimentSettings& s);

// Key=value parsing: every key of the experiment, of digits and of forage. Unknown or bad keys, and keys
// given twice with different values, keep their defaults and are returned, so the app can show a notice that names them.
// A key without a value is told to take one as key=VALUE (the lab's syntax: links and the desktop's arguments).
std::vector<SettingsIssue> parse_experiment(const std::vector<KeyValue>& kvs, ExperimentSettings* s);
// The URL form: the keys that differ from the defaults (so a link stays short and reproduces the run).
std::string experiment_query(const ExperimentSettings& s);
// The command lines that reproduce the runs, one per run in run order (twins: the sleeping run, then its
// baseline), e.g. "sleepnet digits --preset quick --sleep 1 --seed 3 --order 01,23". Values a shell would
// split or expand are single-quoted.
std::vector<std::string> experiment_commands(const ExperimentSettings& s);

class Experiment {
public:
    Experiment();
    ~Experiment();
    Experiment(Experiment&&) noexcept;                 // the app starts a new one aside and swaps it in
    Experiment& operator=(Experiment&&) noexcept;
    // Builds the runs. Digits needs `data`. Returns "" or an error (then there are no runs).
    std::string start(const ExperimentSettings& s, std::shared_ptr<const digits::DigitsData> data);
    // Advances the runs in lockstep (foraging twins: the shared prefix once) by up to `budget` work units in
    // total; returns the units used.
    int64_t advance(int64_t budget);
    bool done() const;
    double progress() const;
    std::string error() const;           // the first run stopped by an error: "<label>: <why>", else ""

    const ExperimentSettings& settings() const { return s_; }
    int run_count() const { return static_cast<int>(runs_.size()); }
    ScenarioRun& run(int i) { return *runs_[i]; }
    const ScenarioRun& run(int i) const { return *runs_[i]; }
    const std::string& run_label(int i) const { return labels_[i]; }   // "with sleep", "without sleep"
    // Whether run i is idle while its twin does a stage of its own (sleeps, evaluates), and its stage as the views
    // show it: "waiting (train task 2)" then, else the run's own ("train task 2").
    bool waiting(int i) const;
    std::string stage_label(int i) const;

    std::string results_json() const;    // {"command", "settings", "seeds", "runs": [{"label", ...run...}]}
    std::string results_csv() const;
    // Networks of every run in one blob ("SNEX" + version + settings query + each run's state).
    std::vector<uint8_t> save() const;
    size_t save_size() const;            // save().size(), checked before saving (the page's heap and load limit)
    std::string save_problem() const;    // "<label>: <why>" if a run's file could not be used, else ""
    std::string load(const std::vector<uint8_t>& bytes);   // state unchanged on error

private:
    int lockstep_next() const;   // the run advance() moves next, -1 if all are done
    void link_twins();   // foraging: the baseline follows the first run while both are in their shared prefix

    ExperimentSettings s_;
    std::vector<std::unique_ptr<ScenarioRun>> runs_;
    std::vector<std::string> labels_;
    ForageScenario* twin(int i) const;     // foraging twins: runs_[0] leads, runs_[1] follows; else null
    int64_t branch_step_ = 0;              // steps the two protocols share from the start
    std::shared_ptr<const digits::DigitsData> data_;   // digits: what start() was given (a load builds new runs on it)
};

}  // namespace sleepnet
