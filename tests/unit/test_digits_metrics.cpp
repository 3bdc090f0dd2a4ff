// Digits metrics on hand-made matrices: accuracy matrix, average accuracy, forgetting, BWT, confusion.
#include <doctest.h>

#include <cmath>

#include "digits/metrics.h"

using namespace sleepnet::digits;

TEST_CASE("metrics: accuracy matrix, average, forgetting and backward transfer") {
    AccuracyMatrix m;
    m.reset(3);
    CHECK(m.rows_done() == 0);
    CHECK(std::isnan(m.backward_transfer()));
    const double R[3][3] = {{0.9, 0.0, 0.0}, {0.5, 0.8, 0.1}, {0.3, 0.4, 0.7}};
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) m.set(i, j, R[i][j]);
    CHECK(m.rows_done() == 3);
    CHECK(m.average(0) == doctest::Approx(0.9));
    CHECK(m.average(1) == doctest::Approx(0.65));
    CHECK(m.average(2) == doctest::Approx((0.3 + 0.4 + 0.7) / 3));
    auto f = m.forgetting();
    REQUIRE(f.size() == 2);
    CHECK(f[0] == doctest::Approx(0.6));
    CHECK(f[1] == doctest::Approx(0.4));
    CHECK(m.backward_transfer() == doctest::Approx(-0.5));
    // A partly filled matrix: metrics use the rows done so far.
    AccuracyMatrix p;
    p.reset(3);
    p.set(0, 0, 1.0); p.set(0, 1, 0.0); p.set(0, 2, 0.0);
    p.set(1, 0, 0.25);
    CHECK(p.rows_done() == 1);
    CHECK(p.forgetting().empty());
}

TEST_CASE("metrics: confusion matrix accuracies") {
    ConfusionMatrix c;
    c.reset(3);
    c.add(0, 0); c.add(0, 0); c.add(0, 1);   // class 0: 2 of 3
    c.add(1, 1);                             // class 1: 1 of 1
    c.add(2, 0); c.add(2, 1);                // class 2: 0 of 2
    CHECK(c.total() == 6);
    CHECK(c.accuracy() == doctest::Approx(0.5));
    CHECK(c.accuracy_on({0, 1}) == doctest::Approx(0.75));
    CHECK(c.accuracy_on({2}) == doctest::Approx(0.0));
    CHECK(c.counts[2 * 3 + 1] == 1);
    ConfusionMatrix e;
    e.reset(2);
    CHECK(std::isnan(e.accuracy()));
}
