// Spike raster: one point per spike at (time, neuron) in [0,1]^2, coloured by a small palette index.
layout(location = 0) in vec2 a_pos;
layout(location = 1) in float a_color;
uniform float u_point;
out vec3 v_color;
void main() {
    int c = int(a_color + 0.5);
    // Palette: twin A (blue), twin B (orange), input (gray), highlight (yellow): colour-blind safe pair.
    v_color = c == 0 ? vec3(0.27, 0.55, 0.94) : c == 1 ? vec3(0.96, 0.55, 0.16) : c == 2 ? vec3(0.6, 0.6, 0.6) : vec3(0.95, 0.9, 0.25);
    gl_PointSize = u_point;
    // y = 0 goes to the target's first row, which ImGui::Image shows at the top.
    gl_Position = vec4(a_pos.x * 2.0 - 1.0, a_pos.y * 2.0 - 1.0, 0.0, 1.0);
}
