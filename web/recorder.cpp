#include "recorder.h"

#include <algorithm>
#include <cmath>

#include "digits/digits_run.h"
#include "forage/forage_run.h"

namespace sleepnet::app {

static void push(Curve& c, float x, float y) {
    c.x.push_back(x);
    c.y.push_back(y);
    if (c.x.size() > Recorder::kMaxPoints) {   // decimate: keep every other point
        size_t k = 0;
        for (size_t i = 0; i < c.x.size(); i += 2, ++k) { c.x[k] = c.x[i]; c.y[k] = c.y[i]; }
        c.x.resize(k);
        c.y.resize(k);
    }
}

void SpikeRing::add(int layer, const std::vector<int>& neurons) {
    if (layer == 0) ++step;
    for (int n : neurons) spikes.push_back({step, static_cast<uint8_t>(layer), static_cast<uint16_t>(n)});
    // Drop steps older than the window (in chunks, so the vector is not shifted every step).
    if (!spikes.empty() && spikes.front().step <= step - 2 * kSteps) {
        size_t k = 0;
        while (k < spikes.size() && spikes[k].step <= step - kSteps) ++k;
        spikes.erase(spikes.begin(), spikes.begin() + static_cast<long>(k));
    }
}

void Recorder::reset(const Experiment& e) {
    runs_.assign(e.run_count(), RunRecord{});
    marks_.clear();
    clock_ = 0;
    last_task_ = -1;
    last_stage_.clear();
}

// After a load: the runs' stored timelines are drawn where they were measured (their own work count), with the
// sleeps and stage marks they record, instead of all at the moment of loading.
void Recorder::restore(Experiment& e) {
    reset(e);
    restoring_ = true;
    observe(e);
    restoring_ = false;
}

// Sleep shading from restored points: consecutive sleep points extend one span.
static void restored_sleep(RunRecord& rec, float x0, float x1, bool asleep, bool* in_span) {
    if (asleep && *in_span) rec.sleep.back().second = x1;
    else if (asleep) rec.sleep.push_back({x0, x1});
    *in_span = asleep;
}

// Live: a span that overlaps or touches the last one extends it.
static void live_sleep(RunRecord& rec, float x0, float x1) {
    if (!rec.sleep.empty() && x0 <= rec.sleep.back().second && x1 >= rec.sleep.back().first) {
        rec.sleep.back().first = std::min(rec.sleep.back().first, x0);
        rec.sleep.back().second = std::max(rec.sleep.back().second, x1);
    } else {
        rec.sleep.push_back({x0, x1});
    }
}

// The sleep steps a digits timeline point of stage Sleep stands for: the timeline_sleep_every steps before it (a
// point falls due every that many steps of a sleep), at most an interleaved nap. At speed "max" a whole nap runs
// within one frame, so the frame-by-frame look at sleeping() never saw one: the points place them.
static float sleep_before_point(const digits::DigitsSettings& s) {
    int n = std::max(1, s.timeline_sleep_every);
    if (s.sleep_schedule == "interleaved") n = std::min(n, std::max(1, s.interleaved_steps));
    return static_cast<float>(n);
}

void Recorder::observe(Experiment& e) {
    if (static_cast<int>(runs_.size()) != e.run_count()) reset(e);
    int64_t c = 0;
    for (int i = 0; i < e.run_count(); ++i) c = std::max(c, e.run(i).work());
    clock_ = static_cast<float>(c);
    std::vector<float> lead_train_x;   // restoring: where the first run's training points were measured
    // ... and where its last other point (evaluation, sleep) after its k-th training point was, or -1: a twin
    // evaluates while the first run waits in training, after the first run's own evaluation (and sleep).
    std::vector<float> lead_tail_x(1, -1.0f);
    if (auto* d = restoring_ && e.run_count() > 0 ? e.run(0).digits() : nullptr)
        for (const auto& p : d->timeline()) {
            if (p.stage == digits::DigitsStage::Train) { lead_train_x.push_back(static_cast<float>(p.work)); lead_tail_x.push_back(-1.0f); }
            else lead_tail_x.back() = static_cast<float>(p.work);
        }
    for (int i = 0; i < e.run_count(); ++i) {
        ScenarioRun& r = e.run(i);
        RunRecord& rec = runs_[i];
        bool asleep = r.sleeping();
        if (asleep && !rec.was_sleeping) live_sleep(rec, clock_, clock_);
        if (asleep) rec.sleep.back().second = std::max(rec.sleep.back().second, clock_);
        rec.was_sleeping = asleep;
        if (auto* d = r.digits()) {
            const auto& tl = d->timeline();
            int tasks = d->tasks().tasks();
            if (static_cast<int>(rec.per_task.size()) != tasks) rec.per_task.assign(tasks, Curve{});
            bool in_span = false;
            size_t train_points = 0;
            const float slept = sleep_before_point(d->settings());
            for (; rec.seen_timeline < tl.size(); ++rec.seen_timeline) {
                const auto& p = tl[rec.seen_timeline];
                // A twin's k-th training point was taken beside the first run's k-th (lockstep), at the shared
                // clock: the first run's work, which includes its sleeps.
                float x = restoring_ ? static_cast<float>(p.work) : clock_;
                if (restoring_ && i > 0 && p.stage == digits::DigitsStage::Train && train_points < lead_train_x.size())
                    x = lead_train_x[train_points];
                if (restoring_ && i > 0 && p.stage == digits::DigitsStage::Evaluate && train_points < lead_tail_x.size() &&
                    lead_tail_x[train_points] >= x)
                    x = lead_tail_x[train_points];
                if (p.stage == digits::DigitsStage::Train) ++train_points;
                const bool sleep_point = p.stage == digits::DigitsStage::Sleep;
                // Live, where the point was stamped: this run's clock position less the work it did since.
                if (!restoring_ && sleep_point) {
                    const float at = clock_ - static_cast<float>(r.work() - p.work);
                    live_sleep(rec, at - slept, at);
                }
                if (restoring_) {
                    restored_sleep(rec, sleep_point ? x - slept : x, x, sleep_point, &in_span);
                    if (i == 0 && p.task != last_task_) { last_task_ = p.task; marks_.push_back({x, "task " + std::to_string(p.task + 1)}); }
                }
                for (int k = 0; k < tasks && k < static_cast<int>(p.task_accuracy.size()); ++k)
                    if (!std::isnan(p.task_accuracy[k])) push(rec.per_task[k], x, static_cast<float>(p.task_accuracy[k]));
            }
            if (i == 0 && d->task() != last_task_ && !d->done()) {
                last_task_ = d->task();
                marks_.push_back({clock_, "task " + std::to_string(last_task_ + 1)});
            }
        } else if (auto* f = r.forage()) {
            if (rec.per_task.size() != 2) { rec.per_task.assign(2, Curve{}); rec.tests.assign(2, Curve{}); }
            const auto& tl = f->timeline();
            const auto& names = f->stage_names();
            const float aeon = static_cast<float>(f->aeon_steps());
            auto at = [&](int a) { return restoring_ ? aeon * static_cast<float>(a + 1) : clock_; };   // end of aeon a
            bool in_span = false;
            for (; rec.seen_timeline < tl.size(); ++rec.seen_timeline) {
                const auto& a = tl[rec.seen_timeline];
                const float x = at(a.aeon);
                if (restoring_) restored_sleep(rec, x - aeon, x, a.sleep, &in_span);
                if (a.sleep || a.stage < 0 || a.stage >= static_cast<int>(names.size())) continue;
                const std::string& n = names[a.stage];
                if (restoring_ && i == 0 && n != last_stage_ && n.rfind("test", 0) != 0) { last_stage_ = n; marks_.push_back({x - aeon, n}); }
                // Running performance belongs to the task being trained; tests and mixed stages show as dots.
                if (n.rfind("train T", 0) != 0 && n.rfind("Interleaved(sleep,T", 0) != 0 && n.rfind("Interleaved(uniform sleep,T", 0) != 0) continue;
                int task = n.find("T2") != std::string::npos ? 1 : 0;
                push(rec.per_task[task], x, static_cast<float>(a.performance));
            }
            const auto& res = f->results();
            for (; rec.seen_results < res.size(); ++rec.seen_results) {
                const auto& x = res[rec.seen_results];
                // A result's aeon counts the aeons done when its test ended (a timeline entry's is an index).
                if (x.scored()) push(rec.tests[x.task], restoring_ ? aeon * static_cast<float>(x.aeon) : clock_, static_cast<float>(x.score));
            }
            if (i == 0 && !f->done() && f->stage() < static_cast<int>(names.size())) {
                const std::string& n = names[f->stage()];
                if (n != last_stage_ && n.rfind("test", 0) != 0) { last_stage_ = n; marks_.push_back({clock_, n}); }
            }
        }
    }
}

}  // namespace sleepnet::app
