// Foraging model: one run (one seed, one protocol) that the app and the CLI drive one bounded slice at a
// time. This is the public interface of engine/forage/; everything else there is the model behind it.
//
//   ForageParams p;  forage_params_from_query("scale=demo&values=code", &p);
//   ForageRun run(p, "sleep_t2", /*seed*/ 1);          // check run.error()
//   while (!run.done()) run.advance(60000);             // budget in simulated steps (one aeon = 60000)
//   for (auto& r : run.results()) ...                   // Task-1/Task-2 test results at stage ends
//
// Results are bit-identical however the run is sliced, in skip or full stepping, natively and in wasm.
// Views (weights, PCA, spikes, world) are read-only copies; call them at most once per frame.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "forage/forage_params.h"

namespace sleepnet {

// One aeon (100 movement cycles) of the timeline.
struct ForageAeon {
    int aeon = 0;            // index since the start of the run
    int stage = 0;           // index into stage_names()
    bool sleep = false;      // this aeon was a sleep aeon
    double performance = 0;  // running rewarded share of the last 100 task particles (0.5 = chance)
    int rewarded = 0, punished = 0, hidden_spikes = 0, output_spikes = 0;
};

// A test result, recorded at the end of each test stage.
struct ForageResult {
    std::string checkpoint;  // "after T1", "after Interleaved(sleep,T2)", ...
    int task = 0;            // 0 = Task 1, 1 = Task 2
    double score = 0.5;      // rewarded / (rewarded + punished) over the test stage; 0.5 if not scored()
    int rewarded = 0, punished = 0, aeon = 0;
    // False when no task particle was eaten: the score is then a placeholder for chance, not a measurement.
    bool scored() const { return rewarded + punished > 0; }
};

// What the app draws. Everything is a copy.
struct ForageWorldView {
    int size = 50;
    std::vector<int8_t> cells;      // size*size, row-major by x: -1 empty, else particle type 0..3
    int agent_x = 0, agent_y = 0;
    std::vector<int> trail_x, trail_y;   // oldest first
    int rewarded_type = -1, punished_type = -1;   // of the current task (-1 if none)
};
struct ForageSpike { int64_t step; int8_t layer; int16_t neuron; };   // layer 0 = I, 1 = H, 2 = O

class ForageRun {
public:
    ForageRun(const ForageParams& params, const std::string& protocol, uint64_t seed);
    ~ForageRun();
    ForageRun(const ForageRun&) = delete;
    ForageRun& operator=(const ForageRun&) = delete;

    const std::string& error() const;        // "" if the run is valid
    // Simulates up to `steps` more time steps (stops at the end). Returns the number simulated.
    int64_t advance(int64_t steps);
    bool done() const;

    int64_t step() const;                    // steps simulated so far
    int64_t total_steps() const;
    int64_t aeon_steps() const;              // steps per aeon (epoch_steps * epochs_per_aeon)
    const ForageParams& params() const;
    const std::string& protocol() const;     // its name (after switch_protocol, the new one)
    uint64_t seed() const;
    int64_t live_traces() const;             // STDP traces held (I->H + H->O): memory, and the saturation guard
    int stage() const;                       // current stage index
    const std::vector<std::string>& stage_names() const;
    bool sleeping() const;

    const std::vector<ForageAeon>& timeline() const;
    const std::vector<ForageResult>& results() const;

    // ---- views ------------------------------------------------------------------------------------------
    static constexpr int kWeights = 784 * 8;                 // H->O excitatory weights, index h*8 + o
    std::vector<float> weights() const;                      // current
    // Snapshot history (one per aeon, decimated by 2 whenever it holds 256, so memory stays flat).
    int snapshot_count() const;
    std::vector<int> snapshot_aeons() const;
    std::vector<float> snapshot(int i) const;
    // 2-D PCA projection of the snapshot trajectory: x0,y0,x1,y1,... (deterministic power iteration). Keeps a
    // cache of the snapshots' dot products (see forage_views.cpp): one caller at a time.
    std::vector<float> weight_pca() const;
    std::vector<ForageSpike> recent_spikes() const;          // the last 3 epochs
    ForageWorldView world() const;

    // Continues under another protocol whose stages up to the current one are the same (a branch: e.g. run
    // the shared "unsupervised -> T1 -> tests" prefix once, save, load and switch to each continuation).
    // At a stage boundary only. Returns "" or an error (state unchanged).
    std::string switch_protocol(const std::string& protocol);

    // ---- state ------------------------------------------------------------------------------------------
    std::vector<uint8_t> save() const;                       // "SNFR" + version + everything
    // Replaces this run's state by a saved one. On bad or foreign data returns an error, state unchanged.
    std::string load(const std::vector<uint8_t>& blob);

    struct Impl;
private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace sleepnet
