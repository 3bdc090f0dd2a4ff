// The About panel's published figures are built from engine/published.h, the table the reproduce commands print.
#include <doctest.h>

#include <string>

#include "../../web/help_text.h"

using namespace sleepnet;

TEST_CASE("help text: the About panel's published figures are the reproduce commands' table") {
    const std::string t = app::help::published_tadros(), g = app::help::published_golden();
    CHECK(t.find("sequential 19.49%, SRC sleep 48.47%, joint training 98.02%") != std::string::npos);
    CHECK(t.find("sleepnet reproduce tadros2022") != std::string::npos);
    // Every row with a published figure, in the table's order; the row without one is left out.
    size_t at = 0;
    int rows = 0;
    for (const published::GoldenRow& r : published::kGolden2022) {
        const size_t i = g.find(r.condition, at);
        if (std::isnan(r.task[0]) && std::isnan(r.task[1])) { CHECK(i == std::string::npos); continue; }
        CAPTURE(r.condition);
        REQUIRE(i != std::string::npos);
        at = i;
        ++rows;
    }
    CHECK(rows == 10);
    CHECK(g.find("T1 -> Interleaved(sleep,T2) 0.70 / 0.68;") != std::string::npos);
    CHECK(g.find("after Task 2 training only - / 0.69;") != std::string::npos);
}
