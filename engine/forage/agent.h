// Foraging model: the agent (reference A3). It sees the 7x7 window centred on itself (wrapping), moves one
// square per epoch in the direction of the output neuron with the most spikes (ties at random; no spike:
// keep the last direction), and explores: code values make a random move (dx, dy each in {-1,0,1}) with
// probability floor(100 * 0.005 * hunger)/100, paper values with min(1, 1% + 1% * hunger) to one of the 8
// neighbours. Hunger counts moves since the last task particle. Performance is the rewarded share of the
// last 100 task particles eaten (seeded with 0.5, as the code's running window).
#pragma once
#include <cstdint>

#include "core/rng.h"

namespace sleepnet::forage {

constexpr int kPerfWindow = 100, kTrail = 32;

struct Agent {
    int x = 25, y = 25, dx = 1, dy = 1, hunger = 0;
    double window[kPerfWindow];
    int window_next = 0;
    int16_t trail_x[kTrail] = {}, trail_y[kTrail] = {};
    int trail_len = 0, trail_next = 0;

    Agent() { clear_window(); }
    void clear_window() { for (double& v : window) v = 0.5; window_next = 0; }
    void record(double v) { window[window_next] = v; window_next = (window_next + 1) % kPerfWindow; }
    double performance() const;
    // Sets (dx, dy) from the 8 output spike counts; returns false (direction kept) if all are zero.
    bool choose(const int counts[8], Rng& ties);
    // Maybe replaces the direction by a random one (exploration); returns true if it did.
    bool explore(bool paper, double per_hunger, Rng& rng);
    void move(int world_size);
};

// Output neuron o moves by (kDirX[o], kDirY[o]) (the 3x3 direction blocks without the centre).
extern const int kDirX[8], kDirY[8];

}  // namespace sleepnet::forage
