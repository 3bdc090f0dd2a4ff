// sleepnet core: summary statistics over seeds, and the shared `reproduce` row format.
#pragma once
#include <cmath>
#include <string>
#include <vector>

namespace sleepnet {

struct MeanSd { double mean = std::nan(""), sd = std::nan(""); int n = 0; };

// Mean and sample standard deviation (n-1). Undefined figures are NaN (null in JSON; see format_mean_sd):
// the mean of no values, and the SD of a single one (not 0: one seed says nothing about the spread).
inline MeanSd mean_sd(const std::vector<double>& v) {
    MeanSd r; r.n = static_cast<int>(v.size());
    if (v.empty()) return r;
    double s = 0; for (double x : v) s += x;
    r.mean = s / v.size();
    if (v.size() > 1) { double q = 0; for (double x : v) q += (x - r.mean) * (x - r.mean); r.sd = std::sqrt(q / (v.size() - 1)); }
    return r;
}

// "0.650 ± 0.020"; "0.650 (one seed)" when the SD is undefined; "—" without a mean.
std::string format_mean_sd(double mean, double sd, int decimals);
// `s` padded with spaces to `width` characters for a table column (UTF-8: "±" and "—" count once).
std::string pad_text(std::string s, size_t width);

// One row of a `reproduce` table: {"condition", "measure", "paper", "mean", "sd"}.
// paper is NaN when the paper gives no number (written as null).
struct ReproRow { std::string condition, measure; double paper; double mean, sd; };

// {"paper": ..., "seeds": N, "rows": [...]} and a readable table with paper and ours side by side. A run of some
// of the protocols only also names them: "protocols": [...] after "seeds".
std::string repro_json(const std::string& paper, int seeds, const std::vector<ReproRow>& rows,
                       const std::vector<std::string>& protocols = {});
std::string repro_table(const std::vector<ReproRow>& rows, int decimals);

}  // namespace sleepnet
