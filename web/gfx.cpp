// sleepnet app: shader programs, heatmaps, rasters, framebuffer capture and PNG encoding.
#include "gfx.h"

#include <cmath>
#include <algorithm>
#include <cstring>

#include "gl.h"
#include "shaders_gen.h"

namespace sleepnet::app {

static unsigned g_heatmap_prog = 0, g_raster_prog = 0, g_lut = 0, g_empty_vao = 0;

static const char* shader_source(const std::string& file) {
    for (auto& s : kEmbeddedShaders) if (file == s.name) return s.source;
    return nullptr;
}

static unsigned compile(GLenum kind, const char* file, std::string* error) {
    const char* body = shader_source(file);
    if (!body) { *error = std::string("missing shader ") + file; return 0; }
    const char* parts[2] = {SN_GLSL_VERSION, body};
    unsigned s = glCreateShader(kind);
    glShaderSource(s, 2, parts, nullptr);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[2048] = {};
        glGetShaderInfoLog(s, sizeof log, nullptr, log);
        *error = std::string(file) + ": " + log;
        glDeleteShader(s);
        return 0;
    }
    return s;
}

unsigned gfx_program(const char* vert, const char* frag, std::string* error) {
    std::string vf = std::string(vert) + ".vert.glsl", ff = std::string(frag) + ".frag.glsl";
    unsigned v = compile(GL_VERTEX_SHADER, vf.c_str(), error);
    if (!v) return 0;
    unsigned f = compile(GL_FRAGMENT_SHADER, ff.c_str(), error);
    if (!f) { glDeleteShader(v); return 0; }
    unsigned p = glCreateProgram();
    glAttachShader(p, v);
    glAttachShader(p, f);
    glLinkProgram(p);
    glDeleteShader(v);
    glDeleteShader(f);
    GLint ok = 0;
    glGetProgramiv(p, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[2048] = {};
        glGetProgramInfoLog(p, sizeof log, nullptr, log);
        *error = std::string(vert) + "+" + frag + ": " + log;
        glDeleteProgram(p);
        return 0;
    }
    return p;
}

// Colour-map anchors (sRGB, evenly spaced), interpolated linearly into 256 entries.
static const float kSequential[][3] = {  // viridis-like: perceptually ordered, CVD-readable
    {0.267f, 0.005f, 0.329f}, {0.283f, 0.141f, 0.458f}, {0.254f, 0.265f, 0.530f}, {0.207f, 0.372f, 0.553f},
    {0.164f, 0.471f, 0.558f}, {0.128f, 0.567f, 0.551f}, {0.135f, 0.659f, 0.518f}, {0.267f, 0.749f, 0.441f},
    {0.478f, 0.821f, 0.318f}, {0.741f, 0.873f, 0.150f}, {0.993f, 0.906f, 0.144f}};
static const float kDiverging[][3] = {   // blue - white - orange (no red/green)
    {0.020f, 0.188f, 0.380f}, {0.129f, 0.400f, 0.675f}, {0.400f, 0.620f, 0.820f}, {0.700f, 0.820f, 0.910f},
    {0.969f, 0.969f, 0.969f}, {0.992f, 0.820f, 0.600f}, {0.960f, 0.600f, 0.250f}, {0.800f, 0.380f, 0.050f},
    {0.500f, 0.220f, 0.020f}};

static void fill_lut(unsigned char* row, const float (*anchors)[3], int n) {
    for (int i = 0; i < 256; ++i) {
        float t = i / 255.0f * (n - 1);
        int a = static_cast<int>(t);
        if (a >= n - 1) a = n - 2;
        float f = t - a;
        for (int c = 0; c < 3; ++c) row[4 * i + c] = static_cast<unsigned char>(std::lround(255 * (anchors[a][c] * (1 - f) + anchors[a + 1][c] * f)));
        row[4 * i + 3] = 255;
    }
}

bool gfx_init(std::string* error) {
    g_heatmap_prog = gfx_program("quad", "heatmap", error);
    if (!g_heatmap_prog) return false;
    g_raster_prog = gfx_program("raster", "raster", error);
    if (!g_raster_prog) return false;
    unsigned char lut[3][256 * 4];
    fill_lut(lut[0], kSequential, sizeof kSequential / sizeof kSequential[0]);
    fill_lut(lut[1], kDiverging, sizeof kDiverging / sizeof kDiverging[0]);
    for (int i = 0; i < 256; ++i) for (int c = 0; c < 4; ++c) lut[2][4 * i + c] = c == 3 ? 255 : static_cast<unsigned char>(i);
    glGenTextures(1, &g_lut);
    glBindTexture(GL_TEXTURE_2D, g_lut);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 256, 3, 0, GL_RGBA, GL_UNSIGNED_BYTE, lut);
    glGenVertexArrays(1, &g_empty_vao);
    return true;
}

