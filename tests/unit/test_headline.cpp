// What the headline and the curves show, for every scenario, learner, schedule and protocol: figures when they are
// measured, the accuracy matrix's wherever it has them, and a note that says why a figure is missing or what it is.
#include <doctest.h>

#include <string>

#include "digits/digits_run.h"
#include "experiment.h"
#include "experiment_runs.h"
#include "forage/forage_run.h"
#include "forage/protocol.h"
#include "synthetic_digits.h"

using namespace sleepnet;
using test::run_to_end;
using test::small_digits;
using test::synthetic_digits;

TEST_CASE("experiment: the foraging headline says why a figure is blank, and when Task 2 is scored untrained") {
    ExperimentSettings s;
    REQUIRE(parse_experiment(parse_query("scenario=forage&unsup_aeons=1&train_aeons=1&test_aeons=1&interleave_aeons=2&epochs_per_aeon=20"), &s).empty());
    Experiment e;
    REQUIRE(e.start(s, nullptr) == "");
    e.advance(600);
    Headline h = e.run(0).headline();
    CHECK(h.old_task == -1);
    CHECK(h.note.find("no test yet") != std::string::npos);
    // After Task 1's training and both tests, before Task 2's stage: Task 2 has a score, and the note says why.
    for (int guard = 0; e.run(0).forage()->results().size() < 2 && guard < 100000; ++guard) e.advance(600);
    h = e.run(0).headline();
    REQUIRE(h.new_task >= 0);
    CHECK(h.note.find("no test yet") == std::string::npos);
    CHECK(h.note.find("Task 2 is not trained yet") != std::string::npos);
    for (int guard = 0; !e.done() && guard < 100000; ++guard) e.advance(5000);
    REQUIRE(e.done());
    for (int i = 0; i < 2; ++i) { CAPTURE(e.run(i).headline().note); CHECK(e.run(i).headline().note.find("not trained") == std::string::npos); }   // both trained it
    Experiment one;
    test::start(one, "scenario=forage&twins=0&protocol=single&unsup_aeons=1&train_aeons=1&test_aeons=1&epochs_per_aeon=20");
    for (int guard = 0; !one.done() && guard < 100000; ++guard) one.advance(5000);
    CHECK(one.run(0).headline().note.find("does not train Task 2") != std::string::npos);
}

TEST_CASE("experiment: a foraging test in which nothing was eaten shows no score, and says why") {
    // One movement per test: the agent eats nothing (the command line warns of the same, cli_test.sh).
    for (const std::string epochs : {"1", "20"}) {
        ExperimentSettings s;
        REQUIRE(parse_experiment(parse_query("scenario=forage&protocol=single&unsup_aeons=1&train_aeons=1&test_aeons=1&epochs_per_aeon=" + epochs), &s).empty());
        Experiment e;
        REQUIRE(e.start(s, nullptr) == "");
        for (int guard = 0; !e.done() && guard < 100000; ++guard) e.advance(5000);
        REQUIRE(e.done());
        const auto& res = e.run(0).forage()->results();
        REQUIRE(res.size() == 2);
        const Headline h = e.run(0).headline();
        const bool empty1 = res[0].rewarded + res[0].punished == 0, empty2 = res[1].rewarded + res[1].punished == 0;
        CAPTURE(epochs);
        if (epochs == "1") REQUIRE(empty1);    // the case under test must occur
        else REQUIRE(!empty1);                              // and its counterpart
        CHECK(h.old_task == (empty1 ? -1 : res[0].score));
        CHECK(h.new_task == (empty2 ? -1 : res[1].score));
        CHECK((h.note.find("nothing eaten") != std::string::npos) == (empty1 || empty2));
        if (empty1) CHECK(e.results_json().find("\"score\":0.5,\"rewarded\":0,\"punished\":0") != std::string::npos);   // the exports keep the CLI's schema
    }
}

TEST_CASE("experiment: a digits run that diverged shows no headline figures, and its results say not measured") {
    auto data = synthetic_digits(40, 10);
    Experiment e;
    test::start(e, "hidden=200,200&init_range=0.5&lr=2&per_task=80&order=01,23,45&src_base_steps=300&src_steps_per_task=100", data);
    for (int guard = 0; !e.done() && guard < 100000; ++guard) e.advance(1000);
    REQUIRE(e.run(1).error().find("training diverged in task 2") != std::string::npos);   // the twin without sleep
    const Headline h = e.run(1).headline();
    // The last timeline point measured broken weights (a constant guess scores ~10 %): not a result.
    CHECK(h.old_task < 0);
    CHECK(h.new_task < 0);
    CHECK(h.new_label == "task 2");
    CHECK(h.note == "stopped in task 2 (see the status line)");
    CHECK(e.results_json().find("\"final_accuracy\":null") != std::string::npos);
}

