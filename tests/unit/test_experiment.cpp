// Experiment: settings routing and the URL form, twins in lockstep, results that do not depend on how
// the work is sliced, exports, and saved networks (foreign files rejected, state unchanged). What the headline
// shows: test_headline.cpp.
#include <doctest.h>

#include <algorithm>
#include <cmath>

#include "digits/digits_run.h"
#include "experiment.h"
#include "core/json.h"
#include "forage/forage_report.h"
#include "forage/forage_run.h"
#include "forage/protocol.h"
#include "experiment_runs.h"
#include "synthetic_digits.h"

using namespace sleepnet;
using test::run_to_end;
using test::small_digits;
using test::synthetic_digits;

TEST_CASE("experiment: settings routing, notices for bad keys, URL round trip") {
    ExperimentSettings s;
    auto issues = parse_experiment(parse_query("seed=7&twins=0&sleep=off&hidden=bogus&nonsense=1&order=01,23&lr=0.05"), &s);
    CHECK(s.seed == 7);
    CHECK_FALSE(s.twins);
    CHECK_FALSE(s.sleep);
    CHECK(s.digits.order == "01,23");
    CHECK(s.digits.mlp.lr == doctest::Approx(0.05));
    REQUIRE(issues.size() >= 1);
    bool named_nonsense = false;
    for (auto& i : issues) named_nonsense |= i.key == "nonsense";
    CHECK(named_nonsense);
    std::string q = experiment_query(s);
    CHECK(q.find("seed=7") != std::string::npos);
    CHECK(q.find("twins=0") != std::string::npos);
    ExperimentSettings t;
    CHECK(parse_experiment(parse_query(q), &t).empty());
    CHECK(experiment_query(t) == q);
    // Defaults give an empty query: a plain link is the default experiment.
    CHECK(experiment_query(ExperimentSettings{}) == "");
    ExperimentSettings f;
    CHECK(parse_experiment(parse_query("scenario=forage&protocol=nosuch"), &f).size() == 1);
    CHECK(f.protocol == "sleep_t2");
    // The joint baseline is a command-line run: in the lab both twins would run it under sleep labels.
    ExperimentSettings j;
    const auto ji = parse_experiment(parse_query("joint=1&joint_epochs=3&seed=2"), &j);
    REQUIRE(ji.size() == 2);
    CHECK(ji[0].key == "joint");
    CHECK(ji[0].message.find("command line") != std::string::npos);
    CHECK_FALSE(j.digits.joint);
    CHECK(j.digits.joint_epochs == ExperimentSettings{}.digits.joint_epochs);
    CHECK(j.seed == 2);
    CHECK(parse_experiment(parse_query("joint=0"), &j).empty());   // what the lab does anyway
    // A key of the other scenario is named, not silently dropped.
    ExperimentSettings o;
    const auto oi = parse_experiment(parse_query("train_aeons=5&order=01,23"), &o);
    REQUIRE(oi.size() == 1);
    CHECK(oi[0].key == "train_aeons");
    CHECK(oi[0].message.find("foraging setting") != std::string::npos);
    CHECK(o.digits.order == "01,23");
    const auto oi2 = parse_experiment(parse_query("scenario=forage&hidden=50,50&train_aeons=5"), &o);
    REQUIRE(oi2.size() == 1);
    CHECK(oi2[0].key == "hidden");
    CHECK(o.forage.train_aeons == 5);
}

