// Foraging model: the agent (see agent.h).
#include "forage/agent.h"

namespace sleepnet::forage {

const int kDirX[8] = {-1, -1, -1, 0, 0, 1, 1, 1};
const int kDirY[8] = {-1, 0, 1, -1, 1, -1, 0, 1};

double Agent::performance() const {
    double s = 0;
    for (double v : window) s += v;
    return s / kPerfWindow;
}

bool Agent::choose(const int counts[8], Rng& ties) {
    int best = 0, nbest = 0, winners[8];
    for (int o = 0; o < 8; ++o) {
        if (counts[o] > best) { best = counts[o]; nbest = 0; }
        if (counts[o] == best && best > 0) winners[nbest++] = o;
    }
    if (best == 0) return false;
    const int o = nbest == 1 ? winners[0] : winners[ties.below(static_cast<uint32_t>(nbest))];
    dx = kDirX[o]; dy = kDirY[o];
    return true;
}

bool Agent::explore(bool paper, double per_hunger, Rng& rng) {
    if (paper) {
        const double p = 0.01 + 0.01 * hunger;
        if (!(rng.uniform() < p)) return false;
        const int o = static_cast<int>(rng.below(8));
        dx = kDirX[o]; dy = kDirY[o];
        return true;
    }
    // Code: rand()%100 <= 100*p*hunger - 1, then each of dx, dy uniform in {-1, 0, 1}.
    const int r = static_cast<int>(rng.below(100));
    if (!(r <= 100.0 * per_hunger * hunger - 1.0)) return false;
    dx = static_cast<int>(rng.below(3)) - 1;
    dy = static_cast<int>(rng.below(3)) - 1;
    return true;
}

void Agent::move(int world_size) {
    x = ((x + dx) % world_size + world_size) % world_size;
    y = ((y + dy) % world_size + world_size) % world_size;
    trail_x[trail_next] = static_cast<int16_t>(x); trail_y[trail_next] = static_cast<int16_t>(y);
    trail_next = (trail_next + 1) % kTrail;
    if (trail_len < kTrail) ++trail_len;
}

}  // namespace sleepnet::forage