TEST_CASE("experiment: the paper learner draws curves and headline figures too, with the command line's results") {
    // The paper preset has no timeline (the command line does not need one); the app's curves and headline came
    // from it, so choosing "paper" in the app showed empty plots and no figures for the whole run.
    auto data = synthetic_digits(40, 20);
    ExperimentSettings s;
    REQUIRE(parse_experiment(parse_query("preset=paper&hidden=24,24&per_task=80&src_base_steps=300&src_steps_per_task=100&"
                                         "order=01,23&seed=4"), &s).empty());
    REQUIRE(s.digits.timeline_every == 0);
    Experiment e;
    REQUIRE(e.start(s, data) == "");
    run_to_end(e, 500);
    REQUIRE(e.error() == "");
    const digits::DigitsRun& app_run = *e.run(0).digits();
    CHECK(app_run.timeline().size() >= 4);
    bool slept = false;
    for (const auto& p : app_run.timeline()) slept = slept || p.stage == digits::DigitsStage::Sleep;
    CHECK(slept);
    CHECK(e.run(0).headline().old_task >= 0);
    CHECK(e.run(0).headline().new_task >= 0);
    // The command line's run (no timeline) ends with the same numbers.
    digits::DigitsSettings cli = s.digits;
    cli.seed = s.seed;
    digits::DigitsRun solo;
    REQUIRE(solo.start(cli, data) == "");
    while (!solo.done()) solo.advance(1 << 20);
    CHECK(solo.timeline().empty());
    CHECK(solo.accuracy().r == app_run.accuracy().r);
    CHECK(solo.weights().W == app_run.weights().W);
}

// Every choice the app's controls offer ends with curves to draw and headline figures (the paper learner had
// neither): digits learners x schedules x twins/one network; every foraging protocol, twins.
TEST_CASE("experiment: every digits learner, schedule and twin choice ends with timeline points and headline figures") {
    auto data = synthetic_digits(40, 60);   // 600 test images: more than the app's timeline sample (300)
    for (const char* preset : {"quick", "paper"})
        for (const char* sched : {"after_task", "interleaved"})
            for (const char* twins : {"twins=1", "twins=0&sleep=1", "twins=0&sleep=0"}) {
                const std::string q = std::string("preset=") + preset + "&hidden=24,24&per_task=80&src_base_steps=300&"
                                      "src_steps_per_task=100&interleaved_steps=200&sleep_every=1&order=01,23&sleep_schedule=" + sched + "&" + twins;
                CAPTURE(q);
                ExperimentSettings s;
                REQUIRE(parse_experiment(parse_query(q), &s).empty());
                Experiment e;
                REQUIRE(e.start(s, data) == "");
                run_to_end(e, 700);
                REQUIRE(e.error() == "");
                for (int i = 0; i < e.run_count(); ++i) {
                    CAPTURE(i);
                    CHECK(!e.run(i).digits()->timeline().empty());
                    const Headline h = e.run(i).headline();
                    CHECK(h.old_task >= 0);
                    CHECK(h.new_task >= 0);
                    // Done: the headline is the final evaluation on every test image, as the accuracy matrix.
                    const auto& m = e.run(i).digits()->accuracy();
                    CHECK(h.new_task == m.at(1, 1));
                    CHECK(h.old_task == m.at(1, 0));
                }
            }
}

