// The About panel's published figures are built from engine/published.h, the table the reproduce commands print.
#include <doctest.h>

#include <iterator>
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

TEST_CASE("published figures: the table is the reference's A8 (typed here from golden2022.md, not from the table)") {
    // condition's protocol, checkpoint, Task 1, Task 2 (-1: none)
    struct Want { const char* protocol; const char* checkpoint; double t1, t2; };
    const Want want[] = {
        {"sequential", "after T1", 0.70, 0.53}, {"single_t2", "after T2", -1, 0.69}, {"sequential", "after T2", 0.52, 0.69},
        {"interleaved", "after Interleaved(T1,T2)", 0.68, 0.65}, {"sleep_t2", "after Interleaved(sleep,T2)", 0.70, 0.68},
        {"t1_t2_sleep_t1", "after Interleaved(sleep,T1)", -1, -1},
        {"uniform_sleep", "after Interleaved(uniform sleep,T2)", 0.67, 0.69}, {"freeze1", "after T2", 0.54, 0.68},
        {"freeze5", "after T2", 0.65, 0.61}, {"freeze10", "after T2", 0.70, 0.53},
        {"naive_sleep", "after Interleaved(sleep,T1)", 0.60, 0.49}};
    REQUIRE(std::size(published::kGolden2022) == std::size(want));
    for (size_t i = 0; i < std::size(want); ++i) {
        const published::GoldenRow& r = published::kGolden2022[i];
        CAPTURE(r.condition);
        CHECK(std::string(r.protocol) == want[i].protocol);
        CHECK(std::string(r.checkpoint) == want[i].checkpoint);
        CHECK((std::isnan(r.task[0]) ? -1.0 : r.task[0]) == want[i].t1);
        CHECK((std::isnan(r.task[1]) ? -1.0 : r.task[1]) == want[i].t2);
    }
    CHECK(published::kTadrosSequential == 19.49);
    CHECK(published::kTadrosSrc == 48.47);
    CHECK(published::kTadrosJoint == 98.02);
}
