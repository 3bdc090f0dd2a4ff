// Core: RNG streams, deterministic maths, settings parsing, JSON writing, statistics.
#include <doctest.h>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <new>
#include <set>

#include "cli/cli.h"
#include "core/detmath.h"
#include "core/json.h"
#include "core/parallel.h"
#include "core/rng.h"
#include "core/settings.h"
#include "core/stats.h"

using namespace sleepnet;

TEST_CASE("rng: streams are reproducible and independent") {
    Rng a = Rng::stream(7, Stream::DataOrder), b = Rng::stream(7, Stream::DataOrder);
    Rng c = Rng::stream(7, Stream::InitWeights), d = Rng::stream(8, Stream::DataOrder);
    int same_c = 0, same_d = 0;
    for (int i = 0; i < 1000; ++i) {
        uint64_t x = a.next();
        CHECK(x == b.next());
        same_c += x == c.next();
        same_d += x == d.next();
    }
    CHECK(same_c == 0);
    CHECK(same_d == 0);
    // Fixed values pin the generator: changing it would silently change every published number. They come
    // from a separate Python transcription of splitmix64 and xoshiro256** (Blackman & Vigna), not from this
    // code; splitmix64 from state 0 gives 0xe220a8397b1dcdaf in the authors' reference outputs.
    uint64_t x0 = 0;
    CHECK(splitmix64(x0) == 0xe220a8397b1dcdafull);
    Rng one(1);
    CHECK(one.next() == 0xb3f2af6d0fc710c5ull);
    CHECK(one.next() == 0x853b559647364ceaull);
    CHECK(one.next() == 0x92f89756082a4514ull);
    CHECK(Rng::stream(1, Stream::InitWeights).next() == 0x73da4239d157592aull);
}

TEST_CASE("rng: the index separates streams of one seed and purpose") {
    // Runs draw each task's data order and each sleep's input from (seed, purpose, index): an index that
    // were ignored would give every task and every sleep the same numbers.
    Rng i0 = Rng::stream(1, Stream::SleepInput, 0), i1 = Rng::stream(1, Stream::SleepInput, 1);
    Rng i1again = Rng::stream(1, Stream::SleepInput, 1), other = Rng::stream(1, Stream::DataOrder, 1);
    int same_0 = 0, same_other = 0;
    for (int i = 0; i < 1000; ++i) {
        const uint64_t x = i1.next();
        CHECK(x == i1again.next());
        same_0 += x == i0.next();
        same_other += x == other.next();
    }
    CHECK(same_0 == 0);
    CHECK(same_other == 0);
    // Pinned from the same Python transcription as above (index 0 is pinned there).
    CHECK(Rng::stream(1, Stream::InitWeights, 1).next() == 0x4ac26b5f060669dbull);
    CHECK(Rng::stream(1, Stream::SleepInput, 1).next() == 0x3dfeb2e6ad5ec602ull);
}

TEST_CASE("rng: uniform, below and bernoulli have the right moments") {
    Rng r(42);
    double s = 0, s2 = 0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) { double u = r.uniform(); CHECK_FALSE((u < 0 || u >= 1)); s += u; s2 += u * u; }
    CHECK(s / n == doctest::Approx(0.5).epsilon(0.01));
    CHECK(s2 / n - (s / n) * (s / n) == doctest::Approx(1.0 / 12).epsilon(0.02));
    int counts[7] = {};
    for (int i = 0; i < 70000; ++i) { uint32_t k = r.below(7); REQUIRE(k < 7); counts[k]++; }
    for (int k = 0; k < 7; ++k) CHECK(counts[k] == doctest::Approx(10000).epsilon(0.05));
    int hits = 0;
    for (int i = 0; i < 100000; ++i) hits += r.bernoulli(0.12);
    CHECK(hits == doctest::Approx(12000).epsilon(0.04));
    float f = 0; for (int i = 0; i < 1000; ++i) { f = r.uniformf(); CHECK(f < 1.0f); CHECK(f >= 0.0f); }
}

