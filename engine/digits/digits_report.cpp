#include "digits/digits_report.h"

#include <cmath>
#include <cstdio>

namespace sleepnet::digits {

DigitsOutcome digits_outcome(const DigitsRun& run) {
    DigitsOutcome o;
    o.settings = run.settings();
    o.error = run.error();
    o.accuracy = run.accuracy();
    o.awake = run.accuracy_awake();
    // A run that stopped (diverged) has no final accuracy: its last evaluation came before the failure.
    o.final_accuracy = run.error().empty() ? run.final_accuracy() : std::nan("");
    o.confusion = run.confusion();
    o.epoch_accuracy = run.epoch_accuracy();
    o.timeline = run.timeline();
    o.seconds = std::nan("");
    return o;
}

const char* digits_condition(const DigitsSettings& s) { return s.joint ? "joint" : s.sleep ? "src" : "sequential"; }

static void matrix_json(JsonWriter& w, const AccuracyMatrix& m) {
    w.begin_array();
    for (int i = 0; i < m.tasks; ++i) {
        std::vector<double> row(m.r.begin() + static_cast<size_t>(i) * m.tasks, m.r.begin() + static_cast<size_t>(i + 1) * m.tasks);
        w.numbers(row);
    }
    w.end_array();
}

void digits_outcome_fields(JsonWriter& w, const DigitsOutcome& o) {
    const auto& s = o.settings;
    w.kv("seed", s.seed);
    w.kv("condition", digits_condition(s));
    w.kv("order", s.order);
    if (!o.error.empty()) w.kv("error", o.error);
    w.kv("final_accuracy", o.final_accuracy);
    w.key("accuracy_matrix"); matrix_json(w, o.accuracy);
    w.key("accuracy_matrix_before_sleep"); matrix_json(w, o.awake);
    const int last = o.accuracy.rows_done() - 1;
    w.kv("average_accuracy", last >= 0 ? o.accuracy.average(last) : std::nan(""));
    w.kv("backward_transfer", o.accuracy.backward_transfer());
    w.key("forgetting").numbers(o.accuracy.forgetting());
    if (!o.epoch_accuracy.empty()) { w.key("epoch_accuracy").numbers(o.epoch_accuracy); }
    w.key("confusion").begin_array();
    for (int t = 0; t < o.confusion.classes; ++t) {
        std::vector<double> row;
        for (int p = 0; p < o.confusion.classes; ++p) row.push_back(static_cast<double>(o.confusion.counts[static_cast<size_t>(t) * o.confusion.classes + p]));
        w.numbers(row);
    }
    w.end_array();
    if (!o.timeline.empty()) {
        w.key("timeline").begin_array();
        for (auto& p : o.timeline) {
            w.begin_object().kv("work", static_cast<long long>(p.work)).kv("stage", stage_name(p.stage)).kv("task", p.task)
                .kv("accuracy", p.accuracy).key("task_accuracy").numbers(p.task_accuracy).end_object();
        }
        w.end_array();
    }
    w.kv("seconds", o.seconds);
}

void digits_outcome_json(JsonWriter& w, const DigitsOutcome& o) {
    w.begin_object();
    digits_outcome_fields(w, o);
    w.end_object();
}

// error: why the run stopped (empty for a run that did not), so a stopped run's empty cells do not read as unfinished.
const char* digits_csv_header() { return "seed,condition,after_task,on_task,accuracy,accuracy_before_sleep,error\n"; }

std::string digits_csv_rows(const DigitsOutcome& o) {
    std::string out;
    const std::string error = csv_escape(o.error);
    char buf[160];
    for (int i = 0; i < o.accuracy.tasks; ++i)
        for (int j = 0; j < o.accuracy.tasks; ++j) {
            std::snprintf(buf, sizeof buf, "%d,%s,%d,%d,%s,%s,", o.settings.seed, digits_condition(o.settings), i + 1, j + 1,
                          fmt_num(o.accuracy.at(i, j)).c_str(), fmt_num(o.awake.at(i, j)).c_str());
            out += buf + error + "\n";
        }
    return out;
}

}  // namespace sleepnet::digits
