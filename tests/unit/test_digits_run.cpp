// DigitsRun: determinism (same seed, same matrices; any slicing), save/load of the network, settings, what
// each sleep is given (mean image, input stream) and keeps (momentum), the confusion matrix, and a small
// statistical test that SRC sleep keeps more of the old task than the no-sleep twin.
#include <doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <set>

#include "digits/digits_run.h"
#include "digits/digits_state.h"
#include "synthetic_digits.h"

using namespace sleepnet;
using test::synthetic_digits;
using namespace sleepnet::digits;

static DigitsSettings tiny_settings() {
    DigitsSettings s;
    s.order = "01,23,45";
    s.per_task = 100;
    s.mlp.hidden = "32,32";
    s.mlp.init_range = 0.1;
    s.src.base_steps = 300;
    s.src.steps_per_task = 100;
    s.timeline_every = 1;
    s.timeline_sleep_every = 100;
    return s;
}

// Equal bit for bit, NaN (not measured) included.
static bool same_values(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) return false;
    return true;
}

static bool same_timeline(const DigitsRun& a, const DigitsRun& b) {
    if (a.timeline().size() != b.timeline().size()) return false;
    for (size_t i = 0; i < a.timeline().size(); ++i) {
        const auto &x = a.timeline()[i], &y = b.timeline()[i];
        if (x.work != y.work || x.task != y.task || x.accuracy != y.accuracy || !same_values(x.task_accuracy, y.task_accuracy))
            return false;
    }
    return true;
}

static void run_sliced(DigitsRun& run, int64_t slice) {
    int guard = 0;
    while (!run.advance(slice) && ++guard < 1000000) {}
}

TEST_CASE("digits run: a timeline point is measured in bounded pieces, and sees the network as it fell due") {
    auto data = synthetic_digits(60, 40);   // 400 test images: 4 timeline pieces of 100
    DigitsSettings s = tiny_settings();
    s.timeline_test = 400;
    DigitsRun run;
    REQUIRE(run.start(s, data) == "");
    // The first batch makes a point due; each later call with budget 1 does one piece of at most 100 images.
    run.advance(1);
    CHECK(run.timeline().empty());
    int calls = 0;
    while (run.timeline().empty() && calls < 100) { run.advance(1); ++calls; }
    CHECK(calls == 4);
    CHECK(run.stage() == DigitsStage::Train);
    // The point's accuracy is the network's after that first batch: the pieces did not train in between.
    DigitsRun ref;
    REQUIRE(ref.start(s, data) == "");
    ref.advance(1);
    std::vector<float> img(784);
    int correct = 0;
    for (int i = 0; i < 400; ++i) {
        bytes_to_inputs(data->test.image(i), 784, img.data());
        correct += ref.classify(img.data()) == data->test.labels[i];
    }
    CHECK(run.timeline()[0].accuracy == doctest::Approx(correct / 400.0));
}

