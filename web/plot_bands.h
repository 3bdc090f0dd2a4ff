// sleepnet app: shaded spans of a plot (sleep), merged in pixel space before drawing. Interleaved naps are short
// and many: each drawn at least a pixel wide, hundreds of translucent bands stacked into an opaque block that hid
// the curve and no longer matched the legend. Merged, every pixel is shaded once, at the band's own colour.
// No graphics here, so it is unit-tested natively.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace sleepnet::app {

struct PixelSpan { float x0, x1; uint32_t color; };

// Spans on whole pixels (at least one wide), those of one colour that touch or overlap merged; sorted by colour,
// then x. Spans of different colours are kept apart (each is drawn once).
inline std::vector<PixelSpan> merged_spans(std::vector<PixelSpan> spans) {
    for (auto& s : spans) {
        s.x0 = std::floor(s.x0);
        s.x1 = std::max(std::ceil(s.x1), s.x0 + 1);
    }
    std::sort(spans.begin(), spans.end(), [](const PixelSpan& a, const PixelSpan& b) {
        return a.color != b.color ? a.color < b.color : a.x0 < b.x0;
    });
    std::vector<PixelSpan> out;
    for (const auto& s : spans) {
        if (!out.empty() && out.back().color == s.color && s.x0 <= out.back().x1) out.back().x1 = std::max(out.back().x1, s.x1);
        else out.push_back(s);
    }
    return out;
}

}  // namespace sleepnet::app
