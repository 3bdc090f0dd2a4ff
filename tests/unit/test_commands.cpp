// The command lines the lab shows for its runs (experiment_commands): read back through the command line's own
// readers, they give the runs' settings, for digits and foraging, twins and single runs, every numeric key.
#include <doctest.h>

#include <algorithm>
#include <cstdlib>

#include "core/settings.h"
#include "digits/digits_settings.h"
#include "experiment.h"
#include "forage/forage_params.h"

using namespace sleepnet;

// The keys in which the command line's digits settings differ from the run's, apart from keys the run does not
// use (its command leaves those out): "" when the command reproduces the run.
static std::string used_difference(const digits::DigitsSettings& cli, const digits::DigitsSettings& run) {
    const auto diff = parse_query(cli.changed_from(run));
    const auto unused = run.unused_keys(diff);
    std::string out;
    for (const auto& kv : diff)
        if (std::none_of(unused.begin(), unused.end(), [&](const auto& u) { return u.first == kv.key; })) out += kv.key + " ";
    return out;
}

// The words after "sleepnet COMMAND" as key=value pairs (the command lines use "--key value" throughout).
static std::vector<KeyValue> command_options(const std::string& command, std::string* name) {
    std::vector<std::string> w;
    for (size_t i = 0; i < command.size();) {
        size_t j = command.find(' ', i);
        if (j == std::string::npos) j = command.size();
        w.push_back(command.substr(i, j - i));
        i = j + 1;
    }
    REQUIRE(w.size() >= 2);
    CHECK(w[0] == "sleepnet");
    *name = w[1];
    std::vector<KeyValue> kvs;
    for (size_t i = 2; i + 1 < w.size(); i += 2) {
        REQUIRE(w[i].rfind("--", 0) == 0);
        kvs.push_back({w[i].substr(2), w[i + 1]});
    }
    CHECK((w.size() - 2) % 2 == 0);
    return kvs;
}

TEST_CASE("experiment: the command lines shown for the runs read back as the runs' settings") {
    SUBCASE("digits twins, the quick learner, changed keys") {
        ExperimentSettings s;
        REQUIRE(parse_experiment(parse_query("seed=7&order=9,8,76&per_task=300&src_inc=0.05&hidden=100,50"), &s).empty());
        const auto cmds = experiment_commands(s);
        REQUIRE(cmds.size() == 2);
        CHECK(cmds[0] == "sleepnet digits --preset quick --sleep 1 --seed 7 --order 9,8,76 --per_task 300 --hidden 100,50 --src_inc 0.05");
        // Without sleep, the sleep's keys are left out (the command line would note each as having no effect).
        CHECK(cmds[1] == "sleepnet digits --preset quick --sleep 0 --seed 7 --order 9,8,76 --per_task 300 --hidden 100,50");
        for (int i = 0; i < 2; ++i) {
            std::string name;
            auto kvs = command_options(cmds[i], &name);
            CHECK(name == "digits");
            digits::DigitsSettings d;          // the command line's defaults (the paper's learner)
            REQUIRE(d.apply(kvs).empty());     // preset first, then the keys: as the command line reads them
            digits::DigitsSettings run = s.digits;
            run.seed = s.seed;
            run.sleep = i == 0;
            CHECK(used_difference(d, run) == "");
            CHECK(d.seed == 7);
            CHECK(d.sleep == (i == 0));
        }
    }
    SUBCASE("digits, the text keys: interleaved naps, thresholds per layer") {
        ExperimentSettings s;
        REQUIRE(parse_experiment(parse_query("twins=0&sleep_schedule=interleaved&src_beta=10,20.5,30&hidden=300,200"), &s).empty());
        const auto cmds = experiment_commands(s);
        REQUIRE(cmds.size() == 1);
        std::string name;
        auto kvs = command_options(cmds[0], &name);
        digits::DigitsSettings d;
        REQUIRE(d.apply(kvs).empty());
        digits::DigitsSettings run = s.digits;
        run.seed = s.seed;
        run.sleep = true;
        CHECK(used_difference(d, run) == "");
        CHECK(d.sleep_schedule == "interleaved");
    }
    SUBCASE("digits, one network without sleep, the paper's learner") {
        ExperimentSettings s;
        REQUIRE(parse_experiment(parse_query("twins=0&sleep=0&preset=paper&seed=123456789"), &s).empty());
        CHECK(experiment_commands(s) == std::vector<std::string>{"sleepnet digits --preset paper --sleep 0 --seed 123456789"});
    }
    SUBCASE("foraging twins at another scale, with the paper's values and changed keys") {
        ExperimentSettings s;
        REQUIRE(parse_experiment(parse_query("scenario=forage&protocol=freeze5&seed=1000000000&values=paper&scale=medium&train_aeons=40&sleep_reward=0.25"), &s).empty());
        const auto cmds = experiment_commands(s);
        REQUIRE(cmds.size() == 2);
        const char* protos[] = {"freeze5", "sequential"};
        for (int i = 0; i < 2; ++i) {
            std::string name;
            auto kvs = command_options(cmds[i], &name);
            CHECK(name == "forage");
            std::vector<KeyValue> model;
            std::string protocol, first_seed, seeds;
            for (const auto& kv : kvs) {
                if (kv.key == "protocol") protocol = kv.value;
                else if (kv.key == "first_seed") first_seed = kv.value;
                else if (kv.key == "seeds") seeds = kv.value;
                else model.push_back(kv);
            }
            CHECK(protocol == protos[i]);
            CHECK(first_seed == "1000000000");
            CHECK(seeds == "1");
            ForageParams p;
            REQUIRE(forage_params_from_keys(model, &p) == "");   // as the command line reads them
            CHECK(p.values == "paper");
            CHECK(p.scale == "medium");
            CHECK(p.train_aeons == 40);
            CHECK(forage_params_changed(p) == forage_params_changed(s.forage));
            SettingsTable a, b;
            ForageParams run = s.forage;
            p.bind(a);
            run.bind(b);
            CHECK(diff_query(a, b) == "");   // every model key equal
        }
    }
    SUBCASE("foraging, one network: sleep off runs the sequential baseline") {
        ExperimentSettings s;
        REQUIRE(parse_experiment(parse_query("scenario=forage&twins=0&sleep=0&seed=4"), &s).empty());
        CHECK(experiment_commands(s) == std::vector<std::string>{"sleepnet forage --protocol sequential --first_seed 4 --seeds 1"});
    }
}