TEST_CASE("digits run: same seed gives identical results however the run is sliced") {
    auto data = synthetic_digits(60, 10);
    DigitsSettings s = tiny_settings();
    DigitsRun a, b, c;
    REQUIRE(a.start(s, data) == "");
    REQUIRE(b.start(s, data) == "");
    REQUIRE(c.start(s, data) == "");
    run_sliced(a, 1000000000);
    run_sliced(b, 37);
    run_sliced(c, 1);
    CHECK(a.error() == "");
    CHECK(a.accuracy().rows_done() == 3);
    for (auto* r : {&b, &c}) {
        CHECK(r->accuracy().r == a.accuracy().r);
        CHECK(r->accuracy_awake().r == a.accuracy_awake().r);
        CHECK(r->weights().W == a.weights().W);
        CHECK(r->timeline().size() == a.timeline().size());
        CHECK(r->work_done() == a.work_done());
    }
    REQUIRE(a.current_image() >= 0);
    CHECK(a.current_label() == data->train.labels[a.current_image()]);
    CHECK(a.current_guess() >= 0);
    // 2 batches per task; sleeps of 300, 400, 500 steps; 2 evaluations per task (before and after its sleep)
    CHECK(a.timeline().size() == 2 * 3 + 3 + 4 + 5 + 2 * 3);
    CHECK(a.timeline().back().task_accuracy.size() == 3);
    // The evaluations' points are the accuracy matrices' rows (exact: every test image), so a task's curve ends
    // at its matrix cell; sampled points come between them.
    std::vector<std::vector<double>> evaluated;
    for (const auto& p : a.timeline())
        if (p.stage == DigitsStage::Evaluate) evaluated.push_back(p.task_accuracy);
    REQUIRE(evaluated.size() == 6);
    for (int t = 0; t < 3; ++t) {
        CAPTURE(t);
        const std::vector<double> awake(a.accuracy_awake().r.begin() + 3 * t, a.accuracy_awake().r.begin() + 3 * t + 3);
        const std::vector<double> slept(a.accuracy().r.begin() + 3 * t, a.accuracy().r.begin() + 3 * t + 3);
        CHECK(same_values(evaluated[2 * t], awake));
        CHECK(same_values(evaluated[2 * t + 1], slept));
    }
    CHECK(a.timeline().back().stage == DigitsStage::Evaluate);
    REQUIRE(a.sleep() != nullptr);
    CHECK(a.sleep()->steps_done() == 500);
    CHECK(a.stage() == DigitsStage::Done);
    CHECK(a.timeline_work() > 0);
    CHECK(a.work_done() - a.timeline_work() == a.work_total());   // the total known at start was exact
    // A different seed gives different weights.
    s.seed = 2;
    DigitsRun d;
    REQUIRE(d.start(s, data) == "");
    run_sliced(d, 5000);
    CHECK(d.weights().W != a.weights().W);
}

TEST_CASE("digits run: interleaved sleep, joint baseline and the sequential twin run to the end") {
    auto data = synthetic_digits(60, 10);
    DigitsSettings s = tiny_settings();
    s.per_task = 200;
    s.sleep_schedule = "interleaved";
    s.sleep_every = 1;
    s.interleaved_steps = 50;
    DigitsRun inter, inter2;
    REQUIRE(inter.start(s, data) == "");
    REQUIRE(inter2.start(s, data) == "");
    run_sliced(inter, 999999);
    // Progress never goes back, though the interleaved sleeps are inserted as training reaches them, and the
    // total known at the start is the work done at the end.
    const int64_t total = inter2.work_total();
    double last = 0;
    int backwards = 0;
    for (int guard = 0; !inter2.advance(7) && guard < 1000000; ++guard) {
        backwards += inter2.progress() < last;
        last = inter2.progress();
    }
    CHECK(backwards == 0);
    CHECK(inter2.work_total() == total);
    CHECK(inter2.timeline_work() > 0);
    CHECK(inter2.work_done() - inter2.timeline_work() == total);
    CHECK(inter.accuracy().rows_done() == 3);
    CHECK(inter.weights().W == inter2.weights().W);
    CHECK(same_values(inter.accuracy().r, inter2.accuracy().r));
    CHECK(same_timeline(inter, inter2));
    s = tiny_settings();
    s.joint = true;
    s.joint_epochs = 8;
    DigitsRun joint, joint2;
    REQUIRE(joint.start(s, data) == "");
    REQUIRE(joint2.start(s, data) == "");
    run_sliced(joint, 250);
    run_sliced(joint2, 1);      // one unit of work per slice
    CHECK(joint.epoch_accuracy().size() == 8);
    CHECK(joint.weights().W == joint2.weights().W);
    CHECK(same_values(joint.accuracy().r, joint2.accuracy().r));
    CHECK(joint.epoch_accuracy() == joint2.epoch_accuracy());
    CHECK(joint.work_done() - joint.timeline_work() == joint.work_total());
    // Joint trains all three tasks (6 of the 10 classes) at once; this tiny net learns them slowly.
    double mean = 0;
    for (int j = 0; j < 3; ++j) mean += joint.accuracy().at(2, j) / 3;
    MESSAGE("joint: mean task accuracy " << mean << ", epoch 1 " << joint.epoch_accuracy().front());
    CHECK(mean > 0.4);
    s = tiny_settings();
    s.sleep = false;
    DigitsRun seq;
    REQUIRE(seq.start(s, data) == "");
    run_sliced(seq, 100000);
    CHECK(seq.sleep() == nullptr);
    CHECK(seq.accuracy().r == seq.accuracy_awake().r);
    CHECK(seq.accuracy().at(0, 0) >= 0.85);    // the synthetic classes are easy
}