// Mid-run, the headline's figures are the accuracy matrix's wherever the last measurement was an evaluation (e.g.
// the sleeping twin waiting before task 3 while its twin evaluates: a 300-image sample read 85.2 % on tasks 1-2
// there, the matrix 90.0 %), and are marked as estimates on the sample otherwise.
TEST_CASE("experiment: the digits headline equals the accuracy matrix after each evaluation, else says it estimates") {
    auto data = synthetic_digits(40, 60);   // 600 test images: more than the app's timeline sample (300)
    for (const char* sched : {"after_task", "interleaved"}) {
        const std::string q = std::string("hidden=24,24&per_task=80&src_base_steps=300&src_steps_per_task=100&interleaved_steps=200&"
                                          "sleep_every=1&order=01,23,45&sleep_schedule=") + sched;
        CAPTURE(q);
        Experiment e;
        test::start(e, q, data);
        int exact = 0, estimates = 0, waiting_before_task = 0;
        for (int guard = 0; !e.done() && guard < 100000; ++guard) {
            e.advance(150);
            for (int i = 0; i < e.run_count(); ++i) {
                CAPTURE(i);
                const auto* d = e.run(i).digits();
                const Headline h = e.run(i).headline();
                if (d->done() || h.new_task < 0) continue;
                if (h.sample > 0) { ++estimates; CHECK(h.sample == 300); continue; }
                ++exact;
                // The last evaluation: after a sleep (the matrix), or before it while the sleep has no point yet.
                const auto& m = d->accuracy().rows_done() == d->accuracy_awake().rows_done() ? d->accuracy() : d->accuracy_awake();
                const int row = m.rows_done() - 1, t = d->task();
                REQUIRE(row >= 0);
                CHECK(h.new_task == m.at(row, t));
                if (t > 0) {
                    double sum = 0;
                    for (int j = 0; j < t; ++j) sum += m.at(row, j);
                    CHECK(h.old_task == sum / t);
                }
                if (e.stage_label(i).rfind("waiting (train task", 0) == 0) {
                    ++waiting_before_task;
                    CHECK(row == t - 1);   // the matrix row the user sees beside it
                }
            }
        }
        REQUIRE(e.done());
        CHECK(exact > 0);
        CHECK(estimates > 0);
        if (std::string(sched) == "after_task") CHECK(waiting_before_task > 0);
    }
}

TEST_CASE("experiment: every foraging protocol ends with test results and headline figures") {
    for (const std::string& proto : forage::protocol_names()) {
        const std::string q = "scenario=forage&unsup_aeons=1&train_aeons=2&test_aeons=2&interleave_aeons=2&epochs_per_aeon=20&seed=1&protocol=" + proto;
        CAPTURE(q);
        Experiment e;
        test::start(e, q);
        run_to_end(e, 60000);
        REQUIRE(e.error() == "");
        for (int i = 0; i < e.run_count(); ++i) {
            CAPTURE(i);
            CHECK(!e.run(i).forage()->results().empty());
            CHECK(!e.run(i).forage()->timeline().empty());
            const Headline h = e.run(i).headline();
            // A figure, or a note saying why a test has none (nothing eaten in a short test).
            CHECK(((h.old_task >= 0 && h.new_task >= 0) || !h.note.empty()));
        }
    }
}

TEST_CASE("experiment: a twin idle while the other sleeps or evaluates says it is waiting") {
    // Its label said "evaluate task 1" while the sleeping twin computed statistics and slept (browser audit).
    auto data = synthetic_digits(40, 20);
    Experiment e;
    test::start(e, small_digits(), data);
    int both_training = 0;
    while (!e.run(0).sleeping()) {
        e.advance(7);
        if (e.run(0).stage_label().rfind("train", 0) == 0 && e.run(1).stage_label().rfind("train", 0) == 0) {
            ++both_training;
            CHECK(!e.waiting(0));   // training side by side: neither waits
            CHECK(!e.waiting(1));
        }
    }
    CHECK(both_training >= 5);
    CHECK(!e.waiting(0));
    CHECK(e.waiting(1));
    CHECK(e.stage_label(1) == "waiting (" + e.run(1).stage_label() + ")");
    CHECK(e.stage_label(0) == e.run(0).stage_label());
    run_to_end(e, 500);
    CHECK(!e.waiting(0));
    CHECK(!e.waiting(1));
    CHECK(e.stage_label(1) == "done");
}

