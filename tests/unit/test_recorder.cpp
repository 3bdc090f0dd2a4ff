// The app's curve recorder (web/recorder.cpp, no graphics): after a network file is loaded, the curves are
// rebuilt from the runs' stored timelines, and they must be the ones the app drew while the runs advanced:
// the same points, each where it was measured (within the slice in which it was seen), and the same sleeps
// and stage marks.
#include <doctest.h>

#include <cmath>
#include <string>

#include "../../web/recorder.h"
#include "digits/digits_run.h"
#include "experiment.h"
#include "synthetic_digits.h"

using namespace sleepnet;
using sleepnet::test::synthetic_digits;
using app::Curve;
using app::Recorder;

// Advances in slices, observing after each as the app does, until `stop` holds or the runs are done.
template <class Stop> static void advance_observed(Experiment& e, Recorder& rec, int64_t slice, Stop stop) {
    for (int guard = 0; !e.done() && !stop() && guard < 1000000; ++guard) {
        e.advance(slice);
        rec.observe(e);
    }
}

// Live and restored curves hold the same y values. Restored, a point is where it fell due; live, where it was seen:
// later by at most `late` (the slice, plus for digits the measurement's own work).
static void same_curve(const Curve& live, const Curve& restored, float late) {
    REQUIRE(live.y.size() == restored.y.size());
    for (size_t k = 0; k < live.y.size(); ++k) {
        CAPTURE(k);
        CHECK(live.y[k] == restored.y[k]);
        CHECK(restored.x[k] <= live.x[k]);
        CHECK(restored.x[k] >= live.x[k] - late);
    }
}

static void same_records(const Recorder& live, const Recorder& restored, float late) {
    REQUIRE(live.runs().size() == restored.runs().size());
    for (size_t i = 0; i < live.runs().size(); ++i) {
        CAPTURE(i);
        const auto &a = live.runs()[i], &b = restored.runs()[i];
        REQUIRE(a.per_task.size() == b.per_task.size());
        for (size_t t = 0; t < a.per_task.size(); ++t) same_curve(a.per_task[t], b.per_task[t], late);
        REQUIRE(a.tests.size() == b.tests.size());
        for (size_t t = 0; t < a.tests.size(); ++t) same_curve(a.tests[t], b.tests[t], late);
        CHECK(a.sleep.size() == b.sleep.size());
    }
    REQUIRE(live.task_marks().size() == restored.task_marks().size());
    for (size_t k = 0; k < live.task_marks().size(); ++k) CHECK(live.task_marks()[k].second == restored.task_marks()[k].second);
}

// The curves the app rebuilds after opening e's saved file in a fresh experiment with the same settings.
static Recorder restored_from_file(const Experiment& e, const ExperimentSettings& s, std::shared_ptr<const digits::DigitsData> data) {
    Experiment loaded;
    REQUIRE(loaded.start(s, std::move(data)) == "");
    REQUIRE(loaded.load(e.save()) == "");
    Recorder restored;
    restored.restore(loaded);
    return restored;
}

TEST_CASE("recorder: digits curves restored from a loaded file are the ones drawn live") {
    auto data = synthetic_digits(40, 20);
    ExperimentSettings s;
    REQUIRE(parse_experiment(parse_query("hidden=24,24&per_task=80&src_base_steps=300&src_steps_per_task=100&timeline_every=1&timeline_sleep_every=100&"
                                         "timeline_test=200&order=01,23,45"), &s).empty());
    Experiment e;
    REQUIRE(e.start(s, data) == "");
    Recorder live;
    live.reset(e);
    const int64_t slice = 97;
    // Into task 3, past two sleeps of the first twin.
    advance_observed(e, live, slice, [&] { return e.run(0).digits()->task() == 2 && !e.run(0).sleeping(); });
    REQUIRE(!e.done());
    REQUIRE(live.runs()[0].sleep.size() == 2);
    REQUIRE(live.runs()[0].per_task[0].y.size() >= 4);
    const Recorder restored = restored_from_file(e, s, data);
    // A timeline point falls due, then is measured over 200 test images (timeline_test) in atomic chunks of up
    // to 250 images: the work between due and seen, on top of the slice.
    same_records(live, restored, static_cast<float>(slice + 200 + 250));
    CHECK(restored.runs()[1].sleep.empty());   // the twin without sleep
}

TEST_CASE("recorder: foraging curves and test dots restored from a loaded file are the ones drawn live") {
    ExperimentSettings s;
    REQUIRE(parse_experiment(parse_query("scenario=forage&unsup_aeons=1&train_aeons=3&test_aeons=1&interleave_aeons=3&"
                                         "epochs_per_aeon=4&seed=2"), &s).empty());
    Experiment e;
    REQUIRE(e.start(s, nullptr) == "");
    Recorder live;
    live.reset(e);
    const int64_t slice = 1000;   // under half an aeon (4 epochs of 600 steps)
    // Into the interleaved sleep stage of the first run, after its Task-1 tests.
    advance_observed(e, live, slice, [&] { return e.run(0).sleeping() && live.runs()[0].tests[0].y.size() >= 1; });
    advance_observed(e, live, slice, [&] { return !e.run(0).sleeping(); });
    REQUIRE(!e.done());
    REQUIRE(!live.runs()[0].sleep.empty());
    const Recorder restored = restored_from_file(e, s, nullptr);
    same_records(live, restored, static_cast<float>(slice));
}

// At speed "max" a whole interleaved nap runs within one frame, so the recorder's frame-by-frame look at sleeping()
// never saw one and the plots showed no sleep. The timeline's sleep points place the naps, live as restored.
TEST_CASE("recorder: interleaved naps that end within one slice are shaded, live as restored") {
    auto data = synthetic_digits(40, 20);
    ExperimentSettings s;
    REQUIRE(parse_experiment(parse_query("hidden=24,24&per_task=80&sleep_schedule=interleaved&sleep_every=1&interleaved_steps=50&"
                                         "timeline_every=1&timeline_sleep_every=50&timeline_test=200&order=01,23"), &s).empty());
    Experiment e;
    REQUIRE(e.start(s, data) == "");
    Recorder live;
    live.reset(e);
    advance_observed(e, live, 5000, [] { return false; });   // each slice holds whole naps
    REQUIRE(e.done());
    size_t naps = 0;
    for (const auto& p : e.run(0).digits()->timeline()) naps += p.stage == digits::DigitsStage::Sleep;
    REQUIRE(naps >= 2);
    REQUIRE(live.runs()[0].sleep.size() == naps);
    for (const auto& span : live.runs()[0].sleep) CHECK(span.second - span.first == doctest::Approx(50));
    CHECK(live.runs()[1].sleep.empty());   // the twin without sleep
    const Recorder restored = restored_from_file(e, s, data);
    REQUIRE(restored.runs()[0].sleep.size() == naps);
    for (size_t k = 0; k < naps; ++k) {
        CHECK(restored.runs()[0].sleep[k].first == doctest::Approx(live.runs()[0].sleep[k].first));
        CHECK(restored.runs()[0].sleep[k].second == doctest::Approx(live.runs()[0].sleep[k].second));
    }
}