TEST_CASE("experiment: digits twins run in lockstep and match solo runs, however sliced") {
    auto data = synthetic_digits(40, 20);
    ExperimentSettings s;
    REQUIRE(parse_experiment(small_digits(), &s).empty());
    Experiment e;
    REQUIRE(e.start(s, data) == "");
    REQUIRE(e.run_count() == 2);
    CHECK(e.run_label(0) == "with sleep");
    bool b_waited = false;
    for (int guard = 0; !e.done() && guard < 100000; ++guard) {
        e.advance(37 + guard % 50);
        // While the sleeping twin sleeps, the other never gets ahead by more than one piece of work.
        if (e.run(0).sleeping()) {
            CHECK(e.run(1).awake_work() <= e.run(0).awake_work() + 300);
            b_waited = true;
        }
    }
    REQUIRE(e.done());
    CHECK(b_waited);
    // The same settings as solo runs give identical accuracy matrices.
    for (int twin = 0; twin < 2; ++twin) {
        ExperimentSettings solo = s;
        solo.twins = false;
        solo.sleep = twin == 0;
        Experiment one;
        REQUIRE(one.start(solo, data) == "");
        while (!one.done()) one.advance(1000);
        const auto& a = e.run(twin).digits()->accuracy();
        const auto& b = one.run(0).digits()->accuracy();
        REQUIRE(a.r.size() == b.r.size());
        for (size_t k = 0; k < a.r.size(); ++k) CHECK(a.r[k] == b.r[k]);
        CHECK(e.run(twin).digits()->final_accuracy() == one.run(0).digits()->final_accuracy());
    }
    // Exports: JSON names both runs; CSV has a header and rows.
    std::string js = e.results_json();
    CHECK(js.find("\"with sleep\"") != std::string::npos);
    CHECK(js.find("\"accuracy_matrix\"") != std::string::npos);
    CHECK(js.rfind("{\"command\":\"digits\"", 0) == 0);
    CHECK(js.find("\"condition\":\"src\"") != std::string::npos);
    CHECK(e.results_csv().rfind("seed,condition,after_task,on_task,accuracy,accuracy_before_sleep,error\n", 0) == 0);
    CHECK(e.results_csv().find(",src,") != std::string::npos);
    CHECK(e.results_csv().find(",sequential,") != std::string::npos);
}

TEST_CASE("experiment: a foraging file saved from a link with a long number loads after that link reloads") {
    // The URL and the file header write each number so that it reads back exactly (here 12 digits).
    const std::string q = "scenario=forage&twins=0&protocol=single&unsup_aeons=1&train_aeons=2&test_aeons=1&epochs_per_aeon=4";
    ExperimentSettings s, reloaded;
    REQUIRE(parse_experiment(parse_query(q + "&rate_ema=0.0123456789012"), &s).empty());
    REQUIRE(parse_experiment(parse_query(experiment_query(s)), &reloaded).empty());
    CHECK(reloaded.forage.rate_ema == s.forage.rate_ema);   // not rounded by the URL
    CHECK(experiment_query(s).find("rate_ema=0.0123456789012") != std::string::npos);
    Experiment e, r;
    REQUIRE(e.start(s, nullptr) == "");
    e.advance(5000);
    REQUIRE(r.start(reloaded, nullptr) == "");
    CHECK(e.save_size() == e.save().size());
    CHECK(r.load(e.save()) == "");
    CHECK(r.run(0).save() == e.run(0).save());
}

TEST_CASE("experiment: a foraging network file whose run has other parameters than its header is refused") {
    const std::string q = "scenario=forage&twins=0&protocol=single&unsup_aeons=1&train_aeons=2&test_aeons=1&epochs_per_aeon=4";
    ExperimentSettings s, s2;
    REQUIRE(parse_experiment(parse_query(q), &s).empty());
    REQUIRE(parse_experiment(parse_query(q + "&stdp_scale=3"), &s2).empty());
    Experiment e, e2;
    REQUIRE(e.start(s, nullptr) == "");
    REQUIRE(e2.start(s2, nullptr) == "");
    // e's header (its settings) around e2's run.
    const auto run2 = e2.run(0).save();
    const std::string hq = experiment_query(s);
    std::vector<uint8_t> f = {'S', 'N', 'E', 'X'};
    auto put32 = [&](size_t v) { for (int i = 0; i < 4; ++i) f.push_back(static_cast<uint8_t>(v >> (8 * i))); };
    put32(1);
    put32(hq.size());
    f.insert(f.end(), hq.begin(), hq.end());
    put32(1);
    put32(run2.size());
    f.insert(f.end(), run2.begin(), run2.end());
    const auto before = e.run(0).save();
    CHECK(e.load(f).find("differ from the file's settings") != std::string::npos);
    CHECK(e.run(0).save() == before);
    CHECK(e.load(e.save()) == "");   // its own file loads
    // The same for a constant that is not a settings key, for another protocol, and for another seed.
    ForageParams world = s.forage;
    world.world_size = 40;
    for (const auto& blob : {ForageRun(world, "single", 1).save(), ForageRun(s.forage, "sequential", 1).save(),
                             ForageRun(s.forage, "single", 7).save()}) {
        std::vector<uint8_t> g(f.begin(), f.begin() + static_cast<long>(f.size() - run2.size() - 4));
        for (int i = 0; i < 4; ++i) g.push_back(static_cast<uint8_t>(blob.size() >> (8 * i)));
        g.insert(g.end(), blob.begin(), blob.end());
        CHECK(e.load(g).find("differ from the file's settings") != std::string::npos);
        CHECK(e.run(0).save() == before);
    }
}