TEST_CASE("experiment: the headline gives the paper's figure for the run's condition, and all-digit accuracy at the end") {
    auto data = synthetic_digits(40, 10);
    SUBCASE("digits, the paper's five tasks on a small network") {
        Experiment e;
        test::start(e, "hidden=24,24&per_task=40&src_base_steps=200&src_steps_per_task=50&timeline_every=1&"
                       "timeline_test=100&order=01,23,45,67,89", data);
        e.advance(50);
        CHECK(e.run(0).headline().all_tasks == -1);   // not done: no final figure yet
        CHECK(e.run(0).headline().published.find("48.47%") != std::string::npos);
        run_to_end(e, 500);
        REQUIRE(e.done());
        for (int i = 0; i < 2; ++i) {
            const Headline h = e.run(i).headline();
            CAPTURE(i);
            CAPTURE(h.published);
            CAPTURE(h.published_note);
            CHECK(h.all_tasks == doctest::Approx(e.run(i).digits()->final_accuracy()));
            CHECK(h.all_tasks >= 0);
            CHECK(h.published.find(i == 0 ? "paper (SRC): 48.47%" : "paper (sequential): 19.49%") != std::string::npos);
            // The twin without sleep is not told about sleep keys it does not use.
            CHECK(h.published_note.find(i == 0 ? "this run is the quick preset (hidden 24,24, 40 images per task), with per_task, hidden, src_base_steps, src_steps_per_task changed"
                                               : "this run is the quick preset (hidden 24,24, 40 images per task), with per_task, hidden changed") != std::string::npos);
        }
    }
    SUBCASE("digits: another task order, or interleaved naps, has no published figure; the paper preset has no note") {
        Experiment e, naps, paper, quick;
        test::start(e, "hidden=24,24&per_task=80&order=01,23,45", data);
        e.advance(10);
        CHECK(e.run(0).headline().published.empty());
        test::start(naps, "hidden=24,24&per_task=40&sleep_schedule=interleaved&interleaved_steps=50", data);
        naps.advance(10);
        CHECK(naps.run(0).headline().published.empty());                                   // sleeps in naps
        CHECK(naps.run(1).headline().published.find("19.49%") != std::string::npos);       // its twin is sequential
        // whose unused sleep keys are not named as differences
        CHECK(naps.run(1).headline().published_note.find("sleep_schedule") == std::string::npos);
        CHECK(naps.run(1).headline().published_note.find("with per_task, hidden changed") != std::string::npos);
        test::start(paper, "preset=paper", data);
        test::start(quick, "preset=quick", data);
        CHECK(paper.run(0).headline().published == "paper (SRC): 48.47% on all 10 digits");
        CHECK(paper.run(0).headline().published_note == "");                                // the app's sampling aside
        CHECK(quick.run(0).headline().published_note.find("this run is the quick preset (hidden 400,400, 2000 images per task)") != std::string::npos);
        CHECK(quick.run(0).headline().published_note.find("changed") == std::string::npos);
        Experiment many;
        test::start(many, "preset=quick&hidden=30,30&per_task=50&lr=0.2&momentum=0.4&epochs=1", data);
        CAPTURE(many.run(0).headline().published_note);
        CHECK(many.run(0).headline().published_note.find(" and 1 more changed") != std::string::npos);   // five keys, four named
        Experiment paper_lr;
        test::start(paper_lr, "preset=paper&lr=0.05", data);
        CHECK(paper_lr.run(0).headline().published_note == "the paper's figures are for its own settings; this run has lr changed");
    }
    SUBCASE("foraging: the protocol's published Task 1 / Task 2 at its end") {
        Experiment e, none, one;
        test::start(e, "scenario=forage&unsup_aeons=1&train_aeons=1&test_aeons=1&interleave_aeons=2&epochs_per_aeon=20");
        CHECK(e.run(0).headline().published == "paper, at the end: 70% / 68%");   // T1 -> Interleaved(sleep,T2)
        CHECK(e.run(1).headline().published == "paper, at the end: 52% / 69%");   // sequential, after T2
        CHECK(e.run(0).headline().published_note.find("demo scale (shorter stages, rescaled rates), with unsup_aeons") != std::string::npos);
        test::start(none, "scenario=forage&twins=0&protocol=t1_t2_sleep_t1&scale=paper");
        CHECK(none.run(0).headline().published.empty());   // the paper gives no figures for it
        test::start(one, "scenario=forage&twins=0&protocol=single_t2&scale=paper");
        CHECK(one.run(0).headline().published == "paper, at the end: - / 69%");
        CHECK(one.run(0).headline().published_note.empty());                 // the authors' settings
        Experiment paper_values;
        test::start(paper_values, "scenario=forage&twins=0&protocol=sleep_t2&scale=paper&values=paper&train_aeons=9");
        CHECK(paper_values.run(0).headline().published_note == "the paper's figures come from the authors' settings; this run has values, train_aeons changed");
        Experiment single;
        test::start(single, "scenario=forage&twins=0&protocol=single");
        CHECK(single.run(0).headline().published == "paper, at the end: 70% / 53%");   // after Task 1 training only
    }
}