TEST_CASE("digits network state: encode and decode; bad bytes leave the network unchanged") {
    auto data = synthetic_digits(20, 5);
    DigitsSettings s = tiny_settings();
    DigitsRun a, b;
    REQUIRE(a.start(s, data) == "");
    s.seed = 9;
    REQUIRE(b.start(s, data) == "");
    run_sliced(a, 100000);
    auto bytes = encode_network(a.net());
    CHECK(bytes.size() == encoded_network_size(a.net()));
    const auto before = b.weights().W;
    auto bad = bytes;
    bad[0] = 'X';
    CHECK(decode_network(bad, &b.net()).find("magic") != std::string::npos);
    bad = bytes; bad[8] = 9;
    CHECK(decode_network(bad, &b.net()).find("version") != std::string::npos);
    bad = bytes; bad.pop_back();
    CHECK(decode_network(bad, &b.net()).find("truncated") != std::string::npos);
    bad = bytes; bad[20] = 33;   // first hidden width 32 -> 33
    CHECK(decode_network(bad, &b.net()).find("differ") != std::string::npos);
    CHECK(decode_network({}, &b.net()).find("magic") != std::string::npos);
    // A NaN or infinity in the weights or momentum is refused (the floats end the file; momentum last).
    for (const uint32_t bits : {0x7fc00000u, 0x7f800000u}) {
        bad = bytes;
        std::memcpy(&bad[bad.size() - 4], &bits, 4);
        CHECK(decode_network(bad, &b.net()).find("not a finite number") != std::string::npos);
        bad = bytes;
        std::memcpy(&bad[bad.size() / 2], &bits, 4);
        CHECK(decode_network(bad, &b.net()).find("not a finite number") != std::string::npos);
    }
    CHECK(b.weights().W == before);
    REQUIRE(decode_network(bytes, &b.net()) == "");
    CHECK(b.weights().W == a.weights().W);
    CHECK(b.net().velocity() == a.net().velocity());
    std::vector<float> img(784);
    bytes_to_inputs(data->test.image(3), 784, img.data());
    CHECK(b.classify(img.data()) == a.classify(img.data()));
}

// Runs `s` to the end straight, and again saved after `part` of its work and loaded into a new run that finishes it:
// every result must be the same, bit for bit. Returns the stage the saved run was in.
static std::string resume_matches(const DigitsSettings& s, std::shared_ptr<const DigitsData> data, double part) {
    DigitsRun straight, first, second;
    REQUIRE(straight.start(s, data) == "");
    REQUIRE(first.start(s, data) == "");
    REQUIRE(second.start(s, data) == "");
    run_sliced(straight, 1000000000);
    const auto cut = static_cast<int64_t>(part * static_cast<double>(straight.work_done()));
    while (first.work_done() < cut && !first.advance(1)) {}   // small steps: stops inside stages
    const std::string where = std::string(stage_name(first.stage()));
    const auto blob = first.save();
    CHECK(blob.size() == first.save_size());
    REQUIRE(second.load(blob) == "");
    CHECK(second.work_done() == first.work_done());
    run_sliced(second, 777);
    CHECK(second.done());
    CHECK(same_values(second.accuracy().r, straight.accuracy().r));
    CHECK(same_values(second.accuracy_awake().r, straight.accuracy_awake().r));
    CHECK(same_timeline(second, straight));
    CHECK(second.final_accuracy() == straight.final_accuracy());
    CHECK(second.confusion().counts == straight.confusion().counts);
    CHECK(second.weights().W == straight.weights().W);
    CHECK(second.work_done() == straight.work_done());
    return where;
}

