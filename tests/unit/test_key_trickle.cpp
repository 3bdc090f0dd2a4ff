// The app's key queue (web/key_trickle.h): ImGui 1.86 reads the keys once a frame, so every key event must reach
// it in a frame of its own key's, in order; a press and release between two frames used to be lost.
#include <doctest.h>

#include <string>
#include <vector>

#include "../../web/key_trickle.h"

using sleepnet::app::KeyTrickle;

namespace {
// One frame's deliveries as text: "+17 -17" (press, release).
std::string frame(KeyTrickle& q) {
    std::string out;
    q.frame([&](int key, bool down) {
        if (!out.empty()) out += ' ';
        out += down ? '+' : '-';
        out += std::to_string(key);
    });
    return out;
}
}  // namespace

TEST_CASE("key trickle: a chord pressed and released between two frames is seen down for one frame") {
    KeyTrickle q;
    const int ctrl = 341, a = 65;
    q.push(ctrl, true); q.push(a, true); q.push(a, false); q.push(ctrl, false);
    CHECK(frame(q) == "+341 +65");   // ctrl+A down together
    CHECK(frame(q) == "-65 -341");
    CHECK(frame(q) == "");
    CHECK(q.queue.empty());
}

TEST_CASE("key trickle: repeated taps of one key become one press per frame, in order with other keys") {
    KeyTrickle q;
    const int bs = 259, left = 263;
    q.push(bs, true); q.push(bs, false); q.push(left, true); q.push(bs, true); q.push(bs, false); q.push(left, false);
    CHECK(frame(q) == "+259");
    CHECK(frame(q) == "-259 +263");   // the second backspace waits behind the arrow: order kept
    CHECK(frame(q) == "+259");
    CHECK(frame(q) == "-259 -263");
    CHECK(frame(q) == "");
}

TEST_CASE("key trickle: events of different keys in one frame all pass; a long backlog is delivered at once") {
    KeyTrickle q;
    for (int k = 0; k < 10; ++k) q.push(k, true);
    CHECK(frame(q) == "+0 +1 +2 +3 +4 +5 +6 +7 +8 +9");
    for (size_t i = 0; i <= KeyTrickle::kMaxQueued; ++i) q.push(7, i % 2 == 0);
    int delivered = 0;
    q.frame([&](int, bool) { ++delivered; });
    CHECK(delivered == static_cast<int>(KeyTrickle::kMaxQueued) + 1);
    CHECK(q.queue.empty());
}
