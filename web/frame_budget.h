// sleepnet app: when to say that the networks are too big for smooth frames. No graphics here (unit-tested).
//
// Each frame gives the engine a budget of work units from the measured cost of recent units. Work comes in
// atomic pieces (a 100-sample batch, a chunk of test images, one sleep step), so a frame overshoots its budget
// by less than one piece. A piece that alone takes longer than several frames' time makes the page slow at every
// speed, and the app says so. Wall time alone cannot tell that case from a machine busy with other work (both make
// a frame's work slow; the notice once fired for the default networks on a loaded machine): only a big piece
// overshoots its budget by far, since the budget adapts to a slow machine within a few frames.
#pragma once
#include <cstdint>

namespace sleepnet::app {

// One frame's engine work: took `seconds` for `used` units, against `target_s` and `budget` units.
inline bool piece_too_long(double seconds, double target_s, int64_t used, int64_t budget) {
    return seconds > 3 * target_s && (used > 2 * budget || budget <= 1);
}

}  // namespace sleepnet::app
