// sleepnet app: what the curves show, recorded as the runs advance.
//
// x is the experiment's clock: the work done by the run that is furthest along (sleep included), so the
// twins share one time axis and the waking twin's curve stays flat while its sibling sleeps. y values come
// from the engine's own timelines (deterministic); only where a point lands on x depends on the frame it
// was observed in. Memory stays flat: past kMaxPoints, every other point is dropped.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "experiment.h"

namespace sleepnet::app {

struct Curve { std::vector<float> x, y; };

struct RunRecord {
    std::vector<Curve> per_task;             // digits: accuracy per task; forage: Task 1, Task 2 running performance
    std::vector<Curve> tests;                // forage: test results per task (dots)
    std::vector<std::pair<float, float>> sleep;   // sleep spans on the clock
    size_t seen_timeline = 0, seen_results = 0;
    bool was_sleeping = false;
};

// The last kSteps sleep steps' spikes (digits), for the raster. Fed by DigitsRun's sleep listener; bounded.
struct SpikeRing {
    static constexpr int kSteps = 400;
    struct Spike { int step; uint8_t layer; uint16_t neuron; };
    std::vector<Spike> spikes;     // oldest first
    int step = 0;                  // steps seen so far
    void add(int layer, const std::vector<int>& neurons);
    void clear() { spikes.clear(); step = 0; }
};

class Recorder {
public:
    static constexpr size_t kMaxPoints = 3000;
    void reset(const Experiment& e);
    void observe(Experiment& e);             // call after each advance
    void restore(Experiment& e);             // after a load: the runs' stored history, where it was measured
    float clock() const { return clock_; }
    const std::vector<RunRecord>& runs() const { return runs_; }
    const std::vector<std::pair<float, std::string>>& task_marks() const { return marks_; }
private:
    std::vector<RunRecord> runs_;
    std::vector<std::pair<float, std::string>> marks_;
    float clock_ = 0;
    int last_task_ = -1;
    std::string last_stage_;
    bool restoring_ = false;
};

}  // namespace sleepnet::app
