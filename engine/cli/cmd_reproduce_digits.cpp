// sleepnet reproduce tadros2022: the paper's class-incremental MNIST protocol, three conditions
// (sequential, SRC, joint) over seeds, beside the published final accuracies (reference B3).
#include <cmath>
#include <cstdio>
#include <limits>

#include "cli/cli.h"
#include "cli/cmd_digits_shared.h"
#include "core/json.h"
#include "core/stats.h"
#include "published.h"

namespace sleepnet::cli {

using namespace sleepnet::digits;

static const char* kReproUsage =
    "usage: sleepnet reproduce tadros2022 [--seeds 5] [--json FILE] [--threads T] [--joint_max_epochs 12]\n"
    "                                     [--data DIR] [digits keys...]\n"
    "Runs the paper protocol (Tadros et al. 2022, class-incremental MNIST, 5 tasks of 2 digits) with and\n"
    "without SRC sleep and the joint baseline, and prints the final accuracy on all 10\n"
    "classes beside the published 19.49 % (sequential), 48.47 % (SRC) and 98.02 % (joint). Seeds run from\n"
    "--seed (default 1) to --seed + N - 1. The protocol sets --sleep and --joint itself. The joint run\n"
    "continues past the paper's 2 epochs up to --joint_max_epochs to report how many epochs reach 98 %.\n"
    "Any `sleepnet digits` key changes the protocol (then it is no longer the paper's).";

static int run_reproduce(const Args& args) {
    DigitsSettings s;
    SettingsTable t;
    s.bind(t);
    t.remove("sleep");    // each condition sets these itself
    t.remove("joint");
    int seeds = 5, threads = 1, joint_max = 12;
    std::string data_dir, json_path;
    t.add_int("seeds", &seeds, 1, 1000, "number of seeds, from --seed on");
    t.add_int("threads", &threads, 0, 256, "threads (0 = all cores); results do not depend on it");
    t.add_int("joint_max_epochs", &joint_max, 1, 1000, "joint: train this many epochs (>= the paper's 2)");
    t.add_string("data", &data_dir, "directory of IDX files");
    t.add_string("json", &json_path, "write {paper, seeds, rows} JSON to FILE");
    bool help = false;
    if (!parse_settings("reproduce tadros2022", preset_first_args(args), t, kReproUsage, &help)) return kUsage;
    if (help) return kOk;
    if (joint_max < s.joint_epochs) {
        std::fprintf(stderr, "sleepnet reproduce tadros2022: --joint_max_epochs %d is below --joint_epochs %d (the paper's "
                     "2): the longer joint run cannot be shorter\n", joint_max, s.joint_epochs);
        return kUsage;
    }
    if (!check_output_files("reproduce tadros2022", {json_path}, digits_dir_files(digits_data_dir(data_dir)))) return kFail;
    std::shared_ptr<const DigitsData> data;
    std::string e = load_digits_data(data_dir, &data);
    if (!e.empty()) { std::fprintf(stderr, "sleepnet reproduce tadros2022: %s\n", e.c_str()); return kFail; }

    const int paper_epochs = s.joint_epochs;
    std::vector<DigitsSettings> jobs;
    for (int i = 0; i < seeds; ++i)
        for (int c = 0; c < 3; ++c) {
            DigitsSettings j = s;
            j.seed = s.seed + i;
            j.sleep = c == 1;
            j.joint = c == 2;
            if (j.joint) j.joint_epochs = std::max(joint_max, paper_epochs);
            jobs.push_back(j);
        }
    {
        DigitsRun probe;
        e = probe.start(s, data);
        if (!e.empty()) { std::fprintf(stderr, "sleepnet reproduce tadros2022: %s\n", e.c_str()); return kUsage; }
    }
    auto runs = run_digits_jobs(jobs, data, threads, "reproduce tadros2022");
    std::vector<double> fin[3], avg[2], bwt[2], joint_paper, joint_last, to98;
    int reached = 0;
    for (auto& o : runs) {
        if (!o.error.empty()) { std::fprintf(stderr, "sleepnet reproduce tadros2022: %s\n", o.error.c_str()); return kFail; }
        const int c = o.settings.joint ? 2 : o.settings.sleep ? 1 : 0;
        if (c < 2) {
            fin[c].push_back(100.0 * o.final_accuracy);
            avg[c].push_back(100.0 * o.accuracy.average(o.accuracy.tasks - 1));
            bwt[c].push_back(100.0 * o.accuracy.backward_transfer());
            continue;
        }
        const auto& ep = o.epoch_accuracy;
        joint_paper.push_back(100.0 * ep[std::min<size_t>(paper_epochs, ep.size()) - 1]);
        joint_last.push_back(100.0 * ep.back());
        for (size_t k = 0; k < ep.size(); ++k)
            if (ep[k] >= 0.98) { to98.push_back(static_cast<double>(k + 1)); ++reached; break; }
    }
    const double nan = std::numeric_limits<double>::quiet_NaN();
    auto row = [](const char* c, const std::string& m, double paper, const std::vector<double>& v) {
        const MeanSd ms = mean_sd(v);
        return ReproRow{c, m, paper, ms.mean, ms.sd};
    };
    const std::string ep = std::to_string(paper_epochs), epmax = std::to_string(std::max(joint_max, paper_epochs));
    std::vector<ReproRow> rows{
        row("sequential", "final accuracy (%)", published::kTadrosSequential, fin[0]),
        row("SRC", "final accuracy (%)", published::kTadrosSrc, fin[1]),
        row("joint", "final accuracy (%), " + ep + " epochs", published::kTadrosJoint, joint_paper),
        row("sequential", "average accuracy (%)", nan, avg[0]),
        row("SRC", "average accuracy (%)", nan, avg[1]),
        row("sequential", "backward transfer (points)", nan, bwt[0]),
        row("SRC", "backward transfer (points)", nan, bwt[1]),
    };
    if (epmax != ep) {   // the longer joint run: where it ends, and how many epochs reach 98 %
        rows.insert(rows.begin() + 3, row("joint", "final accuracy (%), " + epmax + " epochs", nan, joint_last));
        rows.insert(rows.begin() + 4, row("joint", "epochs to reach 98 % (" + std::to_string(reached) + "/" +
                                      std::to_string(seeds) + " seeds within " + epmax + ")", nan, to98));
    }
    std::printf("Tadros et al. 2022, class-incremental MNIST (tasks %s), %d seed%s from %d\n", s.order.c_str(), seeds,
                seeds == 1 ? "" : "s", s.seed);
    // The published numbers stand beside another protocol only with the difference named.
    DigitsSettings paper;
    paper.seed = s.seed;   // the seeds are in the line above
    if (const std::string changed = s.changed_from(paper); !changed.empty())
        std::printf("changed from the paper protocol: %s\n", changed.c_str());
    std::printf("\n%s", repro_table(rows, 2).c_str());
    std::printf("\nper seed, final accuracy (%%):\n");
    const char* names[3] = {"sequential", "SRC", "joint (" };
    for (int c = 0; c < 3; ++c) {
        std::printf("  %-12s", c < 2 ? names[c] : (std::string(names[2]) + ep + " ep)").c_str());
        for (double v : c < 2 ? fin[c] : joint_paper) std::printf(" %6.2f", v);
        std::printf("\n");
    }
    if (!json_path.empty()) {
        e = write_text_file(json_path, repro_json("tadros2022", seeds, rows));
        if (!e.empty()) { std::fprintf(stderr, "sleepnet reproduce tadros2022: %s\n", e.c_str()); return kFail; }
    }
    return kOk;
}

static Command reg{"reproduce tadros2022", "the SRC paper's MNIST protocol: sequential, SRC, joint vs published",
                   kReproUsage, run_reproduce};

}  // namespace sleepnet::cli