TEST_CASE("digits run: saved anywhere (training, evaluation, statistics, mid-sleep) and loaded, it finishes as if never stopped") {
    auto data = synthetic_digits(40, 20);
    DigitsSettings s = tiny_settings();
    std::set<std::string> stages;
    // Cuts across the whole run, each in some stage.
    for (int k = 0; k <= 20; ++k) stages.insert(resume_matches(s, data, k / 20.0));
    CHECK(stages.count("train") == 1);
    CHECK(stages.count("sleep") == 1);
    CHECK(stages.size() == 5);   // also evaluation, statistics and done
    DigitsSettings inter = s;    // interleaved naps: the schedule grows while it runs
    inter.sleep_schedule = "interleaved";
    inter.mlp.batch = 10;        // 8 batches per epoch: a nap after every 2nd batch
    inter.sleep_every = 2;
    inter.interleaved_steps = 50;
    std::set<std::string> nap_stages;
    for (int k = 1; k < 12; ++k) nap_stages.insert(resume_matches(inter, data, k / 12.0));
    CHECK(nap_stages.count("sleep") == 1);
    DigitsSettings joint = s;
    joint.joint = true;
    joint.joint_epochs = 2;
    for (double part : {0.2, 0.6}) resume_matches(joint, data, part);
}

TEST_CASE("digits run: a saved run is refused by other settings, and bad bytes leave the run unchanged") {
    auto data = synthetic_digits(40, 20);
    DigitsSettings s = tiny_settings();
    DigitsRun a, b;
    REQUIRE(a.start(s, data) == "");
    run_sliced(a, 500);
    a.advance(300);
    const auto blob = a.save();
    REQUIRE(b.start(s, data) == "");
    b.advance(50);
    const auto w = b.weights().W;
    const int64_t work = b.work_done();
    auto bad = blob;
    bad[0] = 'X';
    CHECK(b.load(bad).find("bad magic") != std::string::npos);
    CHECK(b.load(encode_network(a.net())).find("earlier sleepnet") != std::string::npos);
    bad = blob; bad[4] = 7;
    CHECK(b.load(bad).find("version 7") != std::string::npos);
    bad = blob; bad.resize(blob.size() / 2);
    CHECK(b.load(bad).find("truncated") != std::string::npos);
    bad = blob; bad.push_back(0);
    CHECK(b.load(bad).find("truncated or corrupt") != std::string::npos);
    // Flipped bytes anywhere: refused with a message, or accepted only as a run that still finishes.
    int refused = 0;
    for (size_t k = 8; k < blob.size(); k += blob.size() / 97) {
        bad = blob;
        bad[k] ^= 0x5a;
        DigitsRun c;
        REQUIRE(c.start(s, data) == "");
        if (!c.load(bad).empty()) { ++refused; continue; }
        run_sliced(c, 1000);
        CHECK(c.done());
    }
    CHECK(refused > 0);
    CHECK(b.weights().W == w);
    CHECK(b.work_done() == work);
    // Crafted states that a real save never has, at known offsets: [magic 4][version 4][settings 8+L][phases 8+9n]
    // [phase 4][begun 1][work done, total, timeline 8+8+8][training: task 4, order 8+4k, epoch..since_sleep 20, rng 32]
    // [dropout rng 32] ...
    DigitsRun fresh;
    REQUIRE(fresh.start(s, data) == "");
    const auto start_blob = fresh.save();
    uint64_t L = 0, n = 0;
    std::memcpy(&L, &start_blob[8], 8);
    std::memcpy(&n, &start_blob[16 + L], 8);
    const size_t begun = 16 + L + 8 + 9 * n + 4, dropout = begun + 1 + 24 + 4 + 8 + 20 + 32;
    bad = start_blob;
    bad[begun] = 1;             // training "under way" with nothing set up: it would read an empty order
    CHECK(b.load(bad).find("training under way is missing") != std::string::npos);
    bad = start_blob;
    std::memset(&bad[dropout], 0, 32);   // an all-zero generator never leaves zero
    CHECK(b.load(bad).find("random stream is zero") != std::string::npos);
    bad = start_blob;
    bad[16 + L + 6] = 0x7f;     // a phase count near 2^55: refused before anything is allocated
    CHECK(b.load(bad).find("truncated or corrupt") != std::string::npos);
    CHECK(b.work_done() == work);
    DigitsSettings other = s;
    other.seed = 2;
    DigitsRun c;
    REQUIRE(c.start(other, data) == "");
    CHECK(c.load(blob).find("other settings") != std::string::npos);
    other = s;
    other.mlp.lr = 0.2;
    REQUIRE(c.start(other, data) == "");
    CHECK(c.load(blob).find("other settings") != std::string::npos);
}

