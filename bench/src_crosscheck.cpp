// bench/src_crosscheck.cpp — an independent check of the SRC sleep (not part of the engine or the CLI).
//
// Question: is the engine's SRC sleep (engine/digits/src_sleep.cpp, float, event-driven) the sleep the spec
// describes? The final accuracy varies by ~7 points between seeds, so a small bias would hide in any mean.
// This program runs a digits run with the engine and, before a sleep, takes the engine's pre-sleep weights
// and sleeps them again with its own transcription of the authors' MATLAB (utils/normalize_nn_data.m,
// utils/create_masked_input.m, sleep/sleepnn_old.m; spec shared/reference/tadros2022.md B1 + B5). It shares
// no sleep code with the engine: double precision throughout, dense loops, its own mean image and test-mode
// maxima over every training image of the classes seen so far, its own scale factors (with the quirk),
// its own random numbers (std::mt19937_64). One sleep's outcome depends on its random input (a few points),
// so both sides sleep the same weights `repeats` times (the engine: the run's own sleep, then its sleep with
// input streams the run never uses), and the means are compared; over many sleeps the mean difference and
// its standard error say whether the engine's sleep is biased. Both sides are scored by this file's own
// double forward pass on the whole test set. The run itself continues from its own sleep, as the CLI's.
//
// Built with the native targets (CMake target src_crosscheck):
//   build/native/src_crosscheck [seed=1] [seeds=1] [repeats=3] [sleeps=last|all] [data=DIR] [digits keys ...]
// Any `sleepnet digits` key applies (preset=quick, order=..., src_inc=...); the sleep must be on, with the
// after-task schedule and w_inh 0 (the transcription covers the paper's sleep only).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/settings.h"
#include "digits/digits_run.h"
#include "digits/idx.h"

using namespace sleepnet;
using namespace sleepnet::digits;

