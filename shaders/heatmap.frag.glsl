// Heatmap: a float grid through a colour-map lookup texture. Values are normalised to [0,1] by lo..hi.
// NaN cells (missing data, e.g. tasks not yet trained) draw as neutral gray.
uniform sampler2D u_values;    // R32F, NEAREST
uniform sampler2D u_lut;       // 256 x 3 RGBA8: row 0 sequential, row 1 diverging, row 2 gray
uniform float u_lo;
uniform float u_hi;
uniform float u_map;           // lookup row
in vec2 v_uv;
out vec4 o_color;
void main() {
    // Grid row 0 lands in texture row 0, which ImGui::Image shows at the top: no flip needed.
    float v = texture(u_values, vec2(v_uv.x, v_uv.y)).r;
    if (v != v) { o_color = vec4(0.35, 0.35, 0.38, 1.0); return; }
    float t = clamp((v - u_lo) / max(u_hi - u_lo, 1e-20), 0.0, 1.0);
    o_color = texture(u_lut, vec2((t * 255.0 + 0.5) / 256.0, (u_map + 0.5) / 3.0));
}
