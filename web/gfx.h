// sleepnet app: GPU drawing with the project's shaders (shaders/*.glsl).
//
// Heatmaps and images: the app hands a grid of floats to a Heatmap; the heatmap shader maps the values
// through a colour map (a 256-entry lookup texture) into an RGBA texture that ImGui shows as an image.
// Colour maps are perceptually ordered and readable with colour-vision deficiencies:
//   Sequential: viridis-like (dark blue → green → yellow) for accuracies, rates, weights >= 0.
//   Diverging:  blue ↔ white ↔ orange for signed values (no red/green pair).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace sleepnet::app {

enum class ColorMap { Sequential = 0, Diverging = 1, Gray = 2 };

// Compiles shaders/VERT.vert.glsl + shaders/FRAG.frag.glsl (embedded at build time). 0 on failure,
// with the compiler's message in *error.
unsigned gfx_program(const char* vert, const char* frag, std::string* error);
bool gfx_init(std::string* error);      // builds programs and colour-map textures; call once with a context
void gfx_shutdown();

// A w x h grid of values drawn through a colour map into a texture (one per view; reuse across frames).
class Heatmap {
public:
    ~Heatmap();
    // values: row-major, w*h floats. lo..hi map to the colour map's ends (NaN draws as a neutral gray).
    void update(const float* values, int w, int h, float lo, float hi, ColorMap map);
    unsigned texture() const { return rgba_; }    // for ImGui::Image((ImTextureID)(intptr_t)texture(), ...)
    int width() const { return w_; }
    int height() const { return h_; }
private:
    unsigned data_ = 0, rgba_ = 0, fbo_ = 0;
    int w_ = 0, h_ = 0;
    uint64_t last_hash_ = 0;     // of the last input: unchanged data skips the upload and the pass
};

// Spike raster: points (x = time, y = neuron) drawn into a texture of the given size by shaders/raster.
class Raster {
public:
    ~Raster();
    // xs, ys in [0,1]; colors index a small palette (0..3: twin A, twin B, input, highlight).
    void update(const std::vector<float>& xs, const std::vector<float>& ys, const std::vector<uint8_t>& colors,
                int width_px, int height_px, float point_px);
    unsigned texture() const { return rgba_; }
private:
    unsigned vbo_ = 0, vao_ = 0, rgba_ = 0, fbo_ = 0;
    int w_ = 0, h_ = 0;
};

// Reads back the current framebuffer as RGBA8 rows (bottom row first, as GL gives them).
std::vector<unsigned char> gfx_read_framebuffer(int w, int h);
// The current framebuffer as an opaque PNG (top row first): the PNG export and the desktop's --screenshot.
std::vector<unsigned char> gfx_framebuffer_png(int w, int h);
// Encodes RGBA8 pixels (top row first) as a PNG (stored deflate blocks: simple, valid, larger than zlib).
std::vector<unsigned char> png_encode(const unsigned char* rgba, int w, int h);

}  // namespace sleepnet::app