namespace {

// A network in double, W[l][post * sizes[l] + pre], with a transposed copy T[l][pre * sizes[l+1] + post]
// (columns of spiking inputs, and forward passes over the nonzero inputs, read it contiguously).
struct Net {
    std::vector<int> sizes;
    std::vector<std::vector<double>> W, T;
    explicit Net(const MlpWeights& w) : sizes(w.sizes) {
        for (int l = 0; l < w.layers(); ++l) {
            W.emplace_back(w.W[l].begin(), w.W[l].end());
            T.emplace_back(W[l].size());
            for (int i = 0; i < sizes[l + 1]; ++i)
                for (int j = 0; j < sizes[l]; ++j) T[l][static_cast<size_t>(j) * sizes[l + 1] + i] = W[l][static_cast<size_t>(i) * sizes[l] + j];
        }
    }
    int layers() const { return static_cast<int>(W.size()); }
    void set(int l, int post, int pre, double v) {
        W[l][static_cast<size_t>(post) * sizes[l] + pre] = v;
        T[l][static_cast<size_t>(pre) * sizes[l + 1] + post] = v;
    }
};

// DeepLearnToolbox's nnff in test mode: ReLU, hidden activations scaled by 1 - dropout, output unscaled.
// Writes the output to out; with mx, raises mx[l] to the largest activation of layer l+1.
void forward(const Net& n, double keep, const std::vector<double>& x, std::vector<double>* out, double* mx) {
    std::vector<double> a = x, b;
    for (int l = 0; l < n.layers(); ++l) {
        const int np = n.sizes[l], nn = n.sizes[l + 1];
        b.assign(nn, 0.0);
        for (int j = 0; j < np; ++j) {
            if (a[j] == 0.0) continue;
            const double* col = &n.T[l][static_cast<size_t>(j) * nn];
            for (int i = 0; i < nn; ++i) b[i] += a[j] * col[i];
        }
        for (int i = 0; i < nn; ++i) {
            b[i] = b[i] > 0.0 ? b[i] : 0.0;
            if (l + 1 < n.layers()) b[i] *= keep;
            if (mx) mx[l] = std::max(mx[l], b[i]);
        }
        a.swap(b);
    }
    *out = a;
}

std::vector<double> pixels(const LabelledImages& d, int i) {
    std::vector<double> x(d.pixel_count());
    for (int k = 0; k < d.pixel_count(); ++k) x[k] = d.image(i)[k] / 255.0;
    return x;
}

double accuracy(const Net& n, double keep, const LabelledImages& test) {
    std::vector<double> out;
    int right = 0;
    for (int i = 0; i < test.size(); ++i) {
        forward(n, keep, pixels(test, i), &out, nullptr);
        right += static_cast<int>(std::max_element(out.begin(), out.end()) - out.begin()) == test.labels[i];
    }
    return 100.0 * right / test.size();
}

// normalize_nn_data.m and the mean image, from every training image of the seen classes.
struct SleepInputs { std::vector<double> mean, alpha; int images = 0; };
SleepInputs sleep_inputs(const Net& n, double keep, const LabelledImages& train, const std::vector<int>& seen,
                         double alpha_scale) {
    SleepInputs in;
    in.mean.assign(train.pixel_count(), 0.0);
    std::vector<double> mx(n.layers(), 0.0), out;
    for (int i = 0; i < train.size(); ++i) {
        if (std::find(seen.begin(), seen.end(), train.labels[i]) == seen.end()) continue;
        const std::vector<double> x = pixels(train, i);
        for (size_t k = 0; k < x.size(); ++k) in.mean[k] += x[k];
        forward(n, keep, x, &out, mx.data());
        ++in.images;
    }
    for (double& m : in.mean) m /= in.images;
    double prev = 1.0;   // the quirk: each factor is divided by the previous layer's factor, not its scale
    for (int l = 0; l < n.layers(); ++l) {
        double wmax = 0.0;
        for (double w : n.W[l]) wmax = std::max(wmax, w);
        const double f = std::max(wmax, mx[l]) / prev;
        in.alpha.push_back(alpha_scale / f);
        prev = f;
    }
    return in;
}

// sleepnn_old.m: Poisson input through a random window, then each layer bottom-up: decay and integrate,
// threshold, STDP on the rows of the neurons that fired (against this step's input spikes), reset.
// Returns spikes per step of each layer.
std::vector<double> sleep(Net& n, const SrcParams& p, const SleepInputs& in, int side, int steps, uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    std::uniform_int_distribution<int> offset(0, side - p.window);   // randi(28 - 10) - 1
    const double rescale = 1.0 / (p.dt * p.max_rate);
    auto g = [](double w) { return 2.0 * (1.0 - 1.0 / (1.0 + std::exp(-w / 0.001))); };
    const int L = n.layers();
    std::vector<std::vector<double>> v(L + 1);
    std::vector<std::vector<char>> s(L + 1);
    for (int l = 0; l <= L; ++l) { v[l].assign(n.sizes[l], 0.0); s[l].assign(n.sizes[l], 0); }
    std::vector<double> count(L + 1, 0.0), I;
    for (int t = 0; t < steps; ++t) {
        const int r0 = offset(rng), c0 = offset(rng);
        for (int k = 0; k < n.sizes[0]; ++k) {
            const int r = k / side, c = k % side;
            const bool inside = r >= r0 && r < r0 + p.window && c >= c0 && c < c0 + p.window;
            double u;
            do u = uniform(rng); while (u == 0.0);   // MATLAB's rand is on the open interval
            s[0][k] = u * rescale / 2.0 <= (inside ? in.mean[k] : 0.0);
            count[0] += s[0][k];
        }
        for (int l = 1; l <= L; ++l) {
            const int np = n.sizes[l - 1], nn = n.sizes[l];
            I.assign(nn, 0.0);
            for (int j = 0; j < np; ++j) {
                if (!s[l - 1][j]) continue;
                const double* col = &n.T[l - 1][static_cast<size_t>(j) * nn];
                for (int i = 0; i < nn; ++i) I[i] += in.alpha[l - 1] * col[i];
            }
            const double thr = p.threshold * p.beta[l - 1];
            for (int i = 0; i < nn; ++i) {
                v[l][i] = p.decay * v[l][i] + I[i];
                s[l][i] = v[l][i] >= thr;
                if (!s[l][i]) continue;
                count[l] += 1;
                for (int j = 0; j < np; ++j) {
                    const double w = n.W[l - 1][static_cast<size_t>(i) * np + j];
                    n.set(l - 1, i, j, s[l - 1][j] ? w + p.inc * g(w) : w - p.dec * g(w));
                }
                v[l][i] = 0.0;
            }
        }
    }
    for (double& c : count) c /= steps;
    return count;
}

double mean(const std::vector<double>& v) {
    double s = 0.0;
    for (double x : v) s += x;
    return s / v.size();
}

std::string list_text(const std::vector<double>& v) {
    std::string t;
    char b[16];
    for (size_t i = 0; i < v.size(); ++i) { std::snprintf(b, sizeof b, "%s%.2f", i ? " " : "", v[i]); t += b; }
    return t;
}

std::string spikes_text(const std::vector<double>& c) {
    std::string t;
    char b[32];
    for (size_t l = 0; l < c.size(); ++l) { std::snprintf(b, sizeof b, "%s%.4f", l ? " / " : "", c[l]); t += b; }
    return t;
}

}  // namespace

