// sleepnet digits: continual-learning metrics, Avalanche conventions.
//
//   R[i][j]      accuracy on the test images of task j's classes, after training on task i
//   average(i)   mean of R[i][0..i] (the tasks seen so far)
//   forgetting   per task j < T-1: R[j][j] − R[T-1][j] (accuracy when learned minus accuracy at the end)
//   BWT          mean over j < T-1 of R[T-1][j] − R[j][j] (= −mean forgetting; Lopez-Paz & Ranzato 2017)
// The final accuracy is over the whole 10-class test set (the paper's measure); the confusion matrix
// counts test images by (true class, predicted class).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sleepnet::digits {

struct ConfusionMatrix {
    int classes = 0;
    std::vector<int64_t> counts;     // counts[true * classes + predicted]
    void reset(int n) { classes = n; counts.assign(static_cast<size_t>(n) * n, 0); }
    void add(int truth, int predicted) { counts[static_cast<size_t>(truth) * classes + predicted]++; }
    int64_t total() const;
    double accuracy() const;                                  // all classes; NaN if empty
    double accuracy_on(const std::vector<int>& classes) const;   // images whose true class is listed
};

struct AccuracyMatrix {
    int tasks = 0;
    std::vector<double> r;           // tasks x tasks, NaN where not measured yet
    void reset(int n);
    double at(int after, int on) const { return r[static_cast<size_t>(after) * tasks + on]; }
    void set(int after, int on, double v) { r[static_cast<size_t>(after) * tasks + on] = v; }
    int rows_done() const;           // rows with every entry measured

    double average(int after) const;          // mean of R[after][0..after]
    std::vector<double> forgetting() const;   // per task j < last: R[j][j] − R[last][j]; last = rows_done()-1
    double backward_transfer() const;         // NaN with fewer than 2 rows done
};

}  // namespace sleepnet::digits