TEST_CASE("digits settings: keys the chosen condition does not use are named once, with the reason") {
    auto unused = [](const char* query) {
        DigitsSettings s;
        const auto kvs = parse_query(query);
        REQUIRE(s.apply(kvs).empty());
        std::string keys;
        for (auto& [k, why] : s.unused_keys(kvs)) keys += k + ";";
        return keys;
    };
    CHECK(unused("sleep=0&src_inc=5&src_inc=5&lr=0.2&joint_epochs=3") == "src_inc;joint_epochs;");
    CHECK(unused("joint=1&sleep=1&epochs=3&per_task=100&joint_epochs=3&src_dec=0.1") == "sleep;epochs;per_task;src_dec;");
    CHECK(unused("joint=1&joint_data=subsets&per_task=100") == "");
    CHECK(unused("sleep_every=5&interleaved_steps=10&src_base_steps=100&stats_limit=10") == "sleep_every;interleaved_steps;");
    CHECK(unused("sleep_schedule=interleaved&sleep_every=5&src_base_steps=100&src_steps_per_task=1") ==
          "src_base_steps;src_steps_per_task;");
    DigitsSettings s;
    REQUIRE(s.apply(parse_query("sleep=0&src_inc=5")).empty());
    CHECK(s.unused_keys(parse_query("sleep=0&src_inc=5"))[0].second == "there is no sleep (sleep 0)");
}

TEST_CASE("digits settings: presets, keys and clear errors") {
    DigitsSettings s;
    auto issues = s.apply({{"hidden", "50,50"}, {"preset", "quick"}, {"src_inc", "0.5"}});
    CHECK(issues.empty());
    CHECK(s.preset == "quick");
    CHECK(s.mlp.hidden == "50,50");    // given after the preset wins, wherever it appears
    CHECK(s.src.inc == 0.5);
    // The settings written to a JSON export read back to the same settings: a preset resets src_beta's values,
    // and the text shows them (it used to show an empty src_beta=, which then failed to read back).
    {
        DigitsSettings w;   // bound once, then set through the table, as the command line does
        SettingsTable tw;
        w.bind(tw);
        REQUIRE(tw.apply(DigitsSettings::preset_first({{"order", "01,23"}, {"preset", "quick"}})).empty());
        const std::string q = tw.to_query();
        CHECK(q.find("src_beta=14.548273,44.560317,38.046326") != std::string::npos);
        DigitsSettings r2;
        CHECK(r2.apply(parse_query(q)).empty());
        SettingsTable tr;
        r2.bind(tr);
        CHECK(tr.to_query() == q);
        CHECK(r2.src.beta == w.src.beta);
    }
    issues = s.apply({{"order", "01,1"}, {"hidden", "10,x"}, {"preset", "nope"}, {"bogus", "1"}});
    CHECK(issues.size() == 4);
    CHECK(s.order == "01,23,45,67,89");
    DigitsRun r;
    auto data = synthetic_digits(5, 2);
    s = DigitsSettings{};
    s.src.beta = {1.0, 2.0};
    CHECK(r.start(s, data).find("beta") != std::string::npos);
    s = DigitsSettings{};
    CHECK(r.start(s, nullptr).find("no data") != std::string::npos);
    // A task without test images among those evaluated would report NaN accuracies: refused, named.
    s.test_limit = 1;                  // the first synthetic test image is a 0: tasks 2-5 have none
    CHECK(r.start(s, data).find("task 2 has no test images among the first 1 (test_limit)") != std::string::npos);
    s.test_limit = 10;                 // one image of each class
    CHECK(r.start(s, data).empty());
    s.test_limit = 0;
    // Networks beyond the memory caps are refused with a message, not a failed allocation.
    issues = s.apply({{"hidden", "100000,100000"}});
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].message.find("limit") != std::string::npos);
    CHECK(s.mlp.hidden == "1200,1200");
    s.mlp.hidden = "20000,5";
    s.mlp.batch = 10000;               // <= 15.8 M weights pass; 10000 x ~20800 activations do not
    CHECK(r.start(s, data).find("activations") != std::string::npos);
    s.mlp.batch = 100;
    CHECK(r.start(s, data).empty());
}