// One run of seed s.seed: checks its last sleep (or all), appending engine mean - reference mean per sleep.
static bool check_seed(const DigitsSettings& s, const std::shared_ptr<const DigitsData>& data, int repeats, bool all_sleeps,
                std::vector<double>* diffs) {
    DigitsRun run;
    if (std::string e = run.start(s, data); !e.empty()) { std::fprintf(stderr, "src_crosscheck: %s\n", e.c_str()); return 2; }
    const double keep = 1.0 - s.mlp.dropout;
    const int tasks = run.tasks().tasks();
    std::printf("seed %d, order %s, %d sleeps of each kind per checked sleep; accuracy on all %d test images, in %%\n",
                s.seed, run.tasks().text().c_str(), repeats, data->test.size());
    std::printf("%-4s %-6s %-7s %-32s %-32s %s\n", "task", "steps", "before", "engine: the run's sleep, repeats",
                "reference: repeats", "engine - reference (means)");
    while (!run.done()) {
        const SrcSleep* sl = run.sleep();
        if (run.stage() != DigitsStage::Sleep || !sl || sl->steps_done() != 0) { run.advance(1); continue; }
        const int t = run.task();
        const MlpWeights pre_w = run.weights();
        run.advance(sl->steps_total());   // the engine's own sleep of the run
        sl = run.sleep();
        if (!all_sleeps && t + 1 < tasks) continue;
        const Net pre(pre_w);
        const int steps = s.src.steps_for_task(t + 1);
        // The engine's sleep again on the same weights with other random numbers (input streams the run
        // never uses), then the reference's: the same number of sleeps on each side.
        std::vector<double> eng_acc = {accuracy(Net(run.weights()), keep, data->test)}, ref_acc;
        std::vector<double> eng_spikes(pre.layers() + 1, 0.0), ref_spikes(pre.layers() + 1, 0.0);
        auto add_spikes = [&](const SrcSleep& z) {
            for (int l = 0; l <= pre.layers(); ++l)
                for (double c : z.spike_counts(l)) eng_spikes[l] += c / z.steps_done() / repeats;
        };
        add_spikes(*sl);
        for (int r = 1; r < repeats; ++r) {
            MlpWeights w = pre_w;
            SrcSleep again(s.src, w, run.sleep_inputs(), steps, static_cast<uint64_t>(s.seed), 7000000u + 100u * t + r);
            again.advance(steps);
            add_spikes(again);
            eng_acc.push_back(accuracy(Net(w), keep, data->test));
        }
        const SleepInputs in = sleep_inputs(pre, keep, data->train, run.tasks().seen_classes(t), s.src.alpha_scale);
        double mean_diff = 0.0, alpha_diff = 0.0;
        for (size_t k = 0; k < in.mean.size(); ++k) mean_diff = std::max(mean_diff, std::fabs(in.mean[k] - run.sleep_inputs().mean_image[k]));
        for (size_t l = 0; l < in.alpha.size(); ++l) alpha_diff = std::max(alpha_diff, std::fabs(in.alpha[l] / sl->alpha()[l] - 1.0));
        for (int r = 0; r < repeats; ++r) {
            Net n = pre;
            const std::vector<double> c = sleep(n, s.src, in, data->train.cols, steps, 1000003ull * s.seed + 1009ull * t + r);
            for (size_t l = 0; l < c.size(); ++l) ref_spikes[l] += c[l] / repeats;
            ref_acc.push_back(accuracy(n, keep, data->test));
        }
        const double d = mean(eng_acc) - mean(ref_acc);
        diffs->push_back(d);
        std::printf("%-4d %-6d %-7.2f %-32s %-32s %+.2f\n", t + 1, steps, accuracy(pre, keep, data->test),
                    list_text(eng_acc).c_str(), list_text(ref_acc).c_str(), d);
        std::printf("     inputs: %d images; reference vs engine: mean image max |diff| %.2g, scale factors max "
                    "relative diff %.2g\n", in.images, mean_diff, alpha_diff);
        std::printf("     spikes per step, layers 0..%d, mean of the sleeps: engine %s, reference %s\n",
                    pre.layers(), spikes_text(eng_spikes).c_str(), spikes_text(ref_spikes).c_str());
        std::fflush(stdout);
    }
    std::printf("engine final accuracy %.2f %% (as sleepnet digits --seed %d)\n\n", 100.0 * run.final_accuracy(), s.seed);
    return true;
}

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    std::vector<KeyValue> kvs = parse_args(args, nullptr), digits_kvs;
    int repeats = 3, seeds = 1;
    std::string sleeps = "last", data_dir = SLEEPNET_MNIST_DIR;
    for (const KeyValue& kv : kvs) {
        if (kv.key == "repeats") repeats = std::atoi(kv.value.c_str());
        else if (kv.key == "seeds") seeds = std::atoi(kv.value.c_str());
        else if (kv.key == "sleeps") sleeps = kv.value;
        else if (kv.key == "data") data_dir = kv.value;
        else digits_kvs.push_back(kv);
    }
    if (repeats < 1 || seeds < 1 || (sleeps != "last" && sleeps != "all")) {
        std::fprintf(stderr, "src_crosscheck: repeats and seeds must be >= 1, sleeps last or all\n");
        return 2;
    }
    DigitsSettings s;
    for (const SettingsIssue& e : s.apply(digits_kvs)) {
        std::fprintf(stderr, "src_crosscheck: %s=%s: %s\n", e.key.c_str(), e.value.c_str(), e.message.c_str());
        return 2;
    }
    if (!s.sleep || s.joint || s.sleep_schedule != "after_task" || s.src.w_inh != 0.0) {
        std::fprintf(stderr, "src_crosscheck: needs sleep=1, joint=0, sleep_schedule=after_task and src_w_inh=0\n");
        return 2;
    }
    auto data = std::make_shared<DigitsData>();
    if (std::string e = load_digits_dir(data_dir, 10, data.get()); !e.empty()) {
        std::fprintf(stderr, "src_crosscheck: %s\n", e.c_str());
        return 1;
    }
    if (data->train.rows != data->train.cols) { std::fprintf(stderr, "src_crosscheck: square images only\n"); return 1; }
    std::vector<double> diffs;
    const int first = s.seed;
    for (int k = 0; k < seeds; ++k) {
        s.seed = first + k;
        if (!check_seed(s, data, repeats, sleeps == "all", &diffs)) return 2;
    }
    if (diffs.size() > 1) {
        double sd = 0.0;
        for (double d : diffs) sd += (d - mean(diffs)) * (d - mean(diffs));
        sd = std::sqrt(sd / (diffs.size() - 1));
        std::printf("engine - reference over %zu sleeps: %+.2f points, SD %.2f, standard error %.2f\n", diffs.size(),
                    mean(diffs), sd, sd / std::sqrt(static_cast<double>(diffs.size())));
    }
    return 0;
}
