// Foraging model: sleep noise (see sleep_phase.h).
#include "forage/sleep_phase.h"

#include "forage/forage_network.h"

namespace sleepnet::forage {

void SleepPhase::store_rates(int task, const ForageNetwork& net) {
    rate[task].assign(kNH, 0.0);
    if (net.count_epochs > 0)
        for (int h = 0; h < kNH; ++h)
            rate[task][h] = static_cast<double>(net.counts_h[h]) / static_cast<double>(net.count_epochs);
    has_rate[task] = true;
}

double SleepPhase::p(int h) const {
    const double a = has_rate[0] ? rate[0][h] : 0.0, b = has_rate[1] ? rate[1][h] : 0.0;
    return (a + b) / 2.0;
}

double SleepPhase::uniform_p() const {
    double s = 0;
    for (int h = 0; h < kNH; ++h) s += p(h);
    return s / kNH;
}

int SleepPhase::kick(ForageNetwork& net, bool uniform, double pulse, Rng& rng) const {
    const double pu = uniform ? uniform_p() : 0.0;
    int n = 0;
    for (int h = 0; h < kNH; ++h) {
        const double u = rng.uniform();
        if (u <= (uniform ? pu : p(h)) && (uniform ? pu : p(h)) > 0.0) { net.H.add_input(h, pulse); ++n; }
    }
    return n;
}

}  // namespace sleepnet::forage