TEST_CASE("rng: shuffle is a permutation") {
    Rng r(3);
    int a[100]; for (int i = 0; i < 100; ++i) a[i] = i;
    r.shuffle(a, 100);
    std::set<int> s(a, a + 100);
    CHECK(s.size() == 100);
    int moved = 0; for (int i = 0; i < 100; ++i) moved += a[i] != i;
    CHECK(moved > 80);
}

TEST_CASE("detmath: det_exp and det_log agree with std:: to about 1 ulp") {
    double worst_exp = 0, worst_log = 0;
    for (double x = -700; x <= 700; x += 0.37) {
        double a = det_exp(x), b = std::exp(x);
        worst_exp = std::max(worst_exp, std::fabs(a - b) / b);
    }
    for (double x = 1e-300; x < 1e300; x *= 1.7) {
        double a = det_log(x), b = std::log(x);
        worst_log = std::max(worst_log, std::fabs(a - b) / std::max(1e-300, std::fabs(b)));
    }
    CHECK(worst_exp < 4e-16);
    CHECK(worst_log < 4e-16);
    CHECK(det_exp(0) == 1.0);
    CHECK(det_log(1) == 0.0);
    CHECK(det_exp(-1000) == 0.0);
    CHECK(std::isinf(det_exp(1000)));
    CHECK(std::isnan(det_log(-1)));
}

TEST_CASE("settings: query parsing, ranges, unknown keys") {
    auto kv = parse_query("#seed=3&order=01%2C23&flag&&name=a+b%20c");
    REQUIRE(kv.size() == 4);
    CHECK(kv[0].key == "seed"); CHECK(kv[0].value == "3");
    CHECK(kv[1].value == "01,23");
    CHECK(kv[2].key == "flag"); CHECK(kv[2].bare); CHECK(kv[2].value.empty());
    CHECK(kv[3].value == "a+b c");   // '+' is literal in a fragment (lr=1e+0); a space is %20

    int seed = 1; double rate = 0.5; bool sleep = true; std::string scen = "digits";
    SettingsTable t;
    t.add_int("seed", &seed, 0, 1000, "seed");
    t.add_double("rate", &rate, 0, 1, "rate");
    t.add_bool("sleep", &sleep, "sleep");
    t.add_choice("scenario", &scen, {"digits", "forage"}, "scenario");
    auto issues = t.apply(parse_query("seed=12&rate=7&sleep=maybe&scenario=forage&bogus=1&seed=x"));
    CHECK(seed == 12);              // good value applied; the later bad one is rejected and keeps 12
    CHECK(rate == 0.5);             // out of range: default kept
    CHECK(sleep == true);
    CHECK(scen == "forage");
    REQUIRE(issues.size() == 4);
    CHECK(issues[0].key == "rate");
    // Words, not "0..1": ImGui wraps text after a dot, and a notice broke inside "0..1000000000".
    CHECK(issues[0].message == "out of range: from 0 to 1");
    std::string err;
    CHECK_FALSE(t.set("seed", "5000", &err));
    CHECK(err == "out of range: from 0 to 1000");
    CHECK(issues[1].key == "sleep");
    CHECK(issues[2].key == "bogus");
    CHECK(issues[2].message == "unknown setting");
    CHECK(issues[3].key == "seed");
    // Round trip through the URL form.
    int seed2 = 0; double rate2 = 0; bool sleep2 = false; std::string scen2;
    SettingsTable u;
    u.add_int("seed", &seed2, 0, 1000, ""); u.add_double("rate", &rate2, 0, 1, "");
    u.add_bool("sleep", &sleep2, ""); u.add_choice("scenario", &scen2, {"digits", "forage"}, "");
    CHECK(u.apply(parse_query(t.to_query())).empty());
    CHECK(seed2 == 12); CHECK(scen2 == "forage"); CHECK(sleep2);
}

