// Key presses and releases for ImGui 1.86, at most one change per key per frame.
//
// ImGui 1.86 reads io.KeysDown once a frame. A key pressed and released between two frames (a slow frame on a
// phone or under load, or a quick tap of a key) was never seen down, so a chord like ctrl+A or a Backspace was
// lost. The trickle queue keeps GLFW's key events and hands them to ImGui's backend in order at the start of
// each frame, stopping before a key would change a second time: the rest waits for the next frame. (ImGui 1.87
// added the same idea as its input queue.) Key repeats and typed characters are not queued: ImGui takes them
// directly. The logic is here, testable without GLFW; key_trickle.cpp wires it between GLFW and the backend.
#pragma once
#include <algorithm>
#include <cstddef>
#include <vector>

struct GLFWwindow;

namespace sleepnet::app {

struct KeyTrickle {
    struct Event { int key; bool down; };
    static constexpr size_t kMaxQueued = 512;   // no frames for a while (a hidden page): deliver all, as before
    std::vector<Event> queue;

    void push(int key, bool down) { queue.push_back({key, down}); }
    // Delivers the events that are due this frame, in order: deliver(key, down).
    template <class Deliver> void frame(Deliver&& deliver) {
        std::vector<int> changed;
        size_t i = 0;
        const bool all = queue.size() > kMaxQueued;
        for (; i < queue.size(); ++i) {
            const int key = queue[i].key;
            if (!all && std::find(changed.begin(), changed.end(), key) != changed.end()) break;
            changed.push_back(key);
            deliver(key, queue[i].down);
        }
        queue.erase(queue.begin(), queue.begin() + static_cast<std::ptrdiff_t>(i));
    }
};

// The GLFW side (key_trickle.cpp). Install after ImGui's GLFW backend installed its callbacks; call
// key_trickle_frame() each frame after polling events, before ImGui::NewFrame.
void key_trickle_install(GLFWwindow* window);
void key_trickle_frame();

}  // namespace sleepnet::app