TEST_CASE("experiment: saved networks load back; foreign or mismatched files change nothing") {
    auto data = synthetic_digits(40, 20);
    ExperimentSettings s;
    REQUIRE(parse_experiment(small_digits(), &s).empty());
    Experiment e;
    REQUIRE(e.start(s, data) == "");
    e.advance(400);
    auto blob = e.save();
    CHECK(e.save_size() == blob.size());   // the app checks the size before saving
    Experiment f;
    REQUIRE(f.start(s, data) == "");
    CHECK(f.load(blob) == "");
    CHECK(f.run(0).digits()->weights().W[0] == e.run(0).digits()->weights().W[0]);
    // Foreign bytes, truncation, other settings: a clear message, and the weights stay as they were.
    auto w_before = f.run(0).digits()->weights().W[0];
    CHECK(f.load({'P', 'K', 3, 4, 1, 2, 3, 4}) == "not a sleepnet network file");
    auto cut = blob; cut.resize(cut.size() / 2);
    CHECK(f.load(cut).find("truncated") != std::string::npos);
    cut.resize(12 + (cut[8] | cut[9] << 8));   // ends after the settings text, before the count of networks
    CHECK(f.load(cut).find("truncated") != std::string::npos);
    ExperimentSettings other = s;
    other.seed = 5;
    Experiment g;
    REQUIRE(g.start(other, data) == "");
    CHECK(g.load(blob).find("other settings") != std::string::npos);
    CHECK(f.run(0).digits()->weights().W[0] == w_before);
}

TEST_CASE("experiment: foraging twins export the command line's per-run fields") {
    Experiment e;
    test::start(e, "scenario=forage&unsup_aeons=1&train_aeons=1&test_aeons=1&interleave_aeons=2&epochs_per_aeon=4");
    REQUIRE(e.run_count() == 2);
    CHECK(e.run_label(0) == "sleep_t2");
    CHECK(e.run_label(1) == "sequential");
    for (int guard = 0; !e.done() && guard < 100000; ++guard) e.advance(5000);
    REQUIRE(e.done());
    std::string js = e.results_json();
    CHECK(js.rfind("{\"command\":\"forage\"", 0) == 0);
    for (const char* k : {"\"protocol\":\"sleep_t2\"", "\"protocol\":\"sequential\"", "\"results\":[{\"checkpoint\"", "\"performance_per_aeon\":[", "\"seed\":1"})
        CHECK(js.find(k) != std::string::npos);
    CHECK(e.results_csv().rfind("seed,aeon,stage,sleep,performance,rewarded,punished,hidden_spikes,output_spikes,error\n1,0,", 0) == 0);
    CHECK(e.results_csv().find(",\n") != std::string::npos);        // an empty error column: the run did not stop
    CHECK(e.results_csv().find("saturated") == std::string::npos);
    CHECK(!e.run(0).forage()->results().empty());   // the tests have run (4-movement tests may eat nothing: next case)
}

