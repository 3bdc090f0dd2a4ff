// sleepnet digits: saving and loading a whole run (see digits_run.h). Layout: "SNDR", format version, the
// progress (io_progress lists every field once), the sleep under way if any, then the network (digits_state.h).
// Loading reads into a fresh run started with the same settings and data, checks that everything fits them,
// and only then takes its place, so bad or foreign bytes leave the run as it was.
#include <cstring>

#include "core/archive.h"
#include "digits/digits_run.h"
#include "digits/digits_state.h"

namespace sleepnet::digits {

namespace {
constexpr char kMagic[4] = {'S', 'N', 'D', 'R'};
constexpr uint32_t kVersion = 1;

template <class A> void io_bool(A& a, bool& b) {   // one byte, 0 or 1 (any other byte is corrupt, not a bool)
    uint8_t v = b;
    a.pod(v);
    if (v > 1) a.fail();
    b = v == 1;
}
template <class A> void io_conf(A& a, ConfusionMatrix& c) { a.pod(c.classes); a.vec(c.counts); }
template <class A> void io_acc(A& a, AccuracyMatrix& m) { a.pod(m.tasks); a.vec(m.r); }
template <class A> void io_point(A& a, TimelinePoint& p) {
    a.pod(p.work); a.pod(p.stage); a.pod(p.task); a.vec(p.task_accuracy); a.pod(p.accuracy);
}
template <class A> void io_sleep(A& a, SrcSleepState& s) {
    a.pod(s.done); a.pod(s.total); a.vec(s.alpha); a.pod(s.rng);
    uint64_t layers = s.v.size();
    a.pod(layers);
    if (A::reading) {
        if (!a.ok() || layers > a.left() / 24) { a.fail(); return; }
        s.v.resize(layers); s.counts.resize(layers); s.spikes.resize(layers);
    }
    for (uint64_t l = 0; l < layers && a.ok(); ++l) { a.vec(s.v[l]); a.vec(s.counts[l]); a.vec(s.spikes[l]); }
}
bool usable(const Rng& r) { return r.s[0] | r.s[1] | r.s[2] | r.s[3]; }   // all-zero xoshiro stays zero
int64_t total(const ConfusionMatrix& c) {   // -1 if a count is negative or they add up past any test set
    int64_t t = 0;
    for (int64_t k : c.counts) { if (k < 0 || k > (int64_t(1) << 40)) return -1; t += k; }
    return t;
}

// Every setting as key=value text: a run continues only under the settings it was saved with.
std::string settings_text(const DigitsSettings& s) {
    DigitsSettings copy = s;
    SettingsTable t;
    copy.bind(t);
    return t.to_query();
}
}  // namespace

template <class A> void DigitsRun::io_progress(A& a) {
    uint64_t n = phases_.size();
    a.pod(n);
    // Counts are bounded by the bytes left for their smallest encoding, so a corrupt count cannot allocate much.
    if (A::reading) { if (!a.ok() || n > a.left() / 9) { a.fail(); return; } phases_.resize(n); }
    for (auto& ph : phases_) { a.pod(ph.stage); a.pod(ph.task); io_bool(a, ph.after_sleep); }
    a.pod(phase_); io_bool(a, phase_begun_); a.pod(work_done_); a.pod(work_total_); a.pod(timeline_work_);
    a.pod(train_.task); a.vec(train_.order); a.pod(train_.epoch); a.pod(train_.batch); a.pod(train_.batches);
    a.pod(train_.epochs); a.pod(train_.since_sleep); a.pod(train_.rng);
    a.pod(dropout_rng_);
    a.pod(chunk_pos_); io_conf(a, eval_conf_); a.vec(stats_sum_); a.vec(stats_max_);
    a.vec(sleep_inputs_.mean_image); a.vec(sleep_inputs_.max_activation); a.pod(sleep_inputs_.width); a.pod(sleep_inputs_.height);
    a.pod(sleeps_);
    io_acc(a, acc_); io_acc(a, acc_awake_); a.pod(final_accuracy_); io_conf(a, confusion_); a.vec(epoch_acc_);
    n = timeline_.size();
    a.pod(n);
    if (A::reading) { if (!a.ok() || n > a.left() / 32) { a.fail(); return; } timeline_.resize(n); }
    for (auto& p : timeline_) io_point(a, p);
    a.pod(cur_image_); a.pod(cur_label_); a.pod(cur_guess_); a.pod(timeline_next_sleep_);
    a.pod(tl_.pos); io_point(a, tl_.point); io_conf(a, tl_.conf);
    a.str(error_);
}

// Every index the run will use must be in range for these settings and data (corrupt bytes must not crash it).
// `schedule`: the stages start() lays out; the saved list must be it, plus the sleeps an interleaved schedule
// inserts after a training batch (statistics, sleep, training of the same task).
std::string DigitsRun::check_progress(const std::vector<Phase>& schedule, const SrcSleepState* sleep) const {
    const int T = seq_.tasks(), classes = data_->classes, train_n = data_->train.size();
    auto same = [](const Phase& a, const Phase& b) { return a.stage == b.stage && a.task == b.task && a.after_sleep == b.after_sleep; };
    const bool interleaved = s_.sleep && !s_.joint && s_.sleep_schedule == "interleaved";
    size_t j = 0;
    for (size_t i = 0; i < phases_.size();) {
        if (j < schedule.size() && same(phases_[i], schedule[j])) { ++i; ++j; continue; }
        const int t = phases_[i].task;
        const Phase nap[3] = {{DigitsStage::Statistics, t, false}, {DigitsStage::Sleep, t, false}, {DigitsStage::Train, t, false}};
        if (interleaved && i > 0 && same(phases_[i - 1], nap[2]) && i + 3 <= phases_.size() && same(phases_[i], nap[0]) &&
            same(phases_[i + 1], nap[1]) && same(phases_[i + 2], nap[2])) { i += 3; continue; }
        return "its schedule of stages is not this run's";
    }
    if (j != schedule.size()) return "its schedule of stages is not this run's";
    if (phase_ < 0 || phase_ > static_cast<int>(phases_.size())) return "the current stage is out of range";
    const int64_t tl_test = std::min(s_.timeline_test, data_->test.size());
    if (work_done_ < 0 || timeline_work_ < 0 || work_done_ - timeline_work_ > work_total_ ||
        timeline_work_ > (static_cast<int64_t>(timeline_.size()) + 1) * tl_test)
        return "the work counts are inconsistent";
    if (!usable(dropout_rng_)) return "a random stream is zero";
    if (train_.epochs == 0) {   // never set up
        if (train_.task != -1 || !train_.order.empty() || train_.epoch || train_.batch || train_.batches || train_.since_sleep)
            return "the training position is out of range";
    } else {   // training has begun: its order is a shuffled pool of the task
        if (s_.joint ? train_.task != -1 : (train_.task < 0 || train_.task >= T)) return "the training task is out of range";
        const size_t pool = pool_for(s_.joint ? 0 : train_.task).size();
        if (train_.order.size() != pool || train_.batches != train_batches(static_cast<int>(pool)) ||
            train_.epochs != (s_.joint ? s_.joint_epochs : s_.mlp.epochs) || train_.batch < 0 ||
            train_.batch >= train_.batches || train_.epoch < 0 || train_.epoch > train_.epochs)
            return "the training position is out of range";
        for (int i : train_.order) if (i < 0 || i >= train_n) return "a training image index is out of range";
        if (train_.since_sleep < 0 || train_.since_sleep > train_.epochs * train_.batches || !usable(train_.rng))
            return "the training position is out of range";
    }
    auto conf_ok = [&](const ConfusionMatrix& c) {
        return (c.classes == 0 && c.counts.empty()) || (c.classes == classes && c.counts.size() == size_t(classes) * classes);
    };
    if (!conf_ok(eval_conf_) || !conf_ok(confusion_) || !conf_ok(tl_.conf)) return "a confusion matrix has the wrong size";
    if (total(eval_conf_) < 0 || total(eval_conf_) > eval_count() || total(confusion_) < 0 || total(confusion_) > eval_count() ||
        total(tl_.conf) < 0 || total(tl_.conf) > tl_test)
        return "a confusion matrix counts more images than were tested";
    if (static_cast<int>(epoch_acc_.size()) > s_.joint_epochs || cur_label_ < -1 || cur_label_ >= classes ||
        cur_guess_ < -1 || cur_guess_ >= classes)
        return "a result is out of range";
    if (acc_.tasks != T || acc_.r.size() != size_t(T) * T || acc_awake_.tasks != T || acc_awake_.r.size() != acc_.r.size())
        return "an accuracy matrix has the wrong size";
    const size_t px = static_cast<size_t>(data_->train.pixel_count()), L = static_cast<size_t>(net_.weights().layers());
    if (!(stats_sum_.empty() || stats_sum_.size() == px) || !(stats_max_.empty() || stats_max_.size() == L) ||
        !(sleep_inputs_.mean_image.empty() || sleep_inputs_.mean_image.size() == px) ||
        !(sleep_inputs_.max_activation.empty() || sleep_inputs_.max_activation.size() == L) ||
        sleep_inputs_.width != data_->train.cols || sleep_inputs_.height != data_->train.rows)
        return "the sleep statistics have the wrong size";
    if (!tl_.point.task_accuracy.empty()) return "the pending timeline point is corrupt";   // filled when it completes
    for (const auto& p : timeline_) if (p.task_accuracy.size() != size_t(T)) return "a timeline point has the wrong size";
    if (tl_.pos < -1 || tl_.pos > tl_test || (tl_.pos >= 0 && tl_.conf.classes != classes))
        return "the pending timeline point is out of range";
    if (!phases_over() && phase_begun_) {   // the position inside the current stage
        const Phase& ph = phases_[phase_];
        if (ph.stage == DigitsStage::Train &&
            (train_.epochs == 0 || train_.task != (s_.joint ? -1 : ph.task) || train_.epoch >= train_.epochs))
            return "the training under way is missing";
        if (ph.stage == DigitsStage::Evaluate && (chunk_pos_ < 0 || chunk_pos_ > eval_count() || eval_conf_.classes != classes))
            return "the evaluation position is out of range";
        if (ph.stage == DigitsStage::Statistics &&
            (chunk_pos_ < 0 || stats_sum_.size() != px || stats_max_.size() != L ||
             chunk_pos_ > static_cast<int>(examples_of(data_->train, seq_.seen_classes(ph.task), s_.stats_limit).size())))
            return "the sleep statistics position is out of range";
    }
    if (cur_image_ < -1 || cur_image_ >= train_n) return "the current image is out of range";
    // The sleep: the current stage's, or the last one's (kept for the views). Its length is the settings'.
    int owner = -1, sleeps = 0;
    for (int i = 0; i < static_cast<int>(phases_.size()); ++i)
        if (phases_[i].stage == DigitsStage::Sleep) { if (i <= phase_) owner = i; ++sleeps; }
    if (sleeps_ < 0 || sleeps_ > sleeps) return "the count of sleeps is out of range";
    const bool current = owner >= 0 && owner == phase_;
    if (current && !sleep) return "the sleep under way is missing";
    if (sleep) {
        if (owner < 0) return "a sleep is saved, but none has begun";
        const int steps = s_.sleep_schedule == "interleaved" ? s_.interleaved_steps : s_.src.steps_for_task(phases_[owner].task + 1);
        if (sleep->total != steps || sleep->done < 0 || sleep->done > steps || (!current && sleep->done != steps) ||
            !usable(sleep->rng))
            return "the sleep's length or position is out of range";
        const int every = s_.timeline_sleep_every;
        if (current && every > 0 && timeline_next_sleep_ != every * (sleep->done / every + 1))
            return "the sleep's next timeline point is out of range";
    }
    return "";
}

std::vector<uint8_t> DigitsRun::save() const {
    Writer w;
    w.bytes(kMagic, 4);
    uint32_t v = kVersion;
    w.pod(v);
    std::string settings = settings_text(s_);
    w.str(settings);
    const_cast<DigitsRun*>(this)->io_progress(w);   // the Writer only reads the fields
    uint8_t has_sleep = sleep_ != nullptr;
    w.pod(has_sleep);
    if (has_sleep) { SrcSleepState st = sleep_->state(); io_sleep(w, st); }
    auto net = encode_network(net_);
    w.vec(net);
    return w.out;
}

size_t DigitsRun::save_size() const {
    Writer w;   // everything but the network: small next to it
    const_cast<DigitsRun*>(this)->io_progress(w);
    if (sleep_) { SrcSleepState st = sleep_->state(); io_sleep(w, st); }
    return 4 + 4 + 8 + settings_text(s_).size() + w.out.size() + 1 + 8 + encoded_network_size(net_);
}

std::string DigitsRun::load(const std::vector<uint8_t>& bytes) {
    const char* what = "digits run: ";
    if (!data_) return std::string(what) + "the run has not started";
    if (bytes.size() >= 8 && std::memcmp(bytes.data(), "SNDGNET", 8) == 0)   // the weights-only format before runs
        return std::string(what) + "this file is from an earlier sleepnet that saved only the weights; it cannot be continued";
    if (bytes.size() < 8 || std::memcmp(bytes.data(), kMagic, 4) != 0)
        return std::string(what) + "not a sleepnet digits run (bad magic)";
    Reader r{bytes.data(), bytes.size()};
    char magic[4];
    r.bytes(magic, 4);
    uint32_t v = 0;
    r.pod(v);
    if (v != kVersion)
        return std::string(what) + "format version " + std::to_string(v) + " is not supported (this build reads " +
               std::to_string(kVersion) + ")";
    std::string settings;
    r.str(settings);
    if (!r.ok()) return std::string(what) + "truncated";
    if (settings != settings_text(s_)) return std::string(what) + "saved with other settings";
    DigitsRun fresh;
    if (std::string e = fresh.start(s_, data_); !e.empty()) return std::string(what) + e;
    const int64_t total = fresh.work_total_;
    const std::vector<Phase> schedule = fresh.phases_;
    fresh.io_progress(r);
    uint8_t has_sleep = 0;
    r.pod(has_sleep);
    SrcSleepState st;
    if (has_sleep > 1) r.fail();
    if (r.ok() && has_sleep) io_sleep(r, st);
    std::vector<uint8_t> net;
    r.vec(net);
    if (!r.ok() || r.at != bytes.size()) return std::string(what) + "truncated or corrupt";
    if (fresh.work_total_ != total) return std::string(what) + "saved with other settings (its amount of work differs)";
    if (std::string e = fresh.check_progress(schedule, has_sleep ? &st : nullptr); !e.empty()) return std::string(what) + "corrupt: " + e;
    if (std::string e = decode_network(net, &fresh.net_); !e.empty()) return e;
    if (has_sleep) {
        // The sleep works on the weights in place: build it on the weights it will change.
        fresh.sleep_ = std::make_unique<SrcSleep>(s_.src, fresh.net_.weights(), fresh.sleep_inputs_, st.total,
                                                  static_cast<uint64_t>(s_.seed));
        if (!fresh.sleep_->set_state(st)) return std::string(what) + "corrupt: the sleep under way does not fit this network";
    }
    if (!fresh.phases_over() && fresh.phase_begun_ && fresh.phases_[fresh.phase_].stage == DigitsStage::Statistics)
        fresh.stats_pool_ = examples_of(data_->train, seq_.seen_classes(fresh.phases_[fresh.phase_].task), s_.stats_limit);
    if (fresh.train_.epochs > 0) fresh.train_.pool = pool_for(s_.joint ? 0 : fresh.train_.task);
    // Take its place. The sleep points at the weights object inside `fresh`; their values move into this run's.
    SrcSpikeListener listener = std::move(listener_);
    *this = std::move(fresh);
    listener_ = std::move(listener);
    if (sleep_) {
        sleep_->rebind(net_.weights());
        if (listener_) sleep_->set_spike_listener(listener_);
    }
    return "";
}

}  // namespace sleepnet::digits
