// sleepnet tests: a small synthetic digits data set, shared by the run and experiment tests.
#pragma once

#include <cstdint>
#include <memory>

#include "core/rng.h"
#include "digits/idx.h"

namespace sleepnet::test {

// Ten classes of 28x28 "digits": class c lights a 6x6 patch at its own place (plus dim noise), so a small
// net learns them in one or two batches, and forgets them when it trains on other classes only.
inline std::shared_ptr<const digits::DigitsData> synthetic_digits(int train_per_class, int test_per_class) {
    auto d = std::make_shared<digits::DigitsData>();
    Rng r(77);
    auto fill = [&](digits::LabelledImages& set, int per_class) {
        set.rows = set.cols = 28;
        for (int i = 0; i < per_class * 10; ++i) {
            const int c = i % 10;
            set.labels.push_back(static_cast<uint8_t>(c));
            const int r0 = 2 + (c / 5) * 12, c0 = 2 + (c % 5) * 5;
            for (int y = 0; y < 28; ++y)
                for (int x = 0; x < 28; ++x) {
                    const bool on = y >= r0 && y < r0 + 6 && x >= c0 && x < c0 + 6;
                    set.pixels.push_back(static_cast<uint8_t>(on ? 150 + r.below(100) : r.below(40)));
                }
        }
    };
    fill(d->train, train_per_class);
    fill(d->test, test_per_class);
    d->source = "synthetic";
    return d;
}

}  // namespace sleepnet::test
