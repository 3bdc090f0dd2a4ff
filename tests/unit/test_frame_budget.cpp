// The app's "these networks are too big for smooth frames" rule (web/frame_budget.h).
#include <doctest.h>

#include "../../web/frame_budget.h"

using sleepnet::app::piece_too_long;

TEST_CASE("frame budget: a slow frame is the networks' fault only when one piece overshot the budget") {
    const double target = 0.008;
    // A 100-sample batch of a huge network against a budget of 4 units: 60 ms.
    CHECK(piece_too_long(0.060, target, 100, 4));
    // One sleep step of a huge network (budget 1, pieces of 1 unit) taking 30 ms.
    CHECK(piece_too_long(0.030, target, 1, 1));
    // The default networks on a busy machine: the budget was spent as planned, only slower (38 ms).
    CHECK_FALSE(piece_too_long(0.038, target, 400, 380));
    // A big piece within the frame time: not slow.
    CHECK_FALSE(piece_too_long(0.017, target, 100, 48));
}
