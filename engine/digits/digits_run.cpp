// sleepnet digits: the run's stage machine (see digits_run.h).
#include "digits/digits_run.h"

#include <algorithm>
#include <cstdio>


namespace sleepnet::digits {

namespace {
constexpr int kChunk = 250;          // images per evaluation / statistics piece (atomic)
constexpr int kTimelineChunk = 100;  // images per timeline piece (small: it interrupts training)
}

const char* stage_name(DigitsStage s) {
    switch (s) {
        case DigitsStage::Train: return "train";
        case DigitsStage::Evaluate: return "evaluate";
        case DigitsStage::Statistics: return "sleep statistics";
        case DigitsStage::Sleep: return "sleep";
        case DigitsStage::Done: return "done";
    }
    return "?";
}

std::vector<int> DigitsRun::pool_for(int task) const {
    const auto& train = data_->train;
    if (!s_.joint) return examples_of(train, seq_.classes[task], s_.per_task);
    if (s_.joint_data == "all") return examples_of(train, seq_.seen_classes(seq_.tasks() - 1), 0);
    std::vector<int> all;
    for (auto& c : seq_.classes) {
        auto part = examples_of(train, c, s_.per_task);
        all.insert(all.end(), part.begin(), part.end());
    }
    return all;
}

int DigitsRun::train_batches(int pool) const { return std::max(1, pool / s_.mlp.batch); }

int DigitsRun::eval_count() const {
    const int n = data_->test.size();
    return s_.test_limit > 0 ? std::min(n, s_.test_limit) : n;
}

std::string DigitsRun::start(DigitsSettings s, std::shared_ptr<const DigitsData> data) {
    if (!data || data->train.size() == 0 || data->test.size() == 0) return "no data loaded";
    TaskSequence seq;
    std::string e = parse_task_sequence(s.order, data->classes, &seq);
    if (!e.empty()) return e;
    std::vector<int> sizes;
    e = s.mlp.layer_sizes(data->train.pixel_count(), data->classes, &sizes);
    if (!e.empty()) return e;
    const bool sleeps = s.sleep && !s.joint;
    if (sleeps) {
        e = s.src.check(static_cast<int>(sizes.size()) - 1);
        if (!e.empty()) return e;
    }
    SrcSpikeListener listener = std::move(listener_);   // a view's hook survives a restart
    *this = DigitsRun{};
    listener_ = std::move(listener);
    s_ = std::move(s);
    data_ = std::move(data);
    seq_ = seq;
    for (int t = 0; t < seq_.tasks(); ++t)
        if (examples_of(data_->train, seq_.classes[t], 1).empty())
            return "task " + std::to_string(t + 1) + " has no training images in " + data_->source;
    // Every task needs test images among those evaluated, or its accuracies would be NaN.
    for (int t = 0; t < seq_.tasks(); ++t) {
        const std::vector<int> first = examples_of(data_->test, seq_.classes[t], 1);
        if (first.empty() || first[0] >= eval_count())
            return "task " + std::to_string(t + 1) + " has no test images" +
                   (s_.test_limit > 0 ? " among the first " + std::to_string(eval_count()) + " (test_limit)" : "") +
                   " in " + data_->source;
    }

    const uint64_t seed = static_cast<uint64_t>(s_.seed);
    Rng init = Rng::stream(seed, Stream::InitWeights);
    net_.init(sizes, static_cast<float>(s_.mlp.init_range), init);
    dropout_rng_ = Rng::stream(seed, Stream::Dropout);
    acc_.reset(seq_.tasks());
    acc_awake_.reset(seq_.tasks());
    confusion_.reset(data_->classes);

    const int64_t batch = s_.mlp.batch, evals = eval_count();
    if (s_.joint) {
        const int64_t pool = static_cast<int64_t>(pool_for(0).size());
        for (int ep = 0; ep < s_.joint_epochs; ++ep) {
            phases_.push_back({DigitsStage::Train, ep, false});
            phases_.push_back({DigitsStage::Evaluate, ep, false});
            work_total_ += train_batches(static_cast<int>(pool)) * std::min(batch, pool) + evals;
        }
        return "";
    }
    const bool after_task = sleeps && s_.sleep_schedule == "after_task";
    const bool interleaved = sleeps && s_.sleep_schedule == "interleaved";
    for (int t = 0; t < seq_.tasks(); ++t) {
        const int64_t pool = static_cast<int64_t>(pool_for(t).size());
        phases_.push_back({DigitsStage::Train, t, false});
        phases_.push_back({DigitsStage::Evaluate, t, false});
        const int64_t batches = s_.mlp.epochs * static_cast<int64_t>(train_batches(static_cast<int>(pool)));
        work_total_ += batches * std::min(batch, pool) + evals;
        const int64_t seen = sleeps ? static_cast<int64_t>(examples_of(data_->train, seq_.seen_classes(t), s_.stats_limit).size()) : 0;
        if (interleaved) {
            // train_batch inserts a sleep after every sleep_every-th batch but the task's last; their work is
            // counted here, so progress never goes back.
            work_total_ += (batches - 1) / s_.sleep_every * (seen + s_.interleaved_steps);
        }
        if (after_task) {
            phases_.push_back({DigitsStage::Statistics, t, false});
            phases_.push_back({DigitsStage::Sleep, t, false});
            phases_.push_back({DigitsStage::Evaluate, t, true});
            work_total_ += seen + s_.src.steps_for_task(t + 1) + evals;
        }
    }
    return "";
}

bool DigitsRun::advance(int64_t budget) {
    while (budget > 0 && !done()) {
        const int64_t used = step(budget);
        work_done_ += used;
        budget -= used;
    }
    return done();
}

int64_t DigitsRun::step(int64_t budget) {
    if (tl_.pos >= 0) {
        const int64_t n = timeline_chunk();
        timeline_work_ += n;
        return n;
    }
    if (!phase_begun_) { begin_phase(); phase_begun_ = true; }
    if (done()) return 0;
    switch (phases_[phase_].stage) {
        case DigitsStage::Train: return train_batch();
        case DigitsStage::Evaluate: return eval_chunk();
        case DigitsStage::Statistics: return stats_chunk();
        case DigitsStage::Sleep: return sleep_slice(budget);
        case DigitsStage::Done: break;
    }
    end_phase();
    return 0;
}

std::string DigitsRun::divergence_message(int task) const {
    return "training diverged in " + std::string(s_.joint ? "epoch " : "task ") + std::to_string(task + 1) +
           " (weights are no longer finite numbers): use a smaller learning rate (lr " + format_number(s_.mlp.lr) + ")";
}

void DigitsRun::begin_phase() {
    const Phase& ph = phases_[phase_];
    chunk_pos_ = 0;
    // Training (evaluation and sleep statistics follow it) can diverge at a large learning rate: say so and stop,
    // rather than report chance accuracy or save networks that cannot be opened again.
    if ((ph.stage == DigitsStage::Evaluate || ph.stage == DigitsStage::Statistics) && !net_.finite()) {
        error_ = divergence_message(ph.task);
        phase_ = static_cast<int>(phases_.size());
        return;
    }
    if (ph.stage == DigitsStage::Train) {
        const int key = s_.joint ? -1 : ph.task;
        if (train_.task == key && train_.epoch < train_.epochs) return;   // resuming after a sleep / epoch
        train_ = Training{};
        train_.task = key;
        train_.pool = pool_for(ph.task);
        train_.batches = train_batches(static_cast<int>(train_.pool.size()));
        train_.epochs = s_.joint ? s_.joint_epochs : s_.mlp.epochs;
        train_.rng = Rng::stream(static_cast<uint64_t>(s_.seed), Stream::DataOrder, s_.joint ? 1000 : ph.task);
    } else if (ph.stage == DigitsStage::Evaluate) {
        eval_conf_.reset(data_->classes);
    } else if (ph.stage == DigitsStage::Statistics) {
        stats_pool_ = examples_of(data_->train, seq_.seen_classes(ph.task), s_.stats_limit);
        stats_sum_.assign(data_->train.pixel_count(), 0.0);
        stats_max_.assign(net_.weights().layers(), 0.0f);
    }
}

void DigitsRun::end_phase() {
    ++phase_;
    phase_begun_ = false;
}

int64_t DigitsRun::train_batch() {
    Training& tr = train_;
    const int pool = static_cast<int>(tr.pool.size());
    const int B = std::min(s_.mlp.batch, pool);
    if (tr.batch == 0) {   // a new epoch: a fresh random order of the task's examples
        tr.order = tr.pool;
        tr.rng.shuffle(tr.order.data(), static_cast<uint32_t>(tr.order.size()));
    }
    const int n = data_->train.pixel_count();
    xbuf_.resize(static_cast<size_t>(B) * n);
    ybuf_.resize(B);
    for (int i = 0; i < B; ++i) {
        const int idx = tr.order[static_cast<size_t>(tr.batch) * B + i];
        bytes_to_inputs(data_->train.image(idx), n, xbuf_.data() + static_cast<size_t>(i) * n);
        ybuf_[i] = data_->train.labels[idx];
    }
    net_.train_batch(xbuf_.data(), ybuf_.data(), B, static_cast<float>(s_.mlp.lr), static_cast<float>(s_.mlp.momentum),
                     static_cast<float>(s_.mlp.dropout), &dropout_rng_);
    cur_image_ = tr.order[static_cast<size_t>(tr.batch) * B];
    cur_label_ = ybuf_[0];
    cur_guess_ = argmax(net_.last_outputs(), net_.outputs());
    ++tr.batch;
    ++tr.since_sleep;
    const bool epoch_end = tr.batch == tr.batches;
    if (epoch_end) { tr.batch = 0; ++tr.epoch; }
    const int global_batch = tr.epoch * tr.batches + tr.batch;
    if (s_.timeline_every > 0 && global_batch % s_.timeline_every == 0) {
        request_timeline(work_done_ + B);      // stamped after this batch
    }
    const bool finished = tr.epoch >= tr.epochs;
    const bool interleaved = s_.sleep && !s_.joint && s_.sleep_schedule == "interleaved";
    if (interleaved && !finished && tr.since_sleep >= s_.sleep_every) {
        tr.since_sleep = 0;
        const int t = phases_[phase_].task;
        const Phase more[3] = {{DigitsStage::Statistics, t, false}, {DigitsStage::Sleep, t, false}, {DigitsStage::Train, t, false}};
        phases_.insert(phases_.begin() + phase_ + 1, more, more + 3);   // their work is in work_total_ (start)
        end_phase();
    } else if (finished || (s_.joint && epoch_end)) {
        end_phase();
    }
    return B;
}

// Test images [first, first + n) through the network in test mode, counted into *conf.
void DigitsRun::classify_test(int first, int n, ConfusionMatrix* conf) {
    if (n <= 0) return;
    const int px = data_->test.pixel_count(), outs = net_.outputs();
    xbuf_.resize(static_cast<size_t>(n) * px);
    outbuf_.resize(static_cast<size_t>(n) * outs);
    for (int i = 0; i < n; ++i) bytes_to_inputs(data_->test.image(first + i), px, xbuf_.data() + static_cast<size_t>(i) * px);
    net_.predict(xbuf_.data(), n, static_cast<float>(s_.mlp.dropout), outbuf_.data());
    for (int i = 0; i < n; ++i) conf->add(data_->test.labels[first + i], argmax(outbuf_.data() + static_cast<size_t>(i) * outs, outs));
}

int64_t DigitsRun::eval_chunk() {
    const int total = eval_count(), n = std::min(kChunk, total - chunk_pos_);
    classify_test(chunk_pos_, n, &eval_conf_);
    chunk_pos_ += n;
    if (chunk_pos_ < total) return n;
    const Phase& ph = phases_[phase_];
    const int last = seq_.tasks() - 1;
    for (int j = 0; j < seq_.tasks(); ++j) {
        const double a = eval_conf_.accuracy_on(seq_.classes[j]);
        if (s_.joint) acc_.set(last, j, a);
        else if (ph.after_sleep) acc_.set(ph.task, j, a);
        else {
            acc_awake_.set(ph.task, j, a);
            const bool sleep_follows = s_.sleep && s_.sleep_schedule == "after_task";
            if (!sleep_follows) acc_.set(ph.task, j, a);
        }
    }
    final_accuracy_ = eval_conf_.accuracy();
    confusion_ = eval_conf_;
    // With a timeline, each evaluation ends it with an exact point (every test image, the accuracy matrix's own
    // figures, no extra work): a task's curve ends where its matrix cell is, and the headline reads it.
    if (s_.timeline_every > 0 || s_.timeline_sleep_every > 0) {
        TimelinePoint p;
        p.work = work_done_ + n;
        p.stage = DigitsStage::Evaluate;
        p.task = ph.task;
        for (auto& cls : seq_.classes) p.task_accuracy.push_back(eval_conf_.accuracy_on(cls));
        p.accuracy = final_accuracy_;
        timeline_.push_back(std::move(p));
    }
    if (s_.joint) epoch_acc_.push_back(final_accuracy_);
    end_phase();
    return n;
}

int64_t DigitsRun::stats_chunk() {
    const int total = static_cast<int>(stats_pool_.size()), n = std::min(kChunk, total - chunk_pos_);
    const int px = data_->train.pixel_count();
    if (n > 0) {
        xbuf_.resize(static_cast<size_t>(n) * px);
        outbuf_.resize(static_cast<size_t>(n) * net_.outputs());
        for (int i = 0; i < n; ++i) {
            float* x = xbuf_.data() + static_cast<size_t>(i) * px;
            bytes_to_inputs(data_->train.image(stats_pool_[chunk_pos_ + i]), px, x);
            for (int k = 0; k < px; ++k) stats_sum_[k] += x[k];
        }
        net_.predict(xbuf_.data(), n, static_cast<float>(s_.mlp.dropout), outbuf_.data(), &stats_max_);
        chunk_pos_ += n;
    }
    if (chunk_pos_ < total) return n;
    // All seen-class images done (reference B5): the sleep's input image and scale factors.
    SrcInputs in;
    in.mean_image.resize(px);
    for (int k = 0; k < px; ++k) in.mean_image[k] = static_cast<float>(stats_sum_[k] / std::max(1, total));
    in.max_activation = stats_max_;
    in.width = data_->train.cols;
    in.height = data_->train.rows;
    const int t = phases_[phase_].task;
    const bool interleaved = s_.sleep_schedule == "interleaved";
    const int steps = interleaved ? s_.interleaved_steps : s_.src.steps_for_task(t + 1);
    const uint64_t stream = interleaved ? 1000000u + static_cast<uint64_t>(sleeps_) : static_cast<uint64_t>(t);
    sleep_inputs_ = in;
    sleep_ = std::make_unique<SrcSleep>(s_.src, net_.weights(), in, steps, static_cast<uint64_t>(s_.seed), stream);
    if (!sleep_->error().empty()) {     // settings were checked in start(), so this is not expected
        error_ = sleep_->error();
        phase_ = static_cast<int>(phases_.size());
        return n;
    }
    if (listener_) sleep_->set_spike_listener(listener_);
    ++sleeps_;
    timeline_next_sleep_ = s_.timeline_sleep_every;
    end_phase();
    return n;
}

int64_t DigitsRun::sleep_slice(int64_t budget) {
    const int before = sleep_->steps_done();
    int64_t n = std::min<int64_t>(budget, sleep_->steps_total() - before);
    if (s_.timeline_sleep_every > 0) n = std::min<int64_t>(n, timeline_next_sleep_ - before);
    if (n > 0) sleep_->advance(static_cast<int>(n));
    const int after = sleep_->steps_done();
    if (s_.timeline_sleep_every > 0 && after >= timeline_next_sleep_) {
        request_timeline(work_done_ + (after - before));
        timeline_next_sleep_ += s_.timeline_sleep_every;
    }
    if (after >= sleep_->steps_total()) end_phase();
    return after - before;
}

void DigitsRun::request_timeline(int64_t stamp) {
    tl_.pos = 0;
    tl_.point = TimelinePoint{};
    tl_.point.work = stamp;
    tl_.point.stage = phases_[phase_].stage;
    tl_.point.task = phases_[phase_].task;
    tl_.conf.reset(data_->classes);
}

int64_t DigitsRun::timeline_chunk() {
    const int total = std::min(s_.timeline_test, data_->test.size());
    const int n = std::min(kTimelineChunk, total - tl_.pos);
    classify_test(tl_.pos, n, &tl_.conf);
    tl_.pos += n;
    if (tl_.pos >= total) {
        for (auto& cls : seq_.classes) tl_.point.task_accuracy.push_back(tl_.conf.accuracy_on(cls));
        tl_.point.accuracy = tl_.conf.accuracy();
        timeline_.push_back(std::move(tl_.point));
        tl_.pos = -1;
    }
    return std::max(1, n);
}

// A pending timeline point belongs to the stage it fell due in (twins' lockstep counts its work there).
DigitsStage DigitsRun::stage() const {
    if (tl_.pos >= 0) return tl_.point.stage;
    return phases_over() ? DigitsStage::Done : phases_[phase_].stage;
}

int DigitsRun::task() const {
    if (phases_.empty()) return 0;
    // A stopped run stays at the task it could not evaluate (its awake row is the first one missing).
    if (!error_.empty()) return std::min(acc_awake_.rows_done(), seq_.tasks() - 1);
    return phases_over() ? phases_.back().task : phases_[phase_].task;
}

double DigitsRun::stage_progress() const {
    if (done()) return 1.0;
    const Phase& ph = phases_[phase_];
    if (!phase_begun_) return 0.0;
    switch (ph.stage) {
        case DigitsStage::Train: {
            const double per = s_.joint ? 1.0 : train_.epochs;
            const double e = s_.joint ? 0.0 : train_.epoch;
            return (e * train_.batches + train_.batch) / (per * std::max(1, train_.batches));
        }
        case DigitsStage::Evaluate: return static_cast<double>(chunk_pos_) / std::max(1, eval_count());
        case DigitsStage::Statistics: return static_cast<double>(chunk_pos_) / std::max<size_t>(1, stats_pool_.size());
        case DigitsStage::Sleep: return sleep_ ? static_cast<double>(sleep_->steps_done()) / std::max(1, sleep_->steps_total()) : 0.0;
        case DigitsStage::Done: return 1.0;
    }
    return 0.0;
}

double DigitsRun::progress() const {
    if (done()) return 1.0;
    // Timeline points are extra work whose count depends on where they fall due; progress leaves them out.
    return work_total_ > 0 ? std::min(1.0, static_cast<double>(work_done_ - timeline_work_) / work_total_) : 0.0;
}

int DigitsRun::classify(const float* image) { return net_.classify(image, static_cast<float>(s_.mlp.dropout)); }


}  // namespace sleepnet::digits
