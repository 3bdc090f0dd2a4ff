// sleepnet digits: accuracy matrix and confusion matrix (see metrics.h).
#include "digits/metrics.h"

#include <cmath>
#include <limits>

namespace sleepnet::digits {

static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

int64_t ConfusionMatrix::total() const {
    int64_t s = 0;
    for (auto c : counts) s += c;
    return s;
}

double ConfusionMatrix::accuracy() const {
    int64_t right = 0;
    for (int c = 0; c < classes; ++c) right += counts[static_cast<size_t>(c) * classes + c];
    const int64_t n = total();
    return n ? static_cast<double>(right) / n : kNaN;
}

double ConfusionMatrix::accuracy_on(const std::vector<int>& cls) const {
    int64_t right = 0, n = 0;
    for (int c : cls) {
        if (c < 0 || c >= classes) continue;
        for (int p = 0; p < classes; ++p) n += counts[static_cast<size_t>(c) * classes + p];
        right += counts[static_cast<size_t>(c) * classes + c];
    }
    return n ? static_cast<double>(right) / n : kNaN;
}

void AccuracyMatrix::reset(int n) {
    tasks = n;
    r.assign(static_cast<size_t>(n) * n, kNaN);
}

int AccuracyMatrix::rows_done() const {
    int rows = 0;
    for (int i = 0; i < tasks; ++i) {
        for (int j = 0; j < tasks; ++j) if (std::isnan(at(i, j))) return rows;
        ++rows;
    }
    return rows;
}

double AccuracyMatrix::average(int after) const {
    if (after < 0 || after >= tasks) return kNaN;
    double s = 0;
    for (int j = 0; j <= after; ++j) s += at(after, j);
    return s / (after + 1);
}

std::vector<double> AccuracyMatrix::forgetting() const {
    const int last = rows_done() - 1;
    std::vector<double> f;
    for (int j = 0; j < last; ++j) f.push_back(at(j, j) - at(last, j));
    return f;
}

double AccuracyMatrix::backward_transfer() const {
    auto f = forgetting();
    if (f.empty()) return kNaN;
    double s = 0;
    for (double x : f) s -= x;
    return s / f.size();
}

}  // namespace sleepnet::digits
