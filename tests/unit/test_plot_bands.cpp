// The plots' sleep shading (web/plot_bands.h): spans that touch or overlap on screen are drawn once, so
// hundreds of interleaved naps shade at the legend's colour instead of stacking into an opaque block.
#include <doctest.h>

#include "../../web/plot_bands.h"

using sleepnet::app::merged_spans;
using sleepnet::app::PixelSpan;

TEST_CASE("plot bands: naps that touch or overlap in pixels merge into one span; apart ones stay apart") {
    const uint32_t blue = 0x28f08c45, grey = 0x28808080;
    // 300 naps of a tenth of a pixel, one every 0.3 pixels (a 90-pixel stretch of interleaved sleep).
    std::vector<PixelSpan> naps;
    for (int k = 0; k < 300; ++k) naps.push_back({10.0f + 0.3f * k, 10.1f + 0.3f * k, blue});
    auto m = merged_spans(naps);
    REQUIRE(m.size() == 1);
    CHECK(m[0].x0 == 10.0f);
    CHECK(m[0].x1 == 100.0f);   // the last nap, 99.7..99.8, shades pixel 99
    CHECK(m[0].color == blue);

    // Touching on a pixel edge merges; a pixel between them does not; order does not matter.
    m = merged_spans({{30.2f, 31.0f, blue}, {5.0f, 6.0f, blue}, {31.0f, 31.5f, blue}, {33.0f, 34.0f, blue}});
    REQUIRE(m.size() == 3);
    CHECK((m[0].x0 == 5.0f && m[0].x1 == 6.0f));
    CHECK((m[1].x0 == 30.0f && m[1].x1 == 32.0f));
    CHECK((m[2].x0 == 33.0f && m[2].x1 == 34.0f));

    // A span inside another adds nothing; another colour is kept on its own.
    m = merged_spans({{0.0f, 50.0f, blue}, {10.0f, 12.0f, blue}, {10.0f, 12.0f, grey}});
    REQUIRE(m.size() == 2);
    int blues = 0;
    for (const auto& s : m) if (s.color == blue) { ++blues; CHECK((s.x0 == 0.0f && s.x1 == 50.0f)); }
    CHECK(blues == 1);

    // A zero-length span (a nap shorter than a pixel, or one just begun) still shades one pixel.
    m = merged_spans({{7.4f, 7.4f, blue}});
    REQUIRE(m.size() == 1);
    CHECK((m[0].x0 == 7.0f && m[0].x1 == 8.0f));
}