TEST_CASE("settings: numbers are plain decimal text") {
    int n = 7; double x = 0.5;
    SettingsTable t;
    t.add_int("n", &n, -100, 100, "");
    t.add_double("x", &x, 0, 100, "");
    std::string err;
    for (const char* bad : {" 5", "5 ", "\t5", "0x10", "5x", ""}) {
        CHECK_FALSE(t.set("n", bad, &err));
        CHECK(err == "not a whole number");
    }
    for (const char* bad : {" 0.5", "0.5 ", "0x1p-3", "0X10", "inf", "nan"}) CHECK_FALSE(t.set("x", bad, &err));
    CHECK(n == 7);
    CHECK(x == 0.5);
    CHECK(t.set("n", "+5", &err)); CHECK(n == 5);
    CHECK(t.set("n", "-0", &err)); CHECK(n == 0);
    CHECK(t.set("x", "1e-310", &err)); CHECK(x == 1e-310);     // subnormal: a number, not an underflow
    // A value's text reads back as the same number (links and saved files compare settings as text), and
    // stays short where 10 digits already do that.
    CHECK(t.set("x", "0.10000000001", &err)); CHECK(t.get("x") == "0.10000000001");
    CHECK(t.set("x", "0.1000000000000001", &err)); CHECK(std::strtod(t.get("x").c_str(), nullptr) == x);
    CHECK(t.set("x", "0.1", &err)); CHECK(t.get("x") == "0.1");
    CHECK(t.set("x", "-0", &err)); CHECK(t.get("x") == "0");
    CHECK(t.set("x", "55.882454", &err)); CHECK(t.get("x") == "55.882454");
    CHECK_FALSE(t.set("x", "1e-400", &err)); CHECK(err.find("beyond what a double holds") == 0);
    CHECK(t.set("x", "2.5E1", &err)); CHECK(x == 25);
}

TEST_CASE("settings: a NUL in a value is refused, and notices echo values printable and short") {
    int n = 7;
    SettingsTable t;
    t.add_int("seed", &n, 0, 100, "");
    auto issues = t.apply(parse_query("seed=7%00junk"));
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].message == "contains a NUL character (%00)");
    CHECK(n == 7);
    const std::string text = format_issues(issues);
    CHECK(text.find('\0') == std::string::npos);
    CHECK(text.find("'seed=7?junk': contains a NUL") == 0);
    const std::string long_value(3000, 'y');
    const std::string cut = format_issues({{"order", long_value, "task sequence '" + long_value + "' is not valid"}});
    CHECK(cut.size() < 500);
    CHECK(cut.find("... (3000 characters)") != std::string::npos);
    // A cut never splits a UTF-8 character: 100 three-byte characters keep 20 whole ones (60 bytes).
    std::string wide;
    for (int i = 0; i < 100; ++i) wide += "\xe4\xb8\xad";
    const std::string w = format_issues({{"order", wide, "x"}});
    CHECK(w.find("'order=" + wide.substr(0, 60) + "... (300 characters)'") == 0);
    const std::string odd = format_issues({{"order", "a" + wide, "x"}});   // byte 60 falls inside a character
    CHECK(odd.find("'order=a" + wide.substr(0, 57) + "... (301 characters)'") == 0);
}

TEST_CASE("settings: argv forms") {
    std::vector<std::string> pos;
    // --key takes the next word unless it starts with -- or is a key=value pair; positionals come first.
    auto kv = parse_args({"golden2022", "--seeds", "5", "--json=out.json", "scale=demo", "--quiet"}, &pos);
    REQUIRE(kv.size() == 4);
    CHECK(kv[0].key == "seeds"); CHECK(kv[0].value == "5"); CHECK(!kv[0].bare);
    CHECK(kv[1].value == "out.json");
    CHECK(kv[2].key == "scale");
    CHECK(kv[3].key == "quiet"); CHECK(kv[3].bare);
    REQUIRE(pos.size() == 1); CHECK(pos[0] == "golden2022");
    // A value holding '=' after a non-name (a path) stays whole; "name=..." is a pair of its own.
    kv = parse_args({"--data", "/tmp/a=b", "--json", "out=1.json", "--twins", "seed=3"}, nullptr);
    REQUIRE(kv.size() == 5);
    CHECK(kv[0].value == "/tmp/a=b");
    CHECK(kv[1].key == "json"); CHECK(kv[1].bare);
    CHECK(kv[2].key == "out"); CHECK(kv[2].value == "1.json");
    CHECK(kv[3].key == "twins"); CHECK(kv[3].bare);
    CHECK(kv[4].key == "seed"); CHECK(kv[4].value == "3");
}