// Advances one piece at a time until the run is about to begin `stage` of `task` (none of it done yet).
static void run_until(DigitsRun& run, DigitsStage stage, int task) {
    for (int guard = 0; !(run.stage() == stage && run.task() == task) && guard < 1000000; ++guard) run.advance(1);
    REQUIRE(run.stage() == stage);
    REQUIRE(run.task() == task);
}

TEST_CASE("digits run: the sleep's mean image is over all training images of the seen classes") {
    // 130 training images per class: 260 of classes 0-1 (statistics chunks of 250 + 10) and 520 of 0-3
    // (250 + 250 + 20). Each task trains on its first 20 only: B5 takes the statistics from all of them.
    auto data = synthetic_digits(130, 5);
    DigitsSettings s = tiny_settings();
    s.order = "01,23";
    s.per_task = 20;
    s.timeline_every = s.timeline_sleep_every = 0;
    DigitsRun run;
    REQUIRE(run.start(s, data) == "");
    for (int t = 0; t < 2; ++t) {
        run_until(run, DigitsStage::Sleep, t);   // statistics done, the sleep built from them
        const std::vector<int> seen = examples_of(data->train, run.tasks().seen_classes(t), 0);
        REQUIRE(seen.size() == 260u * (t + 1));
        std::vector<double> mean(784, 0.0);
        for (int i : seen)
            for (int k = 0; k < 784; ++k) mean[k] += data->train.image(i)[k] / 255.0 / static_cast<double>(seen.size());
        const std::vector<float>& m = run.sleep_inputs().mean_image;
        REQUIRE(m.size() == 784);
        // Float inputs summed in double: equal to ~1e-7; one image more or less moves a pixel by >= 1/(255 * 520).
        int off = 0;
        for (int k = 0; k < 784; ++k) off += std::fabs(m[k] - mean[k]) > 1e-6;
        INFO("after task " << t + 1);
        CHECK(off == 0);
    }
}

TEST_CASE("digits run: the first update of task 2 uses the momentum left by task 1, carried through sleep") {
    auto data = synthetic_digits(40, 5);
    DigitsSettings s = tiny_settings();
    s.order = "01,23";
    s.per_task = 50;
    s.mlp.batch = 50;        // one batch per epoch: the whole task, so the test can rebuild it
    s.mlp.dropout = 0;       // no masks drawn: the step can be replayed on a copy of the network
    s.timeline_every = s.timeline_sleep_every = 0;
    DigitsRun run;
    REQUIRE(run.start(s, data) == "");
    run_until(run, DigitsStage::Evaluate, 0);
    const auto v_task1 = run.net().velocity();
    float largest = 0;
    for (auto& v : v_task1) for (float x : v) largest = std::max(largest, std::fabs(x));
    CHECK(largest > 1e-3f);                      // there is momentum to carry: measured 0.011
    run_until(run, DigitsStage::Train, 1);       // after the sleep and its evaluation
    CHECK(run.net().velocity() == v_task1);      // sleep changes the weights, not the momentum
    // Task 2's batch, in the order of its data-order stream (as the run shuffles it).
    std::vector<int> order = examples_of(data->train, {2, 3}, s.per_task);
    REQUIRE(order.size() == 50u);
    Rng r = Rng::stream(static_cast<uint64_t>(s.seed), Stream::DataOrder, 1);
    r.shuffle(order.data(), static_cast<uint32_t>(order.size()));
    std::vector<float> x(order.size() * 784);
    std::vector<uint8_t> y;
    for (size_t i = 0; i < order.size(); ++i) {
        bytes_to_inputs(data->train.image(order[i]), 784, x.data() + i * 784);
        y.push_back(data->train.labels[order[i]]);
    }
    Mlp carried = run.net(), reset = run.net();
    for (auto& v : reset.velocity()) std::fill(v.begin(), v.end(), 0.0f);
    for (Mlp* m : {&carried, &reset})
        m->train_batch(x.data(), y.data(), 50, static_cast<float>(s.mlp.lr), static_cast<float>(s.mlp.momentum), 0, nullptr);
    run.advance(1);                              // one batch
    CHECK(run.weights().W == carried.weights().W);
    CHECK(run.net().velocity() == carried.velocity());
    CHECK(run.weights().W != reset.weights().W);   // the replay can tell the two apart
}

