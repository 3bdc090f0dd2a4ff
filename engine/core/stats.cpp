#include "core/stats.h"

#include <algorithm>
#include <cstdio>

#include "core/json.h"

namespace sleepnet {

std::string format_mean_sd(double mean, double sd, int decimals) {
    char buf[96];
    if (std::isnan(mean)) return "—";
    if (std::isnan(sd)) std::snprintf(buf, sizeof buf, "%.*f (one seed)", decimals, mean);
    else std::snprintf(buf, sizeof buf, "%.*f ± %.*f", decimals, mean, decimals, sd);
    return buf;
}

std::string pad_text(std::string s, size_t width) {
    size_t chars = 0;
    for (unsigned char c : s) chars += (c & 0xC0) != 0x80;   // continuation bytes do not start a character
    return s + std::string(chars < width ? width - chars : 0, ' ');
}

std::string repro_json(const std::string& paper, int seeds, const std::vector<ReproRow>& rows,
                       const std::vector<std::string>& protocols) {
    JsonWriter j;
    j.begin_object().kv("paper", paper).kv("seeds", seeds);
    if (!protocols.empty()) {
        j.key("protocols").begin_array();
        for (const auto& p : protocols) j.value(p);
        j.end_array();
    }
    j.key("rows").begin_array();
    for (auto& r : rows) {
        j.begin_object().kv("condition", r.condition).kv("measure", r.measure).kv("paper", r.paper)
            .kv("mean", r.mean).kv("sd", r.sd).end_object();
    }
    j.end_array().end_object();
    return j.str() + "\n";
}

std::string repro_table(const std::vector<ReproRow>& rows, int decimals) {
    size_t wc = 9, wm = 7;
    for (auto& r : rows) { wc = std::max(wc, r.condition.size()); wm = std::max(wm, r.measure.size()); }
    char buf[128];
    std::string out = pad_text("condition", wc) + "  " + pad_text("measure", wm) + "  " + pad_text("paper", 10) + "  ours (mean ± sd)\n";
    out += std::string(wc + wm + 34, '-') + "\n";
    for (auto& r : rows) {
        std::string p = "—";
        if (!std::isnan(r.paper)) { std::snprintf(buf, sizeof buf, "%.*f", decimals, r.paper); p = buf; }
        // Undefined (e.g. backward transfer with a single task): a dash, not "nan".
        const std::string ours = std::isnan(r.mean) ? "— (undefined)" : format_mean_sd(r.mean, r.sd, decimals);
        out += pad_text(r.condition, wc) + "  " + pad_text(r.measure, wm) + "  " + pad_text(p, 10) + "  " + ours + "\n";
    }
    return out;
}

}  // namespace sleepnet