TEST_CASE("settings: a key without a value switches a 0|1 key on and is an error for any other") {
    int seeds = 3; bool twins = false; std::string json = "keep"; double lr = 0.1;
    SettingsTable t;
    t.add_int("seeds", &seeds, 1, 100, "");
    t.add_bool("twins", &twins, "");
    t.add_string("json", &json, "");
    t.add_double("lr", &lr, 0, 10, "");
    auto issues = t.apply(parse_args({"--twins", "--seeds", "--json", "--lr", "1e-400"}, nullptr));
    CHECK(twins);
    CHECK(seeds == 3);            // not silently 1
    CHECK(json == "keep");
    CHECK(lr == 0.1);
    REQUIRE(issues.size() == 3);
    CHECK(issues[0].key == "seeds"); CHECK(issues[0].message.find("needs a value") != std::string::npos);
    CHECK(issues[1].key == "json"); CHECK(issues[1].message.find("needs a value") != std::string::npos);
    CHECK(issues[2].message.find("underflow") != std::string::npos);
    issues = t.apply(parse_query("seeds&nosuch"));
    REQUIRE(issues.size() == 2);
    CHECK(issues[0].message.find("needs a value") != std::string::npos);
    CHECK(issues[1].message == "unknown setting");
    CHECK(t.apply(parse_query("5x=1&lr=5x")).size() == 2);
    t.remove("lr");
    CHECK(!t.has("lr")); CHECK(t.has("seeds"));
}

TEST_CASE("json: writer output and escaping") {
    JsonWriter j;
    j.begin_object().kv("a", 1).kv("s", "q\"\n").key("v").numbers({0.5, std::nan("")}).kv("b", true).end_object();
    CHECK(j.str() == "{\"a\":1,\"s\":\"q\\\"\\n\",\"v\":[0.5,null],\"b\":true}");
    CHECK(csv_escape("a,b") == "\"a,b\"");
}

TEST_CASE("files: read_file refuses a file above its size limit, and names the file") {
    const std::string path = "test-output-read-file-limit.bin";
    REQUIRE(write_text_file(path, std::string(3000, 'x')) == "");
    std::vector<unsigned char> bytes;
    CHECK(read_file(path, &bytes) == "");                 // no limit
    CHECK(bytes.size() == 3000);
    CHECK(read_file(path, &bytes, 3000) == "");           // at the limit
    CHECK(bytes.size() == 3000);
    const std::string err = read_file(path, &bytes, 2999);
    CHECK(err.find("'" + path + "' is more than the 0.002999 MB accepted") == 0);
    CHECK(bytes.empty());
    CHECK(read_file("no-such-dir/x.snet", &bytes, 1e6).find("cannot open 'no-such-dir/x.snet'") == 0);
#ifndef __EMSCRIPTEN__
    // An endless device stops at the limit; a directory still says what it is.
    CHECK(read_file("/dev/zero", &bytes, 100000) == "'/dev/zero' is more than the 0.1 MB accepted");
    CHECK(read_file(".", &bytes, 1e6).find("cannot read '.'") == 0);
#endif
    std::remove(path.c_str());
}

