// sleepnet bench digits: training samples/s and SRC sleep steps/s for the paper network and the quick
// preset, medians of several timed repeats. Runs natively and in the WebAssembly build under node.
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "cli/cli.h"
#include "cli/cmd_digits_shared.h"
#include "core/json.h"
#include "core/version.h"
#include "digits/gemm.h"

namespace sleepnet::cli {

using namespace sleepnet::digits;

static const char* kBenchUsage =
    "usage: sleepnet bench digits [--repeats 5] [--batches 10] [--sleep_steps 20000] [--json FILE] [--data DIR]\n"
    "Times awake training (samples/s, batch 100, dropout, momentum) and SRC sleep (steps/s, after training\n"
    "on task 1 so the spiking activity is realistic) for the paper network 784-1200-1200-10 and the quick\n"
    "preset. Prints the median of the repeats, one thread.";

static double now_s() {
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

static double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n == 0 ? 0.0 : n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

struct BenchResult { std::string name, hidden; double train = 0, sleep = 0, sleep_input_spikes = 0; };

// The sleep timing's run: the preset trained on task 1 (digits 0 and 1), then SRC sleep, as the protocol does.
static DigitsSettings task1_sleep_settings(const std::string& preset) {
    DigitsSettings s;
    apply_digits_preset(preset, &s);
    s.order = "01";
    s.sleep = true;
    return s;
}

static BenchResult bench_one(const std::string& preset, std::shared_ptr<const DigitsData> data, int repeats, int batches,
                             int sleep_steps) {
    const DigitsSettings s = task1_sleep_settings(preset);   // training below uses only s.mlp
    BenchResult r{preset, s.mlp.hidden};
    // Training: batches of real images, the full SGD step.
    std::vector<int> sizes;
    s.mlp.layer_sizes(data->train.pixel_count(), data->classes, &sizes);
    Mlp net;
    Rng init = Rng::stream(1, Stream::InitWeights), drop = Rng::stream(1, Stream::Dropout);
    net.init(sizes, static_cast<float>(s.mlp.init_range), init);
    const int B = s.mlp.batch, px = data->train.pixel_count();
    std::vector<float> x(static_cast<size_t>(B) * px);
    std::vector<uint8_t> y(B);
    std::vector<double> rates;
    for (int rep = -1; rep < repeats; ++rep) {     // rep -1 warms up
        const double t0 = now_s();
        for (int b = 0; b < batches; ++b) {
            for (int i = 0; i < B; ++i) {
                const int idx = (b * B + i) % data->train.size();
                bytes_to_inputs(data->train.image(idx), px, x.data() + static_cast<size_t>(i) * px);
                y[i] = data->train.labels[idx];
            }
            net.train_batch(x.data(), y.data(), B, 0.1f, 0.5f, 0.25f, &drop);
        }
        if (rep >= 0) rates.push_back(batches * B / (now_s() - t0));
    }
    r.train = median(rates);
    // Sleep: train on task 1 (digits 0 and 1) as the protocol does, then time SRC on a copy of the net.
    DigitsRun run;
    if (!run.start(s, data).empty()) return r;   // run_bench checked the data first; no sleep figure then
    while (run.stage() != DigitsStage::Sleep && !run.done()) run.advance(1000);
    rates.clear();
    double input_spikes = 0;
    for (int rep = 0; rep < repeats; ++rep) {
        MlpWeights w = run.weights();
        SrcSleep sleep(s.src, w, run.sleep_inputs(), sleep_steps, 1, static_cast<uint64_t>(rep));
        const double t0 = now_s();
        sleep.advance(sleep_steps);
        rates.push_back(sleep_steps / (now_s() - t0));
        for (double c : sleep.spike_counts(0)) input_spikes += c;
    }
    r.sleep = median(rates);
    r.sleep_input_spikes = input_spikes / (static_cast<double>(repeats) * sleep_steps);
    return r;
}

static int run_bench(const Args& args) {
    int repeats = 5, batches = 10, sleep_steps = 20000;   // a paper-net sleep repeat lasts ~25 ms (3000: ~4 ms, noisy)
    std::string data_dir, json_path;
    SettingsTable t;
    t.add_int("repeats", &repeats, 1, 1000, "timed repeats (the median is printed)");
    t.add_int("batches", &batches, 1, 100000, "training batches per repeat");
    t.add_int("sleep_steps", &sleep_steps, 1, 10000000, "sleep steps per repeat");
    t.add_string("data", &data_dir, "directory of IDX files");
    t.add_string("json", &json_path, "write the figures as JSON to FILE");
    bool help = false;
    if (!parse_settings("bench digits", args, t, kBenchUsage, &help)) return kUsage;
    if (help) return kOk;
    if (!check_output_files("bench digits", {json_path}, digits_dir_files(digits_data_dir(data_dir)))) return kFail;
    std::shared_ptr<const DigitsData> data;
    std::string e = load_digits_data(data_dir, &data);
    if (!e.empty()) { std::fprintf(stderr, "sleepnet bench digits: %s\n", e.c_str()); return kFail; }
    for (const char* p : {"paper", "quick"}) {   // the sleep timing first trains digits 0 and 1: can it?
        DigitsRun probe;
        e = probe.start(task1_sleep_settings(p), data);
        if (!e.empty()) { std::fprintf(stderr, "sleepnet bench digits: %s (the benchmark trains digits 0 and 1)\n", e.c_str()); return kFail; }
    }
    const BuildInfo bi = build_info();
    std::printf("bench digits: %s build, SIMD %s (GEMM %s), one thread, median of %d repeat%s\n", bi.platform, bi.simd,
                gemm_flavour(), repeats, repeats == 1 ? "" : "s");
    std::printf("%-7s %-10s %18s %16s %14s\n", "preset", "hidden", "train samples/s", "sleep steps/s", "input spk/step");
    std::vector<BenchResult> results;
    for (const char* p : {"paper", "quick"}) {
        BenchResult r = bench_one(p, data, repeats, p == std::string("quick") ? batches * 4 : batches, sleep_steps);
        std::printf("%-7s %-10s %18.0f %16.0f %14.2f\n", r.name.c_str(), r.hidden.c_str(), r.train, r.sleep,
                    r.sleep_input_spikes);
        std::fflush(stdout);
        results.push_back(r);
    }
    std::printf("peers (reference B5, one thread): PyTorch+OpenBLAS float32 1657 samples/s; Brian2 C++ standalone "
                "15315 steps/s\n");
    if (!json_path.empty()) {
        JsonWriter w;
        w.begin_object().kv("platform", bi.platform).kv("simd", bi.simd).kv("repeats", repeats).key("rows").begin_array();
        for (auto& r : results)
            w.begin_object().kv("preset", r.name).kv("hidden", r.hidden).kv("train_samples_per_s", r.train)
                .kv("sleep_steps_per_s", r.sleep).end_object();
        w.end_array().end_object();
        e = write_text_file(json_path, w.str() + "\n");
        if (!e.empty()) { std::fprintf(stderr, "sleepnet bench digits: %s\n", e.c_str()); return kFail; }
    }
    return kOk;
}

static Command reg{"bench digits", "training samples/s and SRC sleep steps/s (paper net and quick preset)",
                   kBenchUsage, run_bench};

}  // namespace sleepnet::cli
