// Key events from GLFW to ImGui's backend through the trickle queue (see key_trickle.h).
#include "key_trickle.h"

#include <GLFW/glfw3.h>

namespace sleepnet::app {

static KeyTrickle g_keys;
static GLFWwindow* g_window = nullptr;
static GLFWkeyfun g_backend = nullptr;   // ImGui's GLFW backend's key callback

static void on_key(GLFWwindow* w, int key, int scancode, int action, int mods) {
    if (action == GLFW_REPEAT) { g_backend(w, key, scancode, action, mods); return; }
    g_keys.push(key, action == GLFW_PRESS);
}

void key_trickle_install(GLFWwindow* window) {
    g_window = window;
    g_backend = glfwSetKeyCallback(g_window, on_key);
    if (!g_backend) glfwSetKeyCallback(g_window, nullptr);   // nothing to feed: leave GLFW as it was
}

// The backend reads only the key and the action (1.86), and recomputes the modifiers from its key table.
void key_trickle_frame() {
    if (!g_backend) return;
    g_keys.frame([](int key, bool down) { g_backend(g_window, key, 0, down ? GLFW_PRESS : GLFW_RELEASE, 0); });
}

}  // namespace sleepnet::app