void gfx_shutdown() {
    glDeleteProgram(g_heatmap_prog);
    glDeleteProgram(g_raster_prog);
    glDeleteTextures(1, &g_lut);
    glDeleteVertexArrays(1, &g_empty_vao);
}

static void make_target(unsigned* tex, unsigned* fbo, int w, int h) {
    if (!*tex) glGenTextures(1, tex);
    glBindTexture(GL_TEXTURE_2D, *tex);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    if (!*fbo) glGenFramebuffers(1, fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, *fbo);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, *tex, 0);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

// Saves and restores the bits of GL state that the offscreen passes touch, so ImGui's renderer is unaffected.
struct GlStateGuard {
    GLint fbo = 0, viewport[4] = {}, prog = 0, vao = 0, tex = 0, active = 0;
    GLboolean blend = 0, scissor = 0;
    GlStateGuard() {
        glGetIntegerv(GL_FRAMEBUFFER_BINDING, &fbo); glGetIntegerv(GL_VIEWPORT, viewport);
        glGetIntegerv(GL_CURRENT_PROGRAM, &prog); glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &vao);
        glGetIntegerv(GL_ACTIVE_TEXTURE, &active); glGetIntegerv(GL_TEXTURE_BINDING_2D, &tex);
        blend = glIsEnabled(GL_BLEND); scissor = glIsEnabled(GL_SCISSOR_TEST);
        glDisable(GL_BLEND); glDisable(GL_SCISSOR_TEST);
    }
    ~GlStateGuard() {
        glBindFramebuffer(GL_FRAMEBUFFER, fbo); glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);
        glUseProgram(prog); glBindVertexArray(vao); glActiveTexture(active); glBindTexture(GL_TEXTURE_2D, tex);
        if (blend) glEnable(GL_BLEND);
        if (scissor) glEnable(GL_SCISSOR_TEST);
    }
};

Heatmap::~Heatmap() {
    if (data_) glDeleteTextures(1, &data_);
    if (rgba_) glDeleteTextures(1, &rgba_);
    if (fbo_) glDeleteFramebuffers(1, &fbo_);
}

// FNV-1a over the bytes of a few inputs.
static uint64_t fnv(uint64_t h, const void* p, size_t n) {
    const unsigned char* b = static_cast<const unsigned char*>(p);
    for (size_t i = 0; i < n; ++i) { h ^= b[i]; h *= 0x100000001B3ull; }
    return h;
}

void Heatmap::update(const float* values, int w, int h, float lo, float hi, ColorMap map) {
    if (w <= 0 || h <= 0 || !g_heatmap_prog) return;
    float params[5] = {static_cast<float>(w), static_cast<float>(h), lo, hi, static_cast<float>(static_cast<int>(map))};
    uint64_t hash = fnv(fnv(0xCBF29CE484222325ull, params, sizeof params), values, sizeof(float) * static_cast<size_t>(w) * h);
    if (hash == last_hash_ && rgba_) return;
    last_hash_ = hash;
    GlStateGuard guard;
    glActiveTexture(GL_TEXTURE0);
    if (!data_) glGenTextures(1, &data_);
    glBindTexture(GL_TEXTURE_2D, data_);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, w, h, 0, GL_RED, GL_FLOAT, values);
    if (w != w_ || h != h_ || !rgba_) { make_target(&rgba_, &fbo_, w, h); w_ = w; h_ = h; }
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glViewport(0, 0, w, h);
    glUseProgram(g_heatmap_prog);
    glActiveTexture(GL_TEXTURE0); glBindTexture(GL_TEXTURE_2D, data_);
    glActiveTexture(GL_TEXTURE1); glBindTexture(GL_TEXTURE_2D, g_lut);
    glUniform1i(glGetUniformLocation(g_heatmap_prog, "u_values"), 0);
    glUniform1i(glGetUniformLocation(g_heatmap_prog, "u_lut"), 1);
    glUniform1f(glGetUniformLocation(g_heatmap_prog, "u_lo"), lo);
    glUniform1f(glGetUniformLocation(g_heatmap_prog, "u_hi"), hi);
    glUniform1f(glGetUniformLocation(g_heatmap_prog, "u_map"), static_cast<float>(static_cast<int>(map)));
    glBindVertexArray(g_empty_vao);
    glDrawArrays(GL_TRIANGLES, 0, 3);
}

Raster::~Raster() {
    if (vbo_) glDeleteBuffers(1, &vbo_);
    if (vao_) glDeleteVertexArrays(1, &vao_);
    if (rgba_) glDeleteTextures(1, &rgba_);
    if (fbo_) glDeleteFramebuffers(1, &fbo_);
}

