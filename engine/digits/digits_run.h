// sleepnet digits: one class-incremental run (or the joint baseline), advanced in bounded slices.
//
// Schedule per task: train -> evaluate -> [sleep statistics -> SRC sleep -> evaluate]. With
// sleep_schedule = "interleaved" the sleeps come every sleep_every batches instead. The joint baseline
// trains on every task's data at once and evaluates after each epoch.
//
// advance(budget) does work until `budget` units are used: one unit is one training sample, one
// evaluated (or sleep-statistics) image, or one sleep step. Batches and 250-image evaluation chunks are
// atomic, so a call may overshoot by less than one of them. However the run is sliced, the results are
// identical (each random stream has one purpose; see core/rng.h).
#pragma once
#include <cstdint>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "core/rng.h"
#include "digits/digits_settings.h"
#include "digits/idx.h"
#include "digits/metrics.h"
#include "digits/mlp.h"
#include "digits/src_sleep.h"
#include "digits/tasks.h"

namespace sleepnet::digits {

enum class DigitsStage { Train, Evaluate, Statistics, Sleep, Done };
const char* stage_name(DigitsStage s);

// One point of the timeline: accuracy per task (and over all test classes) on a fixed test subset (the first
// timeline_test test images), or, for a point of stage Evaluate, on every evaluated test image (exact).
struct TimelinePoint {
    int64_t work = 0;             // units done when measured
    DigitsStage stage = DigitsStage::Train;
    int task = 0;
    std::vector<double> task_accuracy;   // per task of the sequence
    double accuracy = 0;                 // over the whole subset
};

class DigitsRun {
public:
    // Checks the settings against the data; "" or an error (the run is then unusable).
    // `data` is shared (twins and seeds use the same images) and must not change.
    std::string start(DigitsSettings s, std::shared_ptr<const DigitsData> data);

    bool advance(int64_t budget);                   // true when the run is done
    bool done() const { return phases_over() && tl_.pos < 0; }
    const std::string& error() const { return error_; }   // set if the run stopped early (then done())

    // Where it is.
    DigitsStage stage() const;
    int task() const;                               // current task (0-based); for joint: the epoch
    double stage_progress() const;                  // 0..1 within the current stage
    double progress() const;                        // 0..1 of the whole run (by work units)
    int64_t work_done() const { return work_done_; }
    int64_t work_total() const { return work_total_; }   // without timeline measurements
    int64_t timeline_work() const { return timeline_work_; }

    // Results so far.
    const TaskSequence& tasks() const { return seq_; }
    const AccuracyMatrix& accuracy() const { return acc_; }          // after each task (after its sleep)
    const AccuracyMatrix& accuracy_awake() const { return acc_awake_; }  // before sleep
    double final_accuracy() const { return final_accuracy_; }        // last evaluation, all test classes
    const ConfusionMatrix& confusion() const { return confusion_; }  // of the last evaluation
    const std::vector<double>& epoch_accuracy() const { return epoch_acc_; }  // joint: after each epoch
    const std::vector<TimelinePoint>& timeline() const { return timeline_; }

    // Views for the app.
    int current_image() const { return cur_image_; }    // training index of the last batch's first image
    int current_label() const { return cur_label_; }
    int current_guess() const { return cur_guess_; }    // the net's output for it (during training)
    const MlpWeights& weights() const { return net_.weights(); }     // W[0]: first-layer weights
    const SrcSleep* sleep() const { return sleep_.get(); }           // the current or last sleep (rasters)
    // Called after every sleep step with each layer's spikes (views only: it cannot change the run).
    void set_sleep_listener(SrcSpikeListener f) { listener_ = std::move(f); if (sleep_) sleep_->set_spike_listener(listener_); }
    const SrcInputs& sleep_inputs() const { return sleep_inputs_; }  // its mean image and max activations
    int classify(const float* image);                                // a user-drawn digit, pixels in [0,1]
    const DigitsSettings& settings() const { return s_; }
    const DigitsData& data() const { return *data_; }

    // The whole run as bytes (digits_run_io.cpp): its progress, results, the sleep under way and the network
    // (digits_state.h). load() continues it exactly where save() was called, given the same settings and data
    // as start(); on an error the run is unchanged.
    std::vector<uint8_t> save() const;
    size_t save_size() const;                // save().size(), without copying the network
    std::string load(const std::vector<uint8_t>& bytes);
    int training_images(int task) const { return static_cast<int>(pool_for(task).size()); }   // after start()
    // "" while the weights are finite numbers; once training has diverged, why (the task, and what to change).
    std::string divergence() const {
        if (net_.finite()) return "";
        return error_.empty() ? divergence_message(task()) : error_;   // a stopped run's error names its task
    }
    Mlp& net() { return net_; }

private:
    std::string divergence_message(int task) const;
    struct Phase { DigitsStage stage; int task; bool after_sleep; };
    DigitsSettings s_;
    std::shared_ptr<const DigitsData> data_;
    TaskSequence seq_;
    Mlp net_;
    Rng dropout_rng_;
    std::vector<Phase> phases_;
    int phase_ = 0;
    bool phase_begun_ = false;
    int64_t work_done_ = 0, work_total_ = 0;   // total: the run's own work, known at start (no timeline)
    int64_t timeline_work_ = 0;                 // of work_done_, spent measuring timeline points

    // Training state (kept across an interleaved sleep).
    struct Training { int task = -1; std::vector<int> pool, order; int epoch = 0, batch = 0, batches = 0, epochs = 0,
                      since_sleep = 0; Rng rng; } train_;
    std::vector<float> xbuf_, outbuf_;
    std::vector<uint8_t> ybuf_;
    // Evaluation / statistics state.
    int chunk_pos_ = 0;
    ConfusionMatrix eval_conf_;
    std::vector<int> stats_pool_;
    std::vector<double> stats_sum_;
    std::vector<float> stats_max_;
    std::unique_ptr<SrcSleep> sleep_;
    SrcSpikeListener listener_;
    SrcInputs sleep_inputs_;
    int sleeps_ = 0;

    AccuracyMatrix acc_, acc_awake_;
    double final_accuracy_ = std::nan("");   // not measured yet (a run stopped before its first evaluation)
    ConfusionMatrix confusion_;
    std::vector<double> epoch_acc_;
    std::vector<TimelinePoint> timeline_;
    int cur_image_ = -1, cur_label_ = -1, cur_guess_ = -1;
    int timeline_next_sleep_ = 0;
    // A due timeline point is measured in pieces (bounded work per frame, like evaluation); nothing else
    // runs until it is complete, so the point sees the network as it was when it fell due.
    struct PendingPoint { int pos = -1; TimelinePoint point; ConfusionMatrix conf; } tl_;
    std::string error_;

    int64_t step(int64_t budget);        // one atomic piece of the current phase; returns units used
    void begin_phase();
    void end_phase();
    int64_t train_batch();
    void classify_test(int first, int n, ConfusionMatrix* conf);
    int64_t eval_chunk();
    int64_t stats_chunk();
    int64_t sleep_slice(int64_t budget);
    void request_timeline(int64_t stamp);
    int64_t timeline_chunk();
    bool phases_over() const { return phase_ >= static_cast<int>(phases_.size()); }
    int eval_count() const;
    int train_batches(int pool) const;
    std::vector<int> pool_for(int task) const;
    template <class A> void io_progress(A& a);   // every field but the network and the sleep (digits_run_io.cpp)
    std::string check_progress(const std::vector<Phase>& schedule, const SrcSleepState* sleep) const;   // "" if it fits
};

}  // namespace sleepnet::digits