// For every numeric key of digits and foraging, one at a time: a value other than the default (the first that the
// key accepts of x1.5, x0.5, +1, -1), its command line, and the command line's readers give the run's settings.
TEST_CASE("experiment: every numeric key changed alone reads back from the command line") {
    int checked = 0;
    for (const char* scenario : {"digits", "forage"}) {
        ExperimentSettings base;
        REQUIRE(parse_experiment(parse_query(std::string("scenario=") + scenario), &base).empty());
        SettingsTable t;
        digits::DigitsSettings dprobe = base.digits;
        ForageParams fprobe = base.forage;
        if (std::string(scenario) == "digits") dprobe.bind(t);
        else fprobe.bind(t);
        for (const std::string& key : t.keys()) {
            const std::string now = t.get(key);
            // seed and sleep are the lab's own keys; the joint baseline runs only from the command line
            if (key == "seed" || key == "sleep" || key.rfind("joint", 0) == 0 || !is_plain_number(now)) continue;
            const double v = std::strtod(now.c_str(), nullptr);
            std::string value;
            for (double c : {v * 1.5, v * 0.5, v + 1, v - 1}) {
                const std::string text = format_number(c);
                std::string err;
                if (text != now && t.set(key, text, &err)) { value = t.get(key); break; }
            }
            t.set(key, now, nullptr);
            if (value.empty() || value == now) continue;   // e.g. a range of one value
            ExperimentSettings s;
            const auto issues = parse_experiment(parse_query(std::string("scenario=") + scenario + "&seed=9&" + key + "=" + value), &s);
            INFO(std::string(scenario) << " " << key << "=" << value);
            REQUIRE(issues.empty());
            for (const std::string& cmd : experiment_commands(s)) {
                INFO(cmd);
                std::string name;
                auto kvs = command_options(cmd, &name);
                if (name == "digits") {
                    digits::DigitsSettings d;
                    REQUIRE(d.apply(kvs).empty());
                    digits::DigitsSettings run = s.digits;
                    run.seed = s.seed;
                    run.sleep = d.sleep;   // twins: one command each
                    CHECK(used_difference(d, run) == "");
                    SettingsTable a;
                    d.bind(a);
                    if (run.unused_keys({{key, value}}).empty()) CHECK(a.get(key) == value);
                    else CHECK(std::none_of(kvs.begin(), kvs.end(), [&](const KeyValue& kv) { return kv.key == key; }));   // left out: no effect
                } else {
                    std::vector<KeyValue> model;
                    for (const auto& kv : kvs)
                        if (kv.key != "protocol" && kv.key != "first_seed" && kv.key != "seeds") model.push_back(kv);
                    ForageParams p;
                    REQUIRE(forage_params_from_keys(model, &p) == "");
                    SettingsTable a, b;
                    ForageParams run = s.forage;
                    p.bind(a);
                    run.bind(b);
                    CHECK(diff_query(a, b) == "");
                    CHECK(a.get(key) == value);
                }
            }
            ++checked;
        }
    }
    CHECK(checked > 40);   // both scenarios' numeric keys were reached
    MESSAGE("numeric keys checked: " << checked);
}