TEST_CASE("experiment: settings that build the same run have one spelling (links and saved files compare equal)") {
    ExperimentSettings a, b, c;
    REQUIRE(parse_experiment(parse_query("hidden=0400,0400&order=01,%2023,45,%2067,89"), &a).empty());
    REQUIRE(parse_experiment(parse_query("hidden=400,400&order=01,23,45,67,89"), &b).empty());
    CHECK(a.digits.mlp.hidden == "400,400");
    CHECK(a.digits.order == "01,23,45,67,89");
    CHECK(experiment_query(a) == experiment_query(b));
    CHECK(experiment_query(a) == experiment_query(c));   // both are the quick preset's values: the defaults
}

TEST_CASE("experiment: a digits run whose training diverges is reported as stopped, with the reason") {
    auto data = synthetic_digits(40, 20);
    Experiment e;
    test::start(e, "hidden=200,200&init_range=0.5&lr=2&per_task=80&order=01,23,45", data);
    run_to_end(e, 500);
    CHECK(e.error().find("training diverged") != std::string::npos);
    CHECK(e.run(0).stage_label() == "stopped");
    CHECK(e.save_problem().find("training diverged") != std::string::npos);
    // The CSV says why its cells are empty: every row of the stopped run ends with the reason.
    const std::string csv = e.results_csv();
    CHECK(csv.find("," + csv_escape(e.run(0).error()) + "\n") != std::string::npos);
}

TEST_CASE("experiment: digits twins saved while one sleeps and the other waits finish as if never stopped") {
    auto data = synthetic_digits(40, 20);
    ExperimentSettings s;
    REQUIRE(parse_experiment(small_digits(), &s).empty());
    Experiment straight, first, second;
    REQUIRE(straight.start(s, data) == "");
    REQUIRE(first.start(s, data) == "");
    REQUIRE(second.start(s, data) == "");
    run_to_end(straight, 333);
    while (!first.run(0).sleeping()) first.advance(7);
    first.advance(100);   // part-way into the first sleep; the non-sleeping twin waits
    REQUIRE(first.run(0).sleeping());
    REQUIRE(second.load(first.save()) == "");
    CHECK(second.run(0).sleeping());
    CHECK(second.run(0).work() == first.run(0).work());
    CHECK(second.run(1).work() == first.run(1).work());
    run_to_end(second, 91);
    CHECK(second.results_json() == straight.results_json());
    CHECK(second.run(0).digits()->weights().W == straight.run(0).digits()->weights().W);
}

TEST_CASE("experiment: foraging twins simulate their shared prefix once and equal solo runs") {
    const char* q = "scenario=forage&unsup_aeons=1&train_aeons=2&test_aeons=1&interleave_aeons=2&epochs_per_aeon=4&seed=3";
    for (const std::string& proto : forage::protocol_names()) {
        if (proto == "sequential") continue;
        CAPTURE(proto);
        ExperimentSettings s;
        REQUIRE(parse_experiment(parse_query(std::string(q) + "&protocol=" + proto), &s).empty());
        ForageRun solo(s.forage, proto, 3), base(s.forage, "sequential", 3);
        while (!solo.done()) solo.advance(1 << 30);
        while (!base.done()) base.advance(1 << 30);
        forage::Protocol a, b;
        REQUIRE(forage::make_protocol(proto, s.forage, &a) == "");
        REQUIRE(forage::make_protocol("sequential", s.forage, &b) == "");
        const int64_t shared = forage::shared_prefix_aeons(a, b) * solo.aeon_steps();
        CHECK(shared >= s.forage.unsup_aeons * solo.aeon_steps());   // every protocol starts unsupervised
        Experiment e;
        REQUIRE(e.start(s, nullptr) == "");
        // While the leader is in the shared prefix the baseline reads as the leader and has not started.
        e.advance(1000);
        CHECK(e.run(1).forage() == e.run(0).forage());
        CHECK(e.run(1).work() == e.run(0).work());
        CHECK(e.run(1).stage_label() == e.run(0).stage_label());
        const int64_t used = 1000 + run_to_end(e, 777);
        // Bit-identical to the runs from scratch, and the prefix was simulated once.
        CHECK(e.run(0).save() == solo.save());
        CHECK(e.run(1).save() == base.save());
        CHECK(e.run(1).forage() != e.run(0).forage());
        CHECK(used == solo.total_steps() + base.total_steps() - shared);
    }
    // The sleep_t2 prefix, by hand: unsupervised, T1 and the two tests after it.
    ForageParams p;
    REQUIRE(forage_params_from_query("", &p) == "");
    forage::Protocol a, b;
    REQUIRE(forage::make_protocol("sleep_t2", p, &a) == "");
    REQUIRE(forage::make_protocol("sequential", p, &b) == "");
    CHECK(forage::shared_prefix_aeons(a, b) == p.unsup_aeons + p.train_aeons + 2 * p.test_aeons);
    CHECK(forage::shared_prefix_aeons(a, a) == a.total_aeons());
}