TEST_CASE("digits run: each sleep draws its own input spikes, the same again for the same seed") {
    // Every image is the same (labels differ), so both sleeps have the same mean image: their input
    // spikes then differ only through their random streams.
    auto d = std::make_shared<DigitsData>(*synthetic_digits(20, 5));
    for (auto* set : {&d->train, &d->test})
        for (size_t i = 784; i < set->pixels.size(); ++i) set->pixels[i] = set->pixels[i % 784];
    std::shared_ptr<const DigitsData> data = d;
    DigitsSettings s = tiny_settings();
    s.order = "01,23";
    s.per_task = 20;
    s.timeline_every = s.timeline_sleep_every = 0;
    // The input spikes (layer 0) of each sleep's first 100 steps, -1 between steps; and each sleep's mean image.
    auto record = [&](std::vector<std::vector<int>>* inputs, std::vector<std::vector<float>>* means) {
        DigitsRun run;
        REQUIRE(run.start(s, data) == "");
        run.set_sleep_listener([inputs](int step, int layer, const std::vector<int>& spiked) {
            if (layer != 0 || step >= 100) return;
            if (step == 0) inputs->emplace_back();
            inputs->back().insert(inputs->back().end(), spiked.begin(), spiked.end());
            inputs->back().push_back(-1);
        });
        for (int t = 0; t < 2; ++t) {
            run_until(run, DigitsStage::Sleep, t);
            means->push_back(run.sleep_inputs().mean_image);
        }
        run_sliced(run, 1 << 30);
    };
    std::vector<std::vector<int>> a, b;
    std::vector<std::vector<float>> mean_a, mean_b;
    record(&a, &mean_a);
    record(&b, &mean_b);
    REQUIRE(a.size() == 2);
    REQUIRE(mean_a.size() == 2);
    CHECK(mean_a[0] == mean_a[1]);
    CHECK(a[0].size() > 300);                  // spikes, not an empty stream: measured 567 and 546 (+ 100 separators)
    CHECK(a[0] != a[1]);
    CHECK(a == b);
}

TEST_CASE("digits run: the confusion matrix counts each test image in the row of its true class") {
    // Without sleep, after task 2 the net answers 2 or 3 for nearly everything: its columns (answers) are far
    // from its rows (labels). The first 25 test images hold 3 of each of classes 0-4 and 2 of each of 5-9.
    auto data = synthetic_digits(40, 5);
    DigitsSettings s = tiny_settings();
    s.order = "01,23";
    s.sleep = false;
    s.mlp.batch = 10;        // 16 updates per task: task 2 is learnt
    s.test_limit = 25;
    s.timeline_every = s.timeline_sleep_every = 0;
    DigitsRun run;
    REQUIRE(run.start(s, data) == "");
    run_sliced(run, 1 << 30);
    const ConfusionMatrix& c = run.confusion();
    REQUIRE(c.classes == 10);
    CHECK(c.total() == 25);
    for (int truth = 0; truth < 10; ++truth) {
        int64_t row = 0;
        for (int guess = 0; guess < 10; ++guess) row += c.counts[static_cast<size_t>(truth) * 10 + guess];
        INFO("class " << truth);
        CHECK(row == (truth < 5 ? 3 : 2));
    }
    // The check can tell rows from columns: most answers are 2 or 3, the labels of only 6 of the 25 images.
    int64_t answered_2_or_3 = 0;
    for (int truth = 0; truth < 10; ++truth)
        answered_2_or_3 += c.counts[static_cast<size_t>(truth) * 10 + 2] + c.counts[static_cast<size_t>(truth) * 10 + 3];
    CHECK(answered_2_or_3 > 12);   // measured: 22
}