TEST_CASE("stats: mean and sample sd; reproduce JSON schema") {
    auto m = mean_sd({1, 2, 3, 4});
    CHECK(m.mean == 2.5);
    CHECK(m.sd == doctest::Approx(std::sqrt(5.0 / 3)));
    // One value has no spread (NaN: null in JSON), no values no mean.
    CHECK(mean_sd({0.5}).mean == 0.5);
    CHECK(std::isnan(mean_sd({0.5}).sd));
    CHECK(std::isnan(mean_sd({}).mean));
    CHECK(format_mean_sd(0.65, 0.02, 3) == "0.650 ± 0.020");
    CHECK(format_mean_sd(0.65, std::nan(""), 3) == "0.650 (one seed)");
    CHECK(format_mean_sd(std::nan(""), std::nan(""), 3) == "—");
    std::string js = repro_json("x", 2, {{"c", "m", 0.5, 0.4, 0.1}});
    CHECK(js.find("\"paper\":\"x\",\"seeds\":2,\"rows\":[{\"condition\":\"c\",\"measure\":\"m\",\"paper\":0.5,\"mean\":0.4,\"sd\":0.1}]") != std::string::npos);
    // The table: an undefined mean (backward transfer of a single task) is a dash, not "nan".
    const std::string t = repro_table({{"c", "m", 0.5, 0.4, 0.1}, {"c", "bwt", std::nan(""), std::nan(""), 0}}, 2);
    CHECK(t.find("0.40 ± 0.10") != std::string::npos);
    CHECK(t.find("— (undefined)") != std::string::npos);
    CHECK(t.find("nan") == std::string::npos);
}

#include "core/bundle.h"

TEST_CASE("bundle: round trip, and clear errors for foreign or truncated data") {
    std::vector<NamedBlob> in = {{"a", {1, 2, 3}}, {"bb", {}}, {"c", std::vector<unsigned char>(1000, 7)}};
    auto bytes = encode_bundle(in);
    std::vector<NamedBlob> out;
    CHECK(decode_bundle(bytes, &out) == "");
    REQUIRE(out.size() == 3);
    CHECK(out[2].bytes.size() == 1000);
    CHECK(find_blob(out, "bb") != nullptr);
    CHECK(find_blob(out, "zz") == nullptr);
    auto cut = bytes; cut.resize(cut.size() - 1);
    CHECK(decode_bundle(cut, &out).find("truncated") != std::string::npos);
    CHECK(out.empty());
    auto longer = bytes; longer.push_back(0);
    CHECK(decode_bundle(longer, &out).find("trailing") != std::string::npos);
    std::vector<unsigned char> foreign = {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    CHECK(decode_bundle(foreign, &out).find("bad magic") != std::string::npos);
}

// The WebAssembly build has no exception catching (emcc's default), so a throw there ends the program.
#ifdef __EMSCRIPTEN__
#define SN_NO_CATCH true
#else
#define SN_NO_CATCH false
#endif
TEST_CASE("parallel_for: a job's exception reaches the caller, on one thread or several" * doctest::skip(SN_NO_CATCH)) {
    for (int threads : {1, 2}) {
        std::atomic<int> ran{0};
        CHECK_THROWS_AS(parallel_for(8, threads, [&](int i) { ++ran; if (i == 3) throw std::bad_alloc(); }), std::bad_alloc);
        CHECK(ran >= 4);   // jobs 0..3 at least (job 3 threw); the others may or may not have started
    }
}

TEST_CASE("cli: progress in a log file comes at each tenth, and at least once a minute between") {
    using sleepnet::cli::progress_line_due;
    CHECK(progress_line_due(0, -1, 0.0, -1.0));     // the first line
    CHECK_FALSE(progress_line_due(0, 0, 30.0, 0.0)); // same tenth, half a minute later
    CHECK(progress_line_due(0, 0, 60.0, 0.0));       // same tenth, a minute later (a paper-scale run: 8 min per tenth)
    CHECK(progress_line_due(1, 0, 1.0, 0.0));        // a new tenth at once
    CHECK_FALSE(progress_line_due(3, 3, 100.0, 90.0));
}