TEST_CASE("experiment: foraging settings that saturate the network stop the runs with an error, not a crash") {
    // In range one by one, but together they make every neuron fire in almost every step: the STDP traces
    // would take gigabytes (measured 3.6 GB before the guard).
    const std::string q = "scenario=forage&unsup_aeons=1&train_aeons=2&test_aeons=1&interleave_aeons=2&target_dt=0.5&rate_ema=1&seed=1";
    ExperimentSettings s;
    REQUIRE(parse_experiment(parse_query(q), &s).empty());
    ForageRun solo(s.forage, s.protocol, 1);
    int guard = 0;
    while (!solo.done() && guard++ < 100000) solo.advance(60000);
    CHECK(solo.done());
    CHECK(solo.error().find("saturated") != std::string::npos);
    CHECK(solo.step() < solo.total_steps());       // stopped early
    CHECK(solo.advance(60000) == 0);                // and stays stopped
    {   // its CSV rows end with the reason; a run that did not stop has an empty error column
        const std::string csv = forage_csv_rows(forage_outcome(solo, s.protocol, 1));
        REQUIRE(!csv.empty());
        const std::string tail = "," + csv_escape(solo.error()) + "\n";
        CHECK(csv.substr(csv.size() - tail.size()) == tail);
    }
    ForageRun again(s.forage, s.protocol, 1);       // a saved stopped run loads stopped
    REQUIRE(again.load(solo.save()) == "");
    CHECK(again.error() == solo.error());
    CHECK(again.advance(60000) == 0);
    // Format 2 (no stop error in the blob) still loads: the same blob without its error string, version 2.
    {
        auto blob = solo.save();
        const std::string& why = solo.error();
        REQUIRE_FALSE(why.empty());                 // an empty one is found at offset 0, and the erase below crashes
        auto it = std::search(blob.begin(), blob.end(), why.begin(), why.end());
        REQUIRE(it != blob.end());
        const long at = it - blob.begin() - 8;     // its u64 length comes first
        blob.erase(blob.begin() + at, blob.begin() + at + 8 + static_cast<long>(why.size()));
        blob[4] = 2;
        ForageRun old(s.forage, s.protocol, 1);
        REQUIRE(old.load(blob) == "");
        CHECK(old.error() == "");                   // format 2 did not record why a run stopped
        old.advance(1000);                           // the state is saturated: it stops again at once
        CHECK(old.error().find("saturated") != std::string::npos);
    }
    // Twins: it happens in the shared prefix, so the follower stops with its leader and the experiment ends.
    Experiment e;
    REQUIRE(e.start(s, nullptr) == "");
    REQUIRE(e.run_count() == 2);
    run_to_end(e, 6000);
    CHECK(e.done());
    CHECK(e.error().rfind("sleep_t2: ", 0) == 0);
    CHECK(e.error().find("saturated") != std::string::npos);
    CHECK(e.run(1).done());
    CHECK(e.run(1).error() == e.run(0).error());
    // The export says why the run stopped.
    CHECK(e.results_json().find("\"error\":") != std::string::npos);
    // A refused file leaves it stopped (the rollback restores the error with the state).
    const std::string why = e.error();
    CHECK_FALSE(e.load({'S', 'N', 'E', 'X', 1, 0, 0, 0}).empty());
    Experiment other;
    ExperimentSettings s3 = s;
    s3.seed = 2;
    REQUIRE(other.start(s3, nullptr) == "");
    CHECK_FALSE(e.load(other.save()).empty());
    CHECK(e.error() == why);
    CHECK(e.done());
    // Normal settings: no error.
    Experiment e2;
    test::start(e2, "scenario=forage&unsup_aeons=1&train_aeons=2&test_aeons=1&interleave_aeons=2&epochs_per_aeon=4");
    run_to_end(e2, 60000);
    CHECK(e2.done());
    CHECK(e2.error() == "");
}