void Raster::update(const std::vector<float>& xs, const std::vector<float>& ys, const std::vector<uint8_t>& colors,
                    int width_px, int height_px, float point_px) {
    if (width_px <= 0 || height_px <= 0 || !g_raster_prog) return;
    GlStateGuard guard;
    if (width_px != w_ || height_px != h_ || !rgba_) { make_target(&rgba_, &fbo_, width_px, height_px); w_ = width_px; h_ = height_px; }
    std::vector<float> buf(xs.size() * 3);
    for (size_t i = 0; i < xs.size(); ++i) { buf[3 * i] = xs[i]; buf[3 * i + 1] = ys[i]; buf[3 * i + 2] = i < colors.size() ? colors[i] : 0; }
    if (!vao_) { glGenVertexArrays(1, &vao_); glGenBuffers(1, &vbo_); }
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, vbo_);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(buf.size() * sizeof(float)), buf.data(), GL_STREAM_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 3 * sizeof(float), nullptr);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 1, GL_FLOAT, GL_FALSE, 3 * sizeof(float), reinterpret_cast<void*>(2 * sizeof(float)));
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glViewport(0, 0, width_px, height_px);
    glClearColor(0.08f, 0.08f, 0.1f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glUseProgram(g_raster_prog);
    glUniform1f(glGetUniformLocation(g_raster_prog, "u_point"), point_px);
#ifndef __EMSCRIPTEN__
    glEnable(GL_PROGRAM_POINT_SIZE);
#endif
    glDrawArrays(GL_POINTS, 0, static_cast<GLsizei>(xs.size()));
    glBindBuffer(GL_ARRAY_BUFFER, 0);
}

std::vector<unsigned char> gfx_read_framebuffer(int w, int h) {
    std::vector<unsigned char> px(static_cast<size_t>(w) * h * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
    return px;
}

std::vector<unsigned char> gfx_framebuffer_png(int w, int h) {
    auto rows = gfx_read_framebuffer(w, h);
    const size_t stride = static_cast<size_t>(w) * 4;
    for (int y = 0; y < h / 2; ++y)   // bottom-up to top-down, in place (large views: one copy less)
        std::swap_ranges(&rows[y * stride], &rows[y * stride] + stride, &rows[(h - 1 - y) * stride]);
    for (size_t i = 3; i < rows.size(); i += 4) rows[i] = 255;   // opaque
    return png_encode(rows.data(), w, h);
}

// ---- PNG ------------------------------------------------------------------------------------------
static uint32_t crc32(const unsigned char* p, size_t n, uint32_t c = 0xFFFFFFFFu) {
    for (size_t i = 0; i < n; ++i) {
        c ^= p[i];
        for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return c;
}

std::vector<unsigned char> png_encode(const unsigned char* rgba, int w, int h) {
    std::vector<unsigned char> raw;   // filter byte 0 + row
    raw.reserve(static_cast<size_t>(h) * (w * 4 + 1));
    for (int y = 0; y < h; ++y) { raw.push_back(0); raw.insert(raw.end(), rgba + static_cast<size_t>(y) * w * 4, rgba + static_cast<size_t>(y + 1) * w * 4); }
    std::vector<unsigned char> z = {0x78, 0x01};
    uint32_t a = 1, b = 0;
    for (unsigned char c : raw) { a = (a + c) % 65521; b = (b + a) % 65521; }
    for (size_t off = 0; off < raw.size() || off == 0; off += 65535) {
        size_t n = std::min<size_t>(65535, raw.size() - off);
        z.push_back(off + n >= raw.size() ? 1 : 0);
        z.push_back(n & 0xFF); z.push_back(n >> 8); z.push_back(~n & 0xFF); z.push_back((~n >> 8) & 0xFF);
        z.insert(z.end(), raw.begin() + off, raw.begin() + off + n);
        if (raw.empty()) break;
    }
    uint32_t adler = (b << 16) | a;
    for (int s = 24; s >= 0; s -= 8) z.push_back((adler >> s) & 0xFF);
    std::vector<unsigned char> out = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    auto chunk = [&](const char* type, const std::vector<unsigned char>& data) {
        uint32_t n = static_cast<uint32_t>(data.size());
        for (int s = 24; s >= 0; s -= 8) out.push_back((n >> s) & 0xFF);
        size_t start = out.size();
        out.insert(out.end(), type, type + 4);
        out.insert(out.end(), data.begin(), data.end());
        uint32_t c = crc32(out.data() + start, out.size() - start) ^ 0xFFFFFFFFu;
        for (int s = 24; s >= 0; s -= 8) out.push_back((c >> s) & 0xFF);
    };
    std::vector<unsigned char> ihdr;
    for (int v : {w, h}) for (int s = 24; s >= 0; s -= 8) ihdr.push_back((v >> s) & 0xFF);
    ihdr.insert(ihdr.end(), {8, 6, 0, 0, 0});
    chunk("IHDR", ihdr);
    chunk("IDAT", z);
    chunk("IEND", {});
    return out;
}

}  // namespace sleepnet::app