#ifdef SLEEPNET_MNIST_DIR
// The effect itself on a reduced MNIST problem (two tasks, small net, short sleep): with sleep after each
// task, task 1 keeps most of its accuracy after task 2, where the no-sleep twin keeps none. Seeds 1-3,
// measured after task 2 (and its sleep):
//   task 1:                 sleep 0.80, 0.91, 0.77 (mean 0.83); no sleep 0.00 for all three
//   task 2:                 sleep 0.51, 0.18, 0.52 (mean 0.40); no sleep 0.69, 0.73, 0.67 (sleep costs some)
//   mean of the two tasks:  sleep 0.66, 0.54, 0.65; no sleep 0.35, 0.37, 0.33
// The twin scores exactly 0 on task 1, so "beats the twin" alone would pass for any retention above 0: the
// bounds are floors under the measured values, with room for seed-to-seed spread (B5: ~7 points SD). A mean
// image divided by the last statistics chunk's size (77x too bright after task 1) gave task 1: 0.42, 0.005,
// 0.43 and task 2: 0.05, 0.56, 0.00.
TEST_CASE("digits run: SRC sleep keeps task 1 better than the no-sleep twin (reduced MNIST)") {
    auto d = std::make_shared<DigitsData>();
    // scripts/setup.sh installs MNIST wherever the tests run (natively and under node), so a missing data
    // set fails here rather than passing without a check.
    const std::string e = load_digits_dir(SLEEPNET_MNIST_DIR, 10, d.get());
    INFO(e, " (run scripts/setup.sh)");
    REQUIRE(e == "");
    std::shared_ptr<const DigitsData> data = d;
    double old_task = 0, new_task = 0;
    for (int seed = 1; seed <= 3; ++seed) {
        DigitsSettings s;
        apply_digits_preset("quick", &s);
        s.order = "01,23";
        s.mlp.hidden = "100,100";
        s.per_task = 1000;
        s.test_limit = 2000;
        s.src.base_steps = 3000;
        s.seed = seed;
        DigitsRun slept, awake;
        REQUIRE(slept.start(s, data) == "");
        s.sleep = false;
        REQUIRE(awake.start(s, data) == "");
        run_sliced(slept, 1 << 30);
        run_sliced(awake, 1 << 30);
        const double a = slept.accuracy().at(1, 0), b = awake.accuracy().at(1, 0);
        CHECK(awake.accuracy().at(0, 0) > 0.85);
        MESSAGE("seed " << seed << ": task 1 after task 2: sleep " << a << ", no sleep " << b << "; task 2: sleep "
                << slept.accuracy().at(1, 1) << ", no sleep " << awake.accuracy().at(1, 1));
        INFO("seed " << seed);
        CHECK(a > 0.6);                                   // task 1 kept by every seed
        CHECK(slept.accuracy().at(1, 1) > 0.1);           // task 2 still learnt after the sleep (not all lost)
        CHECK(slept.accuracy().average(1) > awake.accuracy().average(1) + 0.1);   // both tasks together
        old_task += a / 3;
        new_task += slept.accuracy().at(1, 1) / 3;
    }
    CHECK(old_task > 0.7);
    CHECK(new_task > 0.3);
}
#endif

TEST_CASE("digits run: training that diverges stops with a message instead of reporting chance accuracy") {
    auto data = synthetic_digits(40, 10);
    DigitsSettings s = tiny_settings();
    s.mlp.hidden = "200,200";
    s.mlp.init_range = 0.5;
    s.mlp.lr = 2;   // in range (0..10), and too large here: the weights overflow during task 2
    DigitsRun run;
    REQUIRE(run.start(s, data) == "");
    while (!run.advance(1000)) {}
    CHECK(run.divergence().find("training diverged in task 2") == 0);
    CHECK(run.error().find("training diverged in task 2") != std::string::npos);
    CHECK(!std::isnan(run.accuracy_awake().at(0, 0)));                        // task 1 was measured
    CHECK(std::isnan(run.accuracy_awake().at(1, 0)));                        // task 2 never was: no chance-level row
    s.mlp.lr = 0.1;   // the control: the same run at the paper's rate
    DigitsRun ok;
    REQUIRE(ok.start(s, data) == "");
    while (!ok.advance(1000)) {}
    CHECK(ok.error() == "");
    CHECK(ok.divergence() == "");
}