TEST_CASE("experiment: foraging twins saved inside the shared prefix load back and finish the same") {
    ExperimentSettings s;
    REQUIRE(parse_experiment(parse_query("scenario=forage&unsup_aeons=1&train_aeons=2&test_aeons=1&interleave_aeons=2&epochs_per_aeon=4"), &s).empty());
    Experiment e, f, g;
    REQUIRE(e.start(s, nullptr) == "");
    e.advance(3000);                       // inside the prefix
    const auto mid = e.save();
    run_to_end(e, 5000);
    REQUIRE(f.start(s, nullptr) == "");
    REQUIRE(f.load(mid) == "");
    CHECK(f.run(1).work() == f.run(0).work());   // following again
    run_to_end(f, 333);
    CHECK(f.run(0).save() == e.run(0).save());
    CHECK(f.run(1).save() == e.run(1).save());
    // A finished file: both runs as saved.
    REQUIRE(g.start(s, nullptr) == "");
    REQUIRE(g.load(f.save()) == "");
    CHECK(g.done());
    CHECK(g.run(1).save() == e.run(1).save());
    // A file saved after the branch point, loaded while following: both runs continue, in lockstep again
    // (the lockstep counters are not saved; a stale zero would let the baseline run alone).
    Experiment h, k;
    REQUIRE(h.start(s, nullptr) == "");
    while (h.run(1).forage() == h.run(0).forage()) h.advance(500);
    h.advance(1200);
    REQUIRE_FALSE(h.run(0).done());
    REQUIRE_FALSE(h.run(1).done());
    REQUIRE(k.start(s, nullptr) == "");
    k.advance(9000);                           // deep into the prefix: the leader's counter is far ahead
    REQUIRE(k.run(1).forage() == k.run(0).forage());
    REQUIRE(k.load(h.save()) == "");
    CHECK(k.run(1).forage() != k.run(0).forage());
    const int64_t w0 = k.run(0).work(), w1 = k.run(1).work();
    k.advance(2400);
    CHECK(k.run(0).work() > w0);
    CHECK(k.run(1).work() > w1);
    run_to_end(k, 999);
    CHECK(k.run(0).save() == e.run(0).save());
    CHECK(k.run(1).save() == e.run(1).save());
}

TEST_CASE("experiment: a URL key given twice with different values keeps its default and is named") {
    ExperimentSettings s;
    auto issues = parse_experiment(parse_query("scenario=forage&seed=4&seed=5&train_aeons=7&train_aeons=7"), &s);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].key == "seed");
    CHECK(issues[0].value == "4 and 5");
    CHECK(issues[0].message.find("twice") != std::string::npos);
    CHECK(s.seed == ExperimentSettings().seed);
    CHECK(s.forage.train_aeons == 7);      // the same value twice is fine
    CHECK(s.scenario == "forage");
    // The same number written two ways is the same value; a text key compares as text ("01" is not "1").
    ExperimentSettings t;
    CHECK(parse_experiment(parse_query("lr=0.1&lr=0.10&seed=3&seed=3.0e0"), &t).size() == 1);   // seed: not a whole number
    CHECK(t.digits.mlp.lr == 0.1);
    auto text = parse_experiment(parse_query("order=01&order=1"), &t);
    REQUIRE(text.size() == 1);
    CHECK(text[0].key == "order");
    // momentum: the same number; src_beta: the same list written two ways is still a text key, so it conflicts.
    auto two = parse_experiment(parse_query("momentum=0.5&momentum=.5&src_beta=1,2,3&src_beta=1.0,2,3"), &t);
    REQUIRE(two.size() == 1);
    CHECK(two[0].key == "src_beta");
}

