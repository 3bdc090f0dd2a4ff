// sleepnet digits: SRC settings (keys, ranges, the sleep-length schedule), the per-layer scale factors
// and the STDP weight-dependence g(w). The simulation itself is in src_sleep.cpp.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/settings.h"
#include "digits/src_sleep.h"

namespace sleepnet::digits {

int SrcParams::steps_for_task(int task_1based) const {
    return base_steps + (std::max(task_1based, 1) - 1) * steps_per_task;
}

static std::string join_doubles(const std::vector<double>& v) {
    std::string out;
    for (double x : v) {
        if (!out.empty()) out += ',';
        out += format_number(x);
    }
    return out;
}

// "14.5,44.6,38.0" -> values; returns "" or an error message.
static std::string parse_beta(const std::string& text, std::vector<double>* out) {
    std::vector<double> v;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t comma = text.find(',', pos);
        std::string part = text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
        errno = 0;
        char* end = nullptr;
        double x = std::strtod(part.c_str(), &end);
        if (!is_plain_number(part) || *end || errno || !std::isfinite(x)) return "'" + part + "' is not a number";
        if (!(x > 0) || x > 1e6) return "each beta must be in (0..1e6]";
        v.push_back(x);
        if (comma == std::string::npos) break;
        pos = comma + 1;
    }
    if (v.empty() || v.size() > 16) return "give 1..16 comma-separated values, one per weight layer";
    *out = v;
    return "";
}

void SrcParams::bind(SettingsTable& t, const char* prefix) {
    const std::string pre = prefix ? prefix : "";
    auto key = [&](const char* name) { return pre + name; };
    t.add_double(key("max_rate").c_str(), &max_rate, 0, 1e6, "SRC input rate: P(spike) = min(1, 2 dt max_rate pixel)");
    t.add_double(key("inc").c_str(), &inc, 0, 100, "SRC STDP increment (pre and post spiked)");
    t.add_double(key("dec").c_str(), &dec, 0, 100, "SRC STDP decrement (post spiked, pre silent)");
    // Formatted from the values when read, so a preset that replaces them is what the query shows.
    std::vector<double>* b = &beta;
    t.add_text(key("beta").c_str(), "SRC threshold scale per weight layer, comma list (H1,H2,Out)",
               [b](const std::string& s) { return parse_beta(s, b); }, [b] { return join_doubles(*b); });
    t.add_double(key("alpha_scale").c_str(), &alpha_scale, 0, 1e9, "SRC current scale: alpha_l = alpha_scale / f_l");
    t.add_double(key("dt").c_str(), &dt, 1e-9, 1, "SRC time step (s), only enters the input rate");
    t.add_double(key("decay").c_str(), &decay, 0, 1, "SRC membrane decay per step");
    t.add_double(key("threshold").c_str(), &threshold, 0, 1e9, "SRC spike threshold (times beta)");
    t.add_double(key("w_inh").c_str(), &w_inh, -1e3, 1e3, "SRC subtractive mean inhibition (0 = off)");
    t.add_int(key("window").c_str(), &window, 1, 4096, "SRC input window side in pixels (mean image shown through it; a larger one is the whole image)");
    t.add_int(key("base_steps").c_str(), &base_steps, 0, 100000000, "SRC sleep steps after task 1");
    t.add_int(key("steps_per_task").c_str(), &steps_per_task, 0, 100000000, "SRC extra sleep steps per later task");
}

std::string SrcParams::check(int layers) const {
    if (static_cast<int>(beta.size()) != layers)
        return "src_beta has " + std::to_string(beta.size()) + " values (" + join_doubles(beta) + ") but the network has " +
               std::to_string(layers) + " weight layers: give src_beta one threshold scale per weight layer";
    for (double b : beta) if (!(b > 0) || !std::isfinite(b)) return "src_beta values must be positive";
    if (!(dt > 0) || !(max_rate >= 0)) return "src_dt must be > 0 and src_max_rate >= 0";
    if (!(decay >= 0 && decay <= 1)) return "src_decay must be in [0,1]";
    if (window < 1) return "src_window must be >= 1";
    return "";
}

std::vector<double> src_alpha(const MlpWeights& w, const std::vector<float>& max_activation, double alpha_scale) {
    std::vector<double> alpha(w.W.size());
    double prev = 1.0;
    for (size_t l = 0; l < w.W.size(); ++l) {
        double s = 0.0;                                       // max(0, max W), max(0, max a)
        for (float x : w.W[l]) s = std::max(s, static_cast<double>(x));
        if (l < max_activation.size()) s = std::max(s, static_cast<double>(max_activation[l]));
        if (!(s > 0.0)) s = 1.0;
        const double f = s / prev;
        alpha[l] = (1.0 / f) * alpha_scale;                   // as the code: factor_log = 1/f; alpha = factor * scale
        prev = f;                                             // the quirk: f, not s
    }
    return alpha;
}

}  // namespace sleepnet::digits