TEST_CASE("experiment: the default foraging settings are the CLI's demo scale") {
    ExperimentSettings s;
    REQUIRE(parse_experiment(parse_query("scenario=forage"), &s).empty());
    ForageParams cli;
    REQUIRE(forage_params_from_query("", &cli) == "");   // what `sleepnet forage --scale demo` uses
    SettingsTable a, b;
    s.forage.bind(a);
    cli.bind(b);
    CHECK(a.to_query() == b.to_query());
    CHECK(experiment_query(s) == "scenario=forage");
    // Explicit keys still win over the preset, and bad ones are named.
    auto issues = parse_experiment(parse_query("scenario=forage&scale=medium&train_aeons=7&values=bogus"), &s);
    CHECK(s.forage.scale == "medium");
    CHECK(s.forage.train_aeons == 7);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].key == "values");
}

TEST_CASE("experiment: the link holds only the keys the experiment uses") {
    // A protocol chosen in the foraging scenario stayed in the digits link, and twins kept the single network's
    // sleep=0 (browser audit). Both are kept in the settings (switching back restores them), not in the link.
    ExperimentSettings s;
    REQUIRE(parse_experiment(parse_query("scenario=forage&protocol=freeze5"), &s).empty());
    CHECK(experiment_query(s) == "scenario=forage&protocol=freeze5");
    s.scenario = "digits";
    CHECK(experiment_query(s) == "");
    CHECK(s.protocol == "freeze5");
    ExperimentSettings t;
    REQUIRE(parse_experiment(parse_query("twins=0&sleep=0&seed=3"), &t).empty());
    CHECK(experiment_query(t) == "twins=0&sleep=0&seed=3");
    t.twins = true;
    CHECK(experiment_query(t) == "seed=3");
}

TEST_CASE("experiment: which foraging protocols sleep, and which protocols each choice of twins and sleep runs") {
    // The controls show the sleep box ticked only for a run that sleeps, and the protocol box shows what runs
    // (review: twins=0&sleep=0 runs sequential while the box said sleep_t2; interleaved twins showed sleep on).
    for (const auto& n : forage::protocol_names())
        CHECK_MESSAGE(forage::protocol_sleeps(n) == (n.find("sleep") != std::string::npos), n);
    CHECK(!forage::protocol_sleeps("no_such_protocol"));
    auto runs = [](const char* q) {
        ExperimentSettings s;
        REQUIRE(parse_experiment(parse_query(q), &s).empty());
        return forage_protocols(s);
    };
    using V = std::vector<std::string>;
    CHECK(runs("scenario=forage") == V{"sleep_t2", "sequential"});
    CHECK(runs("scenario=forage&twins=0&sleep=0") == V{"sequential"});
    CHECK(runs("scenario=forage&protocol=interleaved") == V{"interleaved", "sequential"});
    CHECK(runs("scenario=forage&protocol=freeze5&twins=0&sleep=1") == V{"freeze5"});
    CHECK(runs("scenario=forage&protocol=sequential") == V{"sequential"});
}

TEST_CASE("experiment: a key without a value is told the lab's syntax, key=VALUE") {
    // The message was the command line's ("--seed VALUE or seed=VALUE") on the page too (review).
    ExperimentSettings s;
    const auto issues = parse_experiment(parse_query("seed&twins&lr&train_aeons"), &s);
    REQUIRE(issues.size() == 3);   // twins is an on/off key: twins=1
    auto message = [&](const char* key) {
        for (const auto& i : issues) if (i.key == key) return i.message;
        return std::string("(none)");
    };
    CHECK(message("seed") == "needs a value (seed=VALUE)");
    CHECK(message("lr") == "needs a value (lr=VALUE)");
    CHECK(message("train_aeons") == "a foraging setting, not used in this scenario");   // not about its value
    CHECK(s.twins);
}
